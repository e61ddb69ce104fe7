package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/planbot/planbot/corpus"
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
// passages and highlighting.
func BenchmarkSearch(b *testing.B) {
	ix := buildDefault(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ix.Search(context.Background(), "How big can Ukraine's army be?", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchEval cycles through the development questions.
func BenchmarkSearchEval(b *testing.B) {
	ix := buildDefault(b)
	qs := readQuestions(b, "testdata/questions.tsv")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := ix.Search(context.Background(), qs[i%len(qs)].q, Options{}); err != nil {
			b.Fatal(err)
		}
		i++
	}
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
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ix.Search(context.Background(), "How big can Ukraine's army be?", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
