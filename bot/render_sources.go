package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
)

// renderSources lists the documents of the corpus with their versions,
// dates, publishers and links.
func renderSources(c *corpus.Corpus) *discordgo.MessageEmbed {
	docs, points, sections := c.Counts()
	e := &discordgo.MessageEmbed{
		Title: "Sources",
		Description: fmt.Sprintf("planbot answers from %s: %s and %s. Admins change them by editing the corpus folder and running `/reindex`.",
			plural(docs, "document"), plural(points, "plan point"), plural(sections, "article section")),
		Color: colorAnswer,
	}
	ds := c.Documents
	if len(ds) > maxFields {
		ds = ds[:maxFields-1]
	}
	for _, d := range ds {
		var b strings.Builder
		if d.Kind == corpus.KindPlan {
			fmt.Fprintf(&b, "Plan · %s", d.Version)
			if d.Default {
				b.WriteString(" (default for `/point`)")
			}
			fmt.Fprintf(&b, " · %s · %s", humanDate(d.Date), plural(len(d.Points), "point"))
		} else {
			b.WriteString("Article")
			if o := d.Origin(); o != "" {
				b.WriteString(" · " + o)
			}
			if d.Author != "" && d.Author != d.Origin() {
				b.WriteString(" · " + d.Author)
			}
			fmt.Fprintf(&b, " · %s · %s", humanDate(d.Date), plural(len(d.Sections), "section"))
		}
		lines := []string{b.String()}
		for _, s := range d.Sources {
			lines = append(lines, "• "+sourceLine(s))
		}
		if d.Note != "" {
			lines = append(lines, "*"+trim(d.Note, 300)+"*")
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: d.Title, Value: fitLines(lines, maxFieldValue)})
	}
	if len(ds) < len(c.Documents) {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  "More",
			Value: fmt.Sprintf("…and %d more documents.", len(c.Documents)-len(ds)),
		})
	}
	return fitEmbed(e)
}

// maxPlanSources is how many sources of each plan version an answer
// lists, so that a version with many sources leaves room for the others.
const maxPlanSources = 3

// sourcesField lists where the documents cited in an answer come from: each
// article, and up to maxPlanSources sources of each plan version.
func sourcesField(docs []*corpus.Document) *discordgo.MessageEmbedField {
	var lines []string
	for _, d := range docs {
		if d.Kind == corpus.KindArticle {
			text := "*" + escapeMarkdown(d.Title) + "*"
			if o := d.Origin(); o != "" {
				text = escapeMarkdown(o) + ", " + text
			}
			if len(d.Sources) > 0 && d.Sources[0].URL != "" {
				text = link(text, d.Sources[0].URL)
			}
			lines = append(lines, "• "+text+" ("+humanDate(d.Date)+")")
			continue
		}
		var shown, rest int
		for _, s := range d.Sources {
			switch {
			case listed(s, docs):
			case shown == maxPlanSources:
				rest++
			default:
				lines = append(lines, "• "+sourceLine(s))
				shown++
			}
		}
		if rest > 0 {
			lines = append(lines, fmt.Sprintf("• …and %s of the %s in `/sources`", plural(rest, "more source"), escapeMarkdown(d.Version)))
		}
	}
	return &discordgo.MessageEmbedField{Name: "Sources", Value: fitLines(lines, maxFieldValue)}
}

// listed reports whether source s of a plan is one of the articles in
// docs (a plan may cite the reporting it quotes), so it is not named twice.
func listed(s corpus.Source, docs []*corpus.Document) bool {
	if s.URL != "" {
		return false
	}
	for _, d := range docs {
		if d.Kind == corpus.KindArticle && d.Title != "" && strings.Contains(s.Name, d.Title) {
			return true
		}
	}
	return false
}

// sourceLine is one source: a link when it has a URL, and its date.
func sourceLine(s corpus.Source) string {
	name := escapeMarkdown(s.Name)
	if s.URL != "" {
		name = link(name, s.URL)
	}
	if s.Date != "" {
		name += " (" + humanDate(s.Date) + ")"
	}
	return name
}

// link is a Markdown link that survives brackets in its text and
// parentheses in its URL.
func link(text, url string) string {
	return "[" + linkText.Replace(text) + "](" + linkURL.Replace(url) + ")"
}

var (
	linkText = strings.NewReplacer("[", "(", "]", ")")
	linkURL  = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20")
)
