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
		wantDoc   string // version of the clause shown first
		wantNum   int    // its number there
		wantDraft []int
		wantAlso  int // other clauses of the lineage
	}{
		// 6 is split in v2 (§6, §7) and merged with 7 in v3 (§3): one result.
		{"army ceiling peacetime soldiers", "harbour-v2", 6, []int{6}, 3},
		{"elections within 200 days", "harbour-v2", 5, []int{5}, 2},
		// A clause new in its version is its own result, with no draft point.
		{"victims fund", "harbour-v2", 9, nil, 0},
		{"free trade goods", "harbour-v3", 5, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.q, Options{})
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
