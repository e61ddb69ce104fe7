package index

import (
	"regexp"
	"strings"
)

var (
	// cyrRefBefore is a Ukrainian or Russian reference with the word first:
	// "пункт 14", "пункту 21", "в пункте 21", "п. 21", "п.21г",
	// "підпункт 21(г)", "№ 7".
	cyrRefBefore = regexp.MustCompile(`(?i)(^|[^\p{L}])(?:під|под)?(?:пункт\p{L}*|п\.|№)\s*(\d{1,4})(?:\s*\(\s*([а-з])\s*\)|([а-з]))?($|[^\p{L}])`)
	// cyrRefAfter has the number first: "у 21 пункті", "14-й пункт".
	cyrRefAfter = regexp.MustCompile(`(?i)(^|[^\p{L}\d])(\d{1,4})(?:-?\p{L}{1,3})?\s+(?:під|под)?пункт\p{L}*($|[^\p{L}])`)
	// cyrWholeRef is a question that is only a number and a Cyrillic
	// sub-point letter: "21г".
	cyrWholeRef = regexp.MustCompile(`(?i)^\s*(\d{1,4})\s*(?:\(\s*([а-з])\s*\)|([а-з]))\s*[?.!]*\s*$`)
)

// cyrLetters are the Cyrillic letters people number sub-points with, in
// alphabet order, and the plan's Latin letters they stand for: 21г is 21d.
var cyrLetters = strings.NewReplacer(
	"а", "a", "б", "b", "в", "c", "г", "d", "д", "e", "е", "f", "ж", "g", "з", "h",
	"А", "a", "Б", "b", "В", "c", "Г", "d", "Д", "e", "Е", "f", "Ж", "g", "З", "h",
)

// latinRefs rewrites the Ukrainian and Russian point references in q as
// the English ones parseRef reads ("пункт 21г" -> "point 21d"), so that
// they resolve the same way; the rest of q is left as it is.
func latinRefs(q string) string {
	if m := cyrWholeRef.FindStringSubmatch(q); m != nil {
		return "point " + m[1] + cyrLetters.Replace(m[2]+m[3])
	}
	q = cyrRefBefore.ReplaceAllStringFunc(q, func(s string) string {
		m := cyrRefBefore.FindStringSubmatch(s)
		return m[1] + "point " + m[2] + cyrLetters.Replace(m[3]+m[4]) + m[5]
	})
	return cyrRefAfter.ReplaceAllString(q, "${1}point ${2}${3}")
}
