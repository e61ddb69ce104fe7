package index

import (
	"context"
	"errors"
	"testing"

	"github.com/planbot/planbot/internal/evalset"
)

// FuzzSearch: any question gets an answer or one of the errors Search
// documents, never a panic, and an answer keeps to the limit and names a
// point for every hit.
func FuzzSearch(f *testing.F) {
	ix := buildDefault(f)
	for _, q := range readQuestions(f, evalset.File) {
		f.Add(q.q)
	}
	for _, q := range []string{"", "14", "21d", "point 99", "arms control", "§0", "*__~~`", "600k army 1bn", "Ukraine Ukraine Ukraine"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		res, err := ix.Search(context.Background(), q, Options{Limit: 3})
		var rangeErr *RangeError
		switch {
		case errors.Is(err, ErrEmptyQuery), errors.As(err, &rangeErr):
			return
		case err != nil:
			t.Fatalf("Search(%q): %v", q, err)
		}
		if len(res.Hits) > 3 {
			t.Errorf("Search(%q): %d hits, limit 3", q, len(res.Hits))
		}
		for _, h := range res.Hits {
			if h.Point == nil || h.Doc == nil {
				t.Errorf("Search(%q): a hit without its point or document", q)
			}
		}
	})
}
