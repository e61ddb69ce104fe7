package index

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/planbot/planbot/corpus"
)

// evalQuestion is a row of testdata/questions.tsv, a copy of the scorer's
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

func buildDefault(t testing.TB) *Index {
	t.Helper()
	c, err := corpus.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	return mustBuild(t, c)
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
		{"testdata/questions.tsv", 0.95, 1, 0.95},
		{"testdata/paraphrases.tsv", 0.85, 0.95, 0.85},
		{"testdata/more.tsv", 0.85, 0.95, 0.85},
		{"testdata/keywords.tsv", 0.85, 0.95, 0.85},
		{"testdata/reporters.tsv", 0.9, 0.95, 0.9},
		{"testdata/probes.tsv", 0.85, 0.95, 0.9},
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
