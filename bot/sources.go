package bot

import (
	"log/slog"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
)

// sources answers /sources [version:<plan or document>]: the list of
// documents, or the page of the one named, with ◀ previous / next ▶
// through every document and source.
func (h *Handler) sources(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) reply {
	lang := localeLang(i.Locale)
	if r, limited := h.rateLimited(i, lang); limited {
		return r
	}
	c := h.cfg.Index.Corpus()
	n := 0
	if v := capRunes(strings.TrimSpace(optString(data.Options, "version")), 100); v != "" {
		n = docPage(c, documentID(c, v))
		if n < 0 {
			return reply{resp: notice(trf(lang, "There is no document or plan version “%s”. Versions: %s.",
				escapeMarkdown(v), versionList(lang, c))), outcome: outcomeUserError}
		}
	}
	return reply{
		resp:    message([]*discordgo.MessageEmbed{renderSources(lang, c, n)}, sourcesButtons(lang, c, n), false),
		lang:    lang,
		outcome: outcomeOK,
		attrs:   []slog.Attr{slog.Int("page", n)},
	}
}

// documentID is the id of the document v names: a plan version as
// /point takes it, else a document id.
func documentID(c *corpus.Corpus, v string) string {
	if d := planIn(c, v); d != nil {
		return d.ID
	}
	return v
}

// sourcesButton answers ◀ previous / next ▶ under /sources (the message
// moves to page n) and "All sources" or "About this version" under an
// answer (page n opens privately).
func (h *Handler) sourcesButton(i *discordgo.Interaction, n int, tag string) reply {
	lang := messageLang(i)
	if r, limited := h.rateLimited(i, lang); limited {
		return r
	}
	c := h.cfg.Index.Corpus()
	n = min(n, sourcesPageCount(c)-1)
	embeds, buttons := []*discordgo.MessageEmbed{renderSources(lang, c, n)}, sourcesButtons(lang, c, n)
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: messageData(embeds, buttons, false)}
	if tag == fullTag {
		resp = message(embeds, buttons, true)
	}
	return reply{resp: resp, outcome: outcomeOK, attrs: []slog.Attr{slog.Int("page", n)}, lang: lang}
}

// moreReporting answers "More reporting": the passages of reporting on
// the draft points an answer showed, privately, under the answer budget.
func (h *Handler) moreReporting(i *discordgo.Interaction, points []int) reply {
	lang := messageLang(i)
	if r, limited := h.rateLimited(i, lang); limited {
		return r
	}
	c := h.cfg.Index.Corpus()
	draft := c.DefaultPlan()
	if draft == nil {
		return reply{resp: notice(tr(lang, "There is no draft plan to find reporting on.")), outcome: outcomeUserError}
	}
	var views []pointReporting
	for _, n := range points[:min(len(points), 3)] {
		pv, err := h.cfg.Index.Point(draft.ID, n)
		if err != nil {
			continue // a point gone after a reindex
		}
		views = append(views, pointReporting{pv.Point, pv.Commentary})
	}
	return reply{
		resp:    message([]*discordgo.MessageEmbed{renderReporting(lang, views)}, nil, true),
		outcome: outcomeOK,
		attrs:   []slog.Attr{slog.Int("points", len(views))},
		lang:    lang,
	}
}
