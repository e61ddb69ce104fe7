package main

import (
	"bytes"
	"encoding/hex"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/planbot/planbot/bot"
)

func mapEnv(m map[string]string) lookupFunc {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestLoadConfigDefaults(t *testing.T) {
	t.Parallel()
	c := LoadConfig(mapEnv(nil))
	if c.DiscordAPIBase != bot.DefaultAPIBase || c.LogLevel != slog.LevelInfo || c.CorpusDir != "" || c.ShutdownGrace != defaultShutdownGrace {
		t.Errorf("LoadConfig(empty) = %+v; want defaults", c)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("defaults do not validate: %v", err)
	}
}

// TestLoadConfigEveryVariable sets every variable to a good value and
// checks each lands in its typed field, parsed once.
func TestLoadConfigEveryVariable(t *testing.T) {
	t.Parallel()
	key := strings.Repeat("ab", 32)
	env := map[string]string{
		"PLANBOT_CORPUS_DIR": "corpus", "DISCORD_TOKEN": "tok", "DISCORD_APP_ID": "11111", "DISCORD_GUILD_ID": "22222",
		"DISCORD_PUBLIC_KEY": key, "DISCORD_API_BASE": "http://127.0.0.1:9/api", "PLANBOT_ADMIN_ROLE": "33333",
		"PLANBOT_HTTP_ADDR": ":8080", "PLANBOT_METRICS_ADDR": ":9090", "PLANBOT_WEB_ADDR": ":8081",
		"PLANBOT_PUBLIC_URL": "https://plan.example.org", "PLANBOT_LOG_LEVEL": "WARNING", "PLANBOT_DATA_DIR": "/data",
		"PLANBOT_DATABASE_URL": "postgres://db/planbot", "PLANBOT_KEEP_QUESTIONS": "true", "PLANBOT_VOTE_KEY": strings.Repeat("k", 32),
		"PLANBOT_CHANGELOG_CHANNEL": "44444", "PLANBOT_SHARD_COUNT": "4", "PLANBOT_SHARD_ID": "3",
		"PLANBOT_SHUTDOWN_GRACE": "30s", "PLANBOT_REINDEX_GUILDS": "55555, 66666", "PLANBOT_REPLICA_ID": "web-1",
	}
	if len(env) != len(envVars) {
		t.Fatalf("the test sets %d variables; LoadConfig reads %d: add the new one here", len(env), len(envVars))
	}
	c := LoadConfig(mapEnv(env))
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate() = %v", err)
	}
	want := Config{
		CorpusDir: "corpus", DiscordToken: "tok", DiscordAppID: "11111", DiscordGuildID: "22222",
		DiscordAPIBase: "http://127.0.0.1:9/api/", AdminRole: "33333",
		HTTPAddr: ":8080", MetricsAddr: ":9090", WebAddr: ":8081", PublicURL: "https://plan.example.org", LogLevel: slog.LevelWarn,
		DataDir: "/data", DatabaseURL: "postgres://db/planbot", KeepQuestions: true, VoteKey: strings.Repeat("k", 32),
		ChangelogChannel: "44444", ShardID: 3, ShardCount: 4, ReindexGuilds: []string{"55555", "66666"},
		ShutdownGrace: 30 * time.Second, ReplicaID: "web-1",
	}
	if hex.EncodeToString(c.DiscordPublicKey) != key {
		t.Errorf("DiscordPublicKey = %x; want %s", c.DiscordPublicKey, key)
	}
	c.DiscordPublicKey, c.shardIDSet, c.reindexGuildsSet = nil, false, false
	if !reflect.DeepEqual(c, want) {
		t.Errorf("LoadConfig =\n%+v\nwant\n%+v", c, want)
	}
}

// TestLoadConfigProblems: a variable that does not parse is reported by
// Validate with its name and what to do, every one at once.
func TestLoadConfigProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, value, want string
	}{
		{"DISCORD_PUBLIC_KEY", "xyz", "DISCORD_PUBLIC_KEY: want 64 hex characters"},
		{"DISCORD_API_BASE", "discord.com/api/", `DISCORD_API_BASE="discord.com/api/": use an absolute http(s) URL`},
		{"PLANBOT_LOG_LEVEL", "loud", `PLANBOT_LOG_LEVEL="loud": use debug, info, warn or error`},
		{"PLANBOT_KEEP_QUESTIONS", "maybe", `PLANBOT_KEEP_QUESTIONS="maybe": use true or false`},
		{"PLANBOT_SHUTDOWN_GRACE", "soon", `PLANBOT_SHUTDOWN_GRACE="soon": use a duration`},
		{"PLANBOT_SHARD_COUNT", "0", `PLANBOT_SHARD_COUNT="0": use the number of shards`},
		{"PLANBOT_REINDEX_GUILDS", "123, my-server", `PLANBOT_REINDEX_GUILDS: "my-server" is not a server id`},
	}
	env := map[string]string{}
	for _, tt := range tests {
		env[tt.name] = tt.value
	}
	err := LoadConfig(mapEnv(env)).Validate()
	for _, tt := range tests {
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s=%q: Validate() = %v; want %q", tt.name, tt.value, err, tt.want)
		}
	}
}

// TestConfigPrecedence checks flags > environment > .env > defaults.
func TestConfigPrecedence(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dotenv := filepath.Join(dir, ".env")
	err := os.WriteFile(dotenv, []byte("PLANBOT_CORPUS_DIR=from-dotenv\nPLANBOT_LOG_LEVEL=debug\nDISCORD_GUILD_ID=123456789012345678\n# comment\n"), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	real := mapEnv(map[string]string{"PLANBOT_CORPUS_DIR": "from-env"})
	env, err := withDotEnv(dotenv, real)
	if err != nil {
		t.Fatal(err)
	}
	c := LoadConfig(env)
	if c.CorpusDir != "from-env" {
		t.Errorf("CorpusDir = %q; want the real environment to win over .env", c.CorpusDir)
	}
	if c.LogLevel != slog.LevelDebug || c.DiscordGuildID != "123456789012345678" {
		t.Errorf("LogLevel, DiscordGuildID = %v, %q; want them from .env", c.LogLevel, c.DiscordGuildID)
	}

	// A flag wins over both: --corpus names a good corpus while the
	// environment names a bad one.
	var out, errb bytes.Buffer
	code := run(t.Context(), []string{"index", "--corpus", "testdata/corpus-good"}, &out, &errb,
		mapEnv(map[string]string{"PLANBOT_CORPUS_DIR": "testdata/corpus-bad"}))
	if code != exitOK || !strings.Contains(out.String(), "corpus-good") {
		t.Errorf("index --corpus over PLANBOT_CORPUS_DIR = exit %d, %q %q; want the flag's corpus", code, out.String(), errb.String())
	}
}

func TestWithDotEnv(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env, err := withDotEnv(filepath.Join(dir, "missing.env"), mapEnv(map[string]string{"A": "1"}))
	if err != nil {
		t.Fatalf("missing .env: %v; want no error", err)
	}
	if v, _ := env("A"); v != "1" {
		t.Errorf("lookup A = %q; want 1", v)
	}
	bad := filepath.Join(dir, "bad.env")
	if err := os.WriteFile(bad, []byte("A='unterminated\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := withDotEnv(bad, mapEnv(nil)); err == nil || !strings.Contains(err.Error(), "bad.env") {
		t.Errorf("malformed .env: err = %v; want an error naming the file", err)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	good := LoadConfig(mapEnv(nil))
	tests := []struct {
		name    string
		edit    func(*Config)
		wantErr string // "" for valid
	}{
		{"defaults", func(c *Config) {}, ""},
		{"full", func(c *Config) {
			c.DiscordToken = "abc.def.ghi"
			c.DiscordAppID = "123456789012345678"
			c.DiscordGuildID = "876543210987654321"
			c.AdminRole = "112233445566778899"
			c.HTTPAddr = ":8080"
			c.MetricsAddr = "127.0.0.1:9090"
			c.WebAddr = ":8081"
			c.PublicURL = "https://plan.example.org/"
		}, ""},
		{"app id", func(c *Config) { c.DiscordAppID = "my-app" }, "DISCORD_APP_ID"},
		{"guild id", func(c *Config) { c.DiscordGuildID = "12 34" }, "DISCORD_GUILD_ID"},
		{"admin role name", func(c *Config) { c.AdminRole = "planbot-admin" }, "PLANBOT_ADMIN_ROLE"},
		{"token with Bot prefix", func(c *Config) { c.DiscordToken = "Bot abc" }, "DISCORD_TOKEN"},
		{"http addr", func(c *Config) { c.HTTPAddr = "8080" }, "PLANBOT_HTTP_ADDR"},
		{"metrics addr", func(c *Config) { c.MetricsAddr = ":99999" }, "PLANBOT_METRICS_ADDR"},
		{"same addr", func(c *Config) { c.HTTPAddr, c.MetricsAddr = ":8080", ":8080" }, "different ports"},
		{"web addr", func(c *Config) { c.WebAddr = "localhost" }, "PLANBOT_WEB_ADDR"},
		{"web addr is the http addr", func(c *Config) { c.HTTPAddr, c.WebAddr = ":8080", ":8080" }, "served on PLANBOT_HTTP_ADDR already"},
		{"public url without scheme", func(c *Config) { c.PublicURL = "plan.example.org" }, "PLANBOT_PUBLIC_URL"},
		{"public url with a query", func(c *Config) { c.PublicURL = "https://plan.example.org/?x=1" }, "PLANBOT_PUBLIC_URL"},
		{"public url javascript", func(c *Config) { c.PublicURL = "javascript:alert(1)" }, "PLANBOT_PUBLIC_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good
			tt.edit(&c)
			err := c.Validate()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Validate() = %v; want nil", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Validate() = %v; want an error naming %s", err, tt.wantErr)
			}
		})
	}
}

func TestValidateBot(t *testing.T) {
	t.Parallel()
	c := LoadConfig(mapEnv(nil))
	if err := c.ValidateBot(); err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN and DISCORD_APP_ID") {
		t.Errorf("ValidateBot() without token = %v; want both variables named", err)
	}
	c.DiscordToken, c.DiscordAppID = "t", "123456789012345678"
	if err := c.ValidateBot(); err != nil {
		t.Errorf("ValidateBot() = %v; want nil", err)
	}
}

func TestConfigLogRedactsToken(t *testing.T) {
	t.Parallel()
	c := LoadConfig(mapEnv(map[string]string{"DISCORD_TOKEN": "super-secret-token", "DISCORD_APP_ID": "123456789012345678"}))
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("config", slog.Any("config", c))
	out := buf.String()
	if strings.Contains(out, "super-secret-token") {
		t.Errorf("log shows the token: %s", out)
	}
	if !strings.Contains(out, "discord_token=<redacted>") || !strings.Contains(out, "123456789012345678") {
		t.Errorf("log = %s; want the token redacted and the other fields shown", out)
	}
}
