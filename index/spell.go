package index

import "unicode/utf8"

// correct replaces each question term that the corpus never uses by the
// one corpus term it is a likely typo of ("zaporizhia" for "zaporizhzhia",
// "ukran" for "ukrain"): within one edit for words of five to seven
// letters, two from eight. Short words and words with no single closest
// term stay as they are, so a question about something the corpus does not
// cover still finds nothing.
//
// Ukrainian and Russian terms are stems, a letter apart for unrelated
// words (потяг, протяг-; припин-, причин-), so the views correct nothing.
func (ix *Index) correct(terms []string) []string {
	if ix.lang != LangEnglish {
		return terms
	}
	out := terms
	for i, t := range terms {
		n := utf8.RuneCountInString(t)
		if n < 5 || ix.vocab[t] || ix.chat[t] || ix.names[t] || ix.byFirstTerm[t] != nil {
			continue
		}
		limit := 1
		if n >= 8 {
			limit = 2
		}
		best, bestDist, ties := "", limit+1, 0
		for _, v := range ix.vocabByFirst[firstRune(t)] {
			d := editDistance(t, v, limit+1)
			switch {
			case d > limit:
			case d < bestDist:
				best, bestDist, ties = v, d, 1
			case d == bestDist:
				ties++
			}
		}
		if best != "" && ties == 1 {
			if &out[0] == &terms[0] {
				out = append([]string(nil), terms...)
			}
			out[i] = best
		}
	}
	return out
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// editDistance is the Levenshtein distance between a and b, or max when it
// is at least max (the search stops early).
func editDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= max || -d >= max {
		return max
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= max {
			return max
		}
		prev, cur = cur, prev
	}
	return min(prev[len(rb)], max)
}
