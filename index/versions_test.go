package index

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/planbot/planbot/corpus"
)

const versionsDir = "../testdata/versions"

func TestSearchGroupsLineages(t *testing.T) {
	ix := buildDir(t, versionsDir)
	tests := []struct {
		q         string
		version   string // Options.Version
		wantDoc   string // version of the clause shown first
		wantNum   int    // its number there
		wantDraft []int
		wantAlso  int // what the other versions do: clauses, or a fate
	}{
		// The draft heads unless a version is named, though v2's clause
		// matches best; 6 is split in v2 (§6, §7) and merged with 7 in v3
		// (§3): one result.
		{"army ceiling peacetime soldiers", "", "harbour-draft", 6, []int{6}, 3},
		{"elections within 200 days", "", "harbour-draft", 5, []int{5}, 2},
		// The question names a version, or the server chose one.
		{"army ceiling peacetime soldiers in the second version", "", "harbour-v2", 6, []int{6}, 2},
		{"army ceiling in the latest text", "", "harbour-v3", 3, []int{6, 7}, 5},
		{"elections within 200 days", "harbour-v2", "harbour-v2", 5, []int{5}, 2},
		// A version without the point: the draft heads, and the version's
		// fate is among the others.
		{"old lighthouse", "harbour-v2", "harbour-draft", 3, []int{3}, 2},
		// A clause new in its version is its own result, with no draft point.
		{"victims fund", "", "harbour-v2", 9, nil, 0},
		{"free trade goods", "", "harbour-v3", 5, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.q+"/"+tt.version, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.q, Options{Version: tt.version})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 {
				t.Fatalf("no hits")
			}
			h := res.Hits[0]
			if h.Doc.ID != tt.wantDoc || h.Point.Number != tt.wantNum {
				t.Errorf("first hit = %s §%d; want %s §%d", h.Doc.ID, h.Point.Number, tt.wantDoc, tt.wantNum)
			}
			if !slices.Equal(h.Draft, tt.wantDraft) || len(h.Also) != tt.wantAlso {
				t.Errorf("first hit draft %v with %d others; want %v with %d", h.Draft, len(h.Also), tt.wantDraft, tt.wantAlso)
			}
			seen := map[int]bool{}
			for _, h := range res.Hits {
				for _, n := range h.Draft {
					if seen[n] {
						t.Errorf("draft point %d appears in two results", n)
					}
					seen[n] = true
				}
			}
		})
	}
}

func TestCompare(t *testing.T) {
	ix := buildDir(t, versionsDir)
	tests := []struct {
		n    int
		want []string // status and clause numbers per version, in date order
	}{
		{3, []string{"original 3", "dropped", "dropped"}},
		{4, []string{"original 4", "not reported", "not reported"}},
		{6, []string{"original 6", "continued 6 7", "continued 3"}},
		{7, []string{"original 7", "continued 8", "continued 3"}},
		{8, []string{"original 8", "not reported", "dropped"}},
	}
	for _, tt := range tests {
		c, err := ix.Compare(tt.n)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range c.Fates {
			s := string(f.Status)
			for _, p := range f.Clauses {
				s += " " + itoa(p.Number)
			}
			got = append(got, s)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Compare(%d) = %q; want %q", tt.n, got, tt.want)
		}
	}
	c, _ := ix.Compare(6)
	if len(c.Commentary) != 1 || c.Commentary[0].Section.Heading != "The army ceiling" {
		t.Errorf("Compare(6) commentary = %v; want the section linked to 6", c.Commentary)
	}
	var re *RangeError
	if _, err := ix.Compare(9); !errors.As(err, &re) {
		t.Errorf("Compare(9) error = %v; want *RangeError", err)
	}
}

func TestPointInVersion(t *testing.T) {
	ix := buildDir(t, versionsDir)
	pv, err := ix.Point("framework", 3)
	if err != nil || pv.Point.Title != "Combined forces" || pv.Doc.ID != "harbour-v3" {
		t.Fatalf("Point(framework, 3) = %v, %v", pv, err)
	}
	if len(pv.Commentary) != 1 {
		t.Errorf("a later clause gets the commentary of the draft points it continues; got %d passages", len(pv.Commentary))
	}
	for _, tt := range []struct {
		v    string
		n    int
		want string
	}{
		{"harbour-v2", 3, "there is no point 3 in the second version: it has points 1–2, 5–9; point 3 of the harbour draft was dropped from it"},
		{"harbour-v2", 4, "point 4 of the harbour draft is not in its reported text"},
		{"harbour-v3", 7, "point 7 of the harbour draft continues there as §3"},
		{"harbour-v3", 12, "there is no point 12 in the framework: it has points 1–5"},
	} {
		_, err := ix.Point(tt.v, tt.n)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrNoPoint) {
			t.Errorf("Point(%s, %d) error = %v; want %q", tt.v, tt.n, err, tt.want)
		}
	}
}

func TestDefaultCorpusHasTheLaterVersions(t *testing.T) {
	ix := buildDefault(t)
	var versions []string
	for _, p := range ix.Corpus().Plans() {
		versions = append(versions, p.Version)
	}
	if got := strings.Join(versions, ", "); got != "28-point draft, European counter-proposal, 20-point framework" {
		t.Errorf("plans in date order = %s", got)
	}
	c, err := ix.Compare(26)
	if err != nil {
		t.Fatal(err)
	}
	if c.Fates[1].Status != corpus.StatusContinued || c.Fates[2].Status != corpus.StatusNotReported {
		t.Errorf("amnesty (26): %s / %s; want continued in the European text and not reported in the framework", c.Fates[1].Status, c.Fates[2].Status)
	}
}
func itoa(n int) string { return strconv.Itoa(n) }

// TestSearchHeadline: each point is headed by one predictable version (the
// server's choice, else the one the question names, else the draft), with
// the sentence that says what the clause does, never one about what the
// text leaves out; the other versions follow in Also.
func TestSearchHeadline(t *testing.T) {
	ix := buildDefault(t)
	for _, tc := range []struct {
		q, version string
		wantDoc    string
		wantNum    int
		wantMatch  string // in Match
	}{
		{"wat happens to crimea", "", "plan-28-points", 21, "Crimea"},
		{"does ukraine have to give up donbas??", "", "plan-28-points", 21, "Donetsk"},
		{"what does the European counter-proposal say about Crimea?", "", "plan-e3-counter-proposal", 21, "Line of Contact"},
		{"what happens to crimea now", "", "plan-20-point-framework", 14, ""},
		{"Geneva text on Crimea", "", "plan-e3-counter-proposal", 21, ""},
		{"wat happens to crimea", "plan-20-point-framework", "plan-20-point-framework", 14, ""},
		{"How big can Ukraine's army be?", "", "plan-28-points", 6, "600,000"},
		{"How big can Ukraine's army be in the 20-point plan?", "", "plan-20-point-framework", 4, "800,000"},
	} {
		res, err := ix.Search(context.Background(), tc.q, Options{Version: tc.version})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			t.Errorf("Search(%q, %q): no hits", tc.q, tc.version)
			continue
		}
		h := res.Hits[0]
		if h.Doc.ID != tc.wantDoc || h.Point.Number != tc.wantNum {
			t.Errorf("Search(%q, %q) heads with %s §%d; want %s §%d", tc.q, tc.version, h.Doc.ID, h.Point.Number, tc.wantDoc, tc.wantNum)
		}
		if omission.MatchString(h.Match) || !strings.Contains(h.Match, tc.wantMatch) {
			t.Errorf("Search(%q, %q).Match = %q; want the clause's own sentence with %q", tc.q, tc.version, h.Match, tc.wantMatch)
		}
		if len(h.Also) != len(ix.corpus.Plans())-1 {
			t.Errorf("Search(%q, %q): %d other versions in Also; want one line for each of the %d others", tc.q, tc.version, len(h.Also), len(ix.corpus.Plans())-1)
		}
		for _, a := range h.Also {
			if a.Doc == h.Doc || (a.Point == nil) == (a.Gist != "") || omission.MatchString(a.Gist) {
				t.Errorf("Search(%q, %q): also %s %v %q: want another version, with a gist exactly when it has a clause", tc.q, tc.version, a.Doc.ID, a.Status, a.Gist)
			}
		}
	}
}
