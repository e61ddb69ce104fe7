package bot

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits on message and embed sizes, in characters (counted as
// UTF-16 code units, as Discord's JavaScript client counts them).
const (
	maxTitle       = 256
	maxDescription = 4096
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxAuthor      = 256
	maxEmbedTotal  = 6000
	maxFields      = 25
	maxContent     = 2000
	maxCustomID    = 100
	maxChoiceName  = 100
	maxChoices     = 25
	maxButtonLabel = 80
)

// ellipsis ends every trimmed text.
const ellipsis = "…"

// length is the length of s as Discord counts it. It is never more than
// len(s), so a string of at most max bytes fits without counting.
func length(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += utf16.RuneLen(r)
		i += size
	}
	return n
}

// trim returns s unchanged when it fits in max characters, and otherwise
// cuts it at the last sentence end, else the last word break, that leaves
// room for "…", and appends "…". A cut never leaves an unclosed **bold**.
func trim(s string, max int) string {
	if len(s) <= max || length(s) <= max {
		return s
	}
	if max <= 0 {
		return ""
	}
	room := max - length(ellipsis)
	// prefix of s that fits in room characters
	cut, n := 0, 0
	for i, r := range s {
		w := utf16.RuneLen(r)
		if n+w > room {
			break
		}
		n += w
		cut = i + utf8.RuneLen(r)
	}
	head := s[:cut]
	atBreak := cut < len(s) && unicode.IsSpace(rune(s[cut]))
	// a sentence end in the last half of the room (keeping its full stop
	// and a space before "…"), else a word break in the last third, else
	// a hard cut
	if i := lastSentenceEnd(head); i > 0 && i >= len(head)/2 && i < len(head) {
		head = closeBold(head[:i])
		if length(head)+1 <= room {
			return head + " " + ellipsis
		}
		return head + ellipsis
	}
	if i := lastSpace(head); !atBreak && i > 0 && i >= len(head)*2/3 {
		head = head[:i]
	}
	head = strings.TrimRightFunc(head, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == ';' || r == ':' || r == '—' || r == '-'
	})
	head = closeBold(head)
	return head + ellipsis
}

// lastSentenceEnd returns the index just after the last ". ", "! ", "? "
// (or the same before a newline) in s, or -1.
func lastSentenceEnd(s string) int {
	for i := len(s) - 2; i > 0; i-- {
		switch s[i] {
		case '.', '!', '?':
			if s[i+1] == ' ' || s[i+1] == '\n' {
				return i + 1
			}
		}
	}
	return -1
}

// lastSpace returns the index of the last whitespace in s, or -1.
func lastSpace(s string) int {
	return strings.LastIndexFunc(s, unicode.IsSpace)
}

// closeBold drops a dangling "**" so a cut text renders no stray asterisks.
func closeBold(s string) string {
	if strings.Count(s, "**")%2 == 0 {
		return s
	}
	i := strings.LastIndex(s, "**")
	return strings.TrimRightFunc(s[:i]+s[i+2:], unicode.IsSpace)
}

// fitLines joins lines with "\n" into at most max characters; the lines
// that do not fit are left out and counted in a last line "…and N more".
// Use it for lists of links, which must not be cut in the middle.
func fitLines(lines []string, max int) string {
	for keep := len(lines); keep >= 0; keep-- {
		s := strings.Join(lines[:keep], "\n")
		if keep < len(lines) {
			if keep > 0 {
				s += "\n"
			}
			s += fmt.Sprintf("…and %d more", len(lines)-keep)
		}
		if length(s) <= max {
			return s
		}
	}
	return trim(strings.Join(lines, "\n"), max)
}

// embedLength is an embed's size as Discord adds it up for the 6000 limit
// and the answer budget.
func embedLength(e *discordgo.MessageEmbed) int {
	n := length(e.Title) + length(e.Description)
	if e.Footer != nil {
		n += length(e.Footer.Text)
	}
	if e.Author != nil {
		n += length(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += length(f.Name) + length(f.Value)
	}
	return n
}

// embedBytes is embedLength in bytes, an upper bound that is quick to get.
func embedBytes(e *discordgo.MessageEmbed) int {
	n := len(e.Title) + len(e.Description)
	if e.Footer != nil {
		n += len(e.Footer.Text)
	}
	if e.Author != nil {
		n += len(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += len(f.Name) + len(f.Value)
	}
	return n
}

// fitEmbed makes e respect every limit of an embed: each part is trimmed to
// its own limit, fields past 25 are dropped, and while the total is over
// the answer budget (embedBudget, under Discord's 6000) the longest text
// is shortened, then the last fields are dropped. Renderers keep their
// answers inside the budget; this is the backstop.
func fitEmbed(e *discordgo.MessageEmbed) *discordgo.MessageEmbed {
	e.Title = trim(e.Title, maxTitle)
	e.Description = trim(e.Description, maxDescription)
	if e.Footer != nil {
		e.Footer.Text = trim(e.Footer.Text, footerBudget)
	}
	if e.Author != nil {
		e.Author.Name = trim(e.Author.Name, maxAuthor)
	}
	if len(e.Fields) > maxFields {
		e.Fields = e.Fields[:maxFields]
	}
	for _, f := range e.Fields {
		f.Name = trim(f.Name, maxFieldName)
		if f.Name == "" {
			f.Name = "\u200b" // Discord rejects empty field names
		}
		f.Value = trim(f.Value, maxFieldValue)
		if f.Value == "" {
			f.Value = "\u200b"
		}
	}
	if embedBytes(e) <= embedBudget {
		return e // characters never outnumber bytes
	}
	// every answer stays under the answer budget, well inside Discord's
	// 6000
	for over := embedLength(e) - embedBudget; over > 0; over = embedLength(e) - embedBudget {
		// shorten the longest of the description and field values, but
		// not below a readable size
		longest, size := &e.Description, length(e.Description)
		for _, f := range e.Fields {
			if l := length(f.Value); l > size {
				longest, size = &f.Value, l
			}
		}
		const floor = 200
		if size > floor {
			*longest = trim(*longest, max(floor, size-over))
			continue
		}
		if len(e.Fields) == 0 {
			e.Description = trim(e.Description, max(0, length(e.Description)-over))
			break
		}
		e.Fields = e.Fields[:len(e.Fields)-1]
	}
	return e
}
