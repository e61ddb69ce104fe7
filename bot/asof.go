package bot

import (
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// asOfNote is "Reporting up to 22 Mar 2026": the date of the corpus's
// newest document. Answers show it so that readers take the corpus's
// silence about later events for what it is, the end of the reporting,
// not a sign that nothing happened. It is "" for a corpus without dates.
func asOfNote(lang string, c *corpus.Corpus) string {
	if c == nil || c.AsOf() == "" {
		return ""
	}
	return trf(lang, "Reporting up to %s", humanDate(lang, c.AsOf()))
}

// isAsOfNote tells a footer part made by asOfNote, in any language.
func isAsOfNote(part string) bool {
	for _, lang := range []string{langEN, langUK, langRU} {
		if strings.HasPrefix(part, strings.TrimSuffix(tr(lang, "Reporting up to %s"), "%s")) {
			return true
		}
	}
	return false
}

// noteAsOf ends the footer of every answer embed of resp (an answer, a
// point, a comparison, /help, /sources; not notices or errors) with
// asOfNote, replacing the note of an answer it re-posts.
func noteAsOf(lang string, resp *discordgo.InteractionResponse, c *corpus.Corpus) {
	note := asOfNote(lang, c)
	if note == "" || resp == nil || resp.Data == nil {
		return
	}
	for _, e := range resp.Data.Embeds {
		if e == nil || (e.Color != colorAnswer && e.Color != colorNoMatch) {
			continue
		}
		if e.Footer == nil {
			e.Footer = &discordgo.MessageEmbedFooter{}
		}
		// the as-of note stays: the parts before it go from the last,
		// the first (the version, or the server's note) never
		var parts []string
		for _, p := range footerParts(e.Footer.Text) {
			if !isAsOfNote(p) { // an answer re-posted carries the old one
				parts = append(parts, p)
			}
		}
		for len(parts) > 1 && length(strings.Join(append(parts, note), " · ")) > footerBudget {
			parts = parts[:len(parts)-1]
		}
		e.Footer = footer(append(parts, note)...)
		fitEmbed(e)
	}
}

// noteNow starts the description of an answer to a question about the
// present ("is there a ceasefire now?") with what it can and cannot say:
// the newest reporting comes first, and it ends on the as-of date.
func noteNow(lang string, resp *discordgo.InteractionResponse, question string, c *corpus.Corpus) {
	if resp == nil || resp.Data == nil || len(resp.Data.Embeds) == 0 || c == nil || c.AsOf() == "" || !index.AboutNow(question) {
		return
	}
	e := resp.Data.Embeds[0]
	note := "*" + trf(lang, "You asked about the present: the newest reporting comes first. It ends on %s; later events are not covered.", humanDate(lang, c.AsOf())) + "*"
	if e.Description != "" {
		note += "\n" + e.Description
	}
	e.Description = note
	fitEmbed(e)
}
