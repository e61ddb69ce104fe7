package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"

	"github.com/planbot/planbot/bot"
	"github.com/planbot/planbot/web"
)

// webPages serves the web pages once the index is built, and 503 before.
type webPages struct {
	server atomic.Pointer[web.Server]
}

func (p *webPages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := p.server.Load()
	if s == nil {
		w.Header().Set("Retry-After", "5")
		http.Error(w, "not ready: the index is being built", http.StatusServiceUnavailable)
		return
	}
	s.ServeHTTP(w, r)
}

// withPages routes the interactions endpoint's own paths to x and every
// other path to the web pages, so that one address serves both; the
// operations port (x without interactions) is left as it is.
func (hs *httpServers) withPages(x surface) http.Handler {
	h, ok := x.(*bot.HTTP)
	if !ok {
		return x
	}
	return h.Beside(&hs.pages)
}

// listenPages serves the web pages alone on addr (PLANBOT_WEB_ADDR); ""
// serves them nowhere else.
func (hs *httpServers) listenPages(addr string) error {
	if addr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("PLANBOT_WEB_ADDR=%s: %w (is another process using the port?)", addr, err)
	}
	srv := hs.server(&hs.pages)
	hs.servers = append(hs.servers, srv)
	hs.log.Info("listening", slog.String("addr", ln.Addr().String()), slog.String("serves", "web pages"))
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			select {
			case hs.failed <- fmt.Errorf("PLANBOT_WEB_ADDR=%s: %w", addr, err):
			default: // a failure is already being reported
			}
		}
	}()
	return nil
}

// setPages starts serving the web pages from ix.
func (hs *httpServers) setPages(ix web.Index, log *slog.Logger) error {
	s, err := web.New(web.Config{Index: ix, MaxQuery: bot.MaxQuestion, Logger: log.With(slog.String("component", "web"))})
	if err != nil {
		return err
	}
	hs.pages.server.Store(s)
	return nil
}
