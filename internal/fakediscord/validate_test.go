package fakediscord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestCheckMessage counts like discord.js: an emoji outside the Basic
// Multilingual Plane is two UTF-16 units, so 1001 of them break the 2000
// limit that 1001 runes would not.
func TestCheckMessage(t *testing.T) {
	t.Parallel()
	emoji := func(n int) string { return strings.Repeat("😀", n) }
	tests := []struct {
		name    string
		msg     *discordgo.InteractionResponseData
		wantErr string // "" = accepted
	}{
		{"2000 ASCII", &discordgo.InteractionResponseData{Content: strings.Repeat("a", 2000)}, ""},
		{"2001 ASCII", &discordgo.InteractionResponseData{Content: strings.Repeat("a", 2001)}, "content: Must be 2000 or fewer"},
		{"2000 Cyrillic letters", &discordgo.InteractionResponseData{Content: strings.Repeat("ж", 2000)}, ""},
		{"1000 emoji", &discordgo.InteractionResponseData{Content: emoji(1000)}, ""},
		{"1001 emoji", &discordgo.InteractionResponseData{Content: emoji(1001)}, "content: Must be 2000 or fewer"},
		{"embed title of 129 emoji", &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{Title: emoji(129)}}}, "embeds.0.title: Must be 256 or fewer"},
		{"embeds over 6000 together", &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{
			{Description: strings.Repeat("a", 4000)}, {Description: emoji(1001)},
		}}, "MAX_EMBED_SIZE_EXCEEDED"},
		{"empty field value", &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: "n"}}}}}, "embeds.0.fields.0.value: This field is required"},
		{"choice name of 51 emoji", &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: emoji(51), Value: "x"}}}, "choices.0.name: Must be between 1 and 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckMessage(tt.msg)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("CheckMessage = %v; want accepted", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("CheckMessage = %v; want an error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestLength(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]int{"": 0, "abc": 3, "Україна": 7, "😀": 2, "a😀b": 4, "\xff": 1} {
		if got := Length(s); got != want {
			t.Errorf("Length(%q) = %d; want %d", s, got, want)
		}
	}
}
