package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A /reindex storm: one admin sends /reindex as fast as -storm says,
// during the load. Each gets an immediate answer (a deferral, or a notice
// such as a cooldown) and every deferral must end in an edit of the
// original response, which a small stand-in for Discord's webhook route
// on 127.0.0.1 receives and sorts by title.

// stormResult is what the storm's admin saw.
type stormResult struct {
	Sent     int64
	Deferred int64            // answered "thinking…", to be edited
	Notices  map[string]int64 // answered at once, by the first words
	Errors   int64            // failed requests or answers that are neither
	First    string
}

// webhooks stands in for Discord's PATCH .../messages/@original: it counts
// the edits of deferred replies by embed title.
type webhooks struct {
	mu     sync.Mutex
	titles map[string]int64
	n      atomic.Int64
	srv    *http.Server
	base   string // API base URL for bot.NewSession
}

func startWebhooks() (*webhooks, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	w := &webhooks{titles: map[string]int64{}, base: "http://" + ln.Addr().String() + "/api/v10/"}
	w.srv = &http.Server{Handler: http.HandlerFunc(w.serve), ReadHeaderTimeout: 5 * time.Second}
	go w.srv.Serve(ln)
	return w, nil
}

func (w *webhooks) serve(rw http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPatch || !strings.Contains(r.URL.Path, "/webhooks/") {
		http.Error(rw, "not found", http.StatusNotFound)
		return
	}
	var edit struct {
		Embeds []struct{ Title, Description string } `json:"embeds"`
	}
	body, _ := io.ReadAll(r.Body)
	title := "(no embed)"
	if json.Unmarshal(body, &edit) == nil && len(edit.Embeds) > 0 {
		title = edit.Embeds[0].Title
		if strings.HasPrefix(edit.Embeds[0].Description, "Already reindexing") {
			title += " (joined a rebuild under way)"
		}
		// with a fleet, what the reply says of the other replicas
		if m := replicasServing.FindString(edit.Embeds[0].Description); m != "" {
			title += ": " + m
		}
	}
	w.mu.Lock()
	w.titles[title]++
	w.mu.Unlock()
	w.n.Add(1)
	rw.Header().Set("Content-Type", "application/json")
	io.WriteString(rw, `{"id":"1300000000000000100","channel_id":"1300000000000000003","content":""}`)
}

// edits returns the edits received so far, by title.
func (w *webhooks) edits() map[string]int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make(map[string]int64, len(w.titles))
	for k, v := range w.titles {
		out[k] = v
	}
	return out
}

// replicasServing finds "2 of 2 replicas now serve" in a /reindex reply.
var replicasServing = regexp.MustCompile(`\d+ of \d+ replicas? now serves?`)

// signedReindexes returns n /reindex interactions from one admin, in turn
// from each of servers servers, each with its own id and token, signed
// now.
func signedReindexes(priv ed25519.PrivateKey, n, servers int) ([]signedAsk, error) {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	out := make([]signedAsk, n)
	user := map[string]any{"id": "1400000000000009999", "username": "admin", "discriminator": "0"}
	for i := range out {
		id := strconv.Itoa(1600000000000000000 + i)
		body, err := json.Marshal(map[string]any{
			"id": id, "application_id": "1300000000000000001", "type": 2, "token": "bench-reindex-" + id, "version": 1,
			"guild_id": strconv.Itoa(1300000000000100000 + i%max(servers, 1)), "channel_id": "1300000000000000003", "app_permissions": "0", "locale": "en-US",
			// Administrator and Manage Server
			"member": map[string]any{"user": user, "roles": []string{}, "permissions": "40", "joined_at": "2024-01-01T00:00:00.000000+00:00"},
			"data":   map[string]any{"id": "1300000000000000010", "name": "reindex", "type": 1},
		})
		if err != nil {
			return nil, err
		}
		signed := append([]byte(ts), body...)
		out[i] = signedAsk{body: body, timestamp: ts, signature: hex.EncodeToString(ed25519.Sign(priv, signed)), signed: signed}
	}
	return out, nil
}

// storm posts reqs to url at rate per second, one after the other on one
// connection as one admin would, until ctx ends or reqs run out.
func storm(ctx context.Context, client *http.Client, url string, reqs []signedAsk, rate int) stormResult {
	res := stormResult{Notices: map[string]int64{}}
	fail := func(format string, args ...any) {
		res.Errors++
		if res.First == "" {
			res.First = fmt.Sprintf(format, args...)
		}
	}
	t := time.NewTicker(time.Second / time.Duration(rate))
	defer t.Stop()
	var buf []byte
	for _, sa := range reqs {
		select {
		case <-ctx.Done():
			return res
		case <-t.C:
		}
		req, err := sa.request(url)
		if err != nil {
			fail("%v", err)
			continue
		}
		res.Sent++
		resp, err := client.Do(req)
		if err != nil {
			fail("%v", err)
			continue
		}
		buf, err = readAll(resp.Body, buf[:0])
		resp.Body.Close()
		var r struct {
			Type int `json:"type"`
			Data struct {
				Content string `json:"content"`
				Embeds  []struct {
					Title       string `json:"title"`
					Description string `json:"description"`
				} `json:"embeds"`
			} `json:"data"`
		}
		switch {
		case err != nil:
			fail("read answer: %v", err)
		case resp.StatusCode != http.StatusOK:
			fail("status %d: %s", resp.StatusCode, buf)
		case json.Unmarshal(buf, &r) != nil:
			fail("not JSON: %.200s", buf)
		case r.Type == 5:
			res.Deferred++
		case r.Type == 4:
			text := r.Data.Content
			if len(r.Data.Embeds) > 0 {
				text = r.Data.Embeds[0].Title + " " + r.Data.Embeds[0].Description
			}
			res.Notices[firstWords(text, 4)]++
		default:
			fail("unexpected answer: %.200s", buf)
		}
	}
	return res
}

// firstWords is the first n words of s, to group notices.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// goroutineSampler records the most goroutines seen, every 20 ms.
type goroutineSampler struct {
	max  atomic.Int64
	stop chan struct{}
	done sync.WaitGroup
}

func sampleGoroutines() *goroutineSampler {
	g := &goroutineSampler{stop: make(chan struct{})}
	g.done.Go(func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			if n := int64(runtime.NumGoroutine()); n > g.max.Load() {
				g.max.Store(n)
			}
			select {
			case <-g.stop:
				return
			case <-t.C:
			}
		}
	})
	return g
}

// Max stops sampling and returns the most goroutines seen.
func (g *goroutineSampler) Max() int64 {
	close(g.stop)
	g.done.Wait()
	return g.max.Load()
}
