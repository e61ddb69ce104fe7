package bot

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestAPIBaseTransport(t *testing.T) {
	t.Parallel()
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Method+" "+r.Host+" "+r.URL.RequestURI()+" auth="+r.Header.Get("Authorization"))
		io.WriteString(w, `{"url":"ws://127.0.0.1:1/gateway"}`)
	}))
	defer srv.Close()
	s, err := NewSession("sekrit", srv.URL+"/proxy/api/v10")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{
		"https://discord.com/api/v9/gateway",
		"https://discord.com/api/v9/interactions/1/tok/callback?with_response=false",
		"https://discordapp.com/api/v10/webhooks/2/tok/messages/@original",
		"https://discord.com/api/users/@me",
	} {
		if _, err := s.Client.Get(u); err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
	}
	host := strings.TrimPrefix(srv.URL, "http://")
	want := []string{
		"GET " + host + " /proxy/api/v10/gateway auth=",
		"GET " + host + " /proxy/api/v10/interactions/1/tok/callback?with_response=false auth=",
		"GET " + host + " /proxy/api/v10/webhooks/2/tok/messages/@original auth=",
		"GET " + host + " /proxy/api/v10/users/@me auth=",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests reached the base as\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// discordgo's own calls carry the token as a bot token
	if gw, err := s.Gateway(); err != nil || gw != "ws://127.0.0.1:1/gateway/" {
		t.Errorf("Gateway() = %q, %v; want the URL the base answered", gw, err)
	}
	if last := got[len(got)-1]; !strings.HasSuffix(last, "auth=Bot sekrit") {
		t.Errorf("gateway lookup sent %q; want auth=Bot sekrit", last)
	}
}

func TestParseAPIBase(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"", DefaultAPIBase},
		{"https://proxy.example/api/v10", "https://proxy.example/api/v10/"},
		{"http://127.0.0.1:8080/api/v10/", "http://127.0.0.1:8080/api/v10/"},
	} {
		u, err := ParseAPIBase(tt.in)
		if err != nil || u.String() != tt.want {
			t.Errorf("ParseAPIBase(%q) = %v, %v; want %s", tt.in, u, err, tt.want)
		}
	}
	for _, bad := range []string{"discord.com/api", "ftp://x/", "https:///api", "://"} {
		if _, err := ParseAPIBase(bad); err == nil {
			t.Errorf("ParseAPIBase(%q) accepted; want an error", bad)
		}
	}
}
