package bot

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"

	"github.com/planbot/planbot/index"
)

// fixedStats is an index of a known size.
type fixedStats index.Stats

func (s fixedStats) Stats() index.Stats { return index.Stats(s) }

// gather collects reg's metrics by name.
func gather(t *testing.T, reg *prometheus.Registry) map[string]*dto.MetricFamily {
	t.Helper()
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	mf := map[string]*dto.MetricFamily{}
	for _, f := range fams {
		mf[f.GetName()] = f
	}
	return mf
}

func TestMetricsObserve(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	m.Observe("ask", "ok", 300*time.Microsecond)
	m.Observe("ask", "ok", 400*time.Microsecond)
	m.Observe("ask", "rate_limited", time.Microsecond)
	m.Observe("reindex", "deferred", time.Microsecond)
	m.Observe("reindex_done", "ok", 800*time.Millisecond)
	m.Observe("reindex_done", "error", 50*time.Millisecond)
	m.Observe("something-new", "user_error", time.Millisecond)
	m.Observe("something-new_done", "ok", time.Millisecond)

	mf := gather(t, reg)
	for _, c := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"planbot_interaction_duration_seconds", map[string]string{"command": "ask"}, 3},
		{"planbot_reindex_duration_seconds", nil, 2},
		{"planbot_index_points", nil, 0}, // no index yet
	} {
		if got := find(mf, c.name, c.labels); got != c.want {
			t.Errorf("%s%v = %v; want %v", c.name, c.labels, got, c.want)
		}
	}
	for _, c := range []struct {
		counter prometheus.Collector
		want    float64
	}{
		{m.interactions.WithLabelValues("ask", "ok"), 2},
		{m.interactions.WithLabelValues("ask", "rate_limited"), 1},
		{m.interactions.WithLabelValues("reindex", "deferred"), 1},
		{m.interactions.WithLabelValues("other", "user_error"), 1},
		{m.interactions.WithLabelValues("other", "ok"), 1},
		{m.reindexes.WithLabelValues("ok"), 1},
		{m.reindexes.WithLabelValues("error"), 1},
	} {
		if got := testutil.ToFloat64(c.counter); got != c.want {
			t.Errorf("%v = %v; want %v", c.counter.(prometheus.Metric).Desc(), got, c.want)
		}
	}
	for _, m := range mf["planbot_interactions_total"].GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == "command" && strings.Contains(l.GetValue(), "something") {
				t.Errorf("command label %q: want unknown commands counted as other", l.GetValue())
			}
		}
	}
	if got := mf["planbot_reindex_duration_seconds"].GetMetric()[0].GetHistogram().GetSampleSum(); got < 0.84 || got > 0.86 {
		t.Errorf("reindex durations sum to %vs; want 0.85", got)
	}
}

func TestMetricsWatchIndex(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	m.WatchIndex(fixedStats{Documents: 3, Points: 28, Sections: 11})
	mf := gather(t, reg)
	for name, want := range map[string]float64{"planbot_index_documents": 3, "planbot_index_points": 28, "planbot_index_sections": 11} {
		if got := find(mf, name, nil); got != want {
			t.Errorf("%s = %v; want %v", name, got, want)
		}
	}
	// a reindex swaps the index: the gauges read it at each scrape
	m.WatchIndex(fixedStats{Documents: 4, Points: 28, Sections: 12})
	if got := find(gather(t, reg), "planbot_index_documents", nil); got != 4 {
		t.Errorf("after a swap planbot_index_documents = %v; want 4", got)
	}
}

// TestMetricsOwnRegistry checks that two Metrics live side by side and
// that nothing lands in Prometheus' global registry.
func TestMetricsOwnRegistry(t *testing.T) {
	t.Parallel()
	NewMetrics(prometheus.NewRegistry()).Observe("ask", "ok", time.Millisecond)
	NewMetrics(prometheus.NewRegistry()).Observe("ask", "ok", time.Millisecond)
	fams, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		if strings.HasPrefix(f.GetName(), "planbot_") {
			t.Errorf("%s is in the global default registry", f.GetName())
		}
	}
}

// TestMetricsKnowEveryCommand keeps a command from being counted as
// "other" or left out of the metric's help text. The list is written out
// here, not taken from Commands: a new command must be added to it.
func TestMetricsKnowEveryCommand(t *testing.T) {
	t.Parallel()
	commands := []string{"ask", "check", "point", "compare", "sources", "help", "reindex", "settings", "autocomplete", "button", "vote", "ping"}
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	for _, c := range commands {
		m.Observe(c, "ok", time.Millisecond)
	}
	for _, c := range commands {
		if got := testutil.ToFloat64(m.interactions.WithLabelValues(c, "ok")); got != 1 {
			t.Errorf("planbot_interactions_total{command=%q} = %v after one; want 1 (counted as other?)", c, got)
		}
	}
	if got := testutil.ToFloat64(m.interactions.WithLabelValues("other", "ok")); got != 0 {
		t.Errorf("planbot_interactions_total{command=\"other\"} = %v; want 0", got)
	}
	help := gather(t, reg)["planbot_interactions_total"].GetHelp()
	for _, c := range commands {
		if !strings.Contains(help, c+",") && !strings.Contains(help, c+")") {
			t.Errorf("the help text of planbot_interactions_total does not list %q: %s", c, help)
		}
	}
	for _, c := range Commands() {
		name := c.Name
		if c.Type == discordgo.MessageApplicationCommand {
			name = cmdCheck
		}
		if !slices.Contains(commands, name) {
			t.Errorf("registered command %q is not in this test's list; add it here and to the help text", name)
		}
	}
}
