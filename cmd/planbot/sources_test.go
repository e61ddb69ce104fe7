package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/planbot/planbot/corpus"
)

func TestSourcesJSON(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := planbot(t, nil, "sources", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out documentsJSON
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	c, err := corpus.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Documents) != len(c.Documents) {
		t.Fatalf("%d documents; want %d", len(out.Documents), len(c.Documents))
	}
	for i, d := range out.Documents {
		want := byKindAndDate(c)[i]
		if d.ID != want.ID || d.Kind != string(want.Kind) || d.Date != want.Date || len(d.Sources) != len(want.Sources) {
			t.Errorf("document %d = %s %s %s, %d sources; want %s %s %s, %d", i, d.ID, d.Kind, d.Date, len(d.Sources), want.ID, want.Kind, want.Date, len(want.Sources))
		}
		if want.Kind == corpus.KindPlan && (d.Version == "" || len(d.Points) != len(want.Points)) {
			t.Errorf("plan %s: version %q, %d points; want its version and points", d.ID, d.Version, len(d.Points))
		}
	}
}

func TestSourcesOtherCorpus(t *testing.T) {
	t.Parallel()
	stdout, _, code := planbot(t, nil, "sources", "--corpus", "testdata/corpus-good")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"A small test plan", "test-plan · plan · test draft · default · points 1–3", "https://example.com/article", "A. Writer, Test Times"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("sources output lacks %q:\n%s", want, stdout)
		}
	}
}
