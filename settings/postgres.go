package settings

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// migrateLockKey is the PostgreSQL advisory lock held while migrating, so
// that replicas starting at once migrate one after the other. It spells
// "planbot" in ASCII.
const migrateLockKey int64 = 0x706c616e626f74

// defaultConnectTimeout bounds each connection attempt when the connection
// string sets no connect_timeout.
const defaultConnectTimeout = 10 * time.Second

// Postgres is the Store in a PostgreSQL database, shared by every replica
// of planbot that is given the same database URL.
type Postgres struct {
	pool  *pgxpool.Pool
	where string // user@host:port/dbname, never the password
}

var _ Store = (*Postgres)(nil)

// OpenPostgres connects to the database named by connString (a postgres://
// URL or key=value string, as libpq takes) and migrates its schema. A
// search_path parameter puts the tables in that schema. log may be nil.
// Errors name the user, host and database, never the password.
func OpenPostgres(ctx context.Context, connString string, log *slog.Logger) (*Postgres, error) {
	log = logger(log)
	cfg, err := pgxpool.ParseConfig(connString)
	if err != nil {
		// pgx's message can quote the string back, and its password
		// redaction is best effort: say only what is wrong.
		return nil, errors.New("open settings store: PLANBOT_DATABASE_URL is not a PostgreSQL connection string (want postgres://user:password@host:5432/dbname)")
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = defaultConnectTimeout
	}
	where := pgWhere(cfg.ConnConfig)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open settings store postgres://%s: %w", where, err)
	}
	p := &Postgres{pool: pool, where: where}
	if err := p.init(ctx, log); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open settings store postgres://%s: %w (check PLANBOT_DATABASE_URL, and that the server is running and lets this user create tables)", where, err)
	}
	return p, nil
}

// pgWhere names the database for messages: user@host:port/dbname.
func pgWhere(c *pgx.ConnConfig) string {
	return c.User + "@" + net.JoinHostPort(c.Host, strconv.Itoa(int(c.Port))) + "/" + c.Database
}

// describePostgres names the database of connString without its password,
// or says it cannot be parsed.
func describePostgres(connString string) string {
	cfg, err := pgx.ParseConfig(connString)
	if err != nil {
		return "(unparsable connection string)"
	}
	return "postgres://" + pgWhere(cfg)
}

// oneLine is an error whose text is on one line: pgx puts each address it
// tried to connect to on a line of its own.
type oneLine struct{ err error }

func (e oneLine) Error() string { return strings.Join(strings.Fields(e.err.Error()), " ") }
func (e oneLine) Unwrap() error { return e.err }

// init checks the connection and migrates.
func (p *Postgres) init(ctx context.Context, log *slog.Logger) error {
	if err := p.pool.Ping(ctx); err != nil {
		return fmt.Errorf("connect: %w", oneLine{err})
	}
	applied, current, err := p.migrate(ctx)
	if err != nil {
		return err
	}
	logOpened(log, "postgres", "postgres://"+p.where, applied, current)
	return nil
}

// migrate applies, in one transaction holding the advisory lock
// migrateLockKey, the migrations the database lacks. It returns the versions
// it applied and the schema version after. A replica that starts while
// another migrates waits for the lock, then finds nothing left to do.
func (p *Postgres) migrate(ctx context.Context) (applied []int, current int, err error) {
	tx, err := p.pool.Begin(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("migrate: begin: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrateLockKey); err != nil {
		return nil, 0, fmt.Errorf("migrate: take advisory lock: %w", err)
	}
	if _, err := tx.Exec(ctx, schemaMigrationsPostgres); err != nil {
		return nil, 0, fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	rows, err := tx.Query(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return nil, 0, fmt.Errorf("migrate: read schema_migrations: %w", err)
	}
	versions, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		return nil, 0, fmt.Errorf("migrate: read schema_migrations: %w", err)
	}
	have := map[int]bool{}
	for _, v := range versions {
		have[int(v)] = true
	}
	for _, m := range pending(have) {
		if _, err := tx.Exec(ctx, m.postgres); err != nil {
			return nil, 0, fmt.Errorf("migrate: %d %s: %w", m.version, m.name, err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.version, m.name); err != nil {
			return nil, 0, fmt.Errorf("migrate: record %d %s: %w", m.version, m.name, err)
		}
		applied = append(applied, m.version)
		have[m.version] = true
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, 0, fmt.Errorf("migrate: commit: %w", err)
	}
	return applied, maxVersion(have), nil
}

// GuildVersion returns the default version of guildID; see Store.
func (p *Postgres) GuildVersion(ctx context.Context, guildID string) (string, bool, error) {
	if err := CheckGuild(guildID); err != nil {
		return "", false, fmt.Errorf("get guild version: %w", err)
	}
	var v *string
	err := p.pool.QueryRow(ctx, "SELECT version FROM guild_settings WHERE guild_id = $1", guildID).Scan(&v)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("get version of guild %s from postgres://%s: %w", guildID, p.where, err)
	case v == nil:
		return "", false, nil
	}
	return *v, true, nil
}

// SetGuildVersion sets the default version of guildID; see Store.
func (p *Postgres) SetGuildVersion(ctx context.Context, guildID, version string) error {
	if err := CheckGuild(guildID); err != nil {
		return fmt.Errorf("set guild version: %w", err)
	}
	if err := CheckVersion(version); err != nil {
		return fmt.Errorf("set version of guild %s: %w", guildID, err)
	}
	_, err := p.pool.Exec(ctx, `INSERT INTO guild_settings (guild_id, version) VALUES ($1, $2)
ON CONFLICT (guild_id) DO UPDATE SET version = excluded.version, updated_at = now()`, guildID, version)
	if err != nil {
		return fmt.Errorf("set version of guild %s in postgres://%s: %w", guildID, p.where, err)
	}
	return nil
}

// Close closes every connection of the pool.
func (p *Postgres) Close() error {
	p.pool.Close()
	return nil
}
