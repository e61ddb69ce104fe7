package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
)

// Custom ids of the /sources pages: "src:<page>:<tag>", tag "p" or "n"
// for ◀ previous and next ▶ (which update the message) and "f" for "All
// sources" and "About this version" under an answer (which open the page
// privately). Pages are numbered from the corpus, so after a reindex a
// button may show a neighbouring page, never a broken one.
const sourcesPrefix = "src:"

// sourcesID is the custom_id of a button showing page n of /sources.
func sourcesID(n int, tag string) string {
	return sourcesPrefix + strconv.Itoa(n) + ":" + tag
}

// parseSourcesID reads a sources button's custom_id.
func parseSourcesID(id string) (n int, tag string, ok bool) {
	num, tag, found := strings.Cut(strings.TrimPrefix(id, sourcesPrefix), ":")
	n, err := strconv.Atoi(num)
	return n, tag, found && err == nil && n >= 0
}

// sourcesPage is one page of /sources after the first (the list of
// documents): a document's description and notes on its first page, and
// as many of its sources as fit.
type sourcesPage struct {
	doc     *corpus.Document
	first   bool
	sources []string // rendered lines, in English, to measure the page
	items   []corpus.Source
}

// sourcesPages splits every document of the corpus into pages under the
// answer budget; page 0, the list of documents, is not among them.
func sourcesPages(c *corpus.Corpus) []sourcesPage {
	var pages []sourcesPage
	for _, d := range c.Documents {
		room := embedBudget - length(d.Title) - length(docNote(d)) - 300
		p := sourcesPage{doc: d, first: true}
		used := 0
		for _, s := range d.Sources {
			// measured in English, so pages are the same in every language:
			// a Ukrainian or Russian date is no longer
			line := "• " + sourceLine(langEN, s)
			if used+length(line)+1 > room && len(p.sources) > 0 {
				pages = append(pages, p)
				p = sourcesPage{doc: d}
				used, room = 0, embedBudget-length(d.Title)-300
			}
			p.sources = append(p.sources, line)
			p.items = append(p.items, s)
			used += length(line) + 1
		}
		pages = append(pages, p)
	}
	return pages
}

// sourcesPageCount is how many pages /sources has, the list included.
func sourcesPageCount(c *corpus.Corpus) int { return len(sourcesPages(c)) + 1 }

// docPage is the page of /sources where the document with id starts, or
// -1.
func docPage(c *corpus.Corpus, id string) int {
	for i, p := range sourcesPages(c) {
		if p.first && p.doc.ID == id {
			return i + 1
		}
	}
	return -1
}

// renderSources renders page n of /sources: page 0 lists the documents
// planbot answers from, each next page shows one document with its notes
// and its sources, so every source is one button away.
// The documents' titles, notes and sources are shown as written.
func renderSources(lang string, c *corpus.Corpus, n int) *discordgo.MessageEmbed {
	pages := sourcesPages(c)
	n = max(0, min(n, len(pages)))
	if n == 0 {
		return renderSourcesList(lang, c, pages)
	}
	p := pages[n-1]
	d := p.doc
	e := &discordgo.MessageEmbed{Title: d.Title, Color: colorAnswer}
	var b strings.Builder
	b.WriteString(docKind(lang, d))
	if p.first {
		if note := docNote(d); note != "" {
			// the corpus writes its notes in English; a Ukrainian or
			// Russian reader is told so rather than left to wonder
			b.WriteString("\n" + ifElse(lang != langEN, tr(lang, "Note (in English, as written):")+" ", "") + note)
		}
	} else {
		b.WriteString("\n" + tr(lang, "*Sources, continued.*"))
	}
	if len(p.items) > 0 {
		lines := make([]string, len(p.items))
		for i, s := range p.items {
			lines[i] = "• " + sourceLine(lang, s)
		}
		b.WriteString("\n\n**" + tr(lang, "Sources") + "**\n" + strings.Join(lines, "\n"))
	}
	e.Description = b.String()
	e.Footer = footer(trf(lang, "Page %d of %d of %s", n+1, len(pages)+1, "/"+localName(lang, cmdSources)), tr(lang, "◀ ▶ for the other documents"))
	return fitEmbed(e)
}

// renderSourcesList is page 0 of /sources: what planbot answers from,
// one line per document.
func renderSourcesList(lang string, c *corpus.Corpus, pages []sourcesPage) *discordgo.MessageEmbed {
	docs, points, sections := c.Counts()
	e := &discordgo.MessageEmbed{
		Title: tr(lang, "Sources"),
		Description: trf(lang, "planbot answers from %s: %s and %s. Each next page shows one document with its notes and every source; "+
			"%s opens a plan version's. Admins change the documents by editing the corpus folder and running %s.",
			plural(lang, docs, "document"), plural(lang, points, "plan point"), plural(lang, sections, "article section"),
			fmt.Sprintf("`/%s %s:<%s>`", localName(lang, cmdSources), localName(lang, cmdSources+"/version"), tr(lang, "plan")),
			"`/"+localName(lang, cmdReindex)+"`"),
		Color: colorAnswer,
	}
	var lines []string
	for i, p := range pages {
		if p.first {
			lines = append(lines, trf(lang, "**Page %d** · %s — %s", i+2, escapeMarkdown(p.doc.Title), docKind(lang, p.doc)))
		}
	}
	e.Description += "\n\n" + fitLines(lines, embedBudget-length(e.Description)-footerBudget-50)
	e.Footer = footer(trf(lang, "Page 1 of %d of %s", len(pages)+1, "/"+localName(lang, cmdSources)))
	return fitEmbed(e)
}

// docKind is one line on a document: "Plan · 28-point draft (default for
// /point) · 20 Nov 2025 · 28 points · 12 sources".
func docKind(lang string, d *corpus.Document) string {
	var b strings.Builder
	if d.Kind == corpus.KindPlan {
		b.WriteString(trf(lang, "Plan · %s", escapeMarkdown(versionLabel(lang, d))))
		if d.Default {
			b.WriteString(trf(lang, " (default for %s)", "`/"+localName(lang, cmdPoint)+"`"))
		}
		fmt.Fprintf(&b, " · %s · %s", humanDate(lang, d.Date), plural(lang, len(d.Points), "point"))
	} else {
		b.WriteString(tr(lang, "Article"))
		if o := d.Origin(); o != "" {
			b.WriteString(" · " + escapeMarkdown(o))
		}
		if d.Author != "" && d.Author != d.Origin() {
			b.WriteString(" · " + escapeMarkdown(d.Author))
		}
		fmt.Fprintf(&b, " · %s · %s", humanDate(lang, d.Date), plural(lang, len(d.Sections), "section"))
	}
	if len(d.Sources) > 0 {
		b.WriteString(" · " + plural(lang, len(d.Sources), "source"))
	}
	return b.String()
}

// docNote is a document's editorial note, in italics, cut to a readable
// length.
func docNote(d *corpus.Document) string {
	if d.Note == "" {
		return ""
	}
	return "*" + plainMarkdown(d.Note, 1200) + "*"
}

// sourcesButtons are ◀ previous and next ▶ through the pages of
// /sources.
func sourcesButtons(lang string, c *corpus.Corpus, n int) []discordgo.MessageComponent {
	ns := make([]int, sourcesPageCount(c))
	for i := range ns {
		ns[i] = i
	}
	return navButtons(lang, ns, n, sourcesID)
}

// allSourcesButton opens the list of sources privately.
func allSourcesButton(lang string) discordgo.Button {
	return discordgo.Button{Label: tr(lang, "All sources"), Style: discordgo.SecondaryButton, CustomID: sourcesID(0, fullTag)}
}

// aboutButton opens the notes and sources of document d privately.
func aboutButton(lang string, c *corpus.Corpus, d *corpus.Document) (discordgo.Button, bool) {
	n := docPage(c, d.ID)
	if n < 0 {
		return discordgo.Button{}, false
	}
	return discordgo.Button{Label: tr(lang, "About this version"), Style: discordgo.SecondaryButton, CustomID: sourcesID(n, fullTag)}, true
}

// sourceLine is one source: a link when it has a URL, and its date. A
// long name is cut without leaving a quotation open, and the label holds
// no Markdown, which Discord renders badly inside a link.
func sourceLine(lang string, s corpus.Source) string {
	name := trim(s.Name, 120)
	if strings.Count(name, `"`)%2 == 1 {
		name += `"`
	}
	name = escapeMarkdown(name)
	if s.URL != "" {
		name = link(name, s.URL)
	}
	if s.Date != "" {
		name += " (" + humanDate(lang, s.Date) + ")"
	}
	return name
}

// link is a Markdown link that survives brackets in its text and
// parentheses in its URL.
func link(text, url string) string {
	return "[" + linkText.Replace(text) + "](" + linkURL.Replace(url) + ")"
}

var (
	linkText = strings.NewReplacer("[", "(", "]", ")", `\[`, "(", `\]`, ")")
	linkURL  = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20")
)
