package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// adminPermissions are the permissions that make a member an admin.
const adminPermissions = discordgo.PermissionAdministrator | discordgo.PermissionManageGuild

// isAdmin reports whether the member who sent i may run admin commands:
// Manage Server or Administrator in the channel, or the configured admin
// role. Discord registers /reindex for Manage Server only, but server
// owners can override that, so the handler checks again.
func (h *Handler) isAdmin(i *discordgo.Interaction) bool {
	m := i.Member
	if m == nil {
		return false // a DM: there is no server to administer
	}
	if m.Permissions&adminPermissions != 0 {
		return true
	}
	return h.cfg.AdminRole != "" && slices.Contains(m.Roles, h.cfg.AdminRole)
}

// reindex answers /reindex: it refuses non-admins, servers the operator
// did not list, and a server's repeats within the cooldown, at once and
// privately; else it defers privately and reloads, and the Deferred
// reports what changed or what is wrong.
func (h *Handler) reindex(i *discordgo.Interaction) reply {
	lang := localeLang(i.Locale)
	if h.cfg.Reloader == nil {
		return reply{resp: notice(tr(lang, "Reindexing is not available on this planbot.")), outcome: outcomeUserError}
	}
	if !h.isAdmin(i) {
		return reply{resp: notice(trf(lang, "Only server admins (Manage Server) can run %s.", "`/"+localName(lang, cmdReindex)+"`")), outcome: outcomeRefused}
	}
	if len(h.cfg.ReindexGuilds) > 0 && !slices.Contains(h.cfg.ReindexGuilds, i.GuildID) {
		return reply{resp: notice("`/reindex` is not enabled in this server: this planbot's operator allows it only in the servers they list."), outcome: outcomeRefused}
	}
	if wait := h.reindexed.take(i.GuildID, h.now(), h.cfg.ReindexCooldown); wait > 0 {
		secs := max(int(wait.Round(time.Second)/time.Second), 1)
		return reply{
			resp: notice(fmt.Sprintf("This server reindexed a moment ago; I take one `/reindex` a %s per server, as a rebuild serves every server at once. Please try again in %d s.",
				cooldownText(h.cfg.ReindexCooldown), secs)),
			outcome: outcomeRateLimited,
		}
	}
	return reply{
		resp: &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
		},
		later:   h.reload,
		outcome: outcomeDeferred,
	}
}

// cooldownText names a cooldown in "one /reindex a …": "minute", or
// "30s" and the like.
func cooldownText(d time.Duration) string {
	if d == time.Minute {
		return "minute"
	}
	return roundDuration(d)
}

// reload rebuilds the index (or joins the rebuild under way), posts the
// changelog (when configured) and renders the report.
func (h *Handler) reload(ctx context.Context) (*discordgo.WebhookEdit, string) {
	r, err := h.cfg.Reloader.Reload(ctx)
	if err != nil {
		var errs corpus.Errors
		if !errors.As(err, &errs) {
			h.log.Error("reindex failed", slog.Any("error", err))
		} else {
			h.log.Warn("reindex refused a bad corpus", slog.Int("problems", len(errs)))
		}
		return editOf(messageData([]*discordgo.MessageEmbed{renderReindexError(err)}, nil, true)), outcomeError
	}
	h.log.Info("reindexed", slog.Int("documents", r.Stats.Documents), slog.Int("points", r.Stats.Points),
		slog.Int("sections", r.Stats.Sections), slog.Duration("took", r.Took), slog.Bool("joined", r.Joined))
	e := renderReindex(r)
	if r.Joined {
		// The request that started the rebuild does what follows one.
		e.Description = "Already reindexing; your request joined it.\n" + e.Description
		fitEmbed(e)
		return editOf(messageData([]*discordgo.MessageEmbed{e}, nil, true)), outcomeOK
	}
	if note := h.afterRebuild(ctx, r); note != "" {
		e.Description += "\n" + note
		fitEmbed(e)
	}
	return editOf(messageData([]*discordgo.MessageEmbed{e}, nil, true)), outcomeOK
}

// afterRebuild runs once after each successful rebuild this process made
// (not for the requests that joined it): it posts the changelog when one
// is configured, announces the corpus to the other replicas when there is
// a fleet, and returns notes for the admin's report, or "".
func (h *Handler) afterRebuild(ctx context.Context, r *index.ReloadReport) string {
	var notes []string
	for _, n := range []string{h.postChangelog(ctx, r), h.announceCorpus(ctx)} {
		if n != "" {
			notes = append(notes, n)
		}
	}
	return strings.Join(notes, "\n")
}

// cooldowns remembers when each server last started a /reindex.
type cooldowns struct {
	mu   sync.Mutex
	last map[string]time.Time
}

// take returns how long guild must still wait, or 0 after recording now
// as its latest /reindex. Entries older than the cooldown are dropped as
// the map grows, so it stays as small as the servers reindexing lately.
func (c *cooldowns) take(guild string, now time.Time, cooldown time.Duration) time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	if last, ok := c.last[guild]; ok && now.Sub(last) < cooldown {
		return cooldown - now.Sub(last)
	}
	if len(c.last) >= 1024 {
		for g, t := range c.last {
			if now.Sub(t) >= cooldown {
				delete(c.last, g)
			}
		}
	}
	c.last[guild] = now
	return 0
}
