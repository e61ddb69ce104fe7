package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/index"
	"github.com/planbot/planbot/internal/snowflake"
)

// ask answers /ask question:<text> [private:<bool>] [target:<user>]: the
// clauses that match, labelled with their version when it is not the
// server's default, a "§N in full" button for each, and 👍 / 👎. With a
// target the answer is addressed to that user, the only one it mentions.
func (h *Handler) ask(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, chosen serverDefault) reply {
	q := strings.Join(strings.Fields(optString(data.Options, "question")), " ")
	q = capRunes(q, maxQuestion)
	private := optBool(data.Options, "private")
	lang := questionLang(nil, q, i.Locale)
	if q == "" {
		lang = localeLang(i.Locale)
		return reply{resp: notice(trf(lang, "Ask me something about the plan, e.g. %s", askExample(lang, "How big can Ukraine's army be?"))), outcome: outcomeUserError}
	}
	target := optString(data.Options, "target")
	if target != "" && !snowflake.Valid(target) {
		return reply{resp: notice(trf(lang, "I can only address an answer to a member of this server; pick one in %s.", "`"+localName(lang, cmdAsk+"/target")+"`")), outcome: outcomeUserError}
	}
	if r, limited := h.rateLimited(i, lang); limited {
		return r
	}
	if isSmallTalk(q) {
		return reply{resp: notice(smallTalkHint(lang, q)), outcome: outcomeNoMatch, attrs: []slog.Attr{slog.Bool("small_talk", true)}}
	}
	ctx, cancel := context.WithTimeout(ctx, h.cfg.Budget)
	defer cancel()
	c := h.cfg.Index.Corpus()
	plan := chosen.plan(c)
	res, err := h.cfg.Index.Search(ctx, q, index.Options{Limit: h.cfg.Hits, Passages: 1, Version: chosen.version(), Lang: searchLang(q, i.Locale)})
	if err != nil {
		return h.searchError(ctx, lang, cmdAsk, err)
	}
	lang = questionLang(res, q, i.Locale)
	h.addCommentary(res)
	noMatch := res.NoMatch || len(res.Hits) == 0
	var components []discordgo.MessageComponent
	outcome := outcomeOK
	if noMatch {
		// honest silence: only the asker sees it, and there is nothing
		// to vote on or to post
		outcome, private = outcomeNoMatch, true
		h.keepUnmatched(ctx, i, q)
	} else {
		components = append(askButtons(lang, res, plan), h.voteButtons(shownPoints(res))...)
		if private {
			components = append(components, shareButtons(lang)...)
		}
		components = h.webLink(lang, components, askPage(res))
	}
	resp := message([]*discordgo.MessageEmbed{renderAsk(lang, res, q, plan, c)}, components, private)
	if !noMatch {
		noteNow(lang, resp, q, c)
	}
	if target != "" {
		resp.Data.Content = addressTo(lang, target, noMatch)
		if !noMatch { // a private no-match pings nobody
			resp.Data.AllowedMentions = onlyMention(target)
		}
	}
	return reply{
		resp:    resp,
		outcome: outcome,
		attrs:   []slog.Attr{slog.Int("hits", len(res.Hits)), slog.Bool("private", private), slog.Bool("targeted", target != ""), slog.String("lang", lang)},
		lang:    lang,
	}
}

// smallTalk is what a greeting or thanks is made of, in English,
// Ukrainian and Russian.
var smallTalk = map[string]bool{
	"привіт": true, "вітаю": true, "добрий": true, "доброго": true, "день": true, "ранку": true, "вечора": true, "всім": true, "усім": true,
	"дякую": true, "дуже": true, "щиро": true, "бувай": true, "ок": true, "гаразд": true, "чудово": true, "бот": true,
	"привет": true, "здравствуйте": true, "доброе": true, "утро": true, "добрый": true, "вечер": true, "всем": true,
	"спасибо": true, "большое": true, "благодарю": true, "пока": true, "отлично": true, "хорошо": true,
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
		return !(r >= 'a' && r <= 'z' || r >= 'а' && r <= 'я' || r == 'і' || r == 'ї' || r == 'є' || r == 'ё' || r == '\'')
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
func smallTalkHint(lang, q string) string {
	help := "`/" + localName(lang, cmdHelp) + "`"
	lq := strings.ToLower(q)
	for _, w := range []string{"thank", "cheers", "дяку", "спасиб", "благодар"} {
		if strings.Contains(lq, w) {
			return trf(lang, "You're welcome! Ask me about any point of the peace plan with %s, or see %s.", "`/"+localName(lang, cmdAsk)+"`", help)
		}
	}
	return trf(lang, "Hi! I answer questions about the US peace plan for Ukraine: try %s or see %s.", askExample(lang, "What happens to Crimea?"), help)
}

// addCommentary gives each point of an answer in Ukrainian or Russian
// the reporting on it. The reporting is in English, so a search in the
// translations finds no passage of it; the point's own commentary, best
// first, stands in, quoted in English as written.
func (h *Handler) addCommentary(res *index.Result) {
	if res.Lang != langUK && res.Lang != langRU {
		return
	}
	for _, hit := range res.Hits {
		if len(hit.Passages) > 0 || hit.Doc == nil || hit.Point == nil {
			continue
		}
		pv, err := h.cfg.Index.Point(hit.Doc.ID, hit.Point.Number)
		if err != nil || len(pv.Commentary) == 0 {
			continue
		}
		hit.Passages = pv.Commentary[:1]
	}
}

// addressTo is the line that addresses an answer to a user: "<@id>, …".
func addressTo(lang, userID string, noMatch bool) string {
	if noMatch {
		// the answer is private: say that the member was not sent it
		return "<@" + userID + ">" + tr(lang, " was sent nothing: no point of the plan matches.")
	}
	return "<@" + userID + ">" + tr(lang, ", here is what the plan says about this:")
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
	if !ok || !snowflake.Valid(id) {
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

// searchError turns an index error into a message for the user: what they
// asked for does not exist, or an apology (and a log line) for our faults.
func (h *Handler) searchError(ctx context.Context, lang, cmd string, err error) reply {
	var re *index.RangeError
	try := trf(lang, "Try %s.", fmt.Sprintf("`/%s %s:14`", localName(lang, cmdPoint), localName(lang, cmdPoint+"/number")))
	switch {
	case errors.As(err, &re):
		return reply{resp: notice(rangeSentence(lang, re) + " " + try), outcome: outcomeUserError}
	case errors.Is(err, index.ErrNoPoint):
		return reply{resp: notice(tr(lang, "There is no such point in the plan.") + " " + try), outcome: outcomeUserError}
	case errors.Is(err, context.DeadlineExceeded):
		h.log.Warn("search took too long", slog.String("cmd", cmd), slog.Any("error", err))
		return reply{resp: notice(tr(lang, "That took me too long to look up. Please try again, perhaps with fewer words.")), outcome: outcomeError}
	}
	h.log.Error("search failed", slog.String("cmd", cmd), slog.Any("error", err))
	return reply{resp: apology(lang), outcome: outcomeError}
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
