package index

import (
	"slices"
	"testing"
)

// TestPhraseHidesItsWords: a synonym phrase owns the words inside it, so
// "arms control" is a treaty, not territory under someone's control, while
// "controls" alone still means holding territory.
func TestPhraseHidesItsWords(t *testing.T) {
	ix := buildDefault(t)
	group := func(member string) int {
		for gi, g := range ix.synonyms {
			for _, m := range g.members {
				if m.text == member {
					return gi
				}
			}
		}
		t.Fatalf("no synonym group has %q", member)
		return -1
	}
	treaty, held, army := group("arms control"), group("control"), group("armed forces")
	for _, tc := range []struct {
		text      string
		want, not []int
	}{
		{"extend the treaties on arms control", []int{treaty}, []int{held}},
		{"other territory it controls", []int{held}, nil},
		{"arms control and the territory it controls", []int{treaty, held}, nil},
		{"Ukraine's armed forces", []int{army}, nil},
	} {
		got := ix.groupsIn(ix.terms(tc.text))
		for _, g := range tc.want {
			if !slices.Contains(got, g) {
				t.Errorf("groupsIn(%q) = %v, want group %d (%s) in it", tc.text, got, g, ix.synonyms[g].members[0].text)
			}
		}
		for _, g := range tc.not {
			if slices.Contains(got, g) {
				t.Errorf("groupsIn(%q) = %v, want no group %d (%s)", tc.text, got, g, ix.synonyms[g].members[0].text)
			}
		}
	}
}
