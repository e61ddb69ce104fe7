package fakediscord_test

import (
	"strconv"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/internal/fakediscord"
)

func TestShardFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		guild       string
		count, want int
	}{
		{"41771983423143937", 1, 0},
		{"41771983423143937", 2, (41771983423143937 >> 22) % 2},
		{"41771983423143937", 16, (41771983423143937 >> 22) % 16},
		{"", 4, 0},        // DMs go to shard 0
		{"guild", 4, 0},   // not a snowflake
		{"4194304", 2, 1}, // 1<<22
	}
	for _, tt := range tests {
		if got := fakediscord.ShardFor(tt.guild, tt.count); got != tt.want {
			t.Errorf("ShardFor(%q, %d) = %d; want %d", tt.guild, tt.count, got, tt.want)
		}
	}
}

// TestShardsGetTheirGuilds runs two discordgo sessions as shards 0 and 1 of
// 2 and checks that each identifies with its shard, is told about its own
// guild only, and receives the interactions of that guild.
func TestShardsGetTheirGuilds(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	const base = uint64(1300000000000000002)
	guilds := [2]string{}
	for _, id := range []uint64{base, base + 1<<22} {
		guilds[fakediscord.ShardFor(strconv.FormatUint(id, 10), 2)] = strconv.FormatUint(id, 10)
	}
	f := fakediscord.New(t, fakediscord.WithGuild(guilds[0], "1300000000000000100"), fakediscord.WithGuild(guilds[1], "1300000000000000101"))

	type event struct {
		shard       int
		guild, kind string
	}
	events := make(chan event, 16)
	for shard := range 2 {
		s := f.NewSession(t)
		s.ShardID, s.ShardCount = shard, 2
		s.Identify.Intents = discordgo.IntentsGuilds
		s.AddHandler(func(_ *discordgo.Session, g *discordgo.GuildCreate) { events <- event{shard, g.ID, "guild"} })
		s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
			events <- event{shard, ic.GuildID, "interaction"}
		})
		if err := s.Open(); err != nil {
			t.Fatalf("shard %d: Open() = %v", shard, err)
		}
		if e := recv(t, events, "GUILD_CREATE"); e != (event{shard, guilds[shard], "guild"}) {
			t.Errorf("shard %d got %+v; want the GUILD_CREATE of guild %s", shard, e, guilds[shard])
		}
	}
	ids := f.Identifies()
	if len(ids) != 2 {
		t.Fatalf("%d identifies; want 2", len(ids))
	}
	for i, id := range ids {
		if id.Shard == nil || *id.Shard != [2]int{i, 2} {
			t.Errorf("identify %d: shard %v; want [%d 2]", i, id.Shard, i)
		}
	}
	for _, shard := range []int{1, 0, 1} {
		ix := f.Command("ask")
		ix.GuildID = guilds[shard]
		if err := f.DispatchInteraction(ctx, ix); err != nil {
			t.Fatal(err)
		}
		if e := recv(t, events, "INTERACTION_CREATE"); e != (event{shard, guilds[shard], "interaction"}) {
			t.Errorf("interaction in guild %s reached %+v; want shard %d", guilds[shard], e, shard)
		}
	}
}
