package index

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/planbot/planbot/corpus"
)

// Live serves searches from one index while a new one is built, then swaps
// the new one in atomically. Searches that started on the old index finish
// on it; the old index is closed when the last of them is done. It runs
// one rebuild at a time for the whole process: reloads asked for during a
// rebuild share its result.
type Live struct {
	load func() (*corpus.Corpus, error)
	cur  atomic.Pointer[handle]

	mu      sync.Mutex
	running *rebuild // the rebuild under way, nil when none
	closed  atomic.Bool
	stop    context.Context // ends a rebuild under way on Close
	cancel  context.CancelFunc
	builds  sync.WaitGroup
}

// rebuild is one load and build, whose result every reload that asked for
// it while it ran shares.
type rebuild struct {
	done chan struct{} // closed when r or err is set
	r    *ReloadReport
	err  error
}

// ReloadTimeout bounds one rebuild, loading and indexing. The default
// corpus takes well under a second; a rebuild still running after this is
// stuck on a file and gives up, the old index serving on.
const ReloadTimeout = 2 * time.Minute

// handle counts the searches using one index, so a retired index is closed
// only once it is idle.
type handle struct {
	ix      *Index
	mu      sync.Mutex
	refs    int
	retired bool
}

// NewLive builds the first index from load() and returns a Live serving it.
// Reload calls load again (typically a closure over corpus.LoadDir).
func NewLive(ctx context.Context, load func() (*corpus.Corpus, error)) (*Live, error) {
	c, err := load()
	if err != nil {
		return nil, err
	}
	ix, err := Build(ctx, c)
	if err != nil {
		return nil, err
	}
	l := &Live{load: load}
	l.stop, l.cancel = context.WithCancel(context.Background())
	l.cur.Store(&handle{ix: ix})
	return l, nil
}

// acquire returns the current index and the function to call when done
// with it, or ErrClosed after Close.
func (l *Live) acquire() (*Index, func(), error) {
	for {
		if l.closed.Load() {
			return nil, nil, ErrClosed
		}
		h := l.cur.Load()
		h.mu.Lock()
		if h.retired { // swapped out between Load and Lock: take the new one
			h.mu.Unlock()
			continue
		}
		h.refs++
		h.mu.Unlock()
		return h.ix, h.release, nil
	}
}

func (h *handle) release() {
	h.mu.Lock()
	h.refs--
	closeNow := h.retired && h.refs == 0
	h.mu.Unlock()
	if closeNow {
		h.ix.Close()
	}
}

// retire marks h as replaced and closes its index once no search uses it.
func (h *handle) retire() {
	h.mu.Lock()
	h.retired = true
	closeNow := h.refs == 0
	h.mu.Unlock()
	if closeNow {
		h.ix.Close()
	}
}

// Search runs Index.Search on the current index; after Close it returns
// ErrClosed.
func (l *Live) Search(ctx context.Context, q string, opt Options) (*Result, error) {
	ix, done, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer done()
	return ix.Search(ctx, q, opt)
}

// Point runs Index.Point on the current index; after Close it returns
// ErrClosed.
func (l *Live) Point(version string, n int) (*PointView, error) {
	ix, done, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer done()
	return ix.Point(version, n)
}

// Compare runs Index.Compare on the current index; after Close it
// returns ErrClosed.
func (l *Live) Compare(n int) (*Comparison, error) {
	ix, done, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer done()
	return ix.Compare(n)
}

// Corpus returns the corpus of the current index. A corpus is never
// modified, so it stays valid after a reload.
func (l *Live) Corpus() *corpus.Corpus { return l.cur.Load().ix.Corpus() }

// Stats returns the statistics of the current index.
func (l *Live) Stats() Stats { return l.cur.Load().ix.Stats() }

// Reload loads the corpus again, builds a new index and swaps it in. When
// loading or building fails nothing changes: the old index keeps serving
// and the error (corpus.Errors for a bad corpus) is returned. A Reload
// called while a rebuild is under way joins it and returns its result,
// with Joined set; the rebuild itself runs to its end (at most
// ReloadTimeout, or until Close) even when ctx ends first, for the others
// who joined it. After Close it returns ErrClosed.
func (l *Live) Reload(ctx context.Context) (*ReloadReport, error) {
	l.mu.Lock()
	if l.closed.Load() {
		l.mu.Unlock()
		return nil, ErrClosed
	}
	b, joined := l.running, l.running != nil
	if !joined {
		b = &rebuild{done: make(chan struct{})}
		l.running = b
		l.builds.Add(1)
		go l.rebuild(b)
	}
	l.mu.Unlock()
	select {
	case <-b.done:
	case <-ctx.Done():
		return nil, fmt.Errorf("reload: %w", ctx.Err())
	}
	if b.err != nil {
		return nil, b.err
	}
	r := *b.r
	r.Joined = joined
	return &r, nil
}

// rebuild runs b and publishes its result.
func (l *Live) rebuild(b *rebuild) {
	defer l.builds.Done()
	ctx, cancel := context.WithTimeout(l.stop, ReloadTimeout)
	defer cancel()
	b.r, b.err = l.rebuildNow(ctx)
	l.mu.Lock()
	l.running = nil
	l.mu.Unlock()
	close(b.done)
}

// rebuildNow loads and indexes the corpus and swaps the new index in,
// unless ctx ends first. The load runs apart, as the loader takes no
// context: one that never returns is left behind rather than waited for.
func (l *Live) rebuildNow(ctx context.Context) (*ReloadReport, error) {
	start := time.Now()
	type loaded struct {
		c   *corpus.Corpus
		err error
	}
	ch := make(chan loaded, 1)
	go func() {
		c, err := l.load()
		ch <- loaded{c, err}
	}()
	var c *corpus.Corpus
	select {
	case res := <-ch:
		if res.err != nil {
			return nil, res.err
		}
		c = res.c
	case <-ctx.Done():
		return nil, fmt.Errorf("load corpus: gave up: %w", ctx.Err())
	}
	ix, err := Build(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	l.mu.Lock()
	if l.closed.Load() {
		l.mu.Unlock()
		ix.Close()
		return nil, ErrClosed
	}
	old := l.cur.Swap(&handle{ix: ix})
	l.mu.Unlock()
	old.retire()
	return &ReloadReport{
		Changes: corpus.Diff(old.ix.Corpus(), c),
		Stats:   ix.Stats(),
		Took:    time.Since(start),
	}, nil
}

// Close stops a rebuild under way, waits for it to give up, and closes
// the current index once the searches on it are done. Reloads and
// searches after it return ErrClosed.
func (l *Live) Close() error {
	l.mu.Lock()
	if l.closed.Swap(true) {
		l.mu.Unlock()
		return nil
	}
	l.mu.Unlock()
	l.cancel()
	l.builds.Wait()
	l.cur.Load().retire()
	return nil
}

// ReloadReport is what a successful Live.Reload changed.
type ReloadReport struct {
	Changes corpus.Changes
	Stats   Stats
	Took    time.Duration
	// Joined reports that this reload found a rebuild under way and
	// shares its result instead of starting another.
	Joined bool
}

// ErrClosed is returned by a Live used after Close.
var ErrClosed = errors.New("index closed")
