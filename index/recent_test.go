package index

import (
	"context"
	"testing"

	"github.com/planbot/planbot/corpus"
)

func TestAboutNow(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"is there a ceasefire now?", true},
		{"What is the latest on the talks?", true},
		{"Is Russia still demanding all of Donbas?", true},
		{"who currently runs the Zaporizhzhia plant", true},
		{"what's happening today", true},
		{"where do things stand at the moment?", true},
		{"Чи є зараз перемир'я?", true},
		{"Что сейчас с переговорами?", true},
		{"Що наразі з гарантіями безпеки?", true},
		{"Что с переговорами до сих пор?", true},
		{"How big can Ukraine's army be?", false},
		{"what happened at the Abu Dhabi talks?", false},
		{"Does Ukraine know how to win?", false}, // "know" is not "now"
		{"Скільки військових може мати Україна?", false},
	}
	for _, tt := range tests {
		if got := AboutNow(tt.q); got != tt.want {
			t.Errorf("AboutNow(%q) = %v; want %v", tt.q, got, tt.want)
		}
	}
}

func TestNewestFirst(t *testing.T) {
	old := &corpus.Document{ID: "old", Date: "2025-11-24"}
	mid := &corpus.Document{ID: "mid", Date: "2026-02-13"}
	recent := &corpus.Document{ID: "new", Date: "2026-03-22"}
	type scored struct {
		u *paraUnit
		s float64
	}
	ps := []scored{
		{&paraUnit{doc: old}, 3},      // best
		{&paraUnit{doc: mid}, 2},      // relevant, newer
		{&paraUnit{doc: recent}, 0.3}, // grazes the question: stays behind
		{&paraUnit{doc: old}, 0.5},
	}
	newestFirst(ps, func(x scored) *paraUnit { return x.u }, func(x scored) float64 { return x.s })
	var got []string
	for _, p := range ps {
		got = append(got, p.u.doc.ID)
	}
	if want := []string{"mid", "old", "old", "new"}; !equalStrings(got, want) {
		t.Errorf("order = %v; want %v", got, want)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestNowPutsNewestReportingFirst asks the default corpus the same
// questions with and without "now": about the present, the reporting under
// the first point is the newest that answers it; otherwise the best
// matching, which for these is from 2025.
func TestNowPutsNewestReportingFirst(t *testing.T) {
	ix := buildDefault(t)
	for _, tc := range []struct {
		q, now    string
		wantNow   string // date of the first passage of the first point, about the present
		wantPlain string // the same without "now"
	}{
		{"how big is Ukraine's army?", "how big is Ukraine's army now?", "2026-02-13", "2025-11-24"},
		{"what about the security guarantees?", "what about the security guarantees these days, still the same?", "2026-02-13", "2025-11-24"},
		{"what about elections?", "what about elections today?", "2026-02-26", "2025-11-24"},
	} {
		for _, c := range []struct{ q, want string }{{tc.q, tc.wantPlain}, {tc.now, tc.wantNow}} {
			res, err := ix.Search(context.Background(), c.q, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 || len(res.Hits[0].Passages) == 0 {
				t.Fatalf("%q: no point with reporting", c.q)
			}
			if p := res.Hits[0].Passages[0]; p.Doc.Date != c.want {
				t.Errorf("%q: first passage %q dated %s; want one dated %s", c.q, p.Section.Heading, p.Doc.Date, c.want)
			}
		}
	}
}
