package settings

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Watched is a Store that keeps track of whether the store underneath is
// usable, from the outcome of each call, and logs its failures at most
// once per interval with how many there were, so that an outage of the
// database is a few log lines rather than one per request. Errors the
// caller caused (a malformed guild id, version or vote) are passed on
// without counting as failures.
type Watched struct {
	Store
	log      *slog.Logger
	interval time.Duration

	mu        sync.Mutex
	lastErr   error     // nil while the last call succeeded
	failures  int       // since the last log line
	loggedAt  time.Time // of the last "failing" line
	failingAt time.Time // when the current outage began
}

// DefaultLogInterval is how often a Watched store logs while it fails.
const DefaultLogInterval = 10 * time.Second

// Watch returns s watched: its failures are logged to log at most once per
// interval (DefaultLogInterval when 0 or less).
func Watch(s Store, log *slog.Logger, interval time.Duration) *Watched {
	if interval <= 0 {
		interval = DefaultLogInterval
	}
	return &Watched{Store: s, log: logger(log), interval: interval}
}

// Usable returns nil while the last call to the store succeeded, else
// the error of the last failure.
func (w *Watched) Usable() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.lastErr
}

// note records the outcome of one call named op.
func (w *Watched) note(op string, err error) {
	if err != nil && (errors.Is(err, ErrBadGuild) || errors.Is(err, ErrBadVersion) ||
		errors.Is(err, ErrBadVote) || errors.Is(err, ErrEmptyQuestion) || errors.Is(err, context.Canceled)) {
		return // the caller's doing, not the store's
	}
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	if err == nil {
		if w.lastErr != nil {
			w.log.Info("settings store usable again", slog.Duration("after", now.Sub(w.failingAt).Round(time.Millisecond)),
				slog.Int("failures_unlogged", w.failures))
		}
		w.lastErr, w.failures = nil, 0
		return
	}
	if w.lastErr == nil {
		w.failingAt = now
	}
	w.lastErr = fmt.Errorf("%s: %w", op, err)
	w.failures++
	if now.Sub(w.loggedAt) < w.interval {
		return
	}
	w.log.Warn("settings store failing: answers go on without per-server settings and votes",
		slog.Int("failures", w.failures), slog.Duration("within", min(now.Sub(w.loggedAt), now.Sub(w.failingAt)).Round(time.Millisecond)),
		slog.String("last_op", op), slog.Any("error", err))
	w.loggedAt, w.failures = now, 0
}

// GuildVersion calls the store's; see Store.
func (w *Watched) GuildVersion(ctx context.Context, guildID string) (string, bool, error) {
	v, ok, err := w.Store.GuildVersion(ctx, guildID)
	w.note("get guild version", err)
	return v, ok, err
}

// SetGuildVersion calls the store's; see Store.
func (w *Watched) SetGuildVersion(ctx context.Context, guildID, version string) error {
	err := w.Store.SetGuildVersion(ctx, guildID, version)
	w.note("set guild version", err)
	return err
}

// Vote calls the store's; see Store.
func (w *Watched) Vote(ctx context.Context, v Vote) (VoteResult, error) {
	r, err := w.Store.Vote(ctx, v)
	w.note("vote", err)
	return r, err
}

// KeepQuestion calls the store's; see Store.
func (w *Watched) KeepQuestion(ctx context.Context, q KeptQuestion) error {
	err := w.Store.KeepQuestion(ctx, q)
	w.note("keep question", err)
	return err
}

// Feedback calls the store's; see Store.
func (w *Watched) Feedback(ctx context.Context, since time.Time) ([]FeedbackItem, error) {
	items, err := w.Store.Feedback(ctx, since)
	w.note("feedback", err)
	return items, err
}
