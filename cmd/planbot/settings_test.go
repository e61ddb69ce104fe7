package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/internal/fakediscord"
)

// TestMain points the default PLANBOT_DATA_DIR at a temporary folder, so
// that no test that runs serve without setting it writes into the source
// tree, and lets eight tests run at once: most wait (a grace period,
// discordgo's Close, a browser) rather than compute.
func TestMain(m *testing.M) {
	fakediscord.RaiseTestParallel()
	dir, err := os.MkdirTemp("", "planbot-data-")
	if err != nil {
		panic(err)
	}
	defaultDataDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestConfigSettings(t *testing.T) {
	t.Parallel()
	c := LoadConfig(mapEnv(nil))
	if c.DataDir != defaultDataDir || c.DatabaseURL != "" {
		t.Errorf("LoadConfig(empty) data dir %q, database %q; want %q and none", c.DataDir, c.DatabaseURL, defaultDataDir)
	}
	c = LoadConfig(mapEnv(map[string]string{"PLANBOT_DATA_DIR": "/var/lib/planbot", "PLANBOT_DATABASE_URL": "postgres://planbot:hunter2@db:5432/planbot"}))
	if s := c.Settings(nil); s.DataDir != "/var/lib/planbot" || s.DatabaseURL != "postgres://planbot:hunter2@db:5432/planbot" {
		t.Errorf("Settings() = %+v", s)
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("config", slog.Any("config", c))
	if out := buf.String(); strings.Contains(out, "hunter2") || !strings.Contains(out, "backend=postgres") {
		t.Errorf("log = %s; want the backend without the password", out)
	}
}

// startServe runs serve against the fake Discord f with its settings in
// dataDir, and returns a function that stops it and returns its logs.
func startServe(t *testing.T, f *fakediscord.Fake, dataDir string) (stop func() string) {
	t.Helper()
	cfg := LoadConfig(mapEnv(nil))
	cfg.DiscordToken, cfg.DiscordAppID, cfg.DiscordGuildID, cfg.DiscordAPIBase = f.Token(), f.ApplicationID(), f.GuildID(), f.APIBase()
	cfg.DataDir = dataDir
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &lockedBuffer{}
	done := make(chan int, 1)
	connects := f.Connects()
	go func() { done <- runServe(ctx, cfg, nil, io.Discard, stderr) }()
	wait, cancelWait := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancelWait()
	if err := f.Wait(wait, func() bool { return f.Connects() > connects }); err != nil {
		cancel()
		t.Fatalf("serve never connected: %v\n%s", err, stderr)
	}
	if err := f.WaitReady(wait); err != nil {
		cancel()
		t.Fatalf("serve never got ready: %v\n%s", err, stderr)
	}
	return func() string {
		cancel()
		select {
		case code := <-done:
			if code != exitOK {
				t.Errorf("serve exit %d; want 0\n%s", code, stderr)
			}
		case <-time.After(15 * time.Second):
			t.Fatalf("serve did not stop\n%s", stderr)
		}
		return stderr.String()
	}
}

// send dispatches ix to the bot and returns its response.
func send(t *testing.T, f *fakediscord.Fake, ix *fakediscord.Interaction) fakediscord.Response {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := f.DispatchInteraction(ctx, ix); err != nil {
		t.Fatal(err)
	}
	r, err := f.WaitResponse(ctx, ix.ID)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestServeSettings sets a server's default version through the whole
// serve command, and checks it survives a restart in the SQLite database of
// PLANBOT_DATA_DIR.
func TestServeSettings(t *testing.T) {
	t.Parallel()
	f := fakediscord.New(t)
	data := filepath.Join(t.TempDir(), "data")
	stop := startServe(t, f, data)

	r := send(t, f, f.Command("settings", fakediscord.StringOption("version", "20-point framework")).
		WithPermissions(fakediscord.DefaultMemberPermissions|discordgo.PermissionManageGuild))
	if !strings.HasPrefix(r.Data.Content, "Done") {
		t.Fatalf("/settings = %s", r.Body)
	}
	point := func() string {
		r := send(t, f, f.Command("point", fakediscord.IntegerOption("number", 4)))
		if len(r.Data.Embeds) != 1 {
			t.Fatalf("/point 4 = %s", r.Body)
		}
		return r.Data.Embeds[0].Title + " | " + r.Data.Embeds[0].Footer.Text
	}
	if got := point(); !strings.HasPrefix(got, "Point 4 · Size of the armed forces (20-point framework) | Default version here: 20-point framework · ") {
		t.Errorf("/point 4 after /settings = %q; want the framework's point 4", got)
	}
	logs := stop()
	if !strings.Contains(logs, "settings store opened") {
		t.Errorf("serve did not log the store:\n%s", logs)
	}
	if _, err := os.Stat(filepath.Join(data, "planbot.db")); err != nil {
		t.Errorf("no SQLite database in PLANBOT_DATA_DIR: %v", err)
	}

	stop = startServe(t, f, data)
	defer stop()
	if got := point(); !strings.HasPrefix(got, "Point 4 · Size of the armed forces (20-point framework)") {
		t.Errorf("/point 4 after a restart = %q; want the setting kept", got)
	}
}

// TestServeSettingsStoreErrors checks that a store that cannot be opened
// stops serve with a clear error, and that PostgreSQL never falls back to
// SQLite.
func TestServeSettingsStoreErrors(t *testing.T) {
	t.Parallel()
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(t.TempDir(), "data")
	tests := []struct {
		name     string
		dataDir  string
		database string
		want     string
	}{
		{"data dir is a file", notDir, "", "open settings store"},
		{"database url malformed", data, "postgres://planbot:hunter2@[::1", "open settings store: PLANBOT_DATABASE_URL is not a PostgreSQL connection string"},
		{"database down", data, "postgres://planbot:hunter2@127.0.0.1:1/planbot?connect_timeout=2", "open settings store postgres://planbot@127.0.0.1:1/planbot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := LoadConfig(mapEnv(nil))
			cfg.DiscordToken, cfg.DiscordAppID = "token", "1300000000000000001"
			cfg.DataDir, cfg.DatabaseURL = tt.dataDir, tt.database
			var stderr bytes.Buffer
			code := runServe(context.Background(), cfg, nil, io.Discard, &stderr)
			out := stderr.String()
			if code != exitFail || !strings.Contains(out, "planbot serve: "+tt.want) {
				t.Errorf("serve = exit %d\n%s\nwant 1 and %q", code, out, tt.want)
			}
			if strings.Contains(out, "hunter2") {
				t.Errorf("the database password appears in the output:\n%s", out)
			}
		})
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Errorf("serve created %s after PostgreSQL failed: it must not fall back to SQLite", data)
	}
}
