package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAskLang: ask takes a Ukrainian or Russian question in the language
// its letters tell, or the one --lang names, says which in --json, and
// refuses a language it does not know.
func TestAskLang(t *testing.T) {
	for _, tt := range []struct {
		name      string
		args      []string
		lang      string
		firstPt   int
		wantError string
	}{
		{"Ukrainian by its letters", []string{"ask", "--json", "Чи має Україна віддати Донбас?"}, "uk", 21, ""},
		{"Russian by its letters", []string{"ask", "--json", "Сократят ли украинскую армию до 600 тысяч?"}, "ru", 6, ""},
		{"Russian named", []string{"ask", "--json", "--lang", "ru", "Что план говорит о НАТО?"}, "ru", 7, ""},
		{"Cyrillic reference", []string{"ask", "--json", "пункт 14"}, "uk", 14, ""},
		{"English", []string{"ask", "--json", "How big can Ukraine's army be?"}, "en", 6, ""},
		{"unknown language", []string{"ask", "--lang", "de", "army"}, "", 0, `--lang "de": give one of en, uk, ru`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := planbot(t, nil, tt.args...)
			if tt.wantError != "" {
				if code != exitUsage || !strings.Contains(stderr, tt.wantError) {
					t.Errorf("planbot %q = exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr, exitUsage, tt.wantError)
				}
				return
			}
			if code != exitOK {
				t.Fatalf("planbot %q = exit %d (stderr %q)", tt.args, code, stderr)
			}
			var out struct {
				Lang    string `json:"lang"`
				Results []struct {
					Points []int `json:"points"`
				} `json:"results"`
			}
			if err := json.Unmarshal([]byte(stdout), &out); err != nil {
				t.Fatal(err)
			}
			if out.Lang != tt.lang || len(out.Results) == 0 || len(out.Results[0].Points) == 0 || out.Results[0].Points[0] != tt.firstPt {
				t.Errorf("planbot %q: lang %q, results %+v; want lang %q and point %d first", tt.args, out.Lang, out.Results, tt.lang, tt.firstPt)
			}
		})
	}
}
