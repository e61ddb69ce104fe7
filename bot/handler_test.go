package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
	"github.com/planbot/planbot/internal/evalset"
)

// who sends an interaction.
type who struct {
	id    string
	perms int64
	roles []string
	dm    bool // sent in a DM: user instead of member
	// locale is the language of their Discord ("uk", "ru"); "" sends
	// none, as English clients' interactions carry "en-US"
	locale string
}

var (
	alice = who{id: "1001"}
	admin = who{id: "1002", perms: discordgo.PermissionManageGuild}
	// olena's Discord is in Ukrainian, ivan's in Russian
	olena = who{id: "1003", locale: "uk"}
	ivan  = who{id: "1004", locale: "ru"}
)

// opt is a slash command option as Discord sends it.
func opt(name string, typ discordgo.ApplicationCommandOptionType, value any) map[string]any {
	return map[string]any{"name": name, "type": typ, "value": value}
}

// decodeInteraction builds an interaction the way a transport does: from
// the JSON Discord sends.
func decodeInteraction(t testing.TB, typ discordgo.InteractionType, data any, w who, extra map[string]any) *discordgo.Interaction {
	t.Helper()
	p := map[string]any{
		"id": "1234567890", "application_id": "999000111", "type": typ, "token": "interaction-token",
		"channel_id": "555", "version": 1, "data": data,
	}
	user := map[string]any{"id": w.id, "username": "user" + w.id}
	if w.dm {
		p["user"] = user
	} else {
		p["guild_id"] = "777"
		roles := w.roles
		if roles == nil {
			roles = []string{}
		}
		p["member"] = map[string]any{"user": user, "roles": roles, "permissions": itoa64(w.perms)}
	}
	if w.locale != "" {
		p["locale"] = w.locale
	}
	for k, v := range extra {
		p[k] = v
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(b, &i); err != nil {
		t.Fatal(err)
	}
	return &i
}

func itoa64(n int64) string { b, _ := json.Marshal(n); return string(b) }

// slash is an application command interaction.
func slash(t testing.TB, w who, name string, opts ...map[string]any) *discordgo.Interaction {
	t.Helper()
	return decodeInteraction(t, discordgo.InteractionApplicationCommand,
		map[string]any{"id": "42", "name": name, "type": 1, "options": opts}, w, nil)
}

// press is a button press on a message.
func press(t testing.TB, w who, customID string, msg *discordgo.Message) *discordgo.Interaction {
	t.Helper()
	extra := map[string]any{}
	if msg != nil {
		extra["message"] = msg
	}
	return decodeInteraction(t, discordgo.InteractionMessageComponent,
		map[string]any{"custom_id": customID, "component_type": 2}, w, extra)
}

// autocomplete is an autocomplete interaction for /point with the focused
// option typed so far.
func autocomplete(t testing.TB, opts ...map[string]any) *discordgo.Interaction {
	t.Helper()
	return decodeInteraction(t, discordgo.InteractionApplicationCommandAutocomplete,
		map[string]any{"id": "43", "name": "point", "type": 1, "options": opts}, alice, nil)
}

// stubIndex answers from the corpus directly: Point looks the point up,
// Search returns what search returns.
type stubIndex struct {
	c      *corpus.Corpus
	search func(q string) (*index.Result, error)
}

func (s *stubIndex) Search(ctx context.Context, q string, opt index.Options) (*index.Result, error) {
	return s.search(q)
}

func (s *stubIndex) Point(v string, n int) (*index.PointView, error) {
	d := s.c.Plan(v)
	if d == nil {
		return nil, index.ErrNoVersion
	}
	p := d.Point(n)
	if p == nil {
		return nil, &index.RangeError{Number: n, Doc: d}
	}
	return &index.PointView{Doc: d, Point: p}, nil
}

func (s *stubIndex) Compare(n int) (*index.Comparison, error) {
	d := s.c.DefaultPlan()
	p := d.Point(n)
	if p == nil {
		return nil, &index.RangeError{Number: n, Doc: d}
	}
	return &index.Comparison{Point: p, Draft: d, Fates: s.c.Fates(n)}, nil
}

func (s *stubIndex) Corpus() *corpus.Corpus { return s.c }

// stubReloader counts reloads and returns err, or panics when told to.
type stubReloader struct {
	mu    sync.Mutex
	calls int
	err   error
	panic bool
}

func (r *stubReloader) Reload(ctx context.Context) (*index.ReloadReport, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if r.panic {
		panic("reload exploded")
	}
	if r.err != nil {
		return nil, r.err
	}
	return &index.ReloadReport{Stats: index.Stats{Documents: 2, Points: 28, Sections: 11}, Took: time.Millisecond}, nil
}

// newStubHandler returns a Handler over the embedded corpus whose searches
// return a fixed answer.
func newStubHandler(t testing.TB, cfg Config) *Handler {
	t.Helper()
	c := defaultCorpus(t)
	if cfg.Index == nil {
		res := askResult(t, c)
		cfg.Index = &stubIndex{c: c, search: func(q string) (*index.Result, error) { r := *res; r.Query = q; return &r, nil }}
	}
	return New(cfg)
}

// encode is what a transport sends.
func encode(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAskEscapesAndAllowsNoMentions(t *testing.T) {
	t.Parallel()
	h := newStubHandler(t, Config{})
	q := "@everyone <@&123> what about **NATO** [x](https://evil.example)?"
	resp, later := h.Handle(context.Background(), slash(t, alice, "ask", opt("question", 3, q)))
	if later != nil {
		t.Fatal("ask deferred; want an immediate answer")
	}
	checkResponse(t, "ask", resp)
	body := encode(t, resp)
	if !strings.Contains(body, `"allowed_mentions":{"parse":[]`) {
		t.Errorf("response %s lacks allowed_mentions parse []", body)
	}
	title := resp.Data.Embeds[0].Title
	for _, raw := range []string{"@everyone", "<@&", "**NATO**", "[x]"} {
		if strings.Contains(title, raw) {
			t.Errorf("title %q echoes %q unescaped", title, raw)
		}
	}
	if resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0 {
		t.Errorf("public ask is ephemeral")
	}
}

func TestAskPrivateAndShare(t *testing.T) {
	t.Parallel()
	h := newStubHandler(t, Config{})
	resp, _ := h.Handle(context.Background(), slash(t, alice, "ask", opt("question", 3, "army size"), opt("private", 5, true)))
	if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("private ask is not ephemeral")
	}
	body := encode(t, resp)
	if !strings.Contains(body, `"custom_id":"share"`) {
		t.Fatalf("private ask has no Post in channel button: %s", body)
	}
	// Discord sends the message under the button with the press.
	msg := &discordgo.Message{ID: "m1", Embeds: resp.Data.Embeds, Flags: discordgo.MessageFlagsEphemeral}
	shared, _ := h.Handle(context.Background(), press(t, alice, shareID, msg))
	checkResponse(t, "share", shared)
	if shared.Type != discordgo.InteractionResponseChannelMessageWithSource || shared.Data.Flags&discordgo.MessageFlagsEphemeral != 0 {
		t.Errorf("share = type %d flags %d; want a public message (type 4)", shared.Type, shared.Data.Flags)
	}
	if got, want := encode(t, shared.Data.Embeds), encode(t, resp.Data.Embeds); got != want {
		t.Errorf("shared embeds differ from the private answer:\n got %s\nwant %s", got, want)
	}
	if len(shared.Data.Components) != 0 {
		t.Errorf("shared answer has components %v; want none", shared.Data.Components)
	}
	// without the message there is nothing to share
	none, _ := h.Handle(context.Background(), press(t, alice, shareID, nil))
	if none.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || none.Data.Content == "" {
		t.Errorf("share without message = %s; want a private note", encode(t, none))
	}
}

func TestAskReferenceErrors(t *testing.T) {
	t.Parallel()
	c := defaultCorpus(t)
	h := New(Config{Index: &stubIndex{c: c, search: func(q string) (*index.Result, error) {
		return nil, &index.RangeError{Number: 40, Doc: c.DefaultPlan()}
	}}})
	resp, _ := h.Handle(context.Background(), slash(t, alice, "ask", opt("question", 3, "point 40")))
	checkResponse(t, "ask point 40", resp)
	if want := "There is no point 40 in the 28-point draft: it has points 1–28."; !strings.Contains(resp.Data.Content, want) {
		t.Errorf("content = %q; want it to contain %q", resp.Data.Content, want)
	}
	if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("error note is public; want ephemeral")
	}
}

func TestSearchFailureIsAnApology(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	c := defaultCorpus(t)
	h := New(Config{Logger: slog.New(slog.NewTextHandler(&logs, nil)), Index: &stubIndex{c: c, search: func(q string) (*index.Result, error) {
		return nil, errors.New("bleve: segment 3 corrupt")
	}}})
	resp, _ := h.Handle(context.Background(), slash(t, alice, "ask", opt("question", 3, "army")))
	if strings.Contains(resp.Data.Content, "bleve") || !strings.Contains(resp.Data.Content, "Sorry") {
		t.Errorf("content = %q; want an apology without internals", resp.Data.Content)
	}
	if !strings.Contains(logs.String(), "segment 3 corrupt") {
		t.Errorf("log lacks the error:\n%s", logs.String())
	}
}

func TestPanicRecovered(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	c := defaultCorpus(t)
	var n int
	h := New(Config{Logger: log, Index: &stubIndex{c: c, search: func(q string) (*index.Result, error) {
		n++
		if n == 1 {
			var m map[string]int
			m["boom"]++ //lint:ignore SA5000 a nil map write: a real bug's panic
		}
		return askResult(t, c), nil
	}}})
	resp, _ := h.Handle(context.Background(), slash(t, alice, "ask", opt("question", 3, "army")))
	checkResponse(t, "panicking ask", resp)
	if !strings.Contains(resp.Data.Content, "Sorry") || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("after a panic got %s; want a private apology", encode(t, resp))
	}
	if !strings.Contains(logs.String(), "handler panic") || !strings.Contains(logs.String(), "assignment to entry in nil map") {
		t.Errorf("panic not logged with its cause:\n%s", logs.String())
	}
	resp, _ = h.Handle(context.Background(), slash(t, alice, "ask", opt("question", 3, "army")))
	if len(resp.Data.Embeds) != 1 {
		t.Errorf("the next ask got %s; want an answer", encode(t, resp))
	}

	// a panic in a deferred reply becomes an apology in the edit
	r := &stubReloader{panic: true}
	h = New(Config{Logger: log, Index: h.cfg.Index, Reloader: r})
	resp, later := h.Handle(context.Background(), slash(t, admin, "reindex"))
	if resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || later == nil {
		t.Fatalf("reindex = %s; want a deferral", encode(t, resp))
	}
	edit := later(context.Background())
	if edit == nil || edit.Content == nil || !strings.Contains(*edit.Content, "Sorry") || edit.AllowedMentions == nil {
		t.Errorf("edit after a panic = %s; want an apology", encode(t, edit))
	}
}

func TestReindexAdminCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		who     who
		role    string
		allowed bool
	}{
		{"manage server", who{id: "1", perms: discordgo.PermissionManageGuild}, "", true},
		{"administrator", who{id: "2", perms: discordgo.PermissionAdministrator}, "", true},
		{"admin role", who{id: "3", perms: discordgo.PermissionSendMessages, roles: []string{"42", "880"}}, "880", true},
		{"other role", who{id: "4", roles: []string{"42"}}, "880", false},
		{"plain member", who{id: "5", perms: discordgo.PermissionSendMessages | discordgo.PermissionUseApplicationCommands}, "", false},
		{"dm", who{id: "6", perms: discordgo.PermissionAdministrator, dm: true}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &stubReloader{}
			h := newStubHandler(t, Config{Reloader: r, AdminRole: tt.role})
			resp, later := h.Handle(context.Background(), slash(t, tt.who, "reindex"))
			checkResponse(t, "reindex", resp)
			if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("reindex reply is public; want ephemeral")
			}
			if !tt.allowed {
				if later != nil || resp.Type != discordgo.InteractionResponseChannelMessageWithSource || !strings.Contains(resp.Data.Content, "Only server admins") {
					t.Errorf("non-admin got %s; want a refusal", encode(t, resp))
				}
				return
			}
			if resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || later == nil {
				t.Fatalf("admin got %s; want a deferral", encode(t, resp))
			}
			edit := later(context.Background())
			if r.calls != 1 {
				t.Errorf("reloads = %d; want 1", r.calls)
			}
			if edit.Embeds == nil || len(*edit.Embeds) != 1 || (*edit.Embeds)[0].Title != "Reindexed" {
				t.Errorf("edit = %s; want the Reindexed report", encode(t, edit))
			}
		})
	}
}

func TestReindexBadCorpus(t *testing.T) {
	t.Parallel()
	r := &stubReloader{err: corpus.Errors{{File: "corpus/plan.md", Line: 7, Msg: `front matter: missing "date"`}}}
	h := newStubHandler(t, Config{Reloader: r})
	_, later := h.Handle(context.Background(), slash(t, admin, "reindex"))
	edit := later(context.Background())
	e := (*edit.Embeds)[0]
	if !strings.Contains(e.Description, "`corpus/plan.md:7` front matter") || !strings.Contains(e.Title, "nothing changed") {
		t.Errorf("edit = %s; want the problem with file:line", encode(t, edit))
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 11, 24, 12, 0, 0, 0, time.UTC)
	h := newStubHandler(t, Config{RateBurst: 3, RateWindow: 10 * time.Second})
	h.now = func() time.Time { return now }
	ask := func(w who) *discordgo.InteractionResponse {
		r, _ := h.Handle(context.Background(), slash(t, w, "ask", opt("question", 3, "army")))
		return r
	}
	for i := range 3 {
		if r := ask(alice); len(r.Data.Embeds) != 1 {
			t.Fatalf("ask %d = %s; want an answer", i+1, encode(t, r))
		}
		now = now.Add(time.Second)
	}
	r := ask(alice)
	checkResponse(t, "rate limited", r)
	if r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(r.Data.Content, "Try again in 7 s") {
		t.Errorf("4th ask = %s; want a private note to try again in 7 s", encode(t, r))
	}
	// others are not affected, nor are autocomplete and help
	if r := ask(admin); len(r.Data.Embeds) != 1 {
		t.Errorf("another user's ask = %s; want an answer", encode(t, r))
	}
	if r, _ := h.Handle(context.Background(), autocomplete(t, map[string]any{"name": "number", "type": 4, "value": "1", "focused": true})); len(r.Data.Choices) == 0 {
		t.Errorf("autocomplete while rate limited = %s; want choices", encode(t, r))
	}
	if r, _ := h.Handle(context.Background(), slash(t, alice, "help")); len(r.Data.Embeds) != 1 {
		t.Errorf("help while rate limited = %s; want help", encode(t, r))
	}
	now = now.Add(7 * time.Second)
	if r := ask(alice); len(r.Data.Embeds) != 1 {
		t.Errorf("ask after the window = %s; want an answer", encode(t, r))
	}
}

func TestPointAndButtons(t *testing.T) {
	t.Parallel()
	h := newStubHandler(t, Config{})
	resp, _ := h.Handle(context.Background(), slash(t, alice, "point", opt("number", 4, 14)))
	checkResponse(t, "point 14", resp)
	if got := resp.Data.Embeds[0].Title; !strings.HasPrefix(got, "Point 14 · Frozen Russian assets") {
		t.Errorf("title = %q; want point 14", got)
	}
	body := encode(t, resp)
	for _, id := range []string{`"custom_id":"pt:plan-28-points:13:p"`, `"custom_id":"pt:plan-28-points:15:n"`} {
		if !strings.Contains(body, id) {
			t.Errorf("point 14 lacks button %s: %s", id, body)
		}
	}
	// a press works from the custom_id alone: a fresh handler, as after a
	// restart
	h2 := newStubHandler(t, Config{RateBurst: 100})
	next, _ := h2.Handle(context.Background(), press(t, alice, "pt:plan-28-points:15:n", &discordgo.Message{ID: "m"}))
	checkResponse(t, "next", next)
	if next.Type != discordgo.InteractionResponseUpdateMessage || !strings.HasPrefix(next.Data.Embeds[0].Title, "Point 15 ·") {
		t.Errorf("next = %s; want the message updated to point 15", encode(t, next))
	}
	last, _ := h2.Handle(context.Background(), press(t, alice, "pt:plan-28-points:28:n", nil))
	if b := encode(t, last); !strings.Contains(b, `"disabled":true,"custom_id":"pt:plan-28-points:28:n"`) {
		t.Errorf("last point's next button is not disabled: %s", b)
	}

	for _, tt := range []struct {
		name string
		i    *discordgo.Interaction
		want string
	}{
		{"no such point", slash(t, alice, "point", opt("number", 4, 40)), "There is no point 40 in the 28-point draft: it has points 1–28."},
		{"no such version", slash(t, alice, "point", opt("number", 4, 3), opt("version", 3, "99-point **dream**")), "There is no plan version “99-point \\*\\*dream\\*\\*”. Versions: `28-point draft`, `European counter-proposal`, `20-point framework`."},
		{"removed document", press(t, alice, "pt:plan-gone:3:n", nil), "There is no plan version “plan-gone”"},
		{"old button", press(t, alice, "v1-something", nil), "That button is from an older version"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := h2.Handle(context.Background(), tt.i)
			checkResponse(t, tt.name, r)
			if !strings.Contains(r.Data.Content, tt.want) || r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("got %s; want a private note containing %q", encode(t, r), tt.want)
			}
		})
	}
}

func TestAutocomplete(t *testing.T) {
	t.Parallel()
	h := newStubHandler(t, Config{})
	names := func(i *discordgo.Interaction) []string {
		t.Helper()
		r, later := h.Handle(context.Background(), i)
		if later != nil || r.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
			t.Fatalf("autocomplete = %s; want type 8", encode(t, r))
		}
		checkResponse(t, "autocomplete", r)
		var ns []string
		for _, c := range r.Data.Choices {
			ns = append(ns, c.Name)
		}
		return ns
	}
	focused := func(name string, v any) map[string]any {
		return map[string]any{"name": name, "type": 4, "value": v, "focused": true}
	}
	if got := names(autocomplete(t, focused("number", ""))); len(got) != maxChoices || got[0] != "1 · Ukraine's sovereignty" {
		t.Errorf("empty: %d choices from %q; want 25 from point 1", len(got), got[0])
	}
	got := names(autocomplete(t, focused("number", "2")))
	if len(got) != 10 || got[0] != "2 · Non-aggression agreement" || got[1] != "20 · Tolerance, minorities and education" {
		t.Errorf("\"2\": %q; want 2 then 20–28", got)
	}
	got = names(autocomplete(t, focused("number", "nato")))
	if want := []string{"3 · No further invasions, no further NATO expansion", "4 · Russia–NATO dialogue", "7 · Ukraine stays out of NATO", "8 · No NATO troops in Ukraine"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("\"nato\": %q; want %q", got, want)
	}
	// by a synonym of a title's words, then by the words of the clause
	for _, tc := range []struct{ typed, first string }{
		{"army", "6 · Size of Ukraine's armed forces"},
		{"soldiers", "6 · Size of Ukraine's armed forces"},
		{"crimea", "21 · Territories"},
	} {
		if got := names(autocomplete(t, focused("number", tc.typed))); len(got) == 0 || got[0] != tc.first {
			t.Errorf("%q: %q; want %q first", tc.typed, got, tc.first)
		}
	}
	if got := names(autocomplete(t, focused("number", 14.0))); len(got) == 0 || got[0] != "14 · Frozen Russian assets" {
		t.Errorf("14: %q; want point 14 first", got)
	}
	if got := names(autocomplete(t, map[string]any{"name": "version", "type": 3, "value": "28", "focused": true})); len(got) != 1 || got[0] != "28-point draft (20 Nov 2025)" {
		t.Errorf("version \"28\": %q", got)
	}
}

func TestMalformedInteractions(t *testing.T) {
	t.Parallel()
	h := newStubHandler(t, Config{Reloader: &stubReloader{}})
	for _, i := range []*discordgo.Interaction{
		{Type: discordgo.InteractionApplicationCommand},
		{Type: discordgo.InteractionMessageComponent},
		{Type: discordgo.InteractionApplicationCommandAutocomplete},
		{Type: discordgo.InteractionModalSubmit},
		{Type: 77},
		decodeInteraction(t, discordgo.InteractionApplicationCommand, map[string]any{"name": "ask", "options": []any{map[string]any{"name": "question", "value": 12}}}, alice, nil),
		decodeInteraction(t, discordgo.InteractionApplicationCommand, map[string]any{"name": "point", "options": []any{map[string]any{"name": "number", "value": "x"}}}, alice, nil),
		decodeInteraction(t, discordgo.InteractionApplicationCommand, map[string]any{"name": "point", "options": []any{map[string]any{"name": "number", "value": 1.5}}}, alice, nil),
		decodeInteraction(t, discordgo.InteractionApplicationCommand, map[string]any{"name": "ask", "options": []any{nil}}, alice, nil),
		decodeInteraction(t, discordgo.InteractionApplicationCommand, map[string]any{"name": "gone"}, alice, nil),
	} {
		resp, later := h.Handle(context.Background(), i)
		if resp == nil || later != nil {
			t.Errorf("Handle(%+v) = %v, %v; want a response", i, resp, later)
			continue
		}
		if resp.Data != nil && strings.Contains(resp.Data.Content, "Sorry") {
			t.Errorf("Handle(%+v) panicked or failed: %s", i, encode(t, resp))
		}
	}
	ping, _ := h.Handle(context.Background(), &discordgo.Interaction{Type: discordgo.InteractionPing})
	if ping.Type != discordgo.InteractionResponsePong {
		t.Errorf("ping = %s; want pong", encode(t, ping))
	}
}

func TestCommands(t *testing.T) {
	t.Parallel()
	for _, c := range Commands() {
		if c.Name == cmdReindex && (c.DefaultMemberPermissions == nil || *c.DefaultMemberPermissions != discordgo.PermissionManageGuild) {
			t.Errorf("/reindex is not registered for Manage Server: %s", encode(t, c))
		}
		if c.Type == discordgo.MessageApplicationCommand {
			// a context-menu command: a name of 1 to 32 characters shown
			// as is, and no description
			if n := length(c.Name); n < 1 || n > 32 || c.Description != "" || len(c.Options) > 0 {
				t.Errorf("message command %q: want a name of 1-32 characters and no description or options", c.Name)
			}
			continue
		}
		if len(c.Name) > 32 || len(c.Description) > 100 || c.Description == "" {
			t.Errorf("command %q: name or description out of Discord's limits", c.Name)
		}
		for _, o := range c.Options {
			if len(o.Name) > 32 || len(o.Description) > 100 || o.Description == "" {
				t.Errorf("option %s.%s: name or description out of Discord's limits", c.Name, o.Name)
			}
		}
	}
}

// questions are the development set's questions (internal/evalset).
func questions(t testing.TB) []string {
	t.Helper()
	qs := evalset.Questions()
	if len(qs) == 0 {
		t.Fatal("no questions in internal/evalset/questions.tsv")
	}
	return qs
}

// shared is the one real index over the embedded corpus that the tests
// which only search share: building it is most of what such a test costs.
// It lives as long as the test binary; a test that closes or rebuilds its
// index builds its own.
var shared struct {
	once sync.Once
	live *index.Live
	err  error
}

// newLive returns the shared index over the embedded corpus.
func newLive(t testing.TB) *index.Live {
	t.Helper()
	shared.once.Do(func() {
		shared.live, shared.err = index.NewLive(context.Background(), corpus.LoadDefault)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.live
}

func TestEveryQuestionWithinLimits(t *testing.T) {
	t.Parallel()
	live := newLive(t)
	h := New(Config{Index: live, RateBurst: 1 << 20})
	var hits int
	for _, q := range questions(t) {
		for _, private := range []bool{false, true} {
			resp, _ := h.Handle(context.Background(), slash(t, alice, "ask", opt("question", 3, q), opt("private", 5, private)))
			checkResponse(t, q, resp)
			if len(resp.Data.Embeds) != 1 {
				t.Errorf("%q: %s; want one embed", q, encode(t, resp))
			}
			if !private && len(resp.Data.Embeds) == 1 && resp.Data.Embeds[0].Color == colorAnswer {
				hits++
			}
		}
	}
	t.Logf("%d of %d questions answered with points", hits, len(questions(t)))
	for n := range 30 {
		resp, _ := h.Handle(context.Background(), slash(t, alice, "point", opt("number", 4, n)))
		checkResponse(t, "point", resp)
	}
	for _, name := range []string{"sources", "help"} {
		resp, _ := h.Handle(context.Background(), slash(t, alice, name))
		checkResponse(t, name, resp)
	}
}
