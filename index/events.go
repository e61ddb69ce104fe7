package index

import (
	"slices"
)

// reportedShare is the share of a question's weight that words only the
// reporting uses must carry for the question to be about that reporting.
const reportedShare = 0.5

// reportedFirst serves a question that names something only the reporting
// speaks of: a word that no clause of any version uses but that heads a
// section of reporting shown with the answer, such as "Paris Declaration"
// or "Abu Dhabi". Such a question is about that reporting, so the points
// shown with it come first, in their order; the others follow in theirs.
// A point the question named ("point 14") stays first.
func (ix *Index) reportedFirst(qq *question, res *Result) {
	var names []string
	named, total := 0.0, 0.0
	for i, t := range qq.unique {
		total += qq.idf[i]
		if ix.docFreq[t] == 0 && ix.vocab[t] {
			names = append(names, t)
			named += qq.idf[i]
		}
	}
	// The names must be most of what the question asks: "In the Geneva
	// version, is NATO membership still ruled out?" is about NATO.
	if len(names) == 0 || len(res.Hits) < 2 || named < reportedShare*total {
		return
	}
	about := func(h *Hit) bool {
		for _, p := range h.Passages {
			for _, t := range ix.terms(p.Section.Heading) {
				if slices.Contains(names, t) {
					return true
				}
			}
		}
		return false
	}
	hits := res.Hits
	if res.Ref != nil {
		hits = hits[1:]
	}
	slices.SortStableFunc(hits, func(a, b *Hit) int {
		switch aa, bb := about(a), about(b); {
		case aa && !bb:
			return -1
		case bb && !aa:
			return 1
		}
		return 0
	})
}
