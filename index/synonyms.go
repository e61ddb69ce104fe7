package index

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/planbot/planbot/corpus"
)

// synonymGroup is a line of synonyms.txt with each member analysed.
//
// Synonyms are expanded here, at query time, rather than with bleve's
// synonym sources: bleve drops multi-word and stop-word synonyms silently
// ("armed forces", "boots on the ground"), and an empty synonym collection
// makes every search fail. Matching analysed term sequences keeps phrases,
// and stemming makes "troop" find a group written with "troops".
type synonymGroup struct {
	members []synonym
}

type synonym struct {
	text  string   // as written in synonyms.txt
	terms []string // analysed
}

// compileSynonyms analyses every member; members that are all stop words
// cannot be matched and are left out, and so is a group left with fewer
// than two members.
//
// Members that lose words to the stop list are reported in ix.warnings: a
// phrase such as "more members" that reduces to "member" would otherwise
// quietly match every text with that one word.
func (ix *Index) compileSynonyms(groups [][]string) []synonymGroup {
	var out []synonymGroup
	for _, g := range groups {
		var sg synonymGroup
		for _, m := range g {
			if !ix.forLang(m) {
				continue
			}
			terms := ix.terms(m)
			words := len(strings.FieldsFunc(m, func(r rune) bool { return r == ' ' || r == '-' }))
			switch {
			case len(terms) == 0:
				ix.warnings = append(ix.warnings, fmt.Sprintf("%s: %q is only stop words and is ignored", corpus.SynonymsFile, m))
			case words > 1 && len(terms) == 1:
				ix.warnings = append(ix.warnings, fmt.Sprintf("%s: phrase %q is searched as the one word %q (the others are stop words), so it matches any text with that word", corpus.SynonymsFile, m, terms[0]))
			}
			if len(terms) > 0 {
				sg.members = append(sg.members, synonym{text: m, terms: terms})
			}
		}
		if len(sg.members) >= 2 {
			out = append(out, sg)
		}
	}
	ix.byFirstTerm = map[string][]memberRef{}
	for gi, g := range out {
		for _, m := range g.members {
			ix.byFirstTerm[m.terms[0]] = append(ix.byFirstTerm[m.terms[0]], memberRef{gi, m.terms})
		}
	}
	// Longest first, so that matches sees a phrase before the shorter
	// members that start with its first word.
	for _, ms := range ix.byFirstTerm {
		slices.SortStableFunc(ms, func(a, b memberRef) int { return len(b.terms) - len(a.terms) })
	}
	return out
}

// terms returns the analysed terms of s in order.
func (ix *Index) terms(s string) []string {
	toks := ix.analyze(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = string(t.Term)
	}
	return out
}

// concept is something the question asks about: one of its words, or a
// phrase a synonym group names, with the synonyms that may stand for it.
type concept struct {
	from   []string // the question's terms it stands for
	alts   []alt    // the terms themselves first, at weight 1
	groups []int    // the synonym groups it belongs to
}

// alt is one way of saying a concept: a term or a phrase, with its weight.
type alt struct {
	terms  []string
	weight float64
}

// concepts turns the question's terms into concepts: each distinct term
// with the synonyms of its group, and each phrase of a synonym group that
// the question uses with the rest of its group. As in documents, a phrase
// hides the words inside it from other groups: a question about "arms
// control" does not also ask about territory under someone's control.
func (ix *Index) concepts(qterms []string) []concept {
	matches := ix.matches(qterms)
	var out []concept
	for _, t := range uniq(qterms) {
		c := concept{from: []string{t}, alts: []alt{{terms: []string{t}, weight: 1}}}
		for _, m := range matches {
			if len(m.terms) == 1 && m.terms[0] == t && !slices.Contains(c.groups, m.group) {
				c.alts = ix.synonyms[m.group].addOthers(c.alts, m.terms)
				c.groups = append(c.groups, m.group)
			}
		}
		out = append(out, c)
	}
	// One concept per group that the question names by a phrase, in the
	// groups' order.
	var phrases []memberRef
	for _, m := range matches {
		if len(m.terms) > 1 && !slices.ContainsFunc(phrases, func(p memberRef) bool { return p.group == m.group }) {
			phrases = append(phrases, m)
		}
	}
	slices.SortStableFunc(phrases, func(a, b memberRef) int { return a.group - b.group })
	for _, m := range phrases {
		c := concept{from: m.terms, alts: []alt{{terms: m.terms, weight: 1}}, groups: []int{m.group}}
		c.alts = ix.synonyms[m.group].addOthers(c.alts, m.terms)
		out = append(out, c)
	}
	return out
}

// addOthers appends the members other than self that alts lacks.
func (g synonymGroup) addOthers(alts []alt, self []string) []alt {
	for _, m := range g.members {
		if slices.Equal(m.terms, self) {
			continue
		}
		dup := false
		for _, a := range alts {
			dup = dup || slices.Equal(a.terms, m.terms)
		}
		if !dup {
			alts = append(alts, alt{terms: m.terms, weight: synonymWeight})
		}
	}
	return alts
}

// groupsIn returns the synonym groups whose members occur in the term
// sequence, once per occurrence.
func (ix *Index) groupsIn(seq []string) []int {
	var out []int
	for _, m := range ix.matches(seq) {
		out = append(out, m.group)
	}
	return out
}

// matches returns the synonym members that occur in the term sequence, in
// order, a group at most once per position. A phrase hides the words
// inside it from other groups: in "arms control" the text speaks of a
// treaty, not of territory under someone's control.
func (ix *Index) matches(seq []string) []memberRef {
	var out []memberRef
	var open []phrase // phrases matched so far that reach past position i
	for i, t := range seq {
		open = slices.DeleteFunc(open, func(p phrase) bool { return p.end <= i })
		atI := len(out) // members found at position i start here
		for _, m := range ix.byFirstTerm[t] {
			end := i + len(m.terms)
			if end > len(seq) || !slices.Equal(seq[i:end], m.terms) ||
				slices.ContainsFunc(out[atI:], func(o memberRef) bool { return o.group == m.group }) ||
				insideOther(open, end, m.group) {
				continue
			}
			out = append(out, m)
			if len(m.terms) > 1 {
				open = append(open, phrase{end, m.group})
			}
		}
	}
	return out
}

// phrase is a multi-word synonym matched in a text: it ends before end.
type phrase struct{ end, group int }

// insideOther reports whether a member of group g ending at end lies inside
// a phrase of another group.
func insideOther(open []phrase, end, g int) bool {
	for _, p := range open {
		if end <= p.end && p.group != g {
			return true
		}
	}
	return false
}

// memberRef is a synonym member filed under its first term, so that finding
// the groups a text uses looks only at the members that can start at each
// word.
type memberRef struct {
	group int
	terms []string
}

// groupTokens writes the groups a text uses as the tokens of a syn_ field.
// Searching a group's token finds every text that uses any of its members,
// and BM25 saturates a text that uses several, as it would one word said
// twice.
func (ix *Index) groupTokens(seq []string) string {
	var b strings.Builder
	for _, g := range ix.groupsIn(seq) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(groupToken(g))
	}
	return b.String()
}

func groupToken(g int) string { return "g" + strconv.Itoa(g) }

func termsOf(ts analysis.TokenStream) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t.Term)
	}
	return out
}

func partTerms(ps []part) [][]string {
	out := make([][]string, len(ps))
	for i, p := range ps {
		out[i] = termsOf(p.tokens)
	}
	return out
}
