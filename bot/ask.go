package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/index"
)

// ask answers /ask question:<text> [private:<bool>] [target:<user>]: the
// clauses that match, labelled with their version when it is not the
// server's default, a "§N in full" button for each, and 👍 / 👎. With a
// target the answer is addressed to that user, the only one it mentions.
func (h *Handler) ask(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, here serverDefault) reply {
	q := strings.Join(strings.Fields(optString(data.Options, "question")), " ")
	q = capRunes(q, maxQuestion)
	private := optBool(data.Options, "private")
	if q == "" {
		return reply{resp: notice("Ask me something about the plan, e.g. `/ask question: How big can Ukraine's army be?`"), outcome: outcomeUserError}
	}
	target := optString(data.Options, "target")
	if target != "" && !isSnowflake(target) {
		return reply{resp: notice("I can only address an answer to a member of this server; pick one in `target`."), outcome: outcomeUserError}
	}
	if r, limited := h.rateLimited(i); limited {
		return r
	}
	if isSmallTalk(q) {
		return reply{resp: notice(smallTalkHint(q)), outcome: outcomeNoMatch, attrs: []slog.Attr{slog.Bool("small_talk", true)}}
	}
	ctx, cancel := context.WithTimeout(ctx, h.cfg.Budget)
	defer cancel()
	c := h.cfg.Index.Corpus()
	plan := here.plan(c)
	res, err := h.cfg.Index.Search(ctx, q, index.Options{Limit: h.cfg.Hits, Passages: 1, Version: here.version()})
	if err != nil {
		return h.searchError(ctx, cmdAsk, err)
	}
	noMatch := res.NoMatch || len(res.Hits) == 0
	var components []discordgo.MessageComponent
	outcome := outcomeOK
	if noMatch {
		// honest silence: only the asker sees it, and there is nothing
		// to vote on or to post
		outcome, private = outcomeNoMatch, true
		h.keepUnmatched(ctx, i, q)
	} else {
		components = append(askButtons(res, plan), h.voteButtons(shownPoints(res))...)
		if private {
			components = append(components, shareButtons()...)
		}
		components = h.webLink(components, askPage(res))
	}
	resp := message([]*discordgo.MessageEmbed{renderAsk(res, q, plan, c)}, components, private)
	if !noMatch {
		noteNow(resp, q, c)
	}
	if target != "" {
		resp.Data.Content = addressTo(target, noMatch)
		resp.Data.AllowedMentions = onlyMention(target)
	}
	return reply{
		resp:    resp,
		outcome: outcome,
		attrs:   []slog.Attr{slog.Int("hits", len(res.Hits)), slog.Bool("private", private), slog.Bool("targeted", target != "")},
	}
}

// smallTalk is what a greeting or thanks is made of.
var smallTalk = map[string]bool{
	"hi": true, "hello": true, "hey": true, "hiya": true, "yo": true, "sup": true, "gm": true, "morning": true, "evening": true,
	"good": true, "afternoon": true, "night": true, "day": true, "everyone": true, "all": true, "guys": true, "folks": true,
	"there": true, "people": true, "y'all": true, "bot": true, "planbot": true, "thanks": true, "thank": true, "you": true,
	"thx": true, "ty": true, "cheers": true, "much": true, "so": true, "a": true, "lot": true, "bye": true, "ok": true, "okay": true,
	"great": true, "nice": true, "cool": true, "lol": true, "welcome": true, "again": true, "that": true, "was": true,
	"helpful": true, "very": true, "really": true, "awesome": true, "perfect": true, "appreciated": true, "appreciate": true,
	"it": true, "got": true, "thanx": true, "tysm": true, "hallo": true, "howdy": true,
}

// isSmallTalk reports whether a message is only a greeting or thanks
// ("hi", "good morning everyone", "thanks!"), which gets a one-line hint
// instead of a search.
func isSmallTalk(q string) bool {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r == '\'')
	})
	if len(words) == 0 || len(words) > 8 {
		return false
	}
	for _, w := range words {
		if !smallTalk[w] {
			return false
		}
	}
	return true
}

// smallTalkHint is the private one-line answer to a greeting or thanks.
func smallTalkHint(q string) string {
	if strings.Contains(strings.ToLower(q), "thank") || strings.Contains(strings.ToLower(q), "cheers") {
		return "You're welcome! Ask me about any point of the peace plan with `/ask`, or see `/help`."
	}
	return "Hi! I answer questions about the US peace plan for Ukraine: try `/ask question: What happens to Crimea?` or see `/help`."
}

// addressTo is the line that addresses an answer to a user: "<@id>, …".
func addressTo(userID string, noMatch bool) string {
	if noMatch {
		// the answer is private: say that the member was not sent it
		return "<@" + userID + "> was sent nothing: no point of the plan matches."
	}
	return "<@" + userID + ">, here is what the plan says about this:"
}

// addressee returns the user an answer's content is addressed to, from
// its leading "<@id>".
func addressee(content string) (string, bool) {
	rest, ok := strings.CutPrefix(content, "<@")
	if !ok {
		return "", false
	}
	rest = strings.TrimPrefix(rest, "!")
	id, _, ok := strings.Cut(rest, ">")
	if !ok || !isSnowflake(id) {
		return "", false
	}
	return id, true
}

// onlyMention allows the mention of one user and nothing else: the
// message pings that user, and @everyone, roles or other users in it ping
// nobody. discordgo encodes it as {"parse":[],"users":["<id>"],
// "replied_user":false}; replied_user only concerns replies, which planbot
// never sends.
func onlyMention(userID string) *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, Users: []string{userID}}
}

// isSnowflake reports whether s is a Discord id: 1 to 20 digits.
func isSnowflake(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
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
