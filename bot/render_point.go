package bot

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// renderPoint renders /point: the point in full with its sub-points, the
// draft points it continues, and the first passages of the reporting on
// it; the rest of the reporting, the other versions and the version's
// sources and notes are behind pointButtons. draft is the default plan of
// the corpus.
func renderPoint(pv *index.PointView, draft *corpus.Document) *discordgo.MessageEmbed {
	p, d := pv.Point, pv.Doc
	e := &discordgo.MessageEmbed{
		Title:       pointTitle(d, p),
		Description: clauseMarkdown(p, 1400),
		Color:       colorAnswer,
	}
	if len(p.Was) > 0 && draft != nil && draft != d {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  "In the " + draft.Version,
			Value: fmt.Sprintf("Continues %s %s.", ifElse(len(p.Was) == 1, "point", "points"), joinInts(p.Was)),
		})
	}
	if len(pv.Commentary) > 0 {
		var lines []string
		cited := map[string]bool{}
		for _, c := range pv.Commentary[:min(len(pv.Commentary), maxCommentary)] {
			lines = append(lines, reporting(c, passageChars, cited))
		}
		if rest := len(pv.Commentary) - maxCommentary; rest > 0 {
			lines = append(lines, fmt.Sprintf("*…and %s: More reporting*", plural(rest, "more passage")))
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "What the reporting says", Value: fitLines(lines, maxFieldValue)})
	}
	e.Footer = planFooter(d)
	return fitEmbed(e)
}

// clauseMarkdown is a clause's text with its sub-points, one per line,
// cut to max characters.
func clauseMarkdown(p *corpus.Point, max int) string {
	var b strings.Builder
	b.WriteString(plainMarkdown(p.Text, max))
	for _, s := range p.SubPoints {
		fmt.Fprintf(&b, "\n**%s.** %s", s.Letter, plainMarkdown(s.Text, max))
	}
	return trim(b.String(), max)
}

// pointButtons returns the buttons under a point: "◀ previous" and
// "next ▶", whose custom_ids name the document and the point to show, so
// they keep working after a restart or a reindex; then "Compare versions"
// of the draft point, "More reporting" when there is more than the answer
// shows, and "About this version" (the version's notes and sources).
func pointButtons(pv *index.PointView, c *corpus.Corpus) []discordgo.MessageComponent {
	d, p := pv.Doc, pv.Point
	rows := navButtons(d.Numbers(), p.Number, func(m int, dir string) string { return pointID(d.ID, m, dir) })
	var more []discordgo.MessageComponent
	draft := p.Was
	if d.Default {
		draft = []int{p.Number}
	}
	if len(draft) > 0 {
		more = append(more, discordgo.Button{Label: "Compare versions", Style: discordgo.SecondaryButton, CustomID: compareID(draft[0], fullTag)})
		if len(pv.Commentary) > maxCommentary {
			more = append(more, discordgo.Button{Label: "More reporting", Style: discordgo.SecondaryButton, CustomID: reportingID(draft)})
		}
	}
	if b, ok := aboutButton(c, d); ok {
		more = append(more, b)
	}
	if len(more) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: more})
	}
	return rows
}

// navButtons returns "◀ previous" and "next ▶" for point n among the
// numbers ns, each button's custom_id made by id(number, "p" or "n"). The
// button at either end is disabled. It returns nil when n is not in ns or
// an id would not fit Discord's limit.
func navButtons(ns []int, n int, id func(m int, dir string) string) []discordgo.MessageComponent {
	at := slices.Index(ns, n)
	if at < 0 {
		return nil
	}
	prevID, nextID := id(ns[max(at-1, 0)], "p"), id(ns[min(at+1, len(ns)-1)], "n")
	if len(prevID) > maxCustomID || len(nextID) > maxCustomID {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "◀ previous", Style: discordgo.SecondaryButton, CustomID: prevID, Disabled: at == 0},
		discordgo.Button{Label: "next ▶", Style: discordgo.SecondaryButton, CustomID: nextID, Disabled: at == len(ns)-1},
	}}}
}

// pointName names a point in a field: "Point 6 · Size of Ukraine's armed
// forces", with the sub-point letter, and with the version when it is not
// here, the version readers take as the default.
func pointName(d *corpus.Document, p *corpus.Point, letter string, here *corpus.Document) string {
	s := fmt.Sprintf("Point %d%s · %s", p.Number, letter, p.Title)
	if (here == nil || d.ID != here.ID) && d.Version != "" {
		s += " (" + d.Version + ")"
	}
	return s
}

// pointTitle is the title of /point's embed.
func pointTitle(d *corpus.Document, p *corpus.Point) string {
	s := fmt.Sprintf("Point %d · %s", p.Number, p.Title)
	if d.Version != "" {
		s += " (" + d.Version + ")"
	}
	return s
}
