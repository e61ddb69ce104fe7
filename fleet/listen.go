package fleet

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/planbot/planbot/corpus"
)

// listen keeps a LISTEN connection open until ctx ends, reconnecting with
// a growing, jittered backoff when it is lost.
func (f *Fleet) listen(ctx context.Context) {
	backoff := f.cfg.MinBackoff
	for ctx.Err() == nil {
		start := time.Now()
		err := f.listenOnce(ctx)
		f.listening.Store(false)
		if ctx.Err() != nil {
			return
		}
		if time.Since(start) > f.cfg.MaxBackoff {
			backoff = f.cfg.MinBackoff // it worked for a while: start over
		}
		wait := backoff/2 + rand.N(backoff/2+1)
		f.log.Warn("fleet: LISTEN connection lost; reconnecting", slog.Any("error", err), slog.Duration("in", wait))
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		backoff = min(2*backoff, f.cfg.MaxBackoff)
	}
}

// listenOnce connects, listens, catches up with the last announcement,
// then hands every notification to the worker, until the connection fails
// or ctx ends.
func (f *Fleet) listenOnce(ctx context.Context) error {
	if f.beforeConnect != nil {
		if err := f.beforeConnect(ctx); err != nil {
			return err
		}
	}
	cfg := f.connCfg.Copy()
	// named, so that an operator (or a test) can find it in pg_stat_activity
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	cfg.RuntimeParams["application_name"] = "planbot fleet " + f.cfg.Replica
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", f.where, err)
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		conn.Close(cctx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{f.channel}.Sanitize()); err != nil {
		return fmt.Errorf("listen on %s: %w", f.channel, err)
	}
	f.listening.Store(true)
	f.log.Debug("fleet: listening", slog.String("channel", f.channel))
	// Announcements made while no connection listened are caught up by
	// comparing hashes, whether they were missed or not.
	if err := f.catchUp(ctx, conn, true); err != nil {
		return err
	}
	for {
		wctx, cancel := context.WithTimeout(ctx, f.cfg.Idle)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			hash, from, _ := strings.Cut(n.Payload, " ")
			if !isHash(hash) {
				f.log.Warn("fleet: ignored a notification that names no corpus", slog.String("payload", corpus.ShortHash(n.Payload)))
				continue
			}
			f.log.Debug("fleet: announcement", slog.String("corpus", corpus.ShortHash(hash)), slog.String("from", from))
			f.offer(hash)
		case ctx.Err() != nil:
			return ctx.Err()
		case pgconn.Timeout(err):
			// Quiet for a while: check the connection is alive (a frozen
			// server or a lost route would otherwise wait for ever), and
			// compare hashes in case a notification was lost.
			if err := f.catchUp(ctx, conn, false); err != nil {
				return err
			}
		default:
			return fmt.Errorf("wait for notification: %w", err)
		}
	}
}

// catchUp reads the last announcement and offers it to the worker when
// this replica serves another corpus. After a reconnect (retry) it offers
// it even if this replica tried and failed to follow it, as its folder
// may have been fixed since.
func (f *Fleet) catchUp(ctx context.Context, conn *pgx.Conn, retry bool) error {
	qctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var hash string
	err := conn.QueryRow(qctx, "SELECT hash FROM corpus_announcement WHERE id = 1").Scan(&hash)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the last announcement: %w", err)
	}
	if hash == f.cfg.Index.Corpus().Hash() {
		return nil
	}
	if !retry && hash == f.lastWanted.Load() {
		return nil // tried already; the next announcement or reconnect tries again
	}
	f.log.Info("fleet: catching up with the last announcement", slog.String("corpus", corpus.ShortHash(hash)))
	f.offer(hash)
	return nil
}

// offer hands hash to the worker, replacing an announcement it has not
// started on: during a storm of /reindex only the newest is followed.
func (f *Fleet) offer(hash string) {
	for {
		select {
		case f.latest <- hash:
			return
		default:
		}
		select {
		case <-f.latest:
		default:
		}
	}
}

// work follows announcements one at a time.
func (f *Fleet) work(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case hash := <-f.latest:
			f.follow(ctx, hash)
		}
	}
}

// follow makes this replica serve the corpus want if its own folder holds
// it: it loads the folder, compares hashes, and only then rebuilds. A
// folder that differs or is broken leaves the old index serving; it is
// tried again after each of Config.Retries (a sync may still be copying),
// unless a newer announcement comes first. Every outcome is recorded.
func (f *Fleet) follow(ctx context.Context, want string) {
	f.lastWanted.Store(want)
	defer f.follows.Add(1)
	for attempt := 0; ; attempt++ {
		reason := f.tryFollow(ctx, want)
		served := f.cfg.Index.Corpus().Hash()
		if err := f.record(ctx, served, want, reason); err != nil && ctx.Err() == nil {
			f.log.Warn("fleet: cannot record the corpus served", slog.Any("error", err))
		}
		if reason == "" {
			return
		}
		f.log.Warn("fleet: keeping the corpus served", slog.String("corpus", corpus.ShortHash(served)),
			slog.String("announced", corpus.ShortHash(want)), slog.String("reason", reason), slog.Int("attempt", attempt+1))
		if attempt >= len(f.cfg.Retries) {
			return
		}
		select {
		case <-ctx.Done():
			return
		case newer := <-f.latest:
			f.offer(newer) // the worker takes it next
			return
		case <-time.After(f.cfg.Retries[attempt]):
		}
	}
}

// tryFollow is one attempt of follow; it returns why this replica does
// not serve want, or "".
func (f *Fleet) tryFollow(ctx context.Context, want string) string {
	if f.cfg.Index.Corpus().Hash() == want {
		return ""
	}
	c, err := f.cfg.Load()
	if err != nil {
		return "its corpus folder is broken: " + errText(err)
	}
	if got := c.Hash(); got != want {
		return fmt.Sprintf("its corpus folder holds corpus %s, not %s", corpus.ShortHash(got), corpus.ShortHash(want))
	}
	if _, err := f.cfg.Index.Reload(ctx); err != nil {
		return "reload failed: " + errText(err)
	}
	if got := f.cfg.Index.Corpus().Hash(); got != want {
		// the folder changed between the check and the rebuild
		return fmt.Sprintf("its corpus folder changed during the reload, to corpus %s", corpus.ShortHash(got))
	}
	f.log.Info("fleet: now serving the announced corpus", slog.String("corpus", corpus.ShortHash(want)))
	return ""
}

// isHash reports whether s looks like a corpus hash (corpus.Corpus.Hash):
// 64 lower-case hex digits. Anything else on the channel is not planbot's.
func isHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
