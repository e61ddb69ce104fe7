package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// linkButtons returns the URLs of the link buttons under a response.
func linkButtons(resp *discordgo.InteractionResponse) []string {
	var urls []string
	for _, row := range resp.Data.Components {
		r, ok := row.(discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range r.Components {
			if b, ok := c.(discordgo.Button); ok && b.Style == discordgo.LinkButton {
				if b.Label != "Read on the web" {
					continue
				}
				urls = append(urls, b.URL)
			}
		}
	}
	return urls
}

func TestWebLink(t *testing.T) {
	live := newLive(t)
	const base = "https://plan.example.org/"
	tests := []struct {
		name string
		i    *discordgo.Interaction
		want string // "" for no link
	}{
		{"ask", slash(t, alice, "ask", opt("question", 3, "How big can Ukraine's army be?")), "https://plan.example.org/point/6"},
		{"ask with no match", slash(t, alice, "ask", opt("question", 3, "recipe for banana bread")), ""},
		{"point", slash(t, alice, "point", opt("number", 4, 14)), "https://plan.example.org/point/14"},
		{"point button", press(t, alice, "pt:plan-28-points:15:n", &discordgo.Message{ID: "m"}), "https://plan.example.org/point/15"},
		{"compare", slash(t, alice, "compare", opt("point", 4, 21)), "https://plan.example.org/point/21"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := New(Config{Index: live, PublicURL: base, RateBurst: 100})
			resp, _ := h.Handle(context.Background(), tt.i)
			got := linkButtons(resp)
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("%s: link buttons %v; want none", tt.name, got)
			case tt.want != "" && (len(got) != 1 || got[0] != tt.want):
				t.Errorf("%s: link buttons %v; want [%s]", tt.name, got, tt.want)
			}
			// without PLANBOT_PUBLIC_URL nothing changes
			plain, _ := New(Config{Index: live, RateBurst: 100}).Handle(context.Background(), tt.i)
			if b := encode(t, plain); strings.Contains(b, "Read on the web") {
				t.Errorf("%s without a public URL has a web link: %s", tt.name, b)
			}
		})
	}
}

func TestPointPage(t *testing.T) {
	c := defaultCorpus(t)
	if got, want := pointPage(c.Plan("20-point framework"), 5), "/point/5?version=plan-20-point-framework"; got != want {
		t.Errorf("pointPage(20-point framework, 5) = %q; want %q", got, want)
	}
	if got, want := pointPage(c.DefaultPlan(), 21), "/point/21"; got != want {
		t.Errorf("pointPage(draft, 21) = %q; want %q", got, want)
	}
}
