package index

import (
	"context"
	"strings"
	"testing"
)

// TestAfter2025AnswersFromThe2026Reporting: every question of
// testdata/after2025.tsv about January–March 2026 is answered with the
// reporting of 2026 under its first point, not only with the clauses of
// 2025.
func TestAfter2025AnswersFromThe2026Reporting(t *testing.T) {
	ix := buildDefault(t)
	for _, q := range readQuestions(t, "testdata/after2025.tsv") {
		res, err := ix.Search(context.Background(), q.q, Options{})
		if err != nil {
			t.Fatalf("Search(%q): %v", q.q, err)
		}
		if len(res.Hits) == 0 {
			t.Errorf("%q: no point", q.q)
			continue
		}
		var dates []string
		found := false
		for _, p := range res.Hits[0].Passages {
			dates = append(dates, p.Doc.Date)
			found = found || strings.HasPrefix(p.Doc.Date, "2026-")
		}
		if !found {
			t.Errorf("%q: the first point (§%d) comes with reporting of %v; want some of 2026", q.q, res.Hits[0].Point.Number, dates)
		}
	}
}

// TestReportedFirst: a question naming what only the reporting speaks of
// gets first the point that reporting discusses; a question that names it
// in passing keeps the order of its points.
func TestReportedFirst(t *testing.T) {
	ix := buildDefault(t)
	for _, tc := range []struct{ q, heading string }{
		{"what did the Paris Declaration promise?", "Paris Declaration"},
		{"what happened at the Abu Dhabi talks?", "Abu Dhabi"},
	} {
		res, err := ix.Search(context.Background(), tc.q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || len(res.Hits[0].Passages) == 0 || !strings.Contains(res.Hits[0].Passages[0].Section.Heading, tc.heading) {
			t.Errorf("%q: first point without the reporting on the %s: %+v", tc.q, tc.heading, res.Hits)
		}
	}
	res, err := ix.Search(context.Background(), "In the Geneva version, is NATO membership still ruled out?", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || len(res.Hits[0].Draft) == 0 || res.Hits[0].Draft[0] != 7 {
		t.Errorf("a question about NATO that names Geneva in passing: first hit %+v; want the NATO point (7)", res.Hits)
	}
}

// TestEventWithoutClauseWords: a question about something only the
// reporting names, in words no clause uses, is answered by the point that
// reporting discusses, with the reporting that names it, rather than
// declined as if it were chat.
func TestEventWithoutClauseWords(t *testing.T) {
	ix := buildDefault(t)
	for _, tc := range []struct {
		q     string
		point int
		says  string
	}{
		{"what is the Anchorage formula?", 21, "Anchorage formula"},
		{"Why does Moscow insist on the Anchorage formula?", 21, "Anchorage formula"},
	} {
		res, err := ix.Search(context.Background(), tc.q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.NoMatch || len(res.Hits) == 0 {
			t.Errorf("%q: declined; want §%d", tc.q, tc.point)
			continue
		}
		h := res.Hits[0]
		said := false
		for _, p := range h.Passages {
			said = said || strings.Contains(p.Text, tc.says)
		}
		if len(h.Draft) == 0 || h.Draft[0] != tc.point || !said {
			t.Errorf("%q: first point %v, passages saying %q: %v; want §%d with them", tc.q, h.Draft, tc.says, said, tc.point)
		}
	}
}
