package corpus_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/planbot/planbot/corpus"
)

func TestLoadDefault(t *testing.T) {
	c, err := corpus.LoadDefault()
	if err != nil {
		t.Fatalf("LoadDefault: %v", err)
	}
	// The draft, the bne article, and since the versions issue the European
	// counter-proposal, the 20-point framework and the Geneva article.
	if len(c.Documents) != 5 {
		t.Fatalf("LoadDefault has %d documents; want 5", len(c.Documents))
	}
	plan := c.DefaultPlan()
	if plan == nil || plan.ID != "plan-28-points" || plan.Version != "28-point draft" {
		t.Fatalf("DefaultPlan() = %v; want plan-28-points, version 28-point draft", plan)
	}
	if got := plan.RangeText(); len(plan.Points) != 28 || got != "1–28" {
		t.Errorf("default plan has %d points (%s); want 28 (1–28)", len(plan.Points), got)
	}
	for _, p := range plan.Points {
		if p.Title == "" || p.Text == "" {
			t.Errorf("point %d has title %q, text %q; want both", p.Number, p.Title, p.Text)
		}
	}
	p21 := plan.Point(21)
	var letters []string
	for _, s := range p21.SubPoints {
		letters = append(letters, s.Letter)
	}
	if p21.Title != "Territories" || !reflect.DeepEqual(letters, []string{"a", "b", "c", "d"}) {
		t.Errorf("point 21 = %q with sub-points %q; want Territories with a, b, c, d", p21.Title, letters)
	}
	if d := p21.SubPoint("d"); d == nil || !strings.Contains(d.Text, "demilitarised buffer zone") {
		t.Errorf("point 21d = %v; want the buffer zone", d)
	}
	if p14 := plan.Point(14); !strings.HasPrefix(p14.Text, "$100bn in frozen Russian assets") || len(p14.SubPoints) != 0 {
		t.Errorf("point 14 = %q, %d sub-points; want the frozen assets text, none", p14.Text, len(p14.SubPoints))
	}

	art := c.Document("bne-2025-11-24-common-ground")
	if art == nil || art.Kind != corpus.KindArticle || art.Origin() != "bne IntelliNews" {
		t.Fatalf("article = %v; want the bne IntelliNews article", art)
	}
	type section struct {
		Heading string
		Points  []int
	}
	want := []section{
		{"Introduction", nil},
		{"Calls to end the war grow", []int{6, 21}},
		{"The terms include some compromises", []int{6, 21}},
		{"DMZ", []int{8, 21}},
		{"Military restrictions", []int{6}},
		{"Security guarantees", []int{5, 10}},
		{"Security guarantees: the leaked draft framework", []int{5, 10, 15, 27}},
		{"Reparation loans", []int{12, 14}},
		{"100 days elections", []int{25, 26}},
		{"Sanctions relief", []int{13}},
	}
	var got []section
	for _, s := range art.Sections {
		got = append(got, section{s.Heading, s.Points})
		if len(s.Paragraphs) == 0 {
			t.Errorf("section %q has no paragraphs", s.Heading)
		}
		for _, para := range s.Paragraphs {
			if strings.Contains(para, "<!--") || strings.Contains(para, "photo caption") {
				t.Errorf("section %q shows an editorial comment: %q", s.Heading, para)
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("article sections =\n%v\nwant\n%v", got, want)
	}
}

// doc builds a document from front matter lines and body lines.
func doc(front, body string) []byte {
	return []byte("---\n" + front + "\n---\n" + body)
}

const planFront = "id: p\nkind: plan\ntitle: P\nversion: v\ndate: 2025-11-20\nsources:\n  - name: S"

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want []*corpus.Point
	}{
		{
			name: "byte order mark and CRLF line ends",
			data: []byte("\ufeff" + strings.ReplaceAll(string(doc(planFront, "## 1. One\nFirst\nline.\n\n## 2. Two\n- a. x\n")), "\n", "\r\n")),
			want: []*corpus.Point{
				{Number: 1, Title: "One", Text: "First line.", Line: 10},
				{Number: 2, Title: "Two", SubPoints: []corpus.SubPoint{{Letter: "a", Text: "x"}}, Line: 14},
			},
		},
		{
			name: "comments are never shown",
			data: doc(planFront, "<!--\n## 9. Hidden\n-->\n## 1. One <!-- note -->\nKept <!-- dropped --> text.\nMore <!-- a note\nover lines -->\n"),
			want: []*corpus.Point{{Number: 1, Title: "One", Text: "Kept text. More", Line: 13}},
		},
		{
			name: "a sub-point runs on over lines with or without indent",
			data: doc(planFront, "## 1. One\n- a. first\nline\n* b) second\n    line\n- not lettered\n\nAfter.\n"),
			want: []*corpus.Point{{Number: 1, Title: "One", Text: "- not lettered\n\nAfter.", SubPoints: []corpus.SubPoint{
				{Letter: "a", Text: "first line"}, {Letter: "b", Text: "second line"},
			}, Line: 10}},
		},
		{
			name: "headings may be indented up to three spaces",
			data: doc(planFront, "   ## 1. One\nx\n    ## 2. Code\n### 3. Level three\n"),
			want: []*corpus.Point{{Number: 1, Title: "One", Text: "x ## 2. Code ### 3. Level three", Line: 10}},
		},
		{
			name: "was: links, with blank lines and duplicates",
			data: doc(planFront, "## 1. One\n\n<!-- was: 6,7, 6 -->\n<!--was:8-->\nx\n"),
			want: []*corpus.Point{{Number: 1, Title: "One", Text: "x", Was: []int{6, 7, 8}, Line: 10}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := corpus.Parse("p.md", tt.data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(d.Points, tt.want) {
				t.Errorf("Points =\n%s\nwant\n%s", dump(d.Points), dump(tt.want))
			}
		})
	}
}

func TestParseTranslations(t *testing.T) {
	tests := []struct {
		name string
		body string
		want map[string]*corpus.Translation
	}{
		{
			name: "no space after the colon, indented heading, comment in the title",
			body: "## 1. One\nx\n### uk:Один\nх\n   ### ru: Один <!-- note -->\nх\n",
			want: map[string]*corpus.Translation{
				"uk": {Title: "Один", Text: "х", Line: 12},
				"ru": {Title: "Один", Text: "х", Line: 14},
			},
		},
		{
			name: "paragraphs and sub-points that run on, as in English",
			body: "## 1. One\nx\n- a. y\n- b. z\n### uk: Один\nх\n\nще\n- a. у\nдалі\n- b. з\n### ru: Один\nх\n- a. у\n- b. з\n",
			want: map[string]*corpus.Translation{
				"uk": {Title: "Один", Text: "х\n\nще", SubPoints: []corpus.SubPoint{{Letter: "a", Text: "у далі"}, {Letter: "b", Text: "з"}}, Line: 14},
				"ru": {Title: "Один", Text: "х", SubPoints: []corpus.SubPoint{{Letter: "a", Text: "у"}, {Letter: "b", Text: "з"}}, Line: 21},
			},
		},
		{
			// Only "### xx:" opens a translation; other level-3 lines stay
			// text, as they were before translations.
			name: "other level-3 lines are text",
			body: "## 1. One\nx\n### Notes\n### uk: Один\nх\n### ru: Один\nх\n",
			want: map[string]*corpus.Translation{
				"uk": {Title: "Один", Text: "х", Line: 13},
				"ru": {Title: "Один", Text: "х", Line: 15},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := corpus.Parse("p.md", doc(planFront, tt.body))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := d.Points[0].Translations; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Translations =\n%s\nwant\n%s", dump(got), dump(tt.want))
			}
		})
	}
}

func TestParseFrontMatter(t *testing.T) {
	d, err := corpus.Parse("p.md", doc(`id: p
kind: plan
title: "P: a plan"
version: &v draft
note: >
  folded
  note
default: yes
dropped: [3, 4]
date: 2025-11-20
sources:
  - {name: S, url: "https://example.com", date: 2025-11-21}
  - name: *v`, "## 1. One\nx\n"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := &corpus.Document{
		ID: "p", Kind: corpus.KindPlan, Title: "P: a plan", Version: "draft", Note: "folded note",
		Default: true, Dropped: []int{3, 4}, Date: "2025-11-20",
		Sources: []corpus.Source{{Name: "S", URL: "https://example.com", Date: "2025-11-21"}, {Name: "draft"}},
		Points:  []*corpus.Point{{Number: 1, Title: "One", Text: "x", Line: 16}},
		File:    "p.md",
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("Parse =\n%s\nwant\n%s", dump(d), dump(want))
	}
}

// TestParseErrorLines checks the lines of YAML syntax errors, which yaml.v3
// counts differently for different problems.
func TestParseErrorLines(t *testing.T) {
	tests := []struct {
		name  string
		front string
		line  int
		msg   string
	}{
		{"unclosed flow list", "id: p\nkind: plan\ntitle: [P\nversion: v", 4, "did not find expected ',' or ']'"},
		// yaml.v3 cannot name a construct that starts on its first line, so
		// this one is reported where the parser gave up.
		{"unclosed flow list on line 1", "id: [p\nkind: plan", 3, "did not find expected ',' or ']'"},
		{"bad indentation", "id: p\nkind: plan\n  title: P", 4, "mapping values are not allowed"},
		{"tab indentation", "id: p\n\tkind: plan", 3, "tab character"},
		{"unclosed quote", "id: p\nkind: plan\ntitle: \"P\nversion: v", 4, "unexpected end of stream"},
		{"control character", "id: p\nkind: plan\ntitle: P\x01", 4, "control characters are not allowed (remove"},
		{"unknown anchor", "id: p\nkind: plan\ntitle: *t", 4, "unknown anchor 't' referenced (a value that starts with"},
		{"key is a list", "id: p\n[kind]: plan", 3, "a key must be a plain word"},
		{"title is a list", "id: p\nkind: plan\ntitle: [a, b]", 4, `"title" must be text, not a list or map`},
		{"dropped zero", planFront + "\ndropped:\n  - 2\n  - 0", 11, "dropped: 0 is not a point number"},
		{"source not a map", "id: p\nkind: article\ntitle: T\ndate: 2025-11-20\nsources:\n  - S", 7, "each source is a map"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := corpus.Parse("p.md", doc(tt.front, "## 1. One\nx\n"))
			var es corpus.Errors
			if !errors.As(err, &es) {
				t.Fatalf("Parse error = %v; want corpus.Errors", err)
			}
			for _, e := range es {
				if e.Line == tt.line && strings.Contains(e.Msg, tt.msg) {
					return
				}
			}
			t.Errorf("Parse errors:\n%v\nwant p.md:%d: ...%s...", err, tt.line, tt.msg)
		})
	}
}

func TestParseSynonyms(t *testing.T) {
	groups, errs := corpus.ParseSynonyms("synonyms.txt", []byte("\ufeffArmy,  Armed   Forces\r\n# comment\n\nceasefire, truce, ceasefire # again\n"))
	want := [][]string{{"army", "armed forces"}, {"ceasefire", "truce"}}
	if len(errs) != 0 || !reflect.DeepEqual(groups, want) {
		t.Errorf("ParseSynonyms = %q, %v; want %q, no errors", groups, errs, want)
	}
}

// TestParseLineBreaks checks that lines are counted as YAML counts them, so
// that errors point at the right line: a lone CR ends a line, and the
// Unicode line separators YAML also breaks at are read as spaces.
func TestParseLineBreaks(t *testing.T) {
	d, err := corpus.Parse("p.md", []byte("---\rid: p\rkind: plan\rtitle: A\u2028title\u0085here\rversion: v\r"+
		"date: 2025-11-20\rsources:\r  - name: S\r---\r## 1. One\rx\r"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if d.Title != "A title here" || d.Points[0].Line != 10 {
		t.Errorf("title %q, point 1 at line %d; want %q at line 10", d.Title, d.Points[0].Line, "A title here")
	}
	_, err = corpus.Parse("p.md", []byte("---\r\n\r\rtitle: A\u2028B\nbad key: x\n---\n"))
	if err == nil || !strings.Contains(err.Error(), `p.md:5: front matter: unknown key "bad key"`) {
		t.Errorf("Parse error = %v; want the unknown key at line 5", err)
	}
}
