package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mapEnv(m map[string]string) lookupFunc {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestLoadConfigDefaults(t *testing.T) {
	t.Parallel()
	c := LoadConfig(mapEnv(nil))
	if c.DiscordAPIBase != DefaultDiscordAPIBase || c.LogLevel != "info" || c.CorpusDir != "" {
		t.Errorf("LoadConfig(empty) = %+v; want defaults", c)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("defaults do not validate: %v", err)
	}
}

func TestLoadConfigEveryVariable(t *testing.T) {
	t.Parallel()
	env := map[string]string{}
	for _, v := range envVars {
		env[v.name] = "value" + v.name
	}
	c := LoadConfig(mapEnv(env))
	for _, v := range envVars {
		got := *v.dst(&c)
		if !strings.HasPrefix(got, "value"+v.name) {
			t.Errorf("%s: config field = %q; want %q", v.name, got, "value"+v.name)
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
	if c.LogLevel != "debug" || c.DiscordGuildID != "123456789012345678" {
		t.Errorf("LogLevel, DiscordGuildID = %q, %q; want them from .env", c.LogLevel, c.DiscordGuildID)
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
			c.DiscordPublicKey = strings.Repeat("ab", 32)
			c.HTTPAddr = ":8080"
			c.MetricsAddr = "127.0.0.1:9090"
			c.WebAddr = ":8081"
			c.PublicURL = "https://plan.example.org/"
			c.LogLevel = "DEBUG"
		}, ""},
		{"log level", func(c *Config) { c.LogLevel = "loud" }, "PLANBOT_LOG_LEVEL"},
		{"api base", func(c *Config) { c.DiscordAPIBase = "discord.com/api/" }, "DISCORD_API_BASE"},
		{"app id", func(c *Config) { c.DiscordAppID = "my-app" }, "DISCORD_APP_ID"},
		{"guild id", func(c *Config) { c.DiscordGuildID = "12" }, "DISCORD_GUILD_ID"},
		{"admin role name", func(c *Config) { c.AdminRole = "planbot-admin" }, "PLANBOT_ADMIN_ROLE"},
		{"public key", func(c *Config) { c.DiscordPublicKey = "xyz" }, "DISCORD_PUBLIC_KEY"},
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
