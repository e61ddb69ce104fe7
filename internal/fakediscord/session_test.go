package fakediscord_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
	"github.com/planbot/planbot/internal/fakediscord"
)

// timeout bounds every wait in these tests.
const timeout = 10 * time.Second

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	t.Cleanup(cancel)
	return ctx
}

// recv receives from ch or fails the test after timeout.
func recv[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(timeout):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

// openSession starts a fake and opens a discordgo session on it whose
// InteractionCreate events arrive on the returned channel.
func openSession(t *testing.T, opts ...fakediscord.Option) (*fakediscord.Fake, *discordgo.Session, <-chan *discordgo.InteractionCreate) {
	t.Helper()
	f := fakediscord.New(t, opts...)
	s := f.NewSession(t)
	s.Identify.Intents = discordgo.IntentsGuilds
	ics := make(chan *discordgo.InteractionCreate, 16)
	s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) { ics <- ic })
	if testing.Verbose() {
		s.LogLevel = discordgo.LogInformational
	}
	if err := s.Open(); err != nil {
		t.Fatalf("Open() = %v", err)
	}
	return f, s, ics
}

// waitHeartbeat waits for discordgo's first heartbeat. Dropping or closing
// the connection before it makes discordgo's heartbeat goroutine fail on
// the dead socket later and close the next connection as well.
func waitHeartbeat(ctx context.Context, t *testing.T, f *fakediscord.Fake) {
	t.Helper()
	if err := f.Wait(ctx, func() bool { return f.Heartbeats() >= 1 }); err != nil {
		t.Fatalf("waiting for the first heartbeat: %v", err)
	}
}

func TestOpenIdentifiesAndReceivesReady(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	f := fakediscord.New(t)
	s := f.NewSession(t)
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages

	// Handlers copy what they need: discordgo's state keeps the event
	// structs and overwrites Ready.Guilds[i] when GUILD_CREATE arrives, so
	// reading them needs the state's lock.
	type ready struct{ sessionID, userID, appID, guildID string }
	type guildCreate struct{ id, channelID string }
	readies := make(chan ready, 1)
	guilds := make(chan guildCreate, 1)
	s.AddHandler(func(s *discordgo.Session, r *discordgo.Ready) {
		s.State.RLock()
		defer s.State.RUnlock()
		got := ready{sessionID: r.SessionID}
		if r.User != nil && r.User.Bot {
			got.userID = r.User.ID
		}
		if r.Application != nil {
			got.appID = r.Application.ID
		}
		if len(r.Guilds) == 1 {
			got.guildID = r.Guilds[0].ID
		}
		readies <- got
	})
	s.AddHandler(func(_ *discordgo.Session, g *discordgo.GuildCreate) {
		got := guildCreate{id: g.ID}
		if len(g.Channels) == 1 {
			got.channelID = g.Channels[0].ID
		}
		guilds <- got
	})
	if err := s.Open(); err != nil {
		t.Fatalf("Open() = %v", err)
	}

	r := recv(t, readies, "READY")
	want := ready{r.sessionID, f.ApplicationID(), f.ApplicationID(), f.GuildID()}
	if r.sessionID == "" || r != want {
		t.Errorf("READY = %+v; want %+v", r, want)
	}
	if g := recv(t, guilds, "GUILD_CREATE"); g != (guildCreate{f.GuildID(), f.ChannelID()}) {
		t.Errorf("GUILD_CREATE = %+v; want guild %s with channel %s", g, f.GuildID(), f.ChannelID())
	}

	id, err := f.WaitIdentify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if id.Token != "Bot "+f.Token() || id.Intents != s.Identify.Intents {
		t.Errorf("Identify = token %q intents %d; want %q and %d", id.Token, id.Intents, "Bot "+f.Token(), s.Identify.Intents)
	}
	if got := f.Requests(); len(got) == 0 || got[0].Path != "gateway" || got[0].APIVersion != "9" {
		t.Errorf("first request = %+v; want GET /api/v9/gateway", got)
	}
	if n := f.Connects(); n != 1 {
		t.Errorf("Connects() = %d; want 1", n)
	}
}

func TestInteractionRespondLandsInResponses(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	f, s, ics := openSession(t)

	asker := fakediscord.User{ID: "1300000000000000099", Username: "olena", Discriminator: "0"}
	ix := f.Command("ask",
		fakediscord.StringOption("question", "What does point 14 say?"),
		fakediscord.IntegerOption("limit", 3),
		fakediscord.BooleanOption("public", true),
		fakediscord.UserOption("notify", asker),
	).WithPermissions(fakediscord.DefaultMemberPermissions | discordgo.PermissionManageGuild).WithRoles("1300000000000000050")
	if err := f.DispatchInteraction(ctx, ix); err != nil {
		t.Fatal(err)
	}

	ic := recv(t, ics, "INTERACTION_CREATE")
	if ic.ID != ix.ID || ic.Token != ix.Token || ic.AppID != f.ApplicationID() || ic.Version != 1 {
		t.Errorf("interaction = id %s token %s app %s version %d; want %s %s %s 1", ic.ID, ic.Token, ic.AppID, ic.Version, ix.ID, ix.Token, f.ApplicationID())
	}
	if ic.GuildID != f.GuildID() || ic.ChannelID != f.ChannelID() || ic.Locale != discordgo.EnglishUS {
		t.Errorf("interaction = guild %s channel %s locale %s; want %s %s en-US", ic.GuildID, ic.ChannelID, ic.Locale, f.GuildID(), f.ChannelID())
	}
	if ic.Member == nil || ic.Member.User.ID != fakediscord.DefaultUserID || ic.Member.Permissions&discordgo.PermissionManageGuild == 0 ||
		len(ic.Member.Roles) != 1 || ic.Member.Roles[0] != "1300000000000000050" {
		t.Errorf("interaction member = %+v; want the default user with Manage Server and one role", ic.Member)
	}
	data := ic.ApplicationCommandData()
	if data.Name != "ask" || data.GetOption("question").StringValue() != "What does point 14 say?" ||
		data.GetOption("limit").IntValue() != 3 || !data.GetOption("public").BoolValue() ||
		data.GetOption("notify").UserValue(nil).ID != asker.ID {
		t.Errorf("command data = %+v; want ask with its four options", data)
	}
	if data.Resolved == nil || data.Resolved.Users[asker.ID] == nil || data.Resolved.Users[asker.ID].Username != "olena" {
		t.Errorf("resolved = %+v; want user %s", data.Resolved, asker.ID)
	}

	err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content: "Point 14 is about …",
			Embeds:  []*discordgo.MessageEmbed{{Title: "Point 14", Description: "text"}},
			Flags:   discordgo.MessageFlagsEphemeral,
		},
	})
	if err != nil {
		t.Fatalf("InteractionRespond() = %v", err)
	}
	resp, err := f.WaitResponse(ctx, ix.ID)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Content != "Point 14 is about …" ||
		!resp.Data.Ephemeral() || len(resp.Data.Embeds) != 1 || resp.Data.Embeds[0].Title != "Point 14" {
		t.Errorf("response = %+v; want the ephemeral message with one embed", resp)
	}
	orig, err := s.InteractionResponse(ic.Interaction)
	if err != nil {
		t.Fatalf("InteractionResponse() = %v", err)
	}
	if orig.Content != "Point 14 is about …" || orig.ChannelID != f.ChannelID() || orig.Author.ID != f.ApplicationID() {
		t.Errorf("original message = %+v; want the response's content by the bot", orig)
	}
}

func TestDeferEditAndFollowup(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	f, s, ics := openSession(t)

	ix := f.Command("sources")
	if err := f.DispatchInteraction(ctx, ix); err != nil {
		t.Fatal(err)
	}
	ic := recv(t, ics, "INTERACTION_CREATE")
	if err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		t.Fatalf("defer: %v", err)
	}
	content := "Sources: …"
	buttons := []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "More", CustomID: "more:14"},
	}}}
	msg, err := s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &content, Components: &buttons})
	if err != nil {
		t.Fatalf("InteractionResponseEdit() = %v", err)
	}
	if msg.Content != content {
		t.Errorf("edited message content = %q; want %q", msg.Content, content)
	}
	edit, err := f.WaitEdit(ctx, ix.Token)
	if err != nil {
		t.Fatal(err)
	}
	if edit.MessageID != "@original" || edit.Data.Content != content || len(edit.Data.Components) != 1 {
		t.Errorf("edit = %+v; want @original with content and one row", edit)
	}
	if orig, ok := f.OriginalMessage(ix.Token); !ok || orig.ID != msg.ID || orig.Content != content {
		t.Errorf("OriginalMessage() = %+v, %v; want message %s with the edit", orig, ok, msg.ID)
	}

	fu, err := s.FollowupMessageCreate(ic.Interaction, true, &discordgo.WebhookParams{Content: "one more thing"})
	if err != nil {
		t.Fatalf("FollowupMessageCreate() = %v", err)
	}
	got, err := f.WaitFollowup(ctx, ix.Token)
	if err != nil {
		t.Fatal(err)
	}
	if got.MessageID != fu.ID || got.Data.Content != "one more thing" {
		t.Errorf("followup = %+v; want message %s", got, fu.ID)
	}

	// A click on the button arrives with the message it is on.
	click := f.Component("more:14", msg.ID)
	if err := f.DispatchInteraction(ctx, click); err != nil {
		t.Fatal(err)
	}
	cc := recv(t, ics, "component INTERACTION_CREATE")
	if cc.Type != discordgo.InteractionMessageComponent || cc.MessageComponentData().CustomID != "more:14" ||
		cc.Message == nil || cc.Message.ID != msg.ID || cc.Message.Content != content {
		t.Errorf("component interaction = %+v; want more:14 on message %s", cc.Interaction, msg.ID)
	}
	if err := s.InteractionRespond(cc.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseUpdateMessage,
		Data: &discordgo.InteractionResponseData{Content: "Point 14, in full"},
	}); err != nil {
		t.Fatalf("update message: %v", err)
	}
	if m, ok := f.Message(msg.ID); !ok || m.Content != "Point 14, in full" || m.EditedTimestamp == nil {
		t.Errorf("Message(%s) = %+v, %v; want it updated", msg.ID, m, ok)
	}
}

func TestAutocomplete(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	f, s, ics := openSession(t)

	ix := f.Autocomplete("point", fakediscord.Focused(fakediscord.StringOption("number", "1")))
	if err := f.DispatchInteraction(ctx, ix); err != nil {
		t.Fatal(err)
	}
	ic := recv(t, ics, "autocomplete INTERACTION_CREATE")
	opt := ic.ApplicationCommandData().GetOption("number")
	if ic.Type != discordgo.InteractionApplicationCommandAutocomplete || opt == nil || !opt.Focused || opt.StringValue() != "1" {
		t.Errorf("autocomplete = type %v option %+v; want a focused number option with value 1", ic.Type, opt)
	}
	if err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{
			{Name: "1. Sovereignty", Value: 1}, {Name: "14. Reconstruction", Value: 14},
		}},
	}); err != nil {
		t.Fatalf("InteractionRespond() = %v", err)
	}
	resp, err := f.WaitResponse(ctx, ix.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Data.Choices) != 2 || resp.Data.Choices[1].Name != "14. Reconstruction" {
		t.Errorf("choices = %v; want two", resp.Data.Choices)
	}
}

func TestCommandsAndChannelMessages(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	f := fakediscord.New(t)
	s := f.NewSession(t)

	min1 := 1.0
	cmds := []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "Ask about the plan", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true},
		}},
		{Name: "point", Description: "Show one point", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionInteger, Name: "number", Description: "1 to 28", Required: true, MinValue: &min1, MaxValue: 28, Autocomplete: true},
		}},
	}
	got, err := s.ApplicationCommandBulkOverwrite(f.ApplicationID(), f.GuildID(), cmds)
	if err != nil {
		t.Fatalf("ApplicationCommandBulkOverwrite() = %v", err)
	}
	if len(got) != 2 || got[0].ID == "" || got[0].GuildID != f.GuildID() || got[1].Options[0].MaxValue != 28 {
		t.Errorf("overwrite returned %+v; want both commands with IDs", got)
	}
	ow, err := f.WaitCommands(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ow.GuildID != f.GuildID() || len(ow.Commands) != 2 || ow.Commands[1].Name != "point" {
		t.Errorf("Commands()[0] = %+v; want the two guild commands", ow)
	}
	// Interactions for a registered command carry its ID.
	if ix := f.Command("point", fakediscord.IntegerOption("number", 14)); ix.Data.ID != got[1].ID || ix.Data.GuildID != f.GuildID() {
		t.Errorf("Command(point).Data = %+v; want id %s in guild %s", ix.Data, got[1].ID, f.GuildID())
	}
	// Registering again keeps the IDs.
	again, err := s.ApplicationCommandBulkOverwrite(f.ApplicationID(), f.GuildID(), cmds[:1])
	if err != nil || len(again) != 1 || again[0].ID != got[0].ID {
		t.Errorf("second overwrite = %+v, %v; want ask with id %s", again, err, got[0].ID)
	}

	m, err := s.ChannelMessageSend(f.ChannelID(), "hello")
	if err != nil {
		t.Fatalf("ChannelMessageSend() = %v", err)
	}
	cm, err := f.WaitMessage(ctx, f.ChannelID())
	if err != nil {
		t.Fatal(err)
	}
	if cm.MessageID != m.ID || cm.Data.Content != "hello" {
		t.Errorf("channel message = %+v; want hello as %s", cm, m.ID)
	}
	me, err := s.User("@me")
	if err != nil || me.ID != f.ApplicationID() || !me.Bot {
		t.Errorf("User(@me) = %+v, %v; want the bot", me, err)
	}
	if u := f.Unhandled(); len(u) != 0 {
		t.Errorf("Unhandled() = %+v; want none", u)
	}
}

func TestReconnectAfterDropResumes(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	f, _, ics := openSession(t)

	waitHeartbeat(ctx, t, f)
	if n := f.DropConnections(); n != 1 {
		t.Fatalf("DropConnections() = %d; want 1", n)
	}
	// Dispatch waits for the session to come back.
	ix := f.Command("ask", fakediscord.StringOption("question", "still there?"))
	if err := f.DispatchInteraction(ctx, ix); err != nil {
		t.Fatal(err)
	}
	if ic := recv(t, ics, "INTERACTION_CREATE after reconnect"); ic.ID != ix.ID {
		t.Errorf("got interaction %s; want %s", ic.ID, ix.ID)
	}
	// discordgo's read and heartbeat goroutines may both notice the drop
	// and reconnect one after the other: one resume or more.
	if r := f.Resumes(); len(r) < 1 || r[0].SessionID == "" || r[0].Seq < 1 {
		t.Errorf("Resumes() = %+v; want a resume of the session", r)
	}
	if n := len(f.Identifies()); n != 1 {
		t.Errorf("%d identifies; want 1", n)
	}
	if n := f.Connects(); n < 2 {
		t.Errorf("Connects() = %d; want 2 or more", n)
	}
}

func TestReconnectAfterExpiredSessionIdentifies(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	f, _, ics := openSession(t)

	waitHeartbeat(ctx, t, f)
	f.ExpireSessions()
	f.DropConnections()
	ix := f.Command("ask", fakediscord.StringOption("question", "new session?"))
	if err := f.DispatchInteraction(ctx, ix); err != nil {
		t.Fatal(err)
	}
	if ic := recv(t, ics, "INTERACTION_CREATE after re-identify"); ic.ID != ix.ID {
		t.Errorf("got interaction %s; want %s", ic.ID, ix.ID)
	}
	if n, r := len(f.Identifies()), len(f.Resumes()); n < 2 || r < 1 {
		t.Errorf("%d identifies and %d resumes; want 2 and 1 (or more)", n, r)
	}
}

func TestHeartbeatsAreAcknowledged(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	// discordgo gives up on a connection after 5 intervals without an
	// ACK; much below 200 ms that is flaky under -race.
	f, _, _ := openSession(t, fakediscord.WithHeartbeatInterval(200*time.Millisecond))
	if err := f.Wait(ctx, func() bool { return f.Heartbeats() >= 3 }); err != nil {
		t.Fatalf("waiting for 3 heartbeats: %v (got %d)", err, f.Heartbeats())
	}
	// discordgo reconnects when ACKs stop; with ACKs it stays on one
	// connection.
	if n := f.Connects(); n != 1 {
		t.Errorf("Connects() = %d; want 1", n)
	}
}

func TestCloseEndsTheConnection(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	f, s, _ := openSession(t)
	waitHeartbeat(ctx, t, f)
	if err := s.Close(); err != nil {
		t.Fatalf("Close() = %v", err)
	}
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, err := f.Dispatch(short, "TYPING_START", map[string]string{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Dispatch() after Close = %v; want a deadline error (no connection)", err)
	}
}

func TestIdentifyRefusals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		token    string
		intents  discordgo.Intent
		wantCode int
	}{
		{"wrong token", "Bot wrong", discordgo.IntentsGuilds, 4004},
		{"privileged intent", "", discordgo.IntentsGuilds | discordgo.IntentMessageContent, 4014},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := fakediscord.New(t)
			s := f.NewSession(t)
			if tt.token != "" {
				s.Token, s.Identify.Token = tt.token, tt.token
			}
			s.Identify.Intents = tt.intents
			err := s.Open()
			var ce *websocket.CloseError
			if !errors.As(err, &ce) || ce.Code != tt.wantCode {
				t.Errorf("Open() = %v; want close code %d", err, tt.wantCode)
			}
		})
	}
}

func TestPrivilegedIntentAllowed(t *testing.T) {
	t.Parallel()
	f := fakediscord.New(t, fakediscord.WithPrivilegedIntents(discordgo.IntentMessageContent))
	s := f.NewSession(t)
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentMessageContent
	if err := s.Open(); err != nil {
		t.Fatalf("Open() = %v", err)
	}
	if !strings.HasPrefix(f.GatewayURL(), "ws://127.0.0.1:") {
		t.Errorf("GatewayURL() = %s; want loopback", f.GatewayURL())
	}
}

func TestCommandLocalizationsAreChecked(t *testing.T) {
	t.Parallel()
	f := fakediscord.New(t)
	s := f.NewSession(t)
	tests := []struct {
		name  string
		names map[discordgo.Locale]string
		descs map[discordgo.Locale]string
		ok    bool
	}{
		{"Ukrainian and Russian", map[discordgo.Locale]string{discordgo.Ukrainian: "запитати", discordgo.Russian: "спросить"},
			map[discordgo.Locale]string{discordgo.Ukrainian: "Запитайте", discordgo.Russian: "Спросите"}, true},
		{"unknown locale", map[discordgo.Locale]string{"ua": "запитати"}, nil, false},
		{"name with a space", map[discordgo.Locale]string{discordgo.Ukrainian: "запитати план"}, nil, false},
		{"upper-case name", map[discordgo.Locale]string{discordgo.Russian: "Спросить"}, nil, false},
		{"description over 100 characters", nil, map[discordgo.Locale]string{discordgo.Ukrainian: strings.Repeat("я", 101)}, false},
	}
	for _, tt := range tests {
		c := &discordgo.ApplicationCommand{Name: "ask", Description: "Ask", DescriptionLocalizations: &tt.descs}
		if tt.names != nil {
			c.NameLocalizations = &tt.names
		}
		_, err := s.ApplicationCommandBulkOverwrite(f.ApplicationID(), f.GuildID(), []*discordgo.ApplicationCommand{c})
		if (err == nil) != tt.ok {
			t.Errorf("%s: overwrite error = %v; want ok=%v", tt.name, err, tt.ok)
		}
	}
}
