package bot

import (
	"sync/atomic"

	"github.com/planbot/planbot/corpus"
	"github.com/prometheus/client_golang/prometheus"
)

// corpusSource is where the corpus gauge reads from. *index.Live fits.
type corpusSource interface {
	Corpus() *corpus.Corpus
}

// corpusInfo is planbot_corpus_info: one series, labelled with the hash of
// the corpus served at the time of the scrape, so that a dashboard shows
// replicas that serve different corpora.
type corpusInfo struct {
	desc *prometheus.Desc
	src  atomic.Pointer[corpusSource]
}

func (c *corpusInfo) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *corpusInfo) Collect(ch chan<- prometheus.Metric) {
	src := c.src.Load()
	if src == nil {
		return
	}
	cp := (*src).Corpus()
	if cp == nil {
		return // nothing served yet
	}
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, 1, cp.Hash())
}

// WatchCorpus adds planbot_corpus_info{hash="…"} 1, the content hash of
// the corpus src serves (corpus.Corpus.Hash), read at each scrape so that
// it follows reindexes. Call it once.
func (m *Metrics) WatchCorpus(src corpusSource) {
	c := &corpusInfo{desc: prometheus.NewDesc("planbot_corpus_info",
		"The corpus being served, by its content hash (the same on every replica that serves the same corpus).", []string{"hash"}, nil)}
	c.src.Store(&src)
	m.reg.MustRegister(c)
}

// WatchFleet adds planbot_fleet_listening, 1 while the connection that
// hears other replicas' /reindex announcements is up and 0 while it
// reconnects. Call it once.
func (m *Metrics) WatchFleet(listening func() bool) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "planbot_fleet_listening",
		Help: "1 while this replica listens for other replicas' /reindex announcements (PostgreSQL LISTEN), 0 while it reconnects.",
	}, func() float64 {
		if listening() {
			return 1
		}
		return 0
	}))
}
