package corpus_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/planbot/planbot/corpus"
)

// dump renders v for failure messages.
func dump(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err.Error()
	}
	return string(b)
}

func TestLoadDirGood(t *testing.T) {
	dir := filepath.Join("testdata", "good")
	c, err := corpus.LoadDir(dir)
	if err != nil {
		t.Fatalf("LoadDir(%q): %v", dir, err)
	}
	want := &corpus.Corpus{
		Documents: []*corpus.Document{
			{
				ID: "test-article", Kind: corpus.KindArticle, Title: "What the plan means",
				Date: "2025-11-24", Author: "A. Writer", Publisher: "Example News", Place: "Kyiv",
				Sources: []corpus.Source{{Name: "Example News", URL: "https://example.com/article"}},
				Sections: []*corpus.Section{
					// The lead before the first heading is a section named after the article.
					{Heading: "What the plan means", Paragraphs: []string{"The lead paragraph, over two lines."}, Line: 14,
						Translations: map[string]*corpus.SectionTranslation{
							"uk": {Heading: "Що означає план", Summary: "Вступний абзац.", Line: 17},
							"ru": {Heading: "Что означает план", Summary: "Вводный абзац.", Line: 20},
						}},
					{Heading: "The army", Paragraphs: []string{
						"Point 2 caps the army.",
						"Critics say points 2 and 3 go together.",
					}, Points: []int{2}, Line: 23, Translations: map[string]*corpus.SectionTranslation{
						"uk": {Heading: "Армія", Summary: "Пункт 2 обмежує армію; критики пов'язують пункти 2 і 3.", Line: 30},
						"ru": {Heading: "Армия", Summary: "Пункт 2 ограничивает армию; критики связывают пункты 2 и 3.", Line: 33},
					}},
					{Heading: "Land", Paragraphs: []string{"Land is the hardest part."}, Points: []int{3, 1}, Line: 36,
						Translations: map[string]*corpus.SectionTranslation{
							"uk": {Heading: "Земля", Summary: "Земля: найважче.", Line: 40},
							"ru": {Heading: "Земля", Summary: "Земля: самое трудное.", Line: 43},
						}},
					{Heading: "Outlook", Paragraphs: []string{"No links here."}, Line: 46,
						Translations: map[string]*corpus.SectionTranslation{
							"uk": {Heading: "Прогноз", Summary: "Тут посилань немає.", Line: 50},
							"ru": {Heading: "Прогноз", Summary: "Здесь ссылок нет.", Line: 53},
						}},
				},
				File: filepath.Join(dir, "article.md"),
			},
			{
				ID: "test-plan", Kind: corpus.KindPlan, Title: "Test peace plan (draft)",
				Version: "draft", Default: true, Date: "2025-11-20",
				Sources: []corpus.Source{{Name: "Example News", URL: "https://example.com/plan", Date: "2025-11-21"}},
				Note:    "A small plan for the loader's tests.",
				Points: []*corpus.Point{
					{Number: 1, Title: "Sovereignty", Text: "Ukraine's sovereignty is confirmed.", Line: 17,
						Translations: map[string]*corpus.Translation{
							"uk": {Title: "Суверенітет", Text: "Суверенітет України підтверджується.", Line: 20},
							"ru": {Title: "Суверенитет", Text: "Суверенитет Украины подтверждается.", Line: 23},
						}},
					{Number: 2, Title: "Armed forces", Text: "The armed forces are capped at 600,000 personnel.\n\nA second paragraph.", Line: 26,
						Translations: map[string]*corpus.Translation{
							// Paragraphs join as in English; the heading's comment is not part of the title.
							"uk": {Title: "Збройні сили", Text: "Збройні сили України обмежуються 600 000 осіб.\n\nДругий абзац.", Line: 32},
							"ru": {Title: "Вооружённые силы", Text: "Вооружённые силы Украины ограничиваются 600 000 человек.\n\nВторой абзац.", Line: 38},
						}},
					{Number: 3, Title: "Territories", Text: "The territorial settlement:", SubPoints: []corpus.SubPoint{
						{Letter: "a", Text: "Crimea is recognised."},
						{Letter: "b", Text: "Kherson is frozen along the line of contact."},
						{Letter: "c", Text: "A buffer zone is created."},
					}, Line: 43, Translations: map[string]*corpus.Translation{
						"uk": {Title: "Території", Text: "Територіальне врегулювання:", SubPoints: []corpus.SubPoint{
							{Letter: "a", Text: "Крим визнається."},
							{Letter: "b", Text: "Херсонщина заморожується по лінії зіткнення."},
							{Letter: "c", Text: "Створюється буферна зона."},
						}, Line: 51},
						"ru": {Title: "Территории", Text: "Территориальное урегулирование:", SubPoints: []corpus.SubPoint{
							{Letter: "a", Text: "Крым признаётся."},
							{Letter: "b", Text: "Херсонская область замораживается по линии соприкосновения."},
							{Letter: "c", Text: "Создаётся буферная зона."},
						}, Line: 59},
					}},
					// The heading's HTML comment is not part of the title.
					{Number: 4, Title: "Elections", Text: "Elections are held within 100 days.", Line: 65,
						Translations: map[string]*corpus.Translation{
							"uk": {Title: "Вибори", Text: "Вибори проводяться протягом 100 днів.", Line: 68},
							"ru": {Title: "Выборы", Text: "Выборы проводятся в течение 100 дней.", Line: 71},
						}},
				},
				File: filepath.Join(dir, "plan.md"),
			},
			{
				ID: "test-plan-revised", Kind: corpus.KindPlan, Title: "Test peace plan (revised)",
				Version: "revised", Dropped: []int{4}, Date: "2025-11-25",
				Sources: []corpus.Source{{Name: "Example News", Note: "as reported"}},
				Points: []*corpus.Point{
					{Number: 1, Title: "Sovereignty", Text: "Sovereignty is confirmed again.", Was: []int{1}, Line: 13},
					{Number: 3, Title: "Territory talks", Text: "Territory is left to the leaders.", Was: []int{2, 3}, Line: 17},
				},
				File: filepath.Join(dir, "revised.md"),
			},
		},
		Synonyms: [][]string{
			{"army", "armed forces", "troops"},
			{"land", "territory", "territories"},
		},
		// drafts/old.md is not read: only the top of the folder holds documents.
		Ignored: []string{"drafts/", "notes.txt"},
	}
	if len(c.Documents) != len(want.Documents) {
		t.Fatalf("LoadDir(%q) has %d documents; want %d", dir, len(c.Documents), len(want.Documents))
	}
	for i, d := range c.Documents {
		if !reflect.DeepEqual(d, want.Documents[i]) {
			t.Errorf("document %d =\n%s\nwant\n%s", i, dump(d), dump(want.Documents[i]))
		}
	}
	if !reflect.DeepEqual(c.Synonyms, want.Synonyms) {
		t.Errorf("Synonyms = %q; want %q", c.Synonyms, want.Synonyms)
	}
	if !reflect.DeepEqual(c.Ignored, want.Ignored) {
		t.Errorf("Ignored = %q; want %q", c.Ignored, want.Ignored)
	}
	// The revised plan has no translation: it loads, with a warning that
	// names it. The translated plan and article get none.
	if len(c.Warnings) != 1 || c.Warnings[0].File != filepath.Join(dir, "revised.md") || c.Warnings[0].Line != 0 ||
		!strings.Contains(c.Warnings[0].Msg, "plan has no Ukrainian or Russian translation") {
		t.Errorf("Warnings = %v; want one for revised.md, which has no translation", c.Warnings)
	}
	p3 := c.Document("test-plan").Point(3)
	if title, text, subs := p3.In("ru"); title != "Территории" || text != "Территориальное урегулирование:" || len(subs) != 3 || subs[1].Text != "Херсонская область замораживается по линии соприкосновения." {
		t.Errorf("Point(3).In(ru) = %q, %q, %v; want the Russian", title, text, subs)
	}
	if title, _, subs := p3.In("en"); title != "Territories" || subs[0].Text != "Crimea is recognised." {
		t.Errorf("Point(3).In(en) = %q, %v; want the English", title, subs)
	}
	if title, _, _ := c.Document("test-plan-revised").Point(1).In("uk"); title != "Sovereignty" {
		t.Errorf("untranslated Point(1).In(uk) title = %q; want the English", title)
	}
	if h, text := c.Document("test-article").Sections[2].In("uk"); h != "Земля" || text != "Земля: найважче." {
		t.Errorf("Section(Land).In(uk) = %q, %q; want the Ukrainian", h, text)
	}
	if h, text := c.Document("test-article").Sections[1].In("de"); h != "The army" || !strings.HasSuffix(text, "go together.") {
		t.Errorf("Section(The army).In(de) = %q, %q; want the English", h, text)
	}

	if got := c.DefaultPlan(); got == nil || got.ID != "test-plan" {
		t.Errorf("DefaultPlan() = %v; want test-plan", got)
	}
	if got := c.Plan("REVISED"); got == nil || got.ID != "test-plan-revised" {
		t.Errorf("Plan(%q) = %v; want test-plan-revised", "REVISED", got)
	}
	if docs, points, sections := c.Counts(); docs != 3 || points != 6 || sections != 4 {
		t.Errorf("Counts() = %d, %d, %d; want 3, 6, 4", docs, points, sections)
	}
	if got, want := c.Document("test-plan").Point(3).Body(), "The territorial settlement:\n"+
		"a. Crimea is recognised.\nb. Kherson is frozen along the line of contact.\nc. A buffer zone is created."; got != want {
		t.Errorf("Point(3).Body() = %q; want %q", got, want)
	}
}

// wantErr is one problem a bad corpus must report.
type wantErr struct {
	file string // relative to the corpus folder; "." for the folder itself
	line int
	msg  string // a substring of the message
}

func TestLoadDirBad(t *testing.T) {
	tests := []struct {
		dir  string
		want []wantErr
	}{
		// Front matter.
		{"missing-key", []wantErr{{"plan.md", 1, `front matter: missing "date" (add date: YYYY-MM-DD)`}}},
		{"empty-key", []wantErr{{"plan.md", 4, `"title" is empty`}}},
		{"unknown-key", []wantErr{{"plan.md", 8, `unknown key "tags" (allowed: id, kind, title`}}},
		{"duplicate-key", []wantErr{{"plan.md", 8, `"title" appears twice (first at line 4; keep one)`}}},
		{"yaml-syntax", []wantErr{{"plan.md", 4, `mapping values are not allowed in this context (a value that holds ': ' must be in quotes)`}}},
		{"front-matter-not-map", []wantErr{{"plan.md", 2, `expected 'key: value' lines`}}},
		{"bad-date", []wantErr{{"plan.md", 7, `date "2025-11-31" is not a date (write YYYY-MM-DD)`}}},
		{"bad-id", []wantErr{{"plan.md", 2, `id "Test_Plan" may hold only a-z, 0-9 and '-'`}}},
		{"bad-kind", []wantErr{{"plan.md", 3, `kind "memo" is neither plan nor article`}}},
		{"bad-default", []wantErr{{"plan.md", 6, `"default" must be true or false`}}},
		{"bad-dropped", []wantErr{{"plan.md", 8, `"dropped" must be a list of point numbers`}}},
		{"missing-sources", []wantErr{{"plan.md", 1, `missing "sources"`}}},
		{"empty-sources", []wantErr{{"plan.md", 8, `"sources" is empty`}}},
		{"bad-source", []wantErr{
			{"plan.md", 9, `a source needs a name`},
			{"plan.md", 10, `source date "last week" is not a date`},
			{"plan.md", 11, `unknown source key "via"`},
		}},
		{"plan-without-version", []wantErr{{"plan.md", 1, `a plan needs "version"`}}},
		{"version-on-article", []wantErr{{"article.md", 8, `"version" is for plans only (remove it or set kind: plan)`}}},
		{"no-front-matter", []wantErr{{"plan.md", 1, `no front matter: the file must start with a line '---'`}}},
		{"unclosed-front-matter", []wantErr{{"plan.md", 1, `front matter is not closed: add a line '---'`}}},

		// Body.
		{"duplicate-point", []wantErr{{"plan.md", 41, `point 14 appears twice (first at line 38)`}}},
		{"non-numeric-point", []wantErr{{"plan.md", 15, `plan heading "Two. Second" is not '## N. Title' with N a number`}}},
		{"point-zero", []wantErr{{"plan.md", 12, `point number 0 must be a whole number from 1`}}},
		{"point-without-title", []wantErr{{"plan.md", 15, `point 2 has no title`}}},
		{"text-before-first-point", []wantErr{{"plan.md", 12, `text before the first point heading belongs to no point`}}},
		{"duplicate-sub-point", []wantErr{{"plan.md", 16, `point 1 has sub-point b twice`}}},
		{"plan-without-points", []wantErr{{"plan.md", 11, `a plan needs at least one point heading`}}},
		{"unclosed-comment", []wantErr{{"plan.md", 14, `an HTML comment '<!--' starts here and is never closed (add '-->')`}}},
		{"empty-section-heading", []wantErr{{"article.md", 10, `empty section heading`}}},
		{"bad-link-number", []wantErr{{"article.md", 11, `points: "two" is not a point number`}}},
		{"empty-link", []wantErr{{"article.md", 11, `points: names no point`}}},
		{"link-keyword-case", []wantErr{{"article.md", 11, `"Points:" is not a link keyword`}}},
		{"points-not-under-heading", []wantErr{{"article.md", 13, `points: must stand directly under a section heading`}}},
		{"points-in-plan", []wantErr{{"plan.md", 13, `points: links belong in articles`}}},
		{"was-in-article", []wantErr{{"article.md", 11, `was: links belong in plans`}}},
		{"was-not-under-heading", []wantErr{{"revised.md", 13, `was: must stand directly under a point heading`}}},
		// Translations.
		{"translation-unknown-language", []wantErr{{"plan.md", 21, `unknown language "de" in translation heading of point 1 (write '### uk: ...'`}}},
		{"translation-before-point", []wantErr{{"plan.md", 12, `translation '### uk:' before the first point heading belongs to no point`}}},
		{"translation-extra-sub-point", []wantErr{{"plan.md", 30, `point 2 has no sub-point c in English (a translation keeps the English letters: a, b)`}}},
		{"translation-missing-sub-point", []wantErr{{"plan.md", 31, `the ru translation of point 2 lacks sub-point b`}}},
		// A Cyrillic "а" looks like the Latin one but is no letter of the English.
		{"translation-cyrillic-letter", []wantErr{
			{"plan.md", 31, `the ru translation of point 2 lacks sub-point a`},
			{"plan.md", 33, `sub-point letter "а" is Cyrillic`},
		}},
		{"translation-duplicate-language", []wantErr{{"plan.md", 21, `point 1 has a uk translation twice (first at line 15; keep one)`}}},
		{"translation-missing", []wantErr{{"plan.md", 21, `point 2 has no ru translation, though other points have one`}}},
		{"translation-no-title", []wantErr{{"plan.md", 15, `the uk translation of point 1 has no title`}}},
		{"translation-no-text", []wantErr{{"plan.md", 15, `the uk translation of point 1 has no text`}}},
		{"section-translation-two-paragraphs", []wantErr{{"article.md", 16, `a section's translation is one summary paragraph`}}},
		{"section-translation-missing", []wantErr{{"article.md", 19, `section "Outlook" has no uk translation, though other sections have one`}}},
		{"not-utf8", []wantErr{{"plan.md", 16, `not UTF-8 text: byte 0xe9 (save the file as UTF-8)`}}},

		// Across documents.
		{"duplicate-id", []wantErr{{"plan.md", 2, `id "plan" is already used by testdata/bad/duplicate-id/article.md`}}},
		{"two-defaults", []wantErr{{"revised.md", 6, `both this plan and testdata/bad/two-defaults/plan.md are marked default: true (keep one)`}}},
		{"points-link-missing-point", []wantErr{{"article.md", 11, `points: point 29 is not in the default plan plan, which has points 1–3`}}},
		{"was-link-missing-point", []wantErr{{"revised.md", 12, `was: point 30 is not in the default plan plan`}}},
		{"dropped-missing-point", []wantErr{{"revised.md", 6, `dropped: point 31 is not in the default plan plan`}}},
		{"no-default-plan", []wantErr{{"article.md", 11, `points: no plan is marked default: true`}}},
		{"no-plan", []wantErr{{"article.md", 11, `points: the corpus has no plan to link to`}}},
		// A default plan whose headings cannot be read does not turn every
		// link to it into an error as well.
		{"broken-default-plan", []wantErr{{"plan.md", 15, `plan heading "Two. Second"`}}},

		// Synonyms and the folder.
		{"bad-synonyms", []wantErr{
			{"synonyms.txt", 2, `a synonym group needs at least two different words or phrases`},
			{"synonyms.txt", 3, `empty member in synonym group (remove the extra comma)`},
			{"synonyms.txt", 4, `a synonym group needs at least two different words or phrases`},
		}},
		{"not-utf8-synonyms", []wantErr{{"synonyms.txt", 2, `not UTF-8 text`}}},
		{"empty-folder", []wantErr{{".", 0, `no documents: add at least one .md file`}}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.dir] = true
		t.Run(tt.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", "bad", tt.dir)
			checkErrors(t, dir, tt.want)
		})
	}
	// Every folder of testdata/bad is a case here (many is TestLoadDirMany's).
	entries, err := os.ReadDir(filepath.Join("testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !seen[e.Name()] && e.Name() != "many" {
			t.Errorf("testdata/bad/%s has no case in TestLoadDirBad", e.Name())
		}
	}
}

// TestLoadDirMany checks that one load reports every problem of every file,
// in file and line order, and returns no corpus.
func TestLoadDirMany(t *testing.T) {
	checkErrors(t, filepath.Join("testdata", "bad", "many"), []wantErr{
		{"article.md", 8, `unknown key "tags"`},
		{"article.md", 12, `points: point 40 is not in the default plan plan, which has points 1–2`},
		{"broken.md", 1, `no front matter`},
		{"plan.md", 7, `date "2025-02-30" is not a date`},
		{"plan.md", 15, `point 1 appears twice (first at line 12)`},
		{"synonyms.txt", 1, `a synonym group needs at least two`},
	})
}

func TestLoadEmptyDir(t *testing.T) {
	dir := t.TempDir()
	c, err := corpus.LoadDir(dir)
	var es corpus.Errors
	if c != nil || !errors.As(err, &es) || len(es) != 1 || es[0].File != dir || !strings.Contains(es[0].Msg, "no documents") {
		t.Errorf("LoadDir(empty) = %v, %v; want nil and one 'no documents' error naming %s", c, err, dir)
	}
}

func TestLoadDirNotAFolder(t *testing.T) {
	for _, dir := range []string{
		filepath.Join("testdata", "good", "plan.md"),
		filepath.Join("testdata", "no-such-folder"),
	} {
		c, err := corpus.LoadDir(dir)
		if c != nil || err == nil || !strings.Contains(err.Error(), dir) {
			t.Errorf("LoadDir(%q) = %v, %v; want nil and an error naming the path", dir, c, err)
		}
	}
	if _, err := corpus.LoadDir(filepath.Join("testdata", "no-such-folder")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadDir(missing) error %v is not os.ErrNotExist", err)
	}
}

// checkErrors loads dir and checks that it fails with exactly the want
// errors, in order.
func checkErrors(t *testing.T, dir string, want []wantErr) {
	t.Helper()
	c, err := corpus.LoadDir(dir)
	if c != nil {
		t.Errorf("LoadDir(%q) returned a corpus with its error; want nil", dir)
	}
	var es corpus.Errors
	if !errors.As(err, &es) {
		t.Fatalf("LoadDir(%q) error = %v; want corpus.Errors", dir, err)
	}
	var got []string
	for _, e := range es {
		file := "."
		if e.File != dir {
			file = strings.TrimPrefix(e.File, dir+"/")
		}
		got = append(got, wantErr{file, e.Line, e.Msg}.String())
	}
	ok := len(es) == len(want)
	for i := 0; ok && i < len(want); i++ {
		w, e := want[i], es[i]
		ok = e.File == filepath.Join(dir, w.file) && e.Line == w.line && strings.Contains(e.Msg, w.msg) &&
			strings.HasPrefix(e.Error(), e.File+":")
	}
	if !ok {
		var ws []string
		for _, w := range want {
			ws = append(ws, w.String())
		}
		t.Errorf("LoadDir(%q) errors:\n\t%s\nwant (as substrings):\n\t%s", dir, strings.Join(got, "\n\t"), strings.Join(ws, "\n\t"))
	}
}

func (w wantErr) String() string { return fmt.Sprintf("%s:%d: %s", w.file, w.line, w.msg) }
