package index

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/planbot/planbot/corpus"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// ErrEmptyQuery is returned by Search for a question with no words.
var ErrEmptyQuery = errors.New("empty question")

// Ranking weights. Field boosts say where a word counts most: a point's
// title names its subject, its text and sub-points carry the detail. A
// synonym counts less than the word the user typed. Commentary linked to a
// point adds to its score at a lower weight, so reporting can lift a point
// whose own wording differs from the question's ("boots on the ground")
// without outranking a point that answers in its own words.
const (
	boostTitle      = 2.0
	boostText       = 1.5
	boostSubs       = 1.2
	boostHeading    = 1.5
	boostParagraph  = 1.0
	synonymWeight   = 0.75
	phraseGain      = 1.0  // per pair of question words side by side in a sentence
	coverageFloor   = 0.25 // score multiplier is (coverageFloor + coverage)^coveragePower
	coveragePower   = 2
	secondPartShare = 0.5  // weight of a point's second-best sentence
	commentaryShare = 0.35 // weight of the best linked passage
	proximityBonus  = 0.08 // per pair of query words close together, at most 3
	// proximityCandidates is how many leading points get the bonus.
	proximityCandidates = 12
	// minCoverage is the share of the question's meaning (idf-weighted) that
	// the best point must account for; below it the answer is "no point of
	// the plan matches" and only the closest passages are shown.
	minCoverage = 0.15
	// fillShare is how close to the best point a later one must score
	// when it accounts for no decisive word the points before it do not.
	fillShare = 0.1
	// synonymFillShare is the share for a later point that matches the
	// question's telling words only through synonyms ("troops" for
	// "army"): a weak match of that kind is padding.
	synonymFillShare = 0.3
	// splitOwn: when the best point's own words account for less than this
	// share of the question, the question asks about more than one thing,
	// and each concept it names that the points so far leave out gets its
	// best point.
	splitOwn = 0.5
	// minTellingTypo is the length from which a misspelt word, once
	// corrected, can still be telling.
	minTellingTypo = 7
	// maxPassageHits bounds the passages scored for one question; those
	// further down add nothing a reader would see.
	maxPassageHits = 30
	// maxPartHits bounds the sentences and sub-points scored: five results
	// never need more, and bleve allocates for every hit it may return.
	maxPartHits = 40
	// A term in more than commonShare of the documents of an index with at
	// least minDocsForCommon documents is left out of its query.
	commonShare      = 0.1
	minDocsForCommon = 1000
	// relatedShare is how close to the best passage an unlinked one must
	// score to be shown as related reporting.
	relatedShare = 0.25
	// snippetChars is the length passages are cut to around their match.
	snippetChars = 420
)

func (o Options) withDefaults() Options {
	if o.Limit <= 0 {
		o.Limit = 3
	}
	if o.Passages <= 0 {
		o.Passages = 2
	}
	return o
}

// question is a question ready to score.
type question struct {
	terms    []string           // analysed terms of the question
	unique   []string           // terms without repeats
	idf      []float64          // the weight in coverage of each unique term
	telling  []bool             // for each unique term: rarer than words in a third of the points
	concepts []concept          // what to search for
	from     [][]int            // for each concept, the unique terms it stands for
	pairs    []string           // adjacent terms, as pairKey: worth more side by side in a text
	grouped  uint64             // bits of unique: the terms a synonym group stands for
	weights  map[string]float64 // term -> weight, for picking the part that matched
	bold     map[string]float64 // the weighted terms worth putting in bold
	now      bool               // the question asks about the present: newest reporting first (recent.go)
}

// Search answers q: an exact reference ("point 14", "21d") first, then the
// plan points that match the words of q, best first, each with the
// reporting that discusses it. A reference to a point the plan lacks
// returns a *RangeError; a question with no words, ErrEmptyQuery.
func (ix *Index) Search(ctx context.Context, q string, opt Options) (*Result, error) {
	opt = opt.withDefaults()
	q = cleanQuery(q)
	if q == "" {
		return nil, ErrEmptyQuery
	}
	ix, lang := ix.view(q, opt.Lang) // a Ukrainian or Russian question searches the translations
	res := &Result{Query: q, Lang: lang}
	head, q := ix.headVersion(q, opt)
	if q == "" {
		q = res.Query // the question was only a version's name
	}
	ref, whole, rest := parseRef(q)
	if ref != nil {
		u, err := ix.resolve(ref)
		if err != nil {
			return nil, err
		}
		res.Ref = ref
		res.Hits = []*Hit{ix.refHit(u, ref.Letter, opt.Passages, nil)}
		if whole {
			return res, nil
		}
		q = rest
	}

	qq := ix.prepare(q)
	// The whole question, not what is left once a version's name is taken
	// out: "now" and "latest" name the newest version (headVersion) and
	// ask about the present at once.
	qq.now = AboutNow(res.Query)
	if len(qq.terms) == 0 {
		res.NoMatch = res.Ref == nil
		return res, nil
	}
	pointScores, err := ix.run(ctx, ix.points, ix.pointVocab, qq, pointFields, min(len(ix.partOf), maxPartHits))
	if err != nil {
		return nil, fmt.Errorf("search points: %w", err)
	}
	paraHits, err := ix.run(ctx, ix.passages, ix.paraVocab, qq, passageFields, min(len(ix.paras), maxPassageHits))
	if err != nil {
		return nil, fmt.Errorf("search passages: %w", err)
	}
	for id, s := range pointScores {
		ref := ix.partOf[id]
		pointScores[id] = s * phraseFactor(ref.unit.parts[ref.part].pairs, qq.pairs)
	}
	paraScores := make(map[*paraUnit]float64, len(paraHits))
	for id, s := range paraHits {
		pu := ix.paras[id]
		paraScores[pu] = s * phraseFactor(pu.pairs, qq.pairs)
	}

	// A point is an answer only when its own words or synonyms account for
	// a telling word of the question (telling.go); the same rule serves
	// /ask and Check, so a message that names only the parties, or chats,
	// gets no point.
	ranked := ix.rank(qq, pointScores, paraScores)
	ranked = slices.DeleteFunc(ranked, func(r rankedPoint) bool { return !r.telling })
	if !answers(ranked) {
		// A question about an event the reporting covers ("what is the
		// Anchorage formula?") is answered by the points that reporting
		// discusses, though no clause says its words (events.go).
		ranked = ix.reportedPoints(qq, ranked)
	} else if !ranked[0].decisive && !ix.namesReporting(qq) {
		// The first point's own words must decide the answer: one that
		// leads only through its reporting (a long translated summary
		// touches many points) gives way to the best point whose clause
		// answers, unless the question names what only the reporting
		// speaks of (events.go). The others keep their order.
		i := slices.IndexFunc(ranked, func(r rankedPoint) bool { return r.decisive })
		first := ranked[i]
		copy(ranked[1:i+1], ranked[:i])
		ranked[0] = first
	}
	if len(ranked) == 0 {
		if res.Ref == nil {
			res.NoMatch = true
			res.Closest = ix.topPassages(qq, paraScores, 3, false)
		}
		return res, nil
	}
	// One result per lineage: the clause of whichever version matched
	// best stands for the draft point and every clause that continues it.
	var shown [][]int // draft points of the results so far
	if res.Ref != nil {
		shown = append(shown, []int{res.Ref.Number})
	}
	// The lineage is found by the clause that matched best, whatever its
	// version; the clause shown is the head version's, so that a reader
	// always sees the same version first (see headClause).
	var units []*pointUnit // of res.Hits
	if res.Ref != nil {
		units = append(units, ix.byPoint[pointKey{res.Hits[0].Doc.ID, res.Hits[0].Point.Number}])
	}
	rankOf := make(map[*pointUnit]float64, len(ranked))
	for _, r := range ranked {
		rankOf[r.unit] = r.score
	}
	for _, r := range pickPoints(ranked, opt.Limit, qq.grouped, ix.draftNumbers) {
		draft := ix.draftNumbers(r.unit)
		if i := sharedLineage(shown, draft); i >= 0 {
			if i == 0 && res.Ref != nil && res.Hits[0].Score == 0 {
				res.Hits[0].Score = r.score
			}
			continue
		}
		u := ix.headClause(r.unit, head, rankOf)
		shown = append(shown, union(draft, ix.draftNumbers(u)))
		h := ix.newHit(u, qq)
		h.Score = r.score
		h.Match, h.Spans, h.Letter = ix.bestPart(u, qq)
		res.Hits = append(res.Hits, h)
		units = append(units, u)
	}
	// A passage of reporting is quoted once per answer. One the question
	// matched goes under the first point that shows it, in rank order: it
	// is why that point ranks where it does (its commentary score, the
	// newest reporting for a question about the present, the event the
	// question names), and moving it to a later point would leave the
	// first with weaker reporting than the question found. One the
	// question did not match only fills a point's passages, and goes under
	// the point whose words it uses most.
	owner := map[*paraUnit]int{}
	for i, u := range units {
		for _, p := range ix.linkedTo(u) {
			if o, ok := owner[p]; !ok || overlap(p, u) > overlap(p, units[o]) {
				owner[p] = i
			}
		}
	}
	quoted := map[*paraUnit]bool{}
	for i, h := range res.Hits {
		h.Passages = nil
		for _, m := range ix.parasFor(units[i], qq, paraScores, opt.Passages, func(p *paraUnit) bool {
			if _, matched := paraScores[p]; matched {
				return quoted[p]
			}
			return owner[p] != i
		}) {
			quoted[m.p] = true
			h.Passages = append(h.Passages, ix.passage(m.p, qq, m.s))
		}
	}
	res.Related = ix.topPassages(qq, paraScores, 2, true)
	ix.reportedFirst(qq, res) // events.go
	return res, nil
}

// answers reports whether the best of the ranked points answers the
// question: it accounts for enough of it, partly in its own words, and
// some point accounts for a decisive word (telling.go).
func answers(ranked []rankedPoint) bool {
	return len(ranked) > 0 && ranked[0].coverage >= minCoverage && ranked[0].own > 0 &&
		slices.ContainsFunc(ranked, func(r rankedPoint) bool { return r.decisive })
}

// pickPoints chooses the points of an answer, one per lineage, at most
// limit: the best one; then, in rank order, any that accounts for a
// decisive word of the question that those before it do not (the question
// asks about two things: "hand over Donbas and never join NATO"); then the
// best of the rest that score at least fillShare of the first. A point that
// only repeats what the first says in weaker words ("forces" for "army")
// is padding, and is left out.
//
// grouped marks (bits of question.unique) the question words a synonym
// group stands for: the concepts the corpus knows, which alone can call
// for a point of their own; "keep" or "parties" cannot.
func pickPoints(ranked []rankedPoint, limit int, grouped uint64, draft func(*pointUnit) []int) []rankedPoint {
	if len(ranked) == 0 {
		return nil
	}
	top := ranked[0].score
	out := []rankedPoint{ranked[0]}
	lineages := [][]int{draft(ranked[0].unit)}
	covered := ranked[0].covers
	taken := map[*pointUnit]bool{ranked[0].unit: true}
	add := func(ok func(rankedPoint) bool) {
		for _, r := range ranked[1:] {
			if len(out) >= limit {
				return
			}
			d := draft(r.unit)
			if taken[r.unit] || sharedLineage(lineages, d) >= 0 || !ok(r) {
				continue
			}
			taken[r.unit] = true
			out = append(out, r)
			lineages = append(lineages, d)
			covered |= r.covers
		}
	}
	if ranked[0].own < splitOwn {
		add(func(r rankedPoint) bool { return r.covers&grouped&^covered != 0 })
	}
	add(func(r rankedPoint) bool {
		return r.score >= fillShare*top && (r.literal || r.score >= synonymFillShare*top)
	})
	// Best first, as ranked.
	slices.SortStableFunc(out[1:], func(a, b rankedPoint) int { return cmp.Compare(b.score, a.score) })
	return out
}

// prepare analyses a question and finds the synonyms of its words.
func (ix *Index) prepare(q string) *question {
	typed := ix.terms(normalizeNumbers(q))
	qq := &question{terms: ix.correct(typed), weights: map[string]float64{}}
	// A short word corrected to a corpus word is a guess ("flight" is not
	// a typo of "fight", nor "admin" of "admit"): it may rank points but
	// cannot make one an answer. Long names survive a typo ("zaporizhia").
	guessed := map[string]bool{}
	for i, t := range qq.terms {
		if t != typed[i] && utf8.RuneCountInString(typed[i]) < minTellingTypo {
			guessed[t] = true
		}
	}
	qq.concepts = ix.concepts(qq.terms)
	// The weight of each question word in coverage: its rarity among the
	// draft's points, halved for words the corpus never uses.
	qq.unique = uniq(qq.terms)
	qq.idf = make([]float64, len(qq.unique))
	qq.telling = make([]bool, len(qq.unique))
	named := ix.acronyms(q)
	for i, t := range qq.unique {
		qq.idf[i] = ix.weight(t, qq.concepts)
		qq.telling[i] = ix.telling(t, qq.idf[i], qq.concepts, named[t]) && !guessed[t]
	}
	qq.from = make([][]int, len(qq.concepts))
	for i, c := range qq.concepts {
		for _, t := range c.from {
			qq.from[i] = append(qq.from[i], slices.Index(qq.unique, t))
		}
	}
	for i, c := range qq.concepts {
		if len(c.groups) > 0 {
			for _, j := range qq.from[i] {
				qq.grouped |= 1 << (j % 64)
			}
		}
	}
	for _, c := range qq.concepts {
		for _, a := range c.alts {
			for _, t := range a.terms {
				qq.weights[t] = max(qq.weights[t], a.weight)
			}
		}
	}
	// Only the words that decide a match are marked, with their synonyms:
	// not the parties' names ("US", "Ukraine"), not words in most points,
	// not chat, not figures ("600,000" is the answer, not the question's
	// word). Marking everything would hide the words that matter.
	qq.bold = map[string]float64{}
	for i, c := range qq.concepts {
		decides := false
		for _, j := range qq.from[i] {
			decides = decides || (qq.telling[j] && !ix.names[qq.unique[j]])
		}
		if !decides {
			continue
		}
		for _, a := range c.alts {
			for _, t := range a.terms {
				if !strings.ContainsAny(t, "0123456789") && !ix.names[t] && !ix.chat[t] {
					qq.bold[t] = max(qq.bold[t], a.weight)
				}
			}
		}
	}
	for i := 0; i+1 < len(qq.terms); i++ {
		if qq.terms[i] != qq.terms[i+1] {
			qq.pairs = append(qq.pairs, pairKey(qq.terms[i], qq.terms[i+1]))
		}
	}
	return qq
}

// run searches one bleve index with the question over the given fields and
// returns every hit's score by id.
//
// The query is a disjunction of concepts: each word of the question (or
// phrase that a synonym group names) with its synonyms as alternatives, so
// bleve's coordination factor rewards a point for covering more of the
// question rather than for matching more synonyms. Inside a concept every
// clause is boosted by the number of clauses, which cancels the inner
// coordination factor: a point that says "armed forces" is not punished
// for the army group having twelve members. A phrase is searched through
// its group's token alone: that token marks exactly where the phrase
// occurs, and it spares bleve a phrase query, which needs term vectors.
//
// Clauses for terms a field does not hold are left out: they could match
// nothing, and each costs bleve a dictionary look-up per search.
func (ix *Index) run(ctx context.Context, idx bleve.Index, vocab *fieldVocab, qq *question, fs fieldSet, size int) (map[string]float64, error) {
	q := ix.query(vocab, qq, fs)
	if q == nil {
		return nil, nil
	}
	return collect(ctx, idx, q, size)
}

// query is the bleve query for the question over the fields of one index,
// or nil when no field holds any of its terms.
func (ix *Index) query(vocab *fieldVocab, qq *question, fs fieldSet) query.Query {
	var concepts []query.Query
	for _, c := range qq.concepts {
		var clauses []query.Query
		if own := c.alts[0].terms; len(own) == 1 {
			for _, fb := range fs.fields {
				if vocab.has(fb.field, own[0]) && !vocab.common(fb.field, own[0]) {
					clauses = append(clauses, termQuery(own[0], fb.field, fb.boost))
				}
			}
		}
		for _, g := range c.groups {
			tok := groupToken(g)
			for _, fb := range fs.syn {
				if vocab.has(fb.field, tok) && !vocab.common(fb.field, tok) {
					clauses = append(clauses, termQuery(tok, fb.field, fb.boost*synonymWeight))
				}
			}
		}
		if len(clauses) > 0 {
			concepts = append(concepts, compensated(clauses))
		}
	}
	if len(concepts) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(concepts...)
}

// fieldVocab counts, for each field of an index, the documents that hold
// each term.
type fieldVocab struct {
	docs  int
	terms map[string]map[string]int
}

func newFieldVocab() *fieldVocab { return &fieldVocab{terms: map[string]map[string]int{}} }

// add records the terms of one document's field.
func (v *fieldVocab) add(field string, terms ...string) {
	m := v.terms[field]
	if m == nil {
		m = map[string]int{}
		v.terms[field] = m
	}
	for i, t := range terms {
		if !slices.Contains(terms[:i], t) {
			m[t]++
		}
	}
}

// has reports whether some document holds the term in the field.
func (v *fieldVocab) has(field, term string) bool { return v.terms[field][term] > 0 }

// common reports whether a term is in so many documents of the index that
// it cannot tell them apart: BM25 gives it almost no weight, yet bleve
// would walk its whole posting list.
func (v *fieldVocab) common(field, term string) bool {
	return v.docs >= minDocsForCommon && float64(v.terms[field][term]) > commonShare*float64(v.docs)
}

// fieldSet gives the fields of one index and their boosts, worked out once
// rather than for every clause of every question.
type fieldSet struct {
	fields []fieldBoost // title and body fields, for the question's words
	syn    []fieldBoost // synonym-group fields
}

type fieldBoost struct {
	field string
	boost float64
}

// newFieldSet lists an index's fields: a title and body fields, the
// synonym groups of the title counting as the title, those of the body as
// the most boosted body field.
func newFieldSet(title float64, body ...fieldBoost) fieldSet {
	fs := fieldSet{fields: append([]fieldBoost{{fieldTitle, title}}, body...)}
	bodyBoost := 0.0
	for _, b := range body {
		bodyBoost = math.Max(bodyBoost, b.boost)
	}
	fs.syn = []fieldBoost{{fieldSynTitle, title}, {fieldSynBody, bodyBoost}}
	return fs
}

var (
	pointFields   = newFieldSet(boostTitle, fieldBoost{fieldText, boostText}, fieldBoost{fieldSubs, boostSubs})
	passageFields = newFieldSet(boostHeading, fieldBoost{fieldText, boostParagraph})
)

// termQuery matches one analysed term in a field.
func termQuery(term, field string, boost float64) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// compensated is a disjunction whose clauses are boosted by their number,
// so that one matching clause scores what it would alone.
func compensated(clauses []query.Query) query.Query {
	n := float64(len(clauses))
	for _, c := range clauses {
		if b, ok := c.(query.BoostableQuery); ok {
			b.SetBoost(b.Boost() * n)
		}
	}
	return bleve.NewDisjunctionQuery(clauses...)
}

type rankedPoint struct {
	unit     *pointUnit
	score    float64
	coverage float64   // with commentary
	own      float64   // in the point's own words
	matched  bool      // bleve matched the point itself, not only its commentary
	telling  bool      // the point's own words or synonyms account for a telling question word
	decisive bool      // and that word is not only a party's name
	literal  bool      // a telling word is in its own words or reporting as the question wrote it
	covers   uint64    // the decisive question words (bits of question.unique) its own words account for
	weighted float64   // score weighted by coverage, the sort key
	linked   *paraUnit // the best passage discussing it, nil when the question matched none
}

// rank combines each point's own score with the best passage linked to it
// and a bonus for question words that stand close together in one of its
// sentences.
func (ix *Index) rank(qq *question, pointScores map[string]float64, paraScores map[*paraUnit]float64) []rankedPoint {
	maxC := 0.0
	for _, s := range paraScores {
		maxC = math.Max(maxC, s)
	}
	// The best passage discussing each draft point.
	type linkedBest struct {
		score float64
		para  *paraUnit
	}
	bestLinked := make([]linkedBest, ix.maxDraft+1)
	for pu, s := range paraScores {
		for _, n := range pu.points {
			// Ties go to the earlier passage, so that the map's order
			// never changes an answer.
			if b := bestLinked[n]; s > b.score || (s == b.score && b.para != nil && pu.order < b.para.order) {
				bestLinked[n] = linkedBest{s, pu}
			}
		}
	}
	// A point scores by its best part plus half its second best, so a
	// question spread over two sentences of a point still counts both.
	best := make([][2]float64, len(ix.units)) // by pointUnit.n
	for id, s := range pointScores {
		b := &best[ix.partOf[id].unit.n]
		switch {
		case s > b[0]:
			*b = [2]float64{s, b[0]}
		case s > b[1]:
			b[1] = s
		}
	}
	maxP := 0.0
	for _, b := range best {
		maxP = math.Max(maxP, b[0]+secondPartShare*b[1])
	}
	out := make([]rankedPoint, 0, len(ix.units))
	for _, u := range ix.units {
		p := best[u.n][0] + secondPartShare*best[u.n][1]
		var lb linkedBest
		for _, n := range ix.draftNumbers(u) {
			if bestLinked[n].score > lb.score {
				lb = bestLinked[n]
			}
		}
		c := lb.score
		if p == 0 && c == 0 {
			continue
		}
		score := 0.0
		if maxP > 0 {
			score += p / maxP
		}
		if maxC > 0 {
			score += commentaryShare * c / maxC
		}
		cov, own, telling, literal, covers := ix.coverage(qq, u, lb.para)
		out = append(out, rankedPoint{unit: u, score: score, coverage: cov, own: own, matched: p > 0, telling: telling, literal: literal, decisive: covers != 0, covers: covers, linked: lb.para})
	}
	// Close question words count only among the leaders: the bonus is too
	// small to lift a point from further down, and costs a walk over every
	// token of the point.
	for i := range out {
		out[i].weighted = out[i].final()
	}
	sortRanked(out)
	for i := range out[:min(len(out), proximityCandidates)] {
		if out[i].own > 0 && out[i].matched {
			out[i].score += proximityBonus * float64(min(3, ix.bestProximity(out[i].unit, qq)))
			out[i].weighted = out[i].final()
		}
	}
	sortRanked(out)
	for i := range out {
		out[i].score = out[i].weighted
	}
	return out
}

// final weighs a point's score by its coverage of the question: bleve's
// coordination factor counts the question's concepts as equals; coverage
// weighs them by rarity, so a point that accounts for "Donetsk" beats one
// that accounts for "troops" and "Ukraine".
func (r rankedPoint) final() float64 {
	return r.score * math.Pow(coverageFloor+r.coverage, coveragePower)
}

func sortRanked(rs []rankedPoint) {
	slices.SortFunc(rs, func(a, b rankedPoint) int {
		if c := cmp.Compare(b.weighted, a.weighted); c != 0 {
			return c
		}
		if a.unit.doc.Default != b.unit.doc.Default {
			if a.unit.doc.Default {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.unit.point.Number, b.unit.point.Number)
	})
}

// draftNumbers are the draft points a point stands for: its own number in
// the draft, the points it continues (was:) in a later version.
func (ix *Index) draftNumbers(u *pointUnit) []int {
	if u.doc.Default {
		return []int{u.point.Number}
	}
	return u.point.Was
}

// linkedTo returns the paragraphs that discuss a point's draft points.
func (ix *Index) linkedTo(u *pointUnit) []*paraUnit {
	var out []*paraUnit
	for _, n := range ix.draftNumbers(u) {
		out = append(out, ix.linked[n]...)
	}
	return out
}

// weight is what a question word counts for in coverage: its rarity
// among the draft's points. A word the points never use but that a synonym
// group stands for counts as the rarest group it belongs to, so "Kyiv"
// weighs as little as "Ukraine", which nearly every point says; any other
// word the points never use counts half when the corpus never uses it
// either (the wrapping of a question: "either", "later").
func (ix *Index) weight(t string, concepts []concept) float64 {
	if ix.docFreq[t] > 0 {
		return ix.idf(t)
	}
	w, grouped := 0.0, false
	for _, c := range concepts {
		if len(c.from) != 1 || c.from[0] != t {
			continue
		}
		for _, g := range c.groups {
			grouped = true
			w = math.Max(w, idfOf(ix.groupDF[g], ix.numPoints))
		}
	}
	switch {
	case grouped:
		return w
	case !ix.vocab[t]:
		return ix.idf(t) / 2
	}
	return ix.idf(t)
}

// telling reports whether a question word, of weight w, can make a point
// an answer: it is in fewer than a third of the points, and so is every
// synonym group it belongs to ("Kyiv" is rare as a word, but it stands for
// Ukraine, which nearly every point names). A word of chat tells only when
// the question names something with it (acronym).
func (ix *Index) telling(t string, w float64, concepts []concept, acronym bool) bool {
	// More than a third of the points is common; exactly a third is not,
	// so that in a plan of three points each point's own words tell.
	common := idfOf(ix.numPoints/3, ix.numPoints)
	if w < common || (ix.chat[t] && !acronym) {
		return false
	}
	for _, c := range concepts {
		if len(c.from) != 1 || c.from[0] != t {
			continue
		}
		for _, g := range c.groups {
			if idfOf(ix.groupDF[g], ix.numPoints) < common {
				return false
			}
		}
	}
	return true
}

// idf weighs a term by how few points hold it; a term in no point weighs
// most.
func (ix *Index) idf(t string) float64 { return idfOf(ix.docFreq[t], ix.numPoints) }

func idfOf(df, n int) float64 { return math.Log(1 + float64(n+1)/(float64(df)+0.5)) }

// coverage is the idf-weighted share of the question's terms that the point
// accounts for: in its own words, through a synonym, or (at half weight) in
// the best passage linked to it. Words that the corpus never uses count
// half: they are mostly the wrapping of a question ("either", "later"),
// and a question made only of them is about something else. own is the
// share accounted for by the point's own words and synonyms alone.
//
// telling reports whether the point's own words account for a question word
// that is not in a third of the points or more: "Kyiv" or "Russia" alone
// does not make a point an answer to "What is the weather in Kyiv?".
//
// decisive has a bit set for each question word (by its index in
// qq.unique, modulo 64) that the point's own words account for and that is
// telling without being a party's name: a message gets an answer only when
// some point is decisive (telling.go).
//
// literal reports whether a telling word is in the point's own words as the
// question wrote it, not only through a synonym or its reporting.
func (ix *Index) coverage(qq *question, u *pointUnit, linked *paraUnit) (cov, own float64, telling, literal bool, decisive uint64) {
	var linkedTerms map[string]bool
	if linked != nil {
		linkedTerms = linked.terms
	}
	var buf, lbuf [16]bool // questions are short: no allocation for most
	covered, literally := buf[:], lbuf[:]
	if len(qq.unique) > len(buf) {
		covered, literally = make([]bool, len(qq.unique)), make([]bool, len(qq.unique))
	}
	for i, c := range qq.concepts {
		lit := allIn(c.alts[0].terms, u.terms)
		hit := lit
		for _, g := range c.groups {
			hit = hit || u.groups[g]
		}
		for _, j := range qq.from[i] {
			covered[j] = covered[j] || hit
			literally[j] = literally[j] || lit
		}
	}
	total, got, gotOwn := 0.0, 0.0, 0.0
	for i, t := range qq.unique {
		w := qq.idf[i]
		total += w
		switch {
		case covered[i]:
			got += w
			gotOwn += w
			telling = telling || qq.telling[i]
			literal = literal || (literally[i] && qq.telling[i])
			if qq.telling[i] && !ix.names[t] {
				decisive |= 1 << (i % 64)
			}
		case linkedTerms[t]:
			got += w / 2
			// The reporting that discusses the point says it in the
			// question's words ("US boots on the ground" of the US
			// guarantee): the point tells, though it cannot decide.
			telling = telling || qq.telling[i]
		}
	}
	if total == 0 {
		return 0, 0, false, false, 0
	}
	return got / total, gotOwn / total, telling, literal, decisive
}

// phraseFactor multiplies the score of a sentence or paragraph in which
// two question words stand side by side, as they do in the question: "World
// Bank" or "frozen assets" there is worth more than the same words apart.
// has holds the text's own pairs (see pairsOf).
func phraseFactor(has map[string]bool, pairs []string) float64 {
	n := 0
	for _, p := range pairs {
		if has[p] {
			n++
		}
	}
	return 1 + phraseGain*float64(min(n, 2))
}

func allIn(terms []string, set map[string]bool) bool {
	for _, t := range terms {
		if !set[t] {
			return false
		}
	}
	return true
}

// topPassages returns the best-scoring paragraphs, one per section; with
// unlinked, only those of sections that discuss no point.
func (ix *Index) topPassages(qq *question, paraScores map[*paraUnit]float64, n int, unlinked bool) []*Passage {
	type scored struct {
		u *paraUnit
		s float64
	}
	var all []scored
	maxS := 0.0
	for pu, s := range paraScores {
		maxS = math.Max(maxS, s)
		all = append(all, scored{pu, s})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].s != all[j].s {
			return all[i].s > all[j].s
		}
		return all[i].u.order < all[j].u.order
	})
	if qq.now {
		newestFirst(all, func(c scored) *paraUnit { return c.u }, func(c scored) float64 { return c.s })
	}
	var out []*Passage
	seen := map[any]bool{}
	for _, c := range all {
		if len(out) >= n {
			break
		}
		if seen[c.u.section] || (unlinked && (len(c.u.points) > 0 || c.s < relatedShare*maxS)) {
			continue
		}
		seen[c.u.section] = true
		out = append(out, ix.passage(c.u, qq, c.s))
	}
	return out
}

// passagesFor returns the best paragraphs that discuss the point, one per
// section: first those the question matched, by score, then the rest in
// the order of how much of the point's own vocabulary they use (linked is
// kept in that order from Build).
//
// skip, when not nil, leaves out paragraphs quoted under another point.
func (ix *Index) passagesFor(u *pointUnit, qq *question, paraScores map[*paraUnit]float64, n int, skip func(*paraUnit) bool) []*Passage {
	var out []*Passage
	for _, m := range ix.parasFor(u, qq, paraScores, n, skip) {
		out = append(out, ix.passage(m.p, qq, m.s))
	}
	return out
}

// scoredPara is a paragraph with its score for the question (0 when the
// question did not match it).
type scoredPara struct {
	p *paraUnit
	s float64
}

// parasFor picks the paragraphs passagesFor quotes.
func (ix *Index) parasFor(u *pointUnit, qq *question, paraScores map[*paraUnit]float64, n int, skip func(*paraUnit) bool) []scoredPara {
	nums := ix.draftNumbers(u)
	var matched []scoredPara
	for p, s := range paraScores {
		for _, num := range nums {
			if slices.Contains(p.points, num) {
				matched = append(matched, scoredPara{p, s})
				break
			}
		}
	}
	sort.Slice(matched, func(i, j int) bool {
		if matched[i].s != matched[j].s {
			return matched[i].s > matched[j].s
		}
		return matched[i].p.order < matched[j].p.order
	})
	if qq != nil && qq.now {
		newestFirst(matched, func(m scoredPara) *paraUnit { return m.p }, func(m scoredPara) float64 { return m.s })
	}
	var out []scoredPara
	seen := map[*corpus.Section]bool{}
	add := func(p *paraUnit, s float64) {
		if len(out) < n && !seen[p.section] && (skip == nil || !skip(p)) {
			seen[p.section] = true
			out = append(out, scoredPara{p, s})
		}
	}
	for _, m := range matched {
		add(m.p, m.s)
	}
	for _, num := range nums {
		for _, p := range ix.linked[num] {
			if len(out) >= n {
				return out
			}
			add(p, 0)
		}
	}
	return out
}

// overlap is the share of a point's terms that a paragraph uses.
func overlap(p *paraUnit, u *pointUnit) float64 {
	if len(u.terms) == 0 {
		return 0
	}
	n := 0
	for t := range p.terms {
		if u.terms[t] {
			n++
		}
	}
	return float64(n) / float64(len(u.terms))
}

func (ix *Index) passage(p *paraUnit, qq *question, score float64) *Passage {
	var w map[string]float64
	if qq != nil {
		w = qq.bold
	}
	text, spans := snippet(p.text, p.tokens, p.spans, w, snippetChars)
	return &Passage{Doc: p.doc, Section: p.section, Text: text, Spans: spans, Points: p.points, Score: score}
}

// resolve finds the point a reference names in the default plan.
func (ix *Index) resolve(ref *Ref) (*pointUnit, error) {
	plan := ix.corpus.DefaultPlan()
	if plan == nil {
		return nil, fmt.Errorf("point %d: %w (the corpus has no default plan)", ref.Number, ErrNoPoint)
	}
	u := ix.byPoint[pointKey{plan.ID, ref.Number}]
	if u == nil || (ref.Letter != "" && u.point.SubPoint(ref.Letter) == nil) {
		return nil, &RangeError{Number: ref.Number, Letter: ref.Letter, Doc: plan}
	}
	return u, nil
}

// sharedLineage returns the index of the first lineage in shown that shares
// a draft point with draft, or -1. A new clause (no draft point) shares
// none.
func sharedLineage(shown [][]int, draft []int) int {
	for i, s := range shown {
		for _, n := range draft {
			if slices.Contains(s, n) {
				return i
			}
		}
	}
	return -1
}

// newHit starts a hit for a clause: its draft points and what every other
// plan version does with them, each clause with its gist for the question
// (qq may be nil).
func (ix *Index) newHit(u *pointUnit, qq *question) *Hit {
	h := &Hit{Doc: u.doc, Point: u.point, Draft: ix.draftNumbers(u)}
	if len(h.Draft) == 0 {
		return h // a clause new in its version: no lineage
	}
	for _, d := range ix.corpus.Plans() {
		if d == u.doc {
			continue
		}
		n := len(h.Also)
		for _, o := range ix.units {
			if o.doc == d && sharedLineage([][]int{h.Draft}, ix.draftNumbers(o)) >= 0 {
				status := corpus.StatusContinued
				if d.Default {
					status = corpus.StatusOriginal
				}
				h.Also = append(h.Also, Clause{Doc: d, Point: o.point, Status: status, Gist: ix.gist(o, qq)})
			}
		}
		if len(h.Also) == n {
			h.Also = append(h.Also, Clause{Doc: d, Status: d.Fate(h.Draft[0]).Status})
		}
	}
	return h
}

// gist is the sentence of a clause that says what it does: the best match
// for the question, else its first sentence that is not about what it
// leaves out.
func (ix *Index) gist(u *pointUnit, qq *question) string {
	if qq != nil {
		if i := ix.bestIndex(u, qq); i >= 0 {
			return u.parts[i].text
		}
	}
	for _, p := range u.parts {
		if !p.omits {
			return p.text
		}
	}
	return ix.refText(u.point, "")
}

// union returns the numbers of a followed by those of b it lacks.
func union(a, b []int) []int {
	out := slices.Clone(a)
	for _, n := range b {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// refHit shows a point named by reference: the sub-point if one was named,
// else the point's own text.
func (ix *Index) refHit(u *pointUnit, letter string, passages int, qq *question) *Hit {
	h := ix.newHit(u, qq)
	h.Letter = letter
	h.Match = ix.refText(u.point, letter)
	h.Passages = ix.passagesFor(u, nil, nil, passages, nil)
	return h
}

// Point returns point n of the plan version v (id or label; "" for the
// default plan) with every passage linked to it. It returns an error
// wrapping ErrNoVersion for an unknown version and a *RangeError for a
// number the version lacks.
func (ix *Index) Point(v string, n int) (*PointView, error) {
	plan := ix.corpus.Plan(v)
	if plan == nil {
		var names []string
		for _, p := range ix.corpus.Plans() {
			names = append(names, p.ID)
		}
		return nil, fmt.Errorf("%w %q (versions: %v)", ErrNoVersion, v, names)
	}
	u := ix.byPoint[pointKey{plan.ID, n}]
	if u == nil {
		err := &RangeError{Number: n, Doc: plan}
		if def := ix.corpus.DefaultPlan(); def != nil && def != plan && def.Point(n) != nil {
			f := plan.Fate(n)
			err.Fate, err.Draft = &f, def
		}
		return nil, err
	}
	return &PointView{Doc: plan, Point: u.point, Commentary: ix.passagesFor(u, nil, nil, len(ix.linkedTo(u)), nil)}, nil
}
