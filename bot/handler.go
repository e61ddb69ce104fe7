package bot

import (
	"context"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// Searcher is what the handlers read from the index. *index.Live fits.
type Searcher interface {
	Search(ctx context.Context, q string, opt index.Options) (*index.Result, error)
	Point(version string, n int) (*index.PointView, error)
	Compare(n int) (*index.Comparison, error)
	Corpus() *corpus.Corpus
}

// Reloader rebuilds the index from the corpus folder and swaps it in,
// leaving the old one serving when that fails. *index.Live fits.
type Reloader interface {
	Reload(ctx context.Context) (*index.ReloadReport, error)
}

// Config is what a Handler needs; only Index is required.
type Config struct {
	Index Searcher
	// Reloader serves /reindex; nil makes /reindex say it is unavailable.
	Reloader Reloader
	// Fleet, when set, announces the corpus to the other replicas after
	// a successful /reindex and the reply says which serve it.
	Fleet Fleet
	// Settings keeps each server's default plan version for /settings;
	// nil makes /settings say it is unavailable and every server use the
	// corpus's default plan.
	Settings VersionStore
	// AdminRole is a role id whose members may run /reindex besides those
	// with the Manage Server or Administrator permission.
	AdminRole string
	// ReindexGuilds, when not empty, are the only servers (ids) whose
	// admins may run /reindex: the index is the whole process's, and
	// anyone can make a server and invite a public bot to it.
	ReindexGuilds []string
	// ReindexCooldown is how long after a /reindex the same server must
	// wait before the next (default one minute).
	ReindexCooldown time.Duration
	// Logger receives one line per interaction; nil discards.
	Logger *slog.Logger
	// RateBurst answers per RateWindow are allowed to each user
	// (defaults 4 per 10 s).
	RateBurst  int
	RateWindow time.Duration
	// Hits is how many points /ask shows: 1 to 3 (default and most 3,
	// which an answer's budget holds).
	Hits int
	// Budget bounds the work of one immediate answer, inside Discord's
	// 3-second window (default 2 s).
	Budget time.Duration
	// Feedback records the 👍/👎 votes on answers and, with KeepQuestions,
	// the questions that matched nothing; nil (or an empty VoteKey) shows
	// no vote buttons and keeps nothing.
	Feedback FeedbackStore
	// VoteKey is the secret key of settings.VoterHash, which stands for a
	// voter in the store instead of their user id.
	VoteKey []byte
	// KeepQuestions keeps the questions answered with "no point of the
	// plan matches" in Feedback (PLANBOT_KEEP_QUESTIONS; off by default).
	KeepQuestions bool
	// ChangelogChannel, when set with Poster, is the channel id where a
	// successful /reindex that changed something posts what changed.
	ChangelogChannel string
	// Poster sends the changelog post through Discord's REST API; a
	// *discordgo.Session with a bot token fits.
	Poster ChannelPoster
	// PublicURL is where the web pages are served (PLANBOT_PUBLIC_URL);
	// when set, answers about a point and /compare carry a "Read on the
	// web" link button to the point's page (weblink.go).
	PublicURL string
	// Observe, when set, is called once per interaction with the command
	// ("ask", "check", "point", "button", "vote", "autocomplete", ...), its
	// outcome ("ok", "no_match", "user_error", "refused", "rate_limited",
	// "error", "panic", "deferred"; for "vote": "new", "changed",
	// "unchanged") and the handling time; and once more, as "<cmd>_done"
	// ("reindex_done"), when a deferred reply is finished, with the time
	// the deferred work took. It is the hook for metrics.
	Observe func(cmd, outcome string, took time.Duration)
}

// maxHits is the most points an answer shows.
const maxHits = 3

// Handler answers interactions. It is safe for concurrent use and knows no
// transport: an interaction goes in, a response comes out.
type Handler struct {
	cfg     Config
	log     *slog.Logger
	limiter *rateLimiter
	now     func() time.Time
	// reindexed is when each server last started a /reindex.
	reindexed *cooldowns
}

// Deferred finishes a reply that was deferred: the transport sends the
// deferral response first, then calls the Deferred and edits the original
// response with the edit it returns. It never returns nil.
type Deferred func(ctx context.Context) *discordgo.WebhookEdit

// Outcomes of an interaction, as logged and passed to Config.Observe.
const (
	outcomeOK          = "ok"
	outcomeNoMatch     = "no_match"
	outcomeUserError   = "user_error"
	outcomeRefused     = "refused"
	outcomeRateLimited = "rate_limited"
	outcomeError       = "error"
	outcomePanic       = "panic"
	outcomeDeferred    = "deferred"
)

// New returns a Handler for cfg.
func New(cfg Config) *Handler {
	if cfg.RateBurst <= 0 {
		cfg.RateBurst = 4
	}
	if cfg.RateWindow <= 0 {
		cfg.RateWindow = 10 * time.Second
	}
	if cfg.Hits <= 0 || cfg.Hits > maxHits {
		cfg.Hits = maxHits
	}
	if cfg.Budget <= 0 {
		cfg.Budget = 2 * time.Second
	}
	if cfg.ReindexCooldown <= 0 {
		cfg.ReindexCooldown = time.Minute
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Handler{
		cfg:       cfg,
		log:       log,
		limiter:   newRateLimiter(cfg.RateBurst, cfg.RateWindow),
		now:       time.Now,
		reindexed: &cooldowns{last: map[string]time.Time{}},
	}
}

// reply is what one handler decided: the response, a deferred follow-up,
// and what to log.
type reply struct {
	resp    *discordgo.InteractionResponse
	later   func(ctx context.Context) (*discordgo.WebhookEdit, string)
	outcome string
	attrs   []slog.Attr
	// lang is the language the answer is in ("" for English), for the
	// footer note dispatch adds.
	lang string
}

// Handle answers one interaction. It returns the response to send at once
// and, when that response is a deferral (/reindex), the Deferred that
// produces the final message. It never fails: errors and panics become an
// apology to the user and a log line for the operator.
func (h *Handler) Handle(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, Deferred) {
	start := h.now()
	cmd := commandName(i)
	r := h.safely(cmd, func() reply { return h.dispatch(ctx, i, cmd) })
	took := h.now().Sub(start)

	level := slog.LevelInfo
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		level = slog.LevelDebug
	}
	attrs := append(append([]slog.Attr{
		slog.String("cmd", cmd),
		slog.String("guild", i.GuildID),
	}, userAttrs(cmd, i)...),
		slog.String("outcome", r.outcome),
		slog.Duration("took", took))
	attrs = append(attrs, r.attrs...)
	h.log.LogAttrs(ctx, level, "interaction", attrs...)
	h.observe(cmd, r.outcome, took)

	if r.later == nil {
		return r.resp, nil
	}
	return r.resp, func(ctx context.Context) *discordgo.WebhookEdit {
		start := h.now()
		var edit *discordgo.WebhookEdit
		d := h.safely(cmd, func() reply {
			e, outcome := r.later(ctx)
			edit = e
			return reply{outcome: outcome}
		})
		if edit == nil || d.outcome == outcomePanic {
			edit = editOf(apology(langEN).Data)
		}
		took := h.now().Sub(start)
		h.log.LogAttrs(ctx, slog.LevelInfo, "deferred reply",
			append(append([]slog.Attr{slog.String("cmd", cmd), slog.String("guild", i.GuildID)}, userAttrs(cmd, i)...),
				slog.String("outcome", d.outcome), slog.Duration("took", took))...)
		h.observe(cmd+"_done", d.outcome, took)
		return edit
	}
}

// userAttrs is the user attribute of a log line: the user id, except for a
// vote, whose line names the answer and the direction only, so that the
// logs do not undo keeping voters out of the store.
func userAttrs(cmd string, i *discordgo.Interaction) []slog.Attr {
	if cmd == cmdVote {
		return nil
	}
	return []slog.Attr{slog.String("user", userID(i))}
}

// safely runs f, turning a panic into an apology and an error log.
func (h *Handler) safely(cmd string, f func() reply) (r reply) {
	defer func() {
		if p := recover(); p != nil {
			h.log.Error("handler panic", slog.String("cmd", cmd), slog.Any("panic", p), slog.String("stack", string(debug.Stack())))
			r = reply{resp: apology(langEN), outcome: outcomePanic}
		}
	}()
	return f()
}

func (h *Handler) observe(cmd, outcome string, took time.Duration) {
	if h.cfg.Observe != nil {
		h.cfg.Observe(cmd, outcome, took)
	}
}

// dispatch routes an interaction to its handler, then notes the server's
// default version in the footer of the answer.
func (h *Handler) dispatch(ctx context.Context, i *discordgo.Interaction, cmd string) reply {
	if i.Type == discordgo.InteractionPing {
		return reply{resp: &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, outcome: outcomeOK}
	}
	var chosen serverDefault
	if d, ok := i.Data.(discordgo.ApplicationCommandInteractionData); !ok || i.Type != discordgo.InteractionApplicationCommandAutocomplete || d.Name == cmdPoint {
		chosen = h.serverDefault(ctx, i) // not for every keystroke of other commands
	}
	r := h.route(ctx, i, chosen)
	noteServerDefault(r.lang, r.resp, chosen)
	noteAsOf(r.lang, r.resp, h.cfg.Index.Corpus())
	return r
}

// route answers an interaction with its handler.
func (h *Handler) route(ctx context.Context, i *discordgo.Interaction, chosen serverDefault) reply {
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			break
		}
		switch {
		case data.CommandType == discordgo.MessageApplicationCommand && data.Name == checkName:
			return h.check(ctx, i, data, chosen)
		case data.CommandType == discordgo.MessageApplicationCommand:
			data.Name = "" // not a slash command of the same name
		}
		switch data.Name {
		case cmdAsk:
			return h.ask(ctx, i, data, chosen)
		case cmdPoint:
			return h.point(i, data, chosen)
		case cmdCompare:
			return h.compare(i, data)
		case cmdSources:
			return h.sources(i, data)
		case cmdHelp:
			lang := localeLang(i.Locale)
			return reply{resp: message([]*discordgo.MessageEmbed{renderHelp(lang, h.cfg.Index.Corpus())}, nil, true), outcome: outcomeOK, lang: lang}
		case cmdReindex:
			return h.reindex(i)
		case cmdSettings:
			return h.settings(ctx, i, data, chosen)
		}
		lang := localeLang(i.Locale)
		return reply{resp: notice(trf(lang, "I don't know that command any more; try %s.", "`/"+localName(lang, cmdHelp)+"`")), outcome: outcomeUserError}
	case discordgo.InteractionApplicationCommandAutocomplete:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			break
		}
		return h.autocomplete(localeLang(i.Locale), data, chosen)
	case discordgo.InteractionMessageComponent:
		data, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if !ok {
			break
		}
		return h.component(ctx, i, data)
	}
	return reply{resp: notice(tr(localeLang(i.Locale), "I can't handle that kind of interaction.")), outcome: outcomeUserError}
}

// Command names.
const (
	cmdAsk      = "ask"
	cmdPoint    = "point"
	cmdCompare  = "compare"
	cmdSettings = "settings"
	cmdSources  = "sources"
	cmdHelp     = "help"
	cmdReindex  = "reindex"
	// cmdCheck names the "Check against the plan" message command in logs
	// and metrics; checkName is its name in Discord's menu.
	cmdCheck  = "check"
	checkName = "Check against the plan"
	// cmdVote names a press of 👍 or 👎 in logs and metrics.
	cmdVote = "vote"
)

// commandName names an interaction for logs and metrics: the slash
// command, "check" for the message command, "autocomplete", "vote" for 👍
// and 👎, or "button".
func commandName(i *discordgo.Interaction) string {
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			return "autocomplete"
		}
		if d.CommandType == discordgo.MessageApplicationCommand {
			if d.Name == checkName {
				return cmdCheck
			}
			return "unknown"
		}
		if len(d.Name) > 32 {
			return "unknown"
		}
		return d.Name
	case discordgo.MessageComponentInteractionData:
		if strings.HasPrefix(d.CustomID, votePrefix) {
			return cmdVote
		}
		return "button"
	}
	if i.Type == discordgo.InteractionPing {
		return "ping"
	}
	return "unknown"
}

// userID is the id of whoever sent the interaction, in a server or a DM.
func userID(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}

// rateLimited answers with a friendly private note when the user has had
// too many answers lately.
func (h *Handler) rateLimited(i *discordgo.Interaction, lang string) (reply, bool) {
	ok, wait := h.limiter.allow(userID(i), h.now())
	if ok {
		return reply{}, false
	}
	secs := int(wait.Round(time.Second) / time.Second)
	secs = max(secs, 1)
	return reply{
		resp: notice(trf(lang, "Easy there: I give each person %d answers every %s, so nobody floods the channel. Try again in %d s.",
			h.cfg.RateBurst, roundDuration(h.cfg.RateWindow), secs)),
		outcome: outcomeRateLimited,
	}, true
}

// noMentions allows no mention of anyone in a message, so text that
// contains @everyone or <@id> pings nobody.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// message is a response that posts embeds (privately when ephemeral).
func message(embeds []*discordgo.MessageEmbed, components []discordgo.MessageComponent, ephemeral bool) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: messageData(embeds, components, ephemeral),
	}
}

// messageData fills a message's data: never null lists, no mentions.
func messageData(embeds []*discordgo.MessageEmbed, components []discordgo.MessageComponent, ephemeral bool) *discordgo.InteractionResponseData {
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	d := &discordgo.InteractionResponseData{
		Embeds:          embeds,
		Components:      components,
		AllowedMentions: noMentions(),
	}
	if ephemeral {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return d
}

// notice is a short private text reply.
func notice(text string) *discordgo.InteractionResponse {
	d := messageData(nil, nil, true)
	d.Content = trim(text, maxContent)
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: d}
}

// apology is the reply when something went wrong on our side.
func apology(lang string) *discordgo.InteractionResponse {
	return notice(tr(lang, "Sorry, something went wrong on my side while answering that. It has been logged; please try again in a moment."))
}

// editOf turns response data into the edit of a deferred response.
func editOf(d *discordgo.InteractionResponseData) *discordgo.WebhookEdit {
	content := d.Content
	embeds := d.Embeds
	components := d.Components
	return &discordgo.WebhookEdit{
		Content:         &content,
		Embeds:          &embeds,
		Components:      &components,
		AllowedMentions: noMentions(),
	}
}
