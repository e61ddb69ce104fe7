package bot

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/internal/fakediscord"
	"github.com/planbot/planbot/settings"
)

// sqliteStore opens a real SQLite settings store in a temporary folder.
func sqliteStore(t testing.TB) *settings.SQLite {
	t.Helper()
	s, err := settings.OpenSQLite(context.Background(), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The guild decodeInteraction puts interactions in.
const testGuild = "777"

func TestSettingsCommand(t *testing.T) {
	t.Parallel()
	store := sqliteStore(t)
	h := New(Config{Index: liveIndex(t, versionsDir), Settings: store, RateBurst: 100})
	set := func(w who, opts ...map[string]any) *discordgo.InteractionResponse {
		t.Helper()
		r, later := h.Handle(context.Background(), slash(t, w, "settings", opts...))
		if later != nil {
			t.Fatal("settings deferred; want an immediate reply")
		}
		checkResponse(t, "settings", r)
		if r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("settings reply is public: %s", encode(t, r))
		}
		return r
	}
	stored := func() string {
		t.Helper()
		v, _, err := store.GuildVersion(context.Background(), testGuild)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	tests := []struct {
		name   string
		who    who
		opts   []map[string]any
		want   string // in the reply
		stored string // in the store afterwards
	}{
		{"plain member is refused", who{id: "5", perms: discordgo.PermissionSendMessages}, []map[string]any{opt("version", 3, "harbour-v3")},
			"Only server admins (Manage Server) can change `/settings`.", ""},
		{"other role is refused", who{id: "4", roles: []string{"42"}}, []map[string]any{opt("version", 3, "harbour-v3")}, "Only server admins", ""},
		{"dm is refused", who{id: "6", perms: discordgo.PermissionAdministrator, dm: true}, []map[string]any{opt("version", 3, "harbour-v3")},
			"works in a server", ""},
		{"current when unset", admin, nil, "Default version here: not set: `/point` shows the *harbour draft* (20 Nov 2025).", ""},
		{"unknown version", admin, []map[string]any{opt("version", 3, "**v9**")},
			"There is no plan version “\\*\\*v9\\*\\*”. Versions: `harbour draft`, `second version`, `framework`.", ""},
		{"admin by label", admin, []map[string]any{opt("version", 3, "Framework")},
			"Done: `/point` without a version now shows the *framework* (20 Dec 2025) in this server", "harbour-v3"},
		{"administrator by id", who{id: "2", perms: discordgo.PermissionAdministrator}, []map[string]any{opt("version", 3, "harbour-v2")},
			"*second version* (1 Dec 2025)", "harbour-v2"},
		{"admin role", who{id: "3", roles: []string{"880"}}, []map[string]any{opt("version", 3, "harbour-v3")}, "*framework*", "harbour-v3"},
		{"current when set", admin, nil, "Default version here: the *framework* (20 Dec 2025).", "harbour-v3"},
	}
	h.cfg.AdminRole = "880"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := set(tt.who, tt.opts...)
			if !strings.Contains(r.Data.Content, tt.want) {
				t.Errorf("reply %q; want %q", r.Data.Content, tt.want)
			}
			if got := stored(); got != tt.stored {
				t.Errorf("stored version %q; want %q", got, tt.stored)
			}
		})
	}
}

// TestSettingsDefaultVersion checks that /point, its autocomplete and every
// answer follow the server's default version once an admin sets it.
func TestSettingsDefaultVersion(t *testing.T) {
	t.Parallel()
	store := sqliteStore(t)
	h := New(Config{Index: liveIndex(t, versionsDir), Settings: store, RateBurst: 100})
	do := func(i *discordgo.Interaction) *discordgo.InteractionResponse {
		t.Helper()
		r, _ := h.Handle(context.Background(), i)
		checkResponse(t, "answer", r)
		return r
	}
	numbers := func() string {
		t.Helper()
		r := do(autocomplete(t, map[string]any{"name": "number", "type": 4, "value": "", "focused": true}))
		var ns []string
		for _, c := range r.Data.Choices {
			ns = append(ns, c.Name)
		}
		return strings.Join(ns, "|")
	}

	before := do(slash(t, alice, "point", opt("number", 4, 3)))
	if got := before.Data.Embeds[0].Title; got != "Point 3 · Lighthouse (harbour draft)" {
		t.Errorf("before /settings point 3 = %q; want the draft's", got)
	}
	if strings.Contains(before.Data.Embeds[0].Footer.Text, hereLabel) {
		t.Errorf("footer %q names a default version none was set", before.Data.Embeds[0].Footer.Text)
	}
	if got := numbers(); !strings.HasPrefix(got, "1 · Harbour|2 · Troop limits|3 · Lighthouse") {
		t.Errorf("before /settings autocomplete = %q; want the draft's numbers", got)
	}

	if r := do(slash(t, admin, "settings", opt("version", 3, "harbour-v3"))); !strings.HasPrefix(r.Data.Content, "Done") {
		t.Fatalf("settings = %s", encode(t, r))
	}

	after := do(slash(t, alice, "point", opt("number", 4, 3)))
	e := after.Data.Embeds[0]
	if e.Title != "Point 3 · Combined forces (framework)" {
		t.Errorf("after /settings point 3 = %q; want the framework's", e.Title)
	}
	if !strings.HasPrefix(e.Footer.Text, "Default version here: framework · framework, 20 Dec 2025") {
		t.Errorf("footer = %q; want it to start with the server's default version", e.Footer.Text)
	}
	if got := numbers(); got != "1 · Harbour|2 · Troop limits|3 · Combined forces|4 · Elections|5 · Free trade" {
		t.Errorf("after /settings autocomplete = %q; want the framework's numbers", got)
	}
	// /ask heads each point with the server's version's clause
	if f := do(slash(t, alice, "ask", opt("question", 3, "How big can the army be?"))).Data.Embeds[0].Fields; len(f) == 0 || !strings.HasPrefix(f[0].Name, "Point 3 · Combined forces") {
		t.Errorf("after /settings ask = %s; want the framework's clause first", encode(t, f))
	}
	// a version named in the command still wins
	if got := do(slash(t, alice, "point", opt("number", 4, 3), opt("version", 3, "harbour-draft"))).Data.Embeds[0].Title; got != "Point 3 · Lighthouse (harbour draft)" {
		t.Errorf("point 3 version:harbour-draft = %q", got)
	}
	// a number the default version lacks says what became of the draft point
	if r := do(slash(t, alice, "point", opt("number", 4, 8))); !strings.Contains(r.Data.Content, "There is no point 8 in the framework: it has points 1–5; point 8 of the harbour draft was dropped from it.") {
		t.Errorf("point 8 = %q", r.Data.Content)
	}

	// every answer in the server says so, once, even when re-posted
	for _, i := range []*discordgo.Interaction{
		slash(t, alice, "ask", opt("question", 3, "How many patrol boats does the navy keep?"), opt("private", 5, true)),
		slash(t, alice, "compare", opt("point", 4, 6)),
		slash(t, alice, "sources"),
		slash(t, alice, "help"),
		press(t, alice, "pt:harbour-v2:6:n", nil),
	} {
		r := do(i)
		if len(r.Data.Embeds) == 0 {
			t.Errorf("%s: %s; want an embed", commandName(i), encode(t, r))
			continue
		}
		f := r.Data.Embeds[0].Footer
		if f == nil || !strings.HasPrefix(f.Text, "Default version here: framework") || strings.Count(f.Text, hereLabel) != 1 {
			t.Errorf("%s: footer %v; want it to start with the default version", commandName(i), f)
		}
		if commandName(i) != "ask" {
			continue
		}
		// /ask labels the clauses of versions other than the server's
		for _, fl := range r.Data.Embeds[0].Fields {
			if strings.HasPrefix(fl.Name, "Point ") && strings.Contains(fl.Name, "(framework)") {
				t.Errorf("ask labels a clause of the server's own version: %q", fl.Name)
			}
		}
		msg := &discordgo.Message{ID: "m1", Embeds: r.Data.Embeds, Flags: discordgo.MessageFlagsEphemeral}
		shared := do(press(t, alice, shareID, msg))
		if got := shared.Data.Embeds[0].Footer.Text; strings.Count(got, hereLabel) != 1 {
			t.Errorf("shared answer footer %q; want the note once", got)
		}
	}

	// other servers and DMs are not affected
	dm := do(slash(t, who{id: "9", dm: true}, "point", opt("number", 4, 3)))
	if got := dm.Data.Embeds[0].Title; got != "Point 3 · Lighthouse (harbour draft)" || strings.Contains(dm.Data.Embeds[0].Footer.Text, hereLabel) {
		t.Errorf("in a DM point 3 = %q, footer %q; want the draft, no note", got, dm.Data.Embeds[0].Footer.Text)
	}
}

// TestSettingsVersionGone checks a stored version the corpus no longer has.
func TestSettingsVersionGone(t *testing.T) {
	t.Parallel()
	store := sqliteStore(t)
	if err := store.SetGuildVersion(context.Background(), testGuild, "plan-gone"); err != nil {
		t.Fatal(err)
	}
	h := New(Config{Index: liveIndex(t, versionsDir), Settings: store})
	r, _ := h.Handle(context.Background(), slash(t, alice, "point", opt("number", 4, 3)))
	checkResponse(t, "point", r)
	if e := r.Data.Embeds[0]; e.Title != "Point 3 · Lighthouse (harbour draft)" ||
		!strings.HasPrefix(e.Footer.Text, "Default version here: plan-gone (no longer in the corpus; /point shows the default plan) · ") {
		t.Errorf("point 3 = %q, footer %q; want the corpus default and a note", e.Title, e.Footer.Text)
	}
}

// failingStore fails every call, like a database that went away.
type failingStore struct{}

func (failingStore) GuildVersion(context.Context, string) (string, bool, error) {
	return "", false, errors.New("connection refused")
}

func (failingStore) SetGuildVersion(context.Context, string, string) error {
	return errors.New("connection refused")
}

func TestSettingsStoreFailure(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	h := New(Config{Index: liveIndex(t, versionsDir), Settings: failingStore{}, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	r, _ := h.Handle(context.Background(), slash(t, alice, "point", opt("number", 4, 3)))
	if len(r.Data.Embeds) != 1 || r.Data.Embeds[0].Title != "Point 3 · Lighthouse (harbour draft)" {
		t.Errorf("point with a failing store = %s; want the answer from the corpus default", encode(t, r))
	}
	r, _ = h.Handle(context.Background(), slash(t, admin, "settings", opt("version", 3, "harbour-v2")))
	if !strings.Contains(r.Data.Content, "Sorry") || strings.Contains(r.Data.Content, "refused") {
		t.Errorf("settings with a failing store = %q; want an apology without internals", r.Data.Content)
	}
	if !strings.Contains(logs.String(), "connection refused") {
		t.Errorf("the store's failure is not logged:\n%s", logs.String())
	}

	// without a store /settings says so and the rest works as before
	h = New(Config{Index: liveIndex(t, versionsDir)})
	r, _ = h.Handle(context.Background(), slash(t, admin, "settings", opt("version", 3, "harbour-v2")))
	if !strings.Contains(r.Data.Content, "not available") {
		t.Errorf("settings without a store = %q", r.Data.Content)
	}
}

func TestSettingsRegistered(t *testing.T) {
	t.Parallel()
	for _, c := range Commands() {
		if c.Name == cmdSettings && (c.DefaultMemberPermissions == nil || *c.DefaultMemberPermissions != discordgo.PermissionManageGuild) {
			t.Errorf("/settings is not registered for Manage Server: %s", encode(t, c))
		}
	}
}

// TestGatewaySettings sets a server's default version through the fake
// Discord, with a real SQLite store, and checks /point follows it.
func TestGatewaySettings(t *testing.T) {
	t.Parallel()
	store := sqliteStore(t)
	b := startBot(t, versionsDir, Config{Settings: store})
	f := b.f

	r := b.roundTrip(t, f.Command("settings", fakediscord.StringOption("version", "harbour-v2")).WithUser(newUser()))
	checkWire(t, "settings by a member", r.Type, r.Data)
	if !r.Data.Ephemeral() || !strings.Contains(r.Data.Content, "Only server admins") {
		t.Errorf("settings by a member = %s; want a private refusal", r.Body)
	}
	if _, ok, _ := store.GuildVersion(context.Background(), f.GuildID()); ok {
		t.Fatal("a member's /settings was stored")
	}

	ac := b.roundTrip(t, f.Autocomplete("settings", fakediscord.Focused(fakediscord.StringOption("version", "sec"))))
	if len(ac.Data.Choices) != 1 || ac.Data.Choices[0].Name != "second version (1 Dec 2025)" {
		t.Errorf("settings autocomplete \"sec\" = %s", ac.Body)
	}

	ix := f.Command("settings", fakediscord.StringOption("version", "harbour-v2")).
		WithPermissions(fakediscord.DefaultMemberPermissions | discordgo.PermissionManageGuild).WithUser(newUser())
	r = b.roundTrip(t, ix)
	checkWire(t, "settings by an admin", r.Type, r.Data)
	if !r.Data.Ephemeral() || !strings.HasPrefix(r.Data.Content, "Done") {
		t.Fatalf("settings by an admin = %s", r.Body)
	}
	if v, _, err := store.GuildVersion(context.Background(), f.GuildID()); err != nil || v != "harbour-v2" {
		t.Fatalf("stored %q, %v; want harbour-v2", v, err)
	}

	r = b.roundTrip(t, f.Command("point", fakediscord.IntegerOption("number", 9)).WithUser(newUser()))
	checkWire(t, "point 9", r.Type, r.Data)
	if len(r.Data.Embeds) != 1 || r.Data.Embeds[0].Title != "Point 9 · Victims fund (second version)" ||
		!strings.HasPrefix(r.Data.Embeds[0].Footer.Text, "Default version here: second version · ") {
		t.Errorf("point 9 after /settings = %s; want the second version's clause and the note", r.Body)
	}
}
