package bot

import (
	"strings"
	"testing"

	"github.com/planbot/planbot/index"
)

func TestMarked(t *testing.T) {
	t.Parallel()
	span := func(text, word string) index.Span {
		i := strings.Index(text, word)
		return index.Span{Start: i, End: i + len(word)}
	}
	const cap = "Ukraine's armed forces are capped at 600,000 personnel by the US."
	const long = "Crimea, Luhansk and Donetsk are recognised as de facto Russian, including by the United States and Russia."
	tests := []struct {
		name  string
		text  string
		spans []index.Span
		max   int
		want  string
	}{
		{"words in bold", cap, []index.Span{span(cap, "armed forces")}, 200, "Ukraine's **armed forces** are capped at 600,000 personnel by the US."},
		{"never a number", cap, []index.Span{span(cap, "600,000")}, 200, cap},
		{"never US", cap, []index.Span{span(cap, "US")}, 200, cap},
		{"the number left out of a phrase", cap, []index.Span{span(cap, "600,000 personnel")}, 200,
			"Ukraine's armed forces are capped at 600,000 **personnel** by the US."},
		{"a span the cut splits is not bold", long, []index.Span{span(long, "Crimea"), span(long, "United States and Russia")}, 80,
			"**Crimea**, Luhansk and Donetsk are recognised as de facto Russian, including by…"},
		{"escaped after the cut", `"C_2" cap, #1 > all`, []index.Span{{Start: 6, End: 9}}, 200, `"C\_2" **cap**, \#1 \> all`},
	}
	for _, tt := range tests {
		if got := marked(tt.text, tt.spans, tt.max); got != tt.want {
			t.Errorf("%s: marked(%q) = %q; want %q", tt.name, tt.text, got, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Plain words.", "“Plain words.”"},
		// a paragraph that opens a quotation closed in a later one
		{`"According to the US officials, Umerov said so.`, "“According to the US officials, Umerov said so.”"},
		{`He said "no deal" twice.`, "“He said ‘no deal’ twice.”"},
		{"They were “concerned”, they said.", "“They were ‘concerned’, they said.”"},
		// a passage cut inside a quotation closes it
		{`The plan says, "$100bn will be invested…`, "“The plan says, ‘$100bn will be invested…’”"},
		// a passage cut after a full stop ends with it, not ".…"
		{"which is banned by the constitution.…", "“which is banned by the constitution.”"},
		{"…and the line is frozen. …", "“…and the line is frozen.”"},
	}
	for _, tt := range tests {
		if got := quote(tt.in); got != tt.want {
			t.Errorf("quote(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
