// The language an answer is in: the question's, told by the index (or
// by its letters and words), else the member's Discord language; under a
// button, the language of the answer it is under.

package bot

import (
	"strings"
	"sync"
	"unicode"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/index"
)

// localeLang is the language of a Discord locale: "uk" or "ru" for those,
// else English.
func localeLang(l discordgo.Locale) string {
	switch {
	case strings.HasPrefix(string(l), "uk"):
		return langUK
	case strings.HasPrefix(string(l), "ru"):
		return langRU
	}
	return langEN
}

// searchLang is the language to search a question in when nothing in it
// tells: a question with no letters ("14"), or in Cyrillic that both
// languages write with none of their own letters or words ("пункт 14";
// not "Что план говорит о НАТО?", whose что is Russian), is taken to be
// in the asker's language when that is Ukrainian or Russian. It returns
// "" when the question tells, for the index to decide.
func searchLang(q string, locale discordgo.Locale) string {
	loc := localeLang(locale)
	if loc == langEN {
		return ""
	}
	letters, cyrillic := false, false
	for _, r := range q {
		letters = letters || unicode.IsLetter(r)
		cyrillic = cyrillic || unicode.Is(unicode.Cyrillic, r)
	}
	if !letters || (cyrillic && index.QuestionLang(q) == "" && ownWordLang(q) == "") {
		return loc
	}
	return ""
}

// ownWords are question words one of the two languages has and the other
// has not, the words that tell a question's language when its letters do
// not (the index weighs more of them; these decide for the bot only
// whether the question tells at all).
var ownWords = map[string]string{
	"що": langUK, "чи": langUK, "як": langUK, "де": langUK, "коли": langUK, "хто": langUK, "чому": langUK,
	"буде": langUK, "це": langUK, "або": langUK, "якщо": langUK, "немає": langUK, "має": langUK, "можна": langUK,
	"что": langRU, "ли": langRU, "как": langRU, "где": langRU, "когда": langRU, "кто": langRU, "почему": langRU,
	"будет": langRU, "это": langRU, "или": langRU, "если": langRU, "нет": langRU, "может": langRU, "можно": langRU,
	"говорит": langRU,
	// greetings and thanks, which get a hint in the same language
	"дякую": langUK, "бувай": langUK, "спасибо": langRU, "привет": langRU, "благодарю": langRU, "пока": langRU,
}

// ownWordLang is the language whose ownWords q holds more of, "" for none
// or a tie.
func ownWordLang(q string) string { return majorityLang(q, ownWords) }

// majorityLang is the language of which s holds more words in words (a
// word to the one language it belongs to), "" for none or a tie.
func majorityLang(s string, words map[string]string) string {
	n := map[string]int{}
	for _, w := range lowerWords(s) {
		n[words[w]]++
	}
	switch {
	case n[langUK] > n[langRU]:
		return langUK
	case n[langRU] > n[langUK]:
		return langRU
	}
	return ""
}

// lowerWords splits s into its words, lower-cased.
func lowerWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
}

// questionLang is the language to answer a question in: the one the index
// took it to be in (res may be nil), else the one it was searched in, else
// the one its letters tell (і ї є ґ: Ukrainian; ы э ъ ё: Russian; other
// Cyrillic: its own words, else the asker's language, else Ukrainian),
// else English.
func questionLang(res *index.Result, q string, locale discordgo.Locale) string {
	if res != nil {
		switch res.Lang {
		case langEN, langUK, langRU:
			return res.Lang
		}
	}
	if l := searchLang(q, locale); l != "" {
		return l
	}
	if l := index.QuestionLang(q); l != "" {
		return l
	}
	if l := ownWordLang(q); l != "" {
		return l
	}
	if l := localeLang(locale); l != langEN {
		return l
	}
	return langUK
}

// messageLang is the language of the answer a button is under: Ukrainian
// or Russian when the bot's own words in it are Cyrillic, so that ◀ ▶ and
// "in full" go on in the answer's language; else the language of whoever
// pressed. The question an answer quotes (its title in quotes, the line
// giving it in full) is the asker's and says nothing of the answer's.
func messageLang(i *discordgo.Interaction) string {
	if i.Message != nil {
		var b strings.Builder
		b.WriteString(i.Message.Content)
		for _, e := range i.Message.Embeds {
			if e == nil {
				continue
			}
			if !strings.HasPrefix(e.Title, "“") {
				b.WriteString(" " + e.Title)
			}
			for _, f := range e.Fields {
				if f != nil {
					b.WriteString(" " + f.Name)
				}
			}
			if e.Footer != nil {
				b.WriteString(" " + e.Footer.Text)
			}
		}
		switch l := index.QuestionLang(b.String()); l {
		case langUK, langRU:
			return l
		case "":
			if l := catalogLang(b.String()); l != "" {
				return l
			}
			if l := localeLang(i.Locale); l != langEN {
				return l
			}
			return langUK
		}
	}
	return localeLang(i.Locale)
}

var (
	catalogOnce  sync.Once
	catalogWords map[string]string // a word of the catalog's Ukrainian or Russian only
)

// catalogLang tells the language of the bot's own words when their letters
// do not ("Страница 2 из 10 · /источники"): the language whose catalog
// words they hold more of, "" for a tie.
func catalogLang(s string) string {
	catalogOnce.Do(func() {
		uk, ru := map[string]bool{}, map[string]bool{}
		for _, w := range catalog {
			for _, x := range lowerWords(w.uk) {
				uk[x] = true
			}
			for _, x := range lowerWords(w.ru) {
				ru[x] = true
			}
		}
		catalogWords = map[string]string{}
		for x := range uk {
			if !ru[x] {
				catalogWords[x] = langUK
			}
		}
		for x := range ru {
			if !uk[x] {
				catalogWords[x] = langRU
			}
		}
	})
	return majorityLang(s, catalogWords)
}
