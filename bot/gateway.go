package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Time limits of the gateway transport.
const (
	// respondWithin is Discord's window for the first response.
	respondWithin = 3 * time.Second
	// finishWithin bounds a deferred reply; interaction tokens last 15 min.
	finishWithin = 10 * time.Minute
)

// Gateway answers the interactions a discordgo session receives over
// Discord's gateway with a Handler, sending responses through the REST API.
type Gateway struct {
	s   *discordgo.Session
	h   *Handler
	log *slog.Logger

	mu       sync.Mutex
	closing  bool
	inflight sync.WaitGroup
	remove   func()
}

// NewGateway returns a Gateway that answers s's interactions with h.
// log may be nil.
func NewGateway(s *discordgo.Session, h *Handler, log *slog.Logger) *Gateway {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Gateway{s: s, h: h, log: log}
}

// RegisterCommands replaces the application's commands with Commands(): in
// one server when guildID is set (instant, for development), else globally.
func (g *Gateway) RegisterCommands(ctx context.Context, appID, guildID string) error {
	cmds, err := g.s.ApplicationCommandBulkOverwrite(appID, guildID, Commands(), discordgo.WithContext(ctx))
	if err != nil {
		scope := "globally"
		if guildID != "" {
			scope = "in server " + guildID
		}
		return fmt.Errorf("register commands %s: %w", scope, err)
	}
	g.log.Info("registered commands", slog.Int("commands", len(cmds)), slog.String("guild", guildID))
	return nil
}

// Open starts answering interactions and connects to the gateway. The
// session reconnects by itself when the connection drops.
func (g *Gateway) Open() error {
	g.mu.Lock()
	if g.remove == nil {
		g.remove = g.s.AddHandler(g.onInteraction)
	}
	g.mu.Unlock()
	if err := g.s.Open(); err != nil {
		return fmt.Errorf("connect to the Discord gateway: %w", err)
	}
	return nil
}

// Shutdown stops taking interactions, waits until the replies in flight
// are sent (or ctx ends), then closes the gateway connection. It returns
// an error wrapping ctx's when replies were still in flight as ctx ended.
func (g *Gateway) Shutdown(ctx context.Context) error {
	g.mu.Lock()
	g.closing = true
	g.mu.Unlock()
	done := make(chan struct{})
	go func() {
		g.inflight.Wait()
		close(done)
	}()
	var dropped error
	select {
	case <-done:
	case <-ctx.Done():
		dropped = fmt.Errorf("replies still in flight: %w", ctx.Err())
	}
	g.mu.Lock()
	if g.remove != nil {
		g.remove()
		g.remove = nil
	}
	g.mu.Unlock()
	if err := g.s.Close(); err != nil {
		return errors.Join(dropped, fmt.Errorf("close gateway: %w", err))
	}
	return dropped
}

// onInteraction answers one INTERACTION_CREATE; discordgo runs it in its
// own goroutine.
func (g *Gateway) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	i := ic.Interaction
	if i == nil {
		return
	}
	g.mu.Lock()
	if g.closing {
		g.mu.Unlock()
		g.respond(s, i, notice(tr(localeLang(i.Locale), restarting)))
		return
	}
	g.inflight.Add(1)
	g.mu.Unlock()
	defer g.inflight.Done()

	resp, later := g.h.Handle(context.Background(), i)
	if !g.respond(s, i, resp) || later == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), finishWithin)
	defer cancel()
	edit := later(ctx)
	if err := editDeferred(ctx, s, i, edit, defaultEditRetries); err != nil {
		g.log.Warn("edit deferred reply", slog.String("cmd", commandName(i)), slog.String("error", redactToken(err, i.Token)))
	}
}

// respond sends the first response within Discord's window.
func (g *Gateway) respond(s *discordgo.Session, i *discordgo.Interaction, resp *discordgo.InteractionResponse) bool {
	ctx, cancel := context.WithTimeout(context.Background(), respondWithin)
	defer cancel()
	if err := s.InteractionRespond(i, resp, discordgo.WithContext(ctx)); err != nil {
		g.log.Warn("respond to interaction", slog.String("cmd", commandName(i)), slog.String("guild", i.GuildID), slog.String("error", redactToken(err, i.Token)))
		return false
	}
	return true
}

// redactToken is err's text without the interaction token, which REST
// errors carry in their URLs and which lets anyone answer as the bot for
// 15 minutes.
func redactToken(err error, token string) string {
	if token == "" {
		return err.Error()
	}
	return strings.ReplaceAll(err.Error(), token, "<interaction-token>")
}
