package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// maxQuestion caps the length of a question, in characters.
const maxQuestion = 300

// Commands returns the slash commands and the "Check against the plan"
// message command the Handler answers, to register with a bulk overwrite
// at start. /reindex and /settings are for members with
// Manage Server by default; the handler checks again, as server owners can
// change that.
func Commands() []*discordgo.ApplicationCommand {
	manageServer := int64(discordgo.PermissionManageGuild)
	minPoint := 1.0
	minLen := 2
	return localize([]*discordgo.ApplicationCommand{
		{
			Name:        cmdAsk,
			Description: "Ask about the US peace plan for Ukraine: the matching points, what the reporting says, sources",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question, e.g. How big can Ukraine's army be?",
					Required: true, MinLength: &minLen, MaxLength: maxQuestion},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "Show the answer only to you (with a button to post it)"},
				{Type: discordgo.ApplicationCommandOptionUser, Name: "target", Description: "Address the answer to this member; they are the only one it mentions"},
			},
		},
		{
			Name:        cmdPoint,
			Description: "Show one point of the plan in full, with the reporting on it and its sources",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "number", Description: "The point's number",
					Required: true, Autocomplete: true, MinValue: &minPoint},
				{Type: discordgo.ApplicationCommandOptionString, Name: "version", Description: "Which version of the plan (default: this server's, see /settings)",
					Autocomplete: true},
			},
		},
		{
			Name:        cmdCompare,
			Description: "What became of a point of the 28-point draft in each later version of the plan",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "point", Description: "The point's number in the 28-point draft",
					Required: true, Autocomplete: true, MinValue: &minPoint},
			},
		},
		{
			Name:        cmdSources,
			Description: "The documents planbot answers from: versions, dates, publishers and links",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "version", Description: "A plan version: its notes and every source",
					Autocomplete: true},
			},
		},
		{Name: cmdHelp, Description: "What planbot can do, with examples"},
		{
			Name:                     cmdReindex,
			Description:              "Admins: reload the corpus folder and rebuild the index",
			DefaultMemberPermissions: &manageServer,
			Contexts:                 &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
		},
		{
			Name:                     cmdSettings,
			Description:              "Admins: this server's default plan version for /point",
			DefaultMemberPermissions: &manageServer,
			Contexts:                 &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "version", Description: "The version /point shows when none is named (leave out to see the current one)",
					Autocomplete: true},
			},
		},
		// Right-click a message, Apps: context-menu commands have a name
		// shown as is and no description.
		{Name: checkName, Type: discordgo.MessageApplicationCommand},
	})
}

// option finds a top-level option by name, or nil.
func option(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) *discordgo.ApplicationCommandInteractionDataOption {
	for _, o := range opts {
		if o != nil && o.Name == name {
			return o
		}
	}
	return nil
}

// optString returns a string option's value, "" when absent. It does not
// panic on a value of the wrong type, unlike discordgo's helpers.
func optString(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	o := option(opts, name)
	if o == nil || o.Value == nil {
		return ""
	}
	if s, ok := o.Value.(string); ok {
		return s
	}
	return fmt.Sprint(o.Value)
}

// optBool returns a boolean option's value, false when absent.
func optBool(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) bool {
	o := option(opts, name)
	if o == nil {
		return false
	}
	b, _ := o.Value.(bool)
	return b
}

// optInt returns an integer option's value and whether it is a usable
// integer. JSON numbers arrive as float64; autocomplete sends what was
// typed so far as a string.
func optInt(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) (int, bool) {
	o := option(opts, name)
	if o == nil {
		return 0, false
	}
	switch v := o.Value.(type) {
	case float64:
		if v != float64(int(v)) || v < -1e9 || v > 1e9 {
			return 0, false
		}
		return int(v), true
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(v))
		return n, err == nil
	}
	return 0, false
}

// capRunes cuts s to at most n characters.
func capRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}
