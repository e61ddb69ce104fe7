package index

import (
	"bytes"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// bestPart returns the sentence or sub-point of the point that matches the
// question best, the spans of its matching words, and its sub-point letter. Each distinct
// question word counts by its weight (synonyms less) and rarity, and words
// close together count extra. A point matched only through its title or
// commentary shows its text as it is.
func (ix *Index) bestPart(u *pointUnit, qq *question) (string, []Span, string) {
	best := ix.bestIndex(u, qq)
	if best < 0 {
		return ix.leadSentence(u), nil, ""
	}
	// The point is indexed by sentences as sentences sees them, which
	// splits "Donald J. Trump" after the initial: each such part is
	// searched alone (joining them made BM25 rank the point lower), and a
	// reader is shown the sentence whole.
	first, last := best, best
	if u.parts[best].letter == "" { // a sub-point is one part
		for first > 0 && u.parts[first-1].letter == "" && endsWithInitial(u.parts[first-1].text) {
			first--
		}
		for last+1 < len(u.parts) && u.parts[last+1].letter == "" && endsWithInitial(u.parts[last].text) {
			last++
		}
	}
	var text string
	var spans []Span
	for _, p := range u.parts[first : last+1] {
		if text != "" {
			text += " "
		}
		t, ss := highlight(p.text, p.tokens, qq.bold, 0, len(p.text))
		for _, s := range ss {
			spans = append(spans, Span{s.Start + len(text), s.End + len(text)})
		}
		text += t
	}
	return text, spans, u.parts[best].letter
}

// bestIndex is the index of the part of u that matches the question best,
// -1 when none matches; parts about what the text leaves out never count.
func (ix *Index) bestIndex(u *pointUnit, qq *question) int {
	best, bestScore := -1, 0.0
	for i, p := range u.parts {
		if p.omits {
			continue
		}
		s := 0.0
		for t := range p.terms {
			if w := qq.weights[t]; w > 0 {
				s += w * ix.idf(t)
			}
		}
		s += 0.5 * float64(proximity(p.tokens, qq.weights))
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	return best
}

// leadSentence is what a clause shows when no sentence matched: its text,
// less the sentences about what it leaves out when there are others.
func (ix *Index) leadSentence(u *pointUnit) string {
	var keep []string
	for _, p := range u.parts {
		if p.letter == "" && !p.omits {
			keep = append(keep, p.text)
		}
	}
	if len(keep) == 0 {
		return ix.refText(u.point, "")
	}
	return strings.Join(keep, " ")
}

// bestProximity is the largest number of close pairs of question words in
// any one part of the point.
func (ix *Index) bestProximity(u *pointUnit, qq *question) int {
	best := 0
	for _, p := range u.parts {
		best = max(best, proximity(p.tokens, qq.weights))
	}
	return best
}

// proximity counts the neighbouring pairs of different question words that
// stand at most three positions apart (stop words leave gaps in positions,
// so "sanctions are lifted" is a pair).
func proximity(toks analysis.TokenStream, w map[string]float64) int {
	n, prev := 0, -100
	var prevTerm []byte
	for _, t := range toks {
		if w[string(t.Term)] == 0 {
			continue
		}
		if !bytes.Equal(t.Term, prevTerm) && t.Position-prev <= 3 {
			n++
		}
		prev, prevTerm = t.Position, t.Term
	}
	return n
}

// snippet returns text, or when it is longer than limit bytes the run of
// whole sentences around the best-matching one with "…" where text was
// cut, and the spans of the matching words in what it returns.
func snippet(text string, toks analysis.TokenStream, spans [][2]int, w map[string]float64, limit int) (string, []Span) {
	if len(text) <= limit {
		return highlight(text, toks, w, 0, len(text))
	}
	// The sentence with the most question words; tokens and sentences
	// both run in text order, so one walk counts them.
	best, bestScore := 0, 0
	for i, j := 0, 0; i < len(spans) && j < len(toks); i++ {
		score := 0
		for ; j < len(toks) && toks[j].Start < spans[i][1]; j++ {
			if toks[j].End <= spans[i][1] && w[string(toks[j].Term)] > 0 {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	lo, hi := best, best
	for {
		grew := false
		if hi+1 < len(spans) && spans[hi+1][1]-spans[lo][0] <= limit {
			hi++
			grew = true
		}
		if lo > 0 && spans[hi][1]-spans[lo-1][0] <= limit {
			lo--
			grew = true
		}
		if !grew {
			break
		}
	}
	start, end := spans[lo][0], spans[hi][1]
	if end-start > limit { // one long sentence: cut at a word
		end = start + limit
		if i := strings.LastIndexByte(text[start:end], ' '); i > 0 {
			end = start + i
		}
	}
	out, marks := highlight(text, toks, w, start, end)
	if start > 0 {
		out = ellipsis + out
		for i := range marks {
			marks[i].Start += len(ellipsis)
			marks[i].End += len(ellipsis)
		}
	}
	if end < len(text) {
		// "process. …", not "process.…": the ellipsis marks the cut, and
		// the sentence before it ends as written.
		if strings.HasSuffix(out, ".") || strings.HasSuffix(out, "?") || strings.HasSuffix(out, "!") {
			out += " "
		}
		out += ellipsis
	}
	return out, marks
}

// ellipsis marks where a snippet was cut.
const ellipsis = "…"

// sentenceSpans returns the byte ranges of the sentences of text.
func sentenceSpans(text string) [][2]int {
	var spans [][2]int
	start := 0
	for _, loc := range sentenceEnd.FindAllStringIndex(text, -1) {
		if endsWithInitial(text[start : loc[0]+1]) {
			continue // "Donald J. Trump": one sentence
		}
		// loc ends with the first rune of the next sentence; cut before the
		// white space that precedes it.
		cut := loc[0] + 1
		for cut < loc[1] && strings.ContainsRune("”\"’)", rune(text[cut])) {
			cut++
		}
		spans = append(spans, [2]int{start, cut})
		start = cut
		for start < len(text) && text[start] == ' ' {
			start++
		}
	}
	return append(spans, [2]int{start, len(text)})
}

// highlight returns text[start:end] and the spans, relative to start, of
// the words whose terms have a weight in w, a run of neighbouring words
// (white space between them) as one span.
func highlight(text string, toks analysis.TokenStream, w map[string]float64, start, end int) (string, []Span) {
	var spans []Span
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Start < start || t.End > end || w[string(t.Term)] == 0 {
			continue
		}
		runEnd := t.End
		for i+1 < len(toks) && toks[i+1].End <= end && w[string(toks[i+1].Term)] > 0 &&
			strings.TrimSpace(text[runEnd:toks[i+1].Start]) == "" {
			i++
			runEnd = toks[i].End
		}
		spans = append(spans, Span{t.Start - start, runEnd - start})
	}
	return text[start:end], spans
}

// pairsOf returns the pairs of terms that stand side by side in ts, with
// no stop word between them, so that phraseFactor is a look-up per pair of
// question words rather than a walk over every token of every hit.
func pairsOf(ts analysis.TokenStream) map[string]bool {
	out := make(map[string]bool, len(ts))
	for i := 0; i+1 < len(ts); i++ {
		if ts[i+1].Position == ts[i].Position+1 {
			out[pairKey(string(ts[i].Term), string(ts[i+1].Term))] = true
		}
	}
	return out
}

// pairKey names two adjacent terms.
func pairKey(a, b string) string { return a + " " + b }

func tokenSet(ts analysis.TokenStream) map[string]bool {
	m := make(map[string]bool, len(ts))
	for _, t := range ts {
		m[string(t.Term)] = true
	}
	return m
}
func uniq(s []string) []string {
	var out []string
	for _, x := range s {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}
