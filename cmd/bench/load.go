package main

import (
	"bytes"
	"cmp"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/bot"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
	"github.com/planbot/planbot/internal/evalset"
	"github.com/planbot/planbot/web"
	"github.com/prometheus/client_golang/prometheus"
)

// options are the knobs of one run.
type options struct {
	Duration   time.Duration // measured load
	Clients    int
	Reload     time.Duration // 0: never reindex
	Ceiling    time.Duration // Ed25519 measurement
	Warmup     time.Duration // load before measuring
	CPUProfile string
	// Ping sends signed PINGs instead of /ask: what the transport and the
	// signature check cost alone, the most any command could be answered.
	Ping bool
	// Storm is how many /reindex a second one admin sends during the
	// load (0: none), besides the reindex every Reload.
	Storm int
	// StormServers is how many servers the storm's admin sends from, in
	// turn (default 1): each server may /reindex once a minute, so with
	// one server the cooldown answers almost all of them, and with as
	// many servers as requests every one rebuilds or joins a rebuild.
	StormServers int
	// Database, when set, is a PostgreSQL URL: the endpoint joins a fleet
	// there with a second replica in process, so that every /reindex is
	// announced with NOTIFY and followed.
	Database string
	// Pages serves the web pages on the same address, as serve --http
	// does, so a run shows what sharing the address costs /interactions.
	Pages bool
	// Requests is how many distinct signed requests the clients take
	// turns with, each from its own user (0: 4096). Signing is slow under
	// -race, so the tests sign fewer.
	Requests int
}

// maxDuration keeps every pre-made signature inside the endpoint's five
// minutes of allowed clock skew.
const maxDuration = 4 * time.Minute

// report is what one run measured.
type report struct {
	Ping, Pages          bool
	Clients              int
	Cores                int
	Elapsed              time.Duration
	Requests, Errors     int64
	FirstError           string
	P50, P90, P99, Max   time.Duration
	Reloads, ReloadFails int64
	ReloadMean           time.Duration
	Ceiling              float64 // verifications/s
	RSSBefore, RSSAfter  int64   // bytes
	RSSPeak              int64
	RSSDuring            []int64 // sampled at each quarter of the load, to show whether it levels off
	HeapBefore           uint64
	HeapAfter            uint64
	CPU                  time.Duration // process CPU time during the load

	Storm            stormResult
	StormRate        int
	StormServers     int
	Edits            map[string]int64 // edits of deferred /reindex replies, by title
	EditsMissing     int64            // deferrals never edited
	Fleet            bool
	GoroutinesBefore int
	GoroutinesMax    int64
	GoroutinesAfter  int
}

// PerSecond is the measured throughput.
func (r report) PerSecond() float64 { return float64(r.Requests) / r.Elapsed.Seconds() }

// print writes the report for a person.
func (r report) print(w io.Writer) {
	mib := func(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
	what := "/ask"
	if r.Ping {
		what = "PING"
	}
	if r.Pages {
		what += " (web pages on the same address)"
	}
	fmt.Fprintf(w, "planbot HTTP %s load, %d clients, %d cores, %s measured\n", what, r.Clients, r.Cores, r.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "  requests      %d (%.0f/s)\n", r.Requests, r.PerSecond())
	fmt.Fprintf(w, "  latency       p50 %s  p90 %s  p99 %s  max %s\n", r.P50.Round(time.Microsecond), r.P90.Round(time.Microsecond), r.P99.Round(time.Microsecond), r.Max.Round(time.Microsecond))
	fmt.Fprintf(w, "  errors        %d", r.Errors)
	if r.FirstError != "" {
		fmt.Fprintf(w, " (first: %s)", r.FirstError)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  reindexes     %d started during the load and swapped (mean %s), %d failed\n", r.Reloads, r.ReloadMean.Round(time.Millisecond), r.ReloadFails)
	fmt.Fprintf(w, "  ceiling       %.0f Ed25519 verifications/s on %d cores\n", r.Ceiling, r.Cores)
	fmt.Fprintf(w, "  of ceiling    %.1f %%\n", 100*r.PerSecond()/r.Ceiling)
	fmt.Fprintf(w, "  CPU           %.0f %% of %d cores (%.0f µs of CPU per request, clients included)\n",
		100*r.CPU.Seconds()/r.Elapsed.Seconds()/float64(r.Cores), r.Cores, float64(r.CPU.Microseconds())/float64(max(r.Requests, 1)))
	fmt.Fprintf(w, "  RSS           before %s, after %s (peak %s); Go heap in use before %s, after %s\n",
		mib(r.RSSBefore), mib(r.RSSAfter), mib(r.RSSPeak), mib(int64(r.HeapBefore)), mib(int64(r.HeapAfter)))
	if r.StormRate > 0 {
		fmt.Fprintf(w, "  /reindex storm %d sent at %d/s by one admin of %d servers%s: %d deferred, %d failed",
			r.Storm.Sent, r.StormRate, r.StormServers, ifFleet(r.Fleet), r.Storm.Deferred, r.Storm.Errors)
		if r.Storm.First != "" {
			fmt.Fprintf(w, " (first: %s)", r.Storm.First)
		}
		fmt.Fprintln(w)
		for _, k := range sortedKeys(r.Storm.Notices) {
			fmt.Fprintf(w, "    answered at once %q: %d\n", k, r.Storm.Notices[k])
		}
		for _, k := range sortedKeys(r.Edits) {
			fmt.Fprintf(w, "    deferred reply edited to %q: %d\n", k, r.Edits[k])
		}
		fmt.Fprintf(w, "    deferred replies never edited: %d\n", r.EditsMissing)
	}
	if r.GoroutinesMax > 0 {
		fmt.Fprintf(w, "  goroutines    before %d, most %d during the load, after %d\n", r.GoroutinesBefore, r.GoroutinesMax, r.GoroutinesAfter)
	}
	if len(r.RSSDuring) > 0 {
		var during []string
		for _, b := range r.RSSDuring {
			during = append(during, mib(b))
		}
		fmt.Fprintf(w, "  RSS during    %s (at each quarter of the load)\n", strings.Join(during, ", "))
	}
}

// run builds the index and the endpoint, measures the ceiling, then loads
// the endpoint while reindexing, and reports. Progress goes to logw.
func run(ctx context.Context, o options, logw io.Writer) (report, error) {
	if o.Clients <= 0 || o.Duration <= 0 || o.Duration > maxDuration {
		return report{}, fmt.Errorf("want -clients > 0 and 0 < -duration <= %s", maxDuration)
	}
	r := report{Ping: o.Ping, Clients: o.Clients, Cores: runtime.GOMAXPROCS(0)}
	fmt.Fprintf(logw, "bench: building the index and signing requests\n")

	live, err := index.NewLive(ctx, corpus.LoadDefault)
	if err != nil {
		return r, fmt.Errorf("build index: %w", err)
	}
	defer live.Close()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return r, err
	}
	m := bot.NewMetrics(prometheus.NewRegistry())
	m.WatchIndex(live)
	var hooks *webhooks
	var session *discordgo.Session
	if o.Storm > 0 {
		if hooks, err = startWebhooks(); err != nil {
			return r, err
		}
		defer hooks.srv.Close()
		if session, err = bot.NewSession("", hooks.base); err != nil {
			return r, err
		}
	}
	var announcer bot.Fleet
	if o.Database != "" {
		fl, err := joinFleet(ctx, o.Database, live)
		if err != nil {
			return r, err
		}
		defer fl.Close()
		announcer, r.Fleet = fl, true
	}
	h := bot.New(bot.Config{
		Index: live, Reloader: live, Fleet: announcer, Observe: m.Observe,
		// formatted as in production, to nowhere
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		// the limiter does its work but never refuses: the pre-signed
		// requests repeat their users far more than people would
		RateBurst: 4, RateWindow: time.Nanosecond,
	})
	x := bot.NewHTTP(bot.HTTPConfig{PublicKey: pub, Metrics: m, Session: session})
	x.SetHandler(h)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return r, err
	}
	var handler http.Handler = x
	if o.Pages {
		pages, err := web.New(web.Config{Index: live, MaxQuery: bot.MaxQuestion, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			return r, err
		}
		handler = x.Beside(pages) // as serve --http does
		r.Pages = true
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/interactions"

	reqs, err := signedRequests(priv, cmp.Or(o.Requests, 4096), o.Ping)
	if err != nil {
		return r, err
	}
	var reindexes []signedAsk
	if o.Storm > 0 {
		r.StormRate, r.StormServers = o.Storm, max(o.StormServers, 1)
		if reindexes, err = signedReindexes(priv, int(float64(o.Storm)*o.Duration.Seconds())+o.Storm, o.StormServers); err != nil {
			return r, err
		}
	}
	r.Ceiling = verifyCeiling(pub, priv, reqs[0].signed, o.Ceiling)
	fmt.Fprintf(logw, "bench: ceiling %.0f verifications/s; warming up %s\n", r.Ceiling, o.Warmup)

	client := &http.Client{Transport: &http.Transport{
		MaxIdleConns: o.Clients, MaxIdleConnsPerHost: o.Clients, MaxConnsPerHost: o.Clients,
		DisableCompression: true, IdleConnTimeout: time.Minute,
	}, Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()
	// Made once, before RSS is first read: the run's own bookkeeping must
	// not show up as the server's memory.
	hists := make([]*histogram, o.Clients+1) // one per client, and their sum
	for i := range hists {
		hists[i] = newHistogram(latencyBound)
	}
	if o.Warmup > 0 {
		load(ctx, client, url, reqs, hists, o.Warmup, o.Ping)
	}

	runtime.GC()
	r.RSSBefore, _ = procStatus("VmRSS")
	r.HeapBefore = heapInUse()
	r.GoroutinesBefore = runtime.NumGoroutine()
	goroutines := sampleGoroutines()
	if o.CPUProfile != "" {
		f, err := os.Create(o.CPUProfile)
		if err != nil {
			return r, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return r, err
		}
		defer pprof.StopCPUProfile()
	}
	fmt.Fprintf(logw, "bench: %d clients for %s, reindexing every %s\n", o.Clients, o.Duration, o.Reload)

	reloadCtx, stopReload := context.WithCancel(ctx)
	var reloads sync.WaitGroup
	var reloadTime atomic.Int64
	if o.Reload > 0 {
		reloads.Go(func() {
			t := time.NewTicker(o.Reload)
			defer t.Stop()
			for {
				select {
				case <-reloadCtx.Done():
					return
				case <-t.C:
				}
				// a rebuild started during the load runs to its end (on a
				// slow machine, or under -race, one can outlast a short
				// load); no new one starts after it
				start := time.Now()
				if _, err := live.Reload(ctx); err != nil {
					if ctx.Err() == nil {
						r.ReloadFails++
						fmt.Fprintf(logw, "bench: reload: %v\n", err)
					}
					continue
				}
				reloadTime.Add(int64(time.Since(start)))
				r.Reloads++
			}
		})
	}
	var sampler sync.WaitGroup
	sampler.Go(func() {
		t := time.NewTicker(o.Duration / 4)
		defer t.Stop()
		for range 4 {
			select {
			case <-reloadCtx.Done():
				return
			case <-t.C:
			}
			if rss, err := procStatus("VmRSS"); err == nil {
				r.RSSDuring = append(r.RSSDuring, rss)
			}
		}
	})
	var storms sync.WaitGroup
	if o.Storm > 0 {
		// one admin, on a connection of their own
		admin := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1, DisableCompression: true}, Timeout: 10 * time.Second}
		defer admin.CloseIdleConnections()
		storms.Go(func() { r.Storm = storm(reloadCtx, admin, url, reindexes, o.Storm) })
	}
	cpu0 := cpuTime()
	res := load(ctx, client, url, reqs, hists, o.Duration, o.Ping)
	r.CPU = cpuTime() - cpu0
	stopReload()
	reloads.Wait()
	storms.Wait()
	sampler.Wait()
	pprof.StopCPUProfile()
	if o.Storm > 0 {
		// every deferred /reindex must still be answered
		sctx, cancel := context.WithTimeout(ctx, time.Minute)
		err := x.Shutdown(sctx)
		cancel()
		if err != nil {
			fmt.Fprintf(logw, "bench: %v\n", err)
		}
		r.Edits = hooks.edits()
		r.EditsMissing = r.Storm.Deferred - hooks.n.Load()
	}
	r.GoroutinesMax = goroutines.Max()

	r.Elapsed, r.Requests, r.Errors, r.FirstError = res.elapsed, res.latencies.n, res.errors, res.firstError
	r.P50, r.P90, r.P99, r.Max = res.latencies.quantile(0.50), res.latencies.quantile(0.90), res.latencies.quantile(0.99), res.latencies.max
	if r.Reloads > 0 {
		r.ReloadMean = time.Duration(reloadTime.Load() / r.Reloads)
	}
	runtime.GC()
	r.GoroutinesAfter = runtime.NumGoroutine()
	r.RSSAfter, _ = procStatus("VmRSS")
	r.RSSPeak, _ = procStatus("VmHWM")
	r.HeapAfter = heapInUse()
	return r, ctx.Err()
}

// signedAsk is one request as Discord would send it.
type signedAsk struct {
	body      []byte
	timestamp string
	signature string
	signed    []byte // timestamp + body
}

// request is the POST of sa to url, signed as Discord signs.
func (sa *signedAsk) request(url string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(sa.body))
	if err != nil {
		return nil, err
	}
	req.Header["Content-Type"] = []string{"application/json"}
	req.Header["X-Signature-Timestamp"] = []string{sa.timestamp}
	req.Header["X-Signature-Ed25519"] = []string{sa.signature}
	return req, nil
}

// signedRequests returns n /ask interactions over the questions, from
// varied users, or n PINGs, signed now.
func signedRequests(priv ed25519.PrivateKey, n int, ping bool) ([]signedAsk, error) {
	qs := evalset.Questions()
	if len(qs) == 0 {
		return nil, errors.New("no questions in internal/evalset/questions.tsv")
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	out := make([]signedAsk, n)
	for i := range out {
		id := strconv.Itoa(1500000000000000000 + i)
		user := map[string]any{"id": strconv.Itoa(1400000000000000000 + i), "username": "user" + strconv.Itoa(i), "discriminator": "0"}
		body, err := json.Marshal(map[string]any{
			"id": id, "application_id": "1300000000000000001", "type": 2, "token": "bench-token-" + id, "version": 1,
			"guild_id": "1300000000000000002", "channel_id": "1300000000000000003", "app_permissions": "0", "locale": "en-US",
			"member": map[string]any{"user": user, "roles": []string{}, "permissions": "2248473465835073", "joined_at": "2024-01-01T00:00:00.000000+00:00"},
			"data": map[string]any{"id": "1300000000000000009", "name": "ask", "type": 1,
				"options": []map[string]any{{"name": "question", "type": 3, "value": qs[i%len(qs)]}}},
		})
		if ping {
			body, err = json.Marshal(map[string]any{"id": id, "application_id": "1300000000000000001", "type": 1, "token": "bench-token-" + id, "version": 1})
		}
		if err != nil {
			return nil, err
		}
		signed := append([]byte(ts), body...)
		out[i] = signedAsk{body: body, timestamp: ts, signature: hex.EncodeToString(ed25519.Sign(priv, signed)), signed: signed}
	}
	return out, nil
}

// latencyBound is where the latency histograms stop counting by the
// microsecond; p99 stays far below it.
const latencyBound = 100 * time.Millisecond

// loadResult is what the clients saw.
type loadResult struct {
	elapsed    time.Duration
	latencies  *histogram // of the answered requests
	errors     int64
	firstError string
}

// load runs clients that post reqs in turn to url for d, and returns their
// latencies and errors. An error is a failed request, a status other than
// 200, or an answer that is not a message (type 4) with an embed (or, for
// PINGs, a PONG).
//
// hists holds a histogram for each client, and one more for their sum; it
// sets how many clients run.
func load(ctx context.Context, client *http.Client, url string, reqs []signedAsk, hists []*histogram, d time.Duration, ping bool) loadResult {
	clients, total := len(hists)-1, hists[len(hists)-1]
	var next atomic.Int64
	var errs atomic.Int64
	var firstErr sync.Once
	var res loadResult
	lat := hists[:clients]
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	fail := func(format string, args ...any) {
		errs.Add(1)
		firstErr.Do(func() { res.firstError = fmt.Sprintf(format, args...) })
	}
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		lat[c].reset()
		wg.Go(func() {
			buf := make([]byte, 0, 16<<10)
			for ctx.Err() == nil {
				sa := &reqs[int(next.Add(1))%len(reqs)]
				req, err := sa.request(url)
				if err != nil {
					fail("%v", err)
					return
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					fail("%v", err)
					continue
				}
				buf, err = readAll(resp.Body, buf[:0])
				resp.Body.Close()
				took := time.Since(t0)
				switch {
				case err != nil:
					fail("read answer: %v", err)
				case resp.StatusCode != http.StatusOK:
					fail("status %d: %s", resp.StatusCode, buf)
				case ping && !bytes.Equal(bytes.TrimSpace(buf), []byte(`{"type":1}`)):
					fail("not a PONG: %.200s", buf)
				case !ping && (!bytes.HasPrefix(buf, []byte(`{"type":4,`)) || !bytes.Contains(buf, []byte(`"embeds":[{`))):
					fail("not an answer: %.200s", buf)
				default:
					lat[c].add(took)
				}
			}
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.errors = errs.Load()
	total.reset()
	for _, l := range lat {
		total.merge(l)
	}
	res.latencies = total
	return res
}

// readAll appends r's content to buf.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// procStatus reads a size in kB from /proc/self/status (VmRSS, VmHWM) and
// returns it in bytes.
func procStatus(field string) (int64, error) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("/proc/self/status has no %s", field)
}

// heapInUse is the Go heap in use, after a collection.
func heapInUse() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
