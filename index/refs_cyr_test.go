package index

import (
	"strings"
	"testing"
)

// TestParseRefCyrillic: Ukrainian and Russian references resolve like
// "point 14", Cyrillic sub-point letters standing for the plan's Latin
// ones, and a number that is not a reference stays a number.
func TestParseRefCyrillic(t *testing.T) {
	for _, tt := range []struct {
		q      string
		num    int
		letter string
		whole  bool
		rest   string
	}{
		{"пункт 14", 14, "", true, ""},
		{"Пункт 14", 14, "", true, ""},
		{"п. 21", 21, "", true, ""},
		{"п.21г", 21, "d", true, ""},
		{"пункту 21", 21, "", true, ""},
		{"21г", 21, "d", true, ""},
		{"21(б)", 21, "b", true, ""},
		{"що каже пункт 7 про НАТО?", 7, "", false, "що каже про НАТО?"},
		{"что сказано в пункте 21 о Донбассе", 21, "", false, "что сказано в о Донбассе"},
		{"у 21 пункті про Донбас", 21, "", false, "у про Донбас"},
		{"підпункт 21а", 21, "a", true, ""},
		{"№ 12", 12, "", true, ""},
		{"пункт 21 в Україні", 21, "", false, "в Україні"},
	} {
		ref, whole, rest := parseRef(tt.q)
		if ref == nil {
			t.Errorf("parseRef(%q) = no reference, want point %d%s", tt.q, tt.num, tt.letter)
			continue
		}
		if ref.Number != tt.num || ref.Letter != tt.letter || whole != tt.whole || (!whole && strings.Join(strings.Fields(rest), " ") != tt.rest) {
			t.Errorf("parseRef(%q) = %d%q whole=%v rest=%q; want %d%q whole=%v rest=%q", tt.q, ref.Number, ref.Letter, whole, rest, tt.num, tt.letter, tt.whole, tt.rest)
		}
	}
	for _, q := range []string{"600 тисяч військових", "вибори через 100 днів", "100 млрд доларів"} {
		if ref, _, _ := parseRef(q); ref != nil {
			t.Errorf("parseRef(%q) = point %d; want no reference", q, ref.Number)
		}
	}
}
