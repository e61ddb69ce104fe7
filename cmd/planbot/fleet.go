package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/planbot/planbot/bot"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/fleet"
)

// fleetOpenTimeout bounds joining the fleet at start, as for the settings
// store.
const fleetOpenTimeout = 30 * time.Second

// replicaID is PLANBOT_REPLICA_ID, else host name and process id, which
// tell apart replicas on one machine and containers on many.
func (c Config) replicaID() string {
	if c.ReplicaID != "" {
		return c.ReplicaID
	}
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "planbot"
	}
	id := host + "-" + strconv.Itoa(os.Getpid())
	if c.Sharded() {
		id += "-shard-" + strconv.Itoa(c.ShardID)
	}
	return id
}

// startFleet joins the replicas and shards sharing PLANBOT_DATABASE_URL,
// so that a /reindex on any of them reaches this one, and returns the
// fleet for the handler (nil without PostgreSQL: on one machine there is
// nobody to tell). load must read the corpus folder as the index does.
func startFleet(ctx context.Context, cfg Config, ix fleet.Index, load func() (*corpus.Corpus, error), m *bot.Metrics, log *slog.Logger) (*fleet.Fleet, error) {
	if cfg.DatabaseURL == "" {
		return nil, nil
	}
	octx, cancel := context.WithTimeout(ctx, fleetOpenTimeout)
	defer cancel()
	f, err := fleet.Open(octx, fleet.Config{
		DatabaseURL: cfg.DatabaseURL, Replica: cfg.replicaID(), Index: ix, Load: load, Logger: log,
	})
	if err != nil {
		return nil, fmt.Errorf("%w (check PLANBOT_DATABASE_URL; the user must be allowed to create tables)", err)
	}
	f.Start(ctx)
	m.WatchFleet(f.Listening)
	return f, nil
}
