package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/planbot/planbot/settings"
)

const feedbackAbout = `Prints the questions whose answer someone voted 👎, and those that matched no
point of the plan (kept only when serve runs with PLANBOT_KEEP_QUESTIONS=true),
from the settings store serve uses: SQLite in PLANBOT_DATA_DIR, or
PostgreSQL at PLANBOT_DATABASE_URL. Any 👎 counts, even on an answer others
liked.

The output is a question set in the format of the evaluation's questions.tsv:
one "question<TAB>points" line per question, the points column left empty.
Fill it with the numbers of the points a good answer shows (comma-separated,
e.g. 6 or 5,10), delete what is not a real question, and the file is a test
set for score.py, or a reason for a synonym. The # lines are comments: what
each question got (👎/👍, the points shown, matched nothing) and when.
--json prints those details instead, with the question as stored.`

const feedbackExamples = `  planbot feedback
  planbot feedback --since 30d > new-questions.tsv
  planbot feedback --since all --json
  planbot feedback --data-dir /var/lib/planbot
`

// runFeedback is planbot feedback.
func runFeedback(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("feedback", "feedback [--since 7d] [--json] [--data-dir DIR] [--database-url URL]", feedbackAbout, feedbackExamples)
	since := sinceFlag{text: "7d", ago: 7 * 24 * time.Hour}
	fl.Var(&since, "since", "list what was voted or asked in the last `AGE` (7d, 24h, 30m, 1d12h), since a date (2025-11-20), or all")
	asJSON := fl.Bool("json", false, "print JSON with the counts, the points shown and the last time instead of TSV")
	fl.StringVar(&cfg.DataDir, "data-dir", cfg.DataDir, "read the SQLite store in `DIR` (env PLANBOT_DATA_DIR)")
	// Not StringVar with the configured URL as default: --help would print
	// its password.
	dbURL := fl.String("database-url", "", "read the PostgreSQL store at `URL` instead; wins over --data-dir (env PLANBOT_DATABASE_URL)")
	pos, err := parseFlags(fl, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return fail(stderr, "feedback", err)
	}
	if len(pos) > 0 {
		return fail(stderr, "feedback", usageError("unexpected %q: feedback takes no arguments", strings.Join(pos, " ")))
	}
	if *dbURL != "" {
		cfg.DatabaseURL = *dbURL
	}
	from := since.from(time.Now())

	store, err := openFeedbackStore(ctx, cfg, stderr)
	if err != nil {
		return fail(stderr, "feedback", err)
	}
	defer store.Close()
	items, err := store.Feedback(ctx, from)
	if err != nil {
		return fail(stderr, "feedback", err)
	}
	if *asJSON {
		err = writeJSON(stdout, feedbackOutput(from, items))
	} else {
		err = writeFeedbackTSV(stdout, since, from, items)
	}
	if err != nil {
		return fail(stderr, "feedback", fmt.Errorf("write: %w", err))
	}
	return exitOK
}

// feedbackStore is what feedback needs of the settings store.
type feedbackStore interface {
	Feedback(ctx context.Context, since time.Time) ([]settings.FeedbackItem, error)
	Close() error
}

// openFeedbackStore opens the store serve writes. A SQLite file that does
// not exist is an error rather than a new, empty store: a mistyped folder
// would otherwise print nothing and leave a database behind. Warnings (a
// schema newer than this planbot) go to stderr.
func openFeedbackStore(ctx context.Context, cfg Config, stderr io.Writer) (feedbackStore, error) {
	if cfg.DatabaseURL == "" {
		if cfg.DataDir == "" {
			return nil, usageError("no settings store: give --data-dir DIR (or PLANBOT_DATA_DIR), or --database-url URL (or PLANBOT_DATABASE_URL)")
		}
		path, err := filepath.Abs(filepath.Join(cfg.DataDir, settings.SQLiteFile))
		if err != nil {
			return nil, fmt.Errorf("settings store in %s: %w", cfg.DataDir, err)
		}
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no settings store at %s: give the folder planbot serve keeps it in (--data-dir or PLANBOT_DATA_DIR), or --database-url for PostgreSQL", path)
		} else if err != nil {
			return nil, fmt.Errorf("settings store %s: %w", path, err)
		}
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return settings.Open(ctx, cfg.Settings(log))
}

// sinceFlag is the value of --since: an age back from now, a date, or all.
type sinceFlag struct {
	text string        // as given
	ago  time.Duration // > 0 for an age
	at   time.Time     // non-zero for a date
}

// String returns the flag as given.
func (s *sinceFlag) String() string { return s.text }

// Set parses an age (7d, 24h, 30m, 1d12h, 2w), a date (2025-11-20, UTC) or
// an RFC 3339 time, or "all".
func (s *sinceFlag) Set(v string) error {
	v = strings.TrimSpace(v)
	*s = sinceFlag{text: v}
	if v == "all" || v == "0" {
		return nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		s.at = t
		return nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		s.at = t
		return nil
	}
	d, err := parseAge(v)
	if err != nil {
		return err
	}
	s.ago = d
	return nil
}

// from returns the time --since names, the zero time for all.
func (s sinceFlag) from(now time.Time) time.Time {
	switch {
	case s.ago > 0:
		return now.Add(-s.ago)
	default:
		return s.at
	}
}

// parseAge parses a positive duration that may start with weeks and days
// (2w, 7d, 1d12h) before what time.ParseDuration takes (24h, 30m).
func parseAge(v string) (time.Duration, error) {
	bad := fmt.Errorf("want an age such as 7d, 24h or 30m, a date such as 2025-11-20, or all")
	var d time.Duration
	rest := v
	for _, unit := range []struct {
		suffix string
		d      time.Duration
	}{{"w", 7 * 24 * time.Hour}, {"d", 24 * time.Hour}} {
		i := strings.Index(rest, unit.suffix)
		if i < 0 {
			continue
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil || n < 0 || n > 100*52 {
			return 0, bad
		}
		d += time.Duration(n) * unit.d
		rest = rest[i+1:]
	}
	if rest != "" {
		r, err := time.ParseDuration(rest)
		if err != nil || r < 0 {
			return 0, bad
		}
		d += r
	}
	if d <= 0 {
		return 0, bad
	}
	return d, nil
}

// feedbackJSON is the JSON of planbot feedback --json. since is null for
// --since all.
type feedbackJSON struct {
	Since     *time.Time             `json:"since"`
	Questions []feedbackQuestionJSON `json:"questions"`
}

type feedbackQuestionJSON struct {
	Question    string    `json:"question"`
	PointsShown []int     `json:"points_shown"`
	Down        int       `json:"down"`
	Up          int       `json:"up"`
	Answers     int       `json:"answers"`
	Unmatched   int       `json:"unmatched"`
	Last        time.Time `json:"last"`
}

func feedbackOutput(from time.Time, items []settings.FeedbackItem) feedbackJSON {
	out := feedbackJSON{Questions: []feedbackQuestionJSON{}}
	if !from.IsZero() {
		t := from.UTC().Truncate(time.Second)
		out.Since = &t
	}
	for _, it := range items {
		out.Questions = append(out.Questions, feedbackQuestionJSON{
			Question: it.Question, PointsShown: ints(it.Points), Down: it.Down, Up: it.Up,
			Answers: it.Answers, Unmatched: it.Unmatched, Last: it.Last.UTC(),
		})
	}
	return out
}

// writeFeedbackTSV writes items as a question set for score.py: a header of
// comments, then per question a comment with what it got and the line
// "question<TAB>" with the points column left empty. Questions become one
// line, each once.
func writeFeedbackTSV(w io.Writer, since sinceFlag, from time.Time, items []settings.FeedbackItem) error {
	window := "since the store began"
	switch {
	case since.ago > 0:
		window = fmt.Sprintf("in the last %s (since %s)", since.text, from.UTC().Format("2006-01-02 15:04 UTC"))
	case !from.IsZero():
		window = "since " + from.UTC().Format("2006-01-02 15:04 UTC")
	}
	var b strings.Builder
	var rows int
	seen := map[string]bool{}
	for _, it := range items {
		// The store groups wordings; a question that is empty once on one
		// line, or (rarely) one line like one already written, is left out.
		q := tsvQuestion(it.Question)
		if q == "" || seen[strings.ToLower(q)] {
			continue
		}
		seen[strings.ToLower(q)] = true
		rows++
		fmt.Fprintf(&b, "# %s\n%s\t\n", describeFeedback(it), q)
	}
	fmt.Fprintf(w, "# planbot feedback: %d %s whose answer got a 👎 or that matched no point of the plan, %s; the format of questions.tsv, question<TAB>points.\n",
		rows, plural(rows, "question", "questions"), window)
	fmt.Fprint(w, "# Fill each empty points column with the points a good answer shows (comma-separated, e.g. 6 or 5,10), delete the rows that are not real questions, then: score.py FILE planbot ask --json --\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// describeFeedback says in one line what a question got: its votes and the
// points shown, how often it matched nothing, and when last.
func describeFeedback(it settings.FeedbackItem) string {
	var parts []string
	if it.Down > 0 || it.Up > 0 {
		s := fmt.Sprintf("👎 %d 👍 %d on %d %s", it.Down, it.Up, it.Answers, plural(it.Answers, "answer", "answers"))
		if len(it.Points) > 0 {
			ps := make([]string, len(it.Points))
			for i, p := range it.Points {
				ps[i] = strconv.Itoa(p)
			}
			s += " showing " + strings.Join(ps, ",")
		}
		parts = append(parts, s)
	}
	switch it.Unmatched {
	case 0:
	case 1:
		parts = append(parts, "matched nothing once")
	default:
		parts = append(parts, fmt.Sprintf("matched nothing %d times", it.Unmatched))
	}
	parts = append(parts, "last "+it.Last.UTC().Format("2006-01-02 15:04 UTC"))
	return strings.Join(parts, " · ")
}

// tsvQuestion makes q one TSV field that score.py reads back as q: every
// run of white space (tabs, newlines, line separators) becomes one space,
// other control characters go, and leading '#' go (a line starting with #
// is a comment).
func tsvQuestion(q string) string {
	q = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r), r == '\uFEFF':
			return -1
		}
		return r
	}, q)
	q = strings.Join(strings.Fields(q), " ")
	return strings.TrimSpace(strings.TrimLeft(q, "# "))
}
