package main

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// contract is the JSON of ask --json as a consumer (the scorer, the bot's
// tests) reads it: only the fields the contract promises.
type contract struct {
	Query   *string `json:"query"`
	NoMatch bool    `json:"no_match"`
	Results []struct {
		Doc     *string   `json:"doc"`
		Kind    *string   `json:"kind"`
		Version *string   `json:"version"`
		Points  []int     `json:"points"`
		Title   *string   `json:"title"`
		Snippet *string   `json:"snippet"`
		Score   *float64  `json:"score"`
		Sources []*source `json:"sources"`

		DocTitle string `json:"doc_title"`
		Role     string `json:"role"`
	} `json:"results"`
}

type source struct {
	Name *string `json:"name"`
	URL  *string `json:"url"`
	Date *string `json:"date"`
}

// decodeContract decodes data strictly enough to catch a missing field.
func decodeContract(t *testing.T, data []byte) contract {
	t.Helper()
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatalf("ask --json printed bad JSON: %v\n%s", err, data)
	}
	if r, ok := raw["results"]; !ok || string(r) == "null" {
		t.Fatalf("ask --json: results missing or null:\n%s", data)
	}
	var c contract
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	if c.Query == nil {
		t.Errorf("ask --json: no query field")
	}
	for i, r := range c.Results {
		if r.Doc == nil || r.Kind == nil || r.Version == nil || r.Points == nil || r.Title == nil || r.Snippet == nil || r.Score == nil || r.Sources == nil {
			t.Errorf("result %d lacks a contract field (doc, kind, version, points, title, snippet, score, sources): %+v", i, r)
			continue
		}
		if *r.Kind != "plan" && *r.Kind != "article" {
			t.Errorf("result %d: kind %q; want plan or article", i, *r.Kind)
		}
		for j, s := range r.Sources {
			if s.Name == nil || *s.Name == "" || s.URL == nil || s.Date == nil {
				t.Errorf("result %d source %d: want name, url and date fields: %+v", i, j, s)
			}
		}
	}
	return c
}

func TestAskJSONContract(t *testing.T) {
	t.Parallel()
	const q = "how big can Ukraine's army be?"
	for _, args := range [][]string{
		{"ask", "--json", q},
		{"ask", "how", "big", "can", "Ukraine's", "army", "be?", "--json"},
	} {
		stdout, stderr, code := planbot(t, nil, args...)
		if code != exitOK || stderr != "" {
			t.Fatalf("planbot %q = exit %d, stderr %q", args, code, stderr)
		}
		c := decodeContract(t, []byte(stdout))
		if *c.Query != q {
			t.Errorf("query = %q; want %q", *c.Query, q)
		}
	}
}

// TestAskJSONAnswers checks the content through the real index: the army
// question leads with point 6 of the draft.
func TestAskJSONAnswers(t *testing.T) {
	t.Parallel()
	stdout, _, code := planbot(t, nil, "ask", "--json", "--limit", "3", "how big can Ukraine's army be?")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	c := decodeContract(t, []byte(stdout))
	if len(c.Results) == 0 {
		t.Fatal("no results")
	}
	first := c.Results[0]
	if *first.Kind != "plan" || len(first.Points) != 1 || first.Points[0] != 6 || *first.Title != "Size of Ukraine's armed forces" {
		t.Errorf("first result = %s %v %q; want plan [6] \"Size of Ukraine's armed forces\"", *first.Kind, first.Points, *first.Title)
	}
	if *first.Doc != "plan-28-points" || *first.Version != "28-point draft" || len(first.Sources) == 0 || *first.Snippet == "" {
		t.Errorf("first result doc %q version %q, %d sources, snippet %q; want the draft with sources and a snippet", *first.Doc, *first.Version, len(first.Sources), *first.Snippet)
	}
	var plans int
	for i, r := range c.Results {
		if *r.Kind == "plan" {
			plans++
			if i > 0 && *c.Results[i-1].Kind == "article" {
				t.Errorf("result %d: a point after an article result; want points first", i)
			}
		}
	}
	if plans > 3 {
		t.Errorf("--limit 3 gave %d point results", plans)
	}
}

// testResult builds a search result from the real default corpus, the way
// the index would, so the JSON mapping and the text can be checked without
// depending on the ranking.
func testResult(t *testing.T) (*index.Result, *corpus.Corpus) {
	t.Helper()
	c, err := corpus.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	plan := c.DefaultPlan()
	var art *corpus.Document
	for _, d := range c.Documents {
		if d.Kind == corpus.KindArticle {
			art = d
			break
		}
	}
	if plan == nil || art == nil || len(art.Sections) < 2 {
		t.Fatal("the default corpus needs a default plan and an article with two sections")
	}
	sec, other := art.Sections[len(art.Sections)-1], art.Sections[0]
	return unmarkResult(&index.Result{
		Query: "how big can Ukraine's army be?",
		Hits: []*index.Hit{
			{Doc: plan, Point: plan.Point(6), Draft: []int{6}, Score: 2.5, Match: "Ukraine's **armed forces** are capped at 600,000 personnel.",
				Passages: []*index.Passage{{Doc: art, Section: sec, Text: "The **army** " + strings.Repeat("word ", 100), Points: []int{6}, Score: 1.1}}},
			{Doc: plan, Point: plan.Point(21), Draft: []int{21}, Score: 1.5, Match: "Ukrainian **forces** withdraw.", Letter: "d"},
		},
		Related: []*index.Passage{{Doc: art, Section: other, Text: "Related **army** text.", Score: 0.5}},
	}), c
}

// unmark turns text with **bold** markers into the plain text and spans the
// index returns.
func unmark(s string) (string, []index.Span) {
	var b strings.Builder
	var spans []index.Span
	for open := false; ; open = !open {
		i := strings.Index(s, "**")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		if open {
			spans[len(spans)-1].End = b.Len()
		} else {
			spans = append(spans, index.Span{Start: b.Len()})
		}
		s = s[i+2:]
	}
	return b.String(), spans
}

// unmarkResult moves the **bold** markers of a hand-written result into
// spans.
func unmarkResult(res *index.Result) *index.Result {
	for _, h := range res.Hits {
		h.Match, h.Spans = unmark(h.Match)
		for _, p := range h.Passages {
			p.Text, p.Spans = unmark(p.Text)
		}
	}
	for _, p := range res.Related {
		p.Text, p.Spans = unmark(p.Text)
	}
	return res
}

func TestAskJSONMapping(t *testing.T) {
	t.Parallel()
	res, _ := testResult(t)
	var buf bytes.Buffer
	if err := writeJSON(&buf, askJSON(res)); err != nil {
		t.Fatal(err)
	}
	c := decodeContract(t, buf.Bytes())
	if len(c.Results) != 3 {
		t.Fatalf("%d results; want 2 points then 1 related:\n%s", len(c.Results), buf.String())
	}
	want := []struct {
		kind, title, role string
		points            []int
	}{
		{"plan", "Size of Ukraine's armed forces", "point", []int{6}},
		{"plan", "Territories", "point", []int{21}},
		{"article", res.Related[0].Section.Heading, "related", []int{}},
	}
	for i, w := range want {
		r := c.Results[i]
		if *r.Kind != w.kind || *r.Title != w.title || r.Role != w.role || !slices.Equal(r.Points, w.points) {
			t.Errorf("result %d = %s %q %s %v; want %s %q %s %v", i, *r.Kind, *r.Title, r.Role, r.Points, w.kind, w.title, w.role, w.points)
		}
	}
	if *c.Results[0].Snippet != "Ukraine's **armed forces** are capped at 600,000 personnel." || *c.Results[0].Score != 2.5 || *c.Results[0].Version != "28-point draft" {
		t.Errorf("point result = %q %v %q; want the hit's match, score and version", *c.Results[0].Snippet, *c.Results[0].Score, *c.Results[0].Version)
	}
	if c.Results[2].DocTitle == "" || *c.Results[2].Version != "" {
		t.Errorf("article result doc_title %q version %q; want the article title and no version", c.Results[2].DocTitle, *c.Results[2].Version)
	}
	if c.NoMatch || strings.Contains(buf.String(), "no_match") {
		t.Errorf("no_match present on a result with hits")
	}
	if !strings.Contains(buf.String(), `"letter": "d"`) || !strings.Contains(buf.String(), `"passages": [`) {
		t.Errorf("want the sub-point letter and the passages as extra fields:\n%s", buf.String())
	}
}

func TestAskJSONNoMatch(t *testing.T) {
	t.Parallel()
	res, _ := testResult(t)
	closest := res.Hits[0].Passages[0]
	res = &index.Result{Query: "what about the weather?", NoMatch: true, Closest: []*index.Passage{closest}}
	var buf bytes.Buffer
	if err := writeJSON(&buf, askJSON(res)); err != nil {
		t.Fatal(err)
	}
	c := decodeContract(t, buf.Bytes())
	if !c.NoMatch || len(c.Results) != 1 {
		t.Fatalf("no_match %v, %d results; want true and the closest passage:\n%s", c.NoMatch, len(c.Results), buf.String())
	}
	r := c.Results[0]
	if *r.Kind != "article" || r.Role != "closest" || !slices.Equal(r.Points, closest.Points) || *r.Title != closest.Section.Heading {
		t.Errorf("closest = %s %s %v %q; want article closest %v %q", *r.Kind, r.Role, r.Points, *r.Title, closest.Points, closest.Section.Heading)
	}
}

func TestAskText(t *testing.T) {
	t.Parallel()
	res, _ := testResult(t)
	var buf bytes.Buffer
	printAnswer(newPrinter(&buf), res)
	out := buf.String()
	for _, want := range []string{
		"Question: how big can Ukraine's army be?",
		"1. §6 Size of Ukraine's armed forces",
		"Ukraine's *armed forces* are capped at 600,000 personnel.",
		"2. §21 Territories",
		"d. Ukrainian *forces* withdraw.",
		"Reporting:",
		"The *army* word",
		"…",
		"Related reporting",
		"Related *army* text.",
		"Sources",
		"28-point draft — ",
		"https://newsukraine.rbc.ua/",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("ask output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "**") {
		t.Errorf("ask output keeps Markdown **:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if n := len([]rune(line)); n > lineWidth+2 && !strings.Contains(line, "http") {
			t.Errorf("line of %d characters: %q", n, line)
		}
	}
}

func TestAskTextRef(t *testing.T) {
	t.Parallel()
	res, _ := testResult(t)
	res.Query, res.Ref, res.Related = "point 21d", &index.Ref{Number: 21, Letter: "d"}, nil
	res.Hits = res.Hits[1:]
	var buf bytes.Buffer
	printAnswer(newPrinter(&buf), res)
	if !strings.Contains(buf.String(), "1. §21 Territories (the point you named)") {
		t.Errorf("ref output does not lead with the named point:\n%s", buf.String())
	}
	buf.Reset()
	if err := writeJSON(&buf, askJSON(res)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"ref": {
    "point": 21,
    "letter": "d"
  }`) {
		t.Errorf("JSON lacks the ref:\n%s", buf.String())
	}
}

func TestAskTextNoMatch(t *testing.T) {
	t.Parallel()
	res, _ := testResult(t)
	closest := res.Hits[0].Passages[0]
	var buf bytes.Buffer
	printAnswer(newPrinter(&buf), &index.Result{Query: "the weather", NoMatch: true, Closest: []*index.Passage{closest}})
	out := buf.String()
	for _, want := range []string{"No point of the plan matches “the weather”.", "Closest passages", closest.Section.Heading} {
		if !strings.Contains(out, want) {
			t.Errorf("no-match output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "1. §") {
		t.Errorf("no-match output lists a point:\n%s", out)
	}
}

// TestAskPrintsCorpusTextAsIs: a clause whose text looks like Markdown
// prints as written, in the terminal and in JSON; nothing is escaped.
func TestAskPrintsCorpusTextAsIs(t *testing.T) {
	t.Parallel()
	const clause = `"C_2" cap, #1 > all`
	stdout, stderr, code := planbot(t, nil, "ask", "--corpus", "testdata/corpus-markup", "emission ceiling cap")
	if code != exitOK {
		t.Fatalf("ask exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `"C_2" *cap*, #1 > all`) || strings.Contains(stdout, `\`) {
		t.Errorf("ask printed the clause escaped or changed; want %q with cap marked:\n%s", clause, stdout)
	}

	stdout, stderr, code = planbot(t, nil, "ask", "--json", "--corpus", "testdata/corpus-markup", "emission ceiling cap")
	if code != exitOK {
		t.Fatalf("ask --json exited %d: %s", code, stderr)
	}
	var out struct {
		Results []struct {
			Snippet      string   `json:"snippet"`
			SnippetPlain string   `json:"snippet_plain"`
			Spans        [][2]int `json:"spans"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("ask --json: %v\n%s", err, stdout)
	}
	if len(out.Results) == 0 {
		t.Fatalf("ask --json found nothing:\n%s", stdout)
	}
	r := out.Results[0]
	if r.Snippet != `"C_2" **cap**, #1 > all` || r.SnippetPlain != clause {
		t.Errorf("snippet %q, snippet_plain %q; want %q with **cap**, and %q", r.Snippet, r.SnippetPlain, clause, clause)
	}
	if len(r.Spans) != 1 || clause[r.Spans[0][0]:r.Spans[0][1]] != "cap" {
		t.Errorf("spans %v; want the one span of \"cap\"", r.Spans)
	}
}

// TestAskLangText: --lang shows the clause in that language, whatever the
// question's, and says the text is our translation; without it the
// question's letters decide.
func TestAskLangText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"uk for an English question", []string{"ask", "--lang", "uk", "how big can Ukraine's army be?"},
			[]string{"§6 Чисельність Збройних сил України", "600 000", "Clause texts in Ukrainian are our translation"}},
		{"Russian by its letters", []string{"ask", "Сколько военных останется в ВСУ?"},
			[]string{"§6 Численность Вооружённых сил Украины", "Clause texts in Russian are our translation"}},
		{"English", []string{"ask", "how big can Ukraine's army be?"},
			[]string{"§6 Size of Ukraine's armed forces"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := planbot(t, nil, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if tt.name == "English" && strings.Contains(out, "our translation") {
				t.Errorf("an English answer says it is a translation:\n%s", out)
			}
		})
	}
}
