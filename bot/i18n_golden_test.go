package bot

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
)

// TestLanguagesGolden keeps, in golden files, the answers of issue 14 in
// Ukrainian and Russian as the bot sends them from a real index over the
// embedded corpus: /ask in the question's language (the issue's own
// questions), in the member's when the question does not tell, /point 21
// and /compare 6 in the member's language, Check against the plan and the
// no-match answer.
func TestLanguagesGolden(t *testing.T) {
	t.Parallel()
	live := newLive(t)
	h := New(Config{Index: live, RateBurst: 1 << 20, Feedback: nopFeedback{}, VoteKey: testVoteKey})
	ask := func(w who, q string) *discordgo.Interaction { return slash(t, w, "ask", opt("question", 3, q)) }
	tests := []struct {
		name string
		i    *discordgo.Interaction
		lang string
	}{
		// the question's letters tell its language, whatever the member's
		{"ask-uk", ask(alice, "Чи має Україна віддати Донбас?"), langUK},
		{"ask-ru", ask(alice, "Что план говорит о НАТО?"), langRU},
		// "пункт 14" is both languages: the member's decides
		{"ask-ru-locale", ask(ivan, "пункт 14"), langRU},
		{"ask-uk-no-match", ask(olena, "Яка погода в Києві сьогодні?"), langUK},
		{"check-uk", messageCommand(t, olena, "Україна не вступить в НАТО за цим планом"), langUK},
		{"point-21-uk", slash(t, olena, "point", opt("number", 4, 21)), langUK},
		{"point-21-ru", slash(t, ivan, "point", opt("number", 4, 21)), langRU},
		{"compare-6-uk", slash(t, olena, "compare", opt("point", 4, 6)), langUK},
		{"compare-6-ru", slash(t, ivan, "compare", opt("point", 4, 6)), langRU},
		{"help-ru", slash(t, ivan, "help"), langRU},
	}
	for _, tt := range tests {
		resp, later := h.Handle(context.Background(), tt.i)
		if later != nil {
			t.Fatalf("%s: deferred", tt.name)
		}
		checkResponse(t, tt.name, resp)
		if got := responseLang(resp); got != tt.lang {
			t.Errorf("%s: answered in %q; want %q:\n%s", tt.name, got, tt.lang, responseText(resp))
		}
		if left := englishLeft(live.Corpus(), resp); len(left) > 0 {
			t.Errorf("%s: English left in a %s answer: %q", tt.name, tt.lang, left)
		}
		golden(t, tt.name, resp)
	}
}

// TestNoEnglishLeft reads every Ukrainian and Russian answer of the
// budget tests as its reader would: outside the quoted reporting, links,
// the values typed in code spans and the documents' own titles, no
// English word is left.
func TestNoEnglishLeft(t *testing.T) {
	t.Parallel()
	for _, a := range allAnswers(t) {
		if a.lang != langUK && a.lang != langRU {
			continue
		}
		if left := englishLeft(newLive(t).Corpus(), a.resp); len(left) > 0 {
			t.Errorf("/%s %s: English left in a %s answer: %q", a.cmd, a.what, a.lang, left)
		}
	}
}

var (
	// reported is what an answer shows as written: a quoted passage of
	// reporting with its citation, a link, a value to type, a document's
	// title on /sources.
	reported = regexp.MustCompile(strings.Join([]string{
		"(?m)^> .*$", // a passage of reporting and its citation
		`(?m)^\*(?:Питання|Вопрос):\* .*$`, // the question in full, as asked
		`\[[^\]]*\]\([^)]*\)`,              // a link: its label is the source's name
		"`[^`]*`",                          // a value to type (a version's id)
		`\*\*(?:Сторінка|Страница) \d+\*\* · [^\n]*? — `, // a document's title on /sources
		`(?:Стаття|Статья) · [^\n]*`,                     // an article's publisher and author
		`(?:Примітка|Примечание) \([^)]*\): \*[^\n]*`,    // a document's note, said to be in English
		`(?s)\*\*(?:Джерела|Источники)\*\*\n.*$`,         // the list of sources, named as published
		`BBC|The New York Times|New START`,               // names the translations keep in Latin letters
	}, "|"))
	latin = regexp.MustCompile(`[A-Za-z][A-Za-z'’]+`)
	// notEnglish are Latin words a Ukrainian or Russian reader expects
	// as they are: the bot's name and corpus text shown as written.
	notEnglish = map[string]bool{
		"planbot": true,
		"true":    true, // the value of a boolean option, typed as is
		"START":   true, // the New START treaty, named so in both languages
	}
)

// englishLeft returns the English words of an answer outside what it
// shows as written (reported), its question and the titles of c's documents.
func englishLeft(c *corpus.Corpus, r *discordgo.InteractionResponse) []string {
	if r == nil || r.Data == nil {
		return nil
	}
	var left []string
	check := func(s string) {
		for _, w := range latin.FindAllString(reported.ReplaceAllString(s, ""), -1) {
			if !notEnglish[w] {
				left = append(left, w)
			}
		}
	}
	check(r.Data.Content)
	for _, e := range r.Data.Embeds {
		if !strings.HasPrefix(e.Title, "“") && !isDocTitle(c, e.Title) { // a question or a document's title as written
			check(e.Title)
		}
		check(e.Description)
		for _, f := range e.Fields {
			check(f.Name)
			check(f.Value)
		}
		if e.Footer != nil {
			check(e.Footer.Text)
		}
	}
	for _, row := range r.Data.Components {
		if ar, ok := row.(discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if b, ok := c.(discordgo.Button); ok {
					check(b.Label)
				}
			}
		}
	}
	return left
}

// isDocTitle reports whether s is the title of a document of the default
// corpus, which /sources shows as written.
func isDocTitle(c *corpus.Corpus, s string) bool {
	for _, d := range c.Documents {
		if d.Title == s {
			return true
		}
	}
	return false
}
