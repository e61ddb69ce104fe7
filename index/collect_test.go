package index

import (
	"context"
	"math"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestCollectAgreesWithBleve: driving bleve's searcher directly finds the
// same best hits with the same scores as bleve's own SearchInContext.
func TestCollectAgreesWithBleve(t *testing.T) {
	ix := buildDefault(t)
	for _, q := range []string{
		"How big can Ukraine's army be?",
		"frozen Russian assets",
		"amnesty for war crimes",
		"Donbas",
		"what about NATO troops in Ukraine",
	} {
		qq := ix.prepare(q)
		for _, tc := range []struct {
			name string
			idx  bleve.Index
			fs   fieldSet
			v    *fieldVocab
		}{
			{"points", ix.points, pointFields, ix.pointVocab},
			{"passages", ix.passages, passageFields, ix.paraVocab},
		} {
			query := ix.query(tc.v, qq, tc.fs)
			for _, size := range []int{1, 5, 40} {
				got, err := collect(context.Background(), tc.idx, query, size)
				if err != nil {
					t.Fatal(err)
				}
				sr, err := tc.idx.SearchInContext(context.Background(), bleve.NewSearchRequestOptions(query, size, 0, false))
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(sr.Hits) {
					t.Errorf("%q in %s, size %d: %d hits, bleve finds %d", q, tc.name, size, len(got), len(sr.Hits))
				}
				// Hits tied with the last one bleve keeps may differ; any
				// hit scoring above it must be there, with bleve's score.
				last := sr.Hits[len(sr.Hits)-1].Score
				for _, h := range sr.Hits {
					s, ok := got[h.ID]
					switch {
					case !ok && h.Score > last:
						t.Errorf("%q in %s, size %d: %s (score %.3f) missing", q, tc.name, size, h.ID, h.Score)
					case ok && math.Abs(s-h.Score) > 1e-9:
						t.Errorf("%q in %s, size %d: %s scores %.6f, bleve %.6f", q, tc.name, size, h.ID, s, h.Score)
					}
				}
			}
		}
	}
}

// TestCollectStopsWithContext: a search whose context has ended returns
// its error rather than hits.
func TestCollectStopsWithContext(t *testing.T) {
	ix := buildDefault(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, "How big can Ukraine's army be?", Options{}); err == nil {
		t.Error("Search with a cancelled context succeeded")
	}
}
