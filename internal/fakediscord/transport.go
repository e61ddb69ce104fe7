package fakediscord

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// rewrite is an http.RoundTripper that sends every request to the fake,
// whatever its scheme and host (https://discord.com/api/v9/...,
// https://cdn.discordapp.com/...), keeping path and query.
type rewrite struct {
	target *url.URL
	next   http.RoundTripper
}

// RoundTrip sends a copy of req to the fake.
func (rt rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.URL.Scheme = rt.target.Scheme
	r.URL.Host = rt.target.Host
	r.Host = ""
	return rt.next.RoundTrip(r)
}

// Transport returns an http.RoundTripper that rewrites the scheme and host
// of every request to the fake's. Set it as a discordgo session's
// Client.Transport: discordgo's endpoint variables are fixed at package
// init, so this is how its REST calls, GET /gateway included, reach the
// fake.
func (f *Fake) Transport() http.RoundTripper {
	u, _ := url.Parse(f.srv.URL)
	return rewrite{target: u, next: f.srv.Client().Transport}
}

// Client returns an http.Client using Transport, with a 10 s timeout.
func (f *Fake) Client() *http.Client {
	return &http.Client{Transport: f.Transport(), Timeout: 10 * time.Second}
}

// NewSession returns a discordgo session with the fake's bot token whose
// REST calls go to the fake (through Client), so that Open dials the
// gateway URL the fake's GET /gateway answers. The session is not opened.
// t.Cleanup turns off its reconnecting and closes it (discordgo's Close
// waits one second when the session was open).
func (f *Fake) NewSession(t testing.TB) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New("Bot " + f.cfg.token)
	if err != nil {
		t.Fatalf("fakediscord: new discordgo session: %v", err)
	}
	s.Client = f.Client()
	s.Dialer = &websocket.Dialer{HandshakeTimeout: 10 * time.Second}
	t.Cleanup(func() {
		// Without this, a heartbeat goroutine that fails on the closed
		// socket would reconnect forever to the stopped fake.
		s.ShouldReconnectOnError = false
		s.Close()
	})
	return s
}
