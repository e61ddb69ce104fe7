package index

import (
	"strings"
	"unicode/utf8"
)

// There is no maintained Ukrainian stemmer in Go (the published ones are in
// Python, JavaScript, PHP, Perl and Snowball's own language), so this is a
// small one of our own. Like Snowball's Russian stemmer it removes one
// inflectional ending, longest first, from the part of the word after its
// first vowel; unlike a full stemmer it does not try to undo derivation.
// It is tuned to conflate the case and number forms of the words people use
// about the plan (../shared/research/terms-uk-ru.md): гарантії, гарантій,
// гарантіями; Донбас, Донбасу, на Донбасі; демілітаризована,
// демілітаризованої, демілітаризовану; вибори, виборів.

// ukEndings are the inflectional endings of Ukrainian nouns, adjectives,
// participles and verbs, longest first so that "гарантіями" loses "іями"
// rather than "и".
var ukEndings = sortedLongestFirst([]string{
	// verbal nouns (припинення, голосування), which then meet their verbs
	// (припиниться -> припин-)
	"еннями", "ення", "енні", "енню", "енням", "ення", "ання", "анні", "анню", "анням",
	// nouns in -ія (армія, гарантія, територія, санкція): every case
	"іями", "іях", "іям", "ією", "ія", "ії", "ію", "ій",
	// noun cases
	"ами", "ями", "ах", "ях", "ам", "ям", "ові", "еві", "єві", "ом", "ем", "єм",
	"ів", "їв", "ей", "ою", "ею", "єю",
	// adjectives and participles
	"ими", "іми", "ого", "ому", "ої", "ий", "им", "их", "ім", "іх", "ую", "юю",
	"ая", "яя", "еє",
	// verbs
	// the future in -тиме (контролюватиме, ділитимуть)
	"уватимуть", "юватимуть", "уватиме", "юватиме", "атимуть", "итимуть",
	"ятимуть", "атиме", "итиме", "ятиме",
	"ування", "ювання", "увати", "ювати", "ували", "увала", "ував",
	"ати", "ити", "іти", "яти", "ать", "ять", "ить", "уть", "ють", "ала", "али",
	"ало", "ила", "или", "ило", "ає", "ує", "ює", "ать", "ться", "тись",
	// the third person of reflexive verbs, once ся is gone (вторгнеться,
	// займеться -> вторгн-, займ-)
	"еть", "єть",
	// one letter: the nominative and the commonest oblique cases
	"а", "я", "у", "ю", "о", "е", "є", "і", "ї", "и", "ь", "й",
})

func sortedLongestFirst(ss []string) []string {
	out := append([]string(nil), ss...)
	// insertion sort by rune length, stable: the lists are short
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && utf8.RuneCountInString(out[j]) > utf8.RuneCountInString(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// ukVowels are the Ukrainian vowel letters.
const ukVowels = "аеєиіїоуюя"

// stemUK returns the stem of a lower-case Ukrainian word: the word without
// its reflexive particle and one inflectional ending, found after the
// word's first vowel so that short words (мир, НАТО as нато) keep a stem.
// A stem keeps at least two letters.
func stemUK(w string) string {
	rv := strings.IndexFunc(w, func(r rune) bool { return strings.ContainsRune(ukVowels, r) })
	if rv < 0 {
		return w
	}
	_, size := utf8.DecodeRuneInString(w[rv:])
	rv += size // the region after the first vowel
	// The reflexive particle of verbs: домовилися, домовились.
	for _, p := range []string{"ся", "сь"} {
		if strings.HasSuffix(w, p) && len(w)-len(p) >= rv {
			w = w[:len(w)-len(p)]
			break
		}
	}
	for _, e := range ukEndings {
		if strings.HasSuffix(w, e) && len(w)-len(e) >= rv && utf8.RuneCountInString(w)-utf8.RuneCountInString(e) >= 2 {
			w = w[:len(w)-len(e)]
			break
		}
	}
	// Nouns in -ість change their і to о in the other cases (чисельність,
	// чисельності): keep the о.
	if strings.HasSuffix(w, "іст") && utf8.RuneCountInString(w) > 5 {
		w = strings.TrimSuffix(w, "іст") + "ост"
	}
	// A soft sign left at the end (областей -> област-, область -> област-).
	if strings.HasSuffix(w, "ь") && utf8.RuneCountInString(w) > 3 {
		w = strings.TrimSuffix(w, "ь")
	}
	return w
}
