package bot

import (
	"context"
	"errors"
	"log/slog"
	"slices"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
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

// reindex answers /reindex: it refuses non-admins, else defers privately
// and reloads; the Deferred reports what changed or what is wrong.
func (h *Handler) reindex(i *discordgo.Interaction) reply {
	lang := localeLang(i.Locale)
	if h.cfg.Reloader == nil {
		return reply{resp: notice(tr(lang, "Reindexing is not available on this planbot.")), outcome: outcomeUserError}
	}
	if !h.isAdmin(i) {
		return reply{resp: notice(trf(lang, "Only server admins (Manage Server) can run %s.", "`/"+localName(lang, cmdReindex)+"`")), outcome: outcomeRefused}
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

// reload rebuilds the index, posts the changelog (when configured) and
// renders the report.
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
		slog.Int("sections", r.Stats.Sections), slog.Duration("took", r.Took))
	e := renderReindex(r)
	if note := h.postChangelog(ctx, r); note != "" {
		e.Description += "\n" + note
		fitEmbed(e)
	}
	return editOf(messageData([]*discordgo.MessageEmbed{e}, nil, true)), outcomeOK
}
