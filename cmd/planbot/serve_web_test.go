package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
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

// webServe is a `planbot serve --http` on 127.0.0.1 with PLANBOT_PUBLIC_URL
// pointing at itself, so that its answers link to its own pages.
type webServe struct {
	base string // http://127.0.0.1:port, also the public URL
	f    *fakediscord.Fake
	priv ed25519.PrivateKey
	logs *lockedBuffer
}

// startWebServe starts serve and waits until its pages answer.
func startWebServe(t *testing.T) *webServe {
	t.Helper()
	f := fakediscord.New(t)
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	// A free port chosen here, so the public URL can name it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cfg := LoadConfig(func(string) (string, bool) { return "", false })
	cfg.DiscordAppID, cfg.DiscordGuildID, cfg.DiscordAPIBase = f.ApplicationID(), f.GuildID(), f.APIBase()
	cfg.DiscordPublicKey = pub
	cfg.PublicURL = "http://" + addr
	cfg.DataDir = t.TempDir()

	ctx, stop := context.WithCancel(context.Background())
	ws := &webServe{base: "http://" + addr, f: f, priv: priv, logs: &lockedBuffer{}}
	done := make(chan int, 1)
	go func() { done <- runServe(ctx, cfg, []string{"--http", addr}, io.Discard, ws.logs) }()
	t.Cleanup(func() {
		stop()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Errorf("serve did not stop")
		}
	})
	waitPages(t, ws.base, ws.logs)
	return ws
}

// waitPages waits until base/ answers 200 (503 while the index is built).
func waitPages(t *testing.T, base string, logs *lockedBuffer) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("GET / = %d while starting; want 503 then 200", resp.StatusCode)
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the pages never answered:\n%s", logs)
}

// ask posts a signed /ask and returns the reply's "Read on the web" link.
func (ws *webServe) ask(t *testing.T, question string) string {
	t.Helper()
	ix := ws.f.Command("ask", fakediscord.StringOption("question", question))
	body, err := json.Marshal(ix)
	if err != nil {
		t.Fatal(err)
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, ws.base+"/interactions", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(ws.priv, append([]byte(ts), body...))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Data struct {
			Components []struct {
				Components []struct {
					Style int    `json:"style"`
					Label string `json:"label"`
					URL   string `json:"url"`
				} `json:"components"`
			} `json:"components"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("/ask = %d, %v", resp.StatusCode, err)
	}
	for _, row := range r.Data.Components {
		for _, b := range row.Components {
			if b.Style == int(discordgo.LinkButton) && b.Label == "Read on the web" {
				return b.URL
			}
		}
	}
	t.Fatalf("the /ask answer has no \"Read on the web\" button")
	return ""
}

// TestServeWebPages: in HTTP mode the pages are served on the interactions
// address, and the link under an /ask answer opens the page of the point
// it shows.
func TestServeWebPages(t *testing.T) {
	t.Parallel()
	ws := startWebServe(t)
	for _, path := range []string{"/", "/point/21", "/search?q=army", "/sources", "/healthz"} {
		resp, err := http.Get(ws.base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d; want 200", path, resp.StatusCode)
		}
	}
	link := ws.ask(t, "How big can Ukraine's army be?")
	if want := ws.base + "/point/6"; link != want {
		t.Fatalf("link = %s; want %s", link, want)
	}
	resp, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !regexp.MustCompile(`<h1>Point 6: [^<]*armed forces`).Match(b) {
		t.Errorf("%s does not show point 6:\n%.600s", link, b)
	}
}

// TestServeWebGateway: over the gateway the pages are off unless
// PLANBOT_WEB_ADDR names an address.
func TestServeWebGateway(t *testing.T) {
	t.Parallel()
	f := fakediscord.New(t)
	env := map[string]string{
		"DISCORD_TOKEN": f.Token(), "DISCORD_APP_ID": f.ApplicationID(), "DISCORD_GUILD_ID": f.GuildID(),
		"DISCORD_API_BASE": f.APIBase(), "PLANBOT_WEB_ADDR": "127.0.0.1:0", "PLANBOT_DATA_DIR": t.TempDir(),
	}
	cfg := LoadConfig(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	logs := &lockedBuffer{}
	done := make(chan int, 1)
	go func() { done <- runServe(ctx, cfg, nil, io.Discard, logs) }()
	re := regexp.MustCompile(`msg=listening addr=(\S+) serves="web pages"`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if m := re.FindStringSubmatch(logs.String()); m != nil {
			base = "http://" + m[1]
		}
	}
	if base == "" {
		t.Fatalf("serve never logged the web address:\n%s", logs)
	}
	waitPages(t, base, logs)
	resp, err := http.Get(base + "/point/21")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == "" {
		t.Errorf("GET /point/21 = %d, ETag %q", resp.StatusCode, resp.Header.Get("ETag"))
	}
	stop()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exit %d\n%s", code, logs)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("serve did not stop\n%s", logs)
	}
	if strings.Contains(logs.String(), f.Token()) {
		t.Errorf("the token appears in the logs")
	}
}
