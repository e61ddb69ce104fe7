package bot

import (
	"net/http"
	"sync/atomic"
)

// Health is the operations surface: an http.Handler for
//
//	GET /healthz  200 while the process is up
//	GET /readyz   200 once a Handler is set (the index is built), else 503;
//	              the 200 names the corpus and a settings store that is failing
//	GET /metrics  Prometheus metrics, when given some
//
// It is served on its own (PLANBOT_METRICS_ADDR) and inside HTTP, beside
// /interactions. It is safe for concurrent use.
type Health struct {
	handler atomic.Pointer[Handler]
	mux     *http.ServeMux
}

// NewHealth returns the surface for m (nil: no /metrics), not ready until
// SetHandler.
func NewHealth(m *Metrics) *Health {
	x := &Health{mux: http.NewServeMux()}
	x.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		text(w, http.StatusOK, "ok")
	})
	x.mux.HandleFunc("GET /readyz", x.serveReady)
	if m != nil {
		x.mux.Handle("GET /metrics", m.Handler())
	}
	return x
}

// SetHandler marks the process ready, answering with h.
func (x *Health) SetHandler(h *Handler) { x.handler.Store(h) }

// Ready reports whether a Handler is set.
func (x *Health) Ready() bool { return x.handler.Load() != nil }

// ServeHTTP routes a request.
func (x *Health) ServeHTTP(w http.ResponseWriter, r *http.Request) { x.mux.ServeHTTP(w, r) }

func (x *Health) serveReady(w http.ResponseWriter, r *http.Request) {
	h := x.handler.Load()
	if h == nil {
		text(w, http.StatusServiceUnavailable, "not ready: the index is being built")
		return
	}
	if err := h.settingsUnusable(); err != nil {
		// still 200: answers go on without per-server settings and votes
		text(w, http.StatusOK, readyText(h)+"; settings store unavailable: "+err.Error())
		return
	}
	text(w, http.StatusOK, readyText(h))
}
