package fleet

import (
	"context"
	"fmt"
	"github.com/planbot/planbot/internal/pgtest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// corpusDir copies the regular files of corpus/testdata/good into a new
// folder: one replica's copy of the corpus.
func corpusDir(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "corpus", "testdata", "good")
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// edit replaces from by to in a file of dir.
func edit(t *testing.T, dir, file, from, to string) {
	t.Helper()
	p := filepath.Join(dir, file)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), from) {
		t.Fatalf("%s does not contain %q", p, from)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), from, to, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// replica is one planbot replica in process: a real index over its own
// copy of the corpus folder, in the fleet.
type replica struct {
	dir   string
	live  *index.Live
	fleet *Fleet
}

func (r *replica) hash() string { return r.live.Corpus().Hash() }

// startReplica builds the index of dir and joins the fleet of db as id.
func startReplica(t *testing.T, db, id, dir string, tweak func(*Config, *Fleet)) *replica {
	t.Helper()
	ctx := context.Background()
	load := func() (*corpus.Corpus, error) { return corpus.LoadDir(dir) }
	live, err := index.NewLive(ctx, load)
	if err != nil {
		t.Fatalf("build index of %s: %v", dir, err)
	}
	t.Cleanup(func() { live.Close() })
	cfg := Config{
		DatabaseURL: db, Replica: id, Index: live, Load: load,
		Wait: 3 * time.Second, Heartbeat: time.Second, Idle: time.Second,
		Retries: []time.Duration{}, MinBackoff: 50 * time.Millisecond, MaxBackoff: 200 * time.Millisecond,
	}
	f, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if tweak != nil {
		tweak(&f.cfg, f)
	}
	f.Start(ctx)
	t.Cleanup(func() {
		if err := f.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	waitFor(t, "replica "+id+" listening", f.Listening)
	return &replica{dir: dir, live: live, fleet: f}
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// reindex is what /reindex does on the replica that receives it: rebuild
// from its folder, then announce.
func (r *replica) reindex(t *testing.T) Report {
	t.Helper()
	if _, err := r.live.Reload(context.Background()); err != nil {
		t.Fatalf("reload: %v", err)
	}
	rep, err := r.fleet.Announce(context.Background(), r.hash())
	if err != nil {
		t.Fatalf("Announce: %v", err)
	}
	return rep
}

const (
	oldText = "Ukraine's sovereignty is confirmed."
	newText = "Ukraine's sovereignty is reaffirmed by every signatory."
)

// TestAnnounceFollows: after an edit of the shared corpus and a rebuild
// on one replica, the others rebuild from their own copies and the report
// counts every replica serving the new corpus; the new text is found on
// each.
func TestAnnounceFollows(t *testing.T) {
	db := pgtest.Schema(t, "planbot_test_")
	rs := []*replica{
		startReplica(t, db, "a", corpusDir(t), nil),
		startReplica(t, db, "b", corpusDir(t), nil),
		startReplica(t, db, "c", corpusDir(t), nil),
	}
	old := rs[0].hash()
	for _, r := range rs {
		if r.hash() != old {
			t.Fatalf("copies of one corpus hash differently")
		}
		edit(t, r.dir, "plan.md", oldText, newText)
	}
	start := time.Now()
	rep := rs[0].reindex(t)
	if rep.Hash == old || rep.Replicas != 3 || rep.Serving != 3 || len(rep.Holdouts) != 0 || len(rep.Silent) != 0 {
		t.Fatalf("report = %+v; want 3 of 3 serving a new corpus", rep)
	}
	t.Logf("3 of 3 replicas serve corpus %s after %s", corpus.ShortHash(rep.Hash), time.Since(start).Round(time.Millisecond))
	for i, r := range rs {
		if r.hash() != rep.Hash {
			t.Errorf("replica %d serves %s; want %s", i, corpus.ShortHash(r.hash()), corpus.ShortHash(rep.Hash))
		}
		res, err := r.live.Search(context.Background(), "reaffirmed by every signatory", index.Options{})
		if err != nil || len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Point.Text, "reaffirmed") {
			t.Errorf("replica %d does not answer from the new text: %+v, %v", i, res, err)
		}
	}
}

// TestAnnounceHoldouts: a replica whose copy differs, and one whose copy is
// broken, keep their old index, and the report names them with why.
func TestAnnounceHoldouts(t *testing.T) {
	db := pgtest.Schema(t, "planbot_test_")
	a := startReplica(t, db, "a", corpusDir(t), nil)
	differs := startReplica(t, db, "differs", corpusDir(t), nil)
	broken := startReplica(t, db, "broken", corpusDir(t), nil)
	old := a.hash()
	edit(t, a.dir, "plan.md", oldText, newText)
	edit(t, differs.dir, "plan.md", oldText, "Another wording nobody announced.")
	edit(t, broken.dir, "plan.md", "## 2. Armed forces", "## 1. Armed forces")
	edit(t, broken.dir, "plan.md", oldText, newText)

	rep := a.reindex(t)
	if rep.Replicas != 3 || rep.Serving != 1 || len(rep.Holdouts) != 2 {
		t.Fatalf("report = %+v; want 1 of 3 serving and two holdouts", rep)
	}
	why := map[string]Holdout{}
	for _, h := range rep.Holdouts {
		why[h.Replica] = h
	}
	if h := why["differs"]; h.Hash != old || !strings.Contains(h.Error, "holds corpus") {
		t.Errorf("holdout differs = %+v; want it to keep %s because its folder holds another corpus", h, corpus.ShortHash(old))
	}
	if h := why["broken"]; h.Hash != old || !strings.Contains(h.Error, "folder is broken: 3 problems, first ") {
		t.Errorf("holdout broken = %+v; want it to keep %s and say its folder is broken, with the first problem", h, corpus.ShortHash(old))
	}
	for _, r := range []*replica{differs, broken} {
		if r.hash() != old {
			t.Errorf("replica %s switched to %s; want it to keep %s", r.fleet.Replica(), corpus.ShortHash(r.hash()), corpus.ShortHash(old))
		}
	}
}

// TestCatchUpAfterLostListen: the server ends a replica's LISTEN
// connection; an announcement made while it is away is never delivered to
// it, yet after it reconnects it compares hashes and follows.
func TestCatchUpAfterLostListen(t *testing.T) {
	db := pgtest.Schema(t, "planbot_test_")
	a := startReplica(t, db, "a", corpusDir(t), nil)
	gate := make(chan struct{})
	reconnects := make(chan struct{}, 10)
	var held bool
	// named for this run alone: the backend of an earlier test's replica
	// may linger in pg_stat_activity after it closed
	away := fmt.Sprintf("away-%d", time.Now().UnixNano())
	b := startReplica(t, db, away, corpusDir(t), func(_ *Config, f *Fleet) {
		f.beforeConnect = func(ctx context.Context) error {
			if held {
				reconnects <- struct{}{}
				select {
				case <-gate:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			held = true // hold every connection after the first
			return nil
		}
	})

	admin, err := pgx.Connect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	var n int
	if err := admin.QueryRow(context.Background(),
		"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1", "planbot fleet "+away).Scan(&n); err != nil || n != 1 {
		t.Fatalf("terminate b's LISTEN connection: %d ended, %v", n, err)
	}
	select {
	case <-reconnects:
	case <-time.After(5 * time.Second):
		t.Fatal("b never tried to reconnect after its connection was ended")
	}
	if b.fleet.Listening() {
		t.Fatal("b says it listens while its connection is held back")
	}

	for _, r := range []*replica{a, b} {
		edit(t, r.dir, "plan.md", oldText, newText)
	}
	if _, err := a.live.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	// a short wait: b cannot answer while away
	a.fleet.cfg.Wait = 300 * time.Millisecond
	rep, err := a.fleet.Announce(context.Background(), a.hash())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Serving != 1 || len(rep.Silent) != 1 || rep.Silent[0] != away {
		t.Errorf("report while b is away = %+v; want 1 serving, %s silent", rep, away)
	}
	if b.hash() == a.hash() {
		t.Fatal("b followed while it had no LISTEN connection")
	}

	close(gate)
	waitFor(t, "b to reconnect", b.fleet.Listening)
	waitFor(t, "b to catch up with the announcement", func() bool { return b.hash() == a.hash() })
	// b records what it serves just after it swaps its index in
	waitFor(t, "the status to show both replicas serving", func() bool {
		rep, err = a.fleet.Status(context.Background(), a.hash())
		return err == nil && rep.Serving == 2
	})
}

// TestAnnounceStorm: hundreds of announcements at once share one, and the
// followers reload a bounded number of times.
func TestAnnounceStorm(t *testing.T) {
	db := pgtest.Schema(t, "planbot_test_")
	a := startReplica(t, db, "a", corpusDir(t), nil)
	b := startReplica(t, db, "b", corpusDir(t), nil)
	for _, r := range []*replica{a, b} {
		edit(t, r.dir, "plan.md", oldText, newText)
	}
	if _, err := a.live.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	done := make(chan Report, 300)
	for range 300 {
		go func() {
			rep, err := a.fleet.Announce(context.Background(), a.hash())
			if err != nil {
				t.Error(err)
			}
			done <- rep
		}()
	}
	for range 300 {
		if rep := <-done; rep.Serving != 2 {
			t.Errorf("a storm report = %+v; want 2 of 2", rep)
		}
	}
	if n := b.fleet.follows.Load(); n > 5 {
		t.Errorf("b followed %d announcements of one corpus; want a few", n)
	}
}

// TestStrayNotification: a notification on the channel that names no
// corpus (someone else's NOTIFY) makes no replica reload or record.
func TestStrayNotification(t *testing.T) {
	db := pgtest.Schema(t, "planbot_test_")
	a := startReplica(t, db, "a", corpusDir(t), nil)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "SELECT pg_notify($1, 'drop table; --')", a.fleet.Channel()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if n := a.fleet.follows.Load(); n != 0 {
		t.Errorf("a stray notification was followed (%d follows)", n)
	}
	var wanted string
	if err := admin.QueryRow(ctx, "SELECT wanted FROM corpus_replicas WHERE replica_id = 'a'").Scan(&wanted); err != nil || wanted != "" {
		t.Errorf("replica a recorded wanted=%q, %v; want nothing", wanted, err)
	}
	if _, err := a.fleet.Announce(ctx, "not a hash"); err == nil {
		t.Error("Announce of a malformed hash succeeded")
	}
}
