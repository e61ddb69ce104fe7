package corpus_test

import (
	"reflect"
	"testing"

	"github.com/planbot/planbot/corpus"
)

func TestSectionMentions(t *testing.T) {
	tests := []struct {
		text string
		want []int
	}{
		{"Point 14 of the plan says, \"$100bn in frozen Russian assets\"", []int{14}},
		{"Critics say points 5 and 10 go together.", []int{5, 10}},
		{"See points 5, 10 and 27.", []int{5, 10, 27}},
		{"See points 5, 10, and 27, or point 2.", []int{2, 5, 10, 27}},
		{"POINTS 12 & 13 and point 14", []int{12, 13, 14}},
		{"points 5 or 6", []int{5, 6}},
		{"points 1–3 and points 7-8", []int{1, 2, 3, 7, 8}},
		{"points 20 to 22", []int{20, 21, 22}},
		{"points 1-200 would be too many", []int{1, 200}},
		{"point 21d and point 21(b)", []int{21}},
		{"Point 6, the army cap.", []int{6}},
		{"point 6's cap of 600,000 men", []int{6}},
		{"the point 600,000 men", nil},
		{"the 28-point plan and the 12-point Chinese peace plan", nil},
		{"a key point in the discussions; the points of the plan – 26 or 28", nil},
		{"at the checkpoint 5 km away", nil},
		{"point 0 and point 2025", nil},
		{"", nil},
	}
	for _, tt := range tests {
		s := &corpus.Section{Heading: "Point 1", Paragraphs: []string{tt.text}}
		if got := s.Mentions(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Mentions(%q) = %v; want %v", tt.text, got, tt.want)
		}
	}

	s := &corpus.Section{Paragraphs: []string{"point 14 first", "then points 3 and 14"}}
	if got, want := s.Mentions(), []int{3, 14}; !reflect.DeepEqual(got, want) {
		t.Errorf("Mentions over paragraphs = %v; want %v (sorted, once each)", got, want)
	}
}

func TestSectionMentionsDefault(t *testing.T) {
	c, err := corpus.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]int{}
	for _, s := range c.Document("bne-2025-11-24-common-ground").Sections {
		if ns := s.Mentions(); ns != nil {
			got[s.Heading] = ns
		}
	}
	// The article names one point by number; "28-point plan", "26 or 28"
	// and "600,000" are not mentions.
	if want := map[string][]int{"Reparation loans": {14}}; !reflect.DeepEqual(got, want) {
		t.Errorf("mentions in the default article = %v; want %v", got, want)
	}
}
