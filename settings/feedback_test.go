package settings

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// feedbackCases are the votes and kept questions every Store must handle,
// run by TestStore against each kind beside storeCases.
var feedbackCases = []struct {
	name string
	run  func(t *testing.T, open opener)
}{
	{"a repeat vote counts once", testVoteRepeat},
	{"a changed vote moves the counts", testVoteChange},
	{"two voters count two", testVoteTwoVoters},
	{"each answer has its own votes", testVotePerAnswer},
	{"concurrent voters and presses", testVoteConcurrent},
	{"two stores count one vote per voter", testVoteTwoStores},
	{"malformed votes are rejected and store nothing", testVoteBad},
	{"question text is cleaned and capped", testQuestionCapped},
	{"no user id is stored anywhere", testNoUserID},
	{"feedback lists down-voted and unmatched questions", testFeedbackItems},
	{"feedback since filters votes and kept questions", testFeedbackSince},
	{"kept questions need a question", testKeepBad},
	{"reopening keeps votes and the vote key", testVoteReopen},
	{"one vote key, made once", testVoteKeyConcurrent},
	{"a canceled context stops votes", testVoteCanceled},
}

// testKey is the vote key of the tests.
var testKey = []byte("0123456789abcdef0123456789abcdef")

// vote is a Vote by user on answer, asking "army size?" and shown point 6.
func vote(user, answer string, up bool) Vote {
	return Vote{
		AnswerID: answer,
		Voter:    VoterHash(testKey, user, answer),
		Up:       up,
		Question: "How big can Ukraine's army be?",
		Points:   []int{6},
		GuildID:  "1083761230128795648",
	}
}

// mustVote votes v and checks the result.
func mustVote(t *testing.T, s Store, v Vote, want VoteResult) {
	t.Helper()
	got, err := s.Vote(context.Background(), v)
	if err != nil || got != want {
		t.Fatalf("Vote(%s, up=%v) = %+v, %v; want %+v, nil", v.AnswerID, v.Up, got, err, want)
	}
}

func mustKeep(t *testing.T, s Store, q KeptQuestion) {
	t.Helper()
	if err := s.KeepQuestion(context.Background(), q); err != nil {
		t.Fatalf("KeepQuestion(%q) = %v", q.Question, err)
	}
}

func feedback(t *testing.T, s Store, since time.Time) []FeedbackItem {
	t.Helper()
	items, err := s.Feedback(context.Background(), since)
	if err != nil {
		t.Fatalf("Feedback(%v) = %v", since, err)
	}
	return items
}

func testVoteRepeat(t *testing.T, open opener) {
	s := open(t, nil)
	mustVote(t, s, vote("111", "a1", true), VoteResult{VoteNew, 1, 0})
	mustVote(t, s, vote("111", "a1", true), VoteResult{VoteUnchanged, 1, 0})
	mustVote(t, s, vote("111", "a1", true), VoteResult{VoteUnchanged, 1, 0})
	mustVote(t, s, vote("222", "a2", false), VoteResult{VoteNew, 0, 1})
	mustVote(t, s, vote("222", "a2", false), VoteResult{VoteUnchanged, 0, 1})
}

func testVoteChange(t *testing.T, open opener) {
	s := open(t, nil)
	mustVote(t, s, vote("111", "a1", true), VoteResult{VoteNew, 1, 0})
	mustVote(t, s, vote("111", "a1", false), VoteResult{VoteChanged, 0, 1})
	mustVote(t, s, vote("111", "a1", false), VoteResult{VoteUnchanged, 0, 1})
	mustVote(t, s, vote("111", "a1", true), VoteResult{VoteChanged, 1, 0})
	items := feedback(t, s, time.Time{})
	if len(items) != 0 {
		t.Errorf("Feedback after 👎 turned 👍 = %+v; want nothing", items)
	}
}

func testVoteTwoVoters(t *testing.T, open opener) {
	s := open(t, nil)
	mustVote(t, s, vote("111", "a1", true), VoteResult{VoteNew, 1, 0})
	mustVote(t, s, vote("222", "a1", true), VoteResult{VoteNew, 2, 0})
	mustVote(t, s, vote("222", "a1", false), VoteResult{VoteChanged, 1, 1})
	mustVote(t, s, vote("333", "a1", false), VoteResult{VoteNew, 1, 2})
	mustVote(t, s, vote("111", "a1", true), VoteResult{VoteUnchanged, 1, 2})
}

func testVotePerAnswer(t *testing.T, open opener) {
	s := open(t, nil)
	mustVote(t, s, vote("111", "a1", true), VoteResult{VoteNew, 1, 0})
	mustVote(t, s, vote("111", "a2", false), VoteResult{VoteNew, 0, 1})
	mustVote(t, s, vote("111", "a3", true), VoteResult{VoteNew, 1, 0})
	mustVote(t, s, vote("111", "a1", true), VoteResult{VoteUnchanged, 1, 0})
}

// testVoteConcurrent has voters goroutines vote on one answer at once, each
// pressing presses times (alternating 👍 and 👎), and checks that each voter
// counted once: exactly one new vote per voter.
func testVoteConcurrent(t *testing.T, open opener) {
	const voters, presses = 12, 6
	s := open(t, nil)
	results := make(chan VoteResult, voters*presses*2)
	errs := make(chan error, voters*presses*2)
	var wg sync.WaitGroup
	for u := range voters {
		user := fmt.Sprint(100000 + u)
		// Two goroutines per voter: one user pressing on two devices.
		for half := range 2 {
			wg.Go(func() {
				for p := range presses {
					r, err := s.Vote(context.Background(), vote(user, "a1", (p+half)%2 == 0))
					if err != nil {
						errs <- err
						continue
					}
					results <- r
				}
			})
		}
	}
	wg.Wait()
	close(results)
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	count := map[VoteOutcome]int{}
	for r := range results {
		count[r.Outcome]++
		if r.Up+r.Down > voters {
			t.Errorf("Vote result %+v: more votes than voters (%d)", r, voters)
		}
	}
	if count[VoteNew] != voters || count[VoteNew]+count[VoteChanged]+count[VoteUnchanged] != voters*presses*2 {
		t.Errorf("outcomes %v; want %d new of %d", count, voters, voters*presses*2)
	}
	r, err := s.Vote(context.Background(), vote("100000", "a1", true))
	if err != nil || r.Up+r.Down != voters {
		t.Errorf("after the storm, Vote = %+v, %v; want %d votes in all", r, err, voters)
	}
}

// testVoteTwoStores stands for two replicas receiving the same presses.
func testVoteTwoStores(t *testing.T, open opener) {
	a, b := open(t, nil), open(t, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for _, s := range []Store{a, b} {
		wg.Go(func() {
			for u := range 10 {
				if _, err := s.Vote(context.Background(), vote(fmt.Sprint(500+u), "a1", u%2 == 0)); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	mustVote(t, a, vote("500", "a1", true), VoteResult{VoteUnchanged, 5, 5})
	mustVote(t, b, vote("501", "a1", true), VoteResult{VoteChanged, 6, 4})
}

func testVoteBad(t *testing.T, open opener) {
	s := open(t, nil)
	ctx := context.Background()
	good := vote("111", "a1", false)
	for _, tt := range []struct {
		name string
		edit func(*Vote)
		want error
	}{
		{"empty answer id", func(v *Vote) { v.AnswerID = "" }, ErrBadVote},
		{"answer id too long", func(v *Vote) { v.AnswerID = strings.Repeat("1", MaxAnswerIDLen+1) }, ErrBadVote},
		{"answer id with a space", func(v *Vote) { v.AnswerID = "a 1" }, ErrBadVote},
		{"answer id with a newline", func(v *Vote) { v.AnswerID = "a1\n" }, ErrBadVote},
		{"answer id not ASCII", func(v *Vote) { v.AnswerID = "ответ" }, ErrBadVote},
		{"empty voter", func(v *Vote) { v.Voter = "" }, ErrBadVote},
		{"a user id as voter", func(v *Vote) { v.Voter = "1083761230128795648" }, ErrBadVote},
		{"voter in capitals", func(v *Vote) { v.Voter = strings.ToUpper(v.Voter) }, ErrBadVote},
		{"voter one short", func(v *Vote) { v.Voter = v.Voter[1:] }, ErrBadVote},
		{"point 0", func(v *Vote) { v.Points = []int{6, 0} }, ErrBadVote},
		{"point -1", func(v *Vote) { v.Points = []int{-1} }, ErrBadVote},
		{"point 1000", func(v *Vote) { v.Points = []int{1000} }, ErrBadVote},
		{"too many points", func(v *Vote) { v.Points = slices.Repeat([]int{1}, MaxPoints+1) }, ErrBadVote},
		{"bad guild", func(v *Vote) { v.GuildID = "guild" }, ErrBadGuild},
	} {
		v := good
		tt.edit(&v)
		if _, err := s.Vote(ctx, v); !errors.Is(err, tt.want) {
			t.Errorf("%s: Vote = %v; want an error wrapping %v", tt.name, err, tt.want)
		}
	}
	if items := feedback(t, s, time.Time{}); len(items) != 0 {
		t.Errorf("Feedback after bad votes = %+v; want nothing stored", items)
	}
	// The limits themselves are fine; no question or guild is fine.
	v := good
	v.AnswerID = strings.Repeat("~", MaxAnswerIDLen)
	v.Points = slices.Repeat([]int{999}, MaxPoints)
	v.Question, v.GuildID = "", ""
	mustVote(t, s, v, VoteResult{VoteNew, 0, 1})
	if items := feedback(t, s, time.Time{}); len(items) != 0 {
		t.Errorf("Feedback with only a vote without question = %+v; want it left out", items)
	}
}

func testQuestionCapped(t *testing.T, open opener) {
	s := open(t, nil)
	long := strings.Repeat("Сколько войск? ", 100) // 1500 runes, 2 bytes each mostly
	v := vote("111", "a1", false)
	v.Question = "  " + long
	mustVote(t, s, v, VoteResult{VoteNew, 0, 1})
	mustKeep(t, s, KeptQuestion{Question: "\x00bad\xffbytes\x00 " + long + "x"})
	items := feedback(t, s, time.Time{})
	if len(items) != 2 {
		t.Fatalf("Feedback = %+v; want 2 items", items)
	}
	for _, it := range items {
		if n := utf8.RuneCountInString(it.Question); n != MaxQuestionRunes || !strings.HasSuffix(it.Question, "…") || !utf8.ValidString(it.Question) {
			t.Errorf("stored question is %d runes, %q…; want %d ending in …", n, it.Question[:40], MaxQuestionRunes)
		}
		if strings.ContainsRune(it.Question, 0) || strings.HasPrefix(it.Question, " ") {
			t.Errorf("stored question %q…: want no NUL and no leading space", it.Question[:40])
		}
	}
	if !slices.ContainsFunc(items, func(it FeedbackItem) bool { return strings.HasPrefix(it.Question, "bad\uFFFDbytes Сколько") }) {
		t.Errorf("Feedback = %+v; want the kept question with its NULs dropped and bad bytes replaced", items)
	}
	// Exactly the cap is kept whole.
	exact := strings.Repeat("я", MaxQuestionRunes)
	mustKeep(t, s, KeptQuestion{Question: exact})
	if items := feedback(t, s, time.Time{}); !slices.ContainsFunc(items, func(it FeedbackItem) bool { return it.Question == exact }) {
		t.Errorf("a question of exactly %d runes was not kept whole", MaxQuestionRunes)
	}
}

// testNoUserID votes and keeps questions, then reads every table (and, for
// SQLite, the bytes of the database files) looking for the user ids.
func testNoUserID(t *testing.T, open opener) {
	users := []string{"398574935793123456", "712345678901234567"}
	s := open(t, nil)
	key, err := s.VoteKey(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range users {
		v := Vote{AnswerID: "1300000000000000001", Voter: VoterHash(key, u, "1300000000000000001"), Up: i == 0,
			Question: "who pays for reconstruction?", Points: []int{14}, GuildID: "1083761230128795648"}
		if _, err := s.Vote(context.Background(), v); err != nil {
			t.Fatal(err)
		}
		mustKeep(t, s, KeptQuestion{Question: "what about the weather?", GuildID: "1083761230128795648"})
	}
	dump := dumpTables(t, s)
	for _, table := range []string{"answer_votes", "kept_questions", "store_secrets", "who pays for reconstruction?", "what about the weather?"} {
		if !strings.Contains(dump, table) {
			t.Fatalf("the dump lacks %q; dumpTables is broken:\n%s", table, dump)
		}
	}
	if sq, ok := s.(*SQLite); ok {
		for _, suffix := range []string{"", "-wal"} {
			b, err := os.ReadFile(sq.Path() + suffix)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			dump += string(b)
		}
	}
	for _, u := range users {
		if strings.Contains(dump, u) {
			t.Errorf("user id %s is stored:\n%s", u, dump)
		}
	}
}

func testFeedbackItems(t *testing.T, open opener) {
	s := open(t, nil)
	t0 := time.Date(2025, 11, 24, 10, 0, 0, 0, time.UTC)
	at := func(v Vote, min int) Vote { v.At = t0.Add(time.Duration(min) * time.Minute); return v }
	ask := func(v Vote, q string, points ...int) Vote { v.Question, v.Points = q, points; return v }

	// Liked only: left out.
	mustVote(t, s, at(ask(vote("1", "liked", true), "Will sanctions be lifted?", 13), 0), VoteResult{VoteNew, 1, 0})
	// One 👎 among 👍: in, with its counts.
	mustVote(t, s, at(ask(vote("1", "mixed", true), "Who oversees the deal?", 27, 15), 1), VoteResult{VoteNew, 1, 0})
	mustVote(t, s, at(ask(vote("2", "mixed", true), "Who oversees the deal?", 27, 15), 2), VoteResult{VoteNew, 2, 0})
	mustVote(t, s, at(ask(vote("3", "mixed", false), "Who oversees the deal?", 27, 15), 3), VoteResult{VoteNew, 2, 1})
	// The same question on two answers, worded apart: one item, the later
	// wording and the points of the later 👎.
	mustVote(t, s, at(ask(vote("1", "army1", false), "how big can the army be", 6), 4), VoteResult{VoteNew, 0, 1})
	mustVote(t, s, at(ask(vote("2", "army2", false), "How big can the  ARMY be", 6, 21), 5), VoteResult{VoteNew, 0, 1})
	mustVote(t, s, at(ask(vote("3", "army2", false), "How big can the  ARMY be", 6, 21), 6), VoteResult{VoteNew, 0, 2})
	// Unmatched, thrice, in other cases and punctuation.
	mustKeep(t, s, KeptQuestion{Question: "What about the weather?", At: t0.Add(7 * time.Minute)})
	mustKeep(t, s, KeptQuestion{Question: "what about the weather?", GuildID: "42", At: t0.Add(8 * time.Minute)})
	mustKeep(t, s, KeptQuestion{Question: "# what about THE weather!!", At: t0.Add(9 * time.Minute)})
	// Unmatched on one answer and voted 👎 on another.
	mustKeep(t, s, KeptQuestion{Question: "Is Crimea Russian?", At: t0.Add(10 * time.Minute)})
	mustVote(t, s, at(ask(vote("1", "crimea", false), "Is Crimea Russian?", 21), 11), VoteResult{VoteNew, 0, 1})

	got := feedback(t, s, time.Time{})
	want := []FeedbackItem{
		{Question: "# what about THE weather!!", Unmatched: 3, Last: t0.Add(9 * time.Minute)},
		{Question: "How big can the  ARMY be", Points: []int{6, 21}, Down: 3, Answers: 2, Last: t0.Add(6 * time.Minute)},
		{Question: "Is Crimea Russian?", Points: []int{21}, Down: 1, Answers: 1, Unmatched: 1, Last: t0.Add(11 * time.Minute)},
		{Question: "Who oversees the deal?", Points: []int{27, 15}, Up: 2, Down: 1, Answers: 1, Last: t0.Add(3 * time.Minute)},
	}
	if !equalItems(got, want) {
		t.Errorf("Feedback =\n%s\nwant\n%s", formatItems(got), formatItems(want))
	}
}

func testFeedbackSince(t *testing.T, open opener) {
	s := open(t, nil)
	now := time.Now()
	old, recent := now.Add(-10*24*time.Hour), now.Add(-time.Hour)
	v := vote("1", "old", false)
	v.Question, v.At = "an old complaint", old
	mustVote(t, s, v, VoteResult{VoteNew, 0, 1})
	v = vote("1", "new", false)
	v.Question, v.At = "a new complaint", recent
	mustVote(t, s, v, VoteResult{VoteNew, 0, 1})
	v = vote("1", "now", false) // At zero: now
	v.Question = "a complaint of now"
	mustVote(t, s, v, VoteResult{VoteNew, 0, 1})
	mustKeep(t, s, KeptQuestion{Question: "an old question", At: old})
	mustKeep(t, s, KeptQuestion{Question: "a new question", At: recent})
	mustKeep(t, s, KeptQuestion{Question: "a question of now"})

	questions := func(items []FeedbackItem) []string {
		var qs []string
		for _, it := range items {
			qs = append(qs, it.Question)
		}
		slices.Sort(qs)
		return qs
	}
	for _, tt := range []struct {
		since time.Time
		want  []string
	}{
		{time.Time{}, []string{"a complaint of now", "a new complaint", "a new question", "a question of now", "an old complaint", "an old question"}},
		{now.Add(-7 * 24 * time.Hour), []string{"a complaint of now", "a new complaint", "a new question", "a question of now"}},
		{recent, []string{"a complaint of now", "a new complaint", "a new question", "a question of now"}},
		{recent.Add(time.Second), []string{"a complaint of now", "a question of now"}},
		{now.Add(time.Minute), nil},
	} {
		if got := questions(feedback(t, s, tt.since)); !slices.Equal(got, tt.want) {
			t.Errorf("Feedback(since %v ago) = %q; want %q", now.Sub(tt.since).Round(time.Second), got, tt.want)
		}
	}
	// A vote changed later counts from the change.
	v = vote("1", "old", true)
	v.At = recent
	mustVote(t, s, v, VoteResult{VoteChanged, 1, 0})
	v.Up, v.At = false, recent
	mustVote(t, s, v, VoteResult{VoteChanged, 0, 1})
	if got := questions(feedback(t, s, now.Add(-2*time.Hour))); !slices.Contains(got, "an old complaint") {
		t.Errorf("Feedback after an old vote changed = %q; want it listed", got)
	}
	// The times read back are those written, in UTC.
	for _, it := range feedback(t, s, time.Time{}) {
		if it.Last.Location() != time.UTC {
			t.Errorf("%q: Last %v is not UTC", it.Question, it.Last)
		}
		if it.Question == "a new question" && !it.Last.Equal(recent.Truncate(time.Microsecond)) {
			t.Errorf("%q: Last = %v; want %v", it.Question, it.Last, recent)
		}
	}
}

func testKeepBad(t *testing.T, open opener) {
	s := open(t, nil)
	for _, q := range []string{"", "   ", "\x00", "\n\t"} {
		if err := s.KeepQuestion(context.Background(), KeptQuestion{Question: q}); !errors.Is(err, ErrEmptyQuestion) {
			t.Errorf("KeepQuestion(%q) = %v; want ErrEmptyQuestion", q, err)
		}
	}
	if err := s.KeepQuestion(context.Background(), KeptQuestion{Question: "x", GuildID: "abc"}); !errors.Is(err, ErrBadGuild) {
		t.Errorf("KeepQuestion(guild abc) = %v; want ErrBadGuild", err)
	}
	if items := feedback(t, s, time.Time{}); len(items) != 0 {
		t.Errorf("Feedback = %+v; want nothing kept", items)
	}
}

func testVoteReopen(t *testing.T, open opener) {
	s := open(t, nil)
	key, err := s.VoteKey(context.Background())
	if err != nil || len(key) != 32 {
		t.Fatalf("VoteKey() = %x, %v; want 32 bytes", key, err)
	}
	mustVote(t, s, vote("111", "a1", false), VoteResult{VoteNew, 0, 1})
	mustVote(t, s, vote("222", "a1", true), VoteResult{VoteNew, 1, 1})
	mustKeep(t, s, KeptQuestion{Question: "anything about the weather?"})
	before := feedback(t, s, time.Time{})
	s.Close()

	s = open(t, nil)
	if again, err := s.VoteKey(context.Background()); err != nil || string(again) != string(key) {
		t.Errorf("VoteKey() after reopening = %x, %v; want %x", again, err, key)
	}
	mustVote(t, s, vote("111", "a1", false), VoteResult{VoteUnchanged, 1, 1})
	mustVote(t, s, vote("222", "a1", false), VoteResult{VoteChanged, 0, 2})
	after := feedback(t, s, time.Time{})
	if len(before) != 2 || len(after) != 2 {
		t.Fatalf("Feedback before reopening %+v, after %+v; want 2 items each", before, after)
	}
}

func testVoteKeyConcurrent(t *testing.T, open opener) {
	stores := []Store{open(t, nil), open(t, nil)}
	keys := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := stores[i%2].VoteKey(context.Background())
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	for i, k := range keys {
		if len(k) != 32 || string(k) != string(keys[0]) {
			t.Errorf("VoteKey #%d = %x; want the same 32 bytes as #0, %x", i, k, keys[0])
		}
	}
}

func testVoteCanceled(t *testing.T, open opener) {
	s := open(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Vote(ctx, vote("1", "a1", false)); !errors.Is(err, context.Canceled) {
		t.Errorf("Vote(canceled) = %v; want context.Canceled", err)
	}
	if err := s.KeepQuestion(ctx, KeptQuestion{Question: "q"}); !errors.Is(err, context.Canceled) {
		t.Errorf("KeepQuestion(canceled) = %v; want context.Canceled", err)
	}
	if _, err := s.Feedback(ctx, time.Time{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Feedback(canceled) = %v; want context.Canceled", err)
	}
	if items := feedback(t, s, time.Time{}); len(items) != 0 {
		t.Errorf("Feedback = %+v; want nothing stored", items)
	}
}

func equalItems(a, b []FeedbackItem) bool {
	return slices.EqualFunc(a, b, func(x, y FeedbackItem) bool {
		return x.Question == y.Question && slices.Equal(x.Points, y.Points) && x.Up == y.Up && x.Down == y.Down &&
			x.Answers == y.Answers && x.Unmatched == y.Unmatched && x.Last.Equal(y.Last)
	})
}

func formatItems(items []FeedbackItem) string {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "  %q points=%v up=%d down=%d answers=%d unmatched=%d last=%s\n",
			it.Question, it.Points, it.Up, it.Down, it.Answers, it.Unmatched, it.Last.Format(time.RFC3339))
	}
	return b.String()
}

// dumpTables returns every row of every table of s as text, one per line.
func dumpTables(t *testing.T, s Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	switch s := s.(type) {
	case *SQLite:
		rows, err := s.db.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
		if err != nil {
			t.Fatal(err)
		}
		tables := scanNames(t, rows)
		rows.Close()
		for _, table := range tables {
			rows, err := s.db.QueryContext(ctx, `SELECT * FROM "`+table+`"`)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(&b, "%s:", table)
				for _, v := range vals {
					if bs, ok := v.([]byte); ok {
						v = string(bs)
					}
					fmt.Fprintf(&b, " %v", v)
				}
				b.WriteString("\n")
			}
			rows.Close()
		}
	case *Postgres:
		rows, err := s.pool.Query(ctx, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name")
		if err != nil {
			t.Fatal(err)
		}
		tables := scanNames(t, rows)
		rows.Close()
		for _, table := range tables {
			rows, err := s.pool.Query(ctx, `SELECT t::text FROM "`+table+`" t`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var row string
				if err := rows.Scan(&row); err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(&b, "%s: %s\n", table, row)
			}
			rows.Close()
		}
	default:
		t.Fatalf("dumpTables: unknown store %T", s)
	}
	return b.String()
}

// rowScanner is the part of *sql.Rows and pgx.Rows that scanNames reads.
type rowScanner interface {
	Next() bool
	Scan(dest ...any) error
}

// scanNames returns the one text column of every row of rows, in order,
// as dumpTables lists the tables of a store. It fails t on a scan error.
func scanNames(t *testing.T, rows rowScanner) []string {
	t.Helper()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	return names
}

func TestVoterHash(t *testing.T) {
	h := VoterHash(testKey, "111", "a1")
	if !isVoterHash(h) {
		t.Fatalf("VoterHash = %q; want 64 lowercase hex digits", h)
	}
	if again := VoterHash(testKey, "111", "a1"); again != h {
		t.Errorf("VoterHash is not stable: %q, then %q", h, again)
	}
	for _, other := range []string{
		VoterHash(testKey, "112", "a1"),
		VoterHash(testKey, "111", "a2"),
		VoterHash([]byte("another key, just as long as one"), "111", "a1"),
		VoterHash(testKey, "111a", "1"), // the separator keeps these apart
	} {
		if other == h {
			t.Errorf("two different voters or answers hash alike: %q", h)
		}
	}
}

func TestCleanQuestion(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"  army?\n", "army?"},
		{"a\x00b", "ab"},
		{"bad\xff", "bad\uFFFD"},
		{"line one\nline two", "line one\nline two"},
		{strings.Repeat("я", MaxQuestionRunes), strings.Repeat("я", MaxQuestionRunes)},
		{strings.Repeat("я", MaxQuestionRunes+1), strings.Repeat("я", MaxQuestionRunes-1) + "…"},
		{strings.Repeat("a ", MaxQuestionRunes), strings.TrimSpace(strings.Repeat("a ", MaxQuestionRunes/2)) + "…"},
	} {
		if got := CleanQuestion(tt.in); got != tt.want {
			t.Errorf("CleanQuestion(%.20q…) = %.20q… (%d runes); want %.20q… (%d runes)", tt.in, got, utf8.RuneCountInString(got), tt.want, utf8.RuneCountInString(tt.want))
		}
	}
}

func TestVoteOutcomeString(t *testing.T) {
	for o, want := range map[VoteOutcome]string{VoteNew: "new", VoteChanged: "changed", VoteUnchanged: "unchanged", 0: "VoteOutcome(0)"} {
		if got := o.String(); got != want {
			t.Errorf("VoteOutcome(%d).String() = %q; want %q", o, got, want)
		}
	}
}
