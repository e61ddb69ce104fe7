package bot

import (
	"github.com/bwmarrin/discordgo"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/planbot/planbot/index"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics counts what planbot does, for Prometheus: interactions by command
// and outcome with their handling time, the size of the index serving, the
// reindexes, and the requests the HTTP endpoint turned away. Its Observe
// method is the Config.Observe hook. It registers on the registry it is
// given, never on Prometheus' global default one.
type Metrics struct {
	reg *prometheus.Registry

	interactions *prometheus.CounterVec
	latency      *prometheus.HistogramVec
	reindexes    *prometheus.CounterVec
	reindexTime  prometheus.Histogram
	rejected     *prometheus.CounterVec
	requests     *prometheus.CounterVec

	index atomic.Pointer[statser]
	store atomic.Pointer[storeHealth]
}

// storeHealth says whether the settings store is usable: nil, or the
// error of its last failure. *settings.Watched fits.
type storeHealth interface {
	Usable() error
}

// statser is where the index gauges read from. *index.Live fits.
type statser interface {
	Stats() index.Stats
}

// knownCommands bounds the "command" label to names the bot registers, so
// that a label set cannot grow with what clients send. It is derived from
// Commands, so a new slash command is counted under its own name.
var knownCommands = func() map[string]bool {
	m := map[string]bool{cmdCheck: true, cmdVote: true, "autocomplete": true, "button": true, "ping": true}
	for _, c := range Commands() {
		if c.Type == 0 || c.Type == discordgo.ChatApplicationCommand {
			m[c.Name] = true
		}
	}
	return m
}()

// NewMetrics registers planbot's metrics on reg and returns them. It
// panics if reg already holds metrics of the same names, as registering
// twice is a programming error.
func NewMetrics(reg *prometheus.Registry) *Metrics {
	m := &Metrics{
		reg: reg,
		interactions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "planbot_interactions_total",
			Help: "Interactions answered, by command (ask, check, point, compare, sources, help, reindex, settings, autocomplete, button, vote, ping, other) and outcome (ok, no_match, user_error, refused, rate_limited, error, panic, deferred; for vote: new, changed, unchanged).",
		}, []string{"command", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "planbot_interaction_duration_seconds",
			Help:    "Time the handlers took to produce the first response to an interaction, by command.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"command"}),
		reindexes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "planbot_reindexes_total",
			Help: "Finished /reindex runs, by outcome (ok, error: a bad corpus or a failed build, the old index kept serving; panic).",
		}, []string{"outcome"}),
		reindexTime: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "planbot_reindex_duration_seconds",
			Help:    "Time a /reindex took to reload the corpus, build the new index and swap it in.",
			Buckets: []float64{.05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "planbot_http_rejected_signatures_total",
			Help: "Requests to /interactions refused with 401, by reason (missing, malformed, stale_timestamp, bad_signature).",
		}, []string{"reason"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "planbot_http_interaction_requests_total",
			Help: "Requests to /interactions, by HTTP status code of the answer.",
		}, []string{"code"}),
	}
	gauge := func(name, help string, field func(index.Stats) int) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 {
			src := m.index.Load()
			if src == nil {
				return 0
			}
			return float64(field((*src).Stats()))
		})
	}
	reg.MustRegister(m.interactions, m.latency, m.reindexes, m.reindexTime, m.rejected, m.requests,
		gauge("planbot_index_documents", "Documents in the index serving (0 until the first build is done).",
			func(s index.Stats) int { return s.Documents }),
		gauge("planbot_index_points", "Plan points in the index serving.",
			func(s index.Stats) int { return s.Points }),
		gauge("planbot_index_sections", "Article sections in the index serving.",
			func(s index.Stats) int { return s.Sections }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "planbot_settings_store_up",
			Help: "1 while the last call to the settings store (per-server settings, votes) succeeded, 0 after a failure; answers go on either way."},
			func() float64 {
				src := m.store.Load()
				if src != nil && (*src).Usable() != nil {
					return 0
				}
				return 1
			}),
	)
	return m
}

// WatchIndex makes the index gauges report src's statistics, read at each
// scrape, so they follow reindexes. *index.Live fits.
func (m *Metrics) WatchIndex(src interface{ Stats() index.Stats }) {
	var s statser = src
	m.index.Store(&s)
}

// WatchStore makes planbot_settings_store_up follow src, read at each
// scrape. *settings.Watched fits.
func (m *Metrics) WatchStore(src interface{ Usable() error }) {
	var s storeHealth = src
	m.store.Store(&s)
}

// Observe records one interaction, or the end of a deferred one: it has
// the signature of Config.Observe. "reindex_done" counts a reindex and its
// duration.
func (m *Metrics) Observe(cmd, outcome string, took time.Duration) {
	if base, done := strings.CutSuffix(cmd, "_done"); done {
		if base == cmdReindex {
			m.reindexes.WithLabelValues(outcome).Inc()
			m.reindexTime.Observe(took.Seconds())
			return
		}
		cmd = "other"
	}
	if !knownCommands[cmd] {
		cmd = "other"
	}
	m.interactions.WithLabelValues(cmd, outcome).Inc()
	m.latency.WithLabelValues(cmd).Observe(took.Seconds())
}

// rejectSignature counts a request refused for its signature.
func (m *Metrics) rejectSignature(reason string) {
	if m != nil {
		m.rejected.WithLabelValues(reason).Inc()
	}
}

// countRequest counts an answer of /interactions by status code.
func (m *Metrics) countRequest(code int) {
	if m != nil {
		m.requests.WithLabelValues(statusLabel(code)).Inc()
	}
}

// statusLabel is the decimal status code, without allocating for the
// codes /interactions answers.
func statusLabel(code int) string {
	switch code {
	case http.StatusOK:
		return "200"
	case http.StatusBadRequest:
		return "400"
	case http.StatusUnauthorized:
		return "401"
	case http.StatusMethodNotAllowed:
		return "405"
	case http.StatusRequestEntityTooLarge:
		return "413"
	case http.StatusInternalServerError:
		return "500"
	case http.StatusServiceUnavailable:
		return "503"
	}
	return "other"
}

// Handler serves the metrics in Prometheus' text exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
