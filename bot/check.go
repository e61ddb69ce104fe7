package bot

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// maxCheck caps, in characters, how much of a message "Check against the
// plan" searches with; a message may be 4000 characters long.
const maxCheck = 500

// How much of each part of a check answer to show.
const (
	checkClauseChars = 480 // the clause the message concerns
	checkOtherChars  = 170 // each other version's clause
)

// check answers the "Check against the plan" message command: the text of
// the message it was used on is the question. The answer is private, with
// "Post in channel", and names the clauses the message concerns with their
// text, what the other versions of the plan did with them, the reporting
// and the sources; or says plainly that it concerns no clause.
func (h *Handler) check(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, here serverDefault) reply {
	text := targetText(data)
	q := capRunes(strings.Join(strings.Fields(text), " "), maxCheck)
	terms := strings.Join(strings.Fields(mentions.ReplaceAllString(q, " ")), " ")
	if terms == "" {
		return reply{resp: notice("That message has no text I can check against the plan."), outcome: outcomeUserError}
	}
	if r, limited := h.rateLimited(i); limited {
		return r
	}
	sctx, cancel := context.WithTimeout(ctx, h.cfg.Budget)
	defer cancel()
	// A chat message is not a question to the plan: naming Kyiv or Russia
	// does not make it concern a clause.
	res, err := h.cfg.Index.Search(sctx, terms, index.Options{Limit: h.cfg.Hits, Passages: 1, Strict: true})
	if err != nil {
		return h.searchError(sctx, cmdCheck, err)
	}
	c := h.cfg.Index.Corpus()
	plan := here.plan(c)
	components := append(askButtons(res, plan), h.voteButtons(shownPoints(res))...)
	components = append(components, shareButtons()...)
	outcome := outcomeOK
	if res.NoMatch || len(res.Hits) == 0 {
		outcome = outcomeNoMatch
		h.keepUnmatched(ctx, i, q)
	}
	return reply{
		resp:    message([]*discordgo.MessageEmbed{renderCheck(res, q, plan, c)}, components, true),
		outcome: outcome,
		attrs:   []slog.Attr{slog.Int("hits", len(res.Hits)), slog.Int("chars", length(text))},
	}
}

// mentions matches what Discord turns into mentions, channel links or
// custom emoji: @everyone, @here, <@id>, <@!id>, <@&role>, <#channel>,
// <:name:id>, <t:…>. They say nothing about the plan ("@everyone" would
// match "an amnesty for everyone"), so a check searches without them.
var mentions = regexp.MustCompile(`@(everyone|here)\b|<(@[!&]?|#)\d+>|<a?:\w+:\d+>|<t:-?\d+(:\w)?>`)

// targetText is the text of the message a message command was used on: its
// content, else the title and description of its embeds (a bot's answer).
func targetText(data discordgo.ApplicationCommandInteractionData) string {
	if data.Resolved == nil || data.TargetID == "" {
		return ""
	}
	m := data.Resolved.Messages[data.TargetID]
	if m == nil {
		return ""
	}
	if strings.TrimSpace(m.Content) != "" {
		return m.Content
	}
	var parts []string
	for _, e := range m.Embeds {
		if e != nil {
			parts = append(parts, e.Title, e.Description)
		}
	}
	return strings.Join(parts, " ")
}

// renderCheck renders the answer to "Check against the plan". Its title is
// the message, quoted and escaped (as /ask's is the question, which votes
// read back); each field is a clause the message concerns: its text, what
// the other versions of the plan did with its draft point, and the
// reporting; then the sources.
func renderCheck(res *index.Result, text string, here *corpus.Document, c *corpus.Corpus) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title: "“" + escapeMarkdown(text) + "”",
		Color: colorAnswer,
	}
	if res.NoMatch || len(res.Hits) == 0 {
		renderNoMatch(e, res)
		e.Description = "**This message concerns no clause of the plan:** no point of any version of it matches what the message says. " +
			"Look a point up with `/point` if you think it should."
		if len(res.Closest) > 0 {
			e.Description += "\nThe closest passages in the reporting are below; they are not a clause of the plan."
		}
		e.Footer = &discordgo.MessageEmbedFooter{Text: "Checked against the plan: the 28-point draft and its later versions, as reported."}
		return fitEmbed(e)
	}
	e.Description = "This message concerns " + ifElse(len(res.Hits) == 1, "the clause", "the clauses") +
		" of the plan below: " + ifElse(len(res.Hits) == 1, "its text", "their text") + " as reported, what the other versions of the plan did with " +
		ifElse(len(res.Hits) == 1, "it", "them") + ", and where it was reported. Compare the message with the clause text; " +
		"every version of a draft point, with its sources: `/compare point:<n>`."
	var docs []*corpus.Document
	for _, h := range res.Hits {
		docs = appendDoc(docs, h.Doc)
		var b strings.Builder
		if s := subPoint(h.Point, h.Letter); s != nil {
			fmt.Fprintf(&b, "%s\n**%s.** %s", trim(h.Point.Text, checkClauseChars/3), s.Letter, trim(s.Text, checkClauseChars))
		} else {
			b.WriteString(trim(clauseBody(h.Point), checkClauseChars))
		}
		if lines := otherVersions(h, c); len(lines) > 0 {
			b.WriteString("\n**In the other versions:**\n" + strings.Join(lines, "\n"))
		}
		if len(h.Passages) > 0 {
			p := h.Passages[0]
			docs = appendDoc(docs, p.Doc)
			b.WriteString("\n**What the reporting says:** ")
			b.WriteString(quote(markdown(p.Text, p.Spans), askPassageChars))
			b.WriteString(" — *" + citation(p.Doc) + "*")
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: hitName(h, here), Value: b.String()})
	}
	e.Fields = append(e.Fields, sourcesField(docs))
	e.Footer = &discordgo.MessageEmbedFooter{Text: "Clause texts are summaries in our own words of each version of the plan as it was reported; none was officially published in full."}
	return fitEmbed(e)
}

// subPoint returns the sub-point of p with the given letter, or nil.
func subPoint(p *corpus.Point, letter string) *corpus.SubPoint {
	if letter == "" {
		return nil
	}
	for i := range p.SubPoints {
		if p.SubPoints[i].Letter == letter {
			return &p.SubPoints[i]
		}
	}
	return nil
}

// clauseBody is a clause's text with its sub-points.
func clauseBody(p *corpus.Point) string {
	var b strings.Builder
	b.WriteString(p.Text)
	for _, s := range p.SubPoints {
		fmt.Fprintf(&b, "\n**%s.** %s", s.Letter, s.Text)
	}
	return b.String()
}

// otherVersions says, one line per other plan version, what it did with the
// draft point a hit stands for: its clause, or that it dropped the point,
// or that its reported text lacks it. A clause new in its version has no
// draft point; its lineage (Hit.Also) is listed instead.
func otherVersions(h *index.Hit, c *corpus.Corpus) []string {
	var lines []string
	clause := func(d *corpus.Document, p *corpus.Point) string {
		return fmt.Sprintf("• *%s* §%d: %s", versionLabel(d), p.Number, quote(p.Text, checkOtherChars))
	}
	draft := draftPoints(h)
	if len(draft) == 0 {
		for _, a := range h.Also {
			lines = append(lines, clause(a.Doc, a.Point))
		}
		return lines
	}
	for _, f := range c.Fates(draft[0]) {
		if f.Doc.ID == h.Doc.ID {
			continue
		}
		switch f.Status {
		case corpus.StatusOriginal, corpus.StatusContinued:
			for _, p := range f.Clauses {
				lines = append(lines, clause(f.Doc, p))
			}
		case corpus.StatusDropped:
			lines = append(lines, fmt.Sprintf("• *%s*: dropped", versionLabel(f.Doc)))
		default:
			lines = append(lines, fmt.Sprintf("• *%s*: not in its reported text", versionLabel(f.Doc)))
		}
	}
	return lines
}

// versionLabel names a plan version: its version, else its title.
func versionLabel(d *corpus.Document) string {
	if d.Version != "" {
		return d.Version
	}
	return d.Title
}
