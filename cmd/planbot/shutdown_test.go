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
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/internal/fakediscord"
)

// slowEdits is a proxy on 127.0.0.1 in front of the fake Discord that
// holds every edit of a deferred reply (PATCH on a webhook) for delay
// before passing it on, so that the edit is still in flight when serve
// is told to stop.
func slowEdits(t *testing.T, f *fakediscord.Fake, delay time.Duration) (apiBase string) {
	t.Helper()
	apiBase, _ = slowProxy(t, f, delay, func(r *http.Request) bool {
		return r.Method == http.MethodPatch && strings.Contains(r.URL.Path, "/webhooks/")
	})
	return apiBase
}

// slowProxy is a proxy on 127.0.0.1 in front of the fake Discord that
// holds the requests slow picks for delay before passing them on; held
// gets a value as each of them arrives.
func slowProxy(t *testing.T, f *fakediscord.Fake, delay time.Duration, slow func(*http.Request) bool) (apiBase string, held <-chan struct{}) {
	t.Helper()
	u, err := url.Parse(f.URL())
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(u)
	quit := make(chan struct{}) // lets a request that serve gave up on go at the end
	arrived := make(chan struct{}, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if slow(r) {
			select {
			case arrived <- struct{}{}:
			default:
			}
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			case <-quit:
				return
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { close(quit); srv.CloseClientConnections(); srv.Close() })
	return srv.URL + "/api/v10/", arrived
}

// TestServeStopsWhileRegistering: SIGTERM while the slash commands are
// being registered at start stops serve quietly, with exit 0, as during
// the index build: it used to exit 1 and blame the network ("Discord
// could not be reached").
func TestServeStopsWhileRegistering(t *testing.T) {
	t.Parallel()
	f := fakediscord.New(t)
	cfg := LoadConfig(mapEnv(nil))
	cfg.DiscordToken, cfg.DiscordAppID, cfg.DiscordGuildID = f.Token(), f.ApplicationID(), f.GuildID()
	var held <-chan struct{}
	cfg.DiscordAPIBase, held = slowProxy(t, f, time.Minute, func(r *http.Request) bool {
		return r.Method == http.MethodPut && strings.HasSuffix(r.URL.Path, "/commands")
	})
	cfg.DataDir = t.TempDir()
	cfg.CorpusDir = filepath.Join("testdata", "corpus-good")
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	logs := &lockedBuffer{} // serve's stderr: its log and its errors
	done := make(chan int, 1)
	go func() { done <- runServe(ctx, cfg, nil, io.Discard, logs) }()
	select {
	case <-held:
	case code := <-done:
		t.Fatalf("serve ended (exit %d) before registering the commands\n%s", code, logs)
	case <-time.After(20 * time.Second):
		t.Fatalf("serve never registered the commands\n%s", logs)
	}
	stop()
	select {
	case code := <-done:
		if code != exitOK || strings.Contains(logs.String(), "could not be reached") {
			t.Errorf("serve stopped while registering: exit %d; want 0, and no word of Discord being unreachable\n%s", code, logs)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("serve did not stop\n%s", logs)
	}
}

// TestServeShutdownAfterGrace serves for longer than the shutdown grace
// period, then stops serve (as SIGTERM does) while an admin's /reindex
// reply is still being sent: serve must wait for it, in both transports,
// and exit 0; when the reply takes longer than the grace period, serve
// gives up on it and its exit code says so.
func TestServeShutdownAfterGrace(t *testing.T) {
	t.Parallel()
	// The grace leaves room for discordgo's Close (a second) beside the
	// 0.3-s edit of the cases that finish, and more for -race.
	grace := 2 * time.Second
	if raceDetector {
		grace = 3 * time.Second
	}
	tests := []struct {
		name      string
		http      bool
		editDelay time.Duration
		wantCode  int
		wantEdit  bool
	}{
		{"http finishes the reply", true, 300 * time.Millisecond, exitOK, true},
		{"gateway finishes the reply", false, 300 * time.Millisecond, exitOK, true},
		{"http reply slower than the grace period", true, 3 * grace, exitFail, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel() // they mostly sleep
			f := fakediscord.New(t)
			cfg := LoadConfig(mapEnv(nil))
			cfg.DiscordAppID, cfg.DiscordGuildID = f.ApplicationID(), f.GuildID()
			cfg.DiscordAPIBase = slowEdits(t, f, tt.editDelay)
			cfg.ShutdownGrace = grace
			cfg.DataDir = t.TempDir()
			// a small corpus: what is timed is the edit, not the rebuild,
			// which a busy machine stretches
			cfg.CorpusDir = filepath.Join("testdata", "corpus-good")
			var args []string
			_, priv, err := ed25519.GenerateKey(rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			if tt.http {
				cfg.DiscordPublicKey = priv.Public().(ed25519.PublicKey)
				args = []string{"--http", "127.0.0.1:0"}
			} else {
				cfg.DiscordToken = f.Token()
			}

			ctx, stop := context.WithCancel(context.Background())
			defer stop()
			logs := &lockedBuffer{}
			done := make(chan int, 1)
			go func() { done <- runServe(ctx, cfg, args, io.Discard, logs) }()
			wait, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()

			reindex := f.Command("reindex").WithPermissions(fakediscord.DefaultMemberPermissions | discordgo.PermissionManageGuild)
			if tt.http {
				base := listenAddr(t, logs, true)
				for !strings.Contains(logs.String(), "answering interactions over HTTP") {
					if wait.Err() != nil {
						t.Fatalf("serve never got ready\n%s", logs)
					}
					time.Sleep(5 * time.Millisecond)
				}
				time.Sleep(grace + 300*time.Millisecond) // up for longer than the grace period
				body := postSigned(t, base, reindex, priv)
				if _, err := f.AcceptResponse(reindex, body); err != nil {
					t.Fatal(err)
				}
			} else {
				if err := f.WaitReady(wait); err != nil {
					t.Fatalf("serve never connected: %v\n%s", err, logs)
				}
				time.Sleep(grace + 300*time.Millisecond)
				if err := f.DispatchInteraction(wait, reindex); err != nil {
					t.Fatal(err)
				}
				if _, err := f.WaitResponse(wait, reindex.ID); err != nil {
					t.Fatal(err)
				}
			}
			stop() // SIGTERM, with the edit of the deferred reply in flight

			var code int
			select {
			case code = <-done:
			case <-time.After(15 * time.Second):
				t.Fatalf("serve did not stop\n%s", logs)
			}
			edited := len(f.Edits()) > 0
			if code != tt.wantCode || edited != tt.wantEdit {
				t.Errorf("serve exit %d, /reindex reply edited before exit: %v; want exit %d, %v\n%s", code, edited, tt.wantCode, tt.wantEdit, logs)
			}
		})
	}
}

// postSigned posts ix to the interactions endpoint at base, signed with
// priv, and returns the body of the 200 answer.
func postSigned(t *testing.T, base string, ix *fakediscord.Interaction, priv ed25519.PrivateKey) []byte {
	t.Helper()
	body, err := json.Marshal(ix)
	if err != nil {
		t.Fatal(err)
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, base+"/interactions", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s = %d %s", ix.Data.Name, resp.StatusCode, b)
	}
	return b
}

// TestServeHTTPMetricsPrivate: with a metrics port, the public
// interactions endpoint does not show /metrics; the metrics port does.
func TestServeHTTPMetricsPrivate(t *testing.T) {
	t.Parallel()
	f := fakediscord.New(t)
	cfg, _ := httpServeConfig(t, f)
	cfg.MetricsAddr = "127.0.0.1:0"
	stop, done, logs := serveHTTPInBackground(t, cfg)
	defer func() { stop(); <-done }()
	base, metrics := listenAddr(t, logs, true), listenAddr(t, logs, false)
	for _, c := range []struct {
		url  string
		want int
	}{{base + "/metrics", http.StatusNotFound}, {metrics + "/metrics", http.StatusOK}} {
		resp, err := http.Get(c.url)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("GET %s = %d; want %d", c.url, resp.StatusCode, c.want)
		}
	}
}
