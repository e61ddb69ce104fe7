package index

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// nowWords are the words with which people ask about the present: "is
// there a ceasefire now?", "what is the latest?", "чи є зараз перемир'я?",
// "что сейчас с переговорами?". Such a question wants the newest reporting
// first, and the date the reporting ends, since events after it are not in
// the corpus.
var nowWords = map[string]bool{
	// English
	"now": true, "nowadays": true, "latest": true, "newest": true, "recent": true, "recently": true,
	"currently": true, "current": true, "still": true, "today": true, "yet": true, "anymore": true,
	// Ukrainian
	"зараз": true, "наразі": true, "нині": true, "тепер": true, "сьогодні": true, "досі": true,
	"останні": true, "останній": true, "останнє": true, "остання": true, "поточний": true,
	// Russian
	"сейчас": true, "сегодня": true, "теперь": true, "ныне": true, "нынче": true,
	"последние": true, "последний": true, "последнее": true, "последняя": true, "текущий": true,
}

// nowPhrases are the questions about the present that take more than one
// word; each is matched on the question's words joined by single spaces.
var nowPhrases = []string{"at the moment", "so far", "as of today", "up to date", "до сих пор", "на данный момент", "на сьогодні", "на сегодня"}

// AboutNow reports whether the question q asks about the present, by its
// words ("now", "latest", "currently", "still", "зараз", "сейчас"...).
// Search then puts the newest reporting first; answers show how far the
// reporting goes (corpus.Corpus.AsOf).
func AboutNow(q string) bool {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	})
	for _, w := range words {
		if nowWords[w] {
			return true
		}
	}
	joined := " " + strings.Join(words, " ") + " "
	for _, p := range nowPhrases {
		if strings.Contains(joined, " "+p+" ") {
			return true
		}
	}
	return false
}

// recentShare is how close to the best passage a passage must score to be
// moved ahead by its date: a newer passage that only grazes the question
// (a word such as "Ukraine") does not push out an older one that answers
// it. Reporting that answers in other words than the question's, such as
// the 800,000 army of the Paris Declaration for "how big is the army now?",
// scores a sixth or so of the best.
const recentShare = 0.15

// newestFirst reorders passages, already sorted best first, for a question
// about the present: those that score at least recentShare of the best
// come first, newest document first (ties keep their order by score), then
// the rest as they were. unit and score read an element's paragraph and
// score.
func newestFirst[T any](xs []T, unit func(T) *paraUnit, score func(T) float64) {
	if len(xs) < 2 {
		return
	}
	best := 0.0
	for _, x := range xs {
		best = max(best, score(x))
	}
	relevant := func(x T) bool { return best > 0 && score(x) >= recentShare*best }
	slices.SortStableFunc(xs, func(a, b T) int {
		ra, rb := relevant(a), relevant(b)
		switch {
		case ra && !rb:
			return -1
		case rb && !ra:
			return 1
		case !ra:
			return 0
		}
		return cmp.Compare(unit(b).doc.Date, unit(a).doc.Date)
	})
}
