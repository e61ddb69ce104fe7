package bot

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
	"github.com/planbot/planbot/internal/fakediscord"
)

// syncBuffer is a log sink safe for the gateway's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// copyCorpus copies the default corpus into a temporary folder that the
// test may edit, and returns the folder.
func copyCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("..", corpus.DefaultDir)
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// botUnderTest is a real discordgo session, through NewSession and the API
// base rewriting, answering a fake Discord with a real index.
type botUnderTest struct {
	f    *fakediscord.Fake
	s    *discordgo.Session
	g    *Gateway
	live *index.Live
	dir  string
	logs *syncBuffer
}

// startBot connects a bot over the corpus in dir to a new fake Discord.
func startBot(t *testing.T, dir string, cfg Config) *botUnderTest {
	t.Helper()
	live, err := index.NewLive(context.Background(), func() (*corpus.Corpus, error) { return corpus.LoadDir(dir) })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { live.Close() })
	f := fakediscord.New(t)
	s, err := NewSession(f.Token(), f.APIBase())
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg.Index, cfg.Logger = live, log
	if cfg.Reloader == nil {
		cfg.Reloader = live
	}
	if cfg.ChangelogChannel != "" && cfg.Poster == nil {
		cfg.Poster = s
	}
	if cfg.ReindexCooldown == 0 {
		cfg.ReindexCooldown = time.Nanosecond // these tests reindex one server often
	}
	g := NewGateway(s, New(cfg), log)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := g.RegisterCommands(ctx, f.ApplicationID(), f.GuildID()); err != nil {
		t.Fatal(err)
	}
	if err := g.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.ShouldReconnectOnError = false
		s.Close()
		if strings.Contains(logs.String(), f.Token()) {
			t.Errorf("the bot token appears in the logs")
		}
		if r := f.Rejected(); len(r) > 0 {
			for _, req := range r {
				t.Errorf("fake Discord rejected %s %s: %d %s\n%s", req.Method, req.Path, req.Status, req.Error, req.Body)
			}
		}
	})
	if err := f.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	return &botUnderTest{f: f, s: s, g: g, live: live, dir: dir, logs: logs}
}

var userSeq atomic.Int64

// newUser returns a user no other interaction of the test has used, so
// that the rate limit only bites where a test means it to.
func newUser() fakediscord.User {
	id := fmt.Sprint(1400000000000000000 + userSeq.Add(1))
	return fakediscord.User{ID: id, Username: "user" + id, Discriminator: "0"}
}

// roundTrip dispatches ix and waits for the bot's response.
func (b *botUnderTest) roundTrip(t *testing.T, ix *fakediscord.Interaction) fakediscord.Response {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := b.f.DispatchInteraction(ctx, ix); err != nil {
		t.Fatal(err)
	}
	r, err := b.f.WaitResponse(ctx, ix.ID)
	if err != nil {
		t.Fatalf("no response to %s: %v", ix.ID, err)
	}
	return r
}

// ask sends /ask as a new user and returns the response.
func (b *botUnderTest) ask(t *testing.T, q string, opts ...fakediscord.CommandOption) fakediscord.Response {
	t.Helper()
	ix := b.f.Command("ask", append([]fakediscord.CommandOption{fakediscord.StringOption("question", q)}, opts...)...).WithUser(newUser())
	return b.roundTrip(t, ix)
}

// checkWire fails t when a message the bot sent breaks a limit or allows
// a mention.
func checkWire(t *testing.T, what string, typ discordgo.InteractionResponseType, d fakediscord.MessageData) {
	t.Helper()
	resp := &discordgo.InteractionResponse{Type: typ, Data: &discordgo.InteractionResponseData{
		Content: d.Content, Embeds: d.Embeds, Components: d.Components, AllowedMentions: d.AllowedMentions, Choices: d.Choices,
	}}
	checkResponse(t, what, resp)
}

func TestGatewayEndToEnd(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t)
	// an over-long point, to see answers trimmed inside the limits
	plan := filepath.Join(dir, "plan-28-points.md")
	data, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("The reconstruction fund finances roads, bridges, schools and hospitals across the country. ", 90)
	data = bytes.Replace(data, []byte("A large international package of measures rebuilds Ukraine, including:"),
		[]byte("A large international package of measures rebuilds Ukraine. "+long+"It includes:"), 1)
	if err := os.WriteFile(plan, data, 0o644); err != nil {
		t.Fatal(err)
	}
	b := startBot(t, dir, Config{RateBurst: 3})
	f := b.f

	t.Run("commands registered through the API base", func(t *testing.T) {
		var names []string
		for _, c := range f.RegisteredCommands(f.GuildID()) {
			names = append(names, c.Name)
		}
		if got, want := strings.Join(names, ","), "ask,point,compare,sources,help,reindex,settings,Check against the plan"; got != want {
			t.Errorf("registered %s; want %s", got, want)
		}
		for _, r := range f.Requests() {
			if r.APIVersion != "10" || !r.Authorized {
				t.Errorf("%s %s: api v%q authorized %v; want v10 (DISCORD_API_BASE) with the bot token", r.Method, r.Path, r.APIVersion, r.Authorized)
			}
		}
	})

	t.Run("commands read in Ukrainian and Russian", func(t *testing.T) {
		// The fake refuses localizations Discord would refuse (unknown
		// locale, a name breaking the name rule, a long description), so
		// what it kept is what Discord would show in the picker.
		for _, c := range f.RegisteredCommands(f.GuildID()) {
			for _, loc := range []discordgo.Locale{discordgo.Ukrainian, discordgo.Russian} {
				if c.NameLocalizations == nil || (*c.NameLocalizations)[loc] == "" {
					t.Errorf("command %q has no %s name", c.Name, loc)
				}
				if c.Type == discordgo.ChatApplicationCommand && (c.DescriptionLocalizations == nil || (*c.DescriptionLocalizations)[loc] == "") {
					t.Errorf("command %q has no %s description", c.Name, loc)
				}
				for _, o := range c.Options {
					if o.NameLocalizations[loc] == "" || o.DescriptionLocalizations[loc] == "" {
						t.Errorf("option %s.%s has no %s name or description", c.Name, o.Name, loc)
					}
				}
			}
		}
		if ask := f.RegisteredCommands(f.GuildID())[0]; (*ask.NameLocalizations)[discordgo.Ukrainian] != "запитати" {
			t.Errorf("/ask in Ukrainian is %q; want запитати", (*ask.NameLocalizations)[discordgo.Ukrainian])
		}
	})

	t.Run("ask", func(t *testing.T) {
		r := b.ask(t, "How big can Ukraine's army be?")
		checkWire(t, "ask", r.Type, r.Data)
		if r.Type != discordgo.InteractionResponseChannelMessageWithSource || r.Data.Ephemeral() || len(r.Data.Embeds) != 1 {
			t.Fatalf("ask = %s; want one public embed", r.Body)
		}
		if e := r.Data.Embeds[0]; len(e.Fields) == 0 || !strings.HasPrefix(e.Fields[0].Name, "Point 6 ·") {
			t.Errorf("ask answered %s; want point 6 first", r.Body)
		}
	})

	t.Run("everyone is not pinged", func(t *testing.T) {
		r := b.ask(t, "@everyone @here <@1300000000000000010> is Crimea recognised as Russian?")
		checkWire(t, "ask @everyone", r.Type, r.Data)
		if !bytes.Contains(r.Body, []byte(`"allowed_mentions":{"parse":[]`)) {
			t.Errorf("body lacks allowed_mentions parse []: %s", r.Body)
		}
		if title := r.Data.Embeds[0].Title; strings.Contains(title, "@everyone") || strings.Contains(title, "<@1300") {
			t.Errorf("title %q echoes a mention", title)
		}
	})

	t.Run("point 14 and the next button", func(t *testing.T) {
		ix := f.Command("point", fakediscord.IntegerOption("number", 14)).WithUser(newUser())
		r := b.roundTrip(t, ix)
		checkWire(t, "point 14", r.Type, r.Data)
		if len(r.Data.Embeds) != 1 || !strings.HasPrefix(r.Data.Embeds[0].Title, "Point 14 · Frozen Russian assets") {
			t.Fatalf("point 14 = %s", r.Body)
		}
		if !strings.Contains(r.Data.Embeds[0].Description, "$100bn in frozen Russian assets") {
			t.Errorf("point 14 lacks its text: %q", r.Data.Embeds[0].Description)
		}
		msg, ok := f.OriginalMessage(ix.Token)
		if !ok {
			t.Fatal("the fake has no message for /point 14")
		}
		press := f.Component("pt:plan-28-points:15:n", msg.ID).WithUser(newUser())
		r = b.roundTrip(t, press)
		checkWire(t, "next", r.Type, r.Data)
		if r.Type != discordgo.InteractionResponseUpdateMessage || !strings.HasPrefix(r.Data.Embeds[0].Title, "Point 15 ·") {
			t.Errorf("next ▶ = %s; want the message updated to point 15", r.Body)
		}
	})

	t.Run("autocomplete", func(t *testing.T) {
		ix := f.Autocomplete("point", fakediscord.Focused(fakediscord.StringOption("number", "nato")))
		start := time.Now()
		r := b.roundTrip(t, ix)
		took := time.Since(start)
		checkWire(t, "autocomplete", r.Type, r.Data)
		if r.Type != discordgo.InteractionApplicationCommandAutocompleteResult || len(r.Data.Choices) != 4 {
			t.Errorf("autocomplete = %s; want 4 NATO points", r.Body)
		}
		if took > time.Second {
			t.Errorf("autocomplete took %s", took)
		}
	})

	t.Run("private answer posted in channel", func(t *testing.T) {
		u := newUser()
		ix := f.Command("ask", fakediscord.StringOption("question", "What happens to frozen Russian assets?"), fakediscord.BooleanOption("private", true)).WithUser(u)
		r := b.roundTrip(t, ix)
		checkWire(t, "private ask", r.Type, r.Data)
		if !r.Data.Ephemeral() || !bytes.Contains(r.Body, []byte(`"custom_id":"share"`)) {
			t.Fatalf("private ask = %s; want ephemeral with a share button", r.Body)
		}
		msg, ok := f.OriginalMessage(ix.Token)
		if !ok {
			t.Fatal("the fake has no message for the private answer")
		}
		s := b.roundTrip(t, f.Component(shareID, msg.ID).WithUser(u))
		checkWire(t, "share", s.Type, s.Data)
		if s.Type != discordgo.InteractionResponseChannelMessageWithSource || s.Data.Ephemeral() || len(s.Data.Embeds) != 1 ||
			s.Data.Embeds[0].Title != r.Data.Embeds[0].Title {
			t.Errorf("share = %s; want the same answer in public", s.Body)
		}
	})

	t.Run("over-long answers stay within limits", func(t *testing.T) {
		r := b.roundTrip(t, f.Command("point", fakediscord.IntegerOption("number", 12)).WithUser(newUser()))
		checkWire(t, "point 12", r.Type, r.Data)
		if d := r.Data.Embeds[0].Description; !strings.Contains(d, ellipsis) {
			t.Errorf("point 12 was not trimmed: %d characters", length(d))
		}
		r = b.ask(t, strings.Repeat("reconstruction roads bridges schools ", 8))
		checkWire(t, "long ask", r.Type, r.Data)
		r = b.roundTrip(t, f.Command("sources").WithUser(newUser()))
		checkWire(t, "sources", r.Type, r.Data)
		r = b.roundTrip(t, f.Command("help").WithUser(newUser()))
		checkWire(t, "help", r.Type, r.Data)
	})

	t.Run("rate limit", func(t *testing.T) {
		u := newUser()
		var limited int
		for i := range 5 {
			ix := f.Command("ask", fakediscord.StringOption("question", "elections")).WithUser(u)
			r := b.roundTrip(t, ix)
			checkWire(t, "ask", r.Type, r.Data)
			if strings.Contains(r.Data.Content, "Easy there") {
				limited++
				if !r.Data.Ephemeral() {
					t.Errorf("rate-limit note %d is public", i)
				}
			}
		}
		if limited != 2 {
			t.Errorf("%d of 5 quick asks were refused; want 2 (3 per window)", limited)
		}
	})

	t.Run("reindex by a non-admin is refused", func(t *testing.T) {
		r := b.roundTrip(t, f.Command("reindex").WithUser(newUser()))
		checkWire(t, "reindex", r.Type, r.Data)
		if !r.Data.Ephemeral() || !strings.Contains(r.Data.Content, "Only server admins") {
			t.Errorf("non-admin reindex = %s; want a private refusal", r.Body)
		}
	})

	t.Run("reindex by an admin while answering", func(t *testing.T) {
		// answers keep flowing while the index is rebuilt and swapped
		stop := make(chan struct{})
		var wg sync.WaitGroup
		var answered, failed atomic.Int64
		for w := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				qs := []string{"Will Ukraine join NATO?", "What about Crimea?", "Who pays for reconstruction?"}
				for n := 0; ; n++ {
					select {
					case <-stop:
						return
					default:
					}
					ix := f.Command("ask", fakediscord.StringOption("question", qs[(n+w)%len(qs)])).WithUser(newUser())
					ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
					err := f.DispatchInteraction(ctx, ix)
					var r fakediscord.Response
					if err == nil {
						r, err = f.WaitResponse(ctx, ix.ID)
					}
					cancel()
					if err != nil || len(r.Data.Embeds) != 1 || len(r.Data.Embeds[0].Fields) == 0 {
						failed.Add(1)
						continue
					}
					answered.Add(1)
				}
			}()
		}
		reindex := func() fakediscord.Edit {
			t.Helper()
			ix := f.Command("reindex").WithPermissions(fakediscord.DefaultMemberPermissions | discordgo.PermissionManageGuild).WithUser(newUser())
			r := b.roundTrip(t, ix)
			if r.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || !r.Data.Ephemeral() {
				t.Fatalf("admin reindex = %s; want a private deferral", r.Body)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			e, err := f.WaitEdit(ctx, ix.Token)
			if err != nil {
				t.Fatalf("no edit after /reindex: %v", err)
			}
			checkWire(t, "reindex edit", discordgo.InteractionResponseChannelMessageWithSource, e.Data)
			return e
		}

		// an edited point is picked up
		edited := bytes.Replace(data, []byte("Ukraine's armed forces are capped at 600,000 personnel."),
			[]byte("Ukraine's armed forces are capped at 800,000 personnel in peacetime."), 1)
		if err := os.WriteFile(plan, edited, 0o644); err != nil {
			t.Fatal(err)
		}
		e := reindex()
		t.Logf("reindex report: %s", e.Body)
		if len(e.Data.Embeds) != 1 || e.Data.Embeds[0].Title != "Reindexed" {
			t.Fatalf("reindex edit = %s; want the Reindexed report", e.Body)
		}
		if !bytes.Contains(e.Body, []byte("plan-28-points §6")) {
			t.Errorf("reindex report does not name the changed point plan-28-points §6: %s", e.Body)
		}
		r := b.roundTrip(t, f.Command("point", fakediscord.IntegerOption("number", 6)).WithUser(newUser()))
		if !strings.Contains(r.Data.Embeds[0].Description, "800,000") {
			t.Errorf("after reindex point 6 = %q; want the edited text", r.Data.Embeds[0].Description)
		}

		// a bad corpus changes nothing
		bad := bytes.Replace(edited, []byte("date: 2025-11-20\n"), nil, 1)
		if err := os.WriteFile(plan, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		e = reindex()
		if len(e.Data.Embeds) != 1 || !strings.HasPrefix(e.Data.Embeds[0].Title, "Reindex failed") ||
			!strings.Contains(e.Data.Embeds[0].Description, "plan-28-points.md:") {
			t.Errorf("bad reindex edit = %s; want the errors with file:line", e.Body)
		}
		r = b.roundTrip(t, f.Command("point", fakediscord.IntegerOption("number", 6)).WithUser(newUser()))
		if !strings.Contains(r.Data.Embeds[0].Description, "800,000") {
			t.Errorf("after a failed reindex point 6 = %q; want the old index still serving", r.Data.Embeds[0].Description)
		}
		time.Sleep(100 * time.Millisecond)
		close(stop)
		wg.Wait()
		if answered.Load() == 0 || failed.Load() > 0 {
			t.Errorf("during reindexing %d asks were answered and %d failed; want all answered", answered.Load(), failed.Load())
		}
		t.Logf("%d asks answered during two reindexes", answered.Load())
	})

	t.Run("reconnect after the gateway drops", func(t *testing.T) {
		before := f.Connects()
		if n := f.DropConnections(); n == 0 {
			t.Fatal("no gateway connection to drop")
		}
		r := b.ask(t, "Will there be elections in Ukraine?") // Dispatch waits for the bot to reconnect
		checkWire(t, "ask after reconnect", r.Type, r.Data)
		if len(r.Data.Embeds) != 1 {
			t.Errorf("after reconnect ask = %s", r.Body)
		}
		if f.Connects() <= before {
			t.Errorf("connects = %d, before %d; want a new connection", f.Connects(), before)
		}
	})
}

// slowReloader delays each reload, so a test can shut down mid-reply.
type slowReloader struct {
	Reloader
	delay   time.Duration
	started chan struct{}
}

func (s *slowReloader) Reload(ctx context.Context) (*index.ReloadReport, error) {
	close(s.started)
	time.Sleep(s.delay)
	return s.Reloader.Reload(ctx)
}

func TestGatewayShutdownFinishesReplies(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t)
	slow := &slowReloader{delay: 500 * time.Millisecond, started: make(chan struct{})}
	live, err := index.NewLive(context.Background(), func() (*corpus.Corpus, error) { return corpus.LoadDir(dir) })
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	slow.Reloader = live
	b := startBot(t, dir, Config{Reloader: slow})
	ix := b.f.Command("reindex").WithPermissions(discordgo.PermissionAdministrator)
	r := b.roundTrip(t, ix)
	if r.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("reindex = %s; want a deferral", r.Body)
	}
	<-slow.started
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := b.g.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	var edited bool
	for _, e := range b.f.Edits() {
		if e.Token == ix.Token {
			edited = true
		}
	}
	if !edited {
		t.Errorf("Shutdown returned before the /reindex reply in flight was sent")
	}
}
