package settings

import (
	"cmp"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Feedback on answers: 👍/👎 votes (table answer_votes) and the questions
// that matched nothing (table kept_questions), read back by planbot
// feedback to become test cases and synonyms. Neither table holds a user
// id: a voter is known only by VoterHash, a keyed hash that differs from one
// answer to the next, which is all the one-vote rule needs.

// MaxQuestionRunes is the longest question the store keeps, in runes; a
// longer one is cut to MaxQuestionRunes-1 runes and "…".
const MaxQuestionRunes = 500

// MaxAnswerIDLen is the longest Vote.AnswerID, in bytes: the length of a
// Discord custom_id.
const MaxAnswerIDLen = 100

// MaxPoints is the most points a Vote may list.
const MaxPoints = 64

// maxPointNumber is the highest point number a Vote may list.
const maxPointNumber = 999

// ErrBadVote is wrapped by the error for a Vote that is malformed: an empty
// or overlong AnswerID, a Voter that is not a VoterHash, or bad points.
var ErrBadVote = errors.New("malformed vote")

// ErrEmptyQuestion is wrapped by the error of KeepQuestion for a question
// that is empty once cleaned.
var ErrEmptyQuestion = errors.New("empty question")

// Vote is one 👍 or 👎 press on an answer.
type Vote struct {
	// AnswerID names the answer voted on, the same for every voter: the
	// Discord message id of the answer, or the interaction id that asked
	// it. 1 to MaxAnswerIDLen bytes of printable ASCII. It must not
	// contain a user id.
	AnswerID string
	// Voter is VoterHash(key, userID, AnswerID): it tells two presses of
	// one user apart from presses of two users without being a user id.
	// The store rejects anything else than 64 lowercase hex digits.
	Voter string
	// Up is true for 👍, false for 👎.
	Up bool
	// Question is the question the answer answered. The store trims it,
	// cuts it to MaxQuestionRunes and keeps it with the first vote on the
	// answer. It may be empty when unknown; Feedback then skips the
	// answer.
	Question string
	// Points are the point numbers the answer showed, best first (each 1
	// to 999, at most MaxPoints of them). Kept with the first vote.
	Points []int
	// GuildID is the server the answer was given in, "" in a direct
	// message.
	GuildID string
	// At is when the button was pressed; the zero time means now.
	At time.Time
}

// VoteOutcome says what a Vote did to the stored votes.
type VoteOutcome int

const (
	// VoteNew is the voter's first vote on the answer.
	VoteNew VoteOutcome = iota + 1
	// VoteChanged turned the voter's 👍 into 👎 or back.
	VoteChanged
	// VoteUnchanged repeated the voter's vote; nothing was written.
	VoteUnchanged
)

// String returns "new", "changed" or "unchanged", fit for a metrics label.
func (o VoteOutcome) String() string {
	switch o {
	case VoteNew:
		return "new"
	case VoteChanged:
		return "changed"
	case VoteUnchanged:
		return "unchanged"
	}
	return "VoteOutcome(" + strconv.Itoa(int(o)) + ")"
}

// VoteResult is what Vote did and the answer's votes after it.
type VoteResult struct {
	Outcome VoteOutcome
	// Up and Down count the answer's 👍 and 👎, one per voter, this vote
	// included.
	Up, Down int
}

// KeptQuestion is a question that matched no point of the plan, kept (when
// PLANBOT_KEEP_QUESTIONS is on) so that an admin can see what people ask.
type KeptQuestion struct {
	// Question is trimmed and cut to MaxQuestionRunes; it must not be
	// empty.
	Question string
	// GuildID is the server it was asked in, "" in a direct message.
	GuildID string
	// At is when it was asked; the zero time means now.
	At time.Time
}

// FeedbackItem is one question that deserves an admin's look: its answers
// got at least one 👎, or it matched nothing, or both. Questions that differ
// only in case, spacing and punctuation are one item.
type FeedbackItem struct {
	// Question is the most recent wording of the question.
	Question string
	// Points are the points shown by the most recent answer to it that got
	// a 👎 (nil when it only matched nothing).
	Points []int
	// Up and Down count the votes on its answers, one per voter and
	// answer, cast since the time Feedback was given.
	Up, Down int
	// Answers is how many answers to it were voted on.
	Answers int
	// Unmatched is how many times it was kept as matching nothing.
	Unmatched int
	// Last is the time of its most recent vote or keep.
	Last time.Time
}

// VoterHash returns the hex HMAC-SHA256, under key, of userID and answerID:
// the Vote.Voter of a user on an answer. The same user gets another hash on
// every answer, so hashes cannot be linked across answers, and without key
// they cannot be matched to user ids. key should be at least 32 random
// bytes, the same for every replica and across restarts (PLANBOT_VOTE_KEY,
// or Store.VoteKey); changing it lets everyone vote once more on old
// answers.
func VoterHash(key []byte, userID, answerID string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("planbot vote v1\x00"))
	m.Write([]byte(userID))
	m.Write([]byte{0})
	m.Write([]byte(answerID))
	return hex.EncodeToString(m.Sum(nil))
}

// voteKeyLen is the length of the key Store.VoteKey makes.
const voteKeyLen = 32

// newVoteKey returns voteKeyLen random bytes.
func newVoteKey() []byte {
	key := make([]byte, voteKeyLen)
	rand.Read(key) // never fails
	return key
}

// voteKeyName is the row of store_secrets that holds the vote key.
const voteKeyName = "vote_key"

// CleanQuestion returns q as the store keeps it: valid UTF-8 without NUL
// bytes, trimmed, and cut to MaxQuestionRunes runes ("…" last when cut).
func CleanQuestion(q string) string {
	q = strings.ToValidUTF8(q, "\uFFFD")
	q = strings.ReplaceAll(q, "\x00", "")
	q = strings.TrimSpace(q)
	if utf8.RuneCountInString(q) <= MaxQuestionRunes {
		return q
	}
	n := 0
	for i := range q {
		if n == MaxQuestionRunes-1 {
			return strings.TrimSpace(q[:i]) + "…"
		}
		n++
	}
	return q
}

// checkVote checks v and returns it cleaned, with At set and in UTC.
func checkVote(v Vote, now time.Time) (Vote, error) {
	if v.AnswerID == "" || len(v.AnswerID) > MaxAnswerIDLen {
		return v, fmt.Errorf("%w: answer id is %d bytes long, want 1 to %d", ErrBadVote, len(v.AnswerID), MaxAnswerIDLen)
	}
	for i := 0; i < len(v.AnswerID); i++ {
		if c := v.AnswerID[i]; c <= ' ' || c > '~' {
			return v, fmt.Errorf("%w: answer id %q has %q at byte %d (want printable ASCII)", ErrBadVote, v.AnswerID, c, i)
		}
	}
	if !isVoterHash(v.Voter) {
		return v, fmt.Errorf("%w: voter is not a VoterHash (want 64 lowercase hex digits, never a user id)", ErrBadVote)
	}
	if len(v.Points) > MaxPoints {
		return v, fmt.Errorf("%w: %d points, more than %d", ErrBadVote, len(v.Points), MaxPoints)
	}
	for _, p := range v.Points {
		if p < 1 || p > maxPointNumber {
			return v, fmt.Errorf("%w: point %d (want 1 to %d)", ErrBadVote, p, maxPointNumber)
		}
	}
	if v.GuildID != "" {
		if err := CheckGuild(v.GuildID); err != nil {
			return v, err
		}
	}
	v.Question = CleanQuestion(v.Question)
	v.At = at(v.At, now)
	return v, nil
}

// checkKept checks q and returns it cleaned, with At set and in UTC.
func checkKept(q KeptQuestion, now time.Time) (KeptQuestion, error) {
	q.Question = CleanQuestion(q.Question)
	if q.Question == "" {
		return q, fmt.Errorf("%w: nothing to keep", ErrEmptyQuestion)
	}
	if q.GuildID != "" {
		if err := CheckGuild(q.GuildID); err != nil {
			return q, err
		}
	}
	q.At = at(q.At, now)
	return q, nil
}

// at returns t, or now when t is zero, in UTC to the microsecond (what
// both databases keep).
func at(t, now time.Time) time.Time {
	if t.IsZero() {
		t = now
	}
	return t.UTC().Truncate(time.Microsecond)
}

func isVoterHash(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// formatPoints and parsePoints convert points to and from the text the
// tables keep: "6,21", "" for none.
func formatPoints(ps []int) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, ",")
}

func parsePoints(s string) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	var ps []int
	for f := range strings.SplitSeq(s, ",") {
		p, err := strconv.Atoi(f)
		if err != nil {
			return nil, fmt.Errorf("stored points %q: %w", s, err)
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// sqliteTime is how SQLite keeps a time: UTC, fixed width, so that text
// order is time order.
const sqliteTime = "2006-01-02T15:04:05.000000Z"

// voteRow and keptRow are the rows Feedback reads.
type voteRow struct {
	answerID, question string
	points             []int
	up                 bool
	at                 time.Time
}

type keptRow struct {
	question string
	at       time.Time
}

// questionKey is what two wordings of one question share: their words
// (runs of letters and digits), lowercased.
func questionKey(q string) string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.Join(words, " ")
}

// feedbackItems groups votes and kept questions by question (ignoring case,
// spacing and punctuation) and returns those with a 👎 or kept as
// unmatched: most 👎 and unmatched first, then the most recent, then by
// question. Rows come in time order, so that of two at the same time the
// later row gives the wording and the points.
func feedbackItems(votes []voteRow, kept []keptRow) []FeedbackItem {
	type group struct {
		item      FeedbackItem
		answers   map[string]bool
		wordingAt time.Time // of Question
		pointsAt  time.Time // of Points, the most recent 👎
	}
	groups := map[string]*group{}
	get := func(q string) *group {
		k := questionKey(q)
		g := groups[k]
		if g == nil {
			g = &group{answers: map[string]bool{}}
			groups[k] = g
		}
		return g
	}
	see := func(g *group, q string, t time.Time) {
		if !t.Before(g.wordingAt) {
			g.item.Question, g.wordingAt = q, t
		}
		if t.After(g.item.Last) {
			g.item.Last = t
		}
	}
	for _, v := range votes {
		if v.question == "" {
			continue
		}
		g := get(v.question)
		see(g, v.question, v.at)
		g.answers[v.answerID] = true
		if v.up {
			g.item.Up++
		} else {
			g.item.Down++
		}
		if !v.up && !v.at.Before(g.pointsAt) {
			g.item.Points, g.pointsAt = v.points, v.at
		}
	}
	for _, k := range kept {
		g := get(k.question)
		see(g, k.question, k.at)
		g.item.Unmatched++
	}
	var items []FeedbackItem
	for _, g := range groups {
		if g.item.Down == 0 && g.item.Unmatched == 0 {
			continue
		}
		g.item.Answers = len(g.answers)
		items = append(items, g.item)
	}
	slices.SortFunc(items, func(a, b FeedbackItem) int {
		return cmp.Or(
			cmp.Compare(b.Down+b.Unmatched, a.Down+a.Unmatched),
			b.Last.Compare(a.Last),
			cmp.Compare(a.Question, b.Question),
		)
	})
	return items
}
