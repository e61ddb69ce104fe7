package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/index"
	"github.com/planbot/planbot/internal/fakediscord"
)

// checkOnlyMentions fails t unless a response allows the mention of user
// and nothing else.
func checkOnlyMentions(t *testing.T, what string, d *discordgo.InteractionResponseData, user string) {
	t.Helper()
	am := d.AllowedMentions
	if am == nil || am.Parse == nil || len(am.Parse) > 0 || len(am.Roles) > 0 || len(am.Users) != 1 || am.Users[0] != user || am.RepliedUser {
		t.Errorf("%s: allowed_mentions = %+v; want parse [] and users [%s]", what, am, user)
	}
}

func TestAskTarget(t *testing.T) {
	t.Parallel()
	const friend = "1300000000000000042"
	h := newStubHandler(t, Config{})
	resp, _ := h.Handle(context.Background(), slash(t, alice, "ask",
		opt("question", 3, "@everyone how big can the army be? <@1001>"), opt("target", 6, friend)))
	checkOnlyMentions(t, "targeted ask", resp.Data, friend)
	if want := "<@" + friend + ">, here is what the plan says about this:"; resp.Data.Content != want {
		t.Errorf("content = %q; want %q", resp.Data.Content, want)
	}
	golden(t, "ask-targeted", resp)
	body := encode(t, resp)
	if strings.Contains(body, "@everyone") || strings.Contains(body, "<@1001>") {
		t.Errorf("targeted ask echoes a mention of the question: %s", body)
	}
	// without the content and its mention, the rest is an ordinary answer
	resp.Data.Content, resp.Data.AllowedMentions = "", noMentions()
	checkResponse(t, "targeted ask", resp)

	nothing := New(Config{Index: &stubIndex{c: defaultCorpus(t), search: func(string) (*index.Result, error) { return &index.Result{NoMatch: true}, nil }}})
	resp, _ = nothing.Handle(context.Background(), slash(t, alice, "ask", opt("question", 3, "pizza?"), opt("target", 6, friend)))
	if want := "<@" + friend + "> was sent nothing: no point of the plan matches."; resp.Data.Content != want ||
		resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("no match for a target: %s; want a private %q", encode(t, resp), want)
	}

	for _, bad := range []string{"everyone", "<@123>", "12a", strings.Repeat("1", 21)} {
		resp, _ := h.Handle(context.Background(), slash(t, alice, "ask", opt("question", 3, "army"), opt("target", 6, bad)))
		checkResponse(t, "bad target", resp)
		if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || len(resp.Data.Embeds) != 0 {
			t.Errorf("target %q: %s; want a private note", bad, encode(t, resp))
		}
	}
}

func TestAddressee(t *testing.T) {
	t.Parallel()
	tests := []struct {
		content, id string
		ok          bool
	}{
		{"<@123456789>, here is what the plan says about this:", "123456789", true},
		{"<@!123456789>, hi", "123456789", true},
		{"", "", false},
		{"<@&123>, roles are not addressed", "", false},
		{"hello <@123>", "", false},
		{"<@123", "", false},
	}
	for _, tt := range tests {
		if id, ok := addressee(tt.content); id != tt.id || ok != tt.ok {
			t.Errorf("addressee(%q) = %q, %v; want %q, %v", tt.content, id, ok, tt.id, tt.ok)
		}
	}
}

func TestGatewayAskTarget(t *testing.T) {
	t.Parallel()
	b := startBot(t, copyCorpus(t), Config{})
	f := b.f
	friend := newUser()
	want := `{"parse":[],"users":["` + friend.ID + `"],"replied_user":false}`

	t.Run("public", func(t *testing.T) {
		ix := f.Command("ask", fakediscord.StringOption("question", "@everyone Will Ukraine join NATO? ask <@1300000000000000010> @here"),
			fakediscord.UserOption("target", friend)).WithUser(newUser())
		r := b.roundTrip(t, ix)
		if got := allowedMentions(t, r.Body); got != want {
			t.Errorf("allowed_mentions = %s; want exactly %s", got, want)
		}
		if r.Data.Ephemeral() || !strings.HasPrefix(r.Data.Content, "<@"+friend.ID+">, ") || len(r.Data.Embeds) != 1 {
			t.Errorf("targeted ask = %s; want a public answer addressed to <@%s>", r.Body, friend.ID)
		}
		if strings.Contains(string(r.Body), "@everyone") || strings.Contains(string(r.Body), "@here") || strings.Contains(r.Data.Embeds[0].Title, "<@1300") {
			t.Errorf("targeted ask echoes a mention of the question: %s", r.Body)
		}
		if len(r.Data.Embeds[0].Fields) == 0 || !strings.Contains(r.Data.Embeds[0].Fields[0].Name, "NATO") {
			t.Errorf("targeted ask = %s; want the NATO point", r.Body)
		}
	})

	t.Run("private, then posted in channel", func(t *testing.T) {
		asker := newUser()
		ix := f.Command("ask", fakediscord.StringOption("question", "What happens to Crimea?"),
			fakediscord.BooleanOption("private", true), fakediscord.UserOption("target", friend)).WithUser(asker)
		r := b.roundTrip(t, ix)
		if !r.Data.Ephemeral() || allowedMentions(t, r.Body) != want {
			t.Fatalf("private targeted ask = %s; want ephemeral, mentioning only %s", r.Body, friend.ID)
		}
		msg, ok := f.OriginalMessage(ix.Token)
		if !ok {
			t.Fatal("the fake has no message for the private answer")
		}
		s := b.roundTrip(t, f.Component(shareID, msg.ID).WithUser(asker))
		if s.Data.Ephemeral() || s.Data.Content != r.Data.Content || allowedMentions(t, s.Body) != want {
			t.Errorf("share = %s; want the public answer addressed to and mentioning only %s", s.Body, friend.ID)
		}
	})
}
