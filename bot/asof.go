package bot

import (
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
)

// asOfLabel starts the footer note that says how far the reporting goes.
const asOfLabel = "Reporting up to "

// asOfNote is "Reporting up to 22 Mar 2026": the date of the corpus's
// newest document. Answers show it so that readers take the corpus's
// silence about later events for what it is, the end of the reporting,
// not a sign that nothing happened. It is "" for a corpus without dates.
func asOfNote(c *corpus.Corpus) string {
	if c == nil || c.AsOf() == "" {
		return ""
	}
	return asOfLabel + humanDate(c.AsOf())
}

// noteAsOf ends the footer of every answer embed of resp (an answer, a
// point, a comparison, /help, /sources; not notices or errors) with
// asOfNote, replacing the note of an answer it re-posts.
func noteAsOf(resp *discordgo.InteractionResponse, c *corpus.Corpus) {
	note := asOfNote(c)
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
		text := e.Footer.Text
		if i := strings.LastIndex(text, asOfLabel); i >= 0 {
			text = strings.TrimSuffix(strings.TrimRight(text[:i], " "), "·")
			text = strings.TrimRight(text, " ")
		}
		if text != "" {
			text += " · "
		}
		e.Footer.Text = text + note
		fitEmbed(e)
	}
}
