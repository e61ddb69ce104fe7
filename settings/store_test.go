package settings

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
)

// opener opens a new store on the one database of a test; every call reaches
// the same data. log may be nil. The store is closed when the test ends.
type opener func(t *testing.T, log *slog.Logger) Store

// kind is a backend: fresh makes a new, empty database for one test and
// returns its opener, or skips the test when the backend is unavailable.
type kind struct {
	name  string
	fresh func(t *testing.T) opener
}

var kinds = []kind{
	{"sqlite", freshSQLite},
	{"postgres", freshPostgres},
}

// storeCases is the behaviour every Store must have, run against each kind
// on a real database.
var storeCases = []struct {
	name string
	run  func(t *testing.T, open opener)
}{
	{"unknown guild is not set", testUnknownGuild},
	{"set then get", testSetGet},
	{"each guild has its own version", testPerGuild},
	{"a later set replaces the version", testOverwrite},
	{"survives closing and reopening", testReopen},
	{"bad version ids are rejected and store nothing", testBadVersions},
	{"well-formed version ids are accepted", testGoodVersions},
	{"bad guild ids are rejected", testBadGuilds},
	{"concurrent writers, last write wins", testConcurrentWriters},
	{"two stores on one database see each other", testTwoStores},
	{"stores opened at once migrate once", testConcurrentOpen},
	{"reopening migrates nothing", testMigrateIdempotent},
	{"a newer schema is tolerated", testNewerSchema},
	{"a row without a version reads as unset", testNullVersion},
	{"a canceled context stops the call", testCanceled},
}

func TestStore(t *testing.T) {
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			for _, tc := range slices.Concat(storeCases, feedbackCases) {
				t.Run(tc.name, func(t *testing.T) {
					tc.run(t, k.fresh(t))
				})
			}
		})
	}
}

func mustSet(t *testing.T, s Store, guild, version string) {
	t.Helper()
	if err := s.SetGuildVersion(context.Background(), guild, version); err != nil {
		t.Fatalf("SetGuildVersion(%q, %q) = %v; want nil", guild, version, err)
	}
}

func wantVersion(t *testing.T, s Store, guild, want string, wantOK bool) {
	t.Helper()
	got, ok, err := s.GuildVersion(context.Background(), guild)
	if err != nil || got != want || ok != wantOK {
		t.Fatalf("GuildVersion(%q) = %q, %v, %v; want %q, %v, nil", guild, got, ok, err, want, wantOK)
	}
}

func testUnknownGuild(t *testing.T, open opener) {
	s := open(t, nil)
	wantVersion(t, s, "1", "", false)
	wantVersion(t, s, "1083761230128795648", "", false)
}

func testSetGet(t *testing.T, open opener) {
	s := open(t, nil)
	mustSet(t, s, "1083761230128795648", "plan-20-point-framework")
	wantVersion(t, s, "1083761230128795648", "plan-20-point-framework", true)
}

func testPerGuild(t *testing.T, open opener) {
	s := open(t, nil)
	mustSet(t, s, "111", "plan-28-points")
	mustSet(t, s, "222", "plan-e3-counter-proposal")
	wantVersion(t, s, "111", "plan-28-points", true)
	wantVersion(t, s, "222", "plan-e3-counter-proposal", true)
	wantVersion(t, s, "333", "", false)
	mustSet(t, s, "111", "plan-20-point-framework")
	wantVersion(t, s, "111", "plan-20-point-framework", true)
	wantVersion(t, s, "222", "plan-e3-counter-proposal", true)
}

func testOverwrite(t *testing.T, open opener) {
	s := open(t, nil)
	for _, v := range []string{"plan-28-points", "plan-e3-counter-proposal", "plan-28-points"} {
		mustSet(t, s, "42", v)
		wantVersion(t, s, "42", v, true)
	}
}

func testReopen(t *testing.T, open opener) {
	s := open(t, nil)
	mustSet(t, s, "42", "plan-20-point-framework")
	mustSet(t, s, "43", "plan-28-points")
	if err := s.Close(); err != nil {
		t.Fatalf("Close() = %v", err)
	}
	s = open(t, nil)
	wantVersion(t, s, "42", "plan-20-point-framework", true)
	wantVersion(t, s, "43", "plan-28-points", true)
	mustSet(t, s, "42", "plan-28-points")
	s.Close()
	wantVersion(t, open(t, nil), "42", "plan-28-points", true)
}

var badVersions = []string{
	"",
	"Plan-28",
	"plan 28",
	"plan_28",
	"plan.28",
	"../etc/passwd",
	"plan-28\n",
	"план",
	"plan-28'; DROP TABLE guild_settings; --",
	strings.Repeat("a", MaxVersionLen+1),
}

func testBadVersions(t *testing.T, open opener) {
	s := open(t, nil)
	mustSet(t, s, "42", "plan-28-points")
	for _, v := range badVersions {
		err := s.SetGuildVersion(context.Background(), "42", v)
		if !errors.Is(err, ErrBadVersion) {
			t.Errorf("SetGuildVersion(42, %q) = %v; want an error wrapping ErrBadVersion", v, err)
			continue
		}
		if !strings.Contains(err.Error(), "42") {
			t.Errorf("SetGuildVersion(42, %q) = %q; want the guild named", v, err)
		}
		err = s.SetGuildVersion(context.Background(), "43", v)
		if !errors.Is(err, ErrBadVersion) {
			t.Errorf("SetGuildVersion(43, %q) = %v; want an error wrapping ErrBadVersion", v, err)
		}
	}
	wantVersion(t, s, "42", "plan-28-points", true)
	wantVersion(t, s, "43", "", false)
}

func testGoodVersions(t *testing.T, open opener) {
	s := open(t, nil)
	for _, v := range []string{"a", "0", "-", "2025-12-24", "plan-20-point-framework", strings.Repeat("z", MaxVersionLen)} {
		mustSet(t, s, "42", v)
		wantVersion(t, s, "42", v, true)
	}
}

var badGuilds = []string{
	"",
	"abc",
	"-1",
	"+1",
	"12 3",
	" 123",
	"1.5",
	"0x1f",
	"１２３",                   // full-width digits
	"123456789012345678901", // 21 digits, more than a uint64
}

func testBadGuilds(t *testing.T, open opener) {
	s := open(t, nil)
	ctx := context.Background()
	for _, g := range badGuilds {
		if err := s.SetGuildVersion(ctx, g, "plan-28-points"); !errors.Is(err, ErrBadGuild) {
			t.Errorf("SetGuildVersion(%q, plan-28-points) = %v; want an error wrapping ErrBadGuild", g, err)
		}
		if _, ok, err := s.GuildVersion(ctx, g); !errors.Is(err, ErrBadGuild) || ok {
			t.Errorf("GuildVersion(%q) = _, %v, %v; want false and an error wrapping ErrBadGuild", g, ok, err)
		}
	}
	// Bad guild and bad version: the guild is reported.
	if err := s.SetGuildVersion(ctx, "abc", ""); !errors.Is(err, ErrBadGuild) {
		t.Errorf("SetGuildVersion(abc, \"\") = %v; want ErrBadGuild", err)
	}
	// The longest snowflake is fine.
	mustSet(t, s, "18446744073709551615", "plan-28-points")
	wantVersion(t, s, "18446744073709551615", "plan-28-points", true)
}

// testConcurrentWriters has writers goroutines each set its own guild and a
// shared one rounds times, while reading the shared one.
func testConcurrentWriters(t *testing.T, open opener) {
	const writers, rounds, shared = 16, 20, "999"
	s := open(t, nil)
	ctx := context.Background()
	written := map[string]bool{}
	for w := range writers {
		for r := range rounds {
			written[fmt.Sprintf("s-%d-%d", w, r)] = true
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, writers*rounds*3)
	for w := range writers {
		wg.Go(func() {
			own := fmt.Sprint(1000 + w)
			for r := range rounds {
				if err := s.SetGuildVersion(ctx, own, fmt.Sprintf("v-%d-%d", w, r)); err != nil {
					errs <- err
				}
				if err := s.SetGuildVersion(ctx, shared, fmt.Sprintf("s-%d-%d", w, r)); err != nil {
					errs <- err
				}
				v, ok, err := s.GuildVersion(ctx, shared)
				if err != nil {
					errs <- err
				} else if !ok || !written[v] {
					errs <- fmt.Errorf("GuildVersion(%s) = %q, %v; want one of the written versions", shared, v, ok)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for w := range writers {
		wantVersion(t, s, fmt.Sprint(1000+w), fmt.Sprintf("v-%d-%d", w, rounds-1), true)
	}
	if v, _, _ := s.GuildVersion(ctx, shared); !written[v] {
		t.Errorf("GuildVersion(%s) = %q; want one of the written versions", shared, v)
	}
	// Once the writers are done, the next write is the last one.
	mustSet(t, s, shared, "final")
	wantVersion(t, s, shared, "final", true)
}

// testTwoStores stands for two replicas (Postgres) or two processes
// (SQLite) writing the same guilds.
func testTwoStores(t *testing.T, open opener) {
	a, b := open(t, nil), open(t, nil)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for i, s := range []Store{a, b} {
		wg.Go(func() {
			for r := range 25 {
				if err := s.SetGuildVersion(ctx, "7", fmt.Sprintf("store-%d-%d", i, r)); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	mustSet(t, a, "7", "from-a")
	wantVersion(t, b, "7", "from-a", true)
	mustSet(t, b, "7", "from-b")
	wantVersion(t, a, "7", "from-b", true)
}

func testConcurrentOpen(t *testing.T, open opener) {
	const n = 4
	stores := make([]Store, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { stores[i] = open(t, nil) })
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	want := allVersions()
	for i, s := range stores {
		if got := migrationVersions(t, s); !slices.Equal(got, want) {
			t.Errorf("store %d: schema_migrations = %v; want %v", i, got, want)
		}
	}
	mustSet(t, stores[0], "5", "plan-28-points")
	wantVersion(t, stores[n-1], "5", "plan-28-points", true)
}

func testMigrateIdempotent(t *testing.T, open opener) {
	var log bytes.Buffer
	s := open(t, slog.New(slog.NewTextHandler(&log, nil)))
	if !strings.Contains(log.String(), "migrated=") {
		t.Errorf("first open logged %q; want the migrations it applied", log.String())
	}
	mustSet(t, s, "5", "plan-28-points")
	s.Close()
	log.Reset()
	s = open(t, slog.New(slog.NewTextHandler(&log, nil)))
	if strings.Contains(log.String(), "migrated=") || !strings.Contains(log.String(), fmt.Sprintf("schema_version=%d", latestVersion())) {
		t.Errorf("second open logged %q; want the schema version and no migration", log.String())
	}
	if got, want := migrationVersions(t, s), allVersions(); !slices.Equal(got, want) {
		t.Errorf("schema_migrations = %v; want %v", got, want)
	}
	wantVersion(t, s, "5", "plan-28-points", true)
}

func testNewerSchema(t *testing.T, open opener) {
	s := open(t, nil)
	next := latestVersion() + 1
	rawExec(t, s, fmt.Sprintf("INSERT INTO schema_migrations (version, name) VALUES (%d, 'from a newer planbot')", next))
	s.Close()
	var log bytes.Buffer
	s = open(t, slog.New(slog.NewTextHandler(&log, nil)))
	if !strings.Contains(log.String(), "newer") {
		t.Errorf("open logged %q; want a warning that the schema is newer", log.String())
	}
	mustSet(t, s, "5", "plan-28-points")
	wantVersion(t, s, "5", "plan-28-points", true)
}

func testNullVersion(t *testing.T, open opener) {
	s := open(t, nil)
	rawExec(t, s, "INSERT INTO guild_settings (guild_id) VALUES ('77')")
	wantVersion(t, s, "77", "", false)
	mustSet(t, s, "77", "plan-28-points")
	wantVersion(t, s, "77", "plan-28-points", true)
}

func testCanceled(t *testing.T, open opener) {
	s := open(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.SetGuildVersion(ctx, "5", "plan-28-points"); !errors.Is(err, context.Canceled) {
		t.Errorf("SetGuildVersion(canceled) = %v; want context.Canceled", err)
	}
	if _, _, err := s.GuildVersion(ctx, "5"); !errors.Is(err, context.Canceled) {
		t.Errorf("GuildVersion(canceled) = %v; want context.Canceled", err)
	}
	wantVersion(t, s, "5", "", false)
}

// allVersions lists every migration version, in order.
func allVersions() []int {
	var vs []int
	for _, m := range migrations {
		vs = append(vs, m.version)
	}
	return vs
}

// migrationVersions reads schema_migrations of s, in order.
func migrationVersions(t *testing.T, s Store) []int {
	t.Helper()
	ctx := context.Background()
	var vs []int
	switch s := s.(type) {
	case *SQLite:
		rows, err := s.db.QueryContext(ctx, "SELECT version FROM schema_migrations ORDER BY version")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			vs = append(vs, v)
		}
	case *Postgres:
		rows, err := s.pool.Query(ctx, "SELECT version FROM schema_migrations ORDER BY version")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var v int32
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			vs = append(vs, int(v))
		}
	default:
		t.Fatalf("migrationVersions: unknown store %T", s)
	}
	return vs
}

// rawExec runs a statement on the database under s, as an operator or a
// newer planbot would.
func rawExec(t *testing.T, s Store, query string) {
	t.Helper()
	ctx := context.Background()
	var err error
	switch s := s.(type) {
	case *SQLite:
		_, err = s.db.ExecContext(ctx, query)
	case *Postgres:
		_, err = s.pool.Exec(ctx, query)
	default:
		t.Fatalf("rawExec: unknown store %T", s)
	}
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}
