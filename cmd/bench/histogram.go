package main

import "time"

// histogram counts latencies in 1 µs buckets up to a bound. Its size is
// fixed when it is made, so recording costs the benchmark no memory as the
// run goes on: the report gives the server's RSS, and keeping every latency
// grew it by tens of MiB over a long run.
type histogram struct {
	counts []uint32 // counts[i]: latencies in [i µs, i+1 µs)
	over   int64    // latencies at or past the bound
	n      int64
	max    time.Duration
}

func newHistogram(bound time.Duration) *histogram {
	return &histogram{counts: make([]uint32, bound/time.Microsecond)}
}

func (h *histogram) add(d time.Duration) {
	h.n++
	h.max = max(h.max, d)
	if i := int(d / time.Microsecond); i < len(h.counts) {
		h.counts[i]++
	} else {
		h.over++
	}
}

// reset forgets every latency recorded.
func (h *histogram) reset() {
	clear(h.counts)
	h.over, h.n, h.max = 0, 0, 0
}

// merge adds o's counts to h; both have the same bound.
func (h *histogram) merge(o *histogram) {
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.over += o.over
	h.n += o.n
	h.max = max(h.max, o.max)
}

// quantile is the latency that a share q of the recorded ones do not
// exceed, to the microsecond; past the bound it is the largest recorded.
func (h *histogram) quantile(q float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	rank := int64(q * float64(h.n)) // the rank-th latency, counting from 0
	seen := int64(0)
	for i, c := range h.counts {
		seen += int64(c)
		if seen > rank {
			return time.Duration(i+1) * time.Microsecond
		}
	}
	return h.max
}
