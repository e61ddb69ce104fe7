package bot

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// inGuild is ix sent from the server guildID.
func inGuild(ix *discordgo.Interaction, guildID string) *discordgo.Interaction {
	ix.GuildID = guildID
	return ix
}

// TestReindexStorm sends a storm of /reindex from one admin of one server,
// and some from other servers, against a real Live index: the server's
// first is deferred and rebuilds, the rest of that server are refused at
// once with when to try again (no goroutine each), requests from other
// servers during the rebuild join it and say so, and a server not on the
// operator's list is refused.
func TestReindexStorm(t *testing.T) {
	gate := make(chan struct{})
	var once sync.Once
	defer once.Do(func() { close(gate) })
	var loads atomic.Int64
	live, err := index.NewLive(context.Background(), func() (*corpus.Corpus, error) {
		if loads.Add(1) == 2 { // the first rebuild, after the first build
			<-gate
		}
		return corpus.LoadDefault()
	})
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	h := newStubHandler(t, Config{Reloader: live, ReindexGuilds: []string{"501", "502", "503"}})
	h.now = func() time.Time { return now }

	resp, first := h.Handle(context.Background(), inGuild(slash(t, admin, "reindex"), "501"))
	if resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || first == nil {
		t.Fatalf("first /reindex = %s; want a deferral", encode(t, resp))
	}
	edits := make(chan *discordgo.WebhookEdit, 3)
	go func() { edits <- first(context.Background()) }()
	for loads.Load() < 2 {
		time.Sleep(time.Millisecond)
	}

	before := runtime.NumGoroutine()
	for range 1000 {
		resp, later := h.Handle(context.Background(), inGuild(slash(t, admin, "reindex"), "501"))
		if later != nil || !strings.Contains(resp.Data.Content, "one `/reindex` a minute") || !strings.Contains(resp.Data.Content, "try again in 60 s") {
			t.Fatalf("repeat /reindex = %s; want an immediate refusal saying when to try again", encode(t, resp))
		}
	}
	if n := runtime.NumGoroutine() - before; n > 5 {
		t.Errorf("%d more goroutines after 1000 refused /reindex; want none", n)
	}
	for _, g := range []string{"502", "503"} {
		_, later := h.Handle(context.Background(), inGuild(slash(t, admin, "reindex"), g))
		if later == nil {
			t.Fatalf("/reindex from server %s was not deferred", g)
		}
		go func() { edits <- later(context.Background()) }()
	}
	time.Sleep(50 * time.Millisecond) // let them join
	once.Do(func() { close(gate) })
	joined := 0
	for range 3 {
		e := <-edits
		if e.Embeds == nil || len(*e.Embeds) != 1 || (*e.Embeds)[0].Title != "Reindexed" {
			t.Fatalf("edit = %s; want the Reindexed report", encode(t, e))
		}
		if strings.Contains((*e.Embeds)[0].Description, "Already reindexing; your request joined it.") {
			joined++
		}
	}
	if joined != 2 || loads.Load() != 2 {
		t.Errorf("%d replies say they joined, %d rebuilds; want 2 and 1", joined, loads.Load()-1)
	}

	resp, later := h.Handle(context.Background(), inGuild(slash(t, admin, "reindex"), "999"))
	if later != nil || !strings.Contains(resp.Data.Content, "not enabled in this server") {
		t.Errorf("/reindex from an unlisted server = %s; want a refusal", encode(t, resp))
	}
	now = now.Add(time.Minute)
	if _, later := h.Handle(context.Background(), inGuild(slash(t, admin, "reindex"), "501")); later == nil {
		t.Errorf("/reindex a minute later was not deferred")
	}
}

// TestReindexFIFO: a FIFO named like a document in the corpus folder makes
// /reindex report it as a problem at once, and the next /reindex (after
// it is removed) works: nothing stays stuck behind it.
func TestReindexFIFO(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "corpus", "default")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	live, err := index.NewLive(context.Background(), func() (*corpus.Corpus, error) { return corpus.LoadDir(dir) })
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	fifo := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	h := newStubHandler(t, Config{Reloader: live, ReindexCooldown: time.Nanosecond})
	reindex := func() string {
		_, later := h.Handle(context.Background(), slash(t, admin, "reindex"))
		if later == nil {
			t.Fatal("/reindex was not deferred")
		}
		done := make(chan *discordgo.WebhookEdit, 1)
		go func() { done <- later(context.Background()) }()
		select {
		case e := <-done:
			return encode(t, e)
		case <-time.After(10 * time.Second):
			t.Fatal("/reindex still running after 10 s")
			return ""
		}
	}
	if got := reindex(); !strings.Contains(got, "pipe.md") || !strings.Contains(got, "named pipe (FIFO)") {
		t.Errorf("/reindex with a FIFO = %s; want the FIFO named as a problem", got)
	}
	if err := os.Remove(fifo); err != nil {
		t.Fatal(err)
	}
	if got := reindex(); !strings.Contains(got, `"title":"Reindexed"`) {
		t.Errorf("/reindex after removing the FIFO = %s; want the Reindexed report", got)
	}
}
