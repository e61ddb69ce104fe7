package bot

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// TestHealth is the surface beside the gateway transport: health,
// readiness and metrics, no interactions.
func TestHealth(t *testing.T) {
	t.Parallel()
	x := NewHealth(NewMetrics(prometheus.NewRegistry()))
	srv := httptest.NewServer(x)
	defer srv.Close()
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/healthz", 200},
		{"GET", "/readyz", 503},
		{"GET", "/metrics", 200},
		{"POST", "/interactions", 404},
		{"POST", "/healthz", 405},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		if code, body := do(t, req); code != tc.status {
			t.Errorf("%s %s = %d %s; want %d", tc.method, tc.path, code, body, tc.status)
		}
	}
	x.SetHandler(New(Config{Index: &stubIndex{c: defaultCorpus(t)}}))
	req, _ := http.NewRequest("GET", srv.URL+"/readyz", nil)
	if code, body := do(t, req); code != 200 {
		t.Errorf("GET /readyz after SetHandler = %d %s; want 200", code, body)
	}
}
