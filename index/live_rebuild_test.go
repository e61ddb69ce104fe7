package index

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/planbot/planbot/corpus"
)

// TestLiveOneRebuildAtATime sends a storm of reloads while one is under
// way: they all share its result (Joined), the corpus is loaded once for
// them all, and the goroutines stay bounded by the callers.
func TestLiveOneRebuildAtATime(t *testing.T) {
	dir := copyDir(t, "testdata/small")
	var loads atomic.Int64
	gate := make(chan struct{})
	gated := atomic.Bool{}
	live, err := NewLive(context.Background(), func() (*corpus.Corpus, error) {
		if gated.Load() {
			loads.Add(1)
			<-gate
		}
		return corpus.LoadDir(dir)
	})
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	gated.Store(true)

	const storm = 200
	before := runtime.NumGoroutine()
	var wg sync.WaitGroup
	var joined, failed atomic.Int64
	for range storm {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := live.Reload(context.Background())
			switch {
			case err != nil:
				failed.Add(1)
			case r.Joined:
				joined.Add(1)
			}
		}()
	}
	// Wait until the first rebuild is loading and the rest have arrived.
	deadline := time.Now().Add(5 * time.Second)
	for loads.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	if n := runtime.NumGoroutine() - before; n > storm+10 {
		t.Errorf("%d goroutines for %d reloads; want at most one each and a few more", n, storm)
	}
	close(gate)
	wg.Wait()
	if n := loads.Load(); n != 1 || failed.Load() != 0 || joined.Load() != storm-1 {
		t.Errorf("storm of %d reloads: %d loads, %d failed, %d joined; want 1 load, 0 failed, %d joined",
			storm, n, failed.Load(), joined.Load(), storm-1)
	}
	r, err := live.Reload(context.Background())
	if err != nil || r.Joined || loads.Load() != 2 {
		t.Errorf("reload after the storm = %+v, %v, %d loads; want a rebuild of its own", r, err, loads.Load())
	}
}

// TestLiveCloseDuringStuckLoad: a load that never returns (a FIFO, a disk
// that stopped answering) must hold up neither Close (SIGTERM) nor the
// reloads waiting on it.
func TestLiveCloseDuringStuckLoad(t *testing.T) {
	dir := copyDir(t, "testdata/small")
	stuck := atomic.Bool{}
	never := make(chan struct{})
	t.Cleanup(func() { close(never) })
	live, err := NewLive(context.Background(), func() (*corpus.Corpus, error) {
		if stuck.Load() {
			<-never
		}
		return corpus.LoadDir(dir)
	})
	if err != nil {
		t.Fatal(err)
	}
	stuck.Store(true)
	reloaded := make(chan error, 1)
	go func() {
		_, err := live.Reload(context.Background())
		reloaded <- err
	}()
	time.Sleep(50 * time.Millisecond)

	closed := make(chan struct{})
	go func() {
		live.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close still waiting on a stuck load after 5 s")
	}
	select {
	case err := <-reloaded:
		if err == nil {
			t.Errorf("Reload stopped by Close returned no error")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Reload still waiting on a stuck load after Close")
	}
	if _, err := live.Reload(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("Reload after Close = %v; want ErrClosed", err)
	}
}

// TestLiveAfterClose: searches, points and comparisons after Close return
// ErrClosed at once instead of spinning for ever on the closed index.
func TestLiveAfterClose(t *testing.T) {
	dir := copyDir(t, "testdata/small")
	live, err := NewLive(context.Background(), func() (*corpus.Corpus, error) { return corpus.LoadDir(dir) })
	if err != nil {
		t.Fatal(err)
	}
	live.Close()
	done := make(chan [3]error, 1)
	go func() {
		_, e1 := live.Search(context.Background(), "lighthouse", Options{})
		_, e2 := live.Point("", 3)
		_, e3 := live.Compare(3)
		done <- [3]error{e1, e2, e3}
	}()
	select {
	case errs := <-done:
		for i, err := range errs {
			if !errors.Is(err, ErrClosed) {
				t.Errorf("call %d after Close = %v; want ErrClosed", i, err)
			}
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Search after Close still running after 5 s")
	}
}
