package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/internal/fakediscord"
)

// listenAddr waits for serve to log where a server listens: the
// interactions endpoint, or the metrics port.
func listenAddr(t *testing.T, logs *lockedBuffer, interactions bool) string {
	t.Helper()
	re := regexp.MustCompile(`msg=listening addr=(\S+) serves="health`)
	if interactions {
		re = regexp.MustCompile(`msg=listening addr=(\S+) serves="interactions`)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(logs.String()); m != nil {
			return "http://" + m[1]
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("serve never logged where it listens:\n%s", logs)
	return ""
}

// httpServeConfig is serve's configuration for HTTP mode against the fake
// Discord f, with a new key pair and data folder; priv signs requests.
func httpServeConfig(t *testing.T, f *fakediscord.Fake) (cfg Config, priv ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	cfg = LoadConfig(mapEnv(nil))
	cfg.DiscordAppID, cfg.DiscordAPIBase = f.ApplicationID(), f.APIBase()
	cfg.DiscordPublicKey = pub
	cfg.DataDir = t.TempDir()
	return cfg, priv
}

// serveHTTPInBackground runs serve --http on a free port of 127.0.0.1
// with cfg until stop is called (at the latest when the test ends); done
// then gets its exit code, and logs holds what it logged.
func serveHTTPInBackground(t *testing.T, cfg Config) (stop context.CancelFunc, done <-chan int, logs *lockedBuffer) {
	ctx, stop := context.WithCancel(context.Background())
	t.Cleanup(stop)
	logs = &lockedBuffer{}
	code := make(chan int, 1)
	go func() { code <- runServe(ctx, cfg, []string{"--http", "127.0.0.1:0"}, io.Discard, logs) }()
	return stop, code, logs
}

// TestServeHTTP runs the whole serve command as an HTTP interactions
// endpoint on 127.0.0.1 with a metrics port: it becomes ready, answers a
// signed /ask, finishes an admin /reindex through the fake Discord,
// refuses a forged request, counts all that in /metrics, and exits 0 when
// its context ends.
func TestServeHTTP(t *testing.T) {
	t.Parallel()
	f := fakediscord.New(t)
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	cfg := LoadConfig(func(string) (string, bool) { return "", false })
	cfg.DiscordAppID, cfg.DiscordGuildID, cfg.DiscordAPIBase = f.ApplicationID(), f.GuildID(), f.APIBase()
	cfg.DiscordPublicKey = pub
	cfg.MetricsAddr = "127.0.0.1:0"
	cfg.LogLevel = slog.LevelDebug

	stop, done, logs := serveHTTPInBackground(t, cfg)
	base, metrics := listenAddr(t, logs, true), listenAddr(t, logs, false)

	get := func(url string) (int, string) {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	post := func(ix *fakediscord.Interaction, sign ed25519.PrivateKey) (int, []byte) {
		t.Helper()
		body, err := json.Marshal(ix)
		if err != nil {
			t.Fatal(err)
		}
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req, _ := http.NewRequest(http.MethodPost, base+"/interactions", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Signature-Timestamp", ts)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(sign, append([]byte(ts), body...))))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}

	if code, body := get(base + "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz = %d %s", code, body)
	}
	wait, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		code, _ := get(base + "/readyz")
		if code == http.StatusOK {
			break
		}
		if code != http.StatusServiceUnavailable || wait.Err() != nil {
			t.Fatalf("/readyz = %d; want 503 then 200\n%s", code, logs)
		}
		time.Sleep(5 * time.Millisecond)
	}

	ask := f.Command("ask", fakediscord.StringOption("question", "How big can Ukraine's army be?"))
	code, body := post(ask, priv)
	if code != http.StatusOK {
		t.Fatalf("/ask = %d %s", code, body)
	}
	r, err := f.AcceptResponse(ask, body)
	if err != nil || len(r.Data.Embeds) != 1 || len(r.Data.Embeds[0].Fields) == 0 {
		t.Errorf("/ask = %s, %v; want an answer", body, err)
	}

	reindex := f.Command("reindex").WithPermissions(fakediscord.DefaultMemberPermissions | discordgo.PermissionManageGuild)
	code, body = post(reindex, priv)
	if code != http.StatusOK {
		t.Fatalf("/reindex = %d %s", code, body)
	}
	if _, err := f.AcceptResponse(reindex, body); err != nil {
		t.Fatal(err)
	}
	if e, err := f.WaitEdit(wait, reindex.Token); err != nil || len(e.Data.Embeds) != 1 || e.Data.Embeds[0].Title != "Reindexed" {
		t.Errorf("/reindex edit = %s, %v; want the Reindexed report", e.Body, err)
	}

	_, other, _ := ed25519.GenerateKey(rand.Reader)
	if code, _ := post(f.Command("help"), other); code != http.StatusUnauthorized {
		t.Errorf("forged /help = %d; want 401", code)
	}

	code, text := get(metrics + "/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics = %d", code)
	}
	for _, want := range []string{
		`planbot_interactions_total{command="ask",outcome="ok"} 1`,
		`planbot_interactions_total{command="reindex",outcome="deferred"} 1`,
		`planbot_http_rejected_signatures_total{reason="bad_signature"} 1`,
		`planbot_index_points `,
		`go_goroutines `,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if code, _ := get(metrics + "/readyz"); code != http.StatusOK {
		t.Errorf("/readyz on the metrics port = %d; want 200", code)
	}
	if n := len(f.Commands()); n != 0 {
		t.Errorf("%d command registrations without a token; want none", n)
	}

	stop()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exit %d; want 0\n%s", code, logs)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("serve did not stop after its context ended\n%s", logs)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Errorf("the endpoint still answers after serve returned")
	}
	if strings.Contains(logs.String(), "fake-interaction-token-") {
		t.Errorf("an interaction token appears in serve's logs")
	}
}

func TestServeHTTPNeedsPublicKey(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	cfg := LoadConfig(func(string) (string, bool) { return "", false })
	code := runServe(context.Background(), cfg, []string{"--http", ":0"}, io.Discard, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "DISCORD_PUBLIC_KEY and DISCORD_APP_ID not set") {
		t.Errorf("serve --http without a key = exit %d, %q; want 2 naming DISCORD_PUBLIC_KEY", code, stderr.String())
	}
	stderr.Reset()
	code = runServe(context.Background(), cfg, []string{"--http", "8080"}, io.Discard, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "PLANBOT_HTTP_ADDR=\"8080\"") {
		t.Errorf("serve --http 8080 = exit %d, %q; want 2 and the address refused", code, stderr.String())
	}
}

// TestServeGatewayMetrics runs serve over the gateway with
// PLANBOT_METRICS_ADDR: the same health, readiness and metrics.
func TestServeGatewayMetrics(t *testing.T) {
	t.Parallel()
	f := fakediscord.New(t)
	env := map[string]string{
		"DISCORD_TOKEN": f.Token(), "DISCORD_APP_ID": f.ApplicationID(), "DISCORD_GUILD_ID": f.GuildID(),
		"DISCORD_API_BASE": f.APIBase(), "PLANBOT_METRICS_ADDR": "127.0.0.1:0", "PLANBOT_LOG_LEVEL": "debug",
	}
	cfg := LoadConfig(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	logs := &lockedBuffer{}
	done := make(chan int, 1)
	go func() { done <- runServe(ctx, cfg, nil, io.Discard, logs) }()
	metrics := listenAddr(t, logs, false)

	wait, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := f.WaitReady(wait); err != nil {
		t.Fatalf("serve never connected: %v\n%s", err, logs)
	}
	ix := f.Command("ask", fakediscord.StringOption("question", "Will Ukraine join NATO?"))
	if err := f.DispatchInteraction(wait, ix); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WaitResponse(wait, ix.ID); err != nil {
		t.Fatal(err)
	}
	var text string
	for !strings.Contains(text, `planbot_interactions_total{command="ask",outcome="ok"} 1`) {
		if wait.Err() != nil {
			t.Fatalf("/metrics never counted the /ask:\n%s", text)
		}
		resp, err := http.Get(metrics + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		text = string(b)
		time.Sleep(5 * time.Millisecond)
	}
	resp, err := http.Get(metrics + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/readyz once connected = %d; want 200", resp.StatusCode)
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
}

// TestServeStopsDespiteAnUnusedConnection: a browser opens connections
// ahead of need and may never send a request on them. net/http waits 5 s
// before it counts such a connection idle, so serve used to outlive its
// grace period for nothing and exit 1 as if replies had been dropped.
func TestServeStopsDespiteAnUnusedConnection(t *testing.T) {
	t.Parallel()
	f := fakediscord.New(t)
	cfg, _ := httpServeConfig(t, f)
	cfg.ShutdownGrace = 2 * time.Second
	stop, done, logs := serveHTTPInBackground(t, cfg)
	base := listenAddr(t, logs, true)
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for !strings.Contains(logs.String(), "answering interactions over HTTP") { // by now the server has taken conn too
		select {
		case <-done:
			t.Fatalf("serve ended\n%s", logs)
		case <-time.After(5 * time.Millisecond):
		}
	}

	start := time.Now()
	stop()
	select {
	case code := <-done:
		if took := time.Since(start); code != exitOK || took > time.Second {
			t.Errorf("serve stopped in %s with exit %d; want at once with 0\n%s", took.Round(time.Millisecond), code, logs)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("serve did not stop\n%s", logs)
	}
}
