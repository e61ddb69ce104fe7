package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// compareReporting is the room of the one passage of reporting under a
// comparison; "More reporting" shows the rest.
const compareReporting = 420

// renderCompare renders /compare: one field per plan version, oldest first,
// with the clauses continuing the draft point (or that it was dropped, or
// is not in the reported text), each version's clauses cut to its share
// of the answer budget; then one passage of the reporting on the point.
// The versions' sources and the rest of the reporting are behind
// compareButtons.
func renderCompare(lang string, cmp *index.Comparison) *discordgo.MessageEmbed {
	p, draft := cmp.Point, cmp.Draft
	title, _, _ := p.In(lang)
	e := &discordgo.MessageEmbed{
		Title: trf(lang, "Point %d · %s: version by version", p.Number, title),
		Description: trf(lang, "What became of point %d of the *%s* in each version, oldest first. Clause texts are summaries: compare what they say, not their wording.",
			p.Number, escapeMarkdown(versionLabel(lang, draft))),
		Color: colorAnswer,
	}
	fates := cmp.Fates[:min(len(cmp.Fates), maxFields-2)]
	room := embedBudget - length(e.Title) - length(e.Description) - footerBudget - compareReporting
	share := room / max(len(fates), 1)
	for _, f := range fates {
		e.Fields = append(e.Fields, fateField(lang, f, share))
	}
	if len(cmp.Commentary) > 0 {
		v := reporting(lang, cmp.Commentary[0], passageChars, nil)
		if rest := len(cmp.Commentary) - 1; rest > 0 {
			v += "\n" + moreReportingLine(lang, rest)
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: tr(lang, "What the reporting says"), Value: v})
	}
	e.Footer = footer(trf(lang, "Point %d of the %s · %s", p.Number, versionLabel(lang, draft), plural(lang, len(cmp.Fates), "plan version")),
		trf(lang, "one version in full: %s", "/"+localName(lang, cmdPoint)), ifElse(lang != langEN, tr(lang, "clause texts: our translation of our summaries"), ""))
	return fitEmbed(e)
}

// fateField is one version's field of /compare, its clauses cut to room
// characters together.
func fateField(lang string, f corpus.Fate, room int) *discordgo.MessageEmbedField {
	d := f.Doc
	name := versionLabel(lang, d) + " · " + humanDate(lang, d.Date) + " — " + fateWords(lang, f)
	var body string
	switch f.Status {
	case corpus.StatusOriginal, corpus.StatusContinued:
		per := max(120, room/max(len(f.Clauses), 1)-2)
		var parts []string
		for _, c := range f.Clauses {
			parts = append(parts, clauseText(lang, c, per))
		}
		body = strings.Join(parts, "\n")
	case corpus.StatusDropped:
		body = tr(lang, "Dropped: this version lists the point as removed.")
	default:
		body = tr(lang, "Not in the reported text: the sources of this version do not give this part of it, which does not mean it was removed.")
	}
	return &discordgo.MessageEmbedField{Name: name, Value: body}
}

// compareButtons returns "◀ previous" and "next ▶" through the points of
// the draft, then "More reporting" when there is more than the answer
// shows, and a "Sources: <version>" button per version (its notes and
// every source), four at most.
func compareButtons(lang string, cmp *index.Comparison, c *corpus.Corpus) []discordgo.MessageComponent {
	rows := navButtons(lang, cmp.Draft.Numbers(), cmp.Point.Number, compareID)
	more := []discordgo.MessageComponent{}
	if len(cmp.Commentary) > 1 {
		more = append(more, discordgo.Button{Label: tr(lang, "More reporting"), Style: discordgo.SecondaryButton, CustomID: reportingID([]int{cmp.Point.Number})})
	}
	for _, f := range cmp.Fates {
		if len(more) == 5 {
			break
		}
		if b, ok := aboutButton(lang, c, f.Doc); ok {
			b.Label = trim(trf(lang, "Sources: %s", versionLabel(lang, f.Doc)), maxButtonLabel)
			more = append(more, b)
		}
	}
	if len(more) == 0 {
		return rows
	}
	return append(rows, discordgo.ActionsRow{Components: more})
}

// clauseText is a clause for a field, in at most max characters: its
// number and title in bold, then its text and sub-points, one per line
// with no blank line inside the clause. A clause that continues several
// draft points says so.
func clauseText(lang string, p *corpus.Point, max int) string {
	title, _, _ := p.In(lang)
	head := fmt.Sprintf("**§%d · %s**", p.Number, escapeMarkdown(title))
	if len(p.Was) > 1 {
		head += trf(lang, " *(continues draft points %s)*", joinInts(lang, p.Was))
	}
	return head + "\n" + clauseMarkdown(lang, p, max-length(head)-1)
}
