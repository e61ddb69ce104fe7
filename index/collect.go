package index

import (
	"container/heap"
	"context"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// bm25Model tells bleve's term searchers to score with BM25, as the
// mapping asks; SearchInContext would pass the same.
var bm25Model = search.GetScoringModelCallbackFn(func() string { return bleveindex.BM25Scoring })

// matchPools keeps bleve's pools of document matches between searches.
// bleve fills a new pool for every request (a hundred matches, each a large
// struct), which was a third of the bytes a search allocated.
var matchPools = sync.Pool{New: func() any { return search.NewDocumentMatchPool(64, 0) }}

// collect runs q on idx and returns the scores of its size best hits by
// document id.
//
// It drives bleve's searcher itself instead of calling SearchInContext,
// which on every request also builds a top-N collector, a fresh match pool,
// a stored-field loader for each hit and context for features planbot does
// not use (facets, kNN, nested documents, cost accounting). The matching and
// the scores are bleve's own, BM25 included.
func collect(ctx context.Context, idx bleve.Index, q query.Query, size int) (map[string]float64, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	advanced, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	reader, err := advanced.Reader()
	if err != nil {
		return nil, err
	}
	defer reader.Close()
	sctx := context.WithValue(ctx, search.GetScoringModelCallbackKey, bm25Model)
	searcher, err := q.Searcher(sctx, reader, idx.Mapping(), search.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	defer searcher.Close()

	pool := matchPools.Get().(*search.DocumentMatchPool)
	defer matchPools.Put(pool)
	sc := &search.SearchContext{DocumentMatchPool: pool, IndexReader: reader}
	best := make(minScores, 0, size+1)
	for n := 0; ; n++ {
		if n%1024 == 1023 {
			if err := ctx.Err(); err != nil {
				best.release(pool)
				return nil, err
			}
		}
		dm, err := searcher.Next(sc)
		if err != nil {
			best.release(pool)
			return nil, err
		}
		if dm == nil {
			break
		}
		dm.HitNumber = uint64(n)
		switch {
		case len(best) < size:
			heap.Push(&best, dm)
		case dm.Score > best[0].Score:
			pool.Put(best[0])
			best[0] = dm
			heap.Fix(&best, 0)
		default:
			pool.Put(dm)
		}
	}
	scores := make(map[string]float64, len(best))
	for _, dm := range best {
		id, err := reader.ExternalID(dm.IndexInternalID)
		if err != nil {
			best.release(pool)
			return nil, err
		}
		scores[id] = dm.Score
	}
	best.release(pool)
	return scores, nil
}

// minScores is a heap of matches with the lowest score on top, the first
// to give way to a better one. Among equal scores the later hit gives way,
// as in bleve's own collector.
type minScores []*search.DocumentMatch

func (h minScores) Len() int { return len(h) }
func (h minScores) Less(i, j int) bool {
	if h[i].Score != h[j].Score {
		return h[i].Score < h[j].Score
	}
	return h[i].HitNumber > h[j].HitNumber
}
func (h minScores) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *minScores) Push(x any)   { *h = append(*h, x.(*search.DocumentMatch)) }
func (h *minScores) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// release returns the kept matches to the pool.
func (h minScores) release(pool *search.DocumentMatchPool) {
	for _, dm := range h {
		pool.Put(dm)
	}
}
