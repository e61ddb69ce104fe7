// Command bench is planbot's load benchmark for the HTTP interactions
// endpoint: concurrent clients post signed /ask interactions, with the
// questions of internal/evalset (the scorer's development set), to the real
// bot.HTTP handler on 127.0.0.1, while the index is rebuilt and swapped
// every second. It prints requests per second, latency percentiles and
// errors next to the machine's ceiling, Ed25519 verifications per second on
// every core, measured in the same run. It stops by itself:
//
//	go run ./cmd/bench                         # 20 s, 8 clients, reindex every 1 s
//	go run ./cmd/bench -duration 60s -clients 32 -cpuprofile cpu.out
//	go run ./cmd/bench -storm 300 -database "$PLANBOT_TEST_DATABASE_URL"  # and a /reindex storm
//	go tool pprof -top cpu.out
//
// It listens on 127.0.0.1 only and imports cmd/ nothing.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"
)

func main() {
	var o options
	flag.DurationVar(&o.Duration, "duration", 20*time.Second, "how long the clients send, at most 4m (signatures are made before and must stay fresh)")
	flag.IntVar(&o.Clients, "clients", 8, "concurrent clients, each with its own keep-alive connection and one request at a time")
	flag.DurationVar(&o.Reload, "reload", time.Second, "rebuild and swap the index this often; 0 never")
	flag.DurationVar(&o.Ceiling, "ceiling", 3*time.Second, "how long to measure Ed25519 verifications per second")
	flag.DurationVar(&o.Warmup, "warmup", 2*time.Second, "load before measuring, to open connections and warm caches")
	flag.BoolVar(&o.Ping, "ping", false, "send signed PINGs instead of /ask: the transport and signature check alone, the most any command could reach")
	flag.IntVar(&o.Storm, "storm", 0, "also send this many /reindex a second from one admin during the load (e.g. 300); every deferred reply must be edited")
	flag.IntVar(&o.StormServers, "storm-servers", 1, "the storm's admin sends from this many servers in turn; each server may /reindex once a minute, so make it as large as the storm's requests for every one to rebuild or join a rebuild")
	flag.StringVar(&o.Database, "database", "", "PostgreSQL `URL`: announce every /reindex to a second replica in process through LISTEN/NOTIFY (e.g. $PLANBOT_TEST_DATABASE_URL)")
	flag.BoolVar(&o.Pages, "pages", false, "serve the web pages on the same address, as serve --http does")
	flag.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile of the measured load to `file` (go tool pprof)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "Usage: go run ./cmd/bench [flags]\n\nLoad-tests planbot's HTTP interactions endpoint on 127.0.0.1 while reindexing.\n\nFlags:\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	r, err := run(ctx, o, os.Stderr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		os.Exit(1)
	}
	r.print(os.Stdout)
	if r.Errors > 0 || r.Storm.Errors > 0 || r.EditsMissing > 0 {
		os.Exit(1)
	}
}
