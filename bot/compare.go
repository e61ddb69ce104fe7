package bot

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// comparePrefix starts the custom_id of a /compare button,
// "cmp:<draft point>:<p|n>": like a point button it names what to show, so
// it keeps working after a restart or a reindex.
const comparePrefix = "cmp:"

// compareID is the custom_id of a button comparing draft point n.
func compareID(n int, tag string) string {
	return comparePrefix + strconv.Itoa(n) + ":" + tag
}

// parseCompareID reads a compare button's custom_id.
func parseCompareID(id string) (n int, ok bool) {
	parts := strings.Split(strings.TrimPrefix(id, comparePrefix), ":")
	if len(parts) != 2 {
		return 0, false
	}
	n, err := strconv.Atoi(parts[0])
	return n, err == nil && n > 0
}

// compare answers /compare point:<int>.
func (h *Handler) compare(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) reply {
	n, ok := optInt(data.Options, "point")
	if !ok || n < 1 {
		return reply{resp: notice("Give the number of a point of the draft, e.g. `/compare point:6`."), outcome: outcomeUserError}
	}
	if r, limited := h.rateLimited(i); limited {
		return r
	}
	cmp, r, ok := h.compared(n)
	if !ok {
		return r
	}
	return reply{
		resp:    message([]*discordgo.MessageEmbed{renderCompare(cmp)}, h.webLink(compareButtons(cmp.Draft, n), comparePage(n)), false),
		outcome: outcomeOK,
		attrs:   []slog.Attr{slog.Int("point", n), slog.Int("versions", len(cmp.Fates))},
	}
}

// compared fetches a comparison, or the reply that explains why it cannot.
func (h *Handler) compared(n int) (*index.Comparison, reply, bool) {
	cmp, err := h.cfg.Index.Compare(n)
	if err == nil {
		return cmp, reply{}, true
	}
	var re *index.RangeError
	if errors.As(err, &re) {
		return nil, reply{resp: notice(sentence(re.Error()) + " `/compare` takes the number of a point of the draft."), outcome: outcomeUserError}, false
	}
	if errors.Is(err, index.ErrNoPoint) {
		return nil, reply{resp: notice("There is no draft plan to compare with."), outcome: outcomeUserError}, false
	}
	h.log.Error("compare failed", slog.Int("point", n), slog.Any("error", err))
	return nil, reply{resp: apology(), outcome: outcomeError}, false
}

// compareButton answers a press of ◀ previous / next ▶ under /compare: the
// message is updated to the other draft point.
func (h *Handler) compareButton(i *discordgo.Interaction, n int) reply {
	if r, limited := h.rateLimited(i); limited {
		return r
	}
	cmp, r, ok := h.compared(n)
	if !ok {
		return r
	}
	return reply{
		resp: &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseUpdateMessage,
			Data: messageData([]*discordgo.MessageEmbed{renderCompare(cmp)}, h.webLink(compareButtons(cmp.Draft, n), comparePage(n)), false),
		},
		outcome: outcomeOK,
		attrs:   []slog.Attr{slog.Int("point", n)},
	}
}

// compareButtons returns "◀ previous" and "next ▶" through the points of
// the draft.
func compareButtons(draft *corpus.Document, n int) []discordgo.MessageComponent {
	return navButtons(draft.Numbers(), n, compareID)
}

// How much room the parts of a version's field get.
const (
	compareSourceChars = 520 // the version's sources, under its clauses
	compareMinText     = 200 // never cut a clause shorter than this
)

// renderCompare renders /compare: one field per plan version, oldest first,
// with the clauses continuing the draft point (or that it was dropped, or
// is not in the reported text) and the version's sources; then the
// commentary linked to the point.
func renderCompare(cmp *index.Comparison) *discordgo.MessageEmbed {
	p, draft := cmp.Point, cmp.Draft
	e := &discordgo.MessageEmbed{
		Title: fmt.Sprintf("Point %d · %s: version by version", p.Number, p.Title),
		Description: fmt.Sprintf("What became of point %d of the *%s* in each version of the plan, oldest first. "+
			"Clause texts are summaries: compare what they say, not their wording.",
			p.Number, draft.Version),
		Color: colorAnswer,
	}
	for _, f := range cmp.Fates[:min(len(cmp.Fates), maxFields-maxCommentary-1)] {
		e.Fields = append(e.Fields, fateField(f))
	}
	var docs []*corpus.Document
	for _, c := range cmp.Commentary[:min(len(cmp.Commentary), maxCommentary)] {
		docs = appendDoc(docs, c.Doc)
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  "What the reporting says: " + passageName(c),
			Value: quote(markdown(c.Text, c.Spans), askPassageChars) + " — *" + citation(c.Doc) + "*",
		})
	}
	if len(cmp.Commentary) > maxCommentary {
		e.Fields[len(e.Fields)-1].Value += fmt.Sprintf("\n*…and %s in the reporting.*", plural(len(cmp.Commentary)-maxCommentary, "more passage"))
	}
	if len(docs) > 0 {
		f := sourcesField(docs)
		f.Name = "Sources of the reporting"
		e.Fields = append(e.Fields, f)
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Point %d of the %s · %s · see one version in full with /point",
		p.Number, draft.Version, plural(len(cmp.Fates), "plan version"))}
	return fitEmbed(e)
}

// fateField is one version's field of /compare.
func fateField(f corpus.Fate) *discordgo.MessageEmbedField {
	d := f.Doc
	name := d.Version
	if name == "" {
		name = d.Title
	}
	name += " · " + humanDate(d.Date) + " — " + f.Words()

	sources := versionSources(d, compareSourceChars)
	room := max(compareMinText, maxFieldValue-length(sources)-2)

	var body string
	switch f.Status {
	case corpus.StatusOriginal, corpus.StatusContinued:
		per := max(compareMinText, room/max(len(f.Clauses), 1)-2)
		var parts []string
		for _, c := range f.Clauses {
			parts = append(parts, trim(clauseText(c), per))
		}
		body = strings.Join(parts, "\n\n")
	case corpus.StatusDropped:
		body = "Dropped: this version lists the point as removed."
	default:
		body = "Not in the reported text: the sources of this version do not give this part of it, which does not mean it was removed."
	}
	value := body
	if sources != "" {
		value += "\n\n" + sources
	}
	return &discordgo.MessageEmbedField{Name: name, Value: value}
}

// maxVersionSources is how many sources of a version /compare lists; the
// rest are in /sources.
const maxVersionSources = 3

// versionSources lists up to maxVersionSources sources of a plan version in
// at most max characters, skipping those whose links are too long to fit,
// and counts the rest.
func versionSources(d *corpus.Document, max int) string {
	if len(d.Sources) == 0 {
		return ""
	}
	head := "*Sources:*"
	var lines []string
	used := length(head)
	for _, s := range d.Sources {
		if len(lines) == maxVersionSources {
			break
		}
		s.Name = trim(s.Name, 90)
		line := "• " + sourceLine(s)
		// room for this line and the "…and N more" line after it
		if used+1+length(line)+1+length(moreSources(len(d.Sources))) > max {
			continue
		}
		lines = append(lines, line)
		used += 1 + length(line)
	}
	if rest := len(d.Sources) - len(lines); rest > 0 {
		lines = append(lines, moreSources(rest))
	}
	return head + "\n" + strings.Join(lines, "\n")
}

// moreSources is the line counting the sources left out.
func moreSources(n int) string {
	return fmt.Sprintf("…and %s in `/sources`", plural(n, "more source"))
}

// clauseText is a clause in full for a field: its number and title in bold,
// then its text and sub-points. A clause that continues several draft
// points says so.
func clauseText(p *corpus.Point) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**§%d · %s**", p.Number, p.Title)
	if len(p.Was) > 1 {
		fmt.Fprintf(&b, " *(continues draft points %s)*", joinInts(p.Was))
	}
	if p.Text != "" {
		b.WriteString("\n" + p.Text)
	}
	for _, s := range p.SubPoints {
		fmt.Fprintf(&b, "\n**%s.** %s", s.Letter, s.Text)
	}
	return b.String()
}
