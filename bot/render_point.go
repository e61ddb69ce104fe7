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
// draft points it continues, the commentary linked to it and the sources.
// draft is the default plan of the corpus.
func renderPoint(pv *index.PointView, draft *corpus.Document) *discordgo.MessageEmbed {
	p, d := pv.Point, pv.Doc
	e := &discordgo.MessageEmbed{
		Title: pointTitle(d, p),
		Color: colorAnswer,
	}
	var b strings.Builder
	b.WriteString(p.Text)
	for _, s := range p.SubPoints {
		fmt.Fprintf(&b, "\n**%s.** %s", s.Letter, s.Text)
	}
	e.Description = b.String()
	if len(p.Was) > 0 && draft != nil && draft != d {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  "In the " + draft.Version,
			Value: fmt.Sprintf("Continues %s %s. Every version of it: `/compare point:%d`.", ifElse(len(p.Was) == 1, "point", "points"), joinInts(p.Was), p.Was[0]),
		})
	}
	docs := []*corpus.Document{d}
	for _, c := range pv.Commentary[:min(len(pv.Commentary), maxCommentary)] {
		docs = appendDoc(docs, c.Doc)
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  "What the reporting says: " + passageName(c),
			Value: quote(c.Text, commentaryChars) + " — *" + citation(c.Doc) + "*",
		})
	}
	if len(pv.Commentary) > maxCommentary {
		e.Fields[len(e.Fields)-1].Value += fmt.Sprintf("\n*…and %s in the reporting.*", plural(len(pv.Commentary)-maxCommentary, "more passage"))
	}
	e.Fields = append(e.Fields, sourcesField(docs))
	e.Footer = planFooter(d)
	if ns := d.Numbers(); len(ns) > 0 {
		for i, n := range ns {
			if n == p.Number {
				e.Footer.Text = fmt.Sprintf("Point %d of %d · %s", i+1, len(ns), e.Footer.Text)
			}
		}
	}
	return fitEmbed(e)
}

// pointButtons returns the "◀ previous" and "next ▶" buttons under a
// point. Their custom_ids name the document and the point to show, so they
// keep working after a restart or a reindex. It returns nil when the ids
// would not fit Discord's limit.
func pointButtons(d *corpus.Document, n int) []discordgo.MessageComponent {
	return navButtons(d.Numbers(), n, func(m int, dir string) string { return pointID(d.ID, m, dir) })
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
