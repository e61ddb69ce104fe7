package bot

import (
	"github.com/bwmarrin/discordgo"
	"strings"
	"testing"
	"time"

	"github.com/planbot/planbot/index"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
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
		{"planbot_interactions_total", map[string]string{"command": "ask", "outcome": "ok"}, 2},
		{"planbot_interactions_total", map[string]string{"command": "ask", "outcome": "rate_limited"}, 1},
		{"planbot_interactions_total", map[string]string{"command": "reindex", "outcome": "deferred"}, 1},
		{"planbot_interactions_total", map[string]string{"command": "other"}, 2},
		{"planbot_interaction_duration_seconds", map[string]string{"command": "ask"}, 3},
		{"planbot_reindexes_total", map[string]string{"outcome": "ok"}, 1},
		{"planbot_reindexes_total", map[string]string{"outcome": "error"}, 1},
		{"planbot_reindex_duration_seconds", nil, 2},
		{"planbot_index_points", nil, 0}, // no index yet
	} {
		if got := find(mf, c.name, c.labels); got != c.want {
			t.Errorf("%s%v = %v; want %v", c.name, c.labels, got, c.want)
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

// TestMetricsKnowEveryCommand keeps a new slash command from being counted
// as "other".
func TestMetricsKnowEveryCommand(t *testing.T) {
	t.Parallel()
	for _, c := range Commands() {
		name := c.Name
		if c.Type == discordgo.MessageApplicationCommand {
			name = cmdCheck
		}
		if !knownCommands[name] {
			t.Errorf("command %q is counted as other", name)
		}
	}
}
