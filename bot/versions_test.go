package bot

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/internal/fakediscord"
)

// TestGatewayVersions runs /point with versions, /compare and /ask's
// version buttons through the fake Discord, over the three-version toy
// corpus.
func TestGatewayVersions(t *testing.T) {
	t.Parallel()
	b := startBot(t, versionsDir, Config{})
	f := b.f
	point := func(opts ...fakediscord.CommandOption) fakediscord.Response {
		t.Helper()
		r := b.roundTrip(t, f.Command("point", opts...).WithUser(newUser()))
		checkWire(t, "point", r.Type, r.Data)
		return r
	}
	choices := func(cmd string, opts ...fakediscord.CommandOption) []string {
		t.Helper()
		r := b.roundTrip(t, f.Autocomplete(cmd, opts...))
		checkWire(t, "autocomplete", r.Type, r.Data)
		if r.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
			t.Fatalf("autocomplete = %s", r.Body)
		}
		var names []string
		for _, c := range r.Data.Choices {
			names = append(names, c.Name)
		}
		return names
	}

	t.Run("point in a version", func(t *testing.T) {
		r := point(fakediscord.IntegerOption("number", 3), fakediscord.StringOption("version", "harbour-v3"))
		if len(r.Data.Embeds) != 1 || r.Data.Embeds[0].Title != "Point 3 · Combined forces (framework)" {
			t.Fatalf("point 3 of harbour-v3 = %s", r.Body)
		}
		e := r.Data.Embeds[0]
		if f := e.Fields[0]; f.Name != "In the harbour draft" || !strings.HasPrefix(f.Value, "Continues points 6 and 7.") {
			t.Errorf("first field = %q %q; want the draft points it continues", f.Name, f.Value)
		}
		if !strings.HasPrefix(e.Footer.Text, "framework, 20 Dec 2025") {
			t.Errorf("footer = %q", e.Footer.Text)
		}
		// by label too, and the buttons carry the version
		r = point(fakediscord.IntegerOption("number", 3), fakediscord.StringOption("version", "Framework"))
		if !strings.Contains(string(r.Body), `"custom_id":"pt:harbour-v3:4:n"`) {
			t.Errorf("point 3 of the framework lacks a next button to harbour-v3 §4: %s", r.Body)
		}
	})

	t.Run("number the version lacks", func(t *testing.T) {
		for _, tt := range []struct {
			version string
			n       int64
			want    string
		}{
			{"harbour-v2", 3, "There is no point 3 in the second version: it has points 1–2, 5–9; point 3 of the harbour draft was dropped from it. Every version of it: `/compare point:3`."},
			{"second version", 4, "point 4 of the harbour draft is not in its reported text."},
			{"harbour-v3", 7, "There is no point 7 in the framework: it has points 1–5; point 7 of the harbour draft continues there as §3."},
			{"harbour-v3", 12, "There is no point 12 in the framework: it has points 1–5."},
		} {
			r := point(fakediscord.IntegerOption("number", tt.n), fakediscord.StringOption("version", tt.version))
			if !r.Data.Ephemeral() || !strings.Contains(r.Data.Content, tt.want) {
				t.Errorf("point %d of %s = %s; want a private note with %q", tt.n, tt.version, r.Body, tt.want)
			}
		}
		r := point(fakediscord.IntegerOption("number", 4), fakediscord.StringOption("version", "harbour-v2"))
		if strings.Contains(r.Data.Content, "dropped") {
			t.Errorf("a point not reported is called dropped: %q", r.Data.Content)
		}
	})

	t.Run("autocomplete follows the version", func(t *testing.T) {
		tests := []struct {
			name    string
			version string
			want    string
		}{
			{"draft by default", "", "1 · Harbour|2 · Troop limits|3 · Lighthouse|4 · Fishing|5 · Elections|6 · Army size|7 · Navy|8 · Amnesty"},
			{"second version", "harbour-v2", "1 · Harbour|2 · Troop limits|5 · Elections|6 · Army ceiling|7 · Reserve forces|8 · Navy|9 · Victims fund"},
			{"framework by label", "framework", "1 · Harbour|2 · Troop limits|3 · Combined forces|4 · Elections|5 · Free trade"},
			{"unknown version", "nonsense", "1 · Harbour|2 · Troop limits|3 · Lighthouse|4 · Fishing|5 · Elections|6 · Army size|7 · Navy|8 · Amnesty"},
		}
		for _, tt := range tests {
			opts := []fakediscord.CommandOption{fakediscord.Focused(fakediscord.StringOption("number", ""))}
			if tt.version != "" {
				opts = append(opts, fakediscord.StringOption("version", tt.version))
			}
			if got := strings.Join(choices("point", opts...), "|"); got != tt.want {
				t.Errorf("%s: numbers %q; want %q", tt.name, got, tt.want)
			}
		}
		got := choices("point", fakediscord.Focused(fakediscord.StringOption("version", "")))
		if want := "harbour draft (20 Nov 2025)|second version (1 Dec 2025)|framework (20 Dec 2025)"; strings.Join(got, "|") != want {
			t.Errorf("versions %q; want %q", got, want)
		}
	})

	t.Run("compare", func(t *testing.T) {
		ix := f.Command("compare", fakediscord.IntegerOption("point", 6)).WithUser(newUser())
		r := b.roundTrip(t, ix)
		checkWire(t, "compare 6", r.Type, r.Data)
		if r.Data.Ephemeral() || len(r.Data.Embeds) != 1 {
			t.Fatalf("compare 6 = %s; want one public embed", r.Body)
		}
		var names []string
		for _, fl := range r.Data.Embeds[0].Fields {
			names = append(names, fl.Name)
		}
		want := []string{
			"harbour draft · 20 Nov 2025 — original",
			"second version · 1 Dec 2025 — continued as §6 and §7",
			"framework · 20 Dec 2025 — continued as §3",
			"What the reporting says",
		}
		if strings.Join(names, "|") != strings.Join(want, "|") {
			t.Errorf("compare 6 fields %q; want %q", names, want)
		}
		msg, ok := f.OriginalMessage(ix.Token)
		if !ok {
			t.Fatal("the fake has no message for /compare 6")
		}
		r = b.roundTrip(t, f.Component("cmp:7:n", msg.ID).WithUser(newUser()))
		checkWire(t, "compare next", r.Type, r.Data)
		if r.Type != discordgo.InteractionResponseUpdateMessage || !strings.HasPrefix(r.Data.Embeds[0].Title, "Point 7 · Navy") {
			t.Errorf("next ▶ = %s; want the message updated to point 7", r.Body)
		}
		r = b.roundTrip(t, f.Command("compare", fakediscord.IntegerOption("point", 8)).WithUser(newUser()))
		if fs := r.Data.Embeds[0].Fields; len(fs) < 3 || !strings.HasSuffix(fs[1].Name, "— not in the reported text") || !strings.HasSuffix(fs[2].Name, "— dropped") {
			t.Errorf("compare 8 = %s; want not reported, then dropped", r.Body)
		}
		r = b.roundTrip(t, f.Command("compare", fakediscord.IntegerOption("point", 9)).WithUser(newUser()))
		checkWire(t, "compare 9", r.Type, r.Data)
		if !r.Data.Ephemeral() || !strings.Contains(r.Data.Content, "There is no point 9 in the harbour draft: it has points 1–8.") {
			t.Errorf("compare 9 = %s; want a private note naming the draft's points", r.Body)
		}
		if got := choices("compare", fakediscord.Focused(fakediscord.StringOption("point", "7"))); strings.Join(got, "|") != "7 · Navy" {
			t.Errorf("compare autocomplete \"7\" = %q; want the draft's 7 only", got)
		}
	})

	t.Run("ask names the versions and its buttons carry them", func(t *testing.T) {
		ix := f.Command("ask", fakediscord.StringOption("question", "How many patrol boats does the navy keep?")).WithUser(newUser())
		r := b.roundTrip(t, ix)
		checkWire(t, "ask", r.Type, r.Data)
		if len(r.Data.Embeds) != 1 || len(r.Data.Embeds[0].Fields) == 0 {
			t.Fatalf("ask = %s", r.Body)
		}
		first := r.Data.Embeds[0].Fields[0]
		if !strings.Contains(first.Name, "Navy") || !strings.Contains(first.Value, "\n• second version §8: ") {
			t.Errorf("first result %q %q; want the navy clause naming its other versions", first.Name, first.Value)
		}
		var ids []string
		for _, row := range r.Data.Components {
			if ar, ok := row.(*discordgo.ActionsRow); ok {
				for _, c := range ar.Components {
					if bt, ok := c.(*discordgo.Button); ok {
						ids = append(ids, bt.CustomID)
					}
				}
			}
		}
		if len(ids) == 0 || !strings.HasPrefix(ids[0], "pt:harbour-") || !strings.HasSuffix(ids[0], ":f") {
			t.Fatalf("ask buttons %q; want pt:<version>:<n>:f", ids)
		}
		doc, n, _, _ := parsePointID(ids[0])
		msg, ok := f.OriginalMessage(ix.Token)
		if !ok {
			t.Fatal("the fake has no message for /ask")
		}
		r = b.roundTrip(t, f.Component(ids[0], msg.ID).WithUser(newUser()))
		checkWire(t, "in full", r.Type, r.Data)
		if r.Type != discordgo.InteractionResponseChannelMessageWithSource || !r.Data.Ephemeral() || len(r.Data.Embeds) != 1 {
			t.Fatalf("§ in full = %s; want a private message with the clause", r.Body)
		}
		pv, err := b.live.Point(doc, n)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(r.Data.Embeds[0].Title, "Point "+itoa(n)+" · "+pv.Point.Title) {
			t.Errorf("§ in full shows %q; want %s §%d", r.Data.Embeds[0].Title, doc, n)
		}
	})
}
