package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/planbot/planbot/corpus"
)

// copyDir copies the small test corpus into a folder the test may edit.
func copyDir(t *testing.T, from string) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLiveReload swaps indexes while searches run: none may fail, a bad
// corpus changes nothing, and a good edit shows in the next search.
func TestLiveReload(t *testing.T) {
	dir := copyDir(t, "testdata/small")
	live, err := NewLive(context.Background(), func() (*corpus.Corpus, error) { return corpus.LoadDir(dir) })
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()

	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var searches, failures atomic.Int64
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				res, err := live.Search(context.Background(), "lighthouse", Options{})
				searches.Add(1)
				if err != nil || len(res.Hits) == 0 || res.Hits[0].Point.Number != 3 {
					failures.Add(1)
				}
			}
		}()
	}
	for range 20 {
		if _, err := live.Reload(context.Background()); err != nil {
			t.Fatalf("Reload: %v", err)
		}
	}

	// A corpus made bad mid-flight: the reload fails with file:line errors
	// and the old index keeps answering.
	plan := filepath.Join(dir, "plan.md")
	good, _ := os.ReadFile(plan)
	bad := strings.Replace(string(good), "## 3. Lighthouse", "## 2. Lighthouse", 1)
	if err := os.WriteFile(plan, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = live.Reload(context.Background())
	var errs corpus.Errors
	if !errors.As(err, &errs) || !strings.Contains(err.Error(), "plan.md:") || !strings.Contains(err.Error(), "point 2 appears twice") {
		t.Fatalf("Reload of a bad corpus: %v; want corpus.Errors naming plan.md and the line", err)
	}
	stop()
	wg.Wait()
	if failures.Load() != 0 {
		t.Fatalf("%d of %d searches failed during reloads", failures.Load(), searches.Load())
	}

	// A good edit is picked up and reported.
	edited := strings.Replace(string(good), "run by a joint commission", "run by a joint commission of lamplighters", 1)
	if err := os.WriteFile(plan, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := live.Reload(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Changes.PointsChanged) != 1 || rep.Stats.Points != 3 {
		t.Errorf("Reload report = %+v; want one changed point of 3", rep)
	}
	res, err := live.Search(context.Background(), "lamplighters", Options{})
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Point.Number != 3 {
		t.Errorf("the edit is not searchable after Reload: %v %v", res, err)
	}
}
