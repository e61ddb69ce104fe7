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
// document id. It drives bleve's searcher itself because SearchInContext
// (sorted by score then id) doubled BenchmarkSearch's median, 143 to 298 µs,
// and its allocations; TestCollectAgreesWithBleve pins that both agree.
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
	top := &topHits{reader: reader, hits: make([]*search.DocumentMatch, 0, size+1)}
	defer top.release(pool)
	for n := 0; ; n++ {
		if n%1024 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		dm, err := searcher.Next(sc)
		if err != nil {
			return nil, err
		}
		if dm == nil {
			break
		}
		switch {
		case len(top.hits) < size:
			heap.Push(top, dm)
		case top.before(dm, top.hits[0]):
			pool.Put(top.hits[0])
			top.hits[0] = dm
			heap.Fix(top, 0)
		default:
			pool.Put(dm)
		}
	}
	scores := make(map[string]float64, len(top.hits))
	for _, dm := range top.hits {
		scores[top.id(dm)] = dm.Score
	}
	if top.err != nil {
		return nil, top.err
	}
	return scores, nil
}

// topHits is a heap of matches with the one that ranks lowest on top, the
// first to give way to a better one. Equal scores rank by document id,
// looked up only when they tie: bleve numbers the documents of a batch in
// no fixed order, so its hit order would make ties, and so answers, differ
// from one build of the same corpus to the next.
type topHits struct {
	reader bleveindex.IndexReader
	hits   []*search.DocumentMatch
	err    error // the first failed id look-up
}

// id is the document id of a match, looked up once.
func (t *topHits) id(dm *search.DocumentMatch) string {
	if dm.ID == "" && t.err == nil {
		dm.ID, t.err = t.reader.ExternalID(dm.IndexInternalID)
	}
	return dm.ID
}

// before reports whether a ranks before b: a higher score, or the same
// score and a smaller id.
func (t *topHits) before(a, b *search.DocumentMatch) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return t.id(a) < t.id(b)
}

func (t *topHits) Len() int           { return len(t.hits) }
func (t *topHits) Less(i, j int) bool { return t.before(t.hits[j], t.hits[i]) }
func (t *topHits) Swap(i, j int)      { t.hits[i], t.hits[j] = t.hits[j], t.hits[i] }
func (t *topHits) Push(x any)         { t.hits = append(t.hits, x.(*search.DocumentMatch)) }
func (t *topHits) Pop() any {
	x := t.hits[len(t.hits)-1]
	t.hits = t.hits[:len(t.hits)-1]
	return x
}

// release returns the kept matches to the pool.
func (t *topHits) release(pool *search.DocumentMatchPool) {
	for _, dm := range t.hits {
		pool.Put(dm)
	}
	t.hits = nil
}
