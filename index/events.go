package index

import (
	"cmp"
	"slices"
	"strings"
)

// reportedShare is the share of a question's weight that words only the
// reporting uses must carry for the question to be about that reporting.
const reportedShare = 0.5

// reportedPoints answers a question that no clause answers but that asks
// about an event only the reporting speaks of: most of its weight is in
// words no clause of any version uses, even through a synonym, and that
// tell (neither chat, nor a party's name, nor a figure: "Anchorage
// formula", not "army", "Moscow" or "2").
// It returns the ranked points whose best matching passage says one of
// those telling words, in their order, or nil: the points that reporting
// discusses. A message of chat has no such word and stays unanswered.
func (ix *Index) reportedPoints(qq *question, ranked []rankedPoint) []rankedPoint {
	telling, named, total := ix.reportedWords(qq)
	// Here only the telling names count towards the share: "Trump played
	// golf in Florida again" names the place of a round of talks, but
	// most of it is chat.
	if named == 0 || named < reportedShare*total {
		return nil
	}
	var out []rankedPoint
	for _, r := range ranked {
		if r.linked != nil && r.coverage >= minCoverage && slices.ContainsFunc(telling, func(t string) bool { return r.linked.terms[t] }) {
			out = append(out, r)
		}
	}
	return out
}

// reportedWords returns the telling words of the question that only the
// reporting uses, even through a synonym, their weight and the question's.
func (ix *Index) reportedWords(qq *question) (telling []string, named, total float64) {
	for i, t := range qq.unique {
		total += qq.idf[i]
		synonym := qq.grouped&(1<<(i%64)) != 0 // "army": the clauses say "armed forces"
		if ix.docFreq[t] == 0 && ix.vocab[t] && !synonym && qq.telling[i] && !ix.names[t] && !ix.chat[t] && !strings.ContainsAny(t, "0123456789") {
			telling = append(telling, t)
			named += qq.idf[i]
		}
	}
	return telling, named, total
}

// namesReporting reports whether the question says a telling word only the
// reporting uses.
func (ix *Index) namesReporting(qq *question) bool {
	telling, _, _ := ix.reportedWords(qq)
	return len(telling) > 0
}

// reportedFirst serves a question that names something only the reporting
// speaks of: a word that no clause of any version uses but that a passage
// of reporting shown with the answer says, such as "Paris Declaration",
// "Abu Dhabi" or "Anchorage formula". Such a question is about that
// reporting, so the points shown with it come first, those whose reporting
// says more of the names before the others, ties in their order; the rest
// follow in theirs. A point the question named ("point 14") stays first.
func (ix *Index) reportedFirst(qq *question, res *Result) {
	var names []string
	var weights []float64
	named, total := 0.0, 0.0
	for i, t := range qq.unique {
		total += qq.idf[i]
		if ix.docFreq[t] == 0 && ix.vocab[t] {
			names = append(names, t)
			weights = append(weights, qq.idf[i])
			named += qq.idf[i]
		}
	}
	// The names must be most of what the question asks: "In the Geneva
	// version, is NATO membership still ruled out?" is about NATO.
	if len(names) == 0 || len(res.Hits) < 2 || named < reportedShare*total {
		return
	}
	// How much of the names the passages quoted under a point say, in
	// their headings or in the words the reader sees (the "Anchorage
	// formula" is told in the account of the Abu Dhabi round, not in a
	// heading of its own). The point whose reporting says more of them is
	// more about it: one passage that happens to say "insisting" does not
	// put the army ceiling ahead of the talks where the formula was named.
	about := func(h *Hit) float64 {
		said := make([]bool, len(names))
		for _, p := range h.Passages {
			for _, t := range ix.terms(p.Section.Heading + "\n" + p.Text) {
				if i := slices.Index(names, t); i >= 0 {
					said[i] = true
				}
			}
		}
		w := 0.0
		for i, ok := range said {
			if ok {
				w += weights[i]
			}
		}
		return w
	}
	hits := res.Hits
	if res.Ref != nil {
		hits = hits[1:]
	}
	weight := make(map[*Hit]float64, len(hits))
	for _, h := range hits {
		weight[h] = about(h)
	}
	slices.SortStableFunc(hits, func(a, b *Hit) int { return cmp.Compare(weight[b], weight[a]) })
}
