package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/bot"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Timeouts of serve's HTTP servers. Discord waits 3 s for an answer and
// planbot's handlers give up after 2 s, so a request that takes longer to
// arrive or to be written out is a stuck or hostile client.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 10 * time.Second
	// idleTimeout keeps connections from Discord or a reverse proxy open
	// between interactions, sparing a TLS or TCP handshake each time.
	idleTimeout = 120 * time.Second
)

// newMetrics returns planbot's metrics on a fresh registry, with the Go
// runtime's and the process's own beside them.
func newMetrics() *bot.Metrics {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return bot.NewMetrics(reg)
}

// httpServers are the HTTP servers serve runs, listening before the first
// index build so that health checks answer during it: the interactions
// endpoint (PLANBOT_HTTP_ADDR) and the operations port
// (PLANBOT_METRICS_ADDR), both with /healthz, /readyz and /metrics.
type httpServers struct {
	interactions *bot.HTTP // nil in gateway mode
	surfaces     []surface
	servers      []*http.Server
	failed       chan error // a server stopped by itself
	log          *slog.Logger
	stop         sync.Once
	pages        webPages // the web pages, beside the interactions (serve_web.go)
}

// surface is a server that turns ready once the index is built: bot.HTTP
// and bot.Health.
type surface interface {
	http.Handler
	SetHandler(*bot.Handler)
}

// startHTTP listens on the addresses cfg sets. s edits deferred replies in
// HTTP mode.
func startHTTP(cfg Config, m *bot.Metrics, s *discordgo.Session, log *slog.Logger) (*httpServers, error) {
	hs := &httpServers{failed: make(chan error, 2), log: log}
	if cfg.HTTPAddr != "" {
		hs.interactions = bot.NewHTTP(bot.HTTPConfig{PublicKey: cfg.DiscordPublicKey, Session: s, Metrics: m, Logger: log.With(slog.String("transport", "http")),
			PrivateMetrics: cfg.MetricsAddr != ""}) // then /metrics only there
		if err := hs.listen(cfg.HTTPAddr, "PLANBOT_HTTP_ADDR", hs.interactions); err != nil {
			return nil, err
		}
	}
	if err := hs.listenPages(cfg.WebAddr); err != nil {
		hs.shutdown(context.Background())
		return nil, err
	}
	if cfg.MetricsAddr != "" {
		if err := hs.listen(cfg.MetricsAddr, "PLANBOT_METRICS_ADDR", bot.NewHealth(m)); err != nil {
			hs.shutdown(context.Background())
			return nil, err
		}
	}
	return hs, nil
}

// listen serves x on addr, named by the variable that sets it.
func (hs *httpServers) listen(addr, name string, x surface) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("%s=%s: %w (is another process using the port?)", name, addr, err)
	}
	srv := hs.server(hs.withPages(x))
	hs.surfaces = append(hs.surfaces, x)
	hs.servers = append(hs.servers, srv)
	what := "health, readiness and metrics"
	if _, ok := x.(*bot.HTTP); ok {
		what = "interactions, health, readiness and metrics"
	}
	hs.log.Info("listening", slog.String("addr", ln.Addr().String()), slog.String("serves", what))
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			hs.failed <- fmt.Errorf("%s=%s: %w", name, addr, err)
		}
	}()
	return nil
}

// setHandler makes every server ready, answering with h.
func (hs *httpServers) setHandler(h *bot.Handler) {
	for _, x := range hs.surfaces {
		x.SetHandler(h)
	}
}

// shutdown stops accepting connections, finishes the requests in flight
// and then the deferred replies they started, until ctx ends. It does so
// once; later calls return nil at once. The error says what was still
// under way when ctx ended.
func (hs *httpServers) shutdown(ctx context.Context) error {
	var err error
	hs.stop.Do(func() { err = hs.shutdownNow(ctx) })
	return err
}

func (hs *httpServers) shutdownNow(ctx context.Context) error {
	var errs []error
	for _, srv := range hs.servers {
		if err := srv.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("HTTP requests still in flight: %w", err))
		}
	}
	if hs.interactions != nil {
		if err := hs.interactions.Shutdown(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// server is an http.Server for h with the timeouts and limits every
// address of serve has.
func (hs *httpServers) server(h http.Handler) *http.Server {
	var unused unusedConns
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(hs.log.Handler(), slog.LevelWarn),
		ConnState:         unused.track,
	}
	srv.RegisterOnShutdown(unused.close) // called once the listeners are closed
	return srv
}

// unusedConns are the connections of a server on which no request has
// begun. Browsers open such connections ahead of need, and Shutdown waits
// 5 s before it counts one as idle: longer than a short grace period, for
// a connection with nothing to finish. They are closed at shutdown.
type unusedConns struct {
	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

func (u *unusedConns) track(c net.Conn, state http.ConnState) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if state == http.StateNew {
		if u.conns == nil {
			u.conns = map[net.Conn]struct{}{}
		}
		u.conns[c] = struct{}{}
		return
	}
	delete(u.conns, c) // a request began, or the connection ended
}

func (u *unusedConns) close() {
	u.mu.Lock()
	defer u.mu.Unlock()
	for c := range u.conns {
		c.Close()
	}
	clear(u.conns)
}
