package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/internal/evalset"
)

func BenchmarkBuildDefault(b *testing.B) {
	c, err := corpus.LoadDefault()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ix, err := Build(context.Background(), c)
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

// BenchmarkSearch is a typical question on the default corpus, with ranking,
// passages and highlighting. Like the other search benchmarks it reports
// the median and 99th percentile of single searches beside the mean.
func BenchmarkSearch(b *testing.B) {
	benchmarkSearch(b, buildDefault(b), []string{"How big can Ukraine's army be?"})
}

// BenchmarkSearchEval cycles through the development questions.
func BenchmarkSearchEval(b *testing.B) {
	var qs []string
	for _, q := range readQuestions(b, evalset.File) {
		qs = append(qs, q.q)
	}
	benchmarkSearch(b, buildDefault(b), qs)
}

func benchmarkSearch(b *testing.B, ix *Index, qs []string) {
	ctx := context.Background()
	times := make([]time.Duration, 0, 1<<16)
	b.ReportAllocs()
	for n := 0; b.Loop(); n++ {
		start := time.Now()
		if _, err := ix.Search(ctx, qs[n%len(qs)], Options{}); err != nil {
			b.Fatal(err)
		}
		if len(times) < cap(times) {
			times = append(times, time.Since(start))
		}
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
}

// syntheticCorpus is the default plan with articles of n sections in all,
// written from the corpus's own vocabulary and linked to random points, to
// show how build and search grow.
func syntheticCorpus(tb testing.TB, n int) *corpus.Corpus {
	tb.Helper()
	def, err := corpus.LoadDefault()
	if err != nil {
		tb.Fatal(err)
	}
	var words []string
	for _, d := range def.Documents {
		for _, s := range d.Sections {
			words = append(words, strings.Fields(s.Text())...)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	c := &corpus.Corpus{Synonyms: def.Synonyms}
	c.Documents = append(c.Documents, def.DefaultPlan())
	const perDoc = 100
	for d := 0; d*perDoc < n; d++ {
		doc := &corpus.Document{ID: fmt.Sprintf("synthetic-%d", d), Kind: corpus.KindArticle,
			Title: "Synthetic", Date: "2025-11-24", Sources: []corpus.Source{{Name: "synthetic"}}}
		for s := 0; s < perDoc && d*perDoc+s < n; s++ {
			sec := &corpus.Section{Heading: strings.Join(pick(r, words, 4), " "), Points: []int{1 + r.IntN(28)}}
			for range 3 {
				sec.Paragraphs = append(sec.Paragraphs, strings.Join(pick(r, words, 60), " "))
			}
			doc.Sections = append(doc.Sections, sec)
		}
		c.Documents = append(c.Documents, doc)
	}
	return c
}

func pick(r *rand.Rand, words []string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = words[r.IntN(len(words))]
	}
	return out
}

func BenchmarkBuild10kSections(b *testing.B) {
	c := syntheticCorpus(b, 10000)
	b.ReportAllocs()
	for b.Loop() {
		ix, err := Build(context.Background(), c)
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

func BenchmarkSearch10kSections(b *testing.B) {
	ix, err := Build(context.Background(), syntheticCorpus(b, 10000))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	benchmarkSearch(b, ix, []string{"How big can Ukraine's army be?"})
}
