package index

import (
	"slices"
	"testing"
)

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		max  int
		want int
	}{
		{"sanktion", "sanction", 3, 1},
		{"zaporizhia", "zaporizhzhia", 3, 2},
		{"ukran", "ukrain", 2, 1},
		{"abc", "abc", 2, 0},
		{"abcdef", "uvwxyz", 2, 2}, // stops at max
		{"ab", "abcdef", 2, 2},
	} {
		if got := editDistance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d; want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}

func TestCorrectTypos(t *testing.T) {
	ix := buildDefault(t)
	for _, tt := range []struct{ q, want string }{
		{"sanktions", "sanction"},
		{"zaporizhzya", "zaporizhzhia"},
		{"zaporizhia", "zaporizhia"}, // a synonym of it already
		{"ukrane", "ukrain"},
		{"server", "server"},   // chat, not a typo of "sever"
		{"shoots", "shoot"},    // in synonyms.txt, not a typo of "short"
		{"weather", "weather"}, // not a typo of anything here
		{"pizza", "pizza"},
		{"cup", "cup"}, // too short to guess
	} {
		got := ix.correct(ix.terms(tt.q))
		if !slices.Equal(got, []string{tt.want}) {
			t.Errorf("correct(%q) = %v; want [%s]", tt.q, got, tt.want)
		}
	}
}
