package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/fleet"
	"github.com/planbot/planbot/index"
)

// benchFleet is the endpoint's replica in a fleet, with a second replica
// that follows its announcements.
type benchFleet struct {
	*fleet.Fleet
	other     *fleet.Fleet
	otherLive *index.Live
}

// joinFleet makes live a replica of a fleet in the database at url, with a
// second replica over its own index of the same corpus.
func joinFleet(ctx context.Context, url string, live *index.Live) (*benchFleet, error) {
	other, err := index.NewLive(ctx, corpus.LoadDefault)
	if err != nil {
		return nil, err
	}
	open := func(id string, ix fleet.Index) (*fleet.Fleet, error) {
		f, err := fleet.Open(ctx, fleet.Config{DatabaseURL: url, Replica: id, Index: ix, Load: corpus.LoadDefault})
		if err != nil {
			return nil, fmt.Errorf("join the fleet: %w", err)
		}
		f.Start(ctx)
		return f, nil
	}
	b := &benchFleet{otherLive: other}
	if b.other, err = open("bench-follower", other); err != nil {
		other.Close()
		return nil, err
	}
	if b.Fleet, err = open("bench-endpoint", live); err != nil {
		b.other.Close()
		other.Close()
		return nil, err
	}
	return b, nil
}

// Close leaves the fleet with both replicas.
func (b *benchFleet) Close() error {
	b.Fleet.Close()
	b.other.Close()
	return b.otherLive.Close()
}

// ifFleet says whether the storm's /reindex were announced.
func ifFleet(on bool) string {
	if on {
		return ", announced through PostgreSQL to a second replica"
	}
	return ""
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
