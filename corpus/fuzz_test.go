package corpus_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/planbot/planbot/corpus"
)

// addSeeds adds every file matching the patterns to f's corpus.
func addSeeds(f *testing.F, patterns ...string) {
	n := 0
	for _, pattern := range patterns {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
			n++
		}
	}
	if n == 0 {
		f.Fatalf("no seed files match %q", patterns)
	}
}

// countLines counts lines as editors and YAML do: LF, CRLF and a lone CR
// each end one.
func countLines(data []byte) int {
	return bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")) + 1
}

var fuzzID = regexp.MustCompile(`^[a-z0-9-]+$`)

// FuzzParse checks that Parse never panics, that a document it accepts
// keeps the format's promises, and that every error names the file and a
// line of it.
func FuzzParse(f *testing.F) {
	addSeeds(f, "testdata/good/*.md", "testdata/bad/*/*.md", "default/*.md")
	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "fuzz.md"
		d, err := corpus.Parse(file, data)
		if err == nil {
			checkDocument(t, d)
			return
		}
		if d != nil {
			t.Errorf("Parse returned a document with its error")
		}
		es, ok := err.(corpus.Errors)
		if !ok || len(es) == 0 {
			t.Fatalf("Parse error %T %v; want a non-empty corpus.Errors", err, err)
		}
		lines := countLines(data)
		for _, e := range es {
			switch {
			case e.File != file:
				t.Errorf("error %q names file %q; want %q", e, e.File, file)
			case e.Line < 1 || e.Line > lines:
				t.Errorf("error %q is at line %d; want 1 to %d", e, e.Line, lines)
			case e.Msg == "" || strings.Contains(e.Msg, "\n"):
				t.Errorf("error %q: want a one-line message", e)
			case !strings.HasPrefix(e.Error(), fmt.Sprintf("%s:%d: ", file, e.Line)):
				t.Errorf("error %q does not start with file:line:", e)
			}
		}
	})
}

// checkDocument checks the promises of a document that Parse accepted.
func checkDocument(t *testing.T, d *corpus.Document) {
	t.Helper()
	if !fuzzID.MatchString(d.ID) || d.Title == "" || len(d.Sources) == 0 {
		t.Errorf("accepted id %q, title %q, %d sources", d.ID, d.Title, len(d.Sources))
	}
	if _, err := time.Parse(time.DateOnly, d.Date); err != nil {
		t.Errorf("accepted date %q", d.Date)
	}
	for _, s := range d.Sources {
		if s.Name == "" {
			t.Errorf("accepted a source without a name")
		}
	}
	switch d.Kind {
	case corpus.KindPlan:
		if d.Version == "" || len(d.Points) == 0 || len(d.Sections) != 0 {
			t.Errorf("accepted plan with version %q, %d points, %d sections", d.Version, len(d.Points), len(d.Sections))
		}
		seen := map[int]bool{}
		for _, p := range d.Points {
			if p.Number < 1 || seen[p.Number] || p.Title == "" || p.Line < 1 {
				t.Errorf("accepted point %d %q at line %d (repeated: %v)", p.Number, p.Title, p.Line, seen[p.Number])
			}
			seen[p.Number] = true
			letters := map[string]bool{}
			for _, s := range p.SubPoints {
				if letters[s.Letter] {
					t.Errorf("accepted point %d with sub-point %s twice", p.Number, s.Letter)
				}
				letters[s.Letter] = true
			}
			for lang, tr := range p.Translations {
				if (lang != "uk" && lang != "ru") || tr.Title == "" || tr.Line <= p.Line || (p.Text != "" && tr.Text == "") {
					t.Errorf("accepted point %d's %q translation %+v", p.Number, lang, tr)
				}
				got := map[string]bool{}
				for _, s := range tr.SubPoints {
					got[s.Letter] = true
				}
				if len(got) != len(tr.SubPoints) || len(got) != len(letters) {
					t.Errorf("accepted point %d's %q translation with sub-points %v; English has %v", p.Number, lang, got, letters)
				}
				for l := range got {
					if !letters[l] {
						t.Errorf("accepted point %d's %q translation with sub-point %s the English lacks", p.Number, lang, l)
					}
				}
			}
			if len(p.Translations) != len(d.Points[0].Translations) {
				t.Errorf("accepted point %d with %d translations, point %d with %d", p.Number, len(p.Translations), d.Points[0].Number, len(d.Points[0].Translations))
			}
		}
	case corpus.KindArticle:
		if d.Version != "" || d.Default || len(d.Dropped) != 0 || len(d.Points) != 0 {
			t.Errorf("accepted article with plan fields: %+v", d)
		}
		for _, s := range d.Sections {
			if s.Heading == "" {
				t.Errorf("accepted a section without a heading at line %d", s.Line)
			}
			for _, p := range s.Paragraphs {
				if strings.Contains(p, "<!--") {
					t.Errorf("section %q shows a comment: %q", s.Heading, p)
				}
			}
			for lang, tr := range s.Translations {
				if (lang != "uk" && lang != "ru") || tr.Heading == "" || tr.Summary == "" || strings.Contains(tr.Summary, "\n\n") {
					t.Errorf("accepted section %q's %q translation %+v", s.Heading, lang, tr)
				}
			}
		}
	default:
		t.Errorf("accepted kind %q", d.Kind)
	}
}

// FuzzSynonyms checks that ParseSynonyms never panics and that it returns
// groups of two or more lower-case members, or errors with lines.
func FuzzSynonyms(f *testing.F) {
	addSeeds(f, "testdata/*/synonyms.txt", "testdata/bad/*/synonyms.txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		groups, errs := corpus.ParseSynonyms("synonyms.txt", data)
		lines := countLines(data)
		for _, e := range errs {
			if e.File != "synonyms.txt" || e.Line < 1 || e.Line > lines {
				t.Errorf("error %q at %s:%d; want synonyms.txt:1 to %d", e, e.File, e.Line, lines)
			}
		}
		for _, g := range groups {
			if len(g) < 2 {
				t.Errorf("group %q has fewer than two members", g)
			}
			for _, m := range g {
				if m == "" || m != strings.ToLower(m) || strings.Contains(m, ",") {
					t.Errorf("member %q of %q", m, g)
				}
			}
		}
	})
}
