package fakediscord

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"
)

// tracked is what the fake knows of an interaction, by token.
type tracked struct {
	id, token, channelID string
	typ                  discordgo.InteractionType // 0 when the fake never saw the interaction
	messageID            string                    // components: the message the component is on
	acked                bool
	originalID           string // the message @original refers to
}

// trackLocked records ix so that responses to it are checked. f.mu must be
// held.
func (f *Fake) trackLocked(ix *Interaction) {
	tr := &tracked{id: ix.ID, token: ix.Token, channelID: ix.ChannelID, typ: ix.Type}
	if old := f.interactions[ix.Token]; old != nil && old.id == ix.ID {
		tr.acked, tr.originalID = old.acked, old.originalID
	}
	if ix.Type == discordgo.InteractionMessageComponent {
		var m struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(ix.Message, &m) == nil {
			tr.messageID = m.ID
		}
	}
	if tr.channelID == "" {
		tr.channelID = f.ChannelID()
	}
	f.interactions[ix.Token] = tr
}

// lookupLocked returns the interaction with token, creating an entry for a
// token the fake never saw (an unknown interaction is accepted as is). f.mu
// must be held.
func (f *Fake) lookupLocked(token string) *tracked {
	tr := f.interactions[token]
	if tr == nil {
		tr = &tracked{token: token, channelID: f.ChannelID()}
		f.interactions[token] = tr
	}
	return tr
}

// allowedResponses lists the response types Discord accepts per interaction
// type.
var allowedResponses = map[discordgo.InteractionType][]discordgo.InteractionResponseType{
	discordgo.InteractionApplicationCommand: {
		discordgo.InteractionResponseChannelMessageWithSource,
		discordgo.InteractionResponseDeferredChannelMessageWithSource,
		discordgo.InteractionResponseModal,
	},
	discordgo.InteractionMessageComponent: {
		discordgo.InteractionResponseChannelMessageWithSource,
		discordgo.InteractionResponseDeferredChannelMessageWithSource,
		discordgo.InteractionResponseDeferredMessageUpdate,
		discordgo.InteractionResponseUpdateMessage,
		discordgo.InteractionResponseModal,
	},
	discordgo.InteractionApplicationCommandAutocomplete: {
		discordgo.InteractionApplicationCommandAutocompleteResult,
	},
	discordgo.InteractionModalSubmit: {
		discordgo.InteractionResponseChannelMessageWithSource,
		discordgo.InteractionResponseDeferredChannelMessageWithSource,
		discordgo.InteractionResponseDeferredMessageUpdate,
		discordgo.InteractionResponseUpdateMessage,
	},
}

// postCallback serves POST interactions/{id}/{token}/callback.
func (f *Fake) postCallback(c *call) (int, any, error) {
	if _, err := f.respond(c.seg[1], c.seg[2], c.payload, c.files); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, nil
}

// AcceptResponse processes an interaction response the bot returned in the
// body of its HTTP interactions endpoint, exactly as if it had been posted
// to the callback route: it is checked, recorded in Responses, and creates
// the original message that later edits and followups refer to. The error is
// the fake's refusal, if any.
func (f *Fake) AcceptResponse(ix *Interaction, body []byte) (Response, error) {
	r, err := f.respond(ix.ID, ix.Token, body, nil)
	if err != nil {
		return r, fmt.Errorf("accept response to interaction %s: %w", ix.ID, err)
	}
	return r, nil
}

// respond checks and records an interaction response.
func (f *Fake) respond(id, token string, payload []byte, files []File) (Response, error) {
	var body struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if err := json.Unmarshal(payload, &body); err != nil {
		return Response{}, fmt.Errorf("decode interaction response: %w", err)
	}
	data, err := decodeData(body.Data)
	if err != nil {
		return Response{}, err
	}
	if errs := validateMessage(body.Data, "data"); len(errs) > 0 {
		return Response{}, invalidForm(errs)
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	tr := f.lookupLocked(token)
	switch {
	case tr.id == "":
		tr.id = id
	case tr.id != id:
		return Response{}, errUnknownIx
	}
	if tr.acked {
		return Response{}, errAlreadyAcked
	}
	if allowed, known := allowedResponses[tr.typ]; (known && !slices.Contains(allowed, body.Type)) || body.Type == discordgo.InteractionResponsePong {
		return Response{}, invalidForm([]fieldError{{[]string{"type"}, "INTERACTION_RESPONSE_TYPE_INVALID",
			fmt.Sprintf("Interaction response type %d is not valid for interaction type %d", body.Type, tr.typ)}})
	}

	var w wireBody
	if len(body.Data) > 0 {
		if err := json.Unmarshal(body.Data, &w); err != nil {
			return Response{}, fmt.Errorf("decode interaction response data: %w", err)
		}
	}
	switch body.Type {
	case discordgo.InteractionResponseChannelMessageWithSource:
		m := f.newWireMessage(f.newIDLocked(), tr.channelID)
		m.apply(w, files)
		if m.empty() {
			return Response{}, errEmptyMessage
		}
		m.Type = messageTypeChatInput
		if tr.typ == discordgo.InteractionMessageComponent {
			m.Type = messageTypeDefault
		}
		f.store[m.ID] = m
		tr.originalID = m.ID
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		m := f.newWireMessage(f.newIDLocked(), tr.channelID)
		m.Type = messageTypeChatInput
		if w.Flags != nil {
			m.Flags = *w.Flags
		}
		m.Flags |= messageFlagLoading
		f.store[m.ID] = m
		tr.originalID = m.ID
	case discordgo.InteractionResponseDeferredMessageUpdate:
		tr.originalID = f.componentMessageLocked(tr).ID
	case discordgo.InteractionResponseUpdateMessage:
		m := f.componentMessageLocked(tr)
		m = m.edited(w, files)
		if m.empty() {
			return Response{}, errEmptyMessage
		}
		f.store[m.ID] = m
		tr.originalID = m.ID
	}
	tr.acked = true
	r := Response{InteractionID: id, Token: token, Type: body.Type, Data: data, Files: files, Body: json.RawMessage(payload)}
	f.responses = append(f.responses, r)
	f.notifyLocked()
	return r, nil
}

// componentMessageLocked returns the message a component interaction came
// from, creating an empty one if the fake does not know it. f.mu must be
// held.
func (f *Fake) componentMessageLocked(tr *tracked) *wireMessage {
	if m := f.store[tr.messageID]; m != nil {
		return m
	}
	id := tr.messageID
	if id == "" {
		id = f.newIDLocked()
		tr.messageID = id
	}
	m := f.newWireMessage(id, tr.channelID)
	f.store[id] = m
	return m
}

// edited returns a copy of m with b applied, no longer loading, and marked
// edited unless it was a deferral's placeholder.
func (m *wireMessage) edited(b wireBody, files []File) *wireMessage {
	c := *m
	wasLoading := c.Flags&messageFlagLoading != 0
	c.apply(b, files)
	c.Flags &^= messageFlagLoading
	if !wasLoading {
		ts := timestamp(time.Now())
		c.EditedTimestamp = &ts
	}
	return &c
}

// webhookLocked checks the application ID of a webhooks/{app}/{token} route
// and returns the interaction for the token. f.mu must be held.
func (f *Fake) webhookLocked(c *call) (*tracked, error) {
	if c.seg[1] != f.cfg.appID {
		return nil, errUnknownHook
	}
	tr := f.lookupLocked(c.seg[2])
	if tr.typ != 0 && !tr.acked {
		// Discord only opens the webhook once the interaction is acknowledged.
		return nil, errUnknownHook
	}
	return tr, nil
}

// webhookMessageLocked checks the webhook of a
// webhooks/{app}/{token}/messages/{id} route, as webhookLocked does, and
// resolves its {id} (which may be @original) to a stored message ID.
// f.mu must be held.
func (f *Fake) webhookMessageLocked(c *call) (string, error) {
	tr, err := f.webhookLocked(c)
	if err != nil {
		return "", err
	}
	id := c.seg[4]
	if id == "@original" {
		if tr.originalID == "" {
			if tr.typ != 0 {
				return "", errUnknownMsg
			}
			// An interaction the fake never saw (e.g. answered over HTTP
			// without AcceptResponse): give it a placeholder.
			m := f.newWireMessage(f.newIDLocked(), tr.channelID)
			m.Type = messageTypeChatInput
			m.Flags = messageFlagLoading
			f.store[m.ID] = m
			tr.originalID = m.ID
		}
		return tr.originalID, nil
	}
	if f.store[id] == nil {
		return "", errUnknownMsg
	}
	return id, nil
}

// postFollowup serves POST webhooks/{app}/{token}[?wait=true].
func (f *Fake) postFollowup(c *call) (int, any, error) {
	w, data, err := decodeBody(c.payload)
	if err != nil {
		return 0, nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	tr, err := f.webhookLocked(c)
	if err != nil {
		return 0, nil, err
	}
	m := f.newWireMessage(f.newIDLocked(), tr.channelID)
	m.apply(w, c.files)
	if m.empty() {
		return 0, nil, errEmptyMessage
	}
	m.WebhookID = f.cfg.appID
	f.store[m.ID] = m
	f.followups = append(f.followups, Followup{
		ApplicationID: c.seg[1], Token: c.seg[2], MessageID: m.ID,
		Data: data, Files: c.files, Body: json.RawMessage(c.payload),
	})
	f.notifyLocked()
	if len(c.query["wait"]) == 0 || c.query["wait"][0] != "true" {
		return http.StatusNoContent, nil, nil
	}
	return http.StatusOK, *m, nil
}

// getWebhookMessage serves GET webhooks/{app}/{token}/messages/{id}.
func (f *Fake) getWebhookMessage(c *call) (int, any, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id, err := f.webhookMessageLocked(c)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, *f.store[id], nil
}

// patchWebhookMessage serves PATCH webhooks/{app}/{token}/messages/{id}.
func (f *Fake) patchWebhookMessage(c *call) (int, any, error) {
	w, data, err := decodeBody(c.payload)
	if err != nil {
		return 0, nil, err
	}
	w.Flags = nil // only SUPPRESS_EMBEDS may change on edit; keep the rest
	f.mu.Lock()
	defer f.mu.Unlock()
	id, err := f.webhookMessageLocked(c)
	if err != nil {
		return 0, nil, err
	}
	m := f.store[id].edited(w, c.files)
	if m.empty() {
		return 0, nil, errEmptyMessage
	}
	f.store[id] = m
	f.edits = append(f.edits, Edit{
		ApplicationID: c.seg[1], Token: c.seg[2], MessageID: c.seg[4],
		Data: data, Files: c.files, Body: json.RawMessage(c.payload),
	})
	f.notifyLocked()
	return http.StatusOK, *m, nil
}

// deleteWebhookMessage serves DELETE webhooks/{app}/{token}/messages/{id}.
func (f *Fake) deleteWebhookMessage(c *call) (int, any, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id, err := f.webhookMessageLocked(c)
	if err != nil {
		return 0, nil, err
	}
	delete(f.store, id)
	f.notifyLocked()
	return http.StatusNoContent, nil, nil
}

// postChannelMessage serves POST channels/{id}/messages.
func (f *Fake) postChannelMessage(c *call) (int, any, error) {
	w, data, err := decodeBody(c.payload)
	if err != nil {
		return 0, nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	m := f.newWireMessage(f.newIDLocked(), c.seg[1])
	m.apply(w, c.files)
	if m.empty() {
		return 0, nil, errEmptyMessage
	}
	m.ApplicationID = ""
	f.store[m.ID] = m
	f.messages = append(f.messages, ChannelMessage{
		ChannelID: c.seg[1], MessageID: m.ID, Data: data, Files: c.files, Body: json.RawMessage(c.payload),
	})
	f.notifyLocked()
	return http.StatusOK, *m, nil
}

// decodeBody validates a message-shaped request body and decodes it both as
// sent and for the recorded view. An empty body decodes as an empty message.
func decodeBody(payload []byte) (wireBody, MessageData, error) {
	var w wireBody
	if errs := validateMessage(payload); len(errs) > 0 {
		return w, MessageData{}, invalidForm(errs)
	}
	data, err := decodeData(payload)
	if err != nil {
		return w, data, err
	}
	if len(payload) > 0 {
		if err := json.Unmarshal(payload, &w); err != nil {
			return w, data, fmt.Errorf("decode message body: %w", err)
		}
	}
	return w, data, nil
}
