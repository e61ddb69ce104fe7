package main

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

func TestAnnounceReady(t *testing.T) {
	t.Parallel()
	cfg := Config{DiscordAppID: "123456789012345678"}
	for _, tt := range []struct {
		guilds        int
		want, wantNot string
	}{
		{2, "bot=planbot servers=2", "invite it"},
		{0, "invite it with https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=bot+applications.commands", ""},
	} {
		var buf bytes.Buffer
		r := &discordgo.Ready{User: &discordgo.User{Username: "planbot"}, Guilds: make([]*discordgo.Guild, tt.guilds)}
		announceReady(r, cfg, slog.New(slog.NewTextHandler(&buf, nil)))
		if !strings.Contains(buf.String(), tt.want) || (tt.wantNot != "" && strings.Contains(buf.String(), tt.wantNot)) {
			t.Errorf("READY in %d servers logs:\n%s\nwant %q", tt.guilds, buf.String(), tt.want)
		}
	}
}

// TestDiscordHint: each failure says what it means, and names the
// configured API base rather than discord.com.
func TestDiscordHint(t *testing.T) {
	t.Parallel()
	cfg := Config{DiscordAppID: "111111111111111111", DiscordGuildID: "222222222222222222", DiscordAPIBase: "http://127.0.0.1:7777/api/v10/"}
	rest := func(status, code int) error {
		return fmt.Errorf("register commands: %w", &discordgo.RESTError{
			Response: &http.Response{StatusCode: status},
			Message:  &discordgo.APIErrorMessage{Code: code, Message: "x"},
		})
	}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	for _, tt := range []struct {
		name string
		err  error
		want []string
	}{
		{"bad token", rest(401, 0), []string{"refused the token", "DISCORD_TOKEN", "127.0.0.1:7777"}},
		{"not in the server", rest(403, discordgo.ErrCodeMissingAccess), []string{"Missing Access", "not in the server DISCORD_GUILD_ID=222222222222222222", "client_id=111111111111111111"}},
		{"unknown application", rest(404, 10002), []string{"no application DISCORD_APP_ID=111111111111111111"}},
		{"connection refused", fmt.Errorf("register commands: Put %q: %w", discordgo.EndpointAPI+"applications/1/commands", refused), []string{"could not be reached", "DISCORD_API_BASE=http://127.0.0.1:7777/api/v10/"}},
		{"gateway bad token", fmt.Errorf("connect: %w", &websocket.CloseError{Code: 4004}), []string{"4004", "DISCORD_TOKEN"}},
		{"something else", errors.New("boom"), []string{"DISCORD_TOKEN and DISCORD_APP_ID", "127.0.0.1:7777"}},
	} {
		got := discordHint(tt.err, cfg)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: discordHint = %q; want %q in it", tt.name, got, w)
			}
		}
		if msg := atAPIBase(tt.err, cfg); strings.Contains(msg, "discord.com/api") {
			t.Errorf("%s: atAPIBase = %q names discord.com's API, not the configured base", tt.name, msg)
		}
		if strings.Contains(got, "discord.com/api") {
			t.Errorf("%s: discordHint = %q names discord.com's API, not the configured base", tt.name, got)
		}
	}
}
