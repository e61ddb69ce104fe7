package index

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/planbot/planbot/corpus"
)

// Each translation is searched in an index of its own, a view: the same
// clauses and sections, with the Ukrainian (or Russian) texts analysed by
// that language's analyzer. A view is a whole *Index, so ranking, coverage,
// synonyms and highlighting work in it as they do in English, its BM25
// statistics and word rarities are its own, and the English index is
// exactly what it was before translations existed: no English answer can
// change because a translation was added.
//
// A clause without a translation is indexed in a view in English (its
// Latin words are analysed as in English, so synonyms and names still find
// it); an article section without one is not searched in the view, since
// its English paragraphs would mostly be noise to a Ukrainian question,
// but it is still shown beside the clauses it discusses (linkUntranslated).

// buildAll builds the English index and its views side by side, each in
// a goroutine of its own: they share nothing but the corpus, which they
// only read.
func buildAll(ctx context.Context, c *corpus.Corpus) (*Index, error) {
	ixs := make([]*Index, len(Langs))
	errs := make([]error, len(Langs))
	var wg sync.WaitGroup
	for i, lang := range Langs {
		wg.Go(func() { ixs[i], errs[i] = build(ctx, c, lang) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			for _, x := range ixs {
				if x != nil {
					x.Close()
				}
			}
			if i == 0 {
				return nil, err
			}
			return nil, fmt.Errorf("build %s index: %w", Langs[i], err)
		}
	}
	ix := ixs[0]
	ix.views = map[string]*Index{}
	for i, lang := range Langs[1:] {
		v := ixs[i+1]
		ix.views[lang] = v
		v.linkUntranslated(ix)
		for _, w := range v.warnings {
			if !containsString(ix.warnings, w) {
				ix.warnings = append(ix.warnings, w)
			}
		}
	}
	return ix, nil
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// linkUntranslated shows the reporting that has no summary in the view's
// language beside the clauses it discusses, as it is written: a Ukrainian
// question cannot search its English paragraphs, but its answer still
// cites them. The paragraphs come from the English index, already
// analysed and in the order it gives them.
func (v *Index) linkUntranslated(en *Index) {
	for n, paras := range en.linked {
		for _, p := range paras {
			if p.section.Translations[v.lang] == nil {
				v.linked[n] = append(v.linked[n], p)
			}
		}
	}
}

// analyzerFor returns the analyzer of a language.
func analyzerFor(m *mapping.IndexMappingImpl, lang string) analysis.Analyzer {
	if lang == LangEnglish {
		return m.AnalyzerNamed(analyzerName)
	}
	return newLangAnalyzer(m, lang)
}

// pointText is the title, text and sub-points of a clause in the index's
// language, English when the clause has no translation.
func (ix *Index) pointText(p *corpus.Point) (title, text string, subs []corpus.SubPoint) {
	if ix.lang == LangEnglish {
		return p.Title, p.Text, p.SubPoints
	}
	return p.In(ix.lang)
}

// sectionText is the heading and paragraphs of an article section in the
// index's language: in a view, the translation's heading and summary, or
// nothing when the section has no translation.
func (ix *Index) sectionText(s *corpus.Section) (heading string, paragraphs []string) {
	if ix.lang == LangEnglish {
		return s.Heading, s.Paragraphs
	}
	if t := s.Translations[ix.lang]; t != nil && strings.TrimSpace(t.Summary) != "" {
		return t.Heading, []string{t.Summary}
	}
	return "", nil
}

// forLang reports whether a synonym member can occur in the index's
// language: the English index skips Cyrillic members, which no English
// text holds, and each view skips the members written with the other
// language's own letters.
func (ix *Index) forLang(member string) bool {
	switch l := QuestionLang(member); ix.lang {
	case LangEnglish:
		return l == LangEnglish
	case LangUkrainian:
		return l != LangRussian
	case LangRussian:
		return l != LangUkrainian
	}
	return true
}

// refText is the text of a clause, or of its sub-point letter when there
// is one, in the index's language.
func (ix *Index) refText(p *corpus.Point, letter string) string {
	_, text, subs := ix.pointText(p)
	for _, s := range subs {
		if s.Letter == letter {
			return s.Text
		}
	}
	return text
}

// joinTerms writes analysed tokens as the space-separated terms a field
// is given to index (see newMapping).
func joinTerms(ts analysis.TokenStream) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.Write(t.Term)
	}
	return b.String()
}

// view returns the index to search a question in and the language the
// question is taken to be in: lang when the caller names one, else the
// language its letters tell (QuestionLang); Cyrillic that could be either
// goes to whichever of the two its words fit (cyrillicLang).
func (ix *Index) view(q, lang string) (*Index, string) {
	if ix.views == nil {
		return ix, ix.lang
	}
	if !isLang(lang) {
		lang = QuestionLang(q)
		if lang == "" {
			lang = ix.cyrillicLang(q)
		}
	}
	if v := ix.views[lang]; v != nil {
		return v, lang
	}
	return ix, LangEnglish
}

// cyrillicLang decides between Ukrainian and Russian for a question whose
// letters belong to both: each word counts for a language when it is a
// function word of that language only ("що", "чи" against "что", "как"),
// or when its stem in that language is a word of that view and its stem in
// the other is not. A tie goes to Ukrainian, the plan's own language.
func (ix *Index) cyrillicLang(q string) string {
	uk, ru := ix.views[LangUkrainian], ix.views[LangRussian]
	score := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !(r >= 'а' && r <= 'я' || r == '\'' || r == '’' || r == 'ʼ')
	}) {
		wu, wr := foldUK(w), foldRU(w)
		switch {
		case ukStopWords[wu] && !ruStopWords[wr]:
			score++
		case ruStopWords[wr] && !ukStopWords[wu]:
			score--
		}
		inUK := uk != nil && uk.vocab[stemUK(wu)]
		inRU := ru != nil && ru.vocab[stemRU(wr)]
		switch {
		case inUK && !inRU:
			score++
		case inRU && !inUK:
			score--
		}
	}
	if score < 0 {
		return LangRussian
	}
	return LangUkrainian
}
