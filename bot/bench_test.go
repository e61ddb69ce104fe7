package bot

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/index"
)

// BenchmarkAsk handles one /ask interaction end to end in process: decode
// the INTERACTION_CREATE payload, search the real index, render, encode the
// response. Questions rotate through internal/evalset/questions.tsv; the logger
// formats each line as in production, to io.Discard. It reports the
// median and 99th percentile of single iterations.
func BenchmarkAsk(b *testing.B) {
	benchmarkAsk(b, newLive(b))
}

// BenchmarkAskFixedResult is BenchmarkAsk with a search that returns a
// prepared three-point answer at once: the cost of the bot itself
// (decode, handler, render, encode), without the index.
func BenchmarkAskFixedResult(b *testing.B) {
	c := defaultCorpus(b)
	res := askResult(b, c)
	benchmarkAsk(b, &stubIndex{c: c, search: func(q string) (*index.Result, error) { return res, nil }})
}

func benchmarkAsk(b *testing.B, ix Searcher) {
	h := New(Config{
		Index:  ix,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		// the limiter does its work but never refuses
		RateBurst: 4, RateWindow: time.Nanosecond,
	})
	var payloads [][]byte
	for n, q := range questions(b) {
		i := slash(b, who{id: strconv.Itoa(1000 + n%100)}, "ask", opt("question", 3, q))
		p, err := json.Marshal(map[string]any{
			"id": i.ID, "application_id": i.AppID, "type": i.Type, "token": i.Token, "guild_id": i.GuildID,
			"channel_id": i.ChannelID, "member": i.Member, "data": i.Data, "version": 1,
		})
		if err != nil {
			b.Fatal(err)
		}
		payloads = append(payloads, p)
	}
	ctx := context.Background()
	times := make([]time.Duration, 0, 1<<16)
	b.ReportAllocs()
	b.ResetTimer()
	for n := 0; b.Loop(); n++ {
		start := time.Now()
		var i discordgo.Interaction
		if err := json.Unmarshal(payloads[n%len(payloads)], &i); err != nil {
			b.Fatal(err)
		}
		resp, _ := h.Handle(ctx, &i)
		if _, err := json.Marshal(resp); err != nil {
			b.Fatal(err)
		}
		if len(times) < cap(times) {
			times = append(times, time.Since(start))
		}
	}
	b.StopTimer()
	if len(times) > 0 {
		slices.Sort(times)
		b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
	}
}
