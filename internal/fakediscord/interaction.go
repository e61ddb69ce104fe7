package fakediscord

import (
	"encoding/json"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// DefaultMemberPermissions are the permissions of the members the builders
// invoke interactions as: view channel, send messages, embed links, read
// message history, use application commands. Manage Server (0x20) is not
// among them; add it with WithPermissions.
const DefaultMemberPermissions int64 = discordgo.PermissionViewChannel |
	discordgo.PermissionSendMessages |
	discordgo.PermissionEmbedLinks |
	discordgo.PermissionReadMessageHistory |
	discordgo.PermissionUseApplicationCommands

// DefaultUserID is the ID of the user the builders invoke interactions as,
// "tester" (global name "Tester").
const DefaultUserID = "1300000000000000010"

func defaultUser() User {
	name := "Tester"
	return User{ID: DefaultUserID, Username: "tester", Discriminator: "0", GlobalName: &name}
}

// User is a user object as Discord sends it.
type User struct {
	ID            string  `json:"id"`
	Username      string  `json:"username"`
	Discriminator string  `json:"discriminator"`
	GlobalName    *string `json:"global_name"`
	Avatar        *string `json:"avatar"`
	Bot           bool    `json:"bot,omitempty"`
	PublicFlags   int     `json:"public_flags"`
}

// Member is a guild member object as sent with an interaction, including
// the member's permissions in the channel as a decimal string.
type Member struct {
	User                       *User    `json:"user"`
	Nick                       *string  `json:"nick"`
	Avatar                     *string  `json:"avatar"`
	Roles                      []string `json:"roles"`
	JoinedAt                   string   `json:"joined_at"`
	PremiumSince               *string  `json:"premium_since"`
	Deaf                       bool     `json:"deaf"`
	Mute                       bool     `json:"mute"`
	Flags                      int      `json:"flags"`
	Pending                    bool     `json:"pending"`
	Permissions                string   `json:"permissions"`
	CommunicationDisabledUntil *string  `json:"communication_disabled_until"`
}

// PartialMember is a member in resolved data: without user, deaf and mute.
type PartialMember struct {
	Nick         *string  `json:"nick"`
	Avatar       *string  `json:"avatar"`
	Roles        []string `json:"roles"`
	JoinedAt     string   `json:"joined_at"`
	PremiumSince *string  `json:"premium_since"`
	Flags        int      `json:"flags"`
	Pending      bool     `json:"pending"`
	Permissions  string   `json:"permissions"`
}

// Channel is the partial channel object sent with an interaction.
type Channel struct {
	ID          string                `json:"id"`
	Type        discordgo.ChannelType `json:"type"`
	Name        string                `json:"name,omitempty"`
	GuildID     string                `json:"guild_id,omitempty"`
	Permissions string                `json:"permissions,omitempty"`
}

// Resolved is the resolved data of an application command: the users and
// members its user options refer to, and the message a message command was
// used on.
type Resolved struct {
	Users    map[string]User            `json:"users,omitempty"`
	Members  map[string]PartialMember   `json:"members,omitempty"`
	Messages map[string]json.RawMessage `json:"messages,omitempty"`
}

// CommandOption is an application command interaction data option: a
// parameter with its value, or a subcommand with its options. Build one with
// StringOption, IntegerOption, NumberOption, BooleanOption, UserOption or
// SubcommandOption.
type CommandOption struct {
	Name    string                                 `json:"name"`
	Type    discordgo.ApplicationCommandOptionType `json:"type"`
	Value   any                                    `json:"value,omitempty"`
	Options []CommandOption                        `json:"options,omitempty"`
	Focused bool                                   `json:"focused,omitempty"`

	user *User // the user a user option refers to, for resolved data
}

// InteractionData is the "data" of an interaction: for application
// commands and autocomplete, id/name/type/options/resolved/guild_id; for
// message components, custom_id/component_type/values.
type InteractionData struct {
	ID            string                           `json:"id,omitempty"`
	Name          string                           `json:"name,omitempty"`
	Type          discordgo.ApplicationCommandType `json:"type,omitempty"`
	Resolved      *Resolved                        `json:"resolved,omitempty"`
	Options       []CommandOption                  `json:"options,omitempty"`
	GuildID       string                           `json:"guild_id,omitempty"`
	TargetID      string                           `json:"target_id,omitempty"`
	CustomID      string                           `json:"custom_id,omitempty"`
	ComponentType discordgo.ComponentType          `json:"component_type,omitempty"`
	Values        []string                         `json:"values,omitempty"`
}

// Interaction is an interaction object in the shape Discord sends it in
// INTERACTION_CREATE (and to an HTTP interactions endpoint). The builders
// fill every field; tests may change any of them before dispatching.
type Interaction struct {
	ID                           string                    `json:"id"`
	ApplicationID                string                    `json:"application_id"`
	Type                         discordgo.InteractionType `json:"type"`
	Data                         *InteractionData          `json:"data,omitempty"`
	GuildID                      string                    `json:"guild_id,omitempty"`
	Channel                      *Channel                  `json:"channel,omitempty"`
	ChannelID                    string                    `json:"channel_id,omitempty"`
	Member                       *Member                   `json:"member,omitempty"`
	User                         *User                     `json:"user,omitempty"`
	Token                        string                    `json:"token"`
	Version                      int                       `json:"version"`
	Message                      json.RawMessage           `json:"message,omitempty"`
	AppPermissions               string                    `json:"app_permissions"`
	Locale                       string                    `json:"locale,omitempty"`
	GuildLocale                  string                    `json:"guild_locale,omitempty"`
	Entitlements                 []json.RawMessage         `json:"entitlements"`
	AuthorizingIntegrationOwners map[string]string         `json:"authorizing_integration_owners"`
	Context                      int                       `json:"context"`
}

// StringOption returns a string (type 3) option.
func StringOption(name, value string) CommandOption {
	return CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: value}
}

// IntegerOption returns an integer (type 4) option.
func IntegerOption(name string, value int64) CommandOption {
	return CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionInteger, Value: value}
}

// NumberOption returns a number (type 10) option.
func NumberOption(name string, value float64) CommandOption {
	return CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionNumber, Value: value}
}

// BooleanOption returns a boolean (type 5) option.
func BooleanOption(name string, value bool) CommandOption {
	return CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionBoolean, Value: value}
}

// UserOption returns a user (type 6) option whose value is u's ID; the
// command builders add u to the resolved users (and members, in a guild).
func UserOption(name string, u User) CommandOption {
	return CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionUser, Value: u.ID, user: &u}
}

// SubcommandOption returns a subcommand (type 1) option holding opts.
func SubcommandOption(name string, opts ...CommandOption) CommandOption {
	return CommandOption{Name: name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}
}

// Focused marks o as the option the user is typing in, for Autocomplete.
// Its value is the partial input; during autocomplete Discord sends it as a
// string whatever the option's type.
func Focused(o CommandOption) CommandOption {
	o.Focused = true
	return o
}

// Command returns an APPLICATION_COMMAND (type 2) interaction for the chat
// input command name with opts, invoked in the fake's first guild and
// channel by the user DefaultUserID with DefaultMemberPermissions. data.id is the ID
// the command was registered with, if it was.
func (f *Fake) Command(name string, opts ...CommandOption) *Interaction {
	return f.command(discordgo.InteractionApplicationCommand, name, opts)
}

// MessageCommand returns an APPLICATION_COMMAND (type 2) interaction for
// the message (context-menu) command name, used on a new message that
// author posted with content in the fake's first channel: data.type is 3
// (MESSAGE), data.target_id the message's ID and data.resolved.messages
// holds the message, content included (Discord sends the content of a
// message command's target without the Message Content intent). The fake
// keeps the message, so Message finds it.
func (f *Fake) MessageCommand(name string, author User, content string) *Interaction {
	ix := f.newInteraction(discordgo.InteractionApplicationCommand)
	f.mu.Lock()
	cmdID, registeredIn := f.commandOfTypeLocked(ix.GuildID, name, discordgo.MessageApplicationCommand)
	m := f.newWireMessage(f.newIDLocked(), ix.ChannelID)
	m.Author, m.Content, m.ApplicationID = author, content, ""
	f.store[m.ID] = m
	raw, _ := json.Marshal(m)
	f.mu.Unlock()
	ix.Data = &InteractionData{
		ID: cmdID, Name: name, Type: discordgo.MessageApplicationCommand, GuildID: registeredIn, TargetID: m.ID,
		Resolved: &Resolved{Messages: map[string]json.RawMessage{m.ID: raw}},
	}
	f.track(ix)
	return ix
}

// Autocomplete returns an APPLICATION_COMMAND_AUTOCOMPLETE (type 4)
// interaction for command name; mark the option being typed with Focused.
func (f *Fake) Autocomplete(name string, opts ...CommandOption) *Interaction {
	return f.command(discordgo.InteractionApplicationCommandAutocomplete, name, opts)
}

func (f *Fake) command(typ discordgo.InteractionType, name string, opts []CommandOption) *Interaction {
	ix := f.newInteraction(typ)
	f.mu.Lock()
	cmdID, registeredIn := f.commandLocked(ix.GuildID, name)
	f.mu.Unlock()
	ix.Data = &InteractionData{ID: cmdID, Name: name, Type: discordgo.ChatApplicationCommand, Options: opts, GuildID: registeredIn}
	ix.resolve()
	f.track(ix)
	return ix
}

// Component returns a MESSAGE_COMPONENT (type 3) interaction for a click on
// the button with customID, on the message with messageID, which is
// included as "message": the fake's own copy if the fake created that
// message (e.g. an interaction's original response, see OriginalMessage),
// else a minimal message by the bot. For a select menu, set
// Data.ComponentType and Data.Values.
func (f *Fake) Component(customID, messageID string) *Interaction {
	ix := f.newInteraction(discordgo.InteractionMessageComponent)
	ix.Data = &InteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent}
	f.mu.Lock()
	m := f.store[messageID]
	if m == nil {
		if messageID == "" {
			messageID = f.newIDLocked()
		}
		m = f.newWireMessage(messageID, ix.ChannelID)
	}
	ix.Message, _ = json.Marshal(m)
	f.mu.Unlock()
	f.track(ix)
	return ix
}

// newInteraction returns an interaction of type typ with fresh ID and
// token, from the user DefaultUserID in the fake's first guild and channel.
func (f *Fake) newInteraction(typ discordgo.InteractionType) *Interaction {
	id := f.newID()
	u := defaultUser()
	return &Interaction{
		ID:            id,
		ApplicationID: f.cfg.appID,
		Type:          typ,
		GuildID:       f.GuildID(),
		Channel:       &Channel{ID: f.ChannelID(), Type: discordgo.ChannelTypeGuildText, Name: "general", GuildID: f.GuildID()},
		ChannelID:     f.ChannelID(),
		Member: &Member{
			User:        &u,
			Roles:       []string{},
			JoinedAt:    "2024-01-01T00:00:00.000000+00:00",
			Permissions: strconv.FormatInt(DefaultMemberPermissions, 10),
		},
		Token:          "fake-interaction-token-" + id,
		Version:        1,
		AppPermissions: strconv.FormatInt(DefaultMemberPermissions, 10),
		Locale:         "en-US",
		GuildLocale:    "en-US",
		Entitlements:   []json.RawMessage{},
		AuthorizingIntegrationOwners: map[string]string{
			"0": f.GuildID(), // installed to the guild
		},
		Context: 0, // guild
	}
}

// track records ix so that the fake can check the responses to it.
func (f *Fake) track(ix *Interaction) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.trackLocked(ix)
}

// resolve fills data.resolved from the user options.
func (ix *Interaction) resolve() {
	if ix.Data == nil {
		return
	}
	var walk func([]CommandOption)
	walk = func(opts []CommandOption) {
		for _, o := range opts {
			walk(o.Options)
			if o.user == nil {
				continue
			}
			if ix.Data.Resolved == nil {
				ix.Data.Resolved = &Resolved{Users: map[string]User{}}
			}
			ix.Data.Resolved.Users[o.user.ID] = *o.user
			if ix.GuildID != "" {
				if ix.Data.Resolved.Members == nil {
					ix.Data.Resolved.Members = map[string]PartialMember{}
				}
				ix.Data.Resolved.Members[o.user.ID] = PartialMember{
					Roles:       []string{},
					JoinedAt:    "2024-01-01T00:00:00.000000+00:00",
					Permissions: strconv.FormatInt(DefaultMemberPermissions, 10),
				}
			}
		}
	}
	walk(ix.Data.Options)
}

// WithPermissions sets the invoking member's permissions (e.g.
// DefaultMemberPermissions|discordgo.PermissionManageGuild) and returns ix.
func (ix *Interaction) WithPermissions(p int64) *Interaction {
	if ix.Member != nil {
		ix.Member.Permissions = strconv.FormatInt(p, 10)
	}
	return ix
}

// WithRoles sets the invoking member's role IDs and returns ix.
func (ix *Interaction) WithRoles(roleIDs ...string) *Interaction {
	if ix.Member != nil {
		ix.Member.Roles = append([]string{}, roleIDs...)
	}
	return ix
}

// WithUser sets the invoking user and returns ix.
func (ix *Interaction) WithUser(u User) *Interaction {
	if ix.Member != nil {
		ix.Member.User = &u
	} else {
		ix.User = &u
	}
	return ix
}

// WithLocale sets the invoking user's locale (e.g. "uk") and returns ix.
func (ix *Interaction) WithLocale(locale string) *Interaction {
	ix.Locale = locale
	return ix
}

// InDM turns ix into one invoked in the bot's DM with the invoking user:
// no guild_id, guild_locale or member, but user; context 1. It returns ix.
func (ix *Interaction) InDM() *Interaction {
	u := defaultUser()
	if ix.Member != nil && ix.Member.User != nil {
		u = *ix.Member.User
	}
	ix.GuildID, ix.GuildLocale, ix.Member, ix.User = "", "", nil, &u
	ix.Channel = &Channel{ID: ix.ChannelID, Type: discordgo.ChannelTypeDM}
	ix.AuthorizingIntegrationOwners = map[string]string{"0": "0"} // guild install, used in the bot's DM
	ix.Context = 1
	if ix.Data != nil {
		ix.Data.GuildID = ""
		if ix.Data.Resolved != nil {
			ix.Data.Resolved.Members = nil
		}
	}
	return ix
}
