package index

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/internal/evalset"
)

// evalQuestion is a row of a question set such as evalset.File, the scorer's
// development set: a question and the draft points a good answer shows.
type evalQuestion struct {
	q    string
	want map[int]bool
}

func readQuestions(t testing.TB, path string) []evalQuestion {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []evalQuestion
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		// A third column, where there is one, names the page the
		// question came from.
		q, pts, _ := strings.Cut(line, "\t")
		pts, _, _ = strings.Cut(pts, "\t")
		want := map[int]bool{}
		for _, p := range strings.Split(pts, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(p))
			if err != nil {
				t.Fatalf("%s: bad points %q", path, pts)
			}
			want[n] = true
		}
		qs = append(qs, evalQuestion{q, want})
	}
	return qs
}

// rankedPoints flattens a result the way the scorer does: distinct point
// numbers in the order the results name them.
func rankedPoints(r *Result) []int {
	var out []int
	for _, h := range r.Hits {
		for _, n := range h.Draft {
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// defaultIndex is the one index over the embedded corpus that the tests
// share: they only search it, and building it is most of what a test
// costs. It lives as long as the test binary.
var defaultIndex struct {
	once sync.Once
	ix   *Index
	err  error
}

// buildDefault returns the shared index over the embedded corpus.
func buildDefault(t testing.TB) *Index {
	t.Helper()
	defaultIndex.once.Do(func() {
		c, err := corpus.LoadDefault()
		if err != nil {
			defaultIndex.err = err
			return
		}
		defaultIndex.ix, defaultIndex.err = Build(context.Background(), c)
	})
	if defaultIndex.err != nil {
		t.Fatal(defaultIndex.err)
	}
	return defaultIndex.ix
}

// mustBuild indexes c and closes the index when the test ends.
func mustBuild(t testing.TB, c *corpus.Corpus) *Index {
	t.Helper()
	ix, err := Build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// TestRetrievalQuality holds the ranking to the figures the foundation
// issue names, on the scorer's development questions and on paraphrases
// in the words readers use.
func TestRetrievalQuality(t *testing.T) {
	ix := buildDefault(t)
	for _, tc := range []struct {
		file                  string
		minR1, minR3, minAll3 float64
	}{
		{evalset.File, 0.95, 1, 0.95},
		{"testdata/paraphrases.tsv", 0.85, 0.95, 0.85},
		{"testdata/more.tsv", 0.85, 0.95, 0.85},
		{"testdata/keywords.tsv", 0.85, 0.95, 0.85},
		{"testdata/reporters.tsv", 0.9, 0.95, 0.9},
		{"testdata/probes.tsv", 0.85, 0.95, 0.9},
		{"testdata/after2025.tsv", 0.85, 0.95, 0.95},
	} {
		t.Run(tc.file, func(t *testing.T) {
			checkQuality(t, ix, tc.file, tc.minR1, tc.minR3, tc.minAll3)
		})
	}
}

func checkQuality(t *testing.T, ix *Index, file string, minR1, minR3, minAll3 float64) {
	qs := readQuestions(t, file)
	var r1, r3, all3 int
	for _, q := range qs {
		res, err := ix.Search(context.Background(), q.q, Options{})
		if err != nil {
			t.Errorf("Search(%q): %v", q.q, err)
			continue
		}
		got := rankedPoints(res)
		first := 0
		for i, p := range got {
			if q.want[p] {
				first = i + 1
				break
			}
		}
		k := max(3, len(q.want))
		all := true
		for p := range q.want {
			all = all && slices.Contains(got[:min(k, len(got))], p)
		}
		if first == 1 {
			r1++
		}
		if first >= 1 && first <= 3 {
			r3++
		}
		if all {
			all3++
		}
		if first != 1 || !all {
			t.Logf("rank=%d all=%v want=%v got=%v q=%q", first, all, keys(q.want), got, q.q)
		}
	}
	n := float64(len(qs))
	summary := fmt.Sprintf("n=%d recall@1=%.3f recall@3=%.3f all@3=%.3f", len(qs), float64(r1)/n, float64(r3)/n, float64(all3)/n)
	t.Log(summary)
	if float64(r1)/n < minR1 || float64(r3)/n < minR3 || float64(all3)/n < minAll3 {
		t.Errorf("ranking below the bar (recall@1 >= %.2f, recall@3 >= %.2f, all@3 >= %.2f): %s", minR1, minR3, minAll3, summary)
	}
}

func keys(m map[int]bool) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	return out
}

// readLines returns the lines of a file that are not blank or comments,
// and the round ("# round N") each belongs to.
func readLines(t testing.TB, path string) (lines, rounds []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	round := ""
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if r, ok := strings.CutPrefix(line, "# round "); ok {
			round = r
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lines, rounds = append(lines, line), append(rounds, round)
	}
	return lines, rounds
}

// TestOffTopicDeclined holds abstention beside recall: the chat messages
// of testdata/offtopic.tsv (greetings, thanks, weather, prices, other
// news) concern no clause, and must get "no point of the plan matches",
// from /ask (Options{}) and from Check (Strict) alike.
func TestOffTopicDeclined(t *testing.T) {
	ix := buildDefault(t)
	msgs, rounds := readLines(t, "testdata/offtopic.tsv")
	for _, strict := range []bool{false, true} {
		declined := map[string]int{}
		total := map[string]int{}
		for i, m := range msgs {
			res, err := ix.Search(context.Background(), m, Options{Strict: strict})
			if err != nil && !errors.Is(err, ErrEmptyQuery) {
				t.Fatalf("Search(%q): %v", m, err)
			}
			total[rounds[i]]++
			if err != nil || res.NoMatch {
				declined[rounds[i]]++
				continue
			}
			t.Logf("strict=%v answered %q with %v", strict, m, rankedPoints(res))
		}
		all := 0
		for r, n := range total {
			all += declined[r]
			t.Logf("strict=%v round %s: declined %d of %d (%.3f)", strict, r, declined[r], n, float64(declined[r])/float64(n))
		}
		if rate := float64(all) / float64(len(msgs)); rate < minDeclineRate {
			t.Errorf("strict=%v: declined %.3f of %d off-topic messages; want at least %.2f", strict, rate, len(msgs), minDeclineRate)
		}
	}
}

// minDeclineRate is the share of off-topic messages that must get no
// point.
const minDeclineRate = 0.85

// TestAnswersAreShort holds every answer to every eval question to what a
// reader can take in: at most three points, no passage of reporting quoted
// twice, and marks only on the words that decided the match (never a
// figure, never a party's name alone).
func TestAnswersAreShort(t *testing.T) {
	ix := buildDefault(t)
	for _, file := range []string{evalset.File, "testdata/paraphrases.tsv", "testdata/more.tsv", "testdata/keywords.tsv", "testdata/reporters.tsv", "testdata/probes.tsv"} {
		for _, q := range readQuestions(t, file) {
			res, err := ix.Search(context.Background(), q.q, Options{})
			if err != nil {
				t.Fatalf("Search(%q): %v", q.q, err)
			}
			if len(res.Hits) > 3 {
				t.Errorf("Search(%q) = %d points; want at most 3", q.q, len(res.Hits))
			}
			quoted := map[string]int{}
			for i, h := range res.Hits {
				checkSpans(t, ix, q.q, h.Match, h.Spans)
				for _, p := range h.Passages {
					key := p.Doc.ID + "|" + p.Section.Heading + "|" + p.Text
					if j, ok := quoted[key]; ok && j != i {
						t.Errorf("Search(%q) quotes %q under points %d and %d", q.q, p.Section.Heading, j+1, i+1)
					}
					quoted[key] = i
					checkSpans(t, ix, q.q, p.Text, p.Spans)
				}
			}
		}
	}
}

func checkSpans(t *testing.T, ix *Index, q, text string, spans []Span) {
	t.Helper()
	for _, s := range spans {
		w := text[s.Start:s.End]
		if strings.ContainsAny(w, "0123456789") {
			t.Errorf("Search(%q) marks the figure %q", q, w)
		}
		names := true
		for _, term := range ix.terms(w) {
			names = names && ix.names[term]
		}
		if names {
			t.Errorf("Search(%q) marks the name %q", q, w)
		}
	}
}
