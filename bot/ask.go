package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/index"
)

// ask answers /ask question:<text> [private:<bool>]: the clauses that
// match, labelled with their version when it is not the server's default,
// and a "§N in full" button for each.
func (h *Handler) ask(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, here serverDefault) reply {
	q := strings.Join(strings.Fields(optString(data.Options, "question")), " ")
	q = capRunes(q, maxQuestion)
	private := optBool(data.Options, "private")
	if q == "" {
		return reply{resp: notice("Ask me something about the plan, e.g. `/ask question: How big can Ukraine's army be?`"), outcome: outcomeUserError}
	}
	if r, limited := h.rateLimited(i); limited {
		return r
	}
	ctx, cancel := context.WithTimeout(ctx, h.cfg.Budget)
	defer cancel()
	res, err := h.cfg.Index.Search(ctx, q, index.Options{Limit: h.cfg.Hits, Passages: 1})
	if err != nil {
		return h.searchError(ctx, cmdAsk, err)
	}
	plan := here.plan(h.cfg.Index.Corpus())
	components := askButtons(res, plan)
	if private {
		components = append(components, shareButtons()...)
	}
	outcome := outcomeOK
	if res.NoMatch || len(res.Hits) == 0 {
		outcome = outcomeNoMatch
	}
	return reply{
		resp:    message([]*discordgo.MessageEmbed{renderAsk(res, q, plan)}, components, private),
		outcome: outcome,
		attrs:   []slog.Attr{slog.Int("hits", len(res.Hits)), slog.Bool("private", private)},
	}
}

// searchError turns an index error into a message for the user: what they
// asked for does not exist, or an apology (and a log line) for our faults.
func (h *Handler) searchError(ctx context.Context, cmd string, err error) reply {
	var re *index.RangeError
	switch {
	case errors.As(err, &re):
		return reply{resp: notice(sentence(re.Error()) + " Try `/point number:14`."), outcome: outcomeUserError}
	case errors.Is(err, index.ErrNoPoint):
		return reply{resp: notice("There is no such point in the plan. Try `/point number:14`."), outcome: outcomeUserError}
	case errors.Is(err, context.DeadlineExceeded):
		h.log.Warn("search took too long", slog.String("cmd", cmd), slog.Any("error", err))
		return reply{resp: notice("That took me too long to look up. Please try again, perhaps with fewer words."), outcome: outcomeError}
	}
	h.log.Error("search failed", slog.String("cmd", cmd), slog.Any("error", err))
	return reply{resp: apology(), outcome: outcomeError}
}

// sentence capitalises s and ends it with a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
