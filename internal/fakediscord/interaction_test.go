package fakediscord_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/internal/fakediscord"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the builders")

// timestamps matches the times the fake stamps on messages.
var timestamps = regexp.MustCompile(`"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00"`)

// TestInteractionShapes pins the JSON the builders produce; review the
// golden files against Discord's documentation when they change.
func TestInteractionShapes(t *testing.T) {
	t.Parallel()
	olena := fakediscord.User{ID: "1300000000000000099", Username: "olena", Discriminator: "0"}
	tests := []struct {
		name  string
		build func(f *fakediscord.Fake) *fakediscord.Interaction
		check func(t *testing.T, ix *discordgo.Interaction)
	}{
		{
			name: "command",
			build: func(f *fakediscord.Fake) *fakediscord.Interaction {
				return f.Command("ask",
					fakediscord.StringOption("question", "Who guarantees point 14?"),
					fakediscord.IntegerOption("limit", 3),
					fakediscord.BooleanOption("public", false),
					fakediscord.UserOption("notify", olena),
				).WithRoles("1300000000000000050")
			},
			check: func(t *testing.T, ix *discordgo.Interaction) {
				d := ix.ApplicationCommandData()
				if ix.Member.Permissions != fakediscord.DefaultMemberPermissions || ix.Member.Permissions&discordgo.PermissionManageGuild != 0 {
					t.Errorf("member permissions = %d; want the defaults, without Manage Server", ix.Member.Permissions)
				}
				if d.GetOption("limit").IntValue() != 3 || d.GetOption("public").BoolValue() || d.Resolved.Members[olena.ID] == nil {
					t.Errorf("data = %+v", d)
				}
			},
		},
		{
			name: "command_manage_server",
			build: func(f *fakediscord.Fake) *fakediscord.Interaction {
				return f.Command("reindex").WithPermissions(fakediscord.DefaultMemberPermissions | discordgo.PermissionManageGuild)
			},
			check: func(t *testing.T, ix *discordgo.Interaction) {
				if ix.Member.Permissions&discordgo.PermissionManageGuild == 0 {
					t.Errorf("member permissions = %d; want Manage Server", ix.Member.Permissions)
				}
			},
		},
		{
			name: "command_dm",
			build: func(f *fakediscord.Fake) *fakediscord.Interaction {
				return f.Command("point", fakediscord.IntegerOption("number", 1)).WithLocale("uk").InDM()
			},
			check: func(t *testing.T, ix *discordgo.Interaction) {
				if ix.Member != nil || ix.User == nil || ix.User.ID != fakediscord.DefaultUserID || ix.GuildID != "" || ix.Locale != discordgo.Ukrainian {
					t.Errorf("DM interaction = member %v user %v guild %q locale %q", ix.Member, ix.User, ix.GuildID, ix.Locale)
				}
			},
		},
		{
			name: "autocomplete",
			build: func(f *fakediscord.Fake) *fakediscord.Interaction {
				return f.Autocomplete("point", fakediscord.Focused(fakediscord.StringOption("number", "1")))
			},
			check: func(t *testing.T, ix *discordgo.Interaction) {
				if o := ix.ApplicationCommandData().Options[0]; !o.Focused || o.StringValue() != "1" {
					t.Errorf("option = %+v; want focused \"1\"", o)
				}
			},
		},
		{
			name: "message_command",
			build: func(f *fakediscord.Fake) *fakediscord.Interaction {
				return f.MessageCommand("Check against the plan", olena, "@everyone Ukraine's army is capped at 600,000")
			},
			check: func(t *testing.T, ix *discordgo.Interaction) {
				d := ix.ApplicationCommandData()
				if d.CommandType != discordgo.MessageApplicationCommand || d.Name != "Check against the plan" || d.Resolved == nil {
					t.Fatalf("data = %+v; want a message command with resolved data", d)
				}
				m := d.Resolved.Messages[d.TargetID]
				if m == nil || m.Author == nil || m.Author.ID != olena.ID || m.Content != "@everyone Ukraine's army is capped at 600,000" {
					t.Errorf("target message = %+v; want olena's message", m)
				}
			},
		},
		{
			name: "component",
			build: func(f *fakediscord.Fake) *fakediscord.Interaction {
				return f.Component("more:14", "")
			},
			check: func(t *testing.T, ix *discordgo.Interaction) {
				d := ix.MessageComponentData()
				if d.CustomID != "more:14" || d.ComponentType != discordgo.ButtonComponent || ix.Message == nil || ix.Message.Author.ID != fakediscord.DefaultApplicationID {
					t.Errorf("component = %+v message %+v", d, ix.Message)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ix := tt.build(fakediscord.New(t))
			got, err := json.MarshalIndent(ix, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = timestamps.ReplaceAll(append(got, '\n'), []byte(`"2025-01-01T00:00:00.000000+00:00"`))

			golden := filepath.Join("testdata", tt.name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s changed; run go test ./internal/fakediscord -update and review the diff\ngot:\n%s", golden, got)
			}

			var parsed discordgo.Interaction
			if err := json.Unmarshal(got, &parsed); err != nil {
				t.Fatalf("discordgo cannot parse the payload: %v", err)
			}
			if parsed.ID != ix.ID || parsed.Token != ix.Token || parsed.Version != 1 || parsed.AppID != fakediscord.DefaultApplicationID {
				t.Errorf("parsed = id %s token %s version %d app %s", parsed.ID, parsed.Token, parsed.Version, parsed.AppID)
			}
			tt.check(t, &parsed)
		})
	}
}
