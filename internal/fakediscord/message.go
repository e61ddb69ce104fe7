package fakediscord

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
)

// MessageData is the message-shaped part of what the bot sent: the "data" of
// an interaction response, or the body of an edit, followup or channel
// message, decoded with discordgo's types.
type MessageData struct {
	Content         string                                      `json:"content"`
	Embeds          []*discordgo.MessageEmbed                   `json:"embeds"`
	Components      []discordgo.MessageComponent                `json:"-"`
	Flags           discordgo.MessageFlags                      `json:"flags"`
	TTS             bool                                        `json:"tts"`
	AllowedMentions *discordgo.MessageAllowedMentions           `json:"allowed_mentions"`
	Attachments     []*discordgo.MessageAttachment              `json:"attachments"`
	Choices         []*discordgo.ApplicationCommandOptionChoice `json:"choices"`   // autocomplete results
	CustomID        string                                      `json:"custom_id"` // modals
	Title           string                                      `json:"title"`     // modals
}

// Ephemeral reports whether the EPHEMERAL flag (1<<6) is set.
func (d MessageData) Ephemeral() bool { return d.Flags&discordgo.MessageFlagsEphemeral != 0 }

// UnmarshalJSON decodes d, including its components, which discordgo's
// MessageComponent interface cannot decode by itself.
func (d *MessageData) UnmarshalJSON(b []byte) error {
	type plain MessageData
	var v struct {
		plain
		Components []json.RawMessage `json:"components"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*d = MessageData(v.plain)
	for i, raw := range v.Components {
		c, err := discordgo.MessageComponentFromJSON(raw)
		if err != nil {
			return fmt.Errorf("component %d: %w", i, err)
		}
		d.Components = append(d.Components, c)
	}
	return nil
}

// wireBody is a message-shaped request body as sent. Pointers tell fields
// that are absent (or null) from empty ones, which matters for PATCH.
type wireBody struct {
	Content     *string            `json:"content"`
	Embeds      *[]json.RawMessage `json:"embeds"`
	Components  *[]json.RawMessage `json:"components"`
	Flags       *int               `json:"flags"`
	TTS         bool               `json:"tts"`
	Attachments *[]json.RawMessage `json:"attachments"`
}

// wireMessage is a message object as Discord's REST API returns it.
type wireMessage struct {
	ID              string            `json:"id"`
	Type            int               `json:"type"`
	ChannelID       string            `json:"channel_id"`
	Author          User              `json:"author"`
	Content         string            `json:"content"`
	Timestamp       string            `json:"timestamp"`
	EditedTimestamp *string           `json:"edited_timestamp"`
	TTS             bool              `json:"tts"`
	MentionEveryone bool              `json:"mention_everyone"`
	Mentions        []User            `json:"mentions"`
	MentionRoles    []string          `json:"mention_roles"`
	Attachments     []json.RawMessage `json:"attachments"`
	Embeds          []json.RawMessage `json:"embeds"`
	Pinned          bool              `json:"pinned"`
	Flags           int               `json:"flags"`
	Components      []json.RawMessage `json:"components"`
	ApplicationID   string            `json:"application_id,omitempty"`
	WebhookID       string            `json:"webhook_id,omitempty"`
}

// Message types and flags the fake uses.
const (
	messageTypeDefault   = 0
	messageTypeChatInput = 20
	messageFlagLoading   = 1 << 7
)

// timestamp formats t the way Discord does.
func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000+00:00") }

// newWireMessage returns an empty message by the bot in channelID.
func (f *Fake) newWireMessage(id, channelID string) *wireMessage {
	return &wireMessage{
		ID:            id,
		ChannelID:     channelID,
		Author:        f.botUser(),
		Timestamp:     timestamp(time.Now()),
		Mentions:      []User{},
		MentionRoles:  []string{},
		Attachments:   []json.RawMessage{},
		Embeds:        []json.RawMessage{},
		Components:    []json.RawMessage{},
		ApplicationID: f.cfg.appID,
	}
}

// apply copies the fields present in b (and the uploaded files) onto m.
func (m *wireMessage) apply(b wireBody, files []File) {
	if b.Content != nil {
		m.Content = *b.Content
	}
	if b.Embeds != nil {
		m.Embeds = make([]json.RawMessage, 0, len(*b.Embeds))
		for _, e := range *b.Embeds {
			m.Embeds = append(m.Embeds, normalizeEmbed(e))
		}
	}
	if b.Components != nil {
		m.Components = append([]json.RawMessage{}, *b.Components...)
	}
	if b.Flags != nil {
		m.Flags = *b.Flags
	}
	m.TTS = m.TTS || b.TTS
	if b.Attachments != nil || len(files) > 0 {
		m.Attachments = []json.RawMessage{}
		for i, fl := range files {
			a, _ := json.Marshal(map[string]any{
				"id":           fmt.Sprintf("%s%d", m.ID, i),
				"filename":     fl.Name,
				"size":         len(fl.Data),
				"url":          "https://cdn.discordapp.com/attachments/" + m.ChannelID + "/" + m.ID + "/" + fl.Name,
				"proxy_url":    "https://media.discordapp.net/attachments/" + m.ChannelID + "/" + m.ID + "/" + fl.Name,
				"content_type": fl.ContentType,
			})
			m.Attachments = append(m.Attachments, a)
		}
	}
}

// empty reports whether m has nothing to show, which Discord refuses with
// 50006 "Cannot send an empty message".
func (m *wireMessage) empty() bool {
	return m.Content == "" && len(m.Embeds) == 0 && len(m.Components) == 0 && len(m.Attachments) == 0
}

// normalizeEmbed adds "type":"rich" to an embed that lacks a type, as
// Discord does.
func normalizeEmbed(raw json.RawMessage) json.RawMessage {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil || m == nil {
		return raw
	}
	if _, ok := m["type"]; ok {
		return raw
	}
	m["type"] = json.RawMessage(`"rich"`)
	b, err := json.Marshal(m)
	if err != nil {
		return raw
	}
	return b
}

// decodeData decodes a message-shaped JSON object for the recorded view.
func decodeData(raw json.RawMessage) (MessageData, error) {
	var d MessageData
	if len(raw) == 0 || string(raw) == "null" {
		return d, nil
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		return d, fmt.Errorf("decode message data: %w", err)
	}
	return d, nil
}
