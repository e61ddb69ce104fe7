package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/internal/fakediscord"
)

func TestTrim(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"fits", "Ukraine's sovereignty is to be confirmed.", 100, "Ukraine's sovereignty is to be confirmed."},
		{"exact", "abcde", 5, "abcde"},
		{"sentence", "The first sentence is here. The second one is much longer than the room left.", 40, "The first sentence is here. …"},
		{"word", "Ukraine's armed forces are capped at six hundred thousand personnel", 30, "Ukraine's armed forces are…"},
		{"trailing comma", "Crimea, Luhansk and Donetsk, Kherson", 17, "Crimea, Luhansk…"},
		{"no break", "abcdefghijklmnopqrstuvwxyz", 10, "abcdefghi…"},
		{"dangling bold", "capped at **600,000 personnel** in all", 22, "capped at 600,000…"},
		{"closed bold kept", "capped at **600,000** personnel in the army", 30, "capped at **600,000**…"},
		{"multibyte", "Україна має право на суверенітет", 12, "Україна має…"},
		{"emoji counts twice", "😀😀😀😀😀😀", 5, "😀😀…"},
		{"zero", "anything", 0, ""},
		{"one", "anything", 1, "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := trim(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("trim(%q, %d) = %q; want %q", tt.in, tt.max, got, tt.want)
			}
			if n := fakediscord.Length(got); n > tt.max {
				t.Errorf("trim(%q, %d) is %d long", tt.in, tt.max, n)
			}
			if !utf8.ValidString(got) {
				t.Errorf("trim(%q, %d) = %q: invalid UTF-8", tt.in, tt.max, got)
			}
		})
	}
}

func TestFitLines(t *testing.T) {
	t.Parallel()
	lines := []string{"• [one](https://a.example/1)", "• [two](https://a.example/2)", "• [three](https://a.example/3)"}
	tests := []struct {
		max  int
		want string
	}{
		{1000, strings.Join(lines, "\n")},
		{60, lines[0] + "\n…and 2 more"},
		{12, "…and 3 more"},
		{5, "• [o…"},
	}
	for _, tt := range tests {
		if got := fitLines(lines, tt.max); got != tt.want {
			t.Errorf("fitLines(lines, %d) = %q; want %q", tt.max, got, tt.want)
		}
	}
}

func TestFitEmbed(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("A sentence about the plan. ", 400)
	e := &discordgo.MessageEmbed{
		Title:       long,
		Description: long,
		Footer:      &discordgo.MessageEmbedFooter{Text: long},
		Author:      &discordgo.MessageEmbedAuthor{Name: long},
	}
	for range 40 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: long, Value: long})
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{})
	fitEmbed(e)
	checkEmbed(t, "fitEmbed", e)
	if len(e.Fields) == 0 {
		t.Errorf("fitEmbed dropped every field; want some kept")
	}
	if !strings.HasSuffix(e.Description, ellipsis) {
		t.Errorf("description %q… does not end in %q", e.Description[:40], ellipsis)
	}
}

// checkEmbed fails t when e breaks one of Discord's limits, as the fake
// Discord (counting like discord.js) judges them.
func checkEmbed(t *testing.T, what string, e *discordgo.MessageEmbed) {
	t.Helper()
	if err := fakediscord.CheckMessage(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}); err != nil {
		t.Errorf("%s: Discord would refuse the embed: %v", what, err)
	}
}

// checkResponse fails t when a response breaks Discord's limits, as the
// fake Discord judges them, or allows a mention.
func checkResponse(t *testing.T, what string, r *discordgo.InteractionResponse) {
	t.Helper()
	if r == nil {
		t.Fatalf("%s: nil response", what)
	}
	d := r.Data
	if d == nil {
		return
	}
	if err := fakediscord.CheckMessage(d); err != nil {
		t.Errorf("%s: Discord would refuse the answer: %v", what, err)
	}
	if r.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
		return
	}
	if d.AllowedMentions == nil || d.AllowedMentions.Parse == nil || len(d.AllowedMentions.Parse) > 0 || len(d.AllowedMentions.Users) > 0 || len(d.AllowedMentions.Roles) > 0 {
		t.Errorf("%s: allowed_mentions = %+v; want parse [] and nothing else", what, d.AllowedMentions)
	}
	if n := messageLength(r); n > answerBudget {
		t.Errorf("%s: %d characters; every answer stays under %d", what, n, answerBudget)
	}
}
