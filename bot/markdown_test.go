package bot

import (
	"testing"

	"github.com/planbot/planbot/index"
)

func TestMarkdown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text  string
		spans []index.Span
		want  string
	}{
		{"no match", nil, "no match"},
		{`"C_2" cap, #1 > all`, []index.Span{{Start: 6, End: 9}}, `"C\_2" **cap**, \#1 \> all`},
		{"armed forces cap", []index.Span{{Start: 0, End: 12}, {Start: 13, End: 16}}, "**armed forces** **cap**"},
		{"a *b* c", []index.Span{{Start: 2, End: 5}}, `a **\*b\*** c`},
		{"out of range", []index.Span{{Start: 4, End: 99}, {Start: 0, End: 3}}, "**out** of range"},
	}
	for _, tt := range tests {
		if got := markdown(tt.text, tt.spans); got != tt.want {
			t.Errorf("markdown(%q, %v) = %q; want %q", tt.text, tt.spans, got, tt.want)
		}
	}
}
