package bot

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/internal/fakediscord"
)

// FuzzExtras sends arbitrary interactions, seeded with the message
// command, targeted asks and votes, to a handler with votes and kept
// questions on: it must not panic, and a message may mention at most the
// one user its content is addressed to.
func FuzzExtras(f *testing.F) {
	fake := fakediscord.New(f)
	friend := fakediscord.User{ID: "1300000000000000042", Username: "friend"}
	seeds := []*fakediscord.Interaction{
		fake.MessageCommand(checkName, friend, "@everyone the army is capped at 600,000 <@1>"),
		fake.MessageCommand(checkName, friend, ""),
		fake.Command("ask", fakediscord.StringOption("question", "NATO?"), fakediscord.UserOption("target", friend)),
		fake.Command("ask", fakediscord.StringOption("question", "pizza"), fakediscord.BooleanOption("private", true), fakediscord.UserOption("target", friend)),
		fake.Component("vote:u:6,21", ""),
		fake.Component("vote:d:", ""),
		fake.Component("vote:d:1000", ""),
	}
	for _, ix := range seeds {
		b, err := json.Marshal(ix)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	store := sqliteStore(f)
	h := New(Config{Index: newLive(f), RateBurst: 1 << 30, Feedback: store, VoteKey: testVoteKey, KeepQuestions: true})
	f.Fuzz(func(t *testing.T, body []byte) {
		var i discordgo.Interaction
		if json.Unmarshal(body, &i) != nil {
			return
		}
		resp, _ := h.Handle(context.Background(), &i)
		if resp == nil {
			t.Fatal("nil response")
		}
		d := resp.Data
		if d == nil || resp.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
			return
		}
		am := d.AllowedMentions
		if am == nil || am.Parse == nil || len(am.Parse) > 0 || len(am.Roles) > 0 || len(am.Users) > 1 {
			t.Fatalf("allowed_mentions %+v; want parse [] and at most one user", am)
		}
		if len(am.Users) == 1 {
			if id, ok := addressee(d.Content); !ok || id != am.Users[0] {
				t.Fatalf("mentions %s in %q; want only the user the content is addressed to", am.Users[0], d.Content)
			}
		}
	})
}
