package corpus_test

import (
	"fmt"
	"math/big"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/planbot/planbot/corpus"
)

// The figures of a clause are compared across languages after this
// normalisation, so that the same figure written the way each language
// writes it compares equal, and nothing else does:
//
//   - A number is digits, with thousands grouped by ',' (English) or a
//     space, no-break space or narrow no-break space (Ukrainian, Russian),
//     and an optional decimal part of one or two digits after '.' or ','.
//     "600,000", "600 000" and "600 тисяч" are all 600000.
//   - A scale word multiplies it: bn, billion, млрд, мільярд…, миллиард…
//     (10⁹); m (only written against the digits, "$3m"), million, млн,
//     мільйон…, миллион… (10⁶); thousand, тис., тисяч…, тыс., тысяч… (10³).
//   - A currency before ($, €) or after (долар…, доллар…, євро, евро,
//     dollars, euros) makes it money: "$100bn", "100 млрд доларів" and
//     "100 млрд долларов" are all $100000000000, and "100 млрд євро" is
//     €100000000000, a different figure.
//   - %, відсот… and процент… make a percentage: "50%" is 50%, which is not
//     the plain number 50.
//   - A ratio ("50:50", "50/50", "50 на 50") is one figure, 50:50.
//   - After point/points, пункт…/п., or article/стаття…/статья…, a number
//     and the numbers listed after it (", 6", " and 7", " і 7", " и 7") are
//     references: "point 14", "пункт 14", "пункту 14" and "п. 14" are all
//     "point 14"; "Article 5" and "статті 5" are "article 5". A reference is
//     not the same figure as the bare number, so a translation that drops
//     the word "пункт" is caught.
//   - Digits written against a letter (G8, B2) are part of a name and not
//     a figure; numbers written as words ("thirty years") are not figures
//     in any language.
//   - Everything else (years, dates, days, "28-point") is the plain number:
//     "1 January 2027" and "1 січня 2027 року" both give 1 and 2027.
//
// The figures of a clause are the set of the figures of its title, text and
// sub-points: a figure said twice counts once.
var (
	numberRE = regexp.MustCompile(`(\d{1,3}(?:[,\x{00A0}\x{202F} ]\d{3})+|\d+)(?:[.,](\d{1,2}))?`)
	// after a number
	scaleAfter    = regexp.MustCompile(`^\s*(bn|billion|млрд|мільярд\p{L}*|миллиард\p{L}*|million|млн|мільйон\p{L}*|миллион\p{L}*|thousand|тис\.|тисяч\p{L}*|тыс\.|тысяч\p{L}*)`)
	scaleAttached = regexp.MustCompile(`^(m)`)
	moneyAfter    = regexp.MustCompile(`^\s*(?:(долар\p{L}*|доллар\p{L}*|дол\.|dollars?|USD)|(євро|евро|euros?|EUR))`)
	percentAfter  = regexp.MustCompile(`^\s*(?:%|відсот\p{L}*|процент\p{L}*|per ?cent)`)
	ratioAfter    = regexp.MustCompile(`^(?:\s*[:/]\s*| на )$`)
	// before a number
	pointBefore   = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(points?|пункт\p{L}*|п\.)\s*$`)
	articleBefore = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(articles?|статт\p{L}*|стать\p{L}*)\s*$`)
	// plural is a reference word that starts a list: "points 5, 10 and
	// 27", where "point 14 and 100 days" names one point.
	plural   = regexp.MustCompile(`(?i)^(points|articles|пункт(?:и|ів|ами|ах|ам|ы|ов))$`)
	listGlue = regexp.MustCompile(`^\s*(?:,|and|or|і|й|та|або|и|или|–|-)\s*$`)
)

var scales = map[string]int64{
	"bn": 1e9, "billion": 1e9, "млрд": 1e9, "мільярд": 1e9, "миллиард": 1e9,
	"m": 1e6, "million": 1e6, "млн": 1e6, "мільйон": 1e6, "миллион": 1e6,
	"thousand": 1e3, "тис.": 1e3, "тисяч": 1e3, "тыс.": 1e3, "тысяч": 1e3,
}

// scaleOf returns the multiplier of a scale word, inflected or not.
func scaleOf(word string) int64 {
	for w, n := range scales {
		if strings.HasPrefix(strings.ToLower(word), w) {
			return n
		}
	}
	return 1
}

// figures returns the normalised figures of s, sorted and without repeats.
func figures(s string) []string {
	var out []string
	ms := numberRE.FindAllStringSubmatchIndex(s, -1)
	ref := ""     // "point" or "article" when the previous number was a reference
	list := false // the reference word was plural, so numbers may follow
	prevEnd := 0  // end of the previous number's figure
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		start, end := m[0], m[1]
		if r, _ := utf8.DecodeLastRuneInString(s[:start]); unicode.IsLetter(r) {
			continue // G8: part of a name
		}
		if m[4] >= 0 && digitAt(s, end) { // "3.500": not a decimal part
			m = []int{start, m[4] - 1, m[2], m[3], -1, -1}
			end = m[1]
		}
		value := number(s[m[2]:m[3]], m, s)
		rest := s[end:]

		// References, and lists of them.
		before := s[:start]
		if w := pointBefore.FindStringSubmatch(before); w != nil {
			ref, list = "point", plural.MatchString(w[1])
		} else if w := articleBefore.FindStringSubmatch(before); w != nil {
			ref, list = "article", plural.MatchString(w[1])
		} else if !(ref != "" && list && listGlue.MatchString(s[prevEnd:start])) {
			ref = "" // not "points 5, 10 and 27" going on
		}
		if ref != "" {
			out = append(out, ref+" "+value.RatString())
			prevEnd = end
			continue
		}

		// Ratios: 50:50, 33/33/33, 50 на 50.
		parts := []string{value.RatString()}
		for i+1 < len(ms) && ratioAfter.MatchString(s[end:ms[i+1][0]]) {
			i++
			end = ms[i][1]
			parts = append(parts, number(s[ms[i][2]:ms[i][3]], ms[i], s).RatString())
		}
		if len(parts) > 1 {
			out = append(out, strings.Join(parts, ":"))
			prevEnd = end
			continue
		}

		// Scale, then money or a percentage.
		currency := ""
		switch {
		case strings.HasSuffix(before, "$"):
			currency = "$"
		case strings.HasSuffix(before, "€"):
			currency = "€"
		}
		if sm := scaleAfter.FindStringSubmatchIndex(rest); sm != nil && !letterAt(rest, sm[1]) {
			value.Mul(value, big.NewRat(scaleOf(rest[sm[2]:sm[3]]), 1))
			rest = rest[sm[1]:]
		} else if sm := scaleAttached.FindStringSubmatchIndex(rest); sm != nil && !letterAt(rest, sm[1]) {
			value.Mul(value, big.NewRat(scaleOf(rest[sm[2]:sm[3]]), 1))
			rest = rest[sm[1]:]
		}
		suffix := ""
		if mm := moneyAfter.FindStringSubmatch(rest); mm != nil {
			if mm[1] != "" {
				currency = "$"
			} else {
				currency = "€"
			}
		} else if percentAfter.MatchString(rest) {
			suffix = "%"
		}
		out = append(out, currency+value.RatString()+suffix)
		prevEnd = end
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// number parses the digits of a match (group 1) and its decimal part
// (group 2).
func number(digits string, m []int, s string) *big.Rat {
	d := strings.NewReplacer(",", "", " ", "", "\u00a0", "", "\u202f", "").Replace(digits)
	if m[4] >= 0 {
		d += "." + s[m[4]:m[5]]
	}
	r, ok := new(big.Rat).SetString(d)
	if !ok {
		panic("figures: not a number: " + d)
	}
	return r
}

// digitAt reports whether s has a digit at byte i.
func digitAt(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

// letterAt reports whether s has a letter at byte i, so that "m" in "mines"
// is not read as million.
func letterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i < len(s) && unicode.IsLetter(r)
}

func TestFigures(t *testing.T) {
	tests := []struct {
		name  string
		texts []string // each must give want
		want  []string
	}{
		{"thousands", []string{"capped at 600,000 personnel", "обмежується 600 000 осіб", "ограничивается 600\u00a0000 человек", "600 тисяч", "600 тысяч"}, []string{"600000"}},
		{"money in billions", []string{"$100bn in frozen assets", "$100 billion", "100 млрд доларів", "100 млрд долларов", "100 мільярдів доларів"}, []string{"$100000000000"}},
		{"money in millions", []string{"$3m", "3 млн доларів", "3 миллиона долларов"}, []string{"$3000000"}},
		{"euros are not dollars", []string{"€90bn", "90 млрд євро", "90 млрд евро"}, []string{"€90000000000"}},
		{"decimals with a point or a comma", []string{"$3.5bn", "3,5 млрд доларів"}, []string{"$3500000000"}},
		{"percent", []string{"50% of the profits", "50 % прибутку", "50 відсотків", "50 процентов"}, []string{"50%"}},
		{"ratio", []string{"split equally, 50:50", "50/50", "порівну, 50 на 50"}, []string{"50:50"}},
		{"days and years", []string{"within 100 days, in 2027", "протягом 100 днів, у 2027 році", "в течение 100 дней, в 2027 году"}, []string{"100", "2027"}},
		{"a date", []string{"1 January 2027", "1 січня 2027 року", "1 января 2027 года"}, []string{"1", "2027"}},
		{"point references", []string{"point 14", "пункт 14", "у пункті 14", "п. 14", "Point 14"}, []string{"point 14"}},
		{"a list of points", []string{"points 5, 10 and 27", "пункти 5, 10 і 27", "пункты 5, 10 и 27"}, []string{"point 10", "point 27", "point 5"}},
		{"article references", []string{"mirrors Article 5", "Article 5-style guarantees", "за зразком статті 5", "по образцу статьи 5"}, []string{"article 5"}},
		{"names are not figures", []string{"rejoin the G8 under START I", "повернення до G8", "Group of Eight"}, nil},
		{"the bare number after a reference", []string{"point 14 and 100 days", "пункт 14 і 100 днів"}, []string{"100", "point 14"}},
		{"a compound adjective", []string{"the 28-point draft", "28-пунктного проєкту", "28-пунктного проекта"}, []string{"28"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, text := range tt.texts {
				if got := figures(text); !slices.Equal(got, tt.want) {
					t.Errorf("figures(%q) = %q; want %q", text, got, tt.want)
				}
			}
		})
	}
	// A wrong figure must differ: these pairs must not compare equal.
	for _, pair := range [][2]string{
		{"600,000", "60 000"},
		{"$100bn", "100 млн доларів"},
		{"$100bn", "100 млрд євро"},
		{"50%", "50"},
		{"point 14", "14"},
		{"point 14", "пункт 41"},
		{"within 100 days", "протягом 60 днів"},
		{"2027 or 2028", "2027 або 2029"},
	} {
		if a, b := figures(pair[0]), figures(pair[1]); slices.Equal(a, b) {
			t.Errorf("figures(%q) = figures(%q) = %q; want them to differ", pair[0], pair[1], a)
		}
	}
}

// clauseFigures returns the figures of a point's title, text and
// sub-points in a language ("" for the English).
func clauseFigures(p *corpus.Point, lang string) []string {
	title, text, subs := p.In(lang)
	parts := []string{title, text}
	for _, s := range subs {
		parts = append(parts, s.Text)
	}
	return figures(strings.Join(parts, "\n\n"))
}

// figureMismatches lists, for every point of a plan, each translation
// whose figures differ from the English, and each missing translation.
func figureMismatches(d *corpus.Document) []string {
	var out []string
	for _, p := range d.Points {
		en := clauseFigures(p, "")
		for _, lang := range corpus.Languages {
			if p.Translations[lang] == nil {
				out = append(out, fmt.Sprintf("point %d (%s): no translation", p.Number, lang))
				continue
			}
			if got := clauseFigures(p, lang); !slices.Equal(got, en) {
				out = append(out, fmt.Sprintf("point %d (%s): figures %q; the English has %q", p.Number, lang, got, en))
			}
		}
	}
	return out
}

// TestTranslatedFigures checks every clause of every plan in the default
// corpus: a Ukrainian and a Russian translation, with the same figures as
// the English.
func TestTranslatedFigures(t *testing.T) {
	c, err := corpus.LoadDefault()
	if err != nil {
		t.Fatalf("LoadDefault: %v", err)
	}
	counts := map[string]int{}
	for _, d := range c.Plans() {
		for _, m := range figureMismatches(d) {
			t.Errorf("%s %s", d.File, m)
		}
		counts[d.ID] = len(d.Points)
	}
	want := map[string]int{"plan-28-points": 28, "plan-e3-counter-proposal": 22, "plan-20-point-framework": 19}
	for id, n := range want {
		if counts[id] != n {
			t.Errorf("%s has %d points; want %d, each translated", id, counts[id], n)
		}
	}
	if len(c.Warnings) != 0 {
		t.Errorf("the default corpus loads with warnings %v; want none", c.Warnings)
	}
}

// TestFigureMismatches shows that the figures check fails where it must,
// on a plan whose translations get figures wrong on purpose.
func TestFigureMismatches(t *testing.T) {
	c, err := corpus.LoadDir(filepath.Join("testdata", "figures"))
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	got := figureMismatches(c.Document("wrong-figures"))
	tests := []struct {
		point int
		lang  string
		want  bool // a mismatch is reported
		why   string
	}{
		{1, "uk", false, "600,000 written 600 000"},
		{1, "ru", false, "600,000 written 600 тысяч"},
		{2, "uk", true, "600,000 written 60 000"},
		{2, "ru", false, "600,000 written 600 000"},
		{3, "uk", false, "$100bn written 100 млрд доларів"},
		{3, "ru", true, "$100bn written 100 млн долларов"},
		{4, "uk", true, "$100bn written 100 млрд євро"},
		{4, "ru", false, "$100bn written 100 млрд долларов"},
		{5, "uk", true, "point 14 written пункт 41"},
		{5, "ru", true, "point 14 written 14, without пункт"},
		{6, "uk", true, "50% written 50 (no percent)"},
		{6, "ru", false, "50% written 50 процентов"},
		{7, "uk", true, "100 days written 60 днів"},
		{7, "ru", true, "a figure added: 100 дней and 2027"},
		{8, "uk", true, "the sub-point's 2028 dropped"},
		{8, "ru", false, "the sub-point's 2028 kept"},
	}
	for _, tt := range tests {
		prefix := fmt.Sprintf("point %d (%s): ", tt.point, tt.lang)
		found := slices.ContainsFunc(got, func(m string) bool { return strings.HasPrefix(m, prefix) })
		if found != tt.want {
			t.Errorf("point %d (%s), %s: mismatch reported = %v; want %v\nall reported:\n%s", tt.point, tt.lang, tt.why, found, tt.want, strings.Join(got, "\n"))
		}
	}
}

// TestTranslationWording checks that our own Russian says «в Украине» and
// names the Donetsk and Luhansk regions as regions: the state-media wording
// («на Украине», ДНР, ЛНР) must be understood in questions, never written
// in answers. The Ukrainian likewise says «в Україні».
func TestTranslationWording(t *testing.T) {
	c, err := corpus.LoadDefault()
	if err != nil {
		t.Fatalf("LoadDefault: %v", err)
	}
	banned := map[string]*regexp.Regexp{
		"ru": regexp.MustCompile(`(?i)(?:^|[^\p{L}])(на Украин\p{L}*|ДНР|ЛНР|Донбасс\p{L}* республик|новы\p{L}* регион\p{L}*)`),
		"uk": regexp.MustCompile(`(?i)(?:^|[^\p{L}])(на Україн\p{L}*|ДНР|ЛНР)`),
	}
	for _, d := range c.Plans() {
		for _, p := range d.Points {
			for lang, re := range banned {
				title, text, subs := p.In(lang)
				all := title + "\n" + text
				for _, s := range subs {
					all += "\n" + s.Text
				}
				if m := re.FindStringSubmatch(all); m != nil {
					t.Errorf("%s point %d (%s) writes %q", d.File, p.Number, lang, m[1])
				}
			}
		}
	}
}
