package bot

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// answer is one reply of the bot to one command, for the budget tests.
type answer struct {
	cmd  string // "ask", "point", "compare", "check", "sources", "help"
	what string // the question or the number
	resp *discordgo.InteractionResponse
}

// evalQuestions reads every question of the eval sets, each once: the
// copy of ../shared/eval/questions.tsv in testdata and the sets the index
// is scored on in ../index/testdata.
func evalQuestions(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("../index/testdata/*.tsv")
	if err != nil {
		t.Fatal(err)
	}
	files = append([]string{"testdata/questions.tsv"}, files...)
	var qs []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			q, _, _ := strings.Cut(line, "\t")
			if q = strings.TrimSpace(q); q != "" && !slices.Contains(qs, q) {
				qs = append(qs, q)
			}
		}
		f.Close()
	}
	if len(qs) < 100 {
		t.Fatalf("only %d eval questions", len(qs))
	}
	return qs
}

var (
	answersOnce sync.Once
	answersAll  []answer
)

// allAnswers is the bot's answer to every eval question (/ask and Check
// against the plan), /point and /compare 1 to 28, /sources and /help,
// from a real index over the embedded corpus. It is built once for the
// tests that read it.
func allAnswers(t *testing.T) []answer {
	t.Helper()
	answersOnce.Do(func() {
		live, err := index.NewLive(context.Background(), corpus.LoadDefault)
		if err != nil {
			t.Fatal(err)
		}
		defer live.Close()
		h := New(Config{Index: live, RateBurst: 1 << 20})
		ctx := context.Background()
		add := func(cmd, what string, i *discordgo.Interaction) {
			resp, _ := h.Handle(ctx, i)
			answersAll = append(answersAll, answer{cmd, what, resp})
		}
		for _, q := range evalQuestions(t) {
			add("ask", q, slash(t, alice, "ask", opt("question", 3, q)))
			add("check", q, messageCommand(t, alice, q))
		}
		for n := 1; n <= 28; n++ {
			add("point", fmt.Sprint(n), slash(t, alice, "point", opt("number", 4, n)))
			add("compare", fmt.Sprint(n), slash(t, alice, "compare", opt("point", 4, n)))
		}
		add("sources", "", slash(t, alice, "sources"))
		add("help", "", slash(t, alice, "help"))
	})
	if len(answersAll) == 0 {
		t.Fatal("no answers")
	}
	return answersAll
}

// messageLength is the length of a message as Discord counts it against
// its limits: UTF-16 code units of the content and of each embed's title,
// description, field names and values, footer and author.
func messageLength(r *discordgo.InteractionResponse) int {
	if r == nil || r.Data == nil {
		return 0
	}
	n := length(r.Data.Content)
	for _, e := range r.Data.Embeds {
		n += embedLength(e)
	}
	return n
}

// quoted finds the passages of reporting an answer quotes: text in curly
// quotes long enough to be a passage rather than a title.
var quoted = regexp.MustCompile(`“([^”]{60,})`)

// repeatsPassage reports whether an answer quotes the same passage twice.
func repeatsPassage(r *discordgo.InteractionResponse) bool {
	if r == nil || r.Data == nil {
		return false
	}
	seen := map[string]bool{}
	for _, e := range r.Data.Embeds {
		texts := []string{e.Description}
		for _, f := range e.Fields {
			texts = append(texts, f.Value)
		}
		for _, s := range texts {
			for _, m := range quoted.FindAllStringSubmatch(s, -1) {
				key := strings.ToLower(capRunes(strings.Trim(m[1], `*"`), 50))
				if seen[key] {
					return true
				}
				seen[key] = true
			}
		}
	}
	return false
}

// lengthFigures are the figures of the issue: the median and longest
// answer and how many answers quote a passage twice.
type lengthFigures struct {
	n, median, longest, repeats int
	longestWhat                 string
}

func figures(as []answer, keep func(answer) bool) lengthFigures {
	var f lengthFigures
	var ls []int
	for _, a := range as {
		if !keep(a) {
			continue
		}
		l := messageLength(a.resp)
		ls = append(ls, l)
		if l > f.longest {
			f.longest, f.longestWhat = l, a.cmd+" "+a.what
		}
		if repeatsPassage(a.resp) {
			f.repeats++
		}
	}
	sort.Ints(ls)
	f.n = len(ls)
	if len(ls) > 0 {
		f.median = ls[len(ls)/2]
	}
	return f
}

func (f lengthFigures) String() string {
	return fmt.Sprintf("%d answers: median %d, longest %d (%s), %d quote a passage twice", f.n, f.median, f.longest, f.longestWhat, f.repeats)
}

// TestAnswerLengthFigures prints the answer-length figures of the issue
// (go test ./bot -run AnswerLengthFigures -v).
func TestAnswerLengthFigures(t *testing.T) {
	t.Parallel()
	as := allAnswers(t)
	is := func(cmds ...string) func(answer) bool {
		return func(a answer) bool { return slices.Contains(cmds, a.cmd) }
	}
	dev := questions(t)
	t.Logf("/ask (dev questions): %s", figures(as, func(a answer) bool { return a.cmd == "ask" && slices.Contains(dev, a.what) }))
	t.Logf("/ask and /point 1..28: %s", figures(as, is("ask", "point")))
	for _, cmd := range []string{"ask", "check", "point", "compare", "sources", "help"} {
		t.Logf("%-8s %s", cmd, figures(as, is(cmd)))
	}
}
