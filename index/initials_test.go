package index

import (
	"context"
	"strings"
	"testing"
)

// TestInitialsDoNotEndASentence: "Jane Q. Public" is one name. The point
// is indexed by sentence, and a name's initial looks like a sentence end
// to the splitter; a reader must still see the whole sentence, with the
// words that matched in bold.
func TestInitialsDoNotEndASentence(t *testing.T) {
	ix := buildDir(t, "testdata/initials")
	for _, tt := range []struct{ q, bold string }{
		{"who chairs the oversight council?", "chaired"},
		{"what happens to breaches?", "breaches"},
	} {
		q := tt.q
		res, err := ix.Search(context.Background(), q, Options{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Point.Number != 9 {
			t.Fatalf("%q: hits %v; want point 9 first", q, res.Hits)
		}
		h := res.Hits[0]
		want := "A council chaired by President Jane Q. Public oversees it, and breaches are punished with sanctions."
		if h.Match != want {
			t.Errorf("%q: match %q; want %q", q, h.Match, want)
		}
		for _, s := range h.Spans {
			if s.Start < 0 || s.End > len(h.Match) || s.Start >= s.End {
				t.Fatalf("%q: span %v outside %q", q, s, h.Match)
			}
		}
		var bold []string
		for _, s := range h.Spans {
			bold = append(bold, h.Match[s.Start:s.End])
		}
		if !strings.Contains(strings.Join(bold, " "), tt.bold) {
			t.Errorf("%q: bold %q; want %q among them", q, bold, tt.bold)
		}
	}
}

func TestSentenceSpansKeepInitials(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"A council chaired by Donald J. Trump meets. It votes.", []string{"A council chaired by Donald J. Trump meets.", "It votes."}},
		{"Рада на чолі з Дональдом Дж. Трампом стежить. Вона голосує.", []string{"Рада на чолі з Дональдом Дж. Трампом стежить.", "Вона голосує."}},
		{"Ukraine joins the EU. NATO stays out.", []string{"Ukraine joins the EU.", "NATO stays out."}},
	} {
		var got []string
		for _, s := range sentenceSpans(tt.text) {
			got = append(got, tt.text[s[0]:s[1]])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("sentenceSpans(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}
