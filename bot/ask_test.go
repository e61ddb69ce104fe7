package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestSmallTalk: a greeting or thanks gets a one-line private hint from
// /ask and Check against the plan alike, without a search; a question
// that opens with a greeting is still a question.
func TestSmallTalk(t *testing.T) {
	t.Parallel()
	h := New(Config{Index: newLive(t), RateBurst: 1 << 20, Feedback: nopFeedback{}, VoteKey: testVoteKey})
	tests := []struct {
		text  string
		small bool
	}{
		{"hi", true},
		{"good morning everyone", true},
		{"thanks!", true},
		{"Thank you so much 🙏", true},
		{"hey bot", true},
		{"thank you so much, that was helpful", true},
		{"hi, what happens to Crimea?", false},
		{"good", true},
		{"thanks for the army cap answer", false},
	}
	for _, tt := range tests {
		if got := isSmallTalk(tt.text); got != tt.small {
			t.Errorf("isSmallTalk(%q) = %v; want %v", tt.text, got, tt.small)
		}
		if !tt.small {
			continue
		}
		for _, i := range []*discordgo.Interaction{slash(t, alice, "ask", opt("question", 3, tt.text)), messageCommand(t, alice, tt.text)} {
			resp, _ := h.Handle(context.Background(), i)
			checkResponse(t, tt.text, resp)
			d := resp.Data
			if d.Flags&discordgo.MessageFlagsEphemeral == 0 || len(d.Embeds) != 0 || len(d.Components) != 0 ||
				strings.Contains(d.Content, "\n") || !strings.Contains(d.Content, "/help") {
				t.Errorf("%q: %s; want a one-line private hint naming /help", tt.text, encode(t, resp))
			}
		}
	}
}
