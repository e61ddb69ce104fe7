package web

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"
)

// BenchmarkPointPage renders /point/21 in full: every version, the word
// diffs, the reporting and the sources, through ServeHTTP. It reports the
// median time of one page besides the mean (ns/op); the goal is a median
// under 1 ms.
func BenchmarkPointPage(b *testing.B) {
	s, _, _ := newServer(b)
	r := httptest.NewRequest(http.MethodGet, "/point/21", nil)
	times := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := httptest.NewRecorder()
		start := time.Now()
		s.ServeHTTP(w, r)
		times = append(times, time.Since(start))
		if w.Code != http.StatusOK {
			b.Fatalf("GET /point/21 = %d", w.Code)
		}
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
}
