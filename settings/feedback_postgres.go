package settings

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Vote records one vote; see Store. Two presses of one voter on two
// replicas at once are safe: the insert of the second waits for the first
// to commit and then sees its row, which SELECT … FOR UPDATE locks before
// comparing.
func (p *Postgres) Vote(ctx context.Context, v Vote) (VoteResult, error) {
	v, err := checkVote(v, time.Now())
	if err != nil {
		return VoteResult{}, fmt.Errorf("vote: %w", err)
	}
	r, err := p.vote(ctx, v)
	if err != nil {
		return VoteResult{}, fmt.Errorf("vote on answer %s in postgres://%s: %w", v.AnswerID, p.where, err)
	}
	return r, nil
}

func (p *Postgres) vote(ctx context.Context, v Vote) (VoteResult, error) {
	tx, err := p.pool.Begin(ctx)
	if err != nil {
		return VoteResult{}, err
	}
	defer tx.Rollback(ctx)
	tag, err := tx.Exec(ctx, `INSERT INTO answer_votes (answer_id, voter, up, question, points, guild_id, voted_at)
VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (answer_id, voter) DO NOTHING`,
		v.AnswerID, v.Voter, v.Up, v.Question, formatPoints(v.Points), nullString(v.GuildID), v.At)
	if err != nil {
		return VoteResult{}, err
	}
	r := VoteResult{Outcome: VoteNew}
	if tag.RowsAffected() == 0 {
		var up bool
		if err := tx.QueryRow(ctx, "SELECT up FROM answer_votes WHERE answer_id = $1 AND voter = $2 FOR UPDATE", v.AnswerID, v.Voter).Scan(&up); err != nil {
			return VoteResult{}, err
		}
		r.Outcome = VoteUnchanged
		if up != v.Up {
			r.Outcome = VoteChanged
			if _, err := tx.Exec(ctx, "UPDATE answer_votes SET up = $1, voted_at = $2 WHERE answer_id = $3 AND voter = $4",
				v.Up, v.At, v.AnswerID, v.Voter); err != nil {
				return VoteResult{}, err
			}
		}
	}
	if err := tx.QueryRow(ctx, "SELECT count(*) FILTER (WHERE up), count(*) FILTER (WHERE NOT up) FROM answer_votes WHERE answer_id = $1",
		v.AnswerID).Scan(&r.Up, &r.Down); err != nil {
		return VoteResult{}, err
	}
	return r, tx.Commit(ctx)
}

// KeepQuestion records a question that matched nothing; see Store.
func (p *Postgres) KeepQuestion(ctx context.Context, q KeptQuestion) error {
	q, err := checkKept(q, time.Now())
	if err != nil {
		return fmt.Errorf("keep question: %w", err)
	}
	if _, err := p.pool.Exec(ctx, "INSERT INTO kept_questions (question, guild_id, kept_at) VALUES ($1, $2, $3)",
		q.Question, nullString(q.GuildID), q.At); err != nil {
		return fmt.Errorf("keep question in postgres://%s: %w", p.where, err)
	}
	return nil
}

// Feedback returns the questions worth an admin's look; see Store. Both
// tables are read in one repeatable-read transaction, so a question kept
// between the two reads is not half seen.
func (p *Postgres) Feedback(ctx context.Context, since time.Time) ([]FeedbackItem, error) {
	var items []FeedbackItem
	err := pgx.BeginTxFunc(ctx, p.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, "SELECT answer_id, question, points, up, voted_at FROM answer_votes WHERE voted_at >= $1 ORDER BY voted_at, answer_id, voter", since)
		if err != nil {
			return fmt.Errorf("read votes: %w", err)
		}
		votes, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (voteRow, error) {
			var v voteRow
			var points string
			if err := row.Scan(&v.answerID, &v.question, &points, &v.up, &v.at); err != nil {
				return v, err
			}
			v.points, err = parsePoints(points)
			v.at = v.at.UTC()
			return v, err
		})
		if err != nil {
			return fmt.Errorf("read votes: %w", err)
		}
		rows, err = tx.Query(ctx, "SELECT question, kept_at FROM kept_questions WHERE kept_at >= $1 ORDER BY kept_at, id", since)
		if err != nil {
			return fmt.Errorf("read kept questions: %w", err)
		}
		kept, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (keptRow, error) {
			var k keptRow
			err := row.Scan(&k.question, &k.at)
			k.at = k.at.UTC()
			return k, err
		})
		if err != nil {
			return fmt.Errorf("read kept questions: %w", err)
		}
		items = feedbackItems(votes, kept)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("feedback from postgres://%s: %w", p.where, err)
	}
	return items, nil
}

// VoteKey returns the vote key kept in the database; see Store.
func (p *Postgres) VoteKey(ctx context.Context) ([]byte, error) {
	key, err := p.voteKey(ctx)
	if err != nil {
		return nil, fmt.Errorf("read vote key from postgres://%s: %w", p.where, err)
	}
	return key, nil
}

func (p *Postgres) voteKey(ctx context.Context) ([]byte, error) {
	var key []byte
	err := p.pool.QueryRow(ctx, "SELECT value FROM store_secrets WHERE name = $1", voteKeyName).Scan(&key)
	if err == nil && len(key) > 0 {
		return key, nil
	}
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return nil, err
	}
	// None yet: make one. Of two replicas doing so at once, the first
	// insert wins and both read it back.
	if _, err := p.pool.Exec(ctx, "INSERT INTO store_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
		voteKeyName, newVoteKey()); err != nil {
		return nil, err
	}
	if err := p.pool.QueryRow(ctx, "SELECT value FROM store_secrets WHERE name = $1", voteKeyName).Scan(&key); err != nil {
		return nil, err
	}
	if len(key) == 0 {
		return nil, errors.New("stored vote key is empty (delete the vote_key row of store_secrets to make a new one)")
	}
	return key, nil
}
