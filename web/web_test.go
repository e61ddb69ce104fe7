package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// newLive builds a real index over a copy of the default corpus in a
// temporary folder, which a test may edit and reload.
func newLive(t testing.TB) (*index.Live, string) {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("..", "corpus", "default")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	live, err := index.NewLive(context.Background(), func() (*corpus.Corpus, error) { return corpus.LoadDir(dir) })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { live.Close() })
	return live, dir
}

func newServer(t testing.TB) (*Server, *index.Live, string) {
	t.Helper()
	live, dir := newLive(t)
	s, err := New(Config{Index: live})
	if err != nil {
		t.Fatal(err)
	}
	return s, live, dir
}

// get answers one request through the server.
func get(t testing.TB, h http.Handler, target string, header ...string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t testing.TB, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// parse parses a page and returns its root, failing when it does not parse
// or lacks <html lang>.
func parse(t *testing.T, target, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("GET %s: html.Parse: %v", target, err)
	}
	if !strings.HasPrefix(page, "<!DOCTYPE html>") {
		t.Errorf("GET %s: no doctype", target)
	}
	if lang := attr(find(doc, "html"), "lang"); lang == "" {
		t.Errorf("GET %s: <html> has no lang", target)
	}
	return doc
}

func find(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, tag); f != nil {
			return f
		}
	}
	return nil
}

func all(n *html.Node, tag string, out []*html.Node) []*html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		out = append(out, n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = all(c, tag, out)
	}
	return out
}

func attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestEveryLinkAnswers follows every link to a page of ours from the front
// page, a search, the sources and a version's clause, breadth first: each
// page must answer 200, parse, carry lang and a <main>, and each of its
// links to us must answer too.
func TestEveryLinkAnswers(t *testing.T) {
	s, _, _ := newServer(t)
	queue := []string{"/", "/search?q=army+size", "/search?q=zzzz+qqqq", "/sources", "/point/5?version=plan-20-point-framework", "/?lang=uk"}
	seen := map[string]bool{}
	for _, u := range queue {
		seen[u] = true
	}
	for len(queue) > 0 {
		target := queue[0]
		queue = queue[1:]
		resp := get(t, s, target)
		page := body(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d; want 200", target, resp.StatusCode)
			continue
		}
		if !strings.HasPrefix(target, "/static/") {
			doc := parse(t, target, page)
			if find(doc, "main") == nil || find(doc, "h1") == nil {
				t.Errorf("GET %s: no <main> or <h1>", target)
			}
			for _, a := range append(all(doc, "a", nil), all(doc, "link", nil)...) {
				href := attr(a, "href")
				u, err := url.Parse(href)
				if err != nil {
					t.Errorf("GET %s: bad href %q", target, href)
					continue
				}
				if u.Host != "" || u.Scheme != "" || strings.HasPrefix(href, "#") {
					continue // another site's, or this page's
				}
				u.Fragment = ""
				if next := u.String(); !seen[next] {
					seen[next] = true
					queue = append(queue, next)
				}
			}
		}
	}
	t.Logf("followed %d pages", len(seen))
	if len(seen) < 60 {
		t.Errorf("followed %d pages; want every point of every version (60 or more)", len(seen))
	}
}

func TestPointShowsEveryVersionWithChanges(t *testing.T) {
	s, live, _ := newServer(t)
	resp := get(t, s, "/point/21")
	page := body(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /point/21 = %d", resp.StatusCode)
	}
	doc := parse(t, "/point/21", page)
	arts := 0
	for _, a := range all(doc, "article", nil) {
		if strings.Contains(attr(a, "class"), "version") {
			arts++
		}
	}
	if want := len(live.Corpus().Plans()); arts != want {
		t.Errorf("/point/21 shows %d versions; want %d", arts, want)
	}
	for _, want := range []string{"<ins>", "<del>", "original", "continued as §21", "Territories", "What the reporting says", "bne IntelliNews"} {
		if !strings.Contains(page, want) {
			t.Errorf("/point/21 lacks %q", want)
		}
	}
	// A version's clause opens on the same lineage, that version marked.
	resp = get(t, s, "/point/21?version=plan-e3-counter-proposal")
	page = body(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, `class="version current"`) || !strings.Contains(page, "the version you opened") {
		t.Errorf("/point/21?version=plan-e3-counter-proposal = %d, without the version marked as opened", resp.StatusCode)
	}
}

func TestSearch(t *testing.T) {
	s, _, _ := newServer(t)
	tests := []struct {
		name, q    string
		wantStatus int
		want       []string
		notWant    []string
	}{
		{"answer", "How big can Ukraine's army be?", 200, []string{"<mark>", "/point/6"}, nil},
		{"no match", "recipe for banana bread", 200, []string{"No point of the plan matches"}, []string{`class="hits"`}},
		{"script escaped", "<script>alert(1)</script>", 200, []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, []string{"<script"}},
		{"empty shows the form", "", 200, []string{`role="search"`}, []string{"No point"}},
		{"at the limit", strings.Repeat("a", 300), 200, nil, nil},
		{"over the limit", strings.Repeat("a", 301), 400, []string{"too long: 300 characters at most"}, nil},
		{"over the limit in Cyrillic", strings.Repeat("я", 301), 400, []string{"too long"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := "/search?q=" + url.QueryEscape(tt.q)
			resp := get(t, s, target)
			page := body(t, resp)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("GET %s = %d; want %d", target, resp.StatusCode, tt.wantStatus)
			}
			parse(t, target, page)
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("GET %s lacks %q", target, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(page, w) {
					t.Errorf("GET %s has %q", target, w)
				}
			}
		})
	}
}

func TestNotFoundLinksHome(t *testing.T) {
	s, _, _ := newServer(t)
	for _, target := range []string{"/point/999", "/point/0", "/point/abc", "/nope", "/point/21?version=nope", "/point/27?version=plan-20-point-framework", "/point/21/x"} {
		resp := get(t, s, target)
		page := body(t, resp)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d; want 404", target, resp.StatusCode)
			continue
		}
		doc := parse(t, target, page)
		home := false
		for _, a := range all(doc, "a", nil) {
			home = home || attr(a, "href") == "/"
			if strings.HasPrefix(attr(a, "href"), "//") {
				t.Errorf("GET %s links to another host: %s", target, attr(a, "href"))
			}
		}
		if !home {
			t.Errorf("GET %s: the 404 page does not link to /", target)
		}
	}
	page := body(t, get(t, s, "/point/27?version=plan-20-point-framework"))
	if !strings.Contains(page, `<a href="/point/27">Read point 27 in every version</a>`) {
		t.Errorf("/point/27 of the 20-point framework does not offer the draft's point 27:\n%s", page)
	}
	page = body(t, get(t, s, "/point/999"))
	if !strings.Contains(page, "There is no point 999 in the 28-point draft") {
		t.Errorf("/point/999 does not say which point is missing:\n%s", page)
	}
}

func TestHeaders(t *testing.T) {
	s, _, _ := newServer(t)
	for _, target := range []string{"/", "/point/21", "/search?q=army", "/sources", "/nope", "/static/style.css"} {
		resp := get(t, s, target)
		h := resp.Header
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "style-src 'self'") || strings.Contains(csp, "script-src") {
			t.Errorf("GET %s: Content-Security-Policy = %q", target, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("GET %s: X-Content-Type-Options = %q, Referrer-Policy = %q", target, h.Get("X-Content-Type-Options"), h.Get("Referrer-Policy"))
		}
		if h.Get("Cache-Control") == "" {
			t.Errorf("GET %s: no Cache-Control", target)
		}
		if resp.StatusCode == 200 && h.Get("ETag") == "" {
			t.Errorf("GET %s: no ETag", target)
		}
	}
	// A client holding the page gets 304.
	etag := get(t, s, "/point/21").Header.Get("ETag")
	if resp := get(t, s, "/point/21", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("GET /point/21 with If-None-Match %s = %d; want 304", etag, resp.StatusCode)
	}
	// Each language is its own representation.
	if uk := get(t, s, "/point/21", "Accept-Language", "uk-UA,uk;q=0.9,en;q=0.5").Header.Get("ETag"); uk == etag {
		t.Errorf("the Ukrainian page has the English ETag %s", etag)
	}
}

func TestETagChangesAfterReload(t *testing.T) {
	s, live, dir := newServer(t)
	before := get(t, s, "/point/6").Header.Get("ETag")
	if again := get(t, s, "/point/6").Header.Get("ETag"); again != before {
		t.Fatalf("ETag changed with nothing reloaded: %s then %s", before, again)
	}
	file := filepath.Join(dir, "plan-28-points.md")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), "capped at 600,000", "capped at 650,000", 1))
	b = []byte(strings.Replace(string(b), "name: RBC-Ukraine,", "name: RBC-Ukraine (renamed),", 1))
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := live.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	resp := get(t, s, "/point/6", "If-None-Match", before)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("after the reload, GET /point/6 with the old ETag = %d; want 200", resp.StatusCode)
	}
	if after := resp.Header.Get("ETag"); after == before {
		t.Errorf("ETag %s unchanged after the corpus changed", after)
	}
	if page := body(t, resp); !strings.Contains(page, "650,000") || !strings.Contains(page, "RBC-Ukraine (renamed)") {
		t.Errorf("the page after the reload does not show the new text and source")
	}
}

func TestLanguage(t *testing.T) {
	s, _, _ := newServer(t)
	tests := []struct {
		name, target, accept, want string
	}{
		{"default", "/", "", "en"},
		{"accept uk", "/", "uk-UA,uk;q=0.9,en;q=0.5", "uk"},
		{"accept ru over en by weight", "/", "en;q=0.3,ru;q=0.8", "ru"},
		{"unknown falls back", "/", "de-DE,fr;q=0.8", "en"},
		{"query wins", "/point/21?lang=ru", "uk", "ru"},
		{"bad query ignored", "/?lang=xx", "uk", "uk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h []string
			if tt.accept != "" {
				h = []string{"Accept-Language", tt.accept}
			}
			doc := parse(t, tt.target, body(t, get(t, s, tt.target, h...)))
			if got := attr(find(doc, "html"), "lang"); got != tt.want {
				t.Errorf("GET %s (Accept-Language %q): lang=%q; want %q", tt.target, tt.accept, got, tt.want)
			}
		})
	}
	// A language chosen with ?lang= stays on the links.
	page := body(t, get(t, s, "/?lang=uk"))
	if !strings.Contains(page, `href="/point/21?lang=uk"`) {
		t.Errorf("/?lang=uk does not keep the language on its links")
	}
}

func TestWordsComplete(t *testing.T) {
	for _, l := range languages {
		v := reflect.ValueOf(*l.words)
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).String() == "" {
				t.Errorf("language %s: %s is empty", l.tag, v.Type().Field(i).Name)
			}
		}
		// Format strings must take what English takes.
		en := reflect.ValueOf(english)
		for i := 0; i < v.NumField(); i++ {
			if a, b := strings.Count(en.Field(i).String(), "%"), strings.Count(v.Field(i).String(), "%"); a != b {
				t.Errorf("language %s: %s has %d verbs; English has %d", l.tag, v.Type().Field(i).Name, b, a)
			}
		}
	}
}
