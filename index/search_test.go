package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/planbot/planbot/corpus"
)

func buildDir(t testing.TB, dir string) *Index {
	t.Helper()
	c, err := corpus.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return mustBuild(t, c)
}

func TestSearchReferences(t *testing.T) {
	ix := buildDefault(t)
	tests := []struct {
		q          string
		wantNumber int
		wantLetter string
		wantOnly   bool   // the reference is the whole question
		wantMatch  string // in Hits[0].Match
	}{
		{"point 14", 14, "", true, "$100bn in frozen Russian assets"},
		{"Point 14?", 14, "", true, "frozen Russian assets"},
		{"clause 14", 14, "", true, "frozen"},
		{"#14", 14, "", true, "frozen"},
		{"§ 7", 7, "", true, "constitution"},
		{"14", 14, "", true, "frozen"},
		{"21d", 21, "d", true, "Donetsk region"},
		{"21(d)", 21, "d", true, "Donetsk region"},
		{"point 21 (b)", 21, "b", true, "Kherson"},
		{"what does point 25 say about elections?", 25, "", false, "100 days"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.q, Options{})
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.q, err)
			}
			if res.Ref == nil || res.Ref.Number != tt.wantNumber || res.Ref.Letter != tt.wantLetter {
				t.Fatalf("Search(%q).Ref = %+v; want point %d%s", tt.q, res.Ref, tt.wantNumber, tt.wantLetter)
			}
			if len(res.Hits) == 0 || res.Hits[0].Point.Number != tt.wantNumber {
				t.Fatalf("Search(%q) first hit is not point %d", tt.q, tt.wantNumber)
			}
			if tt.wantOnly && len(res.Hits) != 1 {
				t.Errorf("Search(%q) = %d hits; want only the referenced point", tt.q, len(res.Hits))
			}
			if !strings.Contains(res.Hits[0].Match, tt.wantMatch) {
				t.Errorf("Search(%q).Hits[0].Match = %q; want it to contain %q", tt.q, res.Hits[0].Match, tt.wantMatch)
			}
			if res.Hits[0].Letter != tt.wantLetter {
				t.Errorf("Search(%q).Hits[0].Letter = %q; want %q", tt.q, res.Hits[0].Letter, tt.wantLetter)
			}
		})
	}
}

func TestSearchReferenceOutOfRange(t *testing.T) {
	ix := buildDefault(t)
	for _, q := range []string{"point 29", "0", "#100", "clause 29 and the army", "21z"} {
		_, err := ix.Search(context.Background(), q, Options{})
		var re *RangeError
		if !errors.As(err, &re) || !errors.Is(err, ErrNoPoint) {
			t.Errorf("Search(%q) error = %v; want a *RangeError wrapping ErrNoPoint", q, err)
			continue
		}
		if !strings.Contains(err.Error(), "1–28") && !strings.Contains(err.Error(), "no sub-point z") {
			t.Errorf("Search(%q) error = %q; want it to name the valid range 1–28", q, err)
		}
	}
}

func TestSearchNumbersAreNotReferences(t *testing.T) {
	ix := buildDefault(t)
	res, err := ix.Search(context.Background(), "600k army limit", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Ref != nil {
		t.Errorf("600k army limit read as a reference to point %d", res.Ref.Number)
	}
	if len(res.Hits) == 0 || res.Hits[0].Point.Number != 6 {
		t.Fatalf("600k army limit: first hit is not point 6: %v", rankedPoints(res))
	}
	if !strings.Contains(res.Hits[0].Match, "600,000") {
		t.Errorf("600k not matched as 600,000 in %q", res.Hits[0].Match)
	}
}

func TestSearchNoMatch(t *testing.T) {
	ix := buildDefault(t)
	for _, tt := range []struct {
		q           string
		wantClosest string // a word the closest passages hold, "" for none
	}{
		{"what's the weather in Paris?", ""},
		{"tell me a joke", ""},
		{"What did Rubio say?", "Rubio"},
		{"the of and", ""},
	} {
		res, err := ix.Search(context.Background(), tt.q, Options{})
		if err != nil {
			t.Fatalf("Search(%q): %v", tt.q, err)
		}
		if !res.NoMatch || len(res.Hits) != 0 {
			t.Errorf("Search(%q) = NoMatch %v with points %v; want no point", tt.q, res.NoMatch, rankedPoints(res))
		}
		if tt.wantClosest != "" && (len(res.Closest) == 0 || !strings.Contains(res.Closest[0].Text, tt.wantClosest)) {
			t.Errorf("Search(%q).Closest does not start with a passage on %q", tt.q, tt.wantClosest)
		}
	}
}

func TestSearchEmpty(t *testing.T) {
	ix := buildDefault(t)
	if _, err := ix.Search(context.Background(), "  \t ", Options{}); !errors.Is(err, ErrEmptyQuery) {
		t.Errorf("Search(blank) error = %v; want ErrEmptyQuery", err)
	}
}

func TestSearchHighlightsTheMatchingSubPoint(t *testing.T) {
	ix := buildDefault(t)
	res, err := ix.Search(context.Background(), "Is the World Bank involved?", Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := res.Hits[0]
	if h.Point.Number != 12 || h.Letter != "f" {
		t.Fatalf("first hit = point %d%s; want 12f", h.Point.Number, h.Letter)
	}
	if got := marked(h.Match, h.Spans); !strings.Contains(got, "**World Bank**") {
		t.Errorf("Match = %q; want **World Bank** as one span", got)
	}
	if strings.ContainsAny(h.Match, "*<\\") {
		t.Errorf("Match = %q; want plain text", h.Match)
	}
}

func TestSearchPassagesDiscussThePoint(t *testing.T) {
	ix := buildDefault(t)
	res, err := ix.Search(context.Background(), "How big can Ukraine's army be?", Options{Passages: 2})
	if err != nil {
		t.Fatal(err)
	}
	h := res.Hits[0]
	if h.Point.Number != 6 {
		t.Fatalf("first hit = point %d; want 6", h.Point.Number)
	}
	if len(h.Passages) != 2 {
		t.Fatalf("point 6 has %d passages; want 2", len(h.Passages))
	}
	for _, p := range h.Passages {
		if !slices.Contains(p.Points, 6) {
			t.Errorf("passage from %q is not linked to point 6 (links %v)", p.Section.Heading, p.Points)
		}
		if len(p.Doc.Sources) == 0 {
			t.Errorf("passage from %s lacks its sources", p.Doc.ID)
		}
	}
	if h.Passages[0].Section == h.Passages[1].Section {
		t.Errorf("both passages come from section %q; want two sections", h.Passages[0].Section.Heading)
	}
	if got := marked(h.Passages[0].Text, h.Passages[0].Spans); !strings.Contains(got, "**army") && !strings.Contains(got, "**armed forces**") {
		t.Errorf("best passage %q does not mark the question's word", got)
	}
}

func TestSearchSmallCorpus(t *testing.T) {
	ix := buildDir(t, "testdata/small")
	tests := []struct {
		q         string
		wantFirst int
		wantMatch string
	}{
		// synonyms.txt: a multi-word member finds the others.
		{"boots on the ground", 2, "**armed forces**"},
		{"beacon", 3, "**lighthouse**"},
		// text with Markdown characters comes back as it is: plain text.
		{"harbour", 1, `north_harbour *freely*`},
		// sub-points are searched and shown.
		{"border guards", 2, "**Border guards**"},
	}
	for _, tt := range tests {
		res, err := ix.Search(context.Background(), tt.q, Options{})
		if err != nil {
			t.Fatalf("Search(%q): %v", tt.q, err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Point.Number != tt.wantFirst {
			t.Errorf("Search(%q) = %v; want point %d first", tt.q, rankedPoints(res), tt.wantFirst)
			continue
		}
		if got := marked(res.Hits[0].Match, res.Hits[0].Spans); !strings.Contains(got, tt.wantMatch) {
			t.Errorf("Search(%q).Match = %q; want it to contain %q", tt.q, got, tt.wantMatch)
		}
	}
}

// marked puts ** around the spans of text, for tests to show what matched.
func marked(text string, spans []Span) string {
	var b strings.Builder
	pos := 0
	for _, s := range spans {
		b.WriteString(text[pos:s.Start] + "**" + text[s.Start:s.End] + "**")
		pos = s.End
	}
	return b.String() + text[pos:]
}

func TestSearchLinksPassagesByMention(t *testing.T) {
	ix := buildDir(t, "testdata/small")
	res, err := ix.Search(context.Background(), "harbour shipping", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Point.Number != 1 {
		t.Fatalf("first hit is not point 1: %v", rankedPoints(res))
	}
	// "The harbour" has no points: line, but its text names point 1.
	if len(res.Hits[0].Passages) == 0 || res.Hits[0].Passages[0].Section.Heading != "The harbour" {
		t.Errorf("point 1 is not discussed by the section that names it")
	}
}

func TestSearchRelatedReporting(t *testing.T) {
	ix := buildDir(t, "testdata/small")
	res, err := ix.Search(context.Background(), "troop cap storms", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Point.Number != 2 {
		t.Fatalf("first hit is not point 2: %v", rankedPoints(res))
	}
	if len(res.Related) != 1 || res.Related[0].Section.Heading != "Weather" || len(res.Related[0].Points) != 0 {
		t.Errorf("Related = %v; want the unlinked Weather section", res.Related)
	}
}

func TestSearchWithoutSynonyms(t *testing.T) {
	c, err := corpus.LoadDir("testdata/small")
	if err != nil {
		t.Fatal(err)
	}
	c.Synonyms = nil // bleve's own synonym support fails every search on an empty collection
	ix, err := Build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(context.Background(), "lighthouse", Options{})
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Point.Number != 3 {
		t.Fatalf("Search without synonyms = %v, %v; want point 3", res, err)
	}
}

func TestPoint(t *testing.T) {
	ix := buildDefault(t)
	for _, v := range []string{"", "plan-28-points", "28-point draft", "28-POINT DRAFT"} {
		pv, err := ix.Point(v, 21)
		if err != nil {
			t.Fatalf("Point(%q, 21): %v", v, err)
		}
		if pv.Point.Title != "Territories" || len(pv.Point.SubPoints) != 4 {
			t.Errorf("Point(%q, 21) = %q with %d sub-points", v, pv.Point.Title, len(pv.Point.SubPoints))
		}
		if len(pv.Commentary) < 2 {
			t.Errorf("Point(%q, 21) has %d passages of commentary; want the sections linked to 21", v, len(pv.Commentary))
		}
	}
	_, err := ix.Point("", 29)
	var re *RangeError
	if !errors.As(err, &re) || err.Error() != "there is no point 29 in the 28-point draft: it has points 1–28" {
		t.Errorf("Point(29) error = %v", err)
	}
	if _, err := ix.Point("european", 1); !errors.Is(err, ErrNoVersion) {
		t.Errorf("Point(unknown version) error = %v; want ErrNoVersion", err)
	}
}

func TestBuildStats(t *testing.T) {
	ix := buildDefault(t)
	st := ix.Stats()
	if st.Documents != 5 || st.Points != 69 || st.Sections != 13 || st.Synonyms == 0 {
		t.Errorf("Stats = %+v; want 5 documents, 69 points (28 + 22 + 19), 13 sections and the synonym groups", st)
	}
}

// TestDefaultSynonymsSearchAsWritten keeps the shipped synonyms.txt free of
// members the analyzer would shrink or drop.
func TestDefaultSynonymsSearchAsWritten(t *testing.T) {
	ix := buildDefault(t)
	for _, w := range ix.Warnings() {
		t.Error(w)
	}
}

func TestSynonymWarnings(t *testing.T) {
	ix := buildDir(t, "testdata/small")
	if len(ix.Warnings()) != 2 || !strings.Contains(ix.Warnings()[0], `"the"`) || !strings.Contains(ix.Warnings()[1], `"of"`) {
		t.Errorf("Warnings = %q; want the two stop-word members of testdata/small/synonyms.txt", ix.Warnings())
	}
}

// TestPhraseFactor: question words side by side in the question count more
// where they stand side by side in the text, and only there.
func TestPhraseFactor(t *testing.T) {
	ix := buildDefault(t)
	for _, tc := range []struct {
		question, text string
		want           float64
	}{
		{"World Bank financing", "A special World Bank financing package", 1 + 2*phraseGain},
		{"World Bank", "the bank of the world", 1},
		{"frozen assets", "assets that were frozen", 1},
		{"frozen assets", "$100 billion in frozen Russian assets", 1},
		{"frozen assets", "the frozen assets of Russia", 1 + phraseGain},
		{"Ukraine's army", "Ukraine's army will be capped", 1 + phraseGain},
	} {
		qq := ix.prepare(tc.question)
		if got := phraseFactor(pairsOf(ix.analyze(tc.text)), qq.pairs); got != tc.want {
			t.Errorf("phraseFactor(%q in %q) = %v, want %v", tc.question, tc.text, got, tc.want)
		}
	}
}

// TestSearchIsTheSameOnEveryBuild: bleve numbers a batch's documents in no
// fixed order; the answers must not depend on it, so that a /reindex of an
// unchanged corpus changes no answer.
func TestSearchIsTheSameOnEveryBuild(t *testing.T) {
	var qs []string
	for _, f := range []string{"testdata/questions.tsv", "testdata/probes.tsv"} {
		for _, q := range readQuestions(t, f) {
			qs = append(qs, q.q)
		}
	}
	answers := func(ix *Index) []string {
		var out []string
		for _, q := range qs {
			res, err := ix.Search(context.Background(), q, Options{})
			if err != nil {
				t.Fatal(err)
			}
			a := fmt.Sprint(rankedPoints(res))
			for _, h := range res.Hits {
				a += "|" + h.Match
				for _, p := range h.Passages {
					a += "|" + p.Text
				}
			}
			out = append(out, a)
		}
		return out
	}
	first := answers(buildDefault(t))
	for build := 2; build <= 5; build++ {
		for i, a := range answers(buildDefault(t)) {
			if a != first[i] {
				t.Errorf("build %d answers %q differently:\n%s\nfirst build:\n%s", build, qs[i], a, first[i])
			}
		}
	}
}

// TestSearchStrict: text that only names a place, a country or a leader
// concerns no clause, in /ask and in Check (Strict) alike: one rule.
func TestSearchStrict(t *testing.T) {
	ix := buildDefault(t)
	for _, tc := range []struct {
		text    string
		strict  bool
		noMatch bool
	}{
		{"I was in Kyiv yesterday and the weather was awful", true, true},
		{"I was in Kyiv yesterday and the weather was awful", false, true},
		{"what did Trump and Putin say", false, true},
		{"hi", false, true},
		{"what's the weather in kyiv today", false, true},
		{"did Zelensky play the piano on TV", true, true},
		{"Russia and Ukraine again, as ever", true, true},
		{"Ukraine's army would be capped at 600k under this deal", true, false},
		{"How big can Ukraine's army be?", true, false},
	} {
		res, err := ix.Search(context.Background(), tc.text, Options{Strict: tc.strict})
		if err != nil {
			t.Fatal(err)
		}
		if res.NoMatch != tc.noMatch {
			t.Errorf("Search(%q, Strict: %v): NoMatch = %v (points %v), want %v", tc.text, tc.strict, res.NoMatch, rankedPoints(res), tc.noMatch)
		}
	}
}

// TestSearchAsksAboutTwoThings: a message that names two concepts of the
// plan gets a point for each, though one of them dominates the scores;
// Donbas is found through its synonym Donetsk.
func TestSearchAsksAboutTwoThings(t *testing.T) {
	ix := buildDefault(t)
	for _, strict := range []bool{false, true} {
		const msg = "lol so Ukraine just has to hand over all of Donbas and can never join NATO?"
		res, err := ix.Search(context.Background(), msg, Options{Strict: strict})
		if err != nil {
			t.Fatal(err)
		}
		got := rankedPoints(res)
		if !slices.Contains(got, 7) || !slices.Contains(got, 21) || len(got) > 3 {
			t.Errorf("Search(%q, Strict: %v) = %v; want 7 and 21 among at most three points", msg, strict, got)
		}
	}
}
