package index

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/planbot/planbot/corpus"
)

// Index is a searchable corpus. It is safe for concurrent use.
type Index struct {
	corpus   *corpus.Corpus
	analyzer analysis.Analyzer

	// Two bleve indexes, so that BM25's statistics for plan clauses are not
	// diluted by the much longer articles, and the other way round.
	points   bleve.Index
	passages bleve.Index

	units       []*pointUnit            // every point of every plan
	partOf      map[string]partRef      // bleve id -> sentence or sub-point
	paras       map[string]*paraUnit    // bleve id -> paragraph
	byPoint     map[pointKey]*pointUnit // (doc, number) -> point
	linked      map[int][]*paraUnit     // draft point -> paragraphs that discuss it
	pointVocab  *fieldVocab
	paraVocab   *fieldVocab
	synonyms    []synonymGroup
	warnings    []string
	byFirstTerm map[string][]memberRef
	cues        []versionCue    // the words that name each plan version
	names       map[string]bool // the parties' names: never an answer alone (telling.go)
	chat        map[string]bool // words of everyday chat: never telling (telling.go)
	docFreq     map[string]int  // term -> number of clauses (of any version) holding it
	groupDF     map[int]int     // synonym group -> number of clauses using it
	vocab       map[string]bool // every term of the corpus
	// vocabByFirst files the terms of the corpus by their first letter,
	// for correcting typos.
	vocabByFirst map[rune][]string
	numPoints    int
	maxDraft     int // the highest draft point number a clause stands for or a passage discusses

	// lang is the language of the texts indexed ("en", "uk", "ru"); views
	// are the indexes of the translations, which an English index holds
	// (see lang.go and view.go).
	lang  string
	views map[string]*Index

	stats Stats
}

// pointKey names a point across plan versions.
type pointKey struct {
	doc    string
	number int
}

// pointUnit is a plan point with its text pre-analysed for highlighting.
type pointUnit struct {
	n     int // position in Index.units
	doc   *corpus.Document
	point *corpus.Point
	// parts are the sentences of the point's text and its sub-points, the
	// candidates for "the part that matched".
	parts []part
	title analysis.TokenStream
	terms map[string]bool // every term of title, text and sub-points
	// groups are the synonym groups the point uses anywhere.
	groups map[int]bool
}

// partRef names one part of a point.
type partRef struct {
	unit *pointUnit
	part int
}

// part is a sentence or sub-point with its tokens.
type part struct {
	letter string // sub-point letter, "" for the point's text
	text   string
	tokens analysis.TokenStream
	terms  map[string]bool
	pairs  map[string]bool // terms side by side, as pairKey
	// omits is set for a sentence about what the text leaves out, which
	// is never the one shown for the clause.
	omits bool
}

// paraUnit is one paragraph of an article section.
type paraUnit struct {
	doc     *corpus.Document
	section *corpus.Section
	text    string
	tokens  analysis.TokenStream
	terms   map[string]bool
	pairs   map[string]bool // terms side by side, as pairKey
	spans   [][2]int        // sentences, for cutting snippets
	points  []int           // draft points the section discusses
	order   int             // position in the corpus, for stable ties
}

// Stats describes a built index.
type Stats struct {
	Documents, Points, Sections, Passages, Synonyms int
	Took                                            time.Duration
}

// Build indexes c in memory, in English and in the languages of its
// translations. It fails only when bleve does or ctx ends.
func Build(ctx context.Context, c *corpus.Corpus) (*Index, error) {
	start := time.Now()
	ix, err := buildAll(ctx, c)
	if err != nil {
		return nil, err
	}
	ix.stats.Took = time.Since(start)
	return ix, nil
}

// build indexes the texts of c in one language.
func build(ctx context.Context, c *corpus.Corpus, lang string) (*Index, error) {
	start := time.Now()
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	ix := &Index{
		corpus:     c,
		lang:       lang,
		analyzer:   analyzerFor(m, lang),
		partOf:     map[string]partRef{},
		paras:      map[string]*paraUnit{},
		byPoint:    map[pointKey]*pointUnit{},
		linked:     map[int][]*paraUnit{},
		docFreq:    map[string]int{},
		vocab:      map[string]bool{},
		pointVocab: newFieldVocab(),
		paraVocab:  newFieldVocab(),
	}
	if ix.analyzer == nil {
		return nil, fmt.Errorf("index mapping: no analyzer for language %q", lang)
	}
	// scorch with an empty path is in memory; it is the index type that
	// supports BM25.
	if ix.points, err = bleve.NewUsing("", m, scorch.Name, scorch.Name, nil); err != nil {
		return nil, fmt.Errorf("create point index: %w", err)
	}
	if ix.passages, err = bleve.NewUsing("", m, scorch.Name, scorch.Name, nil); err != nil {
		ix.points.Close()
		return nil, fmt.Errorf("create passage index: %w", err)
	}
	ix.synonyms = ix.compileSynonyms(c.Synonyms)
	ix.cues = ix.versionCues()
	ix.names, ix.chat = ix.analysed(partyNames), ix.analysed(chatWords)
	for t := range ix.nameTerms() { // people's names in Ukrainian and Russian too
		ix.names[t] = true
	}
	if err := ix.fill(ctx); err != nil {
		ix.Close()
		return nil, err
	}
	ix.groupDF = map[int]int{}
	for _, u := range ix.units {
		for g := range u.groups {
			ix.groupDF[g]++
		}
	}
	ix.vocabByFirst = map[rune][]string{}
	for t := range ix.vocab {
		ix.vocabByFirst[firstRune(t)] = append(ix.vocabByFirst[firstRune(t)], t)
	}
	for _, ts := range ix.vocabByFirst {
		sort.Strings(ts) // ties are broken the same way on every build
	}
	docs, pts, secs := c.Counts()
	ix.stats = Stats{Documents: docs, Points: pts, Sections: secs, Passages: len(ix.paras),
		Synonyms: len(c.Synonyms), Took: time.Since(start)}
	return ix, nil
}

func (ix *Index) fill(ctx context.Context) error {
	pb, sb := ix.points.NewBatch(), ix.passages.NewBatch()
	order := 0
	for _, d := range ix.corpus.Documents {
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, p := range d.Points {
			u := ix.newPointUnit(d, p)
			u.n = len(ix.units)
			ix.units = append(ix.units, u)
			for _, n := range ix.draftNumbers(u) {
				ix.maxDraft = max(ix.maxDraft, n)
			}
			ix.byPoint[pointKey{d.ID, p.Number}] = u
			// One bleve document per sentence or sub-point, each with the
			// point's title: BM25 then scores "the World Bank" in sub-point
			// 12f as a short text, not as a word lost in six sub-points,
			// and the best part is also the one to show.
			for i, pt := range u.parts {
				id := fmt.Sprintf("%s#%d/%d", d.ID, p.Number, i)
				ix.partOf[id] = partRef{u, i}
				field := fieldText
				if pt.letter != "" {
					field = fieldSubs
				}
				doc := map[string]any{
					fieldTitle: joinTerms(u.title), field: joinTerms(pt.tokens),
					fieldSynTitle: ix.groupTokens(termsOf(u.title)), fieldSynBody: ix.groupTokens(termsOf(pt.tokens)),
				}
				ix.pointVocab.docs++
				ix.pointVocab.add(fieldTitle, termsOf(u.title)...)
				ix.pointVocab.add(field, termsOf(pt.tokens)...)
				ix.pointVocab.add(fieldSynTitle, strings.Fields(doc[fieldSynTitle].(string))...)
				ix.pointVocab.add(fieldSynBody, strings.Fields(doc[fieldSynBody].(string))...)
				if err := pb.Index(id, doc); err != nil {
					return fmt.Errorf("index %s point %d: %w", d.File, p.Number, err)
				}
			}
		}
		for si, s := range d.Sections {
			heading, paragraphs := ix.sectionText(s)
			if len(paragraphs) == 0 {
				continue
			}
			links := ix.sectionLinks(s)
			for _, n := range links {
				ix.maxDraft = max(ix.maxDraft, n)
			}
			for pi, text := range paragraphs {
				id := fmt.Sprintf("%s/%d/%d", d.ID, si, pi)
				toks := ix.analyze(text)
				u := &paraUnit{doc: d, section: s, text: text, tokens: toks, terms: tokenSet(toks), pairs: pairsOf(toks), spans: sentenceSpans(text), points: links, order: order}
				for _, t := range u.tokens {
					ix.vocab[string(t.Term)] = true
				}
				order++
				ix.paras[id] = u
				for _, n := range links {
					ix.linked[n] = append(ix.linked[n], u)
				}
				heading := ix.terms(heading)
				doc := map[string]any{
					fieldTitle: strings.Join(heading, " "), fieldText: joinTerms(u.tokens),
					fieldSynTitle: ix.groupTokens(heading), fieldSynBody: ix.groupTokens(termsOf(u.tokens)),
				}
				ix.paraVocab.docs++
				ix.paraVocab.add(fieldTitle, heading...)
				ix.paraVocab.add(fieldText, termsOf(u.tokens)...)
				ix.paraVocab.add(fieldSynTitle, strings.Fields(doc[fieldSynTitle].(string))...)
				ix.paraVocab.add(fieldSynBody, strings.Fields(doc[fieldSynBody].(string))...)
				if err := sb.Index(id, doc); err != nil {
					return fmt.Errorf("index %s section %q: %w", d.File, s.Heading, err)
				}
			}
		}
	}
	// Order each point's linked paragraphs by how much of the point's own
	// vocabulary they use: the order passages are offered in when the
	// question matched none of them.
	plan := ix.corpus.DefaultPlan()
	for n, paras := range ix.linked {
		if plan == nil {
			break
		}
		u := ix.byPoint[pointKey{plan.ID, n}]
		if u == nil {
			continue
		}
		sort.SliceStable(paras, func(i, j int) bool { return overlap(paras[i], u) > overlap(paras[j], u) })
	}
	if err := ix.points.Batch(pb); err != nil {
		return fmt.Errorf("index points: %w", err)
	}
	if err := ix.passages.Batch(sb); err != nil {
		return fmt.Errorf("index passages: %w", err)
	}
	return nil
}

// sectionLinks are the draft points a section discusses: its points: line,
// then the points of the default plan its text names ("Point 14 of the
// plan says").
func (ix *Index) sectionLinks(s *corpus.Section) []int {
	links := append([]int(nil), s.Points...)
	plan := ix.corpus.DefaultPlan()
	for _, n := range s.Mentions() {
		if plan != nil && plan.Point(n) != nil && !slices.Contains(links, n) {
			links = append(links, n)
		}
	}
	return links
}

func (ix *Index) newPointUnit(d *corpus.Document, p *corpus.Point) *pointUnit {
	u := &pointUnit{doc: d, point: p, terms: map[string]bool{}}
	title, text, subs := ix.pointText(p)
	for _, s := range sentences(text) {
		u.parts = append(u.parts, ix.newPart("", s))
	}
	if len(u.parts) == 0 && len(subs) == 0 {
		// A point with only a title still needs a document to be found.
		u.parts = append(u.parts, ix.newPart("", title))
	}
	for _, s := range subs {
		u.parts = append(u.parts, ix.newPart(s.Letter, s.Text))
	}
	u.title = ix.analyze(title)
	for _, t := range u.title {
		u.terms[string(t.Term)] = true
	}
	for _, pt := range u.parts {
		for _, t := range pt.tokens {
			u.terms[string(t.Term)] = true
		}
	}
	for t := range u.terms {
		ix.vocab[t] = true
	}
	u.groups = map[int]bool{}
	for _, seq := range append([][]string{termsOf(u.title)}, partTerms(u.parts)...) {
		for _, g := range ix.groupsIn(seq) {
			u.groups[g] = true
		}
	}
	// Rarity counts over the clauses of every version: a word only a later
	// version uses ("keeps") is not rare for that.
	ix.numPoints++
	for t := range u.terms {
		ix.docFreq[t]++
	}
	return u
}

func (ix *Index) newPart(letter, text string) part {
	toks := ix.analyze(text)
	return part{letter: letter, text: text, tokens: toks, terms: tokenSet(toks), pairs: pairsOf(toks), omits: omission.MatchString(text)}
}

func (ix *Index) analyze(s string) analysis.TokenStream {
	return ix.analyzer.Analyze([]byte(s))
}

// Corpus returns the corpus the index was built from.
func (ix *Index) Corpus() *corpus.Corpus { return ix.corpus }

// Warnings lists what in the corpus will not search as its author may
// expect (synonyms that are only stop words), for `planbot index`.
func (ix *Index) Warnings() []string { return ix.warnings }

// Stats returns counts and the build time.
func (ix *Index) Stats() Stats { return ix.stats }

// Close releases the index. Searches must not be running.
func (ix *Index) Close() error {
	var errs []error
	if ix.points != nil {
		errs = append(errs, ix.points.Close())
	}
	if ix.passages != nil {
		errs = append(errs, ix.passages.Close())
	}
	for _, v := range ix.views {
		errs = append(errs, v.Close())
	}
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("close index: %w", err)
		}
	}
	return nil
}
