package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/planbot/planbot/corpus"
)

//go:embed templates/*.html static/style.css
var assets embed.FS

// Config is what a Server needs; only Index is required.
type Config struct {
	Index Index
	// MaxQuery is the longest search accepted, in characters: the /ask
	// limit (default 300). A longer one is refused with 400.
	MaxQuery int
	// Budget bounds one search, as it does an /ask (default 2 s).
	Budget time.Duration
	// Logger receives the failures; nil discards.
	Logger *slog.Logger
}

// Server serves the pages. It is an http.Handler for:
//
//	GET /                    the versions and their points
//	GET /point/{n}           draft point n in every version, changes marked
//	GET /point/{n}?version=v clause n of version v, with the versions of the draft point it continues
//	GET /search?q=…          the same search as /ask
//	GET /sources             every document and its sources
//	GET /static/style.css    the one stylesheet
//
// Every page may add ?lang=en|uk|ru, else Accept-Language chooses. Pages
// carry an ETag made of the corpus's hash (a /reindex that changes the
// corpus changes it), the templates' and the language, and answer
// If-None-Match with 304. It is safe for concurrent use.
type Server struct {
	cfg     Config
	log     *slog.Logger
	mux     *http.ServeMux
	pages   map[string]*template.Template
	css     []byte
	cssHash string // of the stylesheet, in its address
	build   string // of the templates and stylesheet, in every ETag
	hash    atomic.Pointer[corpusHash]
	sources atomic.Pointer[sourceLists]
}

// sourceLists keeps each document's list of sources of one corpus as
// HTML, rendered once by the "sourcelist" template: a point page shows
// the sources of every version, some forty links, and rendering them
// afresh each time was a third of the page's time.
type sourceLists struct {
	c *corpus.Corpus
	m sync.Map // document id -> template.HTML
}

// sourceList is the <ul> of d's sources ("" for none), rendered once per
// loaded corpus.
func (s *Server) sourceList(c *corpus.Corpus, d *corpus.Document) template.HTML {
	sl := s.sources.Load()
	if sl == nil || sl.c != c {
		sl = &sourceLists{c: c}
		s.sources.Store(sl)
	}
	if h, ok := sl.m.Load(d.ID); ok {
		return h.(template.HTML)
	}
	var b strings.Builder
	if err := s.pages["point"].ExecuteTemplate(&b, "sourcelist", sourceViews(d.Sources)); err != nil {
		s.log.Error("web: render sources", slog.String("doc", d.ID), slog.Any("error", err))
		return ""
	}
	h := template.HTML(b.String())
	sl.m.Store(d.ID, h)
	return h
}

// corpusHash remembers the hash of one corpus; a reload brings a new
// *corpus.Corpus, and the hash is made again once.
type corpusHash struct {
	c   *corpus.Corpus
	sum string
}

// Headers every response carries. The policy allows the page's own
// stylesheet and nothing else: no script, no frame, no other host; forms
// post only here.
const (
	contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
	// referrerPolicy keeps a search (in the address) from reaching the
	// sites the sources link to.
	referrerPolicy = "no-referrer"
	// pageCacheControl lets a proxy keep a page five minutes; after a
	// /reindex it revalidates and the ETag tells it the page changed.
	pageCacheControl = "public, max-age=300"
	// assetCacheControl: the stylesheet's address names its hash.
	assetCacheControl = "public, max-age=31536000, immutable"
)

// New returns a Server for cfg. It fails only if the embedded templates do
// not parse.
func New(cfg Config) (*Server, error) {
	if cfg.Index == nil {
		return nil, errors.New("web: Config.Index is required")
	}
	if cfg.MaxQuery <= 0 {
		cfg.MaxQuery = 300
	}
	if cfg.Budget <= 0 {
		cfg.Budget = 2 * time.Second
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, log: log, mux: http.NewServeMux(), pages: map[string]*template.Template{}}
	css, err := assets.ReadFile("static/style.css")
	if err != nil {
		return nil, fmt.Errorf("web: read stylesheet: %w", err)
	}
	s.css = css
	sum := sha256.Sum256(css)
	s.cssHash = hex.EncodeToString(sum[:6])
	build := sha256.New()
	build.Write(css)
	for _, name := range []string{"home", "point", "search", "sources", "error"} {
		t, err := template.New(name).ParseFS(assets, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		s.pages[name] = t
		src, _ := assets.ReadFile("templates/" + name + ".html")
		build.Write(src)
	}
	layout, _ := assets.ReadFile("templates/layout.html")
	build.Write(layout)
	s.build = hex.EncodeToString(build.Sum(nil)[:4])

	s.mux.HandleFunc("GET /{$}", s.serveHome)
	s.mux.HandleFunc("GET /point/{n}", s.servePoint)
	s.mux.HandleFunc("GET /search", s.serveSearch)
	s.mux.HandleFunc("GET /sources", s.serveSources)
	s.mux.HandleFunc("GET /static/style.css", s.serveCSS)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "")
	})
	return s, nil
}

// ServeHTTP routes a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", referrerPolicy)
	s.mux.ServeHTTP(w, r)
}

// request is what one page request works with.
type request struct {
	page
	links  *links
	corpus *corpus.Corpus
	etag   string
	// Also is a page to offer on a 404: the draft point of the number
	// asked for.
	Also *linkView
}

// begin reads the language and the corpus, and answers 304 when the
// client's copy is current (done is then true).
func (s *Server) begin(w http.ResponseWriter, r *http.Request) (req *request, done bool) {
	req = s.newRequest(r)
	c := s.cfg.Index.Corpus()
	req.corpus, req.AsOf = c, c.AsOf()
	req.etag = `"` + s.corpusHash(c) + "-" + s.build + "-" + req.Lang + `"`
	w.Header().Set("Vary", "Accept-Language")
	if match(r.Header.Get("If-None-Match"), req.etag) {
		w.Header().Set("ETag", req.etag)
		w.Header().Set("Cache-Control", pageCacheControl)
		w.WriteHeader(http.StatusNotModified)
		return nil, true
	}
	return req, false
}

// match reports whether an If-None-Match header names etag (weakly, as
// RFC 9110 asks for GET) or is "*".
func match(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// corpusHash is a hash of everything the corpus holds, made once per
// loaded corpus.
func (s *Server) corpusHash(c *corpus.Corpus) string {
	if h := s.hash.Load(); h != nil && h.c == c {
		return h.sum
	}
	sum := sha256.New()
	// The documents and synonyms as JSON: every exported field, in
	// order, so any change of text, source or front matter shows.
	if err := json.NewEncoder(sum).Encode(struct {
		Docs     []*corpus.Document
		Synonyms [][]string
	}{c.Documents, c.Synonyms}); err != nil {
		s.log.Error("web: hash corpus", slog.Any("error", err))
	}
	h := &corpusHash{c: c, sum: hex.EncodeToString(sum.Sum(nil)[:8])}
	s.hash.Store(h)
	return h.sum
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes page name with status; a 200 carries the ETag.
func (s *Server) render(w http.ResponseWriter, req *request, status int, name string) {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := s.pages[name].ExecuteTemplate(buf, "layout", &req.page); err != nil {
		s.log.Error("web: render", slog.String("page", name), slog.Any("error", err))
		http.Error(w, "The page could not be made.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	switch status {
	case http.StatusOK:
		h.Set("ETag", req.etag)
		h.Set("Cache-Control", pageCacheControl)
	case http.StatusNotFound:
		h.Set("Cache-Control", "public, max-age=60")
	default:
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) serveHome(w http.ResponseWriter, r *http.Request) {
	req, done := s.begin(w, r)
	if done {
		return
	}
	req.Data = homeView(req.corpus, req.links)
	s.render(w, req, http.StatusOK, "home")
}

func (s *Server) servePoint(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		s.fail(w, r, http.StatusNotFound, "")
		return
	}
	req, done := s.begin(w, r)
	if done {
		return
	}
	d, err := s.lineage(strings.TrimSpace(r.URL.Query().Get("version")), n)
	var nf *errNotFound
	switch {
	case errors.As(err, &nf):
		if nf.draft > 0 {
			req.Also = &linkView{Text: fmt.Sprintf(req.T.ReadPoint, nf.draft), Href: req.links.point(nf.draft)}
		}
		s.failWith(w, req, http.StatusNotFound, nf.message(req.T))
		return
	case err != nil:
		s.log.Error("web: point", slog.Int("point", n), slog.Any("error", err))
		s.failWith(w, req, http.StatusInternalServerError, "")
		return
	}
	pd := pointView(d, req.T, req.links, func(doc *corpus.Document) template.HTML { return s.sourceList(req.corpus, doc) })
	req.Title = pd.Heading
	req.Data = pd
	s.render(w, req, http.StatusOK, "point")
}

func (s *Server) serveSearch(w http.ResponseWriter, r *http.Request) {
	raw := strings.TrimSpace(r.URL.Query().Get("q"))
	req, done := s.begin(w, r)
	if done {
		return
	}
	req.Title = req.T.SearchHeading
	req.Query = raw
	sd := &searchData{Query: raw}
	req.Data = sd
	if n := utf8.RuneCountInString(raw); n > s.cfg.MaxQuery || !utf8.ValidString(raw) {
		sd.Problem = fmt.Sprintf(req.T.QueryTooLong, s.cfg.MaxQuery)
		s.render(w, req, http.StatusBadRequest, "search")
		return
	}
	q := strings.Join(strings.Fields(raw), " ")
	if q == "" {
		s.render(w, req, http.StatusOK, "search")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Budget)
	defer cancel()
	res, err := s.search(ctx, q, req.links)
	if err != nil {
		s.log.Error("web: search", slog.Any("error", err))
		s.failWith(w, req, http.StatusInternalServerError, "")
		return
	}
	sd.Searched, sd.Result = true, res
	req.Title = fmt.Sprintf(req.T.ResultsFor, q)
	s.render(w, req, http.StatusOK, "search")
}

func (s *Server) serveSources(w http.ResponseWriter, r *http.Request) {
	req, done := s.begin(w, r)
	if done {
		return
	}
	req.Title = req.T.SourcesHeading
	req.Data = sourcesView(req.corpus, req.T, req.links)
	s.render(w, req, http.StatusOK, "sources")
}

func (s *Server) serveCSS(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	etag := `"` + s.cssHash + `"`
	h.Set("ETag", etag)
	h.Set("Cache-Control", assetCacheControl)
	if match(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "text/css; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(s.css)))
	w.Write(s.css)
}

// errorData is the error page: what happened and the way back.
type errorData struct {
	Status  int
	Heading string
	Message string
	Also    *linkView
}

// fail answers with the error page for status.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.failWith(w, s.newRequest(r), status, msg)
}

// newRequest reads the language of r and fills the frame of the page.
func (s *Server) newRequest(r *http.Request) *request {
	tag, t, explicit := language(r)
	req := &request{links: &links{}}
	if explicit {
		req.links.lang = tag
	}
	req.page = page{Lang: tag, T: t, CSS: "/static/style.css?v=" + s.cssHash, MaxQuery: s.cfg.MaxQuery, KeepLang: explicit,
		Nav: navLinks{Home: req.links.home(), Search: req.links.searchFor(""), Sources: req.links.sources()}}
	path := r.URL.EscapedPath()
	if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") { // never a link to another host
		path = "/"
	}
	for _, l := range languages {
		q := r.URL.Query()
		q.Set("lang", l.tag)
		req.Langs = append(req.Langs, langLink{Tag: l.tag, Name: l.words.Name, Href: path + "?" + q.Encode(), Current: l.tag == tag})
	}
	return req
}

func (s *Server) failWith(w http.ResponseWriter, req *request, status int, msg string) {
	e := errorData{Status: status, Heading: req.T.NotFoundHeading, Message: msg, Also: req.Also}
	switch status {
	case http.StatusNotFound:
		if msg == "" {
			e.Message = req.T.NotFoundText
		}
	default:
		e.Heading, e.Message = req.T.ErrorHeading, req.T.ErrorText
	}
	req.Title = e.Heading
	req.Data = e
	s.render(w, req, status, "error")
}
