package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
)

// VersionStore keeps the default plan version of each Discord server.
// settings.Store (*settings.SQLite, *settings.Postgres) fits.
type VersionStore interface {
	// GuildVersion returns the version id set for guildID, ok=false when
	// none is.
	GuildVersion(ctx context.Context, guildID string) (version string, ok bool, err error)
	// SetGuildVersion makes version the default of guildID.
	SetGuildVersion(ctx context.Context, guildID, version string) error
}

// settingsTimeout bounds one read or write of the settings store, well
// inside Discord's 3-second window.
const settingsTimeout = time.Second

// serverDefault is the plan version a server chose with /settings.
type serverDefault struct {
	id  string           // the stored version id; "" when none is set
	doc *corpus.Document // the plan it names; nil when unset or no longer in the corpus
}

// plan returns the plan the server reads by default: its chosen one, or
// the corpus's default plan.
func (s serverDefault) plan(c *corpus.Corpus) *corpus.Document {
	if s.doc != nil {
		return s.doc
	}
	return c.DefaultPlan()
}

// version is the id of the plan the server chose, for index.Options:
// "" when none is set or it is no longer in the corpus.
func (s serverDefault) version() string {
	if s.doc == nil {
		return ""
	}
	return s.doc.ID
}

// serverDefault looks up the default version of the server i comes from.
// A store that fails is logged and read as no setting, so answers go on.
func (h *Handler) serverDefault(ctx context.Context, i *discordgo.Interaction) serverDefault {
	if h.cfg.Settings == nil || i.GuildID == "" {
		return serverDefault{}
	}
	ctx, cancel := context.WithTimeout(ctx, settingsTimeout)
	defer cancel()
	id, ok, err := h.cfg.Settings.GuildVersion(ctx, i.GuildID)
	if err != nil {
		h.log.Log(ctx, h.storeLogLevel(slog.LevelWarn), "settings: read the server's default version", slog.String("guild", i.GuildID), slog.Any("error", err))
		return serverDefault{}
	}
	if !ok {
		return serverDefault{}
	}
	d := h.cfg.Index.Corpus().Document(id)
	if d == nil || d.Kind != corpus.KindPlan {
		d = nil
	}
	return serverDefault{id: id, doc: d}
}

// hereLabel starts the footer note naming a server's default version.
const hereLabel = "Default version here: "

// noteServerDefault starts the footer of every embed of resp with the
// server's default version, "Default version here: 20-point framework",
// replacing the note of an answer it re-posts.
func noteServerDefault(lang string, resp *discordgo.InteractionResponse, chosen serverDefault) {
	if chosen.id == "" || resp == nil || resp.Data == nil {
		return
	}
	note := tr(lang, hereLabel)
	if chosen.doc != nil {
		note += versionLabel(lang, chosen.doc)
	} else {
		note += chosen.id + tr(lang, " (no longer in the corpus; /point shows the default plan)")
	}
	for _, e := range resp.Data.Embeds {
		if e.Footer == nil {
			e.Footer = &discordgo.MessageEmbedFooter{}
		}
		text := e.Footer.Text
		for _, l := range []string{langEN, langUK, langRU} {
			if strings.HasPrefix(text, tr(l, hereLabel)) {
				_, text, _ = strings.Cut(text, " · ")
				break
			}
		}
		e.Footer = footer(append([]string{note}, footerParts(text)...)...)
		fitEmbed(e)
	}
}

// settings answers /settings [version:<plan>]: admins set the server's
// default version for /point; without a version it says what it is.
func (h *Handler) settings(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, chosen serverDefault) reply {
	lang := localeLang(i.Locale)
	settingsCmd, pointCmd := "`/"+localName(lang, cmdSettings)+"`", "`/"+localName(lang, cmdPoint)+"`"
	if h.cfg.Settings == nil {
		return reply{resp: notice(tr(lang, "Server settings are not available on this planbot.")), outcome: outcomeUserError}
	}
	if i.GuildID == "" || i.Member == nil {
		return reply{resp: notice(trf(lang, "%s works in a server, not in direct messages.", settingsCmd)), outcome: outcomeUserError}
	}
	if !h.isAdmin(i) {
		return reply{resp: notice(trf(lang, "Only server admins (Manage Server) can change %s.", settingsCmd)), outcome: outcomeRefused}
	}
	c := h.cfg.Index.Corpus()
	v := capRunes(strings.TrimSpace(optString(data.Options, "version")), 100)
	if v == "" {
		change := fmt.Sprintf("`/%s %s:<%s>`", localName(lang, cmdSettings), localName(lang, cmdSettings+"/version"), tr(lang, "plan"))
		msg := trf(lang, "Default version here: not set: %s shows the %s. Change it with %s.", pointCmd, versionName(lang, c.DefaultPlan()), change)
		if chosen.doc != nil {
			msg = trf(lang, "Default version here: the %s. Change it with %s.", versionName(lang, chosen.doc), change)
		} else if chosen.id != "" {
			msg = trf(lang, "Default version here: %s, which is no longer in the corpus: %s shows the %s. Change it with %s.",
				"`"+chosen.id+"`", pointCmd, versionName(lang, c.DefaultPlan()), change)
		}
		return reply{resp: notice(msg), outcome: outcomeOK}
	}
	d := planIn(c, v)
	if d == nil {
		return reply{resp: notice(trf(lang, "There is no plan version “%s”. Versions: %s.", escapeMarkdown(v), versionList(lang, c))), outcome: outcomeUserError}
	}
	ctx, cancel := context.WithTimeout(ctx, settingsTimeout)
	defer cancel()
	if err := h.cfg.Settings.SetGuildVersion(ctx, i.GuildID, d.ID); err != nil {
		h.log.Log(ctx, h.storeLogLevel(slog.LevelError), "settings: set the server's default version", slog.String("guild", i.GuildID), slog.String("version", d.ID), slog.Any("error", err))
		return reply{resp: notice(tr(lang, "The settings are unavailable right now, so the default version was not changed; answers go on as before. Please try again in a few minutes.")), outcome: outcomeError}
	}
	return reply{
		resp: notice(trf(lang, "Done: %s without a version now shows the %s in this server, and every answer here names it in its footer.",
			pointCmd, versionName(lang, d))),
		outcome: outcomeOK,
		attrs:   []slog.Attr{slog.String("version", d.ID)},
	}
}

// versionName is "*20-point framework* (24 Dec 2025)".
func versionName(lang string, d *corpus.Document) string {
	if d == nil {
		return tr(lang, "default plan")
	}
	return "*" + escapeMarkdown(versionLabel(lang, d)) + "* (" + humanDate(lang, d.Date) + ")"
}

// versionList names every plan version: "`28-point draft`, `20-point
// framework`".
// In Ukrainian and Russian it gives their names there, which the version
// options take as well (planIn).
func versionList(lang string, c *corpus.Corpus) string {
	var names []string
	for _, d := range c.Plans() {
		names = append(names, "`"+versionLabel(lang, d)+"`")
	}
	return strings.Join(names, ", ")
}

// storeLogLevel is the level of a log line for a failed call to the
// settings store: level, or debug when the store is watched
// (settings.Watch), which logs its failures itself, a few lines with a
// count rather than one per request.
func (h *Handler) storeLogLevel(level slog.Level) slog.Level {
	if _, watched := h.cfg.Settings.(storeHealth); watched {
		return slog.LevelDebug
	}
	return level
}

// settingsUnusable returns why the settings store is failing, or nil when
// it works or is not watched.
func (h *Handler) settingsUnusable() error {
	if s, ok := h.cfg.Settings.(storeHealth); ok {
		return s.Usable()
	}
	return nil
}
