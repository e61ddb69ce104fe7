// Package pgtest gives tests the PostgreSQL that .ci/run starts: its
// address from PLANBOT_TEST_DATABASE_URL, and a schema of their own in it.
// Tests of the settings store, the fleet, serve and the load benchmark
// share it; nothing outside tests imports it.
package pgtest

import (
	"context"
	"crypto/rand"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// URL returns PLANBOT_TEST_DATABASE_URL. Without it the test is skipped,
// except in CI, where .ci/run starts a server and a skip would hide a
// broken setup.
func URL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("PLANBOT_TEST_DATABASE_URL")
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PLANBOT_TEST_DATABASE_URL is unset in CI: .ci/run should have started PostgreSQL with .ci/postgres.sh")
		}
		t.Skip("PLANBOT_TEST_DATABASE_URL is unset: run `eval \"$(bash .ci/postgres.sh)\"` to start a throwaway PostgreSQL")
	}
	return u
}

// Schema creates a schema named prefix plus a random suffix in the test
// database, dropped when the test ends, and returns a connection string
// that reaches it through search_path: the test gets tables (and a NOTIFY
// channel, which the fleet names after the schema) no other test sees.
func Schema(t testing.TB, prefix string) string {
	t.Helper()
	base := URL(t)
	ctx := context.Background()
	schema := prefix + strings.ToLower(rand.Text()[:12])
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to PLANBOT_TEST_DATABASE_URL: %v", err)
	}
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close(ctx)
		t.Fatalf("create schema %s: %v", schema, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		admin.Close(ctx)
	})
	return WithSearchPath(t, base, schema)
}

// WithSearchPath adds search_path=schema to a URL or key=value connection
// string.
func WithSearchPath(t testing.TB, connString, schema string) string {
	t.Helper()
	if !strings.HasPrefix(connString, "postgres://") && !strings.HasPrefix(connString, "postgresql://") {
		return connString + " search_path=" + schema
	}
	u, err := url.Parse(connString)
	if err != nil {
		t.Fatalf("PLANBOT_TEST_DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
