package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"

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
	boostTitle      = 3.0
	boostText       = 1.5
	boostSubs       = 1.2
	boostHeading    = 1.5
	boostParagraph  = 1.0
	synonymWeight   = 0.6
	phraseWeight    = 1.0  // two question words side by side in the text
	coverageFloor   = 0.25 // score multiplier is (coverageFloor + coverage)^coveragePower
	coveragePower   = 2
	secondPartShare = 0.5  // weight of a point's second-best sentence
	commentaryShare = 0.35 // weight of the best linked passage
	proximityBonus  = 0.08 // per pair of query words close together, at most 3
	// minCoverage is the share of the question's meaning (idf-weighted) that
	// the best point must account for; below it the answer is "no point of
	// the plan matches" and only the closest passages are shown.
	minCoverage = 0.3
	// snippetChars is the length passages are cut to around their match.
	snippetChars = 420
)

func (o Options) withDefaults() Options {
	if o.Limit <= 0 {
		o.Limit = 5
	}
	if o.Passages <= 0 {
		o.Passages = 2
	}
	return o
}

// question is a question ready to score.
type question struct {
	terms    []string           // analysed terms of the question
	concepts []concept          // what to search for
	pairs    [][][]string       // adjacent terms (each with its one-word synonyms), searched as phrases
	weights  map[string]float64 // term -> weight for highlighting
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
	res := &Result{Query: q}
	ref, whole, rest := parseRef(q)
	if ref != nil {
		u, err := ix.resolve(ref)
		if err != nil {
			return nil, err
		}
		res.Ref = ref
		res.Hits = []*Hit{ix.refHit(u, ref.Letter, opt.Passages)}
		if whole {
			return res, nil
		}
		q = rest
	}

	qq := ix.prepare(q)
	if len(qq.terms) == 0 {
		res.NoMatch = res.Ref == nil
		return res, nil
	}
	pointScores, err := ix.run(ctx, ix.points, qq, pointFields, len(ix.partOf))
	if err != nil {
		return nil, fmt.Errorf("search points: %w", err)
	}
	paraScores, err := ix.run(ctx, ix.passages, qq, passageFields, len(ix.paras))
	if err != nil {
		return nil, fmt.Errorf("search passages: %w", err)
	}

	ranked := ix.rank(qq, pointScores, paraScores)
	if len(ranked) == 0 || ranked[0].coverage < minCoverage {
		if res.Ref == nil {
			res.NoMatch = true
			res.Closest = ix.topPassages(qq, paraScores, 3, false)
		}
		return res, nil
	}
	for _, r := range ranked {
		if len(res.Hits) >= opt.Limit {
			break
		}
		if res.Ref != nil && r.unit == ix.byPoint[pointKey{r.unit.doc.ID, res.Ref.Number}] {
			res.Hits[0].Score = r.score
			continue
		}
		h := &Hit{Doc: r.unit.doc, Point: r.unit.point, Score: r.score}
		h.Match, h.Letter = ix.bestPart(r.unit, qq)
		h.Passages = ix.passagesFor(r.unit, qq, paraScores, opt.Passages)
		res.Hits = append(res.Hits, h)
	}
	res.Related = ix.topPassages(qq, paraScores, 2, true)
	return res, nil
}

// prepare analyses a question and finds the synonyms of its words.
func (ix *Index) prepare(q string) *question {
	qq := &question{terms: ix.terms(normalizeNumbers(q)), weights: map[string]float64{}}
	qq.concepts = ix.concepts(qq.terms)
	for _, c := range qq.concepts {
		for _, a := range c.alts {
			for _, t := range a.terms {
				qq.weights[t] = max(qq.weights[t], a.weight)
			}
		}
	}
	words := map[string][]string{}
	for _, c := range qq.concepts {
		if len(c.from) != 1 {
			continue
		}
		for _, a := range c.alts {
			if len(a.terms) == 1 {
				words[c.from[0]] = append(words[c.from[0]], a.terms[0])
			}
		}
	}
	for i := 0; i+1 < len(qq.terms); i++ {
		if qq.terms[i] != qq.terms[i+1] {
			qq.pairs = append(qq.pairs, [][]string{words[qq.terms[i]], words[qq.terms[i+1]]})
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
// for the army group having twelve members. Adjacent question words are one
// more concept, as phrases, so "World Bank" beats a title with "world".
func (ix *Index) run(ctx context.Context, idx bleve.Index, qq *question, fs fieldSet, size int) (map[string]float64, error) {
	var concepts []query.Query
	for _, c := range qq.concepts {
		var clauses []query.Query
		for f, boost := range fs.fields() {
			clauses = append(clauses, termsQuery(c.alts[0].terms, f, boost))
		}
		for _, g := range c.groups {
			for f, boost := range fs.synFields() {
				clauses = append(clauses, termsQuery([]string{groupToken(g)}, f, boost*synonymWeight))
			}
		}
		concepts = append(concepts, compensated(clauses))
	}
	if len(qq.pairs) > 0 {
		var clauses []query.Query
		for _, pair := range qq.pairs {
			for f, boost := range fs.fields() {
				q := query.NewMultiPhraseQuery(pair, f)
				q.SetBoost(boost * phraseWeight)
				clauses = append(clauses, q)
			}
		}
		concepts = append(concepts, compensated(clauses))
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(concepts...), size, 0, explainHook != nil)
	sr, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	scores := make(map[string]float64, len(sr.Hits))
	for _, h := range sr.Hits {
		scores[h.ID] = h.Score
		if explainHook != nil {
			explainHook(h.ID, h.Expl.String())
		}
	}
	return scores, nil
}

// fieldSet gives the boosts of the fields of one index.
type fieldSet struct {
	title float64
	body  map[string]float64
}

var (
	pointFields   = fieldSet{title: boostTitle, body: map[string]float64{fieldText: boostText, fieldSubs: boostSubs}}
	passageFields = fieldSet{title: boostHeading, body: map[string]float64{fieldText: boostParagraph}}
)

func (fs fieldSet) fields() map[string]float64 {
	m := map[string]float64{fieldTitle: fs.title}
	for f, b := range fs.body {
		m[f] = b
	}
	return m
}

func (fs fieldSet) synFields() map[string]float64 {
	body := 0.0
	for _, b := range fs.body {
		body = math.Max(body, b)
	}
	return map[string]float64{fieldSynTitle: fs.title, fieldSynBody: body}
}

// explainHook, set by tuning tests, receives bleve's explanation of each hit.
var explainHook func(id, explanation string)

// termsQuery matches analysed terms in a field: one term, or a phrase.
func termsQuery(terms []string, field string, boost float64) query.Query {
	if len(terms) == 1 {
		q := bleve.NewTermQuery(terms[0])
		q.SetField(field)
		q.SetBoost(boost)
		return q
	}
	q := bleve.NewPhraseQuery(terms, field)
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

// joinTerms gives the analysed terms back as text for a match query; being
// stems, they analyse to themselves.
func joinTerms(ts []string) string {
	out := ""
	for i, t := range ts {
		if i > 0 {
			out += " "
		}
		out += t
	}
	return out
}

type rankedPoint struct {
	unit     *pointUnit
	score    float64
	coverage float64
}

// rank combines each point's own score with the best passage linked to it
// and a bonus for question words that stand close together in one of its
// sentences.
func (ix *Index) rank(qq *question, pointScores, paraScores map[string]float64) []rankedPoint {
	maxC := 0.0
	for _, s := range paraScores {
		maxC = math.Max(maxC, s)
	}
	bestPara := map[*paraUnit]float64{}
	for id, s := range paraScores {
		bestPara[ix.paras[id]] = s
	}
	// A point scores by its best part plus half its second best, so a
	// question spread over two sentences of a point still counts both.
	best := map[*pointUnit][2]float64{}
	for id, s := range pointScores {
		u := ix.partOf[id].unit
		b := best[u]
		switch {
		case s > b[0]:
			b = [2]float64{s, b[0]}
		case s > b[1]:
			b[1] = s
		}
		best[u] = b
	}
	maxP := 0.0
	for _, b := range best {
		maxP = math.Max(maxP, b[0]+secondPartShare*b[1])
	}
	var out []rankedPoint
	for _, u := range ix.units {
		p := best[u][0] + secondPartShare*best[u][1]
		c := 0.0
		for _, pu := range ix.linkedTo(u) {
			c = math.Max(c, bestPara[pu])
		}
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
		if p > 0 {
			score += proximityBonus * float64(min(3, ix.bestProximity(u, qq)))
		}
		// bleve's coordination factor counts the question's concepts a
		// point matches as equals; coverage weighs them by rarity, so a
		// point that accounts for "Donetsk" beats one that accounts for
		// "troops" and "Ukraine".
		cov := ix.coverage(qq, u, paraScores)
		out = append(out, rankedPoint{u, score * math.Pow(coverageFloor+cov, coveragePower), cov})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		if out[i].unit.doc.Default != out[j].unit.doc.Default {
			return out[i].unit.doc.Default
		}
		return out[i].unit.point.Number < out[j].unit.point.Number
	})
	return out
}

// linkedTo returns the paragraphs that discuss a point: for the draft, the
// sections linked to its number; for a later version, those linked to the
// draft points it continues.
func (ix *Index) linkedTo(u *pointUnit) []*paraUnit {
	if u.doc.Default {
		return ix.linked[u.point.Number]
	}
	var out []*paraUnit
	for _, n := range u.point.Was {
		out = append(out, ix.linked[n]...)
	}
	return out
}

// idf weighs a term by how few points hold it; a term in no point weighs
// most.
func (ix *Index) idf(t string) float64 {
	return math.Log(1 + float64(ix.numPoints+1)/(float64(ix.docFreq[t])+0.5))
}

// coverage is the idf-weighted share of the question's terms that the point
// accounts for: in its own words, through a synonym, or (at half weight) in
// the best passage linked to it. Words that the corpus never uses count
// half: they are mostly the wrapping of a question ("either", "later"),
// and a question made only of them is about something else.
func (ix *Index) coverage(qq *question, u *pointUnit, paraScores map[string]float64) float64 {
	var linkedTerms map[string]bool
	best := -1.0
	for id, s := range paraScores {
		pu := ix.paras[id]
		if s > best && containsPara(ix.linkedTo(u), pu) {
			best = s
			linkedTerms = tokenSet(pu.tokens)
		}
	}
	covered := map[string]bool{}
	for _, c := range qq.concepts {
		hit := allIn(c.alts[0].terms, u.terms)
		for _, g := range c.groups {
			hit = hit || u.groups[g]
		}
		if hit {
			for _, t := range c.from {
				covered[t] = true
			}
		}
	}
	total, got := 0.0, 0.0
	for _, t := range uniq(qq.terms) {
		w := ix.idf(t)
		if !ix.vocab[t] {
			w /= 2
		}
		total += w
		switch {
		case covered[t]:
			got += w
		case linkedTerms[t]:
			got += w / 2
		}
	}
	if total == 0 {
		return 0
	}
	return got / total
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
func (ix *Index) topPassages(qq *question, paraScores map[string]float64, n int, unlinked bool) []*Passage {
	type scored struct {
		u *paraUnit
		s float64
	}
	var all []scored
	maxS := 0.0
	for id, s := range paraScores {
		maxS = math.Max(maxS, s)
		all = append(all, scored{ix.paras[id], s})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].s != all[j].s {
			return all[i].s > all[j].s
		}
		return all[i].u.order < all[j].u.order
	})
	var out []*Passage
	seen := map[any]bool{}
	for _, c := range all {
		if len(out) >= n {
			break
		}
		if seen[c.u.section] || (unlinked && (len(c.u.points) > 0 || c.s < maxS/2)) {
			continue
		}
		seen[c.u.section] = true
		out = append(out, ix.passage(c.u, qq, c.s))
	}
	return out
}

// passagesFor returns the best paragraphs that discuss the point, one per
// section, ranked by their score for the question and, to break ties and
// order unmatched ones, by how much of the point's own vocabulary they use.
func (ix *Index) passagesFor(u *pointUnit, qq *question, paraScores map[string]float64, n int) []*Passage {
	cands := ix.linkedTo(u)
	if len(cands) == 0 {
		return nil
	}
	ids := ix.paraIDs()
	type scored struct {
		p    *paraUnit
		s, o float64
	}
	var all []scored
	for _, p := range cands {
		all = append(all, scored{p, paraScores[ids[p]], overlap(p, u)})
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].s != all[j].s {
			return all[i].s > all[j].s
		}
		if all[i].o != all[j].o {
			return all[i].o > all[j].o
		}
		return all[i].p.order < all[j].p.order
	})
	var out []*Passage
	seen := map[any]bool{}
	for _, c := range all {
		if len(out) >= n {
			break
		}
		if seen[c.p.section] {
			continue
		}
		seen[c.p.section] = true
		out = append(out, ix.passage(c.p, qq, c.s))
	}
	return out
}

// paraIDs maps paragraphs back to their bleve ids.
func (ix *Index) paraIDs() map[*paraUnit]string {
	m := make(map[*paraUnit]string, len(ix.paras))
	for id, p := range ix.paras {
		m[p] = id
	}
	return m
}

// overlap is the share of a point's terms that a paragraph uses.
func overlap(p *paraUnit, u *pointUnit) float64 {
	if len(u.terms) == 0 {
		return 0
	}
	n := 0
	for t := range tokenSet(p.tokens) {
		if u.terms[t] {
			n++
		}
	}
	return float64(n) / float64(len(u.terms))
}

func (ix *Index) passage(p *paraUnit, qq *question, score float64) *Passage {
	var w map[string]float64
	if qq != nil {
		w = qq.weights
	}
	return &Passage{Doc: p.doc, Section: p.section, Text: snippet(p.text, p.tokens, w, snippetChars),
		Points: p.points, Score: score}
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

// refHit shows a point named by reference: the sub-point if one was named,
// else the point's own text.
func (ix *Index) refHit(u *pointUnit, letter string, passages int) *Hit {
	h := &Hit{Doc: u.doc, Point: u.point, Letter: letter}
	if s := u.point.SubPoint(letter); s != nil {
		h.Match = escapeMarkdown(s.Text)
	} else {
		h.Match = escapeMarkdown(u.point.Text)
	}
	h.Passages = ix.passagesFor(u, nil, nil, passages)
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
		return nil, &RangeError{Number: n, Doc: plan}
	}
	return &PointView{Doc: plan, Point: u.point, Commentary: ix.passagesFor(u, nil, nil, len(ix.linkedTo(u)))}, nil
}
