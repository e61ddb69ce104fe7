package fakediscord

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"

	"github.com/bwmarrin/discordgo"
)

// Request is one HTTP request the fake received, whatever its outcome.
type Request struct {
	Method string
	// Path is the route below the API prefix, e.g.
	// "interactions/123/tok/callback"; for requests outside /api/ it is the
	// full URL path.
	Path string
	// APIVersion is "9" or "10" from /api/vN/, or "" when absent.
	APIVersion string
	Query      url.Values
	// Authorized reports whether the Authorization header was "Bot <token>".
	Authorized bool
	Body       []byte
	// Status is the HTTP status the fake answered.
	Status int
	// Unhandled reports that the fake does not serve the route (it answered
	// 404).
	Unhandled bool
	// Error is the JSON error message the fake answered with, if any.
	Error string
}

// File is a file uploaded in a multipart request.
type File struct {
	Name        string
	ContentType string
	Data        []byte
}

// Response is an interaction response the bot sent, to
// POST interactions/{id}/{token}/callback (or handed to AcceptResponse).
type Response struct {
	InteractionID string
	Token         string
	Type          discordgo.InteractionResponseType
	// Data is the decoded "data" object, zero when absent (e.g. a bare
	// deferral).
	Data  MessageData
	Files []File
	// Body is the JSON body as sent (payload_json for multipart requests).
	Body json.RawMessage
}

// Edit is an edit of an interaction's original response or of a followup,
// PATCH webhooks/{app}/{token}/messages/{id}.
type Edit struct {
	ApplicationID string
	Token         string
	// MessageID is "@original" or a followup message ID.
	MessageID string
	// Data holds the fields present in the PATCH body; Body tells absent
	// from empty.
	Data  MessageData
	Files []File
	Body  json.RawMessage
}

// Followup is a followup message, POST webhooks/{app}/{token}.
type Followup struct {
	ApplicationID string
	Token         string
	// MessageID is the ID the fake gave the message.
	MessageID string
	Data      MessageData
	Files     []File
	Body      json.RawMessage
}

// ChannelMessage is a message sent with POST channels/{id}/messages.
type ChannelMessage struct {
	ChannelID string
	MessageID string
	Data      MessageData
	Files     []File
	Body      json.RawMessage
}

// CommandOverwrite is one bulk overwrite of application commands,
// PUT applications/{app}/commands or
// PUT applications/{app}/guilds/{guild}/commands.
type CommandOverwrite struct {
	ApplicationID string
	// GuildID is "" for global commands.
	GuildID string
	// Commands are the commands as the fake returned them, with IDs.
	Commands []*discordgo.ApplicationCommand
	Body     json.RawMessage
}

// Identify is a gateway Identify (op 2) the fake received. (discordgo's own
// Identify type cannot decode what discordgo sends, so the fake keeps
// these fields.)
type Identify struct {
	Token          string           `json:"token"`
	Intents        discordgo.Intent `json:"intents"`
	Shard          *[2]int          `json:"shard"`
	Compress       bool             `json:"compress"`
	LargeThreshold int              `json:"large_threshold"`
	// Properties holds the connection properties, with the keys as sent
	// ("os" in v10, "$os" from discordgo v0.29).
	Properties map[string]string `json:"properties"`
	Presence   json.RawMessage   `json:"presence"`
}

// Resume is a gateway Resume (op 6) the fake received.
type Resume struct {
	Token     string
	SessionID string
	Seq       int64
}

// Requests returns every HTTP request received so far, in order.
func (f *Fake) Requests() []Request { return snapshot(f, &f.requests) }

// Unhandled returns the requests to routes the fake does not serve; they
// were answered 404.
func (f *Fake) Unhandled() []Request {
	return filter(f.Requests(), func(r Request) bool { return r.Unhandled })
}

// Rejected returns the requests the fake answered with a 4xx status other
// than an unknown route: missing authorization, an invalid body (Discord's
// 50035 "Invalid Form Body", e.g. content over 2000 characters), a second
// acknowledgement of an interaction, an unknown webhook or message.
func (f *Fake) Rejected() []Request {
	return filter(f.Requests(), func(r Request) bool {
		return r.Status >= 400 && r.Status < 500 && !r.Unhandled
	})
}

// Responses returns the interaction responses received so far, in order.
func (f *Fake) Responses() []Response { return snapshot(f, &f.responses) }

// Edits returns the webhook message edits received so far, in order.
func (f *Fake) Edits() []Edit { return snapshot(f, &f.edits) }

// Followups returns the followup messages received so far, in order.
func (f *Fake) Followups() []Followup { return snapshot(f, &f.followups) }

// Messages returns the channel messages received so far, in order.
func (f *Fake) Messages() []ChannelMessage { return snapshot(f, &f.messages) }

// Commands returns every bulk command overwrite received so far, in order.
func (f *Fake) Commands() []CommandOverwrite { return snapshot(f, &f.overwrites) }

// RegisteredCommands returns the commands currently registered for guildID
// ("" for global ones).
func (f *Fake) RegisteredCommands(guildID string) []*discordgo.ApplicationCommand {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.commands[guildID])
}

// OriginalMessage returns the message an interaction's response created
// (after a deferral, the placeholder until it is edited), as discordgo
// parses the fake's JSON for it.
func (f *Fake) OriginalMessage(token string) (*discordgo.Message, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	tr := f.interactions[token]
	if tr == nil || tr.originalID == "" {
		return nil, false
	}
	return f.messageLocked(tr.originalID)
}

// Message returns a message the fake created (an interaction response, a
// followup or a channel message) by ID, with every edit applied.
func (f *Fake) Message(id string) (*discordgo.Message, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.messageLocked(id)
}

func (f *Fake) messageLocked(id string) (*discordgo.Message, bool) {
	w := f.store[id]
	if w == nil {
		return nil, false
	}
	b, err := json.Marshal(w)
	if err != nil {
		return nil, false
	}
	var m discordgo.Message
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, false
	}
	return &m, true
}

// WaitResponse waits for the first response to the interaction with the
// given ID. On timeout the error wraps ctx.Err().
func (f *Fake) WaitResponse(ctx context.Context, interactionID string) (Response, error) {
	return waitFirst(ctx, f, "response to interaction "+interactionID, f.Responses, func(r Response) bool { return r.InteractionID == interactionID })
}

// WaitEdit waits for the first edit made with the given interaction token.
// On timeout the error wraps ctx.Err().
func (f *Fake) WaitEdit(ctx context.Context, token string) (Edit, error) {
	return waitFirst(ctx, f, "edit of interaction token "+token, f.Edits, func(e Edit) bool { return e.Token == token })
}

// WaitFollowup waits for the first followup sent with the given interaction
// token. On timeout the error wraps ctx.Err().
func (f *Fake) WaitFollowup(ctx context.Context, token string) (Followup, error) {
	return waitFirst(ctx, f, "followup of interaction token "+token, f.Followups, func(m Followup) bool { return m.Token == token })
}

// WaitMessage waits for the first message sent to the given channel. On
// timeout the error wraps ctx.Err().
func (f *Fake) WaitMessage(ctx context.Context, channelID string) (ChannelMessage, error) {
	return waitFirst(ctx, f, "message in channel "+channelID, f.Messages, func(m ChannelMessage) bool { return m.ChannelID == channelID })
}

// WaitCommands waits for the first bulk command overwrite and returns it.
// On timeout the error wraps ctx.Err().
func (f *Fake) WaitCommands(ctx context.Context) (CommandOverwrite, error) {
	return waitFirst(ctx, f, "command registration", f.Commands, func(CommandOverwrite) bool { return true })
}

// waitFirst waits until list holds an element matching match and returns
// the first one. On timeout the error reads "wait for " + what and wraps
// ctx.Err().
func waitFirst[T any](ctx context.Context, f *Fake, what string, list func() []T, match func(T) bool) (T, error) {
	var found T
	err := f.Wait(ctx, func() bool {
		for _, v := range list() {
			if match(v) {
				found = v
				return true
			}
		}
		return false
	})
	if err != nil {
		return found, fmt.Errorf("wait for %s: %w", what, err)
	}
	return found, nil
}

// snapshot copies a recorded slice under the fake's lock.
func snapshot[T any](f *Fake, s *[]T) []T {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(*s)
}

func filter[T any](s []T, keep func(T) bool) []T {
	var out []T
	for _, v := range s {
		if keep(v) {
			out = append(out, v)
		}
	}
	return out
}
