package index

import (
	"slices"
	"testing"
)

// TestAcronyms: a word in capitals names something ("START", the treaty)
// unless the whole question is in capitals.
func TestAcronyms(t *testing.T) {
	ix := buildAccord(t)
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"Is START part of the deal?", []string{"start"}},
		{"is NATO in it", []string{"nato"}},
		{"when does the Champions League start", nil},
		{"WHEN DOES THE LEAGUE START", nil},
		{"is it OK", nil}, // two letters: "ok" stays chat
	} {
		got := ix.acronyms(tt.q)
		var terms []string
		for term := range got {
			terms = append(terms, term)
		}
		slices.Sort(terms)
		if !slices.Equal(terms, tt.want) {
			t.Errorf("acronyms(%q) = %q; want %q", tt.q, terms, tt.want)
		}
	}
}
