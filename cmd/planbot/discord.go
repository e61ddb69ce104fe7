package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// inviteURL is where a server admin adds the bot with its slash commands.
func inviteURL(appID string) string {
	return "https://discord.com/oauth2/authorize?client_id=" + url.QueryEscape(appID) + "&scope=bot+applications.commands"
}

// logReady logs, at every gateway READY, who the bot is and how many
// servers it is in, and how to invite it when it is in none: a bot that
// was never invited connects fine and shows no commands anywhere.
func logReady(s *discordgo.Session, cfg Config, log *slog.Logger) {
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { announceReady(r, cfg, log) })
}

// announceReady is logReady's message for one READY.
func announceReady(r *discordgo.Ready, cfg Config, log *slog.Logger) {
	name := ""
	if r.User != nil {
		name = r.User.Username
	}
	log.Info("connected; answering interactions until Ctrl-C or SIGTERM",
		slog.String("bot", name), slog.Int("servers", len(r.Guilds)))
	if len(r.Guilds) == 0 {
		log.Warn("the bot is in no server, so no one sees its commands: invite it with "+inviteURL(cfg.DiscordAppID),
			slog.String("bot", name))
	}
}

// atAPIBase is err's text with the URLs discordgo builds on discord.com
// shown where the request really went, the configured API base.
func atAPIBase(err error, cfg Config) string {
	return strings.ReplaceAll(err.Error(), discordgo.EndpointAPI, cfg.DiscordAPIBase)
}

// discordHint says what a failure talking to Discord most likely means and
// what to do, naming the API base the requests went to.
func discordHint(err error, cfg Config) string {
	base := "DISCORD_API_BASE=" + cfg.DiscordAPIBase
	var rest *discordgo.RESTError
	var closeErr *websocket.CloseError
	var netErr net.Error
	switch {
	case errors.As(err, &rest) && rest.Response != nil:
		code := 0
		if rest.Message != nil {
			code = rest.Message.Code
		}
		switch status := rest.Response.StatusCode; {
		case status == http.StatusUnauthorized:
			return fmt.Sprintf("Discord refused the token (401): check DISCORD_TOKEN (Developer Portal, your application, Bot, Reset Token); requests went to %s", base)
		case status == http.StatusForbidden && code == discordgo.ErrCodeMissingAccess:
			if cfg.DiscordGuildID != "" {
				return fmt.Sprintf("403 Missing Access: the bot is not in the server DISCORD_GUILD_ID=%s, or was invited without the applications.commands scope: invite it with %s, or unset DISCORD_GUILD_ID to register the commands globally", cfg.DiscordGuildID, inviteURL(cfg.DiscordAppID))
			}
			return fmt.Sprintf("403 Missing Access: the token's bot may not manage the commands of DISCORD_APP_ID=%s: check that both come from the same application", cfg.DiscordAppID)
		case status == http.StatusForbidden:
			return fmt.Sprintf("403 Forbidden: DISCORD_TOKEN and DISCORD_APP_ID=%s must belong to the same application (Developer Portal)", cfg.DiscordAppID)
		case status == http.StatusNotFound:
			return fmt.Sprintf("404: Discord knows no application DISCORD_APP_ID=%s (or server DISCORD_GUILD_ID=%s): copy the ids again (Developer Portal, General Information)", cfg.DiscordAppID, cfg.DiscordGuildID)
		}
		return fmt.Sprintf("Discord answered %d; requests went to %s", rest.Response.StatusCode, base)
	case errors.As(err, &closeErr) && closeErr.Code == 4004:
		return "the gateway refused the token (4004 Authentication failed): check DISCORD_TOKEN (Developer Portal, your application, Bot, Reset Token)"
	case errors.As(err, &closeErr) && closeErr.Code == 4014:
		return "the gateway refused a privileged intent (4014): planbot needs none; check that nothing else sets intents"
	case errors.As(err, &netErr) || strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "no such host"):
		return fmt.Sprintf("Discord could not be reached: check the network, a proxy, or %s (the token was not even tried)", base)
	}
	return fmt.Sprintf("check DISCORD_TOKEN and DISCORD_APP_ID (Developer Portal; see .env.example); requests went to %s", base)
}
