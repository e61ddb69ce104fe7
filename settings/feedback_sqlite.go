package settings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Vote records one vote; see Store. The transaction takes SQLite's write
// lock first (BEGIN IMMEDIATE), so two presses of one voter, even from two
// processes, are read and written one after the other.
func (s *SQLite) Vote(ctx context.Context, v Vote) (VoteResult, error) {
	v, err := checkVote(v, time.Now())
	if err != nil {
		return VoteResult{}, fmt.Errorf("vote: %w", err)
	}
	r, err := s.vote(ctx, v)
	if err != nil {
		return VoteResult{}, fmt.Errorf("vote on answer %s in %s: %w", v.AnswerID, s.path, err)
	}
	return r, nil
}

func (s *SQLite) vote(ctx context.Context, v Vote) (VoteResult, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return VoteResult{}, err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO answer_votes (answer_id, voter, up, question, points, guild_id, voted_at)
VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (answer_id, voter) DO NOTHING`,
		v.AnswerID, v.Voter, v.Up, v.Question, formatPoints(v.Points), nullString(v.GuildID), v.At.Format(sqliteTime))
	if err != nil {
		return VoteResult{}, err
	}
	r := VoteResult{Outcome: VoteNew}
	if n, err := res.RowsAffected(); err != nil {
		return VoteResult{}, err
	} else if n == 0 {
		var up bool
		if err := tx.QueryRowContext(ctx, "SELECT up FROM answer_votes WHERE answer_id = ? AND voter = ?", v.AnswerID, v.Voter).Scan(&up); err != nil {
			return VoteResult{}, err
		}
		r.Outcome = VoteUnchanged
		if up != v.Up {
			r.Outcome = VoteChanged
			if _, err := tx.ExecContext(ctx, "UPDATE answer_votes SET up = ?, voted_at = ? WHERE answer_id = ? AND voter = ?",
				v.Up, v.At.Format(sqliteTime), v.AnswerID, v.Voter); err != nil {
				return VoteResult{}, err
			}
		}
	}
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(sum(up), 0), count(*) - coalesce(sum(up), 0) FROM answer_votes WHERE answer_id = ?",
		v.AnswerID).Scan(&r.Up, &r.Down); err != nil {
		return VoteResult{}, err
	}
	return r, tx.Commit()
}

// KeepQuestion records a question that matched nothing; see Store.
func (s *SQLite) KeepQuestion(ctx context.Context, q KeptQuestion) error {
	q, err := checkKept(q, time.Now())
	if err != nil {
		return fmt.Errorf("keep question: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, "INSERT INTO kept_questions (question, guild_id, kept_at) VALUES (?, ?, ?)",
		q.Question, nullString(q.GuildID), q.At.Format(sqliteTime)); err != nil {
		return fmt.Errorf("keep question in %s: %w", s.path, err)
	}
	return nil
}

// Feedback returns the questions worth an admin's look; see Store.
func (s *SQLite) Feedback(ctx context.Context, since time.Time) ([]FeedbackItem, error) {
	from := ""
	if !since.IsZero() {
		from = since.UTC().Format(sqliteTime)
	}
	votes, err := s.votes(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("read votes from %s: %w", s.path, err)
	}
	kept, err := s.kept(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("read kept questions from %s: %w", s.path, err)
	}
	return feedbackItems(votes, kept), nil
}

func (s *SQLite) votes(ctx context.Context, from string) ([]voteRow, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT answer_id, question, points, up, voted_at FROM answer_votes WHERE voted_at >= ? ORDER BY voted_at, answer_id, voter", from)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var vs []voteRow
	for rows.Next() {
		var v voteRow
		var points, when string
		if err := rows.Scan(&v.answerID, &v.question, &points, &v.up, &when); err != nil {
			return nil, err
		}
		if v.points, err = parsePoints(points); err != nil {
			return nil, err
		}
		if v.at, err = time.Parse(sqliteTime, when); err != nil {
			return nil, fmt.Errorf("vote time %q: %w", when, err)
		}
		vs = append(vs, v)
	}
	return vs, rows.Err()
}

func (s *SQLite) kept(ctx context.Context, from string) ([]keptRow, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT question, kept_at FROM kept_questions WHERE kept_at >= ? ORDER BY kept_at, id", from)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ks []keptRow
	for rows.Next() {
		var k keptRow
		var when string
		if err := rows.Scan(&k.question, &when); err != nil {
			return nil, err
		}
		if k.at, err = time.Parse(sqliteTime, when); err != nil {
			return nil, fmt.Errorf("keep time %q: %w", when, err)
		}
		ks = append(ks, k)
	}
	return ks, rows.Err()
}

// VoteKey returns the vote key kept in the database; see Store.
func (s *SQLite) VoteKey(ctx context.Context) ([]byte, error) {
	key, err := s.voteKey(ctx)
	if err != nil {
		return nil, fmt.Errorf("read vote key from %s: %w", s.path, err)
	}
	return key, nil
}

func (s *SQLite) voteKey(ctx context.Context) ([]byte, error) {
	var key []byte
	err := s.db.QueryRowContext(ctx, "SELECT value FROM store_secrets WHERE name = ?", voteKeyName).Scan(&key)
	if err == nil && len(key) > 0 {
		return key, nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	// None yet: make one. Of two processes doing so at once, the first
	// insert wins and both read it back.
	if _, err := s.db.ExecContext(ctx, "INSERT INTO store_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
		voteKeyName, newVoteKey()); err != nil {
		return nil, err
	}
	if err := s.db.QueryRowContext(ctx, "SELECT value FROM store_secrets WHERE name = ?", voteKeyName).Scan(&key); err != nil {
		return nil, err
	}
	if len(key) == 0 {
		return nil, errors.New("stored vote key is empty (delete the vote_key row of store_secrets to make a new one)")
	}
	return key, nil
}

// nullString is s, or NULL when s is empty.
func nullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}
