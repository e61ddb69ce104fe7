package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/internal/fakediscord"
)

func TestShardConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		env       map[string]string
		id, count int
		wantErr   string // "" for valid
	}{
		{nil, 0, 0, ""},
		{map[string]string{"PLANBOT_SHARD_COUNT": "1"}, 0, 1, ""},
		{map[string]string{"PLANBOT_SHARD_ID": "0", "PLANBOT_SHARD_COUNT": "2"}, 0, 2, ""},
		{map[string]string{"PLANBOT_SHARD_ID": "3", "PLANBOT_SHARD_COUNT": "4"}, 3, 4, ""},
		{map[string]string{"PLANBOT_SHARD_ID": "2", "PLANBOT_SHARD_COUNT": "2"}, 2, 2, "PLANBOT_SHARD_ID=2: shards are numbered 0 to 1"},
		{map[string]string{"PLANBOT_SHARD_ID": "-1", "PLANBOT_SHARD_COUNT": "2"}, -1, 2, `PLANBOT_SHARD_ID="-1"`},
		{map[string]string{"PLANBOT_SHARD_ID": "one", "PLANBOT_SHARD_COUNT": "2"}, 0, 2, `PLANBOT_SHARD_ID="one"`},
		{map[string]string{"PLANBOT_SHARD_ID": "1"}, 1, 0, "PLANBOT_SHARD_ID=1 needs PLANBOT_SHARD_COUNT"},
		{map[string]string{"PLANBOT_SHARD_COUNT": "2"}, 0, 2, "PLANBOT_SHARD_ID is not set"},
		{map[string]string{"PLANBOT_SHARD_ID": "0", "PLANBOT_SHARD_COUNT": "0"}, 0, 0, `PLANBOT_SHARD_COUNT="0"`},
		{map[string]string{"PLANBOT_SHARD_COUNT": "lots"}, 0, 0, `PLANBOT_SHARD_COUNT="lots"`},
		{map[string]string{"PLANBOT_CHANGELOG_CHANNEL": "#announcements"}, 0, 0, `PLANBOT_CHANGELOG_CHANNEL="#announcements": use the numeric id`},
	}
	for _, tt := range tests {
		c := LoadConfig(mapEnv(tt.env))
		err := c.Validate()
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%v: Validate() = %v; want nil", tt.env, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%v: Validate() = %v; want an error with %q", tt.env, err, tt.wantErr)
		case tt.wantErr == "" && (c.ShardID != tt.id || c.ShardCount != tt.count):
			t.Errorf("%v: shard %d of %d; want %d of %d", tt.env, c.ShardID, c.ShardCount, tt.id, tt.count)
		}
	}
	c := LoadConfig(mapEnv(map[string]string{"PLANBOT_SHARD_ID": "1", "PLANBOT_SHARD_COUNT": "2"}))
	if err := c.ValidateHTTP(); err == nil || !strings.Contains(err.Error(), "shards are for the gateway") {
		t.Errorf("ValidateHTTP with shards = %v; want shards refused over HTTP", err)
	}
	var logs bytes.Buffer
	c.Logger(&logs).Info("config", "config", c)
	if !strings.Contains(logs.String(), "config.shard=1/2") {
		t.Errorf("config log %q lacks the shard", logs.String())
	}
}

// TestServeShard runs serve as shard 1 of 2: it identifies as that shard,
// leaves registering the commands to shard 0, and answers the servers
// Discord routes to it.
func TestServeShard(t *testing.T) {
	t.Parallel()
	const base = uint64(1300000000000000002)
	guild := strconv.FormatUint(base, 10)
	if fakediscord.ShardFor(guild, 2) != 1 {
		guild = strconv.FormatUint(base+1<<22, 10)
	}
	f := fakediscord.New(t, fakediscord.WithGuild(guild, "1300000000000000100"))
	env := map[string]string{
		"DISCORD_TOKEN": f.Token(), "DISCORD_APP_ID": f.ApplicationID(), "DISCORD_API_BASE": f.APIBase(),
		"PLANBOT_SHARD_ID": "1", "PLANBOT_SHARD_COUNT": "2", "PLANBOT_LOG_LEVEL": "debug",
	}
	cfg := LoadConfig(mapEnv(env))
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	logs := &lockedBuffer{}
	done := make(chan int, 1)
	go func() { done <- runServe(ctx, cfg, nil, io.Discard, logs) }()

	wait, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := f.WaitReady(wait); err != nil {
		t.Fatalf("serve never connected: %v\n%s", err, logs)
	}
	if ids := f.Identifies(); len(ids) != 1 || ids[0].Shard == nil || *ids[0].Shard != [2]int{1, 2} {
		t.Errorf("identifies = %+v; want one with shard [1 2]", ids)
	}
	if n := len(f.Commands()); n != 0 {
		t.Errorf("shard 1 registered commands %d times; want shard 0 to do it", n)
	}
	ix := f.Command("ask", fakediscord.StringOption("question", "Will Ukraine join NATO?"))
	ix.GuildID, ix.Channel.GuildID = guild, guild
	if err := f.DispatchInteraction(wait, ix); err != nil {
		t.Fatal(err)
	}
	if r, err := f.WaitResponse(wait, ix.ID); err != nil || len(r.Data.Embeds) != 1 {
		t.Errorf("shard 1 answered %s, %v; want an answer", r.Body, err)
	}
	stop()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exit %d; want 0\n%s", code, logs)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("serve did not stop\n%s", logs)
	}
	for _, want := range []string{"shard=1/2", "shard 0 registers them"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("logs lack %q:\n%s", want, logs)
		}
	}
}

// TestServeHTTPFeedback runs serve as an HTTP endpoint without a token:
// the message command and the vote buttons work there as over the
// gateway, votes land in the SQLite store of PLANBOT_DATA_DIR, and a
// changelog channel that cannot be posted to without the token is
// warned about once.
func TestServeHTTPFeedback(t *testing.T) {
	t.Parallel()
	f := fakediscord.New(t)
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"DISCORD_APP_ID": f.ApplicationID(), "DISCORD_API_BASE": f.APIBase(), "DISCORD_PUBLIC_KEY": hex.EncodeToString(pub),
		"PLANBOT_DATA_DIR": t.TempDir(), "PLANBOT_CHANGELOG_CHANNEL": f.ChannelID(), "PLANBOT_KEEP_QUESTIONS": "true",
	}
	cfg := LoadConfig(mapEnv(env))
	stop, done, logs := serveHTTPInBackground(t, cfg)
	base := listenAddr(t, logs, true)

	post := func(ix *fakediscord.Interaction) fakediscord.Response {
		t.Helper()
		body, err := json.Marshal(ix)
		if err != nil {
			t.Fatal(err)
		}
		wait := time.Now().Add(20 * time.Second)
		for {
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			req, _ := http.NewRequest(http.MethodPost, base+"/interactions", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Signature-Timestamp", ts)
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusServiceUnavailable && time.Now().Before(wait) {
				time.Sleep(10 * time.Millisecond) // the index is being built
				continue
			}
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("POST /interactions = %d %s", resp.StatusCode, b)
			}
			r, err := f.AcceptResponse(ix, b)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
	}

	check := f.MessageCommand("Check against the plan", fakediscord.User{ID: "1300000000000000099", Username: "olena"}, "@everyone the army is capped at 600,000")
	r := post(check)
	if !r.Data.Ephemeral() || len(r.Data.Embeds) != 1 || !strings.HasPrefix(r.Data.Embeds[0].Fields[0].Name, "Point 6") {
		t.Fatalf("check over HTTP = %s; want point 6, privately", r.Body)
	}
	var down string
	for _, row := range r.Data.Components {
		for _, c := range row.(*discordgo.ActionsRow).Components {
			if b, ok := c.(*discordgo.Button); ok && strings.HasPrefix(b.CustomID, "vote:d:") {
				down = b.CustomID
			}
		}
	}
	answer, ok := f.OriginalMessage(check.Token)
	if down == "" || !ok {
		t.Fatalf("check over HTTP = %s; want 👎 on a message the fake kept", r.Body)
	}
	for _, want := range []string{"Thanks — recorded 👎", "Already counted"} {
		if v := post(f.Component(down, answer.ID)); v.Data.Content != want || !v.Data.Ephemeral() {
			t.Errorf("vote over HTTP = %s; want a private %q", v.Body, want)
		}
	}
	post(f.Command("ask", fakediscord.StringOption("question", "Anyone up for pizza tonight?")))

	stop()
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("serve exit %d; want 0\n%s", code, logs)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("serve did not stop\n%s", logs)
	}
	if n := strings.Count(logs.String(), "PLANBOT_CHANGELOG_CHANNEL is set but DISCORD_TOKEN is not"); n != 1 {
		t.Errorf("the missing token for the changelog is warned about %d times; want once:\n%s", n, logs)
	}

	var out bytes.Buffer
	if code := runFeedback(context.Background(), cfg, []string{"--since", "all"}, &out, io.Discard); code != exitOK {
		t.Fatalf("feedback exit %d", code)
	}
	for _, want := range []string{"the army is capped at 600,000\t", "Anyone up for pizza tonight?\t"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("planbot feedback lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "@everyone") {
		t.Errorf("planbot feedback keeps a mention:\n%s", out.String())
	}
}
