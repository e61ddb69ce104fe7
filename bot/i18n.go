// The bot's own words in English, Ukrainian and Russian: the catalog
// lookup, plurals, dates, sub-point letters, command and version names.
// The clause texts come translated from the corpus (Point.In); the
// reporting is quoted as it was written; lang.go chooses the language.

package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// Languages of the bot's answers.
const (
	langEN = index.LangEnglish
	langUK = index.LangUkrainian
	langRU = index.LangRussian
)

// translation is a text of the bot in Ukrainian and in Russian. For a noun
// counted by plural, each holds its three forms "one|few|many" (1 пункт,
// 2 пункти, 5 пунктів).
type translation struct{ uk, ru string }

// tr returns the bot's words s, written in English, in lang: the
// catalog's translation, else s itself (an operator's own version name,
// or a string the catalog lacks, which TestCatalogComplete catches for
// every literal).
func tr(lang, s string) string {
	w, ok := catalog[s]
	if !ok {
		return s
	}
	switch {
	case lang == langUK && w.uk != "":
		return w.uk
	case lang == langRU && w.ru != "":
		return w.ru
	}
	return s
}

// trf is fmt.Sprintf over the translation of format; the translation
// keeps the verbs of the English, in the same order.
func trf(lang, format string, args ...any) string {
	return fmt.Sprintf(tr(lang, format), args...)
}

// plural is "1 point", "3 points"; in Ukrainian and Russian "1 пункт",
// "3 пункти", "5 пунктів", from the catalog's three forms of noun.
func plural(lang string, n int, noun string) string {
	if lang == langEN || lang == "" {
		if n == 1 {
			return "1 " + noun
		}
		return fmt.Sprintf("%d %ss", n, noun)
	}
	forms := strings.Split(tr(lang, noun), "|")
	if len(forms) != 3 {
		return fmt.Sprintf("%d %s", n, forms[0])
	}
	return fmt.Sprintf("%d %s", n, forms[slavicForm(n)])
}

// slavicForm is the plural form Ukrainian and Russian use after n: 0 for
// 1, 21, 31…; 1 for 2–4, 22–24…; 2 for the rest (5–20, 25–30…).
func slavicForm(n int) int {
	n %= 100
	switch {
	case n%10 == 1 && n != 11:
		return 0
	case n%10 >= 2 && n%10 <= 4 && (n < 12 || n > 14):
		return 1
	}
	return 2
}

// humanDate turns 2025-11-24 into "24 Nov 2025", in Ukrainian and Russian
// "24.11.2025"; other text is returned as it is.
func humanDate(lang, s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	if lang == langUK || lang == langRU {
		return t.Format("02.01.2006")
	}
	return t.Format("2 Jan 2006")
}

// localName is the name of a command ("ask") or of an option
// ("ask/question") as the picker of a member whose Discord is in lang shows
// it: the Ukrainian or Russian name_localizations, else the English name.
func localName(lang, key string) string {
	loc := map[string]discordgo.Locale{langUK: discordgo.Ukrainian, langRU: discordgo.Russian}[lang]
	if w, ok := commandWords[key][loc]; ok && w.name != "" {
		return w.name
	}
	if _, opt, ok := strings.Cut(key, "/"); ok {
		return opt
	}
	return key
}

// rangeSentence says in lang what a RangeError says: that a plan version
// has no such point or sub-point, and what became of the draft's point of
// that number in it.
func rangeSentence(lang string, e *index.RangeError) string {
	if lang == langEN {
		return sentence(e.Error())
	}
	if e.Letter != "" && e.Doc.Point(e.Number) != nil {
		return trf(lang, "Point %d has no sub-point %s.", e.Number, letterIn(lang, e.Letter))
	}
	msg := trf(lang, "There is no point %d in the %s: it has points %s", e.Number, versionLabel(lang, e.Doc), e.Doc.RangeText())
	if e.Fate != nil && e.Draft != nil {
		switch e.Fate.Status {
		case corpus.StatusContinued:
			var nums []string
			for _, c := range e.Fate.Clauses {
				nums = append(nums, fmt.Sprintf("§%d", c.Number))
			}
			msg += trf(lang, "; point %d of the %s continues there as %s", e.Number, versionLabel(lang, e.Draft), strings.Join(nums, tr(lang, " and ")))
		case corpus.StatusDropped:
			msg += trf(lang, "; point %d of the %s was dropped from it", e.Number, versionLabel(lang, e.Draft))
		case corpus.StatusNotReported:
			msg += trf(lang, "; point %d of the %s is not in its reported text", e.Number, versionLabel(lang, e.Draft))
		}
	}
	return msg + "."
}

// cyrillicLetters are the letters Ukrainian and Russian readers number
// sub-points with, standing for the plan's a–h as the index reads them
// ("21г" is 21d).
var cyrillicLetters = strings.NewReplacer("a", "а", "b", "б", "c", "в", "d", "г", "e", "д", "f", "е", "g", "ж", "h", "з")

// letterIn is a sub-point letter as a reader of lang writes it: "d" in
// English, "г" in Ukrainian and Russian.
func letterIn(lang, l string) string {
	if lang == langUK || lang == langRU {
		return cyrillicLetters.Replace(l)
	}
	return l
}

// planIn finds a plan version by id, English name or its Ukrainian or
// Russian name ("20-пунктний рамковий план"), nil when none has it.
func planIn(c *corpus.Corpus, v string) *corpus.Document {
	if d := c.Plan(v); d != nil {
		return d
	}
	for _, d := range c.Plans() {
		for _, l := range []string{langUK, langRU} {
			if d.Version != "" && strings.EqualFold(strings.TrimSpace(v), tr(l, d.Version)) {
				return d
			}
		}
	}
	return nil
}

// restarting is the reply to an interaction that arrives while planbot
// shuts down.
const restarting = "planbot is restarting; please try again in a moment."
