package fleet

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

// schemaLockKey is the advisory lock held while the tables are created, so
// that replicas starting at once do not race on CREATE TABLE IF NOT EXISTS.
// It spells "pbfleet" in ASCII.
const schemaLockKey int64 = 0x7062666c656574

// schema is the fleet's two tables. They are created, never altered, by
// the first replica to start; they hold nothing a restart cannot rebuild.
//
// corpus_replicas has one row per running replica: the corpus it serves
// (hash), the last announced corpus it tried to follow (wanted) and why it
// does not serve it (error, empty when it does). seen_at is its heartbeat;
// a row whose heartbeat stopped is left out of the counts and deleted when
// it is an hour old.
//
// corpus_announcement has one row: the corpus last announced, so that a
// replica that lost its LISTEN connection catches up by comparing hashes.
const schema = `
CREATE TABLE IF NOT EXISTS corpus_replicas (
	replica_id text PRIMARY KEY CHECK (replica_id <> '' AND length(replica_id) <= 200),
	hash       text NOT NULL,
	wanted     text NOT NULL DEFAULT '',
	error      text NOT NULL DEFAULT '',
	updated_at timestamptz NOT NULL DEFAULT now(),
	seen_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS corpus_announcement (
	id           int PRIMARY KEY CHECK (id = 1),
	hash         text NOT NULL,
	replica_id   text NOT NULL,
	announced_at timestamptz NOT NULL DEFAULT now()
)`

// createSchema creates the tables if they are missing.
func createSchema(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("create fleet tables: begin: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", schemaLockKey); err != nil {
		return fmt.Errorf("create fleet tables: take advisory lock: %w", err)
	}
	if _, err := tx.Exec(ctx, schema); err != nil {
		return fmt.Errorf("create fleet tables: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("create fleet tables: commit: %w", err)
	}
	return nil
}
