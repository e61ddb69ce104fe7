package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// renderAsk renders the answer to /ask: one field per point with the
// sentence that matched, the other versions' clauses of its lineage and what
// the reporting says, then the sources. here is the plan version readers
// take as the default (the server's, else the corpus's); a clause of
// another version is labelled with its version.
func renderAsk(res *index.Result, question string, here *corpus.Document) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title: "“" + escapeMarkdown(question) + "”",
		Color: colorAnswer,
	}
	if res.NoMatch || len(res.Hits) == 0 {
		return renderNoMatch(e, res)
	}
	plan := res.Hits[0].Doc
	oneVersion := true
	for _, h := range res.Hits {
		oneVersion = oneVersion && h.Doc == plan
	}
	switch {
	case res.Ref != nil:
		e.Description = fmt.Sprintf("You named point %d%s; here it is, with what the reporting says.", res.Ref.Number, res.Ref.Letter)
	case oneVersion:
		version := plan.Version
		if version == "" {
			version = "plan"
		}
		e.Description = fmt.Sprintf("The points of the *%s* that best match your question, with what the reporting says. Full text of a point: `/point number:<n>`.", version)
	default:
		e.Description = "The clauses that best match your question, one for each point of the draft, from the version of the plan that matched best, " +
			"with what the reporting says. Every version of a point: `/compare point:<n>`."
	}
	var docs []*corpus.Document
	for _, h := range res.Hits {
		docs = appendDoc(docs, h.Doc)
		var b strings.Builder
		if h.Letter != "" {
			fmt.Fprintf(&b, "**%s.** ", h.Letter)
		}
		match := h.Match
		if match == "" {
			match = h.Point.Text
		}
		b.WriteString(trim(match, askMatchChars))
		if also := alsoIn(h.Also); also != "" {
			b.WriteString("\n*" + also + "*")
		}
		if len(h.Passages) > 0 {
			p := h.Passages[0]
			docs = appendDoc(docs, p.Doc)
			b.WriteString("\n**What the reporting says:** ")
			b.WriteString(quote(p.Text, askPassageChars))
			b.WriteString(" — *" + citation(p.Doc) + "*")
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  hitName(h, here),
			Value: b.String(),
		})
	}
	if len(res.Related) > 0 {
		var lines []string
		for _, p := range res.Related[:min(len(res.Related), maxRelated)] {
			docs = appendDoc(docs, p.Doc)
			lines = append(lines, quote(p.Text, askPassageChars)+" — *"+citation(p.Doc)+"*")
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  "Related reporting",
			Value: fitLines(lines, maxFieldValue),
		})
	}
	e.Fields = append(e.Fields, sourcesField(docs))
	if oneVersion {
		e.Footer = planFooter(plan)
	} else {
		e.Footer = &discordgo.MessageEmbedFooter{Text: "Clause texts are summaries in our own words of each version of the plan as it was reported; none was officially published in full."}
	}
	return fitEmbed(e)
}

// alsoIn names the other versions' clauses of a lineage: "also in:
// European counter-proposal §6, 20-point framework §4"; "" for none.
func alsoIn(cs []index.Clause) string {
	if len(cs) == 0 {
		return ""
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s §%d", c.Doc.Version, c.Point.Number)
	}
	return "also in: " + strings.Join(parts, ", ")
}

// askButtons are the "§6 in full" buttons under an answer, one per point
// shown (five at most, one row). Their custom_ids name the version and the
// clause, "pt:<doc>:<number>:f", so they show the clause that was shown,
// after a restart or a reindex too. The clause opens privately for
// whoever presses.
func askButtons(res *index.Result, here *corpus.Document) []discordgo.MessageComponent {
	if res.NoMatch || len(res.Hits) == 0 {
		return nil
	}
	var row []discordgo.MessageComponent
	for _, h := range res.Hits {
		if len(row) == 5 {
			break
		}
		id := pointID(h.Doc.ID, h.Point.Number, fullTag)
		if len(id) > maxCustomID {
			continue
		}
		label := fmt.Sprintf("§%d in full", h.Point.Number)
		if here == nil || h.Doc.ID != here.ID {
			label += " (" + h.Doc.Version + ")"
		}
		row = append(row, discordgo.Button{Label: trim(label, maxButtonLabel), Style: discordgo.SecondaryButton, CustomID: id})
	}
	if len(row) == 0 {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
}

// renderNoMatch says plainly that nothing matched and shows the closest
// passages, labelled as not being an answer.
func renderNoMatch(e *discordgo.MessageEmbed, res *index.Result) *discordgo.MessageEmbed {
	e.Color = colorNoMatch
	e.Description = "No point of the plan matches that question. Try other words, or look a point up by number with `/point`."
	if len(res.Closest) > 0 {
		e.Description += "\nThe closest passages in the reporting are below; they are not an answer."
	}
	var docs []*corpus.Document
	for _, p := range res.Closest[:min(len(res.Closest), maxClosest)] {
		docs = appendDoc(docs, p.Doc)
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  passageName(p),
			Value: quote(p.Text, askPassageChars) + " — *" + citation(p.Doc) + "*",
		})
	}
	if len(docs) > 0 {
		e.Fields = append(e.Fields, sourcesField(docs))
	}
	return fitEmbed(e)
}

// shareButtons is the "Post in channel" button under a private answer.
func shareButtons() []discordgo.MessageComponent {
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Post in channel", Style: discordgo.PrimaryButton, CustomID: shareID},
	}}}
}

// hitName names an /ask result. A clause of the version readers take as
// the default is "Point 6 · Size of Ukraine's armed forces"; a clause of
// another version says which, and which draft point it stands for, since
// its own number means something else in the draft: "20-point framework §4
// · Size of the armed forces (draft point 6)".
func hitName(h *index.Hit, here *corpus.Document) string {
	if (here != nil && h.Doc.ID == here.ID) || (here == nil && h.Doc.Default) {
		return pointName(h.Doc, h.Point, h.Letter, here)
	}
	s := fmt.Sprintf("%s §%d%s · %s", h.Doc.Version, h.Point.Number, h.Letter, h.Point.Title)
	switch len(h.Draft) {
	case 0:
		return s + " (new in this version)"
	case 1:
		return s + fmt.Sprintf(" (draft point %d)", h.Draft[0])
	}
	nums := make([]string, len(h.Draft))
	for i, n := range h.Draft {
		nums[i] = strconv.Itoa(n)
	}
	return s + " (draft points " + strings.Join(nums, ", ") + ")"
}
