package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// DefaultAPIBase is Discord's REST API.
const DefaultAPIBase = "https://discord.com/api/v10/"

// NewSession returns a discordgo session for a bot token whose REST calls
// (the gateway lookup included) go to apiBase: its HTTP client rewrites
// them, as discordgo fixes its endpoints at init. Without a token it can
// still edit interaction responses, but not connect or register commands.
func NewSession(token, apiBase string) (*discordgo.Session, error) {
	base, err := ParseAPIBase(apiBase)
	if err != nil {
		return nil, err
	}
	if token != "" {
		token = "Bot " + strings.TrimPrefix(token, "Bot ")
	}
	s, err := discordgo.New(token)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	s.Client = &http.Client{
		Timeout:   20 * time.Second,
		Transport: &apiBaseTransport{base: base, next: http.DefaultTransport},
	}
	s.StateEnabled = false
	s.LogLevel = discordgo.LogWarning
	// Interactions need no intents; guilds keeps the READY payload small.
	s.Identify.Intents = discordgo.IntentsGuilds
	return s, nil
}

// ParseAPIBase checks an API base URL such as https://discord.com/api/v10/
// and returns it with a trailing slash.
func ParseAPIBase(s string) (*url.URL, error) {
	if s == "" {
		s = DefaultAPIBase
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("API base %q is not an http(s) URL; use e.g. %s", s, DefaultAPIBase)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u, nil
}

// apiBaseTransport sends requests for https://discord.com/api/v*/… to the
// same path under base.
type apiBaseTransport struct {
	base *url.URL
	next http.RoundTripper
}

// RoundTrip rewrites Discord API requests and passes everything on.
func (t *apiBaseTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if rest, ok := discordAPIPath(req.URL); ok {
		u := *t.base
		u.Path = t.base.Path + rest
		u.RawQuery = req.URL.RawQuery
		r := req.Clone(req.Context())
		r.URL = &u
		r.Host = u.Host
		req = r
	}
	return t.next.RoundTrip(req)
}

// discordAPIPath returns what follows /api/vN/ in a URL of Discord's API.
func discordAPIPath(u *url.URL) (string, bool) {
	if u.Scheme != "https" || (u.Host != "discord.com" && u.Host != "discordapp.com") {
		return "", false
	}
	p, ok := strings.CutPrefix(u.Path, "/api/")
	if !ok {
		return "", false
	}
	if strings.HasPrefix(p, "v") {
		if i := strings.IndexByte(p, '/'); i > 0 {
			p = p[i+1:]
		}
	}
	return p, true
}
