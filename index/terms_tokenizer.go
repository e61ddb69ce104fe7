package index

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// termsTokenizerName is the tokenizer of the fields Build gives already
// analysed terms, separated by single spaces (see joinTerms and
// groupTokens). It only splits at the spaces: bleve's whitespace
// tokenizer decodes and classifies every rune, which cost a third of
// building the index once it held three languages.
const termsTokenizerName = "planbot_terms"

func init() {
	if err := registry.RegisterTokenizer(termsTokenizerName, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return termsTokenizer{}, nil
	}); err != nil {
		panic(err)
	}
}

type termsTokenizer struct{}

// Tokenize implements analysis.Tokenizer: one token per space-separated
// term, all allocated at once.
func (termsTokenizer) Tokenize(input []byte) analysis.TokenStream {
	n := 1
	for _, b := range input {
		if b == ' ' {
			n++
		}
	}
	toks := make([]analysis.Token, 0, n)
	start := 0
	for i := 0; i <= len(input); i++ {
		if i < len(input) && input[i] != ' ' {
			continue
		}
		if i > start {
			toks = append(toks, analysis.Token{Term: input[start:i], Start: start, End: i,
				Position: len(toks) + 1, Type: analysis.AlphaNumeric})
		}
		start = i + 1
	}
	out := make(analysis.TokenStream, len(toks))
	for i := range toks {
		out[i] = &toks[i]
	}
	return out
}
