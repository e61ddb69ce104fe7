package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// lineWidth is the width text output is wrapped to.
const lineWidth = 78

// excerptLen is roughly how many characters of a passage ask shows.
const excerptLen = 300

// boldMark opens and closes a run of words that matched, in text made for
// the printer by marked. It is a private-use character, so no corpus text
// can hold it, unlike "**" which a clause may well contain.
const boldMark = "\uE000"

// marked returns text with mark on both sides of each span; for the
// printer, mark is boldMark, for JSON "**". Spans out of order or out of
// range are skipped.
func marked(text string, spans []index.Span, mark string) string {
	var b strings.Builder
	pos := 0
	for _, s := range spans {
		if s.Start < pos || s.End > len(text) || s.Start >= s.End {
			continue
		}
		b.WriteString(text[pos:s.Start])
		b.WriteString(mark)
		b.WriteString(text[s.Start:s.End])
		b.WriteString(mark)
		pos = s.End
	}
	b.WriteString(text[pos:])
	return b.String()
}

// printer writes text output, turning the boldMark runs of matches into
// terminal bold on a terminal and into *…* elsewhere (files, pipes, tests).
type printer struct {
	w    io.Writer
	ansi bool
}

func newPrinter(w io.Writer) *printer {
	return &printer{w: w, ansi: isTerminal(w)}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// printf writes a line as is.
func (p *printer) printf(format string, args ...any) {
	fmt.Fprintf(p.w, format, args...)
}

// para writes text wrapped to lineWidth, every line starting with indent,
// the first with first instead when it is not "".
func (p *printer) para(first, indent, text string) {
	if first == "" {
		first = indent
	}
	for i, line := range wrap(text, lineWidth-utf8.RuneCountInString(indent)) {
		lead := indent
		if i == 0 {
			lead = first
		}
		fmt.Fprintf(p.w, "%s%s\n", lead, p.emphasis(line))
	}
}

// emphasis renders the boldMark runs of s.
func (p *printer) emphasis(s string) string {
	on, off := "*", "*"
	if p.ansi {
		on, off = "\x1b[1m", "\x1b[0m"
	}
	var b strings.Builder
	open := false
	for {
		i := strings.Index(s, boldMark)
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		if open {
			b.WriteString(off)
		} else {
			b.WriteString(on)
		}
		open = !open
		s = s[i+len(boldMark):]
	}
	if open && p.ansi {
		b.WriteString(off)
	}
	return b.String()
}

// wrap splits text into lines of at most width runes, at spaces; a word
// longer than width gets a line of its own. Newlines in text are kept, and
// a bold run split across lines is closed and reopened so each line is
// balanced.
func wrap(text string, width int) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		var line strings.Builder
		n := 0
		for _, word := range strings.Fields(para) {
			wn := utf8.RuneCountInString(word) - strings.Count(word, boldMark)
			if n > 0 && n+1+wn > width {
				lines = append(lines, line.String())
				line.Reset()
				n = 0
			}
			if n > 0 {
				line.WriteByte(' ')
				n++
			}
			line.WriteString(word)
			n += wn
		}
		lines = append(lines, line.String())
	}
	open := false
	for i, l := range lines {
		if open {
			l = boldMark + l
		}
		if strings.Count(l, boldMark)%2 == 1 {
			l += boldMark
			open = true
		} else {
			open = false
		}
		lines[i] = l
	}
	return lines
}

// excerpt shortens a passage to about max characters at word boundaries,
// keeping its first match (boldMark) in view and its marks balanced; "…"
// marks what was cut.
func excerpt(text string, max int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	start := 0
	if m := strings.Index(text, boldMark); m > 0 && utf8.RuneCountInString(text[:m]) > max/2 {
		// Start a third of the way before the match, at a word.
		back := m
		for r := 0; back > 0 && r < max/3; r++ {
			_, size := utf8.DecodeLastRuneInString(text[:back])
			back -= size
		}
		if sp := strings.IndexByte(text[back:m], ' '); sp >= 0 {
			back += sp + 1
		}
		start = back
	}
	end := start
	for r := 0; end < len(text) && r < max; r++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	if end < len(text) {
		if sp := strings.LastIndexByte(text[start:end], ' '); sp > 0 {
			end = start + sp
		}
	}
	out := strings.TrimRight(text[start:end], " ,;:")
	if strings.Count(out, boldMark)%2 == 1 {
		out += boldMark
	}
	if start > 0 {
		out = "…" + out
	}
	if end < len(text) {
		if strings.HasSuffix(out, ".") || strings.HasSuffix(out, "?") || strings.HasSuffix(out, "!") {
			out += " …"
		} else {
			out += "…"
		}
	}
	return out
}

// citation names a document for a reader: publisher, author, date and
// title, e.g. `bne IntelliNews (Ben Aris), 2025-11-24: "How much …"`.
func citation(d *corpus.Document) string {
	var b strings.Builder
	origin := d.Origin()
	if d.Publisher != "" && d.Author != "" {
		origin = fmt.Sprintf("%s (%s)", d.Publisher, d.Author)
	}
	if origin != "" {
		b.WriteString(origin)
		b.WriteString(", ")
	}
	b.WriteString(d.Date)
	fmt.Fprintf(&b, ": %q", d.Title)
	return b.String()
}

// printSource writes one source: its name and date, wrapped, then its URL
// on a line of its own so it stays clickable.
func (p *printer) printSource(first, indent string, s corpus.Source) {
	text := s.Name
	if s.Date != "" {
		text += " (" + s.Date + ")"
	}
	if s.Note != "" {
		text += " — " + s.Note
	}
	p.para(first, indent, text)
	if s.URL != "" {
		p.printf("%s%s\n", indent, s.URL)
	}
}

// printSources writes the Sources block: each document cited, in order,
// with its own sources.
func (p *printer) printSources(docs []*corpus.Document) {
	if len(docs) == 0 {
		return
	}
	p.printf("Sources\n")
	for _, d := range docs {
		label := citation(d)
		if d.Version != "" {
			label = d.Version + " — " + label
		}
		p.para("- ", "  ", label)
		for _, s := range d.Sources {
			p.printSource("  · ", "    ", s)
		}
	}
}

// docList collects distinct documents in the order they are first added.
type docList []*corpus.Document

func (l *docList) add(d *corpus.Document) {
	for _, have := range *l {
		if have.ID == d.ID {
			return
		}
	}
	*l = append(*l, d)
}
