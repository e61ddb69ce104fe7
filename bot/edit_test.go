package bot

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/internal/fakediscord"
)

// flakyEdits is a proxy on 127.0.0.1 in front of the fake Discord that
// answers the first edits of a deferred reply with the given statuses
// (429 with a retry_after in seconds, or a 5xx) before passing them on,
// and records when each edit arrived.
type flakyEdits struct {
	mu       sync.Mutex
	statuses []int
	after    float64 // retry_after of a 429, in seconds
	arrivals []time.Time
}

func (p *flakyEdits) start(t *testing.T, f *fakediscord.Fake) string {
	u, err := url.Parse(f.URL())
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPatch && strings.Contains(r.URL.Path, "/webhooks/") {
			p.mu.Lock()
			p.arrivals = append(p.arrivals, time.Now())
			var status int
			if len(p.statuses) > 0 {
				status, p.statuses = p.statuses[0], p.statuses[1:]
			}
			p.mu.Unlock()
			switch status {
			case 0:
			case http.StatusTooManyRequests:
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(status)
				w.Write([]byte(`{"message":"You are being rate limited.","retry_after":` + strconv.FormatFloat(p.after, 'f', -1, 64) + `,"global":false}`))
				return
			default:
				http.Error(w, "upstream trouble", status)
				return
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/api/v10/"
}

// TestEditDeferredRetries edits a deferred reply through a Discord that
// first fails: 5xx answers are tried again after a backoff, a 429 after
// its retry_after, and the edit arrives; errors that retrying cannot fix
// are returned at once.
func TestEditDeferredRetries(t *testing.T) {
	waits := []time.Duration{20 * time.Millisecond, 40 * time.Millisecond, 80 * time.Millisecond, 160 * time.Millisecond}
	tests := []struct {
		name      string
		statuses  []int
		wantEdit  bool
		wantTries int
		minGap    time.Duration // between the 429 and the next try
		after     float64       // retry_after of a 429, in seconds
	}{
		{"5xx then ok", []int{http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusInternalServerError}, true, 4, 0, 0},
		{"429 honours retry_after", []int{http.StatusTooManyRequests}, true, 2, 300 * time.Millisecond, 0.3},
		{"429 past the deadline gives up at once", []int{http.StatusTooManyRequests}, false, 1, 0, 30},
		{"5xx past the retries", []int{503, 503, 503, 503, 503, 503}, false, 5, 0, 0},
		{"400 is final", []int{http.StatusBadRequest}, false, 1, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fakediscord.New(t)
			p := &flakyEdits{statuses: tt.statuses, after: tt.after}
			s, err := NewSession("", p.start(t, f))
			if err != nil {
				t.Fatal(err)
			}
			ix := f.Command("reindex")
			if _, err := f.AcceptResponse(ix, []byte(`{"type":5,"data":{"flags":64}}`)); err != nil {
				t.Fatal(err)
			}
			i := &discordgo.Interaction{ID: ix.ID, AppID: ix.ApplicationID, Token: ix.Token, Type: ix.Type}
			content := "Reindexed"
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			start := time.Now()
			err = editDeferred(ctx, s, i, &discordgo.WebhookEdit{Content: &content}, waits)
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("editDeferred took %s; want it to give up when waiting cannot end before its deadline", took)
			}
			edited := len(f.Edits()) == 1
			p.mu.Lock()
			tries := len(p.arrivals)
			var gap time.Duration
			if tries > 1 {
				gap = p.arrivals[1].Sub(p.arrivals[0])
			}
			p.mu.Unlock()
			if edited != tt.wantEdit || (err == nil) != tt.wantEdit || tries != tt.wantTries {
				t.Errorf("edit arrived: %v, error %v, %d tries; want %v after %d tries", edited, err, tries, tt.wantEdit, tt.wantTries)
			}
			if gap < tt.minGap {
				t.Errorf("second try %s after the 429; want at least its retry_after, %s", gap, tt.minGap)
			}
		})
	}
}
