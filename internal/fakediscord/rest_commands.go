package fakediscord

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/bwmarrin/discordgo"
)

// commandScope returns the application and guild ("" for global) of an
// applications/{app}[/guilds/{guild}]/commands route.
func commandScope(c *call) (app, guildID string) {
	if len(c.seg) == 5 {
		return c.seg[1], c.seg[3]
	}
	return c.seg[1], ""
}

// putCommands serves the bulk overwrite routes: it checks the commands,
// gives each an ID (stable per scope, type and name, as Discord keeps them),
// records them, and returns them.
func (f *Fake) putCommands(c *call) (int, any, error) {
	app, guildID := commandScope(c)
	if app != f.cfg.appID {
		return 0, nil, errUnknownApp
	}
	var cmds []*discordgo.ApplicationCommand
	if err := json.Unmarshal(c.payload, &cmds); err != nil {
		return 0, nil, fmt.Errorf("decode commands: %w", err)
	}
	if errs := validateCommands(cmds); len(errs) > 0 {
		return 0, nil, invalidForm(errs)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, cmd := range cmds {
		if cmd.Type == 0 {
			cmd.Type = discordgo.ChatApplicationCommand
		}
		key := fmt.Sprint(guildID, "/", cmd.Type, "/", cmd.Name)
		if f.commandIDs[key] == "" {
			f.commandIDs[key] = f.newIDLocked()
		}
		cmd.ID = f.commandIDs[key]
		cmd.ApplicationID = app
		cmd.GuildID = guildID
		cmd.Version = f.newIDLocked()
		if cmd.Options == nil {
			cmd.Options = []*discordgo.ApplicationCommandOption{}
		}
	}
	if cmds == nil {
		cmds = []*discordgo.ApplicationCommand{}
	}
	f.commands[guildID] = cmds
	f.overwrites = append(f.overwrites, CommandOverwrite{
		ApplicationID: app, GuildID: guildID, Commands: cmds, Body: json.RawMessage(c.payload),
	})
	f.notifyLocked()
	return http.StatusOK, cmds, nil
}

// getCommands serves GET applications/{app}[/guilds/{guild}]/commands.
func (f *Fake) getCommands(c *call) (int, any, error) {
	app, guildID := commandScope(c)
	if app != f.cfg.appID {
		return 0, nil, errUnknownApp
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	cmds := f.commands[guildID]
	if cmds == nil {
		cmds = []*discordgo.ApplicationCommand{}
	}
	return http.StatusOK, cmds, nil
}

// commandLocked returns the ID of the registered chat-input command name
// and the guild it is registered to, preferring guildID's commands to
// global ones; a command never registered gets a stable made-up ID. f.mu
// must be held.
func (f *Fake) commandLocked(guildID, name string) (id, registeredIn string) {
	return f.commandOfTypeLocked(guildID, name, discordgo.ChatApplicationCommand)
}

// commandOfTypeLocked is commandLocked for a command of type typ.
func (f *Fake) commandOfTypeLocked(guildID, name string, typ discordgo.ApplicationCommandType) (id, registeredIn string) {
	for _, scope := range []string{guildID, ""} {
		for _, c := range f.commands[scope] {
			if c.Name == name && c.Type == typ {
				return c.ID, scope
			}
		}
	}
	key := fmt.Sprint("unregistered/", typ, "/", name)
	if f.commandIDs[key] == "" {
		f.commandIDs[key] = f.newIDLocked()
	}
	return f.commandIDs[key], ""
}
