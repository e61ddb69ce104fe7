// Rendering shared by every command: the reporting block, the footer,
// citations and the small text helpers. Each command renders in its own
// render_<command>.go.

package bot

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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

// Budgets of an answer, in characters as Discord counts them (UTF-16 code
// units). An answer of any command stays under answerBudget, content and
// embed together; an /ask answer is about half of that at the median. What
// does not fit goes behind a button ("More reporting", "Compare versions",
// "All sources", "About this version"), each answer under the same budget.
const (
	answerBudget = 3000
	// embedBudget leaves room in answerBudget for the content line that
	// addresses an answer to someone (/ask target:).
	embedBudget  = 2850
	footerBudget = 200
	// titleChars keeps a quoted question on one line of an embed title at
	// Discord's width.
	titleChars = 60
	// matchChars is the headline sentence of the first point; the others
	// get otherMatchChars.
	matchChars      = 280
	otherMatchChars = 200
	// lineChars is about one line of an embed field at Discord's width:
	// another version's line ("• 20-point framework §4: …") keeps to it.
	lineChars = 84
	// passageChars is one passage of reporting quoted under a point.
	passageChars = 220
	// maxCommentary passages under /point and /compare; "More reporting"
	// shows the rest.
	maxCommentary = 2
)

// footer joins the parts of a footer with " · " and keeps it under
// footerBudget, leaving out the last parts rather than cutting a word.
func footer(parts ...string) *discordgo.MessageEmbedFooter {
	var kept []string
	for _, p := range parts {
		if p == "" {
			continue
		}
		if length(strings.Join(append(kept, p), " · ")) > footerBudget {
			if len(kept) == 0 {
				kept = append(kept, trim(p, footerBudget))
			}
			break
		}
		kept = append(kept, p)
	}
	return &discordgo.MessageEmbedFooter{Text: strings.Join(kept, " · ")}
}

// footerParts splits a footer made by footer into its parts.
func footerParts(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(text, " · ")
}

// planFooter is the footer under the text of one plan version: its name
// and date, and that its texts are summaries (in Ukrainian and Russian,
// our translation of them). The version's editorial notes are behind the
// "About this version" button, not here.
func planFooter(lang string, d *corpus.Document) *discordgo.MessageEmbedFooter {
	s := versionLabel(lang, d)
	if d.Date != "" {
		s += ", " + humanDate(lang, d.Date)
	}
	return footer(s, tr(lang, "clause texts are summaries in our own words of the version as reported"))
}

// summariesFooter is the footer under clauses of several versions.
func summariesFooter(lang string) *discordgo.MessageEmbedFooter {
	return footer(tr(lang, "Clause texts are summaries in our own words of each version of the plan as it was reported"))
}

// versionLabel names a plan version in lang: its version (the catalog
// has the Ukrainian and Russian names of the default corpus's versions),
// else its title.
func versionLabel(lang string, d *corpus.Document) string {
	if d.Version != "" {
		return tr(lang, d.Version)
	}
	return d.Title
}

// citation is "publisher, 24 Nov 2025".
func citation(lang string, d *corpus.Document) string {
	o := d.Origin()
	if o == "" {
		o = d.Title
	}
	if d.Date == "" {
		return o
	}
	return o + ", " + humanDate(lang, d.Date)
}

// cite is the citation of a passage: "publisher, 24 Nov 2025", linked to
// the article when it has an address and the answer has not linked it yet
// (cited remembers; nil links every time). The label holds no Markdown,
// which Discord renders badly inside a link.
func cite(lang string, d *corpus.Document, cited map[string]bool) string {
	c := escapeMarkdown(citation(lang, d))
	if cited != nil && cited[d.ID] {
		return "*" + c + "*"
	}
	for _, s := range d.Sources {
		if s.URL != "" {
			if cited != nil {
				cited[d.ID] = true
			}
			return link(c, s.URL)
		}
	}
	return "*" + c + "*"
}

// reporting is the block quoting one passage of reporting with its
// citation, the one way every command quotes the reporting; cited is as
// for cite. The passage is quoted as it was written, in English, whatever
// lang the answer is in.
func reporting(lang string, p *index.Passage, max int, cited map[string]bool) string {
	return "> " + quote(passageMarkdown(asWritten(p), max)) + " — " + cite(lang, p.Doc, cited)
}

// asWritten is a passage as the article wrote it. A Ukrainian or Russian
// search finds an article's section through our translated summary of it;
// quoting that summary would put our words in the publisher's mouth, so
// the section's first paragraph is quoted instead.
func asWritten(p *index.Passage) *index.Passage {
	if p.Section == nil || len(p.Section.Paragraphs) == 0 || !strings.ContainsFunc(p.Text, isCyrillic) {
		return p
	}
	for _, t := range p.Section.Translations {
		if t != nil && strings.Contains(t.Summary, strings.Trim(p.Text, "… ")) {
			q := *p
			q.Text, q.Spans = p.Section.Paragraphs[0], nil
			return &q
		}
	}
	return p
}

// isCyrillic reports whether r is a Cyrillic letter.
func isCyrillic(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }

// quote puts a passage in curly quotes. Double quotes inside become
// single ones, so a passage that opens with a quotation does not read
// “"…; and a passage cut after a full stop does not end ".…".
func quote(s string) string {
	s = strings.TrimSpace(s)
	// a paragraph that opens a quotation closed in a later one
	if n := strings.Count(s, `"`) + strings.Count(s, "“") + strings.Count(s, "”"); n%2 == 1 {
		if r, size := utf8.DecodeRuneInString(s); r == '"' || r == '“' {
			s = s[size:]
		}
	}
	for _, end := range []string{".…", ". …", "!…", "?…", ". …"} {
		if strings.HasSuffix(s, end) {
			s = strings.TrimSuffix(s, end) + end[:1]
		}
	}
	return "“" + singleQuotes(s) + "”"
}

// singleQuotes turns the double quotes of a text into single ones: a
// straight one opens (‘) at the start or after a space or bracket, else
// closes (’). A quotation the text opens and does not close (a passage
// cut inside it) is closed at its end.
func singleQuotes(s string) string {
	var b strings.Builder
	prev, open := ' ', 0
	for _, r := range s {
		switch r {
		case '“':
			r, open = '‘', open+1
		case '”':
			r, open = '’', open-1
		case '"':
			r = '’'
			if unicode.IsSpace(prev) || strings.ContainsRune("([{—–-", prev) {
				r = '‘'
				open++
			} else {
				open--
			}
		}
		b.WriteRune(r)
		prev = r
	}
	if open > 0 {
		b.WriteRune('’')
	}
	return b.String()
}

// passageOwners decides which hit quotes each passage, so that an answer
// quotes a passage once: under the first hit that has it, unless a later
// hit is a point the passage's section is about and the first is not. It
// returns, for each hit, the passage it quotes or nil.
func passageOwners(hits []*index.Hit) []*index.Passage {
	about := func(p *index.Passage, h *index.Hit) bool {
		for _, n := range draftPoints(h) {
			if slices.Contains(p.Points, n) {
				return true
			}
		}
		return false
	}
	owner := map[string]int{}
	for i, h := range hits {
		for _, p := range h.Passages {
			k := passageKey(p)
			j, ok := owner[k]
			if !ok || (about(p, h) && !about(p, hits[j])) {
				owner[k] = i
			}
		}
	}
	out := make([]*index.Passage, len(hits))
	for i, h := range hits {
		for _, p := range h.Passages {
			if owner[passageKey(p)] == i {
				out[i] = p
				break
			}
		}
	}
	return out
}

// passageKey names the part of an article a passage quotes: two passages
// from one section say the same thing in one answer.
func passageKey(p *index.Passage) string {
	k := p.Doc.ID
	if p.Section != nil {
		k += "\x00" + p.Section.Heading
	}
	return k
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

// joinInts is "6, 7 and 21" ("6, 7 і 21").
func joinInts(lang string, ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + tr(lang, " and ") + s[len(s)-1]
}

// ifElse returns a when ok, else b.
func ifElse(ok bool, a, b string) string {
	if ok {
		return a
	}
	return b
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

// matchMarkdown is the sentence a hit matched as Discord Markdown, cut to
// max characters; the clause's text in lang when nothing in particular
// matched.
func matchMarkdown(lang string, h *index.Hit, max int) string {
	if h.Match == "" {
		_, text, _ := h.Point.In(lang)
		return plainMarkdown(text, max)
	}
	return marked(h.Match, h.Spans, max)
}

// passageMarkdown is a passage as Discord Markdown, cut to max characters.
func passageMarkdown(p *index.Passage, max int) string {
	return marked(p.Text, p.Spans, max)
}

// marked cuts a plain text from the index to max characters, then escapes
// it and bolds the spans that decided the match (those the cut left
// whole), without their numbers: bold is for the words that told the
// clauses apart, never "600,000" or "US".
func marked(text string, spans []index.Span, max int) string {
	text = strings.TrimSpace(text)
	cut := trim(text, max)
	n := 0
	for n < len(cut) && n < len(text) && cut[n] == text[n] {
		n++
	}
	var keep []index.Span
	for _, s := range spans {
		if s.Start < 0 || s.End > n || s.Start >= s.End {
			continue
		}
		if s = telling(text, s); s.Start < s.End {
			keep = append(keep, s)
		}
	}
	return markdown(text[:n], keep) + cut[n:]
}

// telling shrinks a span to its words that tell clauses apart: words
// without a letter (numbers, dashes) and "US" are left out at either end;
// a span of nothing else comes back empty.
func telling(text string, s index.Span) index.Span {
	words := func(r rune) bool { return unicode.IsSpace(r) }
	for s.Start < s.End {
		w := strings.FieldsFunc(text[s.Start:s.End], words)
		if len(w) == 0 {
			return index.Span{}
		}
		first, last := w[0], w[len(w)-1]
		switch {
		case dull(first):
			s.Start += strings.Index(text[s.Start:s.End], first) + len(first)
			for s.Start < s.End && unicode.IsSpace(rune(text[s.Start])) {
				s.Start++
			}
		case dull(last):
			s.End = s.Start + strings.LastIndex(text[s.Start:s.End], last)
			for s.End > s.Start && unicode.IsSpace(rune(text[s.End-1])) {
				s.End--
			}
		default:
			return s
		}
	}
	return index.Span{}
}

// dull reports whether a word says nothing a reader should see in bold:
// it has no letter, or it is "US", or a Cyrillic word of one or two
// letters ("не", "ЄС": a particle, or the US of the translations).
func dull(w string) bool {
	w = strings.Trim(w, ".,;:!?()\"'’‘“”«»")
	short := utf8.RuneCountInString(w) <= 2 && strings.ContainsFunc(w, isCyrillic)
	return w == "US" || w == "U.S." || short || strings.IndexFunc(w, unicode.IsLetter) < 0
}

// plainMarkdown is corpus text shown as it is written, cut to max
// characters: nothing in it is read as Discord Markdown.
func plainMarkdown(s string, max int) string {
	return escapeMarkdown(trim(strings.Join(strings.Fields(s), " "), max))
}
