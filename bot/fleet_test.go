package bot

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/planbot/planbot/fleet"
	"github.com/prometheus/client_golang/prometheus"
)

func TestRenderFleet(t *testing.T) {
	const h, old = "4f2a9c1b7e3d55aa00", "91ab77c0ffee00bb11"
	tests := []struct {
		name string
		rep  fleet.Report
		want string
	}{
		{"all", fleet.Report{Hash: h, Replicas: 3, Serving: 3},
			"3 of 3 replicas now serve corpus `4f2a9c1b7e3d`."},
		{"alone", fleet.Report{Hash: h, Replicas: 1, Serving: 1},
			"1 of 1 replica now serves corpus `4f2a9c1b7e3d`."},
		{"holdout", fleet.Report{Hash: h, Replicas: 3, Serving: 2, Holdouts: []fleet.Holdout{
			{Replica: "web-2", Hash: old, Error: "its corpus folder holds corpus 5555aaaa5555, not 4f2a9c1b7e3d"}}},
			"2 of 3 replicas now serve corpus `4f2a9c1b7e3d`; replica `web-2` keeps `91ab77c0ffee`: its corpus folder holds corpus 5555aaaa5555, not 4f2a9c1b7e3d."},
		{"broken and silent", fleet.Report{Hash: h, Replicas: 4, Serving: 1, Holdouts: []fleet.Holdout{
			{Replica: "shard`1", Hash: old, Error: "its corpus folder is broken: /corpus/plan.md:3: *bad* front matter"}}, Silent: []string{"web-3", "web-4"}},
			"1 of 4 replicas now serves corpus `4f2a9c1b7e3d`; replica `shard'1` keeps `91ab77c0ffee`: its corpus folder is broken: /corpus/plan.md:3: \\*bad\\* front matter; 2 have not answered yet (`web-3`, `web-4`)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderFleet(tt.rep); got != tt.want {
				t.Errorf("renderFleet =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// stubFleet records the announcements and answers with rep or err.
type stubFleet struct {
	announced []string
	rep       fleet.Report
	err       error
}

func (f *stubFleet) Announce(ctx context.Context, hash string) (fleet.Report, error) {
	f.announced = append(f.announced, hash)
	f.rep.Hash = hash
	return f.rep, f.err
}

// TestReindexAnnounces: a successful /reindex announces the corpus served
// and the admin's report says how many replicas serve it; a failed one
// announces nothing; a failed announcement still reports the reindex.
func TestReindexAnnounces(t *testing.T) {
	c := defaultCorpus(t)
	report := func(f *stubFleet, r *stubReloader) string {
		t.Helper()
		h := New(Config{Index: &stubIndex{c: c}, Reloader: r, Fleet: f, Logger: slog.New(slog.DiscardHandler)})
		_, later := h.Handle(context.Background(), slash(t, admin, "reindex"))
		edit := later(context.Background())
		if edit.Embeds == nil || len(*edit.Embeds) != 1 {
			t.Fatalf("reindex report = %s", encode(t, edit))
		}
		return (*edit.Embeds)[0].Description
	}

	f := &stubFleet{rep: fleet.Report{Replicas: 3, Serving: 3}}
	got := report(f, &stubReloader{})
	if len(f.announced) != 1 || f.announced[0] != c.Hash() {
		t.Errorf("announced %q; want the corpus served, %s", f.announced, c.Hash())
	}
	if want := "3 of 3 replicas now serve corpus `" + c.Hash()[:12] + "`."; !strings.Contains(got, want) {
		t.Errorf("report %q lacks %q", got, want)
	}

	f = &stubFleet{}
	report(f, &stubReloader{err: errors.New("disk gone")})
	if len(f.announced) != 0 {
		t.Errorf("a failed reindex announced %q; want nothing", f.announced)
	}

	f = &stubFleet{err: errors.New("connection refused")}
	if got := report(f, &stubReloader{}); !strings.Contains(got, "Could not tell the other replicas") {
		t.Errorf("report after a failed announcement = %q; want it said", got)
	}
}

// TestCorpusHashShown: /readyz and /metrics name the corpus served.
func TestCorpusHashShown(t *testing.T) {
	c := defaultCorpus(t)
	m := NewMetrics(prometheus.NewRegistry())
	ix := &stubIndex{c: c}
	m.WatchCorpus(ix)
	m.WatchFleet(func() bool { return true })
	x := NewHealth(m)
	x.SetHandler(New(Config{Index: ix}))
	for path, want := range map[string]string{
		"/readyz":  "ready; corpus " + c.Hash(),
		"/metrics": `planbot_corpus_info{hash="` + c.Hash() + `"} 1`,
	} {
		rec := httptest.NewRecorder()
		x.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("GET %s = %d %q; want %q", path, rec.Code, rec.Body.String(), want)
		}
	}
	rec := httptest.NewRecorder()
	x.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if !strings.Contains(rec.Body.String(), "planbot_fleet_listening 1") {
		t.Errorf("/metrics lacks planbot_fleet_listening 1")
	}
}
