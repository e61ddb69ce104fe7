package fleet

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// Index is the live index of one replica, as the fleet drives it.
// *index.Live fits.
type Index interface {
	// Corpus is the corpus being served.
	Corpus() *corpus.Corpus
	// Reload loads the corpus folder again and swaps in a new index,
	// keeping the old one when that fails.
	Reload(ctx context.Context) (*index.ReloadReport, error)
}

// Config is what a Fleet needs; DatabaseURL, Replica, Index and Load are
// required.
type Config struct {
	// DatabaseURL is the PostgreSQL database every replica shares
	// (PLANBOT_DATABASE_URL). Replicas find each other by database and
	// schema (search_path): the NOTIFY channel is named after the schema.
	DatabaseURL string
	// Replica names this process in the replicas table and in the
	// admin's reply: unique among the replicas (PLANBOT_REPLICA_ID, by
	// default host name and process id).
	Replica string
	// Index is the index this replica serves.
	Index Index
	// Load reads the corpus folder the way Index.Reload does, without
	// swapping anything in: a replica checks that its copy holds the
	// announced corpus before it rebuilds.
	Load func() (*corpus.Corpus, error)
	// Logger receives what the fleet does; nil discards.
	Logger *slog.Logger

	// Wait is how long Announce waits for the other replicas (default
	// 5 s).
	Wait time.Duration
	// Heartbeat is how often a replica says it is alive (default 5 s);
	// one silent for three heartbeats is left out of the counts.
	Heartbeat time.Duration
	// Idle is how long the LISTEN connection waits for a notification
	// before it checks that the connection still works and compares
	// hashes (default 30 s).
	Idle time.Duration
	// Retries are the waits before a replica whose folder does not hold
	// the announced corpus (yet: a sync may be under way) or is broken
	// tries again (default 0.5 s, 1 s, 2 s).
	Retries []time.Duration
	// Backoff is the first and the longest wait before reconnecting a
	// lost LISTEN connection (default 250 ms, 30 s).
	MinBackoff, MaxBackoff time.Duration
}

// Fleet is one replica's membership in the fleet: it listens for
// announcements and follows them, keeps its row in corpus_replicas, and
// announces the corpus after a /reindex it served. It is safe for
// concurrent use.
type Fleet struct {
	cfg     Config
	log     *slog.Logger
	pool    *pgxpool.Pool
	connCfg *pgx.ConnConfig
	channel string
	where   string

	latest     chan string // the newest announcement not yet followed
	listening  atomic.Bool
	lastWanted atomicString // the last announcement followed
	follows    atomic.Int64 // announcements followed, for tests and metrics

	announceMu sync.Mutex
	announcing map[string]*announceCall

	stop func()
	done sync.WaitGroup

	// beforeConnect, when set by a test, runs before each LISTEN
	// connection is made; it can hold a reconnection back.
	beforeConnect func(ctx context.Context) error
}

// Open connects to the database, creates the fleet's tables if missing and
// returns a Fleet that does nothing until Start. Errors name the user,
// host and database, never the password.
func Open(ctx context.Context, cfg Config) (*Fleet, error) {
	if cfg.Replica == "" || cfg.Index == nil || cfg.Load == nil {
		return nil, errors.New("fleet: Config needs Replica, Index and Load")
	}
	setDefaults(&cfg)
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pcfg, err := pgxpool.ParseConfig(cfg.DatabaseURL)
	if err != nil {
		// pgx's message can quote the string back with its password
		return nil, errors.New("fleet: PLANBOT_DATABASE_URL is not a PostgreSQL connection string")
	}
	if pcfg.ConnConfig.ConnectTimeout == 0 {
		pcfg.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	pcfg.MaxConns = 4
	where := fmt.Sprintf("postgres://%s@%s:%d/%s", pcfg.ConnConfig.User, pcfg.ConnConfig.Host, pcfg.ConnConfig.Port, pcfg.ConnConfig.Database)
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return nil, fmt.Errorf("fleet: connect to %s: %w", where, err)
	}
	f := &Fleet{
		cfg: cfg, log: log.With(slog.String("component", "fleet"), slog.String("replica", cfg.Replica)),
		pool: pool, connCfg: pcfg.ConnConfig, where: where,
		latest: make(chan string, 1), announcing: map[string]*announceCall{},
		stop: func() {},
	}
	if err := createSchema(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("fleet: %s: %w", where, err)
	}
	var schemaName string
	if err := pool.QueryRow(ctx, "SELECT current_schema()").Scan(&schemaName); err != nil {
		pool.Close()
		return nil, fmt.Errorf("fleet: %s: current schema: %w", where, err)
	}
	f.channel = channelName(schemaName)
	return f, nil
}

func setDefaults(c *Config) {
	if c.Wait <= 0 {
		c.Wait = 5 * time.Second
	}
	if c.Heartbeat <= 0 {
		c.Heartbeat = 5 * time.Second
	}
	if c.Idle <= 0 {
		c.Idle = 30 * time.Second
	}
	if c.Retries == nil {
		c.Retries = []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}
	}
	if c.MinBackoff <= 0 {
		c.MinBackoff = 250 * time.Millisecond
	}
	if c.MaxBackoff < c.MinBackoff {
		c.MaxBackoff = max(30*time.Second, c.MinBackoff)
	}
}

// channelName is the NOTIFY channel of the replicas sharing a schema:
// planbot_corpus_<schema>, at most 63 bytes as PostgreSQL names are.
func channelName(schema string) string {
	c := "planbot_corpus_" + schema
	if len(c) > 63 {
		c = c[:63]
	}
	return c
}

// Channel is the NOTIFY channel the fleet uses.
func (f *Fleet) Channel() string { return f.channel }

// Replica is this replica's id.
func (f *Fleet) Replica() string { return f.cfg.Replica }

// Listening reports whether the LISTEN connection is up.
func (f *Fleet) Listening() bool { return f.listening.Load() }

// Start records the corpus this replica serves and starts listening for
// announcements, following them, and beating the heartbeat, until Close.
func (f *Fleet) Start(ctx context.Context) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	f.stop = cancel
	hash := f.cfg.Index.Corpus().Hash()
	if err := f.record(ctx, hash, "", ""); err != nil {
		f.log.Warn("cannot record the corpus this replica serves; will retry with the heartbeat", slog.Any("error", err))
	}
	f.log.Info("fleet: serving corpus", slog.String("corpus", corpus.ShortHash(hash)), slog.String("channel", f.channel))
	f.done.Go(func() { f.listen(ctx) })
	f.done.Go(func() { f.work(ctx) })
	f.done.Go(func() { f.heartbeat(ctx) })
}

// Close stops listening, removes this replica's row, so that it no longer
// counts, and closes the connections.
func (f *Fleet) Close() error {
	f.stop()
	f.done.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, err := f.pool.Exec(ctx, "DELETE FROM corpus_replicas WHERE replica_id = $1", f.cfg.Replica)
	f.pool.Close()
	if err != nil {
		return fmt.Errorf("fleet: leave %s: %w", f.where, err)
	}
	return nil
}

// record writes which corpus this replica serves, the announced one it
// tried to follow and why it does not serve it.
func (f *Fleet) record(ctx context.Context, hash, wanted, reason string) error {
	_, err := f.pool.Exec(ctx, `INSERT INTO corpus_replicas (replica_id, hash, wanted, error) VALUES ($1, $2, $3, $4)
ON CONFLICT (replica_id) DO UPDATE SET hash = excluded.hash, wanted = excluded.wanted, error = excluded.error,
	updated_at = now(), seen_at = now()`, f.cfg.Replica, hash, wanted, reason)
	if err != nil {
		return fmt.Errorf("record corpus in %s: %w", f.where, err)
	}
	return nil
}

// heartbeat marks this replica alive every Heartbeat, and writes its row
// again if someone removed it. Old rows of replicas gone without Close are
// deleted after an hour.
func (f *Fleet) heartbeat(ctx context.Context) {
	t := time.NewTicker(f.cfg.Heartbeat)
	defer t.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		err := f.beat(ctx)
		switch {
		case err != nil && ctx.Err() == nil && !failing:
			f.log.Warn("fleet heartbeat failed; this replica may be left out of /reindex counts until the database answers", slog.Any("error", err))
			failing = true
		case err == nil && failing:
			f.log.Info("fleet heartbeat works again")
			failing = false
		}
	}
}

func (f *Fleet) beat(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, f.cfg.Heartbeat)
	defer cancel()
	tag, err := f.pool.Exec(ctx, "UPDATE corpus_replicas SET seen_at = now() WHERE replica_id = $1", f.cfg.Replica)
	if err != nil {
		return fmt.Errorf("heartbeat to %s: %w", f.where, err)
	}
	if tag.RowsAffected() == 0 {
		if err := f.record(ctx, f.cfg.Index.Corpus().Hash(), "", ""); err != nil {
			return err
		}
	}
	_, err = f.pool.Exec(ctx, "DELETE FROM corpus_replicas WHERE seen_at < now() - interval '1 hour'")
	return err
}

// errText is an error on one line, at most 300 bytes, for the table and
// the admin's reply. A bad corpus is told by its first problem.
func errText(err error) string {
	var errs corpus.Errors
	s := err.Error()
	if errors.As(err, &errs) && len(errs) > 0 {
		s = errs[0].Error()
		if len(errs) > 1 {
			s = fmt.Sprintf("%d problems, first %s", len(errs), s)
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = strings.ToValidUTF8(s[:297], "") + "..."
	}
	return s
}

// atomicString is a string read and written atomically.
type atomicString struct{ v atomic.Pointer[string] }

func (s *atomicString) Load() string {
	if p := s.v.Load(); p != nil {
		return *p
	}
	return ""
}

func (s *atomicString) Store(v string) { s.v.Store(&v) }
