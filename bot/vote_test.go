package bot

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/index"
	"github.com/planbot/planbot/internal/fakediscord"
	"github.com/planbot/planbot/settings"
	"github.com/prometheus/client_golang/prometheus"
)

// testVoteKey is a VoterHash key for tests.
var testVoteKey = []byte("test vote key, 32 bytes or more!")

func TestVoteIDRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		dir    string
		points []int
		want   string
	}{
		{voteUp, []int{6, 21}, "vote:u:6,21"},
		{voteDown, []int{14}, "vote:d:14"},
		{voteDown, nil, "vote:d:"},
	}
	for _, tt := range tests {
		id := voteID(tt.dir, tt.points)
		if id != tt.want {
			t.Errorf("voteID(%q, %v) = %q; want %q", tt.dir, tt.points, id, tt.want)
		}
		up, points, ok := parseVoteID(id)
		if !ok || up != (tt.dir == voteUp) || !slices.Equal(points, tt.points) {
			t.Errorf("parseVoteID(%q) = %v, %v, %v; want %v, %v", id, up, points, ok, tt.dir == voteUp, tt.points)
		}
	}
	var many []int
	for n := range 64 {
		many = append(many, 100+n)
	}
	id := voteID(voteDown, many)
	_, points, ok := parseVoteID(id)
	if len(id) > maxCustomID || !ok || len(points) == 0 || !slices.Equal(points, many[:len(points)]) {
		t.Errorf("voteID of 64 points = %q (%d bytes), parsed %v %v; want the first points within %d bytes", id, len(id), points, ok, maxCustomID)
	}
	for _, bad := range []string{"vote:", "vote:u", "vote:x:1", "vote:u:a", "vote:u:0", "vote:u:1,,2", "vote:u:1000", "vote:u:-1", "vot:u:1"} {
		if _, _, ok := parseVoteID(bad); ok {
			t.Errorf("parseVoteID(%q) ok; want not ok", bad)
		}
	}
}

// TestQuestionOfRoundTrip checks that the question a vote stores is the
// one asked, read back from the answer's escaped title.
func TestQuestionOfRoundTrip(t *testing.T) {
	t.Parallel()
	c := defaultCorpus(t)
	for _, q := range []string{
		"How big can Ukraine's army be?",
		"@everyone <@123> **NATO** _x_ `c` ||s|| ~~y~~ > quote # head [l](https://evil.example) back\\slash",
		"Що буде з Кримом? 🇺🇦",
	} {
		for _, res := range []*index.Result{askResult(t, c), {NoMatch: true}} {
			for _, e := range []*discordgo.MessageEmbed{renderAsk(langEN, res, q, c.DefaultPlan(), c), renderCheck(langEN, res, q, c.DefaultPlan(), c)} {
				if got := questionOf(&discordgo.Message{Embeds: []*discordgo.MessageEmbed{e}}); got != q {
					t.Errorf("questionOf(title %q) = %q; want %q", e.Title, got, q)
				}
			}
		}
	}
	long := strings.Repeat("why ", 80)
	got := questionOf(&discordgo.Message{Embeds: []*discordgo.MessageEmbed{renderAsk(langEN, &index.Result{NoMatch: true}, long, nil, nil)}})
	if want := strings.TrimSpace(long); got != want {
		t.Errorf("questionOf an answer whose title is cut = %q; want the question in full, %q", got, want)
	}
	if got := questionOf(&discordgo.Message{Embeds: []*discordgo.MessageEmbed{{Title: "Reindexed"}}}); got != "" {
		t.Errorf("questionOf(Reindexed) = %q; want \"\"", got)
	}
}

func TestVotesOff(t *testing.T) {
	t.Parallel()
	h := newStubHandler(t, Config{})
	resp, _ := h.Handle(context.Background(), slash(t, alice, "ask", opt("question", 3, "army")))
	if strings.Contains(encode(t, resp), votePrefix) {
		t.Errorf("ask without a feedback store has vote buttons: %s", encode(t, resp))
	}
	msg := &discordgo.Message{ID: "1300000000000000555", Embeds: resp.Data.Embeds}
	press, _ := h.Handle(context.Background(), press(t, alice, "vote:u:6", msg))
	checkResponse(t, "vote off", press)
	if press.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(press.Data.Content, "not being recorded") {
		t.Errorf("vote with votes off = %s; want a private note", encode(t, press))
	}
}

// voteButtonIDs returns the custom_ids of the 👍 and 👎 buttons of a
// message, "" when absent.
func voteButtonIDs(rows []discordgo.MessageComponent) (up, down string) {
	for _, row := range rows {
		var buttons []discordgo.MessageComponent
		switch r := row.(type) {
		case discordgo.ActionsRow:
			buttons = r.Components
		case *discordgo.ActionsRow:
			buttons = r.Components
		}
		for _, c := range buttons {
			var b discordgo.Button
			switch v := c.(type) {
			case discordgo.Button:
				b = v
			case *discordgo.Button:
				b = *v
			}
			switch {
			case strings.HasPrefix(b.CustomID, votePrefix+voteUp+":") && b.Label == "👍":
				up = b.CustomID
			case strings.HasPrefix(b.CustomID, votePrefix+voteDown+":") && b.Label == "👎":
				down = b.CustomID
			}
		}
	}
	return up, down
}

// feedbackBot is a bot over the default corpus whose votes and kept
// questions go to a real SQLite store in dir, counted in metrics.
func feedbackBot(t *testing.T, keep bool) (*botUnderTest, settings.Store, string, *prometheus.Registry) {
	t.Helper()
	dir := t.TempDir()
	store, err := settings.OpenSQLite(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	b := startBot(t, copyCorpus(t), Config{Feedback: store, VoteKey: testVoteKey, KeepQuestions: keep, Observe: m.Observe})
	return b, store, dir, reg
}

func TestGatewayVotes(t *testing.T) {
	t.Parallel()
	b, store, dir, reg := feedbackBot(t, false)
	f := b.f
	ctx := context.Background()
	q := "How big can Ukraine's army be?"

	asker, ana, bo := newUser(), newUser(), newUser()
	ix := f.Command("ask", fakediscord.StringOption("question", q)).WithUser(asker)
	r := b.roundTrip(t, ix)
	checkWire(t, "ask with votes", r.Type, r.Data)
	upID, downID := voteButtonIDs(r.Data.Components)
	if upID == "" || downID == "" {
		t.Fatalf("ask = %s; want 👍 and 👎 buttons", r.Body)
	}
	_, points, _ := parseVoteID(downID)
	if len(points) == 0 || points[0] != 6 {
		t.Errorf("vote buttons %q name points %v; want point 6 first", downID, points)
	}
	answer, ok := f.OriginalMessage(ix.Token)
	if !ok {
		t.Fatal("the fake has no message for the answer")
	}

	vote := func(u fakediscord.User, id, want string) {
		t.Helper()
		r := b.roundTrip(t, f.Component(id, answer.ID).WithUser(u))
		checkWire(t, "vote", r.Type, r.Data)
		if r.Type != discordgo.InteractionResponseChannelMessageWithSource || !r.Data.Ephemeral() || r.Data.Content != want {
			t.Errorf("%s pressed %s: %s; want a private %q", u.ID, id, r.Body, want)
		}
	}
	vote(ana, downID, "Thanks — recorded 👎")
	vote(ana, downID, "Already counted")
	vote(ana, upID, "Changed to 👍")
	vote(ana, upID, "Already counted")
	vote(bo, downID, "Thanks — recorded 👎")

	// the logs name the answer and the direction of each vote, never who
	// pressed
	for _, line := range strings.Split(b.logs.String(), "\n") {
		if !strings.Contains(line, "cmd=vote") {
			continue
		}
		if strings.Contains(line, ana.ID) || strings.Contains(line, bo.ID) || strings.Contains(line, "user=") {
			t.Errorf("a vote is logged with its voter: %s", line)
		}
		if !strings.Contains(line, "answer="+answer.ID) || !strings.Contains(line, "up=") {
			t.Errorf("a vote is logged without its answer and direction: %s", line)
		}
	}

	items, err := store.Feedback(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 {
		t.Fatalf("feedback = %+v; want one question", items)
	}
	it := items[0]
	if it.Question != q || !slices.Equal(it.Points, points) || it.Up != 1 || it.Down != 1 || it.Answers != 1 || it.Unmatched != 0 {
		t.Errorf("feedback = %+v; want %q with points %v, 👍 1 👎 1 on 1 answer (one vote per person)", it, q, points)
	}
	if d := time.Since(it.Last); d < 0 || d > time.Minute {
		t.Errorf("feedback last vote at %s; want about now", it.Last)
	}

	for _, c := range []struct {
		outcome string
		want    float64
	}{{"new", 2}, {"changed", 1}, {"unchanged", 2}} {
		if got := find(gather(t, reg), "planbot_interactions_total", map[string]string{"command": "vote", "outcome": c.outcome}); got != c.want {
			t.Errorf("planbot_interactions_total{command=vote,outcome=%s} = %v; want %v", c.outcome, got, c.want)
		}
	}

	t.Run("the public copy of a private answer is another answer", func(t *testing.T) {
		ix := f.Command("ask", fakediscord.StringOption("question", q), fakediscord.BooleanOption("private", true)).WithUser(asker)
		r := b.roundTrip(t, ix)
		if up, _ := voteButtonIDs(r.Data.Components); up == "" || !r.Data.Ephemeral() {
			t.Fatalf("private ask = %s; want 👍 / 👎 on the private answer", r.Body)
		}
		private, _ := f.OriginalMessage(ix.Token)
		share := f.Component(shareID, private.ID).WithUser(asker)
		s := b.roundTrip(t, share)
		checkWire(t, "share with votes", s.Type, s.Data)
		up, down := voteButtonIDs(s.Data.Components)
		if s.Data.Ephemeral() || up == "" || down != downID {
			t.Fatalf("share = %s; want a public answer with the same 👍 / 👎", s.Body)
		}
		public, ok := f.OriginalMessage(share.Token)
		if !ok {
			t.Fatal("the fake has no message for the public copy")
		}
		answer = public
		vote(ana, downID, "Thanks — recorded 👎") // Ana voted on the first answer, not on this one
		items, err := store.Feedback(ctx, time.Time{})
		if err != nil || len(items) != 1 || items[0].Answers != 2 || items[0].Down != 2 {
			t.Errorf("feedback = %+v, %v; want 2 answers with 👎 2", items, err)
		}
	})

	t.Run("votes on a check", func(t *testing.T) {
		claim := "Ukraine must give up Crimea under this plan"
		ix := f.MessageCommand(checkName, newUser(), "<@"+ana.ID+"> "+claim+" @everyone").WithUser(asker)
		r := b.roundTrip(t, ix)
		_, down := voteButtonIDs(r.Data.Components)
		if down == "" {
			t.Fatalf("check = %s; want 👍 / 👎", r.Body)
		}
		answer, _ = f.OriginalMessage(ix.Token)
		vote(bo, down, "Thanks — recorded 👎")
		items, err := store.Feedback(ctx, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, it := range items {
			found = found || (it.Question == claim && it.Down == 1)
		}
		if !found {
			t.Errorf("feedback = %+v; want the checked message with 👎 1", items)
		}
	})

	t.Run("no user id is stored", func(t *testing.T) {
		files, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no database files in %s: %v", dir, err)
		}
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range []fakediscord.User{asker, ana, bo} {
				if strings.Contains(string(data), u.ID) {
					t.Errorf("%s contains the user id %s", filepath.Base(name), u.ID)
				}
			}
		}
	})
}

func TestGatewayKeepQuestions(t *testing.T) {
	t.Parallel()
	for _, keep := range []bool{false, true} {
		t.Run(map[bool]string{false: "off", true: "on"}[keep], func(t *testing.T) {
			b, store, _, _ := feedbackBot(t, keep)
			f := b.f
			for _, ix := range []*fakediscord.Interaction{
				f.Command("ask", fakediscord.StringOption("question", "Anyone up for pizza tonight?")),
				f.MessageCommand(checkName, newUser(), "What a lovely sunset @everyone"),
				f.Command("ask", fakediscord.StringOption("question", "How big can Ukraine's army be?")),
			} {
				r := b.roundTrip(t, ix.WithUser(newUser()))
				checkWire(t, "ask", r.Type, r.Data)
			}
			items, err := store.Feedback(context.Background(), time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, it := range items {
				if it.Unmatched != 1 || it.Up+it.Down != 0 {
					t.Errorf("kept %+v; want unmatched once, no votes", it)
				}
				got = append(got, it.Question)
			}
			slices.Sort(got)
			var want []string
			if keep {
				want = []string{"Anyone up for pizza tonight?", "What a lovely sunset"} // without the mention
			}
			if !slices.Equal(got, want) {
				t.Errorf("PLANBOT_KEEP_QUESTIONS=%v kept %q; want %q", keep, got, want)
			}
		})
	}
}
