package fleet

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/planbot/planbot/corpus"
)

// Report says which replicas serve an announced corpus, Config.Wait after
// the announcement or as soon as every replica serves it.
type Report struct {
	// Hash is the corpus announced.
	Hash string
	// Replicas counts the replicas alive (heartbeat seen recently), this
	// one included.
	Replicas int
	// Serving counts those that serve Hash.
	Serving int
	// Holdouts are the replicas that tried and keep another corpus, with
	// why, by replica id.
	Holdouts []Holdout
	// Silent are the replicas that had not answered when the wait ended.
	Silent []string
}

// Holdout is a replica that keeps serving another corpus than the one
// announced.
type Holdout struct {
	Replica string
	Hash    string // the corpus it keeps serving
	Error   string // why, e.g. "its corpus folder holds corpus 91ab…, not 4f2a…"
}

// announceCall is an Announce under way, which Announce calls for the same
// corpus join.
type announceCall struct {
	done chan struct{}
	rep  Report
	err  error
}

// Announce tells every replica that this one now serves corpus hash, then
// waits until all serve it (or Config.Wait passed, or ctx ended) and
// reports which serve it. Calls for a corpus already being announced share
// that announcement's report, so a storm of /reindex makes one
// announcement at a time per corpus.
func (f *Fleet) Announce(ctx context.Context, hash string) (Report, error) {
	f.announceMu.Lock()
	if c, ok := f.announcing[hash]; ok {
		f.announceMu.Unlock()
		select {
		case <-c.done:
			return c.rep, c.err
		case <-ctx.Done():
			return Report{Hash: hash}, ctx.Err()
		}
	}
	if !isHash(hash) {
		f.announceMu.Unlock()
		return Report{Hash: hash}, fmt.Errorf("announce corpus: %q is not a corpus hash", hash)
	}
	c := &announceCall{done: make(chan struct{})}
	f.announcing[hash] = c
	f.announceMu.Unlock()

	c.rep, c.err = f.announce(context.WithoutCancel(ctx), hash)
	f.announceMu.Lock()
	delete(f.announcing, hash)
	f.announceMu.Unlock()
	close(c.done)
	return c.rep, c.err
}

// announce does Announce's work once.
func (f *Fleet) announce(ctx context.Context, hash string) (Report, error) {
	ctx, cancel := context.WithTimeout(ctx, f.cfg.Wait+5*time.Second)
	defer cancel()
	if err := f.record(ctx, f.cfg.Index.Corpus().Hash(), hash, ""); err != nil {
		return Report{Hash: hash}, fmt.Errorf("announce corpus: %w", err)
	}
	tx, err := f.pool.Begin(ctx)
	if err != nil {
		return Report{Hash: hash}, fmt.Errorf("announce corpus: %s: %w", f.where, err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `INSERT INTO corpus_announcement (id, hash, replica_id) VALUES (1, $1, $2)
ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, replica_id = excluded.replica_id, announced_at = now()`, hash, f.cfg.Replica); err != nil {
		return Report{Hash: hash}, fmt.Errorf("announce corpus: %s: %w", f.where, err)
	}
	// the notification is sent when the transaction commits, with the row
	// that lets a replica that misses it catch up
	if _, err := tx.Exec(ctx, "SELECT pg_notify($1, $2)", f.channel, hash+" "+f.cfg.Replica); err != nil {
		return Report{Hash: hash}, fmt.Errorf("announce corpus: notify: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return Report{Hash: hash}, fmt.Errorf("announce corpus: commit: %w", err)
	}
	f.log.Info("fleet: announced corpus", slog.String("corpus", corpus.ShortHash(hash)))

	deadline := time.Now().Add(f.cfg.Wait)
	for {
		rep, err := f.Status(ctx, hash)
		if err != nil {
			return rep, err
		}
		// Holdouts may still be retrying (their folder being synced), so
		// only all replicas serving ends the wait early.
		if rep.Serving == rep.Replicas || time.Now().After(deadline) {
			return rep, nil
		}
		select {
		case <-ctx.Done():
			return rep, nil
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Status reports which live replicas serve corpus hash now.
func (f *Fleet) Status(ctx context.Context, hash string) (Report, error) {
	rep := Report{Hash: hash}
	rows, err := f.pool.Query(ctx, `SELECT replica_id, hash, wanted, error FROM corpus_replicas
WHERE seen_at > now() - make_interval(secs => $1) ORDER BY replica_id`, (3 * f.cfg.Heartbeat).Seconds())
	if err != nil {
		return rep, fmt.Errorf("read replicas from %s: %w", f.where, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, served, wanted, reason string
		if err := rows.Scan(&id, &served, &wanted, &reason); err != nil {
			return rep, fmt.Errorf("read replicas from %s: %w", f.where, err)
		}
		rep.Replicas++
		switch {
		case served == hash:
			rep.Serving++
		case wanted == hash && reason != "":
			rep.Holdouts = append(rep.Holdouts, Holdout{Replica: id, Hash: served, Error: reason})
		default:
			rep.Silent = append(rep.Silent, id)
		}
	}
	if err := rows.Err(); err != nil {
		return rep, fmt.Errorf("read replicas from %s: %w", f.where, err)
	}
	return rep, nil
}
