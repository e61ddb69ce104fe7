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
	load func() (*corpus.Corpus, error)
	cur  atomic.Pointer[handle]
	mu   sync.Mutex // one reload at a time
}

// handle counts the searches using one index so it is closed only when idle.
type handle struct {
	ix      *Index
	refs    sync.WaitGroup
	retired atomic.Bool
}

// NewLive builds the first index from load() and returns a Live serving it.
// load is called again by every Reload (typically corpus.LoadDir).
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

// acquire returns the current index and a function to call when done.
func (l *Live) acquire() (*Index, func()) {
	for {
		h := l.cur.Load()
		h.refs.Add(1)
		if h == l.cur.Load() || !h.retired.Load() {
			return h.ix, h.refs.Done
		}
		h.refs.Done() // swapped between Load and Add: try the new one
	}
}

// Search runs ix.Search on the current index.
func (l *Live) Search(ctx context.Context, q string, opt Options) (*Result, error) {
	ix, done := l.acquire()
	defer done()
	return ix.Search(ctx, q, opt)
}

// Point runs ix.Point on the current index.
func (l *Live) Point(version string, n int) (*PointView, error) {
	ix, done := l.acquire()
	defer done()
	return ix.Point(version, n)
}

// Corpus returns the corpus of the current index.
func (l *Live) Corpus() *corpus.Corpus {
	return l.cur.Load().ix.Corpus()
}

// Stats returns the statistics of the current index.
func (l *Live) Stats() Stats { return l.cur.Load().ix.Stats() }

// Reload loads the corpus again, builds a new index and swaps it in. When
// loading or building fails, nothing changes: the old index keeps serving
// and the error (corpus.Errors for a bad corpus) is returned.
func (l *Live) Reload(ctx context.Context) (*Reload, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
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
	old.retired.Store(true)
	go func() {
		old.refs.Wait()
		old.ix.Close()
	}()
	return &Reload{
		Changes: corpus.Compare(old.ix.Corpus(), c),
		Stats:   ix.Stats(),
		Took:    time.Since(start),
	}, nil
}

// Close closes the current index.
func (l *Live) Close() error {
	h := l.cur.Load()
	h.refs.Wait()
	return h.ix.Close()
}

// Reload reports what a successful reload changed.
type Reload struct {
	Changes corpus.Changes
	Stats   Stats
	Took    time.Duration
}
