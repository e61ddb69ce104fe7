package bot

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/index"
	"github.com/planbot/planbot/settings"
)

// FeedbackStore keeps the 👍/👎 votes on answers and the questions that
// matched nothing. settings.Store (*settings.SQLite, *settings.Postgres)
// fits.
type FeedbackStore interface {
	// Vote records one press, one vote per voter and answer; it says
	// whether the vote is new, changed or unchanged.
	Vote(ctx context.Context, v settings.Vote) (settings.VoteResult, error)
	// KeepQuestion records a question that matched no point.
	KeepQuestion(ctx context.Context, q settings.KeptQuestion) error
}

// Custom ids of the vote buttons: "vote:u:<points>" for 👍 and
// "vote:d:<points>" for 👎, where <points> are the draft points the answer
// showed, comma-separated ("vote:d:6,21"; empty when it matched nothing).
// The answer voted on is the message the buttons sit under, which Discord
// sends with the press, and its question is read back from that message's
// embed title; so the buttons need no state and work after a restart.
const (
	votePrefix = "vote:"
	voteUp     = "u"
	voteDown   = "d"
)

// Outcomes of a vote press, as logged and passed to Config.Observe under
// the command "vote" (besides rate_limited, user_error and error).
const (
	outcomeVoteNew       = "new"
	outcomeVoteChanged   = "changed"
	outcomeVoteUnchanged = "unchanged"
)

// keepTimeout bounds keeping an unmatched question, which happens before
// the answer is sent and so inside Discord's 3-second window.
const keepTimeout = 500 * time.Millisecond

// votesOn reports whether answers get 👍/👎 buttons: it takes a store to
// record votes in and a key to hash voters with.
func (h *Handler) votesOn() bool {
	return h.cfg.Feedback != nil && len(h.cfg.VoteKey) > 0
}

// voteID is the custom_id of a vote button on an answer that showed points.
func voteID(dir string, points []int) string {
	return pointList(votePrefix+dir+":", points)
}

// pointList is prefix followed by the draft points, comma-separated, as
// many as fit in a custom_id.
func pointList(prefix string, points []int) string {
	var b strings.Builder
	b.WriteString(prefix)
	for i, p := range points {
		s := strconv.Itoa(p)
		if b.Len()+len(s)+1 > maxCustomID {
			break // the first points are the best ones; drop the rest
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s)
	}
	return b.String()
}

// parseVoteID reads a vote button's custom_id.
func parseVoteID(id string) (up bool, points []int, ok bool) {
	rest, found := strings.CutPrefix(id, votePrefix)
	if !found {
		return false, nil, false
	}
	dir, list, found := strings.Cut(rest, ":")
	if !found || (dir != voteUp && dir != voteDown) {
		return false, nil, false
	}
	points, ok = parsePointList(list)
	return dir == voteUp, points, ok
}

// parsePointList reads the draft points of pointList: "" for none.
func parsePointList(list string) (points []int, ok bool) {
	if list == "" {
		return nil, true
	}
	for f := range strings.SplitSeq(list, ",") {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || n > 999 {
			return nil, false
		}
		points = append(points, n)
	}
	return points, true
}

// shownPoints are the draft points an answer showed, best first, each
// once: what a vote on it is about. A clause of a later version counts as
// the draft points it continues; one new in its version counts as none.
func shownPoints(res *index.Result) []int {
	var ps []int
	for _, h := range res.Hits {
		for _, n := range draftPoints(h) {
			if !slices.Contains(ps, n) {
				ps = append(ps, n)
			}
		}
	}
	return ps
}

// draftPoints are the points of the draft a hit stands for: Hit.Draft, or
// the clause's own number when it is of the draft.
func draftPoints(h *index.Hit) []int {
	if len(h.Draft) == 0 && h.Doc != nil && h.Doc.Default && h.Point != nil {
		return []int{h.Point.Number}
	}
	return h.Draft
}

// voteButtons is the 👍 / 👎 row under an answer, or nil when votes are off.
func (h *Handler) voteButtons(points []int) []discordgo.MessageComponent {
	if !h.votesOn() {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "👍", Style: discordgo.SecondaryButton, CustomID: voteID(voteUp, points)},
		discordgo.Button{Label: "👎", Style: discordgo.SecondaryButton, CustomID: voteID(voteDown, points)},
	}}}
}

// vote answers a press of 👍 or 👎: it records one vote per person and
// answer, under a keyed hash of the person rather than their id, and
// acknowledges it privately.
func (h *Handler) vote(ctx context.Context, i *discordgo.Interaction, up bool, points []int) reply {
	lang := messageLang(i)
	if !h.votesOn() {
		return reply{resp: notice(tr(lang, "Votes are not being recorded on this planbot any more. Thanks all the same!")), outcome: outcomeUserError}
	}
	if i.Message == nil || i.Message.ID == "" || userID(i) == "" {
		return reply{resp: notice(tr(lang, "I can't tell which answer that vote is for; please vote on a new answer.")), outcome: outcomeUserError}
	}
	answer := i.Message.ID
	ctx, cancel := context.WithTimeout(ctx, settingsTimeout)
	defer cancel()
	res, err := h.cfg.Feedback.Vote(ctx, settings.Vote{
		AnswerID: answer,
		Voter:    settings.VoterHash(h.cfg.VoteKey, userID(i), answer),
		Up:       up,
		Question: storedQuestion(questionOf(i.Message)),
		Points:   points,
		GuildID:  i.GuildID,
		At:       h.now(),
	})
	thumb := "👎"
	if up {
		thumb = "👍"
	}
	attrs := []slog.Attr{slog.String("answer", answer), slog.Bool("up", up)}
	if err != nil {
		level := slog.LevelError
		if errors.Is(err, settings.ErrBadVote) || errors.Is(err, settings.ErrBadGuild) {
			level = slog.LevelWarn
		} else if _, watched := h.cfg.Feedback.(storeHealth); watched {
			level = slog.LevelDebug // the store logs its failures, throttled
		}
		h.log.LogAttrs(ctx, level, "vote not recorded", append(attrs, slog.Any("error", err))...)
		return reply{resp: notice(tr(lang, "Sorry, I couldn't record your vote just now; please try again in a moment.")), outcome: outcomeError, attrs: attrs}
	}
	attrs = append(attrs, slog.Int("votes_up", res.Up), slog.Int("votes_down", res.Down))
	switch res.Outcome {
	case settings.VoteNew:
		return reply{resp: notice(trf(lang, "Thanks — recorded %s", thumb)), outcome: outcomeVoteNew, attrs: attrs}
	case settings.VoteChanged:
		return reply{resp: notice(trf(lang, "Changed to %s", thumb)), outcome: outcomeVoteChanged, attrs: attrs}
	}
	return reply{resp: notice(tr(lang, "Already counted")), outcome: outcomeVoteUnchanged, attrs: attrs}
}

// questionOf reads the question back from an answer: the title of its
// embed, “as asked”, without the quotes and the escaping that made it
// safe to show; or, when the title had to cut it, the line of the
// description that gives it in full ("*Asked:* …"). It is "" when the
// message has no such title.
func questionOf(m *discordgo.Message) string {
	if m == nil || len(m.Embeds) == 0 || m.Embeds[0] == nil {
		return ""
	}
	e := m.Embeds[0]
	t, ok := strings.CutPrefix(e.Title, "“")
	if !ok {
		return ""
	}
	for _, lang := range []string{langEN, langUK, langRU} {
		if full, ok := strings.CutPrefix(e.Description, tr(lang, askedLabel)); ok {
			t, _, _ = strings.Cut(full, "\n")
			break
		}
	}
	t = strings.TrimSuffix(t, "”")
	return unescapeMarkdown(t)
}

// markdownUnescaper undoes markdownEscaper.
var markdownUnescaper = strings.NewReplacer(
	`\\`, `\`, `\*`, `*`, `\_`, `_`, `\~`, `~`, "\\`", "`", `\|`, `|`,
	`\>`, `>`, `\#`, `#`, `\[`, `[`, `\]`, `]`,
	"@\u200b", `@`, "<\u200b", `<`,
)

// unescapeMarkdown returns the text escapeMarkdown was given.
func unescapeMarkdown(s string) string { return markdownUnescaper.Replace(s) }

// storedQuestion is a question as the feedback store keeps it: without
// mentions, which hold user, role and channel ids and say nothing about
// the plan.
func storedQuestion(q string) string {
	return strings.Join(strings.Fields(mentions.ReplaceAllString(q, " ")), " ")
}

// keepUnmatched keeps a question that matched no point, when the operator
// turned that on (PLANBOT_KEEP_QUESTIONS). A failure is logged; the answer
// goes out all the same.
func (h *Handler) keepUnmatched(ctx context.Context, i *discordgo.Interaction, q string) {
	if !h.cfg.KeepQuestions || h.cfg.Feedback == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, keepTimeout)
	defer cancel()
	err := h.cfg.Feedback.KeepQuestion(ctx, settings.KeptQuestion{Question: storedQuestion(q), GuildID: i.GuildID, At: h.now()})
	if err != nil && !errors.Is(err, settings.ErrEmptyQuestion) {
		level := slog.LevelWarn
		if _, watched := h.cfg.Feedback.(storeHealth); watched {
			level = slog.LevelDebug // the store logs its failures, throttled
		}
		h.log.Log(ctx, level, "keep unmatched question", slog.String("guild", i.GuildID), slog.Any("error", err))
	}
}
