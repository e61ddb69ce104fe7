package bot

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/index"
)

// TestCatalogComplete walks the bot package's source and fails for every
// string given to tr, trf or plural (a literal, or a constant of the
// package) that has no Ukrainian or Russian in the catalog, so nothing the
// bot says is left in English silently. A noun given to plural needs its
// three forms, "one|few|many".
func TestCatalogComplete(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	var parsed []*ast.File
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							consts[n.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			}
		}
	}
	// stringOf is the text of a literal, a package constant or a
	// concatenation of them; ok is false for anything computed.
	var stringOf func(e ast.Expr) (string, bool)
	stringOf = func(e ast.Expr) (string, bool) {
		switch e := e.(type) {
		case *ast.BasicLit:
			if e.Kind == token.STRING {
				s, err := strconv.Unquote(e.Value)
				return s, err == nil
			}
		case *ast.Ident:
			s, ok := consts[e.Name]
			return s, ok
		case *ast.BinaryExpr:
			if e.Op == token.ADD {
				a, ok1 := stringOf(e.X)
				b, ok2 := stringOf(e.Y)
				return a + b, ok1 && ok2
			}
		case *ast.ParenExpr:
			return stringOf(e.X)
		}
		return "", false
	}
	missing := map[string]string{}
	used := 0
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn, ok := call.Fun.(*ast.Ident)
			if !ok {
				return true
			}
			arg := -1
			switch fn.Name {
			case "tr", "trf":
				arg = 1
			case "plural":
				arg = 2
			}
			if arg < 0 || len(call.Args) <= arg {
				return true
			}
			s, ok := stringOf(call.Args[arg])
			if !ok {
				return true // a version's name or another computed text
			}
			used++
			where := fset.Position(call.Pos()).String()
			w, ok := catalog[s]
			switch {
			case !ok || w.uk == "" || w.ru == "":
				missing[s] = where + ": no Ukrainian or Russian for"
			case fn.Name == "plural" && (strings.Count(w.uk, "|") != 2 || strings.Count(w.ru, "|") != 2):
				missing[s] = where + ": plural needs one|few|many for"
			case fn.Name == "trf" && (strings.Count(w.uk, "%") != strings.Count(s, "%") || strings.Count(w.ru, "%") != strings.Count(s, "%")):
				missing[s] = where + ": not the same verbs as the English in"
			}
			return true
		})
	}
	if used < 50 {
		t.Fatalf("only %d texts given to tr, trf and plural: is the walk still finding them?", used)
	}
	keys := make([]string, 0, len(missing))
	for k := range missing {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("%s %q", missing[k], k)
	}
}

func TestPlural(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{langEN, 1, "1 point"}, {langEN, 3, "3 points"},
		{langUK, 1, "1 пункт"}, {langUK, 3, "3 пункти"}, {langUK, 5, "5 пунктів"}, {langUK, 11, "11 пунктів"},
		{langUK, 21, "21 пункт"}, {langUK, 22, "22 пункти"}, {langUK, 28, "28 пунктів"}, {langUK, 112, "112 пунктів"},
		{langRU, 1, "1 пункт"}, {langRU, 2, "2 пункта"}, {langRU, 14, "14 пунктов"}, {langRU, 19, "19 пунктов"}, {langRU, 101, "101 пункт"},
	}
	for _, tt := range tests {
		if got := plural(tt.lang, tt.n, "point"); got != tt.want {
			t.Errorf("plural(%s, %d, point) = %q; want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

// TestAnswerLanguage: the question's letters decide its language; the
// member's decides when they do not (no letters, or Cyrillic that both
// languages write); an English member's ambiguous Cyrillic is searched
// as the index decides.
func TestAnswerLanguage(t *testing.T) {
	tests := []struct {
		q      string
		locale discordgo.Locale
		search string // Options.Lang
		answer string // with no Result.Lang
	}{
		{"how big can Ukraine's army be?", discordgo.Ukrainian, "", langEN},
		{"Чи має Україна віддати Донбас?", discordgo.Russian, "", langUK},
		{"Что план говорит о НАТО?", discordgo.Ukrainian, "", langRU},
		{"пункт 14", discordgo.Russian, langRU, langRU},
		{"пункт 14", discordgo.Ukrainian, langUK, langUK},
		{"пункт 14", discordgo.EnglishUS, "", langUK},
		{"14", discordgo.Russian, langRU, langRU},
		{"14", "", "", langEN},
	}
	for _, tt := range tests {
		if got := searchLang(tt.q, tt.locale); got != tt.search {
			t.Errorf("searchLang(%q, %q) = %q; want %q", tt.q, tt.locale, got, tt.search)
		}
		if got := questionLang(nil, tt.q, tt.locale); got != tt.answer {
			t.Errorf("questionLang(%q, %q) = %q; want %q", tt.q, tt.locale, got, tt.answer)
		}
	}
	// the index's word wins: it weighs the words, not only the letters
	res := &index.Result{Lang: langRU}
	if got := questionLang(res, "пункт 14", discordgo.Ukrainian); got != langRU {
		t.Errorf("questionLang with Result.Lang ru = %q", got)
	}
}

// TestButtonLanguage: a button goes on in the language of the answer it
// is under, whoever presses; under an English answer, in the presser's.
func TestButtonLanguage(t *testing.T) {
	uk := &discordgo.Message{Embeds: []*discordgo.MessageEmbed{{Title: "Пункт 6 · Чисельність Збройних сил України"}}}
	ru := &discordgo.Message{Embeds: []*discordgo.MessageEmbed{{Title: "Пункт 6 · Численность Вооружённых сил Украины"}}}
	en := &discordgo.Message{Embeds: []*discordgo.MessageEmbed{{Title: "Point 6 · Size of Ukraine's armed forces"}}}
	tests := []struct {
		msg    *discordgo.Message
		locale discordgo.Locale
		want   string
	}{
		{uk, discordgo.EnglishUS, langUK},
		{ru, discordgo.Ukrainian, langRU},
		{en, discordgo.Russian, langRU},
		{en, discordgo.EnglishGB, langEN},
		{nil, discordgo.Ukrainian, langUK},
		// a page of /sources in Russian, whose letters do not tell
		{&discordgo.Message{Embeds: []*discordgo.MessageEmbed{{Title: "US 28-point peace plan to end the war in Ukraine (leaked draft)",
			Footer: &discordgo.MessageEmbedFooter{Text: "Страница 8 из 10 · /источники · ◀ ▶ — другие документы"}}}}, discordgo.EnglishUS, langRU},
		// an English answer to a question naming Донбас in Cyrillic
		{&discordgo.Message{Embeds: []*discordgo.MessageEmbed{{Title: "“What about Донбас?”", Description: "*Asked:* What about Донбас?",
			Footer: &discordgo.MessageEmbedFooter{Text: "28-point draft, 20 Nov 2025"}}}}, discordgo.EnglishUS, langEN},
	}
	for _, tt := range tests {
		i := &discordgo.Interaction{Message: tt.msg, Locale: tt.locale}
		if got := messageLang(i); got != tt.want {
			t.Errorf("messageLang(%v, %q) = %q; want %q", tt.msg != nil, tt.locale, got, tt.want)
		}
	}
}

// TestVersionInLanguage: autocomplete names points and versions in the
// member's language and matches their words in it: a member whose Discord
// is in Russian picks a plan
// version by its Russian name, and one typed in Ukrainian is found.
func TestVersionInLanguage(t *testing.T) {
	t.Parallel()
	h := New(Config{Index: newLive(t), RateBurst: 1 << 20})
	ac := decodeInteraction(t, discordgo.InteractionApplicationCommandAutocomplete, map[string]any{"id": "43", "name": "point", "type": 1,
		"options": []any{map[string]any{"name": "version", "type": 3, "value": "рамоч", "focused": true}}}, ivan, nil)
	r, _ := h.Handle(context.Background(), ac)
	if got := r.Data.Choices; len(got) != 1 || got[0].Name != "20-пунктный рамочный план (24.12.2025)" || got[0].Value != "plan-20-point-framework" {
		t.Errorf("choices for рамоч = %s; want the 20-point framework named in Russian", encode(t, got))
	}
	ac = decodeInteraction(t, discordgo.InteractionApplicationCommandAutocomplete, map[string]any{"id": "43", "name": "point", "type": 1,
		"options": []any{map[string]any{"name": "number", "type": 4, "value": "чисельність", "focused": true}}}, olena, nil)
	r, _ = h.Handle(context.Background(), ac)
	if got := r.Data.Choices; len(got) == 0 || got[0].Name != "6 · Чисельність Збройних сил України" {
		t.Errorf("choices for чисельність = %s; want point 6 named in Ukrainian first", encode(t, got))
	}
	r, _ = h.Handle(context.Background(), slash(t, olena, "point", opt("number", 4, 1), opt("version", 3, "20-пунктний рамковий план")))
	if len(r.Data.Embeds) != 1 || !strings.HasSuffix(r.Data.Embeds[0].Title, "(20-пунктний рамковий план)") {
		t.Errorf("/point version in Ukrainian = %s", responseText(r))
	}
}

// TestSmallTalkLanguage: a greeting or thanks gets its hint in its own
// language, with the commands as that language's picker names them.
func TestSmallTalkLanguage(t *testing.T) {
	t.Parallel()
	h := New(Config{Index: newLive(t), RateBurst: 1 << 20})
	tests := []struct {
		w    who
		q    string
		want string
	}{
		{alice, "привіт усім", "Привіт! Я відповідаю на питання"},
		{alice, "спасибо", "Пожалуйста! Спрашивайте"},
		{olena, "дякую!", "`/запитати`"},
		{ivan, "привет", "`/помощь`"},
		{olena, "thanks!", "You're welcome!"},
	}
	for _, tt := range tests {
		r, _ := h.Handle(context.Background(), slash(t, tt.w, "ask", opt("question", 3, tt.q)))
		if r.Data == nil || !strings.Contains(r.Data.Content, tt.want) {
			t.Errorf("/ask %q from %s = %s; want %q in it", tt.q, tt.w.locale, encode(t, r), tt.want)
		}
	}
}

// TestNoStateMediaWording: our Russian (and Ukrainian) says «в Украине»,
// never «на Украине», ДНР or ЛНР, in the catalog and in every answer.
func TestNoStateMediaWording(t *testing.T) {
	t.Parallel()
	bad := []string{"на Украине", "на Украину", "ДНР", "ЛНР", "на Україні"}
	for en, w := range catalog {
		for _, b := range bad {
			if strings.Contains(w.uk, b) || strings.Contains(w.ru, b) {
				t.Errorf("catalog %q says %q", en, b)
			}
		}
	}
	for _, a := range allAnswers(t) {
		// the question, quoted as asked, is the asker's wording
		text := strings.ReplaceAll(responseText(a.resp), escapeMarkdown(a.what), "")
		for _, b := range bad {
			if strings.Contains(text, b) {
				t.Errorf("/%s %s says %q", a.cmd, a.what, b)
			}
		}
	}
}
