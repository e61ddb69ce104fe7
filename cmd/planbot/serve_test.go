package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/planbot/planbot/bot"
	"github.com/planbot/planbot/internal/fakediscord"
)

// lockedBuffer collects what the bot's goroutines log.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeNeedsToken(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	cfg := LoadConfig(func(string) (string, bool) { return "", false })
	cfg.DiscordAppID = "1300000000000000001"
	code := runServe(context.Background(), cfg, nil, io.Discard, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "DISCORD_TOKEN not set") || !strings.Contains(stderr.String(), ".env.example") {
		t.Errorf("serve without a token = exit %d, %q; want 2 and a pointer to .env.example", code, stderr.String())
	}
}

// TestServe runs the whole serve command against a fake Discord: it
// registers the commands, answers /ask, and exits 0 when its context ends,
// as on SIGTERM.
func TestServe(t *testing.T) {
	t.Parallel()
	f := fakediscord.New(t)
	cfg := LoadConfig(func(string) (string, bool) { return "", false })
	cfg.DiscordToken, cfg.DiscordAppID, cfg.DiscordGuildID, cfg.DiscordAPIBase = f.Token(), f.ApplicationID(), f.GuildID(), f.APIBase()
	cfg.LogLevel = slog.LevelDebug

	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	stderr := &lockedBuffer{}
	done := make(chan int, 1)
	go func() { done <- runServe(ctx, cfg, nil, io.Discard, stderr) }()

	wait, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := f.WaitReady(wait); err != nil {
		t.Fatalf("serve never connected: %v\n%s", err, stderr)
	}
	if got, want := len(f.RegisteredCommands(f.GuildID())), len(bot.Commands()); got != want {
		t.Errorf("%d commands registered in the guild; want %d", got, want)
	}
	ix := f.Command("ask", fakediscord.StringOption("question", "How big can Ukraine's army be?"))
	if err := f.DispatchInteraction(wait, ix); err != nil {
		t.Fatal(err)
	}
	r, err := f.WaitResponse(wait, ix.ID)
	if err != nil {
		t.Fatalf("no answer: %v\n%s", err, stderr)
	}
	if len(r.Data.Embeds) != 1 || len(r.Data.Embeds[0].Fields) == 0 {
		t.Errorf("/ask = %s; want an answer", r.Body)
	}

	stop()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exit %d; want 0\n%s", code, stderr)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("serve did not stop after its context ended\n%s", stderr)
	}
	logs := stderr.String()
	if strings.Contains(logs, f.Token()) {
		t.Errorf("the token appears in serve's logs")
	}
	for _, want := range []string{"registered commands", "connected", "servers=1", "cmd=ask", "stopped"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q:\n%s", want, logs)
		}
	}
}
