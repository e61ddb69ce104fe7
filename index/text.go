package index

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// sentenceEnd finds the end of a sentence: a full stop, question or
// exclamation mark followed by a space and a capital letter (Latin or
// Cyrillic), digit or quote.
var sentenceEnd = regexp.MustCompile(`[.!?][”"’)»]?\s+[A-Z0-9“"‘$€£«А-ЯЁІЇЄҐ]`)

// initialEnd matches text that ends with a name's initial or a short
// abbreviation ("Donald J.", "Дональдом Дж.", "St."): the full stop of
// such a word rarely ends a sentence.
var initialEnd = regexp.MustCompile(`(?:^|[\s(])\p{Lu}\p{Ll}?\.$`)

// endsWithInitial reports whether text ends with an initial (initialEnd).
func endsWithInitial(text string) bool { return initialEnd.MatchString(text) }

// sentences splits text at sentence ends. It keeps abbreviations such as
// "St Petersburg" whole because they carry no full stop in the corpus.
func sentences(text string) []string {
	var out []string
	for _, para := range strings.Split(text, "\n\n") {
		para = strings.TrimSpace(para)
		for para != "" {
			loc := sentenceEnd.FindStringIndex(para)
			if loc == nil {
				out = append(out, para)
				break
			}
			// The match ends with the first letter of the next sentence.
			_, size := utf8.DecodeLastRuneInString(para[:loc[1]])
			cut := loc[1] - size
			out = append(out, strings.TrimSpace(para[:cut]))
			para = strings.TrimSpace(para[cut:])
		}
	}
	return out
}

// maxQueryRunes caps a question; nobody asks a 300-word question, and the
// cap bounds the work one request can cause.
const maxQueryRunes = 300

// cleanQuery trims, folds white space and caps the length of a question.
func cleanQuery(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if utf8.RuneCountInString(q) > maxQueryRunes {
		r := []rune(q)
		q = string(r[:maxQueryRunes])
	}
	return q
}

var (
	// 600k, 600 k, 600 thousand -> 600,000
	thousands = regexp.MustCompile(`(?i)\b(\d{1,3})\s?(?:k|thousand)\b`)
	// 100 billion, 100 bn, $100b -> 100bn
	billions = regexp.MustCompile(`(?i)\b(\d+(?:\.\d+)?)\s?(?:bn|b|billion)\b`)
	// 1 million, 1mn, 1m -> 1mn
	millions = regexp.MustCompile(`(?i)\b(\d+(?:\.\d+)?)\s?(?:mn|m|million)\b`)
	// 600000 -> 600,000
	plainThousands = regexp.MustCompile(`\b(\d{1,3})(\d{3})\b`)
	// 50 percent, 50 per cent -> 50%
	percent = regexp.MustCompile(`(?i)\b(\d+)\s?(?:per\s?cent|percent|pc)\b`)
)

// moneySigns is a run of currency signs standing for money, not before a
// figure: "who gets the russian $$$".
var moneySigns = regexp.MustCompile(`[$€£]+(?:\s|$|[?!.,])`)

// normalizeNumbers writes the figures people type the way the corpus writes
// them, so "600k" finds "600,000" and "100 billion" finds "$100bn", and a
// bare "$$$" as the word money.
func normalizeNumbers(q string) string {
	if strings.ContainsAny(q, "$€£") {
		q = moneySigns.ReplaceAllString(q, " money ")
	}
	if !strings.ContainsAny(q, "0123456789") {
		return q
	}
	q = thousands.ReplaceAllString(q, "$1,000")
	q = plainThousands.ReplaceAllString(q, "$1,$2")
	q = billions.ReplaceAllString(q, "${1}bn")
	q = millions.ReplaceAllString(q, "${1}mn")
	q = percent.ReplaceAllString(q, "$1%")
	return q
}
