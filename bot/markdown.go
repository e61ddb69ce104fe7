package bot

import (
	"strings"

	"github.com/planbot/planbot/index"
)

// markdown makes a plain text from the index Discord Markdown: every
// character Discord would read is escaped, and the spans that matched the
// question are in bold. Spans out of order or out of range are skipped.
func markdown(text string, spans []index.Span) string {
	var b strings.Builder
	pos := 0
	for _, s := range spans {
		if s.Start < pos || s.End > len(text) || s.Start >= s.End {
			continue
		}
		markdownEscaper.WriteString(&b, text[pos:s.Start])
		b.WriteString("**")
		markdownEscaper.WriteString(&b, text[s.Start:s.End])
		b.WriteString("**")
		pos = s.End
	}
	markdownEscaper.WriteString(&b, text[pos:])
	return b.String()
}
