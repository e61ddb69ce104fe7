package bot

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
	"github.com/planbot/planbot/internal/fakediscord"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// appKey is an application's key pair, made in the test: the private half
// signs requests as Discord does.
type appKey struct {
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func newAppKey(t testing.TB) appKey {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return appKey{pub, priv}
}

// signature is the hex signature Discord sends for body at timestamp ts.
func (k appKey) signature(ts string, body []byte) string {
	return hex.EncodeToString(ed25519.Sign(k.priv, append([]byte(ts), body...)))
}

// signedRequest is a POST of body to url as Discord sends it, signed at at.
func (k appKey) signedRequest(t testing.TB, url string, body []byte, at time.Time) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	ts := strconv.FormatInt(at.Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", k.signature(ts, body))
	return req
}

// do sends req and returns the status and body of the answer.
func do(t testing.TB, req *http.Request) (int, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// httpBot is the HTTP transport over a real index, served on 127.0.0.1,
// with a fake Discord for the edits of deferred replies.
type httpBot struct {
	x    *HTTP
	srv  *httptest.Server
	f    *fakediscord.Fake
	key  appKey
	live *index.Live
	reg  *prometheus.Registry
	logs *syncBuffer
}

// startHTTP serves an HTTP transport that edits deferred replies through
// f (a new fake when nil); with a nil live it is not ready until the test
// calls x.SetHandler.
func startHTTP(t *testing.T, f *fakediscord.Fake, live *index.Live, cfg Config) *httpBot {
	t.Helper()
	if f == nil {
		f = fakediscord.New(t)
	}
	s, err := NewSession("", f.APIBase()) // the interaction token suffices
	if err != nil {
		t.Fatal(err)
	}
	b := &httpBot{f: f, key: newAppKey(t), live: live, reg: prometheus.NewRegistry(), logs: &syncBuffer{}}
	log := slog.New(slog.NewTextHandler(b.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	m := NewMetrics(b.reg)
	b.x = NewHTTP(HTTPConfig{PublicKey: b.key.pub, Session: s, Metrics: m, Logger: log})
	b.x.editRetries = []time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond}
	if live != nil {
		b.x.SetHandler(b.handler(live, cfg, m, log))
	}
	b.srv = httptest.NewServer(b.x) // 127.0.0.1
	t.Cleanup(func() {
		b.srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := b.x.Shutdown(ctx); err != nil {
			t.Error(err)
		}
		if strings.Contains(b.logs.String(), "fake-interaction-token-") {
			t.Errorf("an interaction token appears in the logs")
		}
	})
	return b
}

// handler is the Handler serve builds: metrics observe it.
func (b *httpBot) handler(live *index.Live, cfg Config, m *Metrics, log *slog.Logger) *Handler {
	cfg.Index, cfg.Logger, cfg.Observe = live, log, m.Observe
	if cfg.Reloader == nil {
		cfg.Reloader = live
	}
	m.WatchIndex(live)
	return New(cfg)
}

// post signs ix as Discord would now and posts it to /interactions.
func (b *httpBot) post(t testing.TB, ix *fakediscord.Interaction) (int, []byte) {
	t.Helper()
	body, err := json.Marshal(ix)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, b.key.signedRequest(t, b.srv.URL+"/interactions", body, time.Now()))
}

// answer posts ix, checks the answer is a 200 the fake accepts as a
// callback (within Discord's limits, a valid response type), and returns
// it as the fake recorded it.
func (b *httpBot) answer(t testing.TB, ix *fakediscord.Interaction) fakediscord.Response {
	t.Helper()
	code, body := b.post(t, ix)
	if code != http.StatusOK {
		t.Fatalf("POST /interactions = %d %s; want 200", code, body)
	}
	r, err := b.f.AcceptResponse(ix, body)
	if err != nil {
		t.Fatalf("the fake Discord refused the answer %s: %v", body, err)
	}
	return r
}

// get returns the status and body of GET path.
func (b *httpBot) get(t testing.TB, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	code, body := do(t, req)
	return code, string(body)
}

func TestHTTPPing(t *testing.T) {
	t.Parallel()
	b := startHTTP(t, nil, newLive(t), Config{})
	ix := &fakediscord.Interaction{ID: "1400000000000000001", ApplicationID: b.f.ApplicationID(), Type: discordgo.InteractionPing, Token: "ping-token", Version: 1, AppPermissions: "0"}
	code, body := b.post(t, ix)
	if code != http.StatusOK || string(body) != `{"type":1}` {
		t.Errorf("PING = %d %s; want 200 {\"type\":1}", code, body)
	}
}

// TestHTTPSameAsGateway sends the same interactions over both transports,
// the gateway through the fake Discord and HTTP to the endpoint, and
// compares what Discord receives: the callback body the gateway posted and
// the HTTP response body.
func TestHTTPSameAsGateway(t *testing.T) {
	t.Parallel()
	gw := startBot(t, copyCorpus(t), Config{})
	f := gw.f
	hb := startHTTP(t, f, gw.live, Config{}) // the same fake Discord and index

	cases := []struct {
		name string
		ix   func() *fakediscord.Interaction
	}{
		{"ask", func() *fakediscord.Interaction {
			return f.Command("ask", fakediscord.StringOption("question", "How big can Ukraine's army be?"))
		}},
		{"ask private", func() *fakediscord.Interaction {
			return f.Command("ask", fakediscord.StringOption("question", "frozen assets"), fakediscord.BooleanOption("private", true))
		}},
		{"point 14", func() *fakediscord.Interaction {
			return f.Command("point", fakediscord.IntegerOption("number", 14))
		}},
		{"autocomplete", func() *fakediscord.Interaction {
			return f.Autocomplete("point", fakediscord.Focused(fakediscord.StringOption("number", "nato")))
		}},
		{"sources", func() *fakediscord.Interaction { return f.Command("sources") }},
		{"help", func() *fakediscord.Interaction { return f.Command("help") }},
		{"reindex by a non-admin", func() *fakediscord.Interaction { return f.Command("reindex") }},
	}
	var gwPoint, httpPoint *fakediscord.Interaction
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ixG, ixH := tc.ix().WithUser(newUser()), tc.ix().WithUser(newUser())
			viaGateway := gw.roundTrip(t, ixG)
			viaHTTP := hb.answer(t, ixH)
			if !bytes.Equal(viaGateway.Body, viaHTTP.Body) {
				t.Errorf("%s: the HTTP answer differs from the gateway's\ngateway: %s\nhttp:    %s", tc.name, viaGateway.Body, viaHTTP.Body)
			}
			if tc.name == "point 14" {
				gwPoint, httpPoint = ixG, ixH
			}
		})
	}
	t.Run("next button", func(t *testing.T) {
		if gwPoint == nil {
			t.Skip("point 14 failed")
		}
		mG, okG := f.OriginalMessage(gwPoint.Token)
		mH, okH := f.OriginalMessage(httpPoint.Token)
		if !okG || !okH {
			t.Fatal("the fake has no message for /point 14")
		}
		viaGateway := gw.roundTrip(t, f.Component("pt:plan-28-points:15:n", mG.ID).WithUser(newUser()))
		viaHTTP := hb.answer(t, f.Component("pt:plan-28-points:15:n", mH.ID).WithUser(newUser()))
		if viaHTTP.Type != discordgo.InteractionResponseUpdateMessage || !bytes.Equal(viaGateway.Body, viaHTTP.Body) {
			t.Errorf("next ▶: HTTP %s; gateway %s; want the same update (type 7)", viaHTTP.Body, viaGateway.Body)
		}
	})
}

func TestHTTPForgedRequests(t *testing.T) {
	t.Parallel()
	b := startHTTP(t, nil, newLive(t), Config{})
	url := b.srv.URL + "/interactions"
	body, err := json.Marshal(b.f.Command("ask", fakediscord.StringOption("question", "Will Ukraine join NATO?")))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	other := newAppKey(t)
	flip := func(s string, i int) string {
		c := "0"
		if s[i] == '0' {
			c = "1"
		}
		return s[:i] + c + s[i+1:]
	}
	big := bytes.Repeat([]byte("a"), 1<<20)

	tests := []struct {
		name   string
		req    func() *http.Request
		status int
		reason string // the rejected-signature counter that grows
	}{
		{"valid", func() *http.Request { return b.key.signedRequest(t, url, body, now) }, http.StatusOK, ""},
		{"no headers", func() *http.Request {
			req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			return req
		}, http.StatusUnauthorized, rejectMissing},
		{"no timestamp", func() *http.Request {
			req := b.key.signedRequest(t, url, body, now)
			req.Header.Del("X-Signature-Timestamp")
			return req
		}, http.StatusUnauthorized, rejectMissing},
		{"wrong key", func() *http.Request { return other.signedRequest(t, url, body, now) }, http.StatusUnauthorized, rejectSignature},
		{"flipped body byte", func() *http.Request {
			req := b.key.signedRequest(t, url, body, now)
			forged := bytes.Clone(body)
			forged[len(forged)/2] ^= 1
			req.Body = io.NopCloser(bytes.NewReader(forged))
			return req
		}, http.StatusUnauthorized, rejectSignature},
		{"flipped signature byte", func() *http.Request {
			req := b.key.signedRequest(t, url, body, now)
			req.Header.Set("X-Signature-Ed25519", flip(req.Header.Get("X-Signature-Ed25519"), 10))
			return req
		}, http.StatusUnauthorized, rejectSignature},
		{"signature not hex", func() *http.Request {
			req := b.key.signedRequest(t, url, body, now)
			req.Header.Set("X-Signature-Ed25519", strings.Repeat("zz", 64))
			return req
		}, http.StatusUnauthorized, rejectMalformed},
		{"short signature", func() *http.Request {
			req := b.key.signedRequest(t, url, body, now)
			req.Header.Set("X-Signature-Ed25519", req.Header.Get("X-Signature-Ed25519")[:100])
			return req
		}, http.StatusUnauthorized, rejectMalformed},
		{"timestamp not a number", func() *http.Request {
			req := b.key.signedRequest(t, url, body, now)
			ts := now.Format(time.RFC3339)
			req.Header.Set("X-Signature-Timestamp", ts)
			req.Header.Set("X-Signature-Ed25519", b.key.signature(ts, body))
			return req
		}, http.StatusUnauthorized, rejectMalformed},
		{"old timestamp", func() *http.Request { return b.key.signedRequest(t, url, body, now.Add(-6*time.Minute)) }, http.StatusUnauthorized, rejectStale},
		{"future timestamp", func() *http.Request { return b.key.signedRequest(t, url, body, now.Add(6*time.Minute)) }, http.StatusUnauthorized, rejectStale},
		{"timestamp of another request", func() *http.Request {
			req := b.key.signedRequest(t, url, body, now)
			req.Header.Set("X-Signature-Timestamp", strconv.FormatInt(now.Unix()-1, 10))
			return req
		}, http.StatusUnauthorized, rejectSignature},
		{"1 MiB body", func() *http.Request { return b.key.signedRequest(t, url, big, now) }, http.StatusRequestEntityTooLarge, ""},
		{"1 MiB body without a length", func() *http.Request {
			req := b.key.signedRequest(t, url, big, now)
			req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(big)), -1 // chunked
			return req
		}, http.StatusRequestEntityTooLarge, ""},
		{"GET", func() *http.Request {
			req, _ := http.NewRequest(http.MethodGet, url, nil)
			return req
		}, http.StatusMethodNotAllowed, ""},
		{"PUT, signed", func() *http.Request {
			req := b.key.signedRequest(t, url, body, now)
			req.Method = http.MethodPut
			return req
		}, http.StatusMethodNotAllowed, ""},
		{"form content type, signed", func() *http.Request {
			req := b.key.signedRequest(t, url, body, now)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return req
		}, http.StatusBadRequest, ""},
		{"bad JSON, signed", func() *http.Request { return b.key.signedRequest(t, url, body[:len(body)-1], now) }, http.StatusBadRequest, ""},
		{"unknown interaction type, signed", func() *http.Request {
			return b.key.signedRequest(t, url, []byte(`{"id":"1","type":99,"token":"t","version":1}`), now)
		}, http.StatusBadRequest, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before float64
			if tt.reason != "" {
				before = metricValue(t, b, "planbot_http_rejected_signatures_total", "reason", tt.reason)
			}
			code, got := do(t, tt.req())
			if code != tt.status {
				t.Errorf("%s: POST /interactions = %d %q; want %d", tt.name, code, got, tt.status)
			}
			if tt.reason != "" {
				if after := metricValue(t, b, "planbot_http_rejected_signatures_total", "reason", tt.reason); after != before+1 {
					t.Errorf("%s: rejected signatures{reason=%q} went from %v to %v; want +1", tt.name, tt.reason, before, after)
				}
			}
		})
	}
	if got := metricValue(t, b, "planbot_interactions_total", "command", "ask"); got != 1 {
		t.Errorf("%v asks reached the handler; want only the valid one", got)
	}
}

// TestHTTPLargeBodyNotRead announces a 1 MiB body and sends 10 bytes of
// it: the 413 must come without waiting for the rest.
func TestHTTPLargeBodyNotRead(t *testing.T) {
	t.Parallel()
	b := startHTTP(t, nil, newLive(t), Config{})
	conn, err := net.Dial("tcp", strings.TrimPrefix(b.srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	fmt.Fprintf(conn, "POST /interactions HTTP/1.1\r\nHost: planbot\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"+
		"X-Signature-Timestamp: %s\r\nX-Signature-Ed25519: %s\r\n\r\n{\"type\":1,", 1<<20, ts, strings.Repeat("ab", 64))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer before the body was sent: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !resp.Close {
		t.Errorf("1 MiB announced = %d, close %v; want 413 and the connection closed", resp.StatusCode, resp.Close)
	}
}

// TestHTTPReindex runs /reindex as an admin (a deferral, then the report
// edited in through the fake's webhook routes) and as a member (refused).
func TestHTTPReindex(t *testing.T) {
	t.Parallel()
	b := startHTTP(t, nil, newLive(t), Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	t.Run("admin", func(t *testing.T) {
		ix := b.f.Command("reindex").WithPermissions(fakediscord.DefaultMemberPermissions | discordgo.PermissionManageGuild).WithUser(newUser())
		code, body := b.post(t, ix)
		if code != http.StatusOK {
			t.Fatalf("reindex = %d %s", code, body)
		}
		// Discord may take the deferral in after the edit is tried: the
		// fake says the webhook is unknown until AcceptResponse.
		if err := b.f.Wait(ctx, func() bool { return len(b.f.Rejected()) > 0 }); err != nil {
			t.Fatalf("no edit was tried before the deferral was accepted: %v", err)
		}
		r, err := b.f.AcceptResponse(ix, body)
		if err != nil {
			t.Fatal(err)
		}
		if r.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || !r.Data.Ephemeral() {
			t.Fatalf("admin reindex = %s; want a private deferral (type 5)", r.Body)
		}
		e, err := b.f.WaitEdit(ctx, ix.Token)
		if err != nil {
			t.Fatalf("no edit after /reindex: %v", err)
		}
		checkWire(t, "reindex edit", discordgo.InteractionResponseChannelMessageWithSource, e.Data)
		if len(e.Data.Embeds) != 1 || e.Data.Embeds[0].Title != "Reindexed" {
			t.Errorf("reindex edit = %s; want the Reindexed report", e.Body)
		}
		for _, req := range b.f.Requests() {
			if req.Authorized {
				t.Errorf("%s %s was sent with a bot token; the HTTP transport has none", req.Method, req.Path)
			}
		}
	})

	t.Run("member", func(t *testing.T) {
		before := len(b.f.Edits())
		r := b.answer(t, b.f.Command("reindex").WithUser(newUser()))
		if r.Type != discordgo.InteractionResponseChannelMessageWithSource || !r.Data.Ephemeral() || !strings.Contains(r.Data.Content, "Only server admins") {
			t.Errorf("member reindex = %s; want a private refusal", r.Body)
		}
		time.Sleep(100 * time.Millisecond)
		if len(b.f.Edits()) != before {
			t.Errorf("a refused /reindex edited a message")
		}
	})
}

// TestHTTPReadiness follows serve: the endpoint listens while the first
// index is built, answering 503 (but PONG to PING), and is ready after.
func TestHTTPReadiness(t *testing.T) {
	t.Parallel()
	b := startHTTP(t, nil, nil, Config{})
	ask := func() int {
		code, _ := b.post(t, b.f.Command("ask", fakediscord.StringOption("question", "elections")).WithUser(newUser()))
		return code
	}
	if code, body := b.get(t, "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz during the first build = %d %s; want 200", code, body)
	}
	if code, body := b.get(t, "/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz during the first build = %d %s; want 503", code, body)
	}
	if code := ask(); code != http.StatusServiceUnavailable {
		t.Errorf("/ask during the first build = %d; want 503", code)
	}
	ping := &fakediscord.Interaction{ID: "1400000000000000002", ApplicationID: b.f.ApplicationID(), Type: discordgo.InteractionPing, Token: "ping-token", Version: 1, AppPermissions: "0"}
	if code, body := b.post(t, ping); code != http.StatusOK || string(body) != `{"type":1}` {
		t.Errorf("PING during the first build = %d %s; want PONG", code, body)
	}

	live, err := index.NewLive(context.Background(), corpus.LoadDefault)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { live.Close() })
	m := NewMetrics(prometheus.NewRegistry())
	b.x.SetHandler(b.handler(live, Config{}, m, nil))

	if code, body := b.get(t, "/readyz"); code != http.StatusOK {
		t.Errorf("/readyz after the first build = %d %s; want 200", code, body)
	}
	if code := ask(); code != http.StatusOK {
		t.Errorf("/ask after the first build = %d; want 200", code)
	}
	if code, body := b.get(t, "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz = %d %s; want 200", code, body)
	}
}

// TestHTTPMetrics checks that /metrics, parsed as Prometheus text, counts
// what happened.
func TestHTTPMetrics(t *testing.T) {
	t.Parallel()
	live := newLive(t)
	b := startHTTP(t, nil, live, Config{})
	for _, q := range []string{"How big can Ukraine's army be?", "What about Crimea?"} {
		b.answer(t, b.f.Command("ask", fakediscord.StringOption("question", q)).WithUser(newUser()))
	}
	b.answer(t, b.f.Command("point", fakediscord.IntegerOption("number", 14)).WithUser(newUser()))
	b.answer(t, b.f.Command("point", fakediscord.IntegerOption("number", 99)).WithUser(newUser()))
	b.answer(t, b.f.Command("reindex").WithUser(newUser()))
	admin := b.f.Command("reindex").WithPermissions(discordgo.PermissionAdministrator).WithUser(newUser())
	b.answer(t, admin)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := b.f.WaitEdit(ctx, admin.Token); err != nil {
		t.Fatal(err)
	}
	forged := b.key.signedRequest(t, b.srv.URL+"/interactions", []byte(`{"type":1}`), time.Now())
	forged.Header.Set("X-Signature-Timestamp", "1")
	do(t, forged)
	// the reindex is counted just after its edit is sent
	if err := b.f.Wait(ctx, func() bool { return metricValue(t, b, "planbot_reindexes_total", "outcome", "ok") == 1 }); err != nil {
		t.Errorf("no reindex counted: %v", err)
	}

	mf := scrape(t, b)
	st := live.Stats()
	checks := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"planbot_interactions_total", map[string]string{"command": "ask", "outcome": "ok"}, 2},
		{"planbot_interactions_total", map[string]string{"command": "point", "outcome": "ok"}, 1},
		{"planbot_interactions_total", map[string]string{"command": "point", "outcome": "user_error"}, 1},
		{"planbot_interactions_total", map[string]string{"command": "reindex", "outcome": "refused"}, 1},
		{"planbot_interactions_total", map[string]string{"command": "reindex", "outcome": "deferred"}, 1},
		{"planbot_interaction_duration_seconds", map[string]string{"command": "ask"}, 2},
		{"planbot_interaction_duration_seconds", map[string]string{"command": "point"}, 2},
		{"planbot_reindexes_total", map[string]string{"outcome": "ok"}, 1},
		{"planbot_reindex_duration_seconds", nil, 1},
		{"planbot_http_rejected_signatures_total", map[string]string{"reason": "stale_timestamp"}, 1},
		{"planbot_http_interaction_requests_total", map[string]string{"code": "200"}, 6},
		{"planbot_http_interaction_requests_total", map[string]string{"code": "401"}, 1},
		{"planbot_index_documents", nil, float64(st.Documents)},
		{"planbot_index_points", nil, float64(st.Points)},
		{"planbot_index_sections", nil, float64(st.Sections)},
	}
	for _, c := range checks {
		if got := find(mf, c.name, c.labels); got != c.want {
			t.Errorf("%s%v = %v; want %v", c.name, c.labels, got, c.want)
		}
	}
	if st.Points == 0 || st.Documents == 0 {
		t.Errorf("index stats %+v: want a non-empty index", st)
	}
}

// TestHTTPShutdownFinishesDeferred shuts down while a /reindex is under
// way: Shutdown returns once its edit is sent, and a /reindex after it
// is told to try again.
func TestHTTPShutdownFinishesDeferred(t *testing.T) {
	t.Parallel()
	live := newLive(t)
	slow := &slowReloader{Reloader: live, delay: 500 * time.Millisecond, started: make(chan struct{})}
	b := startHTTP(t, nil, live, Config{Reloader: slow})
	ix := b.f.Command("reindex").WithPermissions(discordgo.PermissionAdministrator)
	b.answer(t, ix)
	<-slow.started
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := b.x.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	var edited bool
	for _, e := range b.f.Edits() {
		edited = edited || e.Token == ix.Token
	}
	if !edited {
		t.Errorf("Shutdown returned before the /reindex reply under way was sent")
	}
	r := b.answer(t, b.f.Command("reindex").WithPermissions(discordgo.PermissionAdministrator))
	if !strings.Contains(r.Data.Content, "restarting") {
		t.Errorf("reindex after Shutdown = %s; want a note to try again", r.Body)
	}
}

// TestHTTPWithoutKey is the surface beside the gateway transport: health,
// readiness and metrics, no interactions.
func TestHTTPWithoutKey(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	x := NewHTTP(HTTPConfig{Metrics: NewMetrics(reg)})
	srv := httptest.NewServer(x)
	defer srv.Close()
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/healthz", 200},
		{"GET", "/readyz", 503},
		{"GET", "/metrics", 200},
		{"POST", "/interactions", 404},
		{"POST", "/healthz", 405},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		if code, body := do(t, req); code != tc.status {
			t.Errorf("%s %s = %d %s; want %d", tc.method, tc.path, code, body, tc.status)
		}
	}
}

// FuzzInteractionRequest posts arbitrary bodies, correctly signed, to the
// endpoint: it must never panic, and must answer 200 with a response
// Discord accepts, or 400/413.
func FuzzInteractionRequest(f *testing.F) {
	fake := fakediscord.New(f)
	seeds := []*fakediscord.Interaction{
		fake.Command("ask", fakediscord.StringOption("question", "How big can Ukraine's army be?"), fakediscord.BooleanOption("private", true)),
		fake.Command("point", fakediscord.IntegerOption("number", 14)),
		fake.Command("point", fakediscord.IntegerOption("number", -3), fakediscord.StringOption("version", "nope")),
		fake.Command("sources").InDM(),
		fake.Command("reindex").WithPermissions(discordgo.PermissionAdministrator),
		fake.Autocomplete("point", fakediscord.Focused(fakediscord.StringOption("number", "nato"))),
		fake.Component("pt:plan-28-points:15:n", ""),
		fake.Component("share", ""),
		{ID: "1", Type: discordgo.InteractionPing, Token: "t", Version: 1},
	}
	for _, ix := range seeds {
		b, err := json.Marshal(ix)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"type":2,"data":null}`))
	f.Add([]byte(`{"type":3,"data":{"custom_id":"pt:x:999999999999:n"},"member":{"permissions":"x"}}`))
	f.Add([]byte(`[]`))

	key := newAppKey(f)
	live := newLive(f)
	// no reloader: a fuzzed admin /reindex answers at once
	h := New(Config{Index: live, RateBurst: 1 << 30})
	x := NewHTTP(HTTPConfig{PublicKey: key.pub, Metrics: NewMetrics(prometheus.NewRegistry())})
	x.SetHandler(h)
	f.Fuzz(func(t *testing.T, body []byte) {
		req := key.signedRequest(t, "http://127.0.0.1/interactions", body, time.Now())
		w := httptest.NewRecorder()
		done := make(chan struct{})
		go func() {
			defer close(done)
			x.ServeHTTP(w, req)
		}()
		select {
		case <-done:
		case <-time.After(respondWithin):
			stacks := make([]byte, 1<<20)
			stacks = stacks[:runtime.Stack(stacks, true)]
			t.Fatalf("no answer within Discord's %s to %q:\n%s", respondWithin, body, stacks)
		}
		switch w.Code {
		case http.StatusOK:
			var resp struct {
				Type discordgo.InteractionResponseType `json:"type"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
				t.Fatalf("200 with a body that is not JSON: %q", w.Body)
			}
			switch resp.Type {
			case 1, 4, 5, 6, 7, 8, 9:
			default:
				t.Fatalf("200 with response type %d: %s", resp.Type, w.Body)
			}
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("POST of %q = %d %s; want 200, 400 or 413", body, w.Code, w.Body)
		}
	})
}

// scrape reads /metrics and parses the text exposition.
func scrape(t testing.TB, b *httpBot) map[string]*dto.MetricFamily {
	t.Helper()
	code, body := b.get(t, "/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics = %d", code)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	mf, err := p.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("/metrics is not Prometheus text: %v\n%s", err, body)
	}
	return mf
}

// metricValue is the sum of the samples of name whose label key is value.
func metricValue(t testing.TB, b *httpBot, name, key, value string) float64 {
	t.Helper()
	return find(scrape(t, b), name, map[string]string{key: value})
}

// find sums the samples of a family whose labels include want: counter
// and gauge values, histogram sample counts.
func find(mf map[string]*dto.MetricFamily, name string, want map[string]string) float64 {
	fam := mf[name]
	if fam == nil {
		return 0
	}
	var sum float64
next:
	for _, m := range fam.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		for k, v := range want {
			if have[k] != v {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			sum += m.GetCounter().GetValue()
		case m.Gauge != nil:
			sum += m.GetGauge().GetValue()
		case m.Histogram != nil:
			sum += float64(m.GetHistogram().GetSampleCount())
		}
	}
	return sum
}

// BenchmarkHTTPAsk answers a signed /ask through the HTTP transport in
// process (no network): verify, decode, handle, encode. Against the real
// index and against a search that returns a prepared answer at once, so
// the difference is the search; BenchmarkHTTPVerify is the signature
// check alone.
func BenchmarkHTTPAsk(b *testing.B) {
	b.Run("index", func(b *testing.B) { benchmarkHTTPAsk(b, newLive(b)) })
	b.Run("fixed-result", func(b *testing.B) {
		c := defaultCorpus(b)
		res := askResult(b, c)
		benchmarkHTTPAsk(b, &stubIndex{c: c, search: func(q string) (*index.Result, error) { return res, nil }})
	})
}

func benchmarkHTTPAsk(b *testing.B, ix Searcher) {
	key := newAppKey(b)
	x := NewHTTP(HTTPConfig{PublicKey: key.pub, Metrics: NewMetrics(prometheus.NewRegistry())})
	m := NewMetrics(prometheus.NewRegistry())
	x.SetHandler(New(Config{Index: ix, Observe: m.Observe, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		RateBurst: 4, RateWindow: time.Nanosecond}))
	fake := fakediscord.New(b)
	type signed struct {
		body    []byte
		ts, sig string
	}
	var reqs []signed
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	for n, q := range questions(b) {
		body, err := json.Marshal(fake.Command("ask", fakediscord.StringOption("question", q)).WithUser(fakediscord.User{ID: strconv.Itoa(1400000000000000000 + n), Username: "u"}))
		if err != nil {
			b.Fatal(err)
		}
		reqs = append(reqs, signed{body, ts, key.signature(ts, body)})
	}
	b.ReportAllocs()
	for n := 0; b.Loop(); n++ {
		s := reqs[n%len(reqs)]
		req := httptest.NewRequest(http.MethodPost, "/interactions", bytes.NewReader(s.body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Signature-Timestamp", s.ts)
		req.Header.Set("X-Signature-Ed25519", s.sig)
		w := httptest.NewRecorder()
		x.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}

func BenchmarkHTTPVerify(b *testing.B) {
	key := newAppKey(b)
	body := bytes.Repeat([]byte("x"), 1200)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	h := http.Header{}
	h.Set("X-Signature-Timestamp", ts)
	h.Set("X-Signature-Ed25519", key.signature(ts, body))
	m := &signedMessage{buf: append([]byte(ts), body...), ts: len(ts)}
	for b.Loop() {
		if r := verify(key.pub, h, m, time.Now()); r != "" {
			b.Fatal(r)
		}
	}
}
