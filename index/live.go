package index

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/planbot/planbot/corpus"
)

// Live serves searches from one index while a new one is built, then swaps
// the new one in atomically. Searches that started on the old index finish
// on it; the old index is closed when the last of them is done.
type Live struct {
	load   func() (*corpus.Corpus, error)
	cur    atomic.Pointer[handle]
	reload sync.Mutex // one reload at a time
}

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
	l.cur.Store(&handle{ix: ix})
	return l, nil
}

// acquire returns the current index and the function to call when done
// with it.
func (l *Live) acquire() (*Index, func()) {
	for {
		h := l.cur.Load()
		h.mu.Lock()
		if h.retired { // swapped out between Load and Lock: take the new one
			h.mu.Unlock()
			continue
		}
		h.refs++
		h.mu.Unlock()
		return h.ix, h.release
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

// Search runs Index.Search on the current index.
func (l *Live) Search(ctx context.Context, q string, opt Options) (*Result, error) {
	ix, done := l.acquire()
	defer done()
	return ix.Search(ctx, q, opt)
}

// Point runs Index.Point on the current index.
func (l *Live) Point(version string, n int) (*PointView, error) {
	ix, done := l.acquire()
	defer done()
	return ix.Point(version, n)
}

// Compare runs Index.Compare on the current index.
func (l *Live) Compare(n int) (*Comparison, error) {
	ix, done := l.acquire()
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
// and the error (corpus.Errors for a bad corpus) is returned.
func (l *Live) Reload(ctx context.Context) (*Reload, error) {
	l.reload.Lock()
	defer l.reload.Unlock()
	start := time.Now()
	c, err := l.load()
	if err != nil {
		return nil, err
	}
	ix, err := Build(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	old := l.cur.Swap(&handle{ix: ix})
	old.retire()
	return &Reload{
		Changes: corpus.Compare(old.ix.Corpus(), c),
		Stats:   ix.Stats(),
		Took:    time.Since(start),
	}, nil
}

// Close closes the current index; no search may start after it.
func (l *Live) Close() error {
	l.reload.Lock()
	defer l.reload.Unlock()
	h := l.cur.Load()
	h.retire()
	return nil
}

// Reload reports what a successful reload changed.
type Reload struct {
	Changes corpus.Changes
	Stats   Stats
	Took    time.Duration
}
