package main

import (
	"bytes"
	"context"
	"github.com/planbot/planbot/internal/pgtest"
	"strings"
	"testing"
	"time"
)

func TestRunRefusesLongRuns(t *testing.T) {
	if _, err := run(context.Background(), options{Duration: 10 * time.Minute, Clients: 1}, &bytes.Buffer{}); err == nil {
		t.Error("a 10-minute run was accepted; its signatures would go stale")
	}
}

// TestLoadPing: the PING mode measures the transport alone, and every
// signed PING gets its PONG.
func TestLoadPing(t *testing.T) {
	r, err := run(context.Background(), options{
		Duration: 200 * time.Millisecond, Clients: 2, Ping: true,
		Ceiling: 50 * time.Millisecond, Warmup: 50 * time.Millisecond, Requests: 256,
	}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Errors > 0 || r.Requests == 0 {
		t.Errorf("%d PINGs answered, %d errors (%s); want answers and no error", r.Requests, r.Errors, r.FirstError)
	}
	var out bytes.Buffer
	r.print(&out)
	if !strings.Contains(out.String(), "PING load") {
		t.Errorf("report does not say it measured PINGs:\n%s", out.String())
	}
}

// TestLoadPages: with the web pages on the same address, every /ask is
// still answered by the interactions endpoint.
func TestLoadPages(t *testing.T) {
	r, err := run(context.Background(), options{
		Duration: 200 * time.Millisecond, Clients: 2, Pages: true,
		Ceiling: 50 * time.Millisecond, Warmup: 50 * time.Millisecond, Requests: 256,
	}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Errors > 0 || r.Requests == 0 {
		t.Errorf("%d answered, %d errors (%s); want answers and no error", r.Requests, r.Errors, r.FirstError)
	}
	var out bytes.Buffer
	r.print(&out)
	if !strings.Contains(out.String(), "web pages on the same address") {
		t.Errorf("report does not say the pages shared the address:\n%s", out.String())
	}
}

// TestLoadStorm runs the benchmark briefly, so that it keeps working:
// during the load the index is rebuilt every 200 ms and one admin sends a
// /reindex storm; every /ask is answered, every /reindex gets an answer,
// every deferred one is edited, and the report is complete.
func TestLoadStorm(t *testing.T) {
	t.Run("one server", func(t *testing.T) { testLoadStorm(t, "", 1) })
	t.Run("a server each", func(t *testing.T) { testLoadStorm(t, "", 1000) })
	t.Run("fleet", func(t *testing.T) { testLoadStorm(t, pgtest.Schema(t, "planbot_bench_"), 1000) })
}

func testLoadStorm(t *testing.T, database string, servers int) {
	var logs bytes.Buffer
	r, err := run(context.Background(), options{
		Duration: 400 * time.Millisecond, Clients: 2, Reload: 200 * time.Millisecond, Storm: 300, StormServers: servers,
		Ceiling: 50 * time.Millisecond, Warmup: 50 * time.Millisecond, Requests: 256, Database: database,
	}, &logs)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, logs.String())
	}
	var out bytes.Buffer
	r.print(&out)
	t.Logf("\n%s", out.String())
	if r.Errors > 0 || r.Requests == 0 {
		t.Errorf("%d /ask answered, %d errors (%s); want answers and no error", r.Requests, r.Errors, r.FirstError)
	}
	if r.Reloads == 0 || r.ReloadFails > 0 {
		t.Errorf("%d reindexes, %d failed; want some and none failed", r.Reloads, r.ReloadFails)
	}
	if r.Ceiling <= 0 || r.P50 <= 0 || r.P99 < r.P50 || r.RSSBefore <= 0 || r.RSSAfter <= 0 {
		t.Errorf("incomplete report: %+v", r)
	}
	for _, want := range []string{"requests", "p99", "ceiling", "RSS"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if r.Storm.Sent < 10 || r.Storm.Errors > 0 || r.EditsMissing != 0 {
		t.Errorf("storm: %d sent, %d failed (%s), %d deferred replies never edited; want at least 10 sent, all answered", r.Storm.Sent, r.Storm.Errors, r.Storm.First, r.EditsMissing)
	}
	switch {
	case servers == 1 && r.Storm.Deferred != 1:
		t.Errorf("one server's storm: %d deferred; want 1, the others refused by the cooldown", r.Storm.Deferred)
	case servers > 1 && r.Storm.Deferred != r.Storm.Sent:
		t.Errorf("a storm from a server each: %d of %d deferred; want all", r.Storm.Deferred, r.Storm.Sent)
	}
	if !strings.Contains(out.String(), "/reindex storm") || !strings.Contains(out.String(), "goroutines") {
		t.Errorf("report lacks the storm or the goroutines:\n%s", out.String())
	}
}
