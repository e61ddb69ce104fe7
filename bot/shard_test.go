package bot

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/planbot/planbot/internal/fakediscord"
)

// TestGatewayShards runs planbot as two processes would run shards 0 and
// 1 of 2: each session identifies with its shard and answers the
// interactions of its own guilds, which Discord sends it alone.
func TestGatewayShards(t *testing.T) {
	t.Parallel()
	const base = uint64(1300000000000000002)
	var guilds [2]string // guilds[n] is on shard n
	for _, id := range []uint64{base, base + 1<<22} {
		s := strconv.FormatUint(id, 10)
		guilds[fakediscord.ShardFor(s, 2)] = s
	}
	f := fakediscord.New(t, fakediscord.WithGuild(guilds[0], "1300000000000000100"), fakediscord.WithGuild(guilds[1], "1300000000000000101"))
	live := newLive(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	var logs [2]*syncBuffer
	for shard := range 2 {
		s, err := NewSession(f.Token(), f.APIBase())
		if err != nil {
			t.Fatal(err)
		}
		s.ShardID, s.ShardCount = shard, 2
		logs[shard] = &syncBuffer{}
		log := slog.New(slog.NewTextHandler(logs[shard], nil)).With(slog.String("shard", strconv.Itoa(shard)))
		g := NewGateway(s, New(Config{Index: live, Logger: log}), log)
		if shard == 0 {
			if err := g.RegisterCommands(ctx, f.ApplicationID(), ""); err != nil {
				t.Fatal(err)
			}
		}
		if err := g.Open(); err != nil {
			t.Fatalf("shard %d: %v", shard, err)
		}
		t.Cleanup(func() {
			s.ShouldReconnectOnError = false
			g.Shutdown(context.Background())
		})
	}

	ids := f.Identifies()
	if len(ids) != 2 {
		t.Fatalf("%d identifies; want one per shard", len(ids))
	}
	for n, id := range ids {
		if id.Shard == nil || *id.Shard != [2]int{n, 2} {
			t.Errorf("shard %d identified with %v; want [%d 2]", n, id.Shard, n)
		}
	}

	for _, shard := range []int{0, 1, 1, 0} {
		ix := f.Command("ask", fakediscord.StringOption("question", "Will Ukraine join NATO?")).WithUser(newUser())
		ix.GuildID, ix.Channel.GuildID = guilds[shard], guilds[shard]
		if err := f.DispatchInteraction(ctx, ix); err != nil {
			t.Fatal(err)
		}
		r, err := f.WaitResponse(ctx, ix.ID)
		if err != nil {
			t.Fatalf("no answer in guild %s: %v", guilds[shard], err)
		}
		checkWire(t, "ask on a shard", r.Type, r.Data)
		if len(r.Data.Embeds) != 1 || len(r.Data.Embeds[0].Fields) == 0 {
			t.Errorf("shard %d answered %s; want an answer", shard, r.Body)
		}
	}
	for shard, l := range logs {
		own, other := "guild="+guilds[shard], "guild="+guilds[1-shard]
		if n := strings.Count(l.String(), own); n != 2 || strings.Contains(l.String(), other) {
			t.Errorf("shard %d answered %d interactions of its guild and %v of the other's; want 2 and none:\n%s",
				shard, n, strings.Contains(l.String(), other), l)
		}
	}
	if r := f.Rejected(); len(r) > 0 {
		t.Errorf("fake Discord rejected %d requests: %+v", len(r), r)
	}
}
