package main

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/internal/fakediscord"
)

// cuttableProxy forwards TCP connections on 127.0.0.1 to target until cut,
// which closes the listener and every connection: a database outage.
type cuttableProxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newCuttableProxy(t *testing.T, target string) *cuttableProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cuttableProxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { io.Copy(up, c); up.Close() }()
			go func() { io.Copy(c, up); c.Close() }()
		}
	}()
	t.Cleanup(p.cut)
	return p
}

func (p *cuttableProxy) cut() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestServeSettingsStoreOutage runs serve --http on PostgreSQL through a
// proxy, then cuts the proxy: answers keep flowing, /settings tells the
// admin the settings are unavailable, /readyz and /metrics say the
// store is unusable, and the failures are a couple of log lines, not one
// per request.
func TestServeSettingsStoreOutage(t *testing.T) {
	dbURL := os.Getenv("PLANBOT_TEST_DATABASE_URL")
	if dbURL == "" {
		t.Skip("PLANBOT_TEST_DATABASE_URL not set")
	}
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := newCuttableProxy(t, u.Host)
	u.Host = proxy.ln.Addr().String()

	f := fakediscord.New(t)
	cfg, priv := httpServeConfig(t, f)
	cfg.MetricsAddr = "127.0.0.1:0"
	cfg.DatabaseURL = u.String()
	cfg.VoteKey = strings.Repeat("k", 64)
	stop, done, logs := serveHTTPInBackground(t, cfg)
	defer func() { stop(); <-done }()
	base, metrics := listenAddr(t, logs, true), listenAddr(t, logs, false)
	for !strings.Contains(logs.String(), "answering interactions over HTTP") {
		if strings.Contains(logs.String(), "msg=stopped") {
			t.Fatalf("serve stopped:\n%s", logs)
		}
		time.Sleep(5 * time.Millisecond)
	}
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(metrics + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if _, text := get("/metrics"); !strings.Contains(text, "planbot_settings_store_up 1") {
		t.Errorf("/metrics before the outage lacks planbot_settings_store_up 1")
	}

	proxy.cut()
	for i := range 20 {
		who := fakediscord.User{ID: strconv.Itoa(1400000000000000000 + i), Username: "asker" + strconv.Itoa(i)}
		body := postSigned(t, base, f.Command("ask", fakediscord.StringOption("question", "How big can Ukraine's army be?")).WithUser(who), priv)
		var r struct {
			Data struct{ Embeds []json.RawMessage }
		}
		if err := json.Unmarshal(body, &r); err != nil || len(r.Data.Embeds) != 1 {
			t.Fatalf("/ask during the outage = %s; want an answer", body)
		}
	}
	set := f.Command("settings", fakediscord.StringOption("version", "plan-20-point-framework")).
		WithPermissions(fakediscord.DefaultMemberPermissions | discordgo.PermissionManageGuild)
	body := postSigned(t, base, set, priv)
	if !strings.Contains(string(body), "settings are unavailable right now") {
		t.Errorf("/settings during the outage = %s; want it to say the settings are unavailable", body)
	}
	if code, text := get("/readyz"); code != http.StatusOK || !strings.Contains(text, "settings store unavailable") {
		t.Errorf("/readyz during the outage = %d %q; want 200 (answers go on) naming the settings store", code, text)
	}
	if _, text := get("/metrics"); !strings.Contains(text, "planbot_settings_store_up 0") {
		t.Errorf("/metrics during the outage lacks planbot_settings_store_up 0")
	}
	if n := len(regexp.MustCompile(`level=(WARN|ERROR)[^\n]*settings`).FindAllString(logs.String(), -1)); n > 2 {
		t.Errorf("%d warnings about the settings store for 21 requests; want at most 2:\n%s", n, logs)
	}
}
