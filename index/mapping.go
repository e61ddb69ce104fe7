package index

import (
	"bytes"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// analyzerName is the one analyzer used for indexing, querying, synonym
// matching and highlighting, so all four agree on what a word is.
const analyzerName = "planbot_en"

// Field names of the indexed documents.
const (
	fieldTitle = "title" // point title or section heading
	fieldText  = "text"  // point text or paragraph
	fieldSubs  = "subs"  // lettered sub-points
	// The synonym groups a title or body uses, one token per use: see
	// synonyms.go.
	fieldSynTitle = "syn_title"
	fieldSynBody  = "syn_body"
)

// groupAnalyzer reads the group tokens of the syn_ fields as they are.
const groupAnalyzer = "planbot_groups"

// stopWords are dropped from documents and questions. They start from
// bleve's English list, which is Lucene's, with three changes for this
// corpus: "not", "no" and "nor" stay because the plan turns on them ("will
// not join NATO"); "us" stays because here it is nearly always the United
// States; and the words people wrap questions in ("happen", "anything",
// "plan", "deal") go, since every point is part of the plan and they only
// add noise to short questions.
func stopWords() []any {
	keep := map[string]bool{"not": true, "no": true, "nor": true, "us": true}
	var words []any
	for _, line := range bytes.Split(en.EnglishStopWords, []byte("\n")) {
		if i := bytes.IndexByte(line, '|'); i >= 0 {
			line = line[:i]
		}
		for _, w := range strings.Fields(string(line)) {
			if !keep[w] {
				words = append(words, w)
			}
		}
	}
	for _, w := range questionWords {
		words = append(words, w)
	}
	return words
}

// questionWords frame a question without saying what it is about.
var questionWords = []string{
	"happen", "happens", "happened", "anything", "something", "say", "says",
	"plan", "deal", "deals", "proposal", "get", "gets", "also",
	"exactly", "really", "ever", "much", "many", "whether", "tell", "me",
	"mean", "means", "allowed", "let", "lets", "under", "according",
	"there", "does", "did", "please", "think", "know", "supposed", "going", "gonna",
	// Lucene's list leaves the auxiliaries out for their homonyms ("a
	// will", "a can"); in questions they are only auxiliaries.
	"will", "would", "can", "could", "should", "shall", "may", "might", "must", "ought",
}

// newMapping returns the index mapping shared by the point and passage
// indexes: one custom English analyzer with stemming, and BM25 scoring.
func newMapping() (*mapping.IndexMappingImpl, error) {
	m := mapping.NewIndexMapping()
	m.ScoringModel = bleveindex.BM25Scoring
	if err := m.AddCustomTokenMap("planbot_stop_words", map[string]any{
		"type":   tokenmap.Name,
		"tokens": stopWords(),
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomTokenFilter("planbot_stop", map[string]any{
		"type":           stop.Name,
		"stop_token_map": "planbot_stop_words",
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(analyzerName, map[string]any{
		"type":      custom.Name,
		"tokenizer": unicode.Name,
		"token_filters": []any{
			en.PossessiveName,
			lowercase.Name,
			"planbot_stop",
			en.SnowballStemmerName,
		},
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(groupAnalyzer, map[string]any{
		"type":      custom.Name,
		"tokenizer": termsTokenizerName,
	}); err != nil {
		return nil, err
	}
	m.DefaultAnalyzer = analyzerName
	m.DefaultMapping.Dynamic = false
	// The title and text fields are given their terms already analysed,
	// space-separated (see joinTerms): Build analyses every text once for
	// its own use, and bleve need not do it again.
	for _, f := range []string{fieldTitle, fieldText, fieldSubs} {
		fm := mapping.NewTextFieldMapping()
		fm.Analyzer = groupAnalyzer
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		m.DefaultMapping.AddFieldMappingsAt(f, fm)
	}
	for _, f := range []string{fieldSynTitle, fieldSynBody} {
		fm := mapping.NewTextFieldMapping()
		fm.Analyzer = groupAnalyzer
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		m.DefaultMapping.AddFieldMappingsAt(f, fm)
	}
	return m, nil
}
