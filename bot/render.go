// Rendering shared by every command: the reporting block, the footer,
// citations and the small text helpers. Each command renders in its own
// render_<command>.go.

package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// Embed colours.
const (
	colorAnswer  = 0x3b6fb6
	colorNoMatch = 0x8a8f98
	colorError   = 0xc0392b
	colorOK      = 0x2e8b57
)

// How much of each part of an answer to show, well inside the field limits
// so that several points fit in one embed.
const (
	askMatchChars   = 420
	askPassageChars = 360
	commentaryChars = 700
	maxCommentary   = 3
	maxRelated      = 2
	maxClosest      = 3
)

// passageName names a passage by its publisher and section heading.
func passageName(p *index.Passage) string {
	name := p.Doc.Origin()
	if name == "" {
		name = p.Doc.Title
	}
	if p.Section != nil && p.Section.Heading != "" {
		name += " — " + p.Section.Heading
	}
	return name
}

// planFooter is the footer under plan text: version, date and the plan's
// editorial note (that the texts are summaries of a leak).
func planFooter(d *corpus.Document) *discordgo.MessageEmbedFooter {
	s := d.Version
	if s == "" {
		s = d.Title
	}
	if d.Date != "" {
		s += ", " + humanDate(d.Date)
	}
	if d.Note != "" {
		s += ". " + d.Note
	}
	return &discordgo.MessageEmbedFooter{Text: s}
}

// citation is "publisher, 24 Nov 2025".
func citation(d *corpus.Document) string {
	o := d.Origin()
	if o == "" {
		o = d.Title
	}
	if d.Date == "" {
		return o
	}
	return o + ", " + humanDate(d.Date)
}

// quote puts a passage in curly quotes, trimmed to max characters.
func quote(s string, max int) string {
	return "“" + trim(strings.TrimSpace(s), max) + "”"
}

// appendDoc appends d to docs unless it is already there.
func appendDoc(docs []*corpus.Document, d *corpus.Document) []*corpus.Document {
	for _, x := range docs {
		if x == d || x.ID == d.ID {
			return docs
		}
	}
	return append(docs, d)
}

// humanDate turns 2025-11-24 into "24 Nov 2025"; other text is returned
// as it is.
func humanDate(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t.Format("2 Jan 2006")
}

// roundDuration rounds d for people: "840ms", "1.2s".
func roundDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	}
	return d.Round(100 * time.Millisecond).String()
}

// plural is "1 point", "3 points".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// joinInts is "6, 7 and 21".
func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// ifElse returns a when ok, else b.
func ifElse(ok bool, a, b string) string {
	if ok {
		return a
	}
	return b
}

// ifNotEmpty returns s when ok, else "".
func ifNotEmpty(s string, ok bool) string {
	if ok {
		return s
	}
	return ""
}

// markdownEscaper backslash-escapes the characters Discord Markdown reads,
// and breaks mentions (@everyone, <@id>) with a zero-width space.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, `~`, `\~`, "`", "\\`", `|`, `\|`,
	`>`, `\>`, `#`, `\#`, `[`, `\[`, `]`, `\]`,
	`@`, "@\u200b", `<`, "<\u200b",
)

// escapeMarkdown makes user text safe to show: no formatting, links,
// mentions or emoji.
func escapeMarkdown(s string) string { return markdownEscaper.Replace(s) }
