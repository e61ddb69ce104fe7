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
func renderPoint(lang string, pv *index.PointView, draft *corpus.Document) *discordgo.MessageEmbed {
	p, d := pv.Point, pv.Doc
	e := &discordgo.MessageEmbed{
		Title:       pointTitle(lang, d, p),
		Description: clauseMarkdown(lang, p, 1400),
		Color:       colorAnswer,
	}
	if len(p.Was) > 0 && draft != nil && draft != d {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name: trf(lang, "In the %s", versionLabel(lang, draft)),
			Value: ifElse(len(p.Was) == 1, trf(lang, "Continues point %s.", joinInts(lang, p.Was)),
				trf(lang, "Continues points %s.", joinInts(lang, p.Was))),
		})
	}
	if len(pv.Commentary) > 0 {
		var lines []string
		cited := map[string]bool{}
		for _, c := range pv.Commentary[:min(len(pv.Commentary), maxCommentary)] {
			lines = append(lines, reporting(lang, c, passageChars, cited))
		}
		if rest := len(pv.Commentary) - maxCommentary; rest > 0 {
			lines = append(lines, moreReportingLine(lang, rest))
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: tr(lang, "What the reporting says"), Value: fitLines(lines, maxFieldValue)})
	}
	e.Footer = planFooter(lang, d)
	return fitEmbed(e)
}

// moreReportingLine is "*…and 3 more passages: More reporting*", the
// line that points to the button with the rest of the reporting.
func moreReportingLine(lang string, rest int) string {
	return trf(lang, "*…and %s: %s*", plural(lang, rest, "more passage"), tr(lang, "More reporting"))
}

// clauseMarkdown is a clause's text in lang with its sub-points, one per
// line, cut to max characters.
func clauseMarkdown(lang string, p *corpus.Point, max int) string {
	var b strings.Builder
	_, text, subs := p.In(lang)
	b.WriteString(plainMarkdown(text, max))
	for _, s := range subs {
		fmt.Fprintf(&b, "\n**%s.** %s", letterIn(lang, s.Letter), plainMarkdown(s.Text, max))
	}
	return trim(b.String(), max)
}

// pointButtons returns the buttons under a point: "◀ previous" and
// "next ▶", whose custom_ids name the document and the point to show, so
// they keep working after a restart or a reindex; then "Compare versions"
// of the draft point, "More reporting" when there is more than the answer
// shows, and "About this version" (the version's notes and sources).
func pointButtons(lang string, pv *index.PointView, c *corpus.Corpus) []discordgo.MessageComponent {
	d, p := pv.Doc, pv.Point
	rows := navButtons(lang, d.Numbers(), p.Number, func(m int, dir string) string { return pointID(d.ID, m, dir) })
	var more []discordgo.MessageComponent
	draft := p.Was
	if d.Default {
		draft = []int{p.Number}
	}
	if len(draft) > 0 {
		more = append(more, discordgo.Button{Label: tr(lang, "Compare versions"), Style: discordgo.SecondaryButton, CustomID: compareID(draft[0], fullTag)})
		if len(pv.Commentary) > maxCommentary {
			more = append(more, discordgo.Button{Label: tr(lang, "More reporting"), Style: discordgo.SecondaryButton, CustomID: reportingID(draft)})
		}
	}
	if b, ok := aboutButton(lang, c, d); ok {
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
func navButtons(lang string, ns []int, n int, id func(m int, dir string) string) []discordgo.MessageComponent {
	at := slices.Index(ns, n)
	if at < 0 {
		return nil
	}
	prevID, nextID := id(ns[max(at-1, 0)], "p"), id(ns[min(at+1, len(ns)-1)], "n")
	if len(prevID) > maxCustomID || len(nextID) > maxCustomID {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: tr(lang, "◀ previous"), Style: discordgo.SecondaryButton, CustomID: prevID, Disabled: at == 0},
		discordgo.Button{Label: tr(lang, "next ▶"), Style: discordgo.SecondaryButton, CustomID: nextID, Disabled: at == len(ns)-1},
	}}}
}

// pointName names a point in a field: "Point 6 · Size of Ukraine's armed
// forces", with the sub-point letter, and with the version when it is not
// serverPlan, the version the server reads by default.
func pointName(lang string, d *corpus.Document, p *corpus.Point, letter string, serverPlan *corpus.Document) string {
	title, _, _ := p.In(lang)
	s := trf(lang, "Point %d%s · %s", p.Number, letter, title)
	if (serverPlan == nil || d.ID != serverPlan.ID) && d.Version != "" {
		s += " (" + versionLabel(lang, d) + ")"
	}
	return s
}

// pointTitle is the title of /point's embed.
func pointTitle(lang string, d *corpus.Document, p *corpus.Point) string {
	title, _, _ := p.In(lang)
	s := trf(lang, "Point %d%s · %s", p.Number, "", title)
	if d.Version != "" {
		s += " (" + versionLabel(lang, d) + ")"
	}
	return s
}
