package bot

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/index"
)

// ChannelPoster posts a message in a channel through Discord's REST API.
// *discordgo.Session fits; it needs a bot token.
type ChannelPoster interface {
	ChannelMessageSendComplex(channelID string, data *discordgo.MessageSend, options ...discordgo.RequestOption) (*discordgo.Message, error)
}

// changelogTimeout bounds the changelog post after a /reindex.
const changelogTimeout = 10 * time.Second

// postChangelog posts what a successful /reindex changed in the changelog
// channel, when one is configured and something changed. It returns a line
// for the admin's report ("" when nothing was to be posted); a failure is
// logged and said there, and never fails the reindex.
func (h *Handler) postChangelog(ctx context.Context, r *index.ReloadReport) string {
	ch := h.cfg.ChangelogChannel
	if ch == "" || h.cfg.Poster == nil || r.Changes.Empty() {
		return ""
	}
	ctx, cancel := context.WithTimeout(ctx, changelogTimeout)
	defer cancel()
	_, err := h.cfg.Poster.ChannelMessageSendComplex(ch, &discordgo.MessageSend{
		Content:         renderChangelog(r),
		AllowedMentions: noMentions(),
	}, discordgo.WithContext(ctx))
	if err != nil {
		h.log.Warn("changelog: post what the reindex changed", slog.String("channel", ch), slog.Any("error", err))
		return fmt.Sprintf("Could not post what changed in <#%s>: check that planbot may send messages there (the error is in the logs).", ch)
	}
	h.log.Info("changelog posted", slog.String("channel", ch))
	return fmt.Sprintf("Posted what changed in <#%s>.", ch)
}

// renderChangelog is the public post after a reindex: what changed, and
// what planbot now answers from, in one message without mentions.
func renderChangelog(r *index.ReloadReport) string {
	s := fmt.Sprintf("**planbot's sources were updated:** %s.\nplanbot now answers from %s, %s and %s; `/sources` lists them.",
		escapeMarkdown(r.Changes.String()),
		plural(langEN, r.Stats.Documents, "document"), plural(langEN, r.Stats.Points, "point"), plural(langEN, r.Stats.Sections, "section"))
	return trim(s, maxContent)
}
