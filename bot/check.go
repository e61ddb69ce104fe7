package bot

import (
	"context"
	"log/slog"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/index"
)

// maxCheck caps, in characters, how much of a message "Check against the
// plan" searches with; a message may be 4000 characters long.
const maxCheck = 500

// check answers the "Check against the plan" message command: the text of
// the message it was used on is the question. The answer is private, with
// "Post in channel", and names the clauses the message concerns with their
// text, what the other versions of the plan did with them, the reporting
// and the sources; or says plainly that it concerns no clause.
func (h *Handler) check(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, chosen serverDefault) reply {
	text := targetText(data)
	q := capRunes(strings.Join(strings.Fields(text), " "), maxCheck)
	terms := strings.Join(strings.Fields(mentions.ReplaceAllString(q, " ")), " ")
	if terms == "" {
		return reply{resp: notice(tr(localeLang(i.Locale), "That message has no text I can check against the plan.")), outcome: outcomeUserError}
	}
	lang := questionLang(nil, terms, i.Locale)
	if r, limited := h.rateLimited(i, lang); limited {
		return r
	}
	if isSmallTalk(terms) {
		return reply{resp: notice(smallTalkHint(lang, terms)), outcome: outcomeNoMatch, attrs: []slog.Attr{slog.Bool("small_talk", true)}}
	}
	sctx, cancel := context.WithTimeout(ctx, h.cfg.Budget)
	defer cancel()
	// A chat message is not a question to the plan: naming Kyiv or Russia
	// does not make it concern a clause.
	res, err := h.cfg.Index.Search(sctx, terms, index.Options{Limit: h.cfg.Hits, Passages: 1, Strict: true, Version: chosen.version(), Lang: searchLang(terms, i.Locale)})
	if err != nil {
		return h.searchError(sctx, lang, cmdCheck, err)
	}
	lang = questionLang(res, terms, i.Locale)
	h.addCommentary(res)
	c := h.cfg.Index.Corpus()
	plan := chosen.plan(c)
	outcome := outcomeOK
	var components []discordgo.MessageComponent
	if res.NoMatch || len(res.Hits) == 0 {
		// nothing to vote on or to post
		outcome = outcomeNoMatch
		h.keepUnmatched(ctx, i, q)
	} else {
		components = append(askButtons(lang, res, plan), h.voteButtons(shownPoints(res))...)
		components = append(components, shareButtons(lang)...)
	}
	return reply{
		resp:    message([]*discordgo.MessageEmbed{renderCheck(lang, res, q, plan, c)}, components, true),
		outcome: outcome,
		attrs:   []slog.Attr{slog.Int("hits", len(res.Hits)), slog.Int("chars", length(text)), slog.String("lang", lang)},
		lang:    lang,
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
