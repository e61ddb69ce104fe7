package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// renderAsk renders the answer to /ask: one field per point (three at
// most) headed by the clause the index chose (the server's version, else
// the one the question names, else the draft), with the sentence that
// matched, one line per other version saying what it did with the point,
// and at most one passage of reporting, each passage quoted once in the
// answer. The sources, the rest of the reporting and the other versions in
// full are behind buttons (askButtons). serverPlan is the version the
// server reads by default (nil for the draft); a clause of another
// version is labelled with its version. Everything but the quoted
// reporting is in lang.
func renderAsk(lang string, res *index.Result, question string, serverPlan *corpus.Document, c *corpus.Corpus) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: questionTitle(question), Color: colorAnswer}
	if res.NoMatch || len(res.Hits) == 0 {
		return renderNoMatch(lang, e, question)
	}
	e.Description = asked(lang, question)
	if res.Ref != nil {
		e.Description += trf(lang, "Point %d%s, as you named it.", res.Ref.Number, letterIn(lang, res.Ref.Letter))
	}
	e.Fields = hitFields(lang, res.Hits, serverPlan, c)
	e.Footer = hitsFooter(lang, res.Hits)
	return fitEmbed(e)
}

// questionTitle is a question or message quoted as an embed title, cut to
// one line at Discord's width.
func questionTitle(q string) string {
	return "“" + escapeMarkdown(trim(strings.Join(strings.Fields(q), " "), titleChars)) + "”"
}

// askedLabel opens the line that gives a question in full when the title
// had to cut it; votes read the question back from it (questionOf), in
// any of the languages.
const askedLabel = "*Asked:* "

// asked is the line giving a question in full, "" when the title holds it
// whole.
func asked(lang, q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if trim(q, titleChars) == q {
		return ""
	}
	return tr(lang, askedLabel) + escapeMarkdown(q) + "\n"
}

// hitFields are the fields of an answer's points, /ask's and Check
// against the plan's alike: the headline clause, what the other versions
// did with it, and the passage of reporting that fits it best.
func hitFields(lang string, hits []*index.Hit, serverPlan *corpus.Document, c *corpus.Corpus) []*discordgo.MessageEmbedField {
	passages := passageOwners(hits)
	cited := map[string]bool{}
	var fields []*discordgo.MessageEmbedField
	for i, h := range hits {
		var b strings.Builder
		if h.Letter != "" {
			fmt.Fprintf(&b, "**%s.** ", letterIn(lang, h.Letter))
		}
		max := otherMatchChars
		if i == 0 {
			max = matchChars
		}
		b.WriteString(matchMarkdown(lang, h, max))
		for _, l := range otherVersions(lang, h, c) {
			b.WriteString("\n" + l)
		}
		if p := passages[i]; p != nil {
			b.WriteString("\n" + reporting(lang, p, passageChars, cited))
		}
		fields = append(fields, &discordgo.MessageEmbedField{Name: hitName(lang, h, serverPlan), Value: b.String()})
	}
	return fields
}

// hitsFooter is the footer under an answer's points: the version and its
// date when they are all of one version, else that the texts are
// summaries.
func hitsFooter(lang string, hits []*index.Hit) *discordgo.MessageEmbedFooter {
	for _, h := range hits[1:] {
		if h.Doc.ID != hits[0].Doc.ID {
			return summariesFooter(lang)
		}
	}
	return planFooter(lang, hits[0].Doc)
}

// otherVersions says, one short line per other plan version, what it did
// with the point a hit stands for: its clause in a few words (the sentence
// the index chose for the question, else the start of the clause),
// *dropped*, or *not in the reported text*. The index says it in Hit.Also;
// without that, the line comes from the fates of the draft point.
func otherVersions(lang string, h *index.Hit, c *corpus.Corpus) []string {
	var lines []string
	if len(h.Also) > 0 {
		for i := 0; i < len(h.Also); {
			a := h.Also[i]
			if a.Point == nil {
				lines = append(lines, fateLine(lang, a.Doc, fateWords(lang, corpus.Fate{Status: a.Status})))
				i++
				continue
			}
			ps, text := []*corpus.Point{a.Point}, a.Gist
			if text == "" {
				text = inOneLine(lang, a.Point)
			}
			for i++; i < len(h.Also) && h.Also[i].Doc == a.Doc && h.Also[i].Point != nil; i++ {
				ps = append(ps, h.Also[i].Point)
			}
			lines = append(lines, clauseLine(lang, a.Doc, ps, text))
		}
		return lines
	}
	draft := draftPoints(h)
	if len(draft) == 0 || c == nil {
		return nil
	}
	for _, f := range c.Fates(draft[0]) {
		if f.Doc.ID == h.Doc.ID {
			continue
		}
		switch f.Status {
		case corpus.StatusOriginal, corpus.StatusContinued:
			lines = append(lines, clauseLine(lang, f.Doc, f.Clauses, inOneLine(lang, f.Clauses[0])))
		default:
			lines = append(lines, fateLine(lang, f.Doc, fateWords(lang, f)))
		}
	}
	return lines
}

// clauseLine is another version's line for its clauses ps, in a few words
// of text: "• 20-point framework §4: Ukraine keeps armed forces of…".
func clauseLine(lang string, d *corpus.Document, ps []*corpus.Point, text string) string {
	var nums []string
	for _, p := range ps {
		nums = append(nums, "§"+strconv.Itoa(p.Number))
	}
	head := fmt.Sprintf("• %s %s: ", escapeMarkdown(versionLabel(lang, d)), strings.Join(nums, ", "))
	return head + plainMarkdown(text, max(30, lineChars-length(head)))
}

// fateLine is another version's line when it has no clause for the point:
// "• 20-point framework: *not in the reported text*".
func fateLine(lang string, d *corpus.Document, words string) string {
	return fmt.Sprintf("• %s: *%s*", escapeMarkdown(versionLabel(lang, d)), words)
}

// fateWords says in lang what a version did with a draft point:
// "continued as §4 and §5", "dropped", "not in the reported text".
func fateWords(lang string, f corpus.Fate) string {
	switch f.Status {
	case corpus.StatusOriginal:
		return tr(lang, "original")
	case corpus.StatusContinued:
		nums := make([]string, len(f.Clauses))
		for i, c := range f.Clauses {
			nums[i] = "§" + strconv.Itoa(c.Number)
		}
		if len(nums) == 1 {
			return trf(lang, "continued as %s", nums[0])
		}
		return trf(lang, "continued as %s", strings.Join(nums[:len(nums)-1], ", ")+tr(lang, " and ")+nums[len(nums)-1])
	case corpus.StatusDropped:
		return tr(lang, "dropped")
	}
	return tr(lang, "not in the reported text")
}

// inOneLine is a clause's text and sub-points in lang as one line, for a
// few words of it: "The territorial settlement: (a) Crimea, Luhansk and …".
func inOneLine(lang string, p *corpus.Point) string {
	_, s, subs := p.In(lang)
	for _, sp := range subs {
		s += " (" + letterIn(lang, sp.Letter) + ") " + sp.Text
	}
	return s
}

// Custom ids of the buttons under an answer that open more of it
// privately: "rep:<draft points>" the reporting on the points shown,
// comma-separated like a vote's. "Compare versions" is a compare button
// (compareID with fullTag) and "All sources" a sources one.
const reportingPrefix = "rep:"

// reportingID is the custom_id of "More reporting" on draft points ps.
func reportingID(ps []int) string { return pointList(reportingPrefix, ps) }

// parseReportingID reads a "More reporting" custom_id.
func parseReportingID(id string) ([]int, bool) {
	ps, ok := parsePointList(strings.TrimPrefix(id, reportingPrefix))
	return ps, ok && len(ps) > 0
}

// askButtons are the buttons under an answer: a "§6 in full" button per
// point shown, whose custom_id names the version and the clause
// ("pt:<doc>:<number>:f") so it shows the clause that was shown after a
// restart or a reindex too; then "Compare versions" of the first point,
// "More reporting" on the points and "All sources". Each opens privately
// for whoever presses. An answer that matched nothing has none.
func askButtons(lang string, res *index.Result, serverPlan *corpus.Document) []discordgo.MessageComponent {
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
		label := trf(lang, "§%d in full", h.Point.Number)
		if serverPlan == nil || h.Doc.ID != serverPlan.ID {
			label += " (" + versionLabel(lang, h.Doc) + ")"
		}
		row = append(row, discordgo.Button{Label: trim(label, maxButtonLabel), Style: discordgo.SecondaryButton, CustomID: id})
	}
	var more []discordgo.MessageComponent
	if ps := shownPoints(res); len(ps) > 0 {
		more = append(more, discordgo.Button{Label: tr(lang, "Compare versions"), Style: discordgo.SecondaryButton, CustomID: compareID(ps[0], fullTag)})
		if hasReporting(res) {
			more = append(more, discordgo.Button{Label: tr(lang, "More reporting"), Style: discordgo.SecondaryButton, CustomID: reportingID(ps)})
		}
	}
	more = append(more, allSourcesButton(lang))
	var rows []discordgo.MessageComponent
	if len(row) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: row})
	}
	return append(rows, discordgo.ActionsRow{Components: more})
}

// noMatchWords open every answer that matched no point.
const noMatchWords = "No point of the plan matches"

// hasReporting reports whether any point of an answer has reporting on
// it, which "More reporting" would show.
func hasReporting(res *index.Result) bool {
	for _, h := range res.Hits {
		if len(h.Passages) > 0 {
			return true
		}
	}
	return false
}

// renderNoMatch says plainly that no point matches, with two questions
// that do and /help. It quotes no reporting: a passage near a chat
// message is not an answer to it.
func renderNoMatch(lang string, e *discordgo.MessageEmbed, question string) *discordgo.MessageEmbed {
	e.Color = colorNoMatch
	e.Description = asked(lang, question) + tr(lang, noMatchWords) +
		tr(lang, ". I answer questions about the clauses of the US peace plan for Ukraine and its later versions, e.g.\n") +
		askExample(lang, "How big can Ukraine's army be?") + "\n" + askExample(lang, "What happens to Crimea?") + "\n" +
		trf(lang, "More in %s.", "`/"+localName(lang, cmdHelp)+"`")
	return fitEmbed(e)
}

// askExample is "`/ask question: <q>`" in lang: the command and option
// names as the picker shows them to a member whose Discord is in lang.
func askExample(lang, q string) string {
	return "`/" + localName(lang, cmdAsk) + " " + localName(lang, cmdAsk+"/question") + ": " + tr(lang, q) + "`"
}

// hitName names an /ask result. A clause of the version readers take as
// the default is "Point 6 · Size of Ukraine's armed forces"; a clause of
// another version says which, and which draft point it stands for, since
// its own number means something else in the draft: "20-point framework §4
// · Size of the armed forces (draft point 6)".
func hitName(lang string, h *index.Hit, serverPlan *corpus.Document) string {
	if (serverPlan != nil && h.Doc.ID == serverPlan.ID) || (serverPlan == nil && h.Doc.Default) {
		return pointName(lang, h.Doc, h.Point, letterIn(lang, h.Letter), serverPlan)
	}
	title, _, _ := h.Point.In(lang)
	s := fmt.Sprintf("%s §%d%s · %s", versionLabel(lang, h.Doc), h.Point.Number, letterIn(lang, h.Letter), title)
	switch len(h.Draft) {
	case 0:
		return s + tr(lang, " (new in this version)")
	case 1:
		return s + trf(lang, " (draft point %d)", h.Draft[0])
	}
	nums := make([]string, len(h.Draft))
	for i, n := range h.Draft {
		nums[i] = strconv.Itoa(n)
	}
	return s + trf(lang, " (draft points %s)", strings.Join(nums, ", "))
}

// shareButtons is the "Post in channel" button under a private answer.
func shareButtons(lang string) []discordgo.MessageComponent {
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: tr(lang, "Post in channel"), Style: discordgo.PrimaryButton, CustomID: shareID},
	}}}
}
