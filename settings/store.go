package settings

import (
	"context"
	"errors"
	"log/slog"
	"time"
)

// Store keeps the settings of each Discord server (guild) and the feedback
// on answers (votes, unmatched questions). Implementations are safe for
// concurrent use; when several writers set the same guild at once, the last
// write wins.
//
// A consumer that needs only part of it, such as a handler that reads the
// default version, can declare its own one-method interface: *SQLite and
// *Postgres satisfy it as well.
type Store interface {
	// GuildVersion returns the default plan version set for guildID, and
	// ok=false (with a nil error) when none is set. It returns an error
	// wrapping ErrBadGuild for an id that is not a Discord snowflake.
	GuildVersion(ctx context.Context, guildID string) (version string, ok bool, err error)
	// SetGuildVersion makes version the default plan version of guildID,
	// replacing any earlier one. The caller checks that version names a
	// plan of the corpus; the store only checks its shape and returns an
	// error wrapping ErrBadVersion or ErrBadGuild for a malformed one.
	SetGuildVersion(ctx context.Context, guildID, version string) error

	// Vote records v, one vote per Voter and AnswerID: a repeat press
	// changes the vote or keeps it, and never counts twice. The result says
	// which (VoteNew, VoteChanged, VoteUnchanged) and the answer's counts
	// after it. It returns an error wrapping ErrBadVote or ErrBadGuild for
	// a malformed vote, which stores nothing.
	Vote(ctx context.Context, v Vote) (VoteResult, error)
	// KeepQuestion records a question that matched nothing. It returns an
	// error wrapping ErrEmptyQuestion or ErrBadGuild for a malformed one.
	KeepQuestion(ctx context.Context, q KeptQuestion) error
	// Feedback returns the questions, voted or kept since the given time
	// (the zero time for all), whose answers got at least one 👎 or that
	// matched nothing; see FeedbackItem for the order and the counts. Any
	// 👎 counts, not only a net majority: one person saying an answer is
	// wrong is worth an admin's look, and the counts are there to rank.
	// Answers whose question is unknown are left out.
	Feedback(ctx context.Context, since time.Time) ([]FeedbackItem, error)
	// VoteKey returns the key for VoterHash that the store keeps: 32 random
	// bytes made on the first call, then the same for every caller, replica
	// and restart. A key kept outside the database (PLANBOT_VOTE_KEY) is
	// better: with the key beside the hashes, someone holding a copy of the
	// database could hash the ids of a server's members to find who voted.
	VoteKey(ctx context.Context) ([]byte, error)

	// Close releases the database. The store must not be used afterwards.
	Close() error
}

// Config says where the settings live. It is filled once in main and handed
// to Open.
type Config struct {
	// DataDir is the folder of the SQLite database, <DataDir>/planbot.db,
	// created if missing. PLANBOT_DATA_DIR.
	DataDir string
	// DatabaseURL, when set, is a PostgreSQL connection string
	// (postgres://user:password@host:5432/db or key=value form) and wins
	// over DataDir. Secret: LogValue leaves out its password.
	// PLANBOT_DATABASE_URL.
	DatabaseURL string
	// Logger receives a line when the store opens or migrates its schema;
	// nil logs nothing.
	Logger *slog.Logger
}

// LogValue shows the backend and where it is, never the password.
func (c Config) LogValue() slog.Value {
	if c.DatabaseURL != "" {
		return slog.GroupValue(
			slog.String("backend", "postgres"),
			slog.String("database", describePostgres(c.DatabaseURL)),
		)
	}
	return slog.GroupValue(
		slog.String("backend", "sqlite"),
		slog.String("data_dir", c.DataDir),
	)
}

// Open opens the store Config names: PostgreSQL when DatabaseURL is set,
// otherwise SQLite in DataDir. It creates or migrates the schema before it
// returns. A store that cannot be opened is an error naming the path or host
// and what to check; Open never falls back from one backend to the other.
func Open(ctx context.Context, cfg Config) (Store, error) {
	// Each case returns a nil Store, not a nil *Postgres or *SQLite in a
	// non-nil interface, on error.
	switch {
	case cfg.DatabaseURL != "":
		p, err := OpenPostgres(ctx, cfg.DatabaseURL, cfg.Logger)
		if err != nil {
			return nil, err
		}
		return p, nil
	case cfg.DataDir != "":
		s, err := OpenSQLite(ctx, cfg.DataDir, cfg.Logger)
		if err != nil {
			return nil, err
		}
		return s, nil
	default:
		return nil, errors.New("open settings store: no place to keep settings (set PLANBOT_DATA_DIR to a writable folder, or PLANBOT_DATABASE_URL to a PostgreSQL database)")
	}
}

// logger returns l, or a logger that discards everything when l is nil.
func logger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}

// logOpened logs that a store opened, what it migrated, and warns when the
// database was migrated by a newer planbot than this one.
func logOpened(log *slog.Logger, backend, where string, applied []int, current int) {
	attrs := []any{
		slog.String("backend", backend),
		slog.String("database", where),
		slog.Int("schema_version", current),
	}
	if len(applied) > 0 {
		attrs = append(attrs, slog.Any("migrated", applied))
	}
	log.Info("settings store opened", attrs...)
	if current > latestVersion() {
		log.Warn("settings store: the database schema is newer than this planbot; running on, as migrations only add",
			slog.String("database", where), slog.Int("schema_version", current), slog.Int("known_version", latestVersion()))
	}
}
