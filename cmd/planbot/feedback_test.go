package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/planbot/planbot/settings"
)

// scorePy is the evaluation script whose format planbot feedback writes.
const scorePy = "../../../shared/eval/score.py"

// feedbackKey is the vote key of these tests.
var feedbackKey = []byte("feedback-test-key-feedback-test-")

// seedFeedback opens the store cfg names, lets fill write to it and closes
// it, as serve would have.
func seedFeedback(t *testing.T, cfg settings.Config, fill func(s settings.Store)) {
	t.Helper()
	s, err := settings.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fill(s)
}

func mustVote(t *testing.T, s settings.Store, user, answer string, up bool, question string, points []int, at time.Time) {
	t.Helper()
	_, err := s.Vote(context.Background(), settings.Vote{
		AnswerID: answer, Voter: settings.VoterHash(feedbackKey, user, answer), Up: up,
		Question: question, Points: points, GuildID: "1083761230128795648", At: at,
	})
	if err != nil {
		t.Fatal(err)
	}
}

func mustKeep(t *testing.T, s settings.Store, question string, at time.Time) {
	t.Helper()
	if err := s.KeepQuestion(context.Background(), settings.KeptQuestion{Question: question, At: at}); err != nil {
		t.Fatal(err)
	}
}

// feedbackT0 is when the golden votes were cast.
var feedbackT0 = time.Date(2025, 11, 24, 9, 30, 0, 0, time.UTC)

// seedGolden writes the votes and questions of the golden files: a mixed
// answer, a 👎 on a question with a tab and a newline, an answer only liked
// (left out), one without its question (left out), and unmatched questions
// that start with '#' or hold CR LF and a Unicode line separator.
func seedGolden(t *testing.T) func(s settings.Store) {
	return func(s settings.Store) {
		min := func(m int) time.Time { return feedbackT0.Add(time.Duration(m) * time.Minute) }
		army := "How big can Ukraine's army be?"
		mustVote(t, s, "398574935793123456", "1300000000000000001", false, army, []int{6, 21}, min(0))
		mustVote(t, s, "712345678901234567", "1300000000000000001", true, army, []int{6, 21}, min(1))
		mustVote(t, s, "512345678901234567", "1300000000000000001", false, army, []int{6, 21}, min(2))
		mustVote(t, s, "398574935793123456", "1300000000000000002", false, "Who pays for\treconstruction?\nAnd how much?", []int{14}, min(3))
		mustVote(t, s, "398574935793123456", "1300000000000000003", true, "Will the sanctions be lifted?", []int{13}, min(4))
		mustVote(t, s, "398574935793123456", "1300000000000000004", false, "", []int{7}, min(5))
		mustKeep(t, s, "# Is Crimea Russian now?", min(6))
		mustKeep(t, s, "#Is Crimea Russian now?", min(7))
		mustKeep(t, s, "What about the\r\nweather?\u2028Really?", min(8))
	}
}

// dataEnv is the environment of a planbot whose SQLite store is in dir.
func dataEnv(dir string) map[string]string {
	return map[string]string{"PLANBOT_DATA_DIR": dir}
}

func TestFeedbackGolden(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seedFeedback(t, settings.Config{DataDir: dir}, seedGolden(t))
	for _, tt := range []struct {
		golden string
		args   []string
	}{
		{"feedback-tsv", []string{"feedback", "--since", "all"}},
		{"feedback-json", []string{"feedback", "--json", "--since", "all"}},
	} {
		t.Run(tt.golden, func(t *testing.T) {
			stdout, stderr, code := planbot(t, dataEnv(dir), tt.args...)
			if code != exitOK || stderr != "" {
				t.Fatalf("planbot %q = exit %d, stderr %q; want 0 and nothing", tt.args, code, stderr)
			}
			checkGolden(t, tt.golden, stdout)
		})
	}
}

func TestFeedbackJSON(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seedFeedback(t, settings.Config{DataDir: dir}, seedGolden(t))
	stdout, _, code := planbot(t, dataEnv(dir), "feedback", "--json", "--since", "2025-11-24")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("feedback --json: %v\n%s", err, stdout)
	}
	if out["since"] != "2025-11-24T00:00:00Z" {
		t.Errorf("since = %v; want 2025-11-24T00:00:00Z", out["since"])
	}
	qs, _ := out["questions"].([]any)
	if len(qs) != 4 {
		t.Fatalf("questions = %v; want 4", qs)
	}
	army, _ := qs[1].(map[string]any)
	want := map[string]any{
		"question": "How big can Ukraine's army be?", "points_shown": []any{6.0, 21.0},
		"down": 2.0, "up": 1.0, "answers": 1.0, "unmatched": 0.0, "last": "2025-11-24T09:32:00Z",
	}
	if fmt.Sprint(army) != fmt.Sprint(want) {
		t.Errorf("second question = %v; want %v", army, want)
	}
	for _, q := range qs {
		if ps := q.(map[string]any)["points_shown"]; ps == nil {
			t.Errorf("%v: points_shown is null; want []", q)
		}
	}
	// Nothing: an empty list, not null.
	stdout, _, _ = planbot(t, dataEnv(dir), "feedback", "--json", "--since", "2030-01-01")
	if !strings.Contains(stdout, `"questions": []`) {
		t.Errorf("feedback --json with nothing = %s; want \"questions\": []", stdout)
	}
}

// TestFeedbackReadByScore fills the points column of feedback's output and
// has score.py read it, with a fake retrieval command that records the
// questions it is given; without python3 or the script, it reads the file
// the way score.py does.
func TestFeedbackReadByScore(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seedFeedback(t, settings.Config{DataDir: dir}, seedGolden(t))
	tsv, _, code := planbot(t, dataEnv(dir), "feedback", "--since", "all")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	// Fill the points column as an admin would.
	var filled strings.Builder
	var questions []string
	for line := range strings.Lines(tsv) {
		if q, ok := strings.CutSuffix(line, "\t\n"); ok && !strings.HasPrefix(line, "#") {
			questions = append(questions, q)
			line = q + "\t6,21\n"
		}
		filled.WriteString(line)
	}
	want := []string{"Is Crimea Russian now?", "How big can Ukraine's army be?", "What about the weather? Really?", "Who pays for reconstruction? And how much?"}
	if !slices.Equal(questions, want) {
		t.Errorf("rows = %q; want %q", questions, want)
	}
	file := filepath.Join(t.TempDir(), "questions.tsv")
	if err := os.WriteFile(file, []byte(filled.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// What score.py does: skip blank and # lines, split on tabs, read
	// parts[1] as comma-separated ints.
	rows := readQuestionsTSV(t, file)
	if len(rows) != len(want) {
		t.Errorf("read %d rows; want %d", len(rows), len(want))
	}
	for q, ps := range rows {
		if !slices.Equal(ps, []int{6, 21}) {
			t.Errorf("%q: points %v; want [6 21]", q, ps)
		}
	}

	python, err := exec.LookPath("python3")
	if _, serr := os.Stat(scorePy); err != nil || serr != nil {
		t.Skipf("python3 (%v) or %s (%v) missing: checked the format in Go only", err, scorePy, serr)
	}
	seen := filepath.Join(t.TempDir(), "seen")
	fake := `import json, sys
with open(sys.argv[1], "a", encoding="utf-8") as f:
    f.write(sys.argv[2] + "\n")
print(json.dumps({"results": [{"points": [6]}, {"points": [21, 9]}]}))`
	cmd := exec.Command(python, scorePy, file, python, "-c", fake, seen)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("score.py: %v\n%s", err, out)
	}
	summary := strings.TrimSpace(string(out))
	if wantSummary := fmt.Sprintf("n=%d recall@1=1.000 recall@3=1.000 all@3=1.000 mrr=1.000 errors=0", len(want)); summary != wantSummary {
		t.Errorf("score.py printed %q; want %q", summary, wantSummary)
	}
	got, err := os.ReadFile(seen)
	if err != nil {
		t.Fatal(err)
	}
	if gotQs := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n"); !slices.Equal(gotQs, want) {
		t.Errorf("score.py asked %q; want %q", gotQs, want)
	}
}

// readQuestionsTSV reads a question set as score.py does.
func readQuestionsTSV(t *testing.T, path string) map[string][]int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := map[string][]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) < 2 {
			t.Fatalf("%s: %q has no points column (score.py would fail on parts[1])", path, line)
		}
		var ps []int
		for x := range strings.SplitSeq(parts[1], ",") {
			if strings.TrimSpace(x) == "" {
				continue
			}
			p, err := strconv.Atoi(strings.TrimSpace(x))
			if err != nil {
				t.Fatalf("%s: %q: %v", path, line, err)
			}
			ps = append(ps, p)
		}
		rows[parts[0]] = ps
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestFeedbackSince(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	now := time.Now()
	seedFeedback(t, settings.Config{DataDir: dir}, func(s settings.Store) {
		mustVote(t, s, "1001", "2001", false, "asked ten days ago", []int{1}, now.Add(-10*24*time.Hour))
		mustKeep(t, s, "kept two days ago", now.Add(-48*time.Hour))
		mustVote(t, s, "1001", "2002", false, "asked an hour ago", []int{2}, now.Add(-time.Hour))
		mustKeep(t, s, "kept ten minutes ago", now.Add(-10*time.Minute))
	})
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{nil, []string{"asked an hour ago", "kept ten minutes ago", "kept two days ago"}}, // default 7d
		{[]string{"--since", "7d"}, []string{"asked an hour ago", "kept ten minutes ago", "kept two days ago"}},
		{[]string{"--since", "1d12h"}, []string{"asked an hour ago", "kept ten minutes ago"}},
		{[]string{"--since", "24h"}, []string{"asked an hour ago", "kept ten minutes ago"}},
		{[]string{"--since=30m"}, []string{"kept ten minutes ago"}},
		{[]string{"--since", "2w"}, []string{"asked an hour ago", "asked ten days ago", "kept ten minutes ago", "kept two days ago"}},
		{[]string{"--since", "all"}, []string{"asked an hour ago", "asked ten days ago", "kept ten minutes ago", "kept two days ago"}},
		{[]string{"--since", "2000-01-01"}, []string{"asked an hour ago", "asked ten days ago", "kept ten minutes ago", "kept two days ago"}},
		{[]string{"--since", now.Add(-90 * time.Minute).Format(time.RFC3339)}, []string{"asked an hour ago", "kept ten minutes ago"}},
	} {
		args := append([]string{"feedback"}, tt.args...)
		stdout, stderr, code := planbot(t, dataEnv(dir), args...)
		if code != exitOK || stderr != "" {
			t.Errorf("planbot %q = exit %d, %q", args, code, stderr)
			continue
		}
		var got []string
		for line := range strings.Lines(stdout) {
			if !strings.HasPrefix(line, "#") {
				got = append(got, strings.TrimSuffix(line, "\t\n"))
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("planbot %q = %q; want %q", args, got, tt.want)
		}
		if !strings.HasPrefix(stdout, fmt.Sprintf("# planbot feedback: %d question", len(tt.want))) {
			t.Errorf("planbot %q header: %q", args, strings.SplitN(stdout, "\n", 2)[0])
		}
	}
}

func TestFeedbackExitCodes(t *testing.T) {
	t.Parallel()
	empty := t.TempDir()
	seedFeedback(t, settings.Config{DataDir: empty}, func(settings.Store) {})
	notDB := t.TempDir()
	if err := os.WriteFile(filepath.Join(notDB, settings.SQLiteFile), []byte(strings.Repeat("not a database ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "nowhere")
	const secret = "s3cret-Pa55"
	for _, tt := range []struct {
		name    string
		args    []string
		env     map[string]string
		want    int
		wantErr []string // substrings of stderr; none for no stderr
	}{
		{"empty store", []string{"feedback"}, dataEnv(empty), exitOK, nil},
		{"flag data dir", []string{"feedback", "--data-dir", empty, "--json"}, nil, exitOK, nil},
		{"bad flag", []string{"feedback", "--frob"}, dataEnv(empty), exitUsage, []string{"-frob"}},
		{"bad since", []string{"feedback", "--since", "7x"}, dataEnv(empty), exitUsage, []string{"invalid value", "7d"}},
		{"negative since", []string{"feedback", "--since", "-3h"}, dataEnv(empty), exitUsage, []string{"invalid value"}},
		{"zero since", []string{"feedback", "--since", "0h"}, dataEnv(empty), exitUsage, []string{"invalid value"}},
		{"since days not a number", []string{"feedback", "--since", "xd"}, dataEnv(empty), exitUsage, []string{"invalid value"}},
		{"an argument", []string{"feedback", "army"}, dataEnv(empty), exitUsage, []string{"takes no arguments"}},
		{"no store configured", []string{"feedback", "--data-dir", ""}, nil, exitUsage, []string{"--data-dir"}},
		{"missing store", []string{"feedback"}, dataEnv(missing), exitFail, []string{filepath.Join(missing, settings.SQLiteFile), "PLANBOT_DATA_DIR"}},
		{"not a database", []string{"feedback", "--data-dir", notDB}, nil, exitFail, []string{filepath.Join(notDB, settings.SQLiteFile)}},
		{"unreachable postgres", []string{"feedback", "--database-url", "postgres://planbot:" + secret + "@127.0.0.1:1/planbot?connect_timeout=5"}, nil, exitFail, []string{"127.0.0.1:1"}},
		{"unreachable postgres from env", []string{"feedback"}, map[string]string{"PLANBOT_DATABASE_URL": "postgres://planbot:" + secret + "@127.0.0.1:1/planbot?connect_timeout=5"}, exitFail, []string{"127.0.0.1:1"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := planbot(t, tt.env, tt.args...)
			if code != tt.want {
				t.Errorf("planbot %q = exit %d; want %d (stderr %q)", tt.args, code, tt.want, stderr)
			}
			if len(tt.wantErr) == 0 {
				if stderr != "" {
					t.Errorf("planbot %q wrote to stderr: %q", tt.args, stderr)
				}
				return
			}
			if stdout != "" {
				t.Errorf("planbot %q failed but wrote %q", tt.args, stdout)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(stderr, w) {
					t.Errorf("planbot %q stderr = %q; want it to name %q", tt.args, stderr, w)
				}
			}
			if !strings.HasPrefix(stderr, "planbot feedback: ") || strings.Count(stderr, "\n") != 1 {
				t.Errorf("planbot %q stderr = %q; want one line starting with planbot feedback:", tt.args, stderr)
			}
			if strings.Contains(stderr, secret) {
				t.Errorf("planbot %q shows the password: %q", tt.args, stderr)
			}
		})
	}
	// --help shows no password from the environment.
	stdout, _, _ := planbot(t, map[string]string{"PLANBOT_DATABASE_URL": "postgres://planbot:" + secret + "@db:5432/planbot"}, "feedback", "--help")
	if strings.Contains(stdout, secret) || !strings.Contains(stdout, "-database-url") {
		t.Errorf("feedback --help shows the password or lacks --database-url:\n%s", stdout)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("feedback created %s; a read must not create a store", missing)
	}
}

// TestFeedbackPostgres reads a PostgreSQL store, from PLANBOT_DATABASE_URL,
// when PLANBOT_TEST_DATABASE_URL names a server (see .ci/postgres.sh).
func TestFeedbackPostgres(t *testing.T) {
	base := os.Getenv("PLANBOT_TEST_DATABASE_URL")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PLANBOT_TEST_DATABASE_URL is unset in CI")
		}
		t.Skip("PLANBOT_TEST_DATABASE_URL is unset: run `eval \"$(bash .ci/postgres.sh)\"`")
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	schema := "planbot_feedback_" + strings.ToLower(rand.Text()[:12])
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
		admin.Close(ctx)
	})
	u, err := url.Parse(base)
	if err != nil || !strings.HasPrefix(base, "postgres") {
		t.Skipf("PLANBOT_TEST_DATABASE_URL is not a postgres:// URL (%v)", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	seedFeedback(t, settings.Config{DatabaseURL: u.String()}, seedGolden(t))

	// The URL wins over a data folder that has no store.
	env := map[string]string{"PLANBOT_DATABASE_URL": u.String(), "PLANBOT_DATA_DIR": filepath.Join(t.TempDir(), "none")}
	stdout, stderr, code := planbot(t, env, "feedback", "--since", "all")
	if code != exitOK || stderr != "" {
		t.Fatalf("feedback = exit %d, %q", code, stderr)
	}
	golden, err := os.ReadFile(filepath.Join("testdata", "feedback-tsv.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(golden) {
		t.Errorf("feedback from PostgreSQL differs from testdata/feedback-tsv.golden (SQLite):\n%s", stdout)
	}
}

func TestTSVQuestion(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"How big can Ukraine's army be?", "How big can Ukraine's army be?"},
		{"a\tb", "a b"},
		{"line one\nline two", "line one line two"},
		{"crlf\r\nand cr\ronly", "crlf and cr only"},
		{"sep\u2028para\u2029next\u0085line\vtab\fform", "sep para next line tab form"},
		{"  lots   of\t\t space  ", "lots of space"},
		{"# starts like a comment", "starts like a comment"},
		{"##  #twice", "twice"},
		{"issue #8 inside", "issue #8 inside"},
		{"bell\a and \x1b[31mescape", "bell and [31mescape"},
		{"\uFEFFbom", "bom"},
		{"\t\n", ""},
		{"#", ""},
	} {
		if got := tsvQuestion(tt.in); got != tt.want {
			t.Errorf("tsvQuestion(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseAge(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"7d", 7 * 24 * time.Hour, true},
		{"24h", 24 * time.Hour, true},
		{"30m", 30 * time.Minute, true},
		{"1d12h", 36 * time.Hour, true},
		{"2w", 14 * 24 * time.Hour, true},
		{"1w2d", 9 * 24 * time.Hour, true},
		{"90s", 90 * time.Second, true},
		{"", 0, false},
		{"d", 0, false},
		{"7", 0, false},
		{"7x", 0, false},
		{"-7d", 0, false},
		{"-1h", 0, false},
		{"0d", 0, false},
		{"1h2d", 0, false},
		{"99999999w", 0, false},
	} {
		got, err := parseAge(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseAge(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestFeedbackConfig(t *testing.T) {
	t.Parallel()
	const key = "0123456789abcdef0123456789abcdef-secret"
	for _, tt := range []struct {
		env     map[string]string
		keep    bool
		wantErr string
	}{
		{nil, false, ""},
		{map[string]string{"PLANBOT_KEEP_QUESTIONS": "true"}, true, ""},
		{map[string]string{"PLANBOT_KEEP_QUESTIONS": "1"}, true, ""},
		{map[string]string{"PLANBOT_KEEP_QUESTIONS": "false"}, false, ""},
		{map[string]string{"PLANBOT_KEEP_QUESTIONS": " "}, false, ""},
		{map[string]string{"PLANBOT_KEEP_QUESTIONS": "yes"}, false, `PLANBOT_KEEP_QUESTIONS="yes": use true or false`},
		{map[string]string{"PLANBOT_VOTE_KEY": key}, false, ""},
		{map[string]string{"PLANBOT_VOTE_KEY": "short-secret"}, false, "PLANBOT_VOTE_KEY is 12 characters long"},
	} {
		c := LoadConfig(mapEnv(tt.env))
		err := c.Validate()
		if c.KeepQuestions != tt.keep || (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("LoadConfig(%v): KeepQuestions %v, Validate %v; want %v, %q", tt.env, c.KeepQuestions, err, tt.keep, tt.wantErr)
		}
		if err != nil && strings.Contains(err.Error(), "short-secret") {
			t.Errorf("Validate shows the vote key: %v", err)
		}
	}
	// A bad value stops every command, feedback included, with exit 2.
	if _, stderr, code := planbot(t, map[string]string{"PLANBOT_KEEP_QUESTIONS": "maybe"}, "feedback"); code != exitUsage || !strings.Contains(stderr, "PLANBOT_KEEP_QUESTIONS") {
		t.Errorf("feedback with PLANBOT_KEEP_QUESTIONS=maybe = exit %d, %q; want 2 naming it", code, stderr)
	}

	var log strings.Builder
	c := LoadConfig(mapEnv(map[string]string{"PLANBOT_VOTE_KEY": key, "PLANBOT_KEEP_QUESTIONS": "true"}))
	c.Logger(&log).Info("config", "config", c)
	if strings.Contains(log.String(), key) || !strings.Contains(log.String(), "vote_key=<redacted>") || !strings.Contains(log.String(), "keep_questions=true") {
		t.Errorf("logged %s; want the vote key redacted and keep_questions", log.String())
	}

	// The key: PLANBOT_VOTE_KEY when set, else the store's, the same after
	// a restart.
	dir := t.TempDir()
	s, err := settings.OpenSQLite(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.VoteHashKey(context.Background(), s)
	if err != nil || string(got) != key {
		t.Errorf("VoteHashKey with PLANBOT_VOTE_KEY = %q, %v; want it", got, err)
	}
	c.VoteKey = ""
	first, err := c.VoteHashKey(context.Background(), s)
	if err != nil || len(first) < 32 {
		t.Fatalf("VoteHashKey from the store = %x, %v; want 32 bytes", first, err)
	}
	s.Close()
	s, err = settings.OpenSQLite(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if again, err := c.VoteHashKey(context.Background(), s); err != nil || string(again) != string(first) {
		t.Errorf("VoteHashKey after a restart = %x, %v; want %x", again, err, first)
	}
}
