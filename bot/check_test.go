package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/index"
	"github.com/planbot/planbot/internal/fakediscord"
)

// messageCommand is "Check against the plan" used on a message with the
// given content, as Discord sends it.
func messageCommand(t testing.TB, w who, content string) *discordgo.Interaction {
	t.Helper()
	return decodeInteraction(t, discordgo.InteractionApplicationCommand, map[string]any{
		"id": "44", "name": checkName, "type": 3, "target_id": "1300000000000000777",
		"resolved": map[string]any{"messages": map[string]any{"1300000000000000777": map[string]any{
			"id": "1300000000000000777", "channel_id": "555", "content": content,
			"author": map[string]any{"id": "1300000000000000888", "username": "olena"},
		}}},
	}, w, nil)
}

func TestRenderCheckGolden(t *testing.T) {
	t.Parallel()
	c := defaultCorpus(t)
	plan := c.DefaultPlan()
	claim := "@everyone the plan caps Ukraine's army at 600,000, read **this** <@123>"
	tests := []struct {
		name string
		res  *index.Result
	}{
		{"check-hits", askResult(t, c)},
		{"check-versions", askVersionsResult(t, c)},
		{"check-no-match", &index.Result{NoMatch: true, Closest: []*index.Passage{passage(t, c, "DMZ", 3)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := message([]*discordgo.MessageEmbed{renderCheck(langEN, tt.res, claim, plan, c)},
				append(askButtons(langEN, tt.res, plan), shareButtons(langEN)...), true)
			checkResponse(t, tt.name, resp)
			golden(t, tt.name, resp)
			if title := resp.Data.Embeds[0].Title; strings.Contains(title, "@everyone") || strings.Contains(title, "<@123>") || strings.Contains(title, "**this**") {
				t.Errorf("title %q echoes the message unescaped", title)
			}
		})
	}
}

func TestRenderCheckTooLong(t *testing.T) {
	t.Parallel()
	c := defaultCorpus(t)
	res := askVersionsResult(t, c)
	long := strings.Repeat("A very long clause about the **plan**. ", 200)
	for _, h := range res.Hits {
		p := *h.Point
		p.Text = long
		h.Point = &p
	}
	for range 30 {
		res.Hits = append(res.Hits, res.Hits[0])
	}
	checkResponse(t, "long check", message([]*discordgo.MessageEmbed{renderCheck(langEN, res, strings.Repeat("claim ", 800), c.DefaultPlan(), c)}, shareButtons(langEN), true))
}

func TestCheckCommand(t *testing.T) {
	t.Parallel()
	h := newStubHandler(t, Config{})
	resp, later := h.Handle(context.Background(), messageCommand(t, alice, "@everyone Ukraine's army is capped at 600,000 <@&42>"))
	checkResponse(t, "check", resp)
	if later != nil || resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("check = %s; want a private answer", encode(t, resp))
	}
	body := encode(t, resp)
	if !strings.Contains(body, `"custom_id":"share"`) {
		t.Errorf("check has no Post in channel button: %s", body)
	}
	if strings.Contains(body, "@everyone") || strings.Contains(body, "<@&42>") {
		t.Errorf("check echoes a mention: %s", body)
	}
	if e := resp.Data.Embeds[0]; len(e.Fields) == 0 || !strings.HasPrefix(e.Fields[0].Name, "Point 6 ·") ||
		!strings.Contains(e.Fields[0].Value, "\n• 20-point framework §4: ") {
		t.Errorf("check answer = %s; want point 6 with what the other versions say", body)
	}

	for _, empty := range []string{"", "   \n ", "@everyone <@1234> <@!99> <#5678> @here <:pepe:12345> <t:1700000000:R>"} {
		resp, _ := h.Handle(context.Background(), messageCommand(t, alice, empty))
		checkResponse(t, "check empty", resp)
		if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(resp.Data.Content, "no text") {
			t.Errorf("check of an empty message = %s; want a private note", encode(t, resp))
		}
	}
	if got := commandName(messageCommand(t, alice, "x")); got != cmdCheck {
		t.Errorf("commandName = %q; want %q", got, cmdCheck)
	}
	other := decodeInteraction(t, discordgo.InteractionApplicationCommand, map[string]any{"id": "45", "name": "Something else", "type": 3, "target_id": "1"}, alice, nil)
	if resp, _ := h.Handle(context.Background(), other); !strings.Contains(resp.Data.Content, "/help") {
		t.Errorf("unknown message command = %s; want the unknown-command note", encode(t, resp))
	}
}

// TestEveryCheckWithinLimits checks every question of the evaluation set
// as a message, and a long one, against the real index.
func TestEveryCheckWithinLimits(t *testing.T) {
	t.Parallel()
	h := New(Config{Index: newLive(t), RateBurst: 1 << 20})
	qs := append(questions(t), strings.Repeat("Ukraine's army, NATO, Crimea and frozen assets. ", 90))
	for _, q := range qs {
		resp, _ := h.Handle(context.Background(), messageCommand(t, alice, q))
		checkResponse(t, q, resp)
		if len(resp.Data.Embeds) != 1 || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("%q: %s; want one private embed", q, encode(t, resp))
		}
	}
}

// TestCheckChatNamingAPlace: a message that only names Kyiv concerns no
// clause, though every clause is about Ukraine; one that speaks of the
// army cap concerns point 6.
func TestCheckChatNamingAPlace(t *testing.T) {
	t.Parallel()
	h := New(Config{Index: newLive(t), RateBurst: 1 << 20})
	for _, tc := range []struct {
		message string
		clause  bool
	}{
		{"I was in Kyiv yesterday and the weather was awful", false},
		{"they say Ukraine's army gets capped at 600k", true},
	} {
		resp, _ := h.Handle(context.Background(), messageCommand(t, alice, tc.message))
		if len(resp.Data.Embeds) != 1 {
			t.Fatalf("%q: %s; want one embed", tc.message, encode(t, resp))
		}
		none := strings.HasPrefix(resp.Data.Embeds[0].Description, noMatchWords)
		if none == tc.clause {
			t.Errorf("%q: concerns a clause = %v, want %v:\n%s", tc.message, !none, tc.clause, encode(t, resp))
		}
	}
}

// allowedMentions returns the allowed_mentions of a message as sent, in
// compact JSON.
func allowedMentions(t *testing.T, body []byte) string {
	t.Helper()
	var v struct {
		Data *struct {
			AllowedMentions json.RawMessage `json:"allowed_mentions"`
		} `json:"data"`
		AllowedMentions json.RawMessage `json:"allowed_mentions"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	raw := v.AllowedMentions
	if v.Data != nil {
		raw = v.Data.AllowedMentions
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatalf("allowed_mentions %q: %v", raw, err)
	}
	return b.String()
}

// mentionNobody is allowed_mentions that lets nothing ping, as discordgo
// encodes it (replied_user is about replies, which planbot never sends).
const mentionNobody = `{"parse":[],"replied_user":false}`

func TestGatewayCheck(t *testing.T) {
	t.Parallel()
	b := startBot(t, copyCorpus(t), Config{})
	f := b.f
	olena := fakediscord.User{ID: "1300000000000000099", Username: "olena", Discriminator: "0"}

	t.Run("registered as a message command", func(t *testing.T) {
		var found bool
		for _, c := range f.RegisteredCommands(f.GuildID()) {
			found = found || (c.Name == checkName && c.Type == discordgo.MessageApplicationCommand)
		}
		if !found {
			t.Errorf("no message command %q registered", checkName)
		}
	})

	t.Run("private answer, posted in channel", func(t *testing.T) {
		u := newUser()
		claim := "@everyone the plan caps Ukraine's army at 600,000 troops, ask <@1300000000000000010> @here"
		ix := f.MessageCommand(checkName, olena, claim).WithUser(u)
		r := b.roundTrip(t, ix)
		checkWire(t, "check", r.Type, r.Data)
		if r.Type != discordgo.InteractionResponseChannelMessageWithSource || !r.Data.Ephemeral() || len(r.Data.Embeds) != 1 {
			t.Fatalf("check = %s; want one private embed", r.Body)
		}
		if got := allowedMentions(t, r.Body); got != mentionNobody {
			t.Errorf("allowed_mentions = %s; want %s", got, mentionNobody)
		}
		e := r.Data.Embeds[0]
		if strings.Contains(string(r.Body), "@everyone") || strings.Contains(string(r.Body), "@here") || strings.Contains(e.Title, "<@1300") {
			t.Errorf("the answer echoes a mention of the message: %s", r.Body)
		}
		if len(e.Fields) == 0 || !strings.HasPrefix(e.Fields[0].Name, "Point 6 ·") || !strings.Contains(e.Fields[0].Value, "600,000") ||
			!strings.Contains(e.Fields[0].Value, "\n• 20-point framework §4: ") || !bytes.Contains(r.Body, []byte(`"custom_id":"src:0:f"`)) {
			t.Errorf("check = %s; want point 6 with its text, the other versions and an All sources button", r.Body)
		}
		if !bytes.Contains(r.Body, []byte(`"custom_id":"share"`)) {
			t.Fatalf("check has no Post in channel button: %s", r.Body)
		}
		msg, ok := f.OriginalMessage(ix.Token)
		if !ok {
			t.Fatal("the fake has no message for the check")
		}
		s := b.roundTrip(t, f.Component(shareID, msg.ID).WithUser(u))
		checkWire(t, "share check", s.Type, s.Data)
		if s.Type != discordgo.InteractionResponseChannelMessageWithSource || s.Data.Ephemeral() || len(s.Data.Embeds) != 1 ||
			s.Data.Embeds[0].Title != e.Title || s.Data.Content != "" {
			t.Errorf("share = %s; want the same answer in public", s.Body)
		}
		if got := allowedMentions(t, s.Body); got != mentionNobody {
			t.Errorf("shared allowed_mentions = %s; want %s", got, mentionNobody)
		}
	})

	t.Run("a message that concerns no clause", func(t *testing.T) {
		r := b.roundTrip(t, f.MessageCommand(checkName, olena, "Anyone up for pizza tonight? @everyone").WithUser(newUser()))
		checkWire(t, "check no clause", r.Type, r.Data)
		if !r.Data.Ephemeral() || len(r.Data.Embeds) != 1 || len(r.Data.Components) != 0 ||
			!strings.HasPrefix(r.Data.Embeds[0].Description, noMatchWords) {
			t.Errorf("check = %s; want it to say plainly the message concerns no clause", r.Body)
		}
		if got := allowedMentions(t, r.Body); got != mentionNobody {
			t.Errorf("allowed_mentions = %s; want %s", got, mentionNobody)
		}
	})
}

func TestOtherVersions(t *testing.T) {
	t.Parallel()
	c := defaultCorpus(t)
	plan, e3, fw := c.DefaultPlan(), c.Document("plan-e3-counter-proposal"), c.Document("plan-20-point-framework")
	// a clause new in its version has no draft point: its lineage is listed
	newClause := &index.Hit{Doc: fw, Point: fw.Point(4), Also: []index.Clause{{Doc: e3, Point: e3.Point(6)}}}
	if got := otherVersions(langEN, newClause, c); len(got) != 1 || !strings.HasPrefix(got[0], "• European counter-proposal §6: Ukraine") {
		t.Errorf("otherVersions(new clause) = %q; want its lineage", got)
	}
	// a draft point: every other version, in date order, whatever it did
	got := otherVersions(langEN, &index.Hit{Doc: plan, Point: plan.Point(8)}, c)
	if len(got) != 2 || !strings.HasPrefix(got[0], "• European counter-proposal §8: NATO") || got[1] != "• 20-point framework: *not in the reported text*" {
		t.Errorf("otherVersions(draft point 8) = %q", got)
	}
}
