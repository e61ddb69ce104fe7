package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
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
			if length(got) > tt.max {
				t.Errorf("trim(%q, %d) is %d long", tt.in, tt.max, length(got))
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

// checkEmbed fails t when e breaks one of Discord's limits.
func checkEmbed(t *testing.T, what string, e *discordgo.MessageEmbed) {
	t.Helper()
	check := func(part, s string, max int) {
		t.Helper()
		if n := length(s); n > max {
			t.Errorf("%s: %s is %d characters; limit %d", what, part, n, max)
		}
	}
	check("title", e.Title, maxTitle)
	check("description", e.Description, maxDescription)
	if e.Footer != nil {
		check("footer", e.Footer.Text, maxFooter)
	}
	if e.Author != nil {
		check("author", e.Author.Name, maxAuthor)
	}
	if len(e.Fields) > maxFields {
		t.Errorf("%s: %d fields; limit %d", what, len(e.Fields), maxFields)
	}
	for i, f := range e.Fields {
		check("field name", f.Name, maxFieldName)
		check("field value", f.Value, maxFieldValue)
		if f.Name == "" || f.Value == "" {
			t.Errorf("%s: field %d has an empty name or value, which Discord rejects", what, i)
		}
	}
	if n := embedLength(e); n > maxEmbedTotal {
		t.Errorf("%s: embed totals %d characters; limit %d", what, n, maxEmbedTotal)
	}
}

// checkResponse fails t when a response breaks Discord's limits or allows
// a mention.
func checkResponse(t *testing.T, what string, r *discordgo.InteractionResponse) {
	t.Helper()
	if r == nil {
		t.Fatalf("%s: nil response", what)
	}
	d := r.Data
	if d == nil {
		return
	}
	if r.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
		if len(d.Choices) > maxChoices {
			t.Errorf("%s: %d choices; limit %d", what, len(d.Choices), maxChoices)
		}
		for _, c := range d.Choices {
			if length(c.Name) > maxChoiceName {
				t.Errorf("%s: choice %q longer than %d", what, c.Name, maxChoiceName)
			}
		}
		return
	}
	if d.AllowedMentions == nil || d.AllowedMentions.Parse == nil || len(d.AllowedMentions.Parse) > 0 || len(d.AllowedMentions.Users) > 0 || len(d.AllowedMentions.Roles) > 0 {
		t.Errorf("%s: allowed_mentions = %+v; want parse [] and nothing else", what, d.AllowedMentions)
	}
	if n := length(d.Content); n > maxContent {
		t.Errorf("%s: content is %d characters; limit %d", what, n, maxContent)
	}
	total := 0
	for _, e := range d.Embeds {
		checkEmbed(t, what, e)
		total += embedLength(e)
	}
	if total > maxEmbedTotal {
		t.Errorf("%s: embeds total %d characters; limit %d", what, total, maxEmbedTotal)
	}
	if n := total + length(d.Content); n > answerBudget {
		t.Errorf("%s: %d characters; every answer stays under %d", what, n, answerBudget)
	}
	for _, row := range d.Components {
		var buttons []discordgo.MessageComponent
		switch ar := row.(type) {
		case discordgo.ActionsRow:
			buttons = ar.Components
		case *discordgo.ActionsRow:
			buttons = ar.Components
		default:
			t.Errorf("%s: component %T is not an action row", what, row)
		}
		for _, c := range buttons {
			var b discordgo.Button
			switch v := c.(type) {
			case discordgo.Button:
				b = v
			case *discordgo.Button:
				b = *v
			default:
				t.Errorf("%s: component %T is not a button", what, c)
			}
			if b.CustomID == "" || len(b.CustomID) > maxCustomID {
				t.Errorf("%s: custom_id %q empty or longer than %d", what, b.CustomID, maxCustomID)
			}
			if l := length(b.Label); l == 0 || l > maxButtonLabel {
				t.Errorf("%s: button label %q empty or too long", what, b.Label)
			}
		}
	}
}
