package main

import (
	"testing"
	"time"
)

func TestHistogramQuantiles(t *testing.T) {
	a, b := newHistogram(10*time.Millisecond), newHistogram(10*time.Millisecond)
	for i := 1; i <= 100; i++ { // 1 ms .. 100 ms in 1 ms steps, split over two
		h := a
		if i%2 == 0 {
			h = b
		}
		h.add(time.Duration(i)*time.Millisecond - time.Microsecond/2)
	}
	a.merge(b)
	for _, tc := range []struct {
		q    float64
		want time.Duration
	}{
		{0, time.Millisecond},
		{0.05, 6 * time.Millisecond},
		{0.09, 10 * time.Millisecond},
		{0.5, 100*time.Millisecond - time.Microsecond/2}, // past the bound: the largest
	} {
		if got := a.quantile(tc.q); got != tc.want {
			t.Errorf("quantile(%v) = %v, want %v", tc.q, got, tc.want)
		}
	}
	if a.n != 100 || a.over != 90 {
		t.Errorf("n = %d, over = %d; want 100 and 90", a.n, a.over)
	}
	a.reset()
	if a.n != 0 || a.quantile(0.5) != 0 || a.max != 0 {
		t.Errorf("after reset: n = %d, p50 = %v, max = %v; want nothing recorded", a.n, a.quantile(0.5), a.max)
	}
}
