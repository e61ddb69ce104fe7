package corpus_test

import (
	"regexp"
	"slices"
	"testing"

	"github.com/planbot/planbot/corpus"
)

func TestAsOf(t *testing.T) {
	doc := func(date string) *corpus.Document { return &corpus.Document{ID: "d" + date, Date: date} }
	for _, tc := range []struct {
		name string
		c    *corpus.Corpus
		want string
	}{
		{"empty", &corpus.Corpus{}, ""},
		{"one", &corpus.Corpus{Documents: []*corpus.Document{doc("2025-11-20")}}, "2025-11-20"},
		{"newest wherever it is", &corpus.Corpus{Documents: []*corpus.Document{doc("2025-11-20"), doc("2026-03-22"), doc("2025-12-24")}}, "2026-03-22"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.c.AsOf(); got != tc.want {
				t.Errorf("AsOf() = %q; want %q", got, tc.want)
			}
		})
	}
}

// TestDefault2026Reporting holds the default corpus to what issue 15 asks:
// the reporting of January–March 2026 is in it, each subject linked to the
// draft points it concerns, and the corpus says how far it goes.
func TestDefault2026Reporting(t *testing.T) {
	c, err := corpus.LoadDefault()
	if err != nil {
		t.Fatalf("LoadDefault: %v", err)
	}
	if got := c.AsOf(); got != "2026-03-22" {
		t.Errorf("AsOf() = %q; want 2026-03-22, the last report gathered", got)
	}
	sections := map[string]*corpus.Section{}
	for _, id := range []string{"guarantees-2026-02-13", "plan-status-2026-02-26", "talks-2026-03-22"} {
		d := c.Document(id)
		if d == nil {
			t.Fatalf("no document %s", id)
		}
		if d.Kind != corpus.KindArticle || len(d.Sources) == 0 {
			t.Errorf("%s: kind %s with %d sources; want an article with sources", id, d.Kind, len(d.Sources))
		}
		for _, s := range d.Sections {
			sections[s.Heading] = s
			checkSummaries(t, id, s)
		}
	}
	for _, tc := range []struct {
		heading string
		points  []int
	}{
		{"The Paris Declaration (6 January 2026)", []int{5, 6}},
		{"The bilateral guarantee: drafted, not yet signed in the reporting", []int{5, 10}},
		{"A Board of Peace", []int{27}},
		{"EU membership in 2027", []int{11}},
		{"The prosperity document", []int{12}},
		{"Elections and a referendum", []int{25}},
		{"The Zaporizhzhia nuclear plant", []int{19}},
		{"The buffer zone", []int{21}},
		{"Prisoner exchanges", []int{24}},
		{"The energy truce (25 January – 1 February 2026)", []int{28}},
		{"First trilateral round: Abu Dhabi, 23–24 January 2026", []int{21}},
		{"Second round: Abu Dhabi, 4–5 February 2026", []int{28}},
		{"Third round: Geneva, 17–18 February 2026", []int{21, 28}},
		{"Monitoring a ceasefire", []int{27}},
	} {
		s := sections[tc.heading]
		if s == nil {
			t.Errorf("no section %q", tc.heading)
			continue
		}
		if !slices.Equal(s.Points, tc.points) {
			t.Errorf("section %q links points %v; want %v", tc.heading, s.Points, tc.points)
		}
	}
}

// bannedWording is what our Ukrainian and Russian never write: the state
// media's «на Украине» and the names of the occupation "republics".
var bannedWording = map[string]*regexp.Regexp{
	"ru": regexp.MustCompile(`(?i)(?:^|[^\p{L}])(на Украин\p{L}*|ДНР|ЛНР|новы\p{L}* регион\p{L}*)`),
	"uk": regexp.MustCompile(`(?i)(?:^|[^\p{L}])(на Україн\p{L}*|ДНР|ЛНР)`),
}

// checkSummaries holds a 2026 section to a Ukrainian and a Russian summary
// of one paragraph each, in our wording, so that it is found in those
// languages too.
func checkSummaries(t *testing.T, doc string, s *corpus.Section) {
	t.Helper()
	for _, lang := range corpus.Languages {
		tr := s.Translations[lang]
		if tr == nil || tr.Heading == "" || tr.Summary == "" {
			t.Errorf("%s, section %q: no %s heading and summary", doc, s.Heading, lang)
			continue
		}
		if m := bannedWording[lang].FindStringSubmatch(tr.Heading + "\n" + tr.Summary); m != nil {
			t.Errorf("%s, section %q (%s) writes %q", doc, s.Heading, lang, m[1])
		}
	}
}
