package fakediscord_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/internal/fakediscord"
)

// call sends a request to the fake's API base and decodes the JSON answer
// (nil for an empty body).
func call(t *testing.T, f *fakediscord.Fake, method, path, body string, auth bool) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, f.APIBase()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth {
		req.Header.Set("Authorization", "Bot "+f.Token())
	}
	resp, err := f.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if len(b) > 0 {
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatalf("%s %s answered %q: %v", method, path, b, err)
		}
	}
	return resp.StatusCode, out
}

// lookup walks a decoded JSON value along keys.
func lookup(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func TestRESTAnswers(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("я", 2001)
	tests := []struct {
		name       string
		method     string
		path       string
		body       string
		auth       bool
		wantStatus int
		wantCode   float64 // Discord's JSON error code; 0 for none
		wantAt     []string
	}{
		{"gateway without auth", "GET", "gateway", "", false, 200, 0, nil},
		{"gateway bot needs auth", "GET", "gateway/bot", "", false, 401, 0, nil},
		{"unknown route", "GET", "guilds/1/members", "", true, 404, 0, nil},
		{"channel message without auth", "POST", "channels/1/messages", `{"content":"hi"}`, false, 401, 0, nil},
		{"content too long", "POST", "channels/1/messages", `{"content":"` + long + `"}`, true, 400, 50035, []string{"errors", "content", "_errors"}},
		{"empty message", "POST", "channels/1/messages", `{"content":""}`, true, 400, 50006, nil},
		{"not JSON", "POST", "channels/1/messages", `{"content":`, true, 400, 50109, nil},
		{"too many embeds", "POST", "channels/1/messages", `{"embeds":[{},{},{},{},{},{},{},{},{},{},{}]}`, true, 400, 50035, []string{"errors", "embeds", "_errors"}},
		{"empty field value", "POST", "channels/1/messages", `{"embeds":[{"fields":[{"name":"a","value":""}]}]}`, true, 400, 50035, []string{"errors", "embeds", "0", "fields", "0", "value", "_errors"}},
		{"duplicate custom_id", "POST", "channels/1/messages", `{"content":"x","components":[{"type":1,"components":[{"type":2,"style":1,"label":"a","custom_id":"c"},{"type":2,"style":1,"label":"b","custom_id":"c"}]}]}`, true, 400, 50035, []string{"errors", "components", "0", "components", "1", "custom_id", "_errors"}},
		{"commands of another application", "PUT", "applications/42/commands", `[]`, true, 404, 10002, nil},
		{"invalid command name", "PUT", "applications/" + fakediscord.DefaultApplicationID + "/commands", `[{"name":"Ask","description":"d"}]`, true, 400, 50035, []string{"errors", "0", "name", "_errors"}},
		{"required option after optional", "PUT", "applications/" + fakediscord.DefaultApplicationID + "/commands",
			`[{"name":"ask","description":"d","options":[{"type":3,"name":"a","description":"d"},{"type":3,"name":"b","description":"d","required":true}]}]`,
			true, 400, 50035, []string{"errors", "0", "options", "1", "required", "_errors"}},
		{"webhook of another application", "POST", "webhooks/42/tok", `{"content":"x"}`, false, 404, 10015, nil},
		{"unknown followup message", "PATCH", "webhooks/" + fakediscord.DefaultApplicationID + "/tok/messages/123", `{"content":"x"}`, false, 404, 10008, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := fakediscord.New(t)
			status, body := call(t, f, tt.method, tt.path, tt.body, tt.auth)
			if status != tt.wantStatus {
				t.Fatalf("%s %s = %d %v; want %d", tt.method, tt.path, status, body, tt.wantStatus)
			}
			if code, _ := body["code"].(float64); tt.wantStatus >= 400 && code != tt.wantCode {
				t.Errorf("%s %s code = %v; want %v (body %v)", tt.method, tt.path, body["code"], tt.wantCode, body)
			}
			if tt.wantAt != nil && lookup(body, tt.wantAt...) == nil {
				t.Errorf("%s %s body = %v; want an error at %v", tt.method, tt.path, body, tt.wantAt)
			}
			reqs := f.Requests()
			if len(reqs) != 1 || reqs[0].Status != status || reqs[0].Path != tt.path || reqs[0].Authorized != tt.auth {
				t.Errorf("Requests() = %+v; want the one request with status %d", reqs, status)
			}
			if unhandled := len(f.Unhandled()) == 1; unhandled != (tt.name == "unknown route") {
				t.Errorf("Unhandled() = %+v", f.Unhandled())
			}
			if rejected := len(f.Rejected()) == 1; rejected != (status >= 400 && tt.name != "unknown route") {
				t.Errorf("Rejected() = %+v", f.Rejected())
			}
		})
	}
}

func TestGatewayLookupAnswersTheFake(t *testing.T) {
	t.Parallel()
	f := fakediscord.New(t)
	for _, path := range []string{"/api/v9/gateway", "/api/v10/gateway/bot", "/api/gateway"} {
		req, _ := http.NewRequestWithContext(t.Context(), "GET", "https://discord.com"+path, nil)
		req.Header.Set("Authorization", "Bot "+f.Token())
		resp, err := f.Client().Do(req) // rewritten to the fake
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		var body struct {
			URL    string `json:"url"`
			Shards int    `json:"shards"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil || body.URL != f.GatewayURL() {
			t.Errorf("GET %s = %+v, %v; want url %s", path, body, err, f.GatewayURL())
		}
		if strings.HasSuffix(path, "/bot") && body.Shards != 1 {
			t.Errorf("GET %s shards = %d; want 1", path, body.Shards)
		}
	}
}

// interactionOf is what discordgo needs to answer ix over REST.
func interactionOf(ix *fakediscord.Interaction) *discordgo.Interaction {
	return &discordgo.Interaction{ID: ix.ID, AppID: ix.ApplicationID, Token: ix.Token, Type: ix.Type}
}

func TestInteractionResponseChecks(t *testing.T) {
	t.Parallel()
	f := fakediscord.New(t)
	s := f.NewSession(t)
	message := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "hi"},
	}

	// Editing or following up before the interaction is acknowledged.
	ix := f.Command("ask")
	content := "early"
	if _, err := s.InteractionResponseEdit(interactionOf(ix), &discordgo.WebhookEdit{Content: &content}); !isRESTCode(err, 10015) {
		t.Errorf("edit before acknowledging = %v; want Unknown Webhook (10015)", err)
	}
	if err := s.InteractionRespond(interactionOf(ix), message); err != nil {
		t.Fatalf("InteractionRespond() = %v", err)
	}
	if err := s.InteractionRespond(interactionOf(ix), message); !isRESTCode(err, 40060) {
		t.Errorf("second InteractionRespond() = %v; want already acknowledged (40060)", err)
	}
	if n := len(f.Responses()); n != 1 {
		t.Errorf("%d responses recorded; want 1", n)
	}

	// Autocomplete takes choices only.
	ac := f.Autocomplete("point", fakediscord.Focused(fakediscord.StringOption("number", "")))
	if err := s.InteractionRespond(interactionOf(ac), message); !isRESTCode(err, 50035) {
		t.Errorf("message answer to autocomplete = %v; want Invalid Form Body (50035)", err)
	}

	// Embed limits are checked below "data".
	big := f.Command("ask")
	err := s.InteractionRespond(interactionOf(big), &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{Description: strings.Repeat("x", 4097)}}},
	})
	var re *discordgo.RESTError
	if !isRESTCode(err, 50035) || !errors.As(err, &re) || !bytes.Contains(re.ResponseBody, []byte(`"description":{"_errors"`)) {
		t.Errorf("4097-character description = %v; want 50035 at data.embeds.0.description", err)
	}
	if r := f.Rejected(); len(r) != 4 {
		t.Errorf("Rejected() has %d requests; want 4: %+v", len(r), r)
	}
}

func isRESTCode(err error, code int) bool {
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Message != nil && re.Message.Code == code
}

func TestFollowupsAndFiles(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	f := fakediscord.New(t)
	s := f.NewSession(t)
	ix := f.Command("sources")

	err := s.InteractionRespond(interactionOf(ix), &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content: "attached",
			Files:   []*discordgo.File{{Name: "plan.txt", ContentType: "text/plain", Reader: strings.NewReader("28 points")}},
		},
	})
	if err != nil {
		t.Fatalf("InteractionRespond() with a file = %v", err)
	}
	resp, err := f.WaitResponse(ctx, ix.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Files) != 1 || resp.Files[0].Name != "plan.txt" || string(resp.Files[0].Data) != "28 points" || resp.Data.Content != "attached" {
		t.Errorf("response = %+v; want content and plan.txt", resp)
	}
	if m, ok := f.OriginalMessage(ix.Token); !ok || len(m.Attachments) != 1 || m.Attachments[0].Filename != "plan.txt" {
		t.Errorf("OriginalMessage() = %+v; want one attachment", m)
	}

	// Without wait, Discord answers 204 and discordgo returns no message.
	if m, err := s.FollowupMessageCreate(interactionOf(ix), false, &discordgo.WebhookParams{Content: "later", Flags: discordgo.MessageFlagsEphemeral}); err != nil || m != nil {
		t.Errorf("FollowupMessageCreate(wait=false) = %+v, %v; want nil, nil", m, err)
	}
	fu, err := f.WaitFollowup(ctx, ix.Token)
	if err != nil {
		t.Fatal(err)
	}
	if fu.Data.Content != "later" || !fu.Data.Ephemeral() || fu.MessageID == "" {
		t.Errorf("followup = %+v; want an ephemeral 'later'", fu)
	}
	// Followups can be edited by ID, then the original deleted.
	content := "later, edited"
	if m, err := s.FollowupMessageEdit(interactionOf(ix), fu.MessageID, &discordgo.WebhookEdit{Content: &content}); err != nil || m.Content != content {
		t.Errorf("FollowupMessageEdit() = %+v, %v", m, err)
	}
	if err := s.InteractionResponseDelete(interactionOf(ix)); err != nil {
		t.Errorf("InteractionResponseDelete() = %v", err)
	}
	if _, ok := f.OriginalMessage(ix.Token); ok {
		t.Errorf("OriginalMessage() after delete still found")
	}
}

func TestAcceptResponseOpensTheWebhook(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	f := fakediscord.New(t)
	s := f.NewSession(t)
	ix := f.Command("ask", fakediscord.StringOption("question", "why?"))

	// As an HTTP interactions endpoint would answer: a deferral in the body.
	if _, err := f.AcceptResponse(ix, []byte(`{"type":5,"data":{"flags":64}}`)); err != nil {
		t.Fatalf("AcceptResponse() = %v", err)
	}
	if m, ok := f.OriginalMessage(ix.Token); !ok || m.Flags&discordgo.MessageFlagsEphemeral == 0 || m.Flags&discordgo.MessageFlagsLoading == 0 {
		t.Errorf("original after deferral = %+v; want an ephemeral loading placeholder", m)
	}
	content := "because"
	if _, err := s.InteractionResponseEdit(interactionOf(ix), &discordgo.WebhookEdit{Content: &content}); err != nil {
		t.Fatalf("InteractionResponseEdit() = %v", err)
	}
	if _, err := f.WaitEdit(ctx, ix.Token); err != nil {
		t.Fatal(err)
	}
	m, _ := f.OriginalMessage(ix.Token)
	if m.Content != content || m.Flags&discordgo.MessageFlagsLoading != 0 || m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("original after edit = %+v; want ephemeral %q, no longer loading", m, content)
	}
	var fe *fakediscord.Error
	if _, err := f.AcceptResponse(ix, []byte(`{"type":4,"data":{"content":"again"}}`)); !errors.As(err, &fe) || fe.Code != 40060 {
		t.Errorf("second AcceptResponse() = %v; want already acknowledged", err)
	}
}
