package settings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite" // also registers the cgo-free "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// SQLiteFile is the name of the database file inside the data folder.
const SQLiteFile = "planbot.db"

// sqliteBusyTimeout is how long, in milliseconds, a statement waits for
// another process holding the database's write lock before it fails.
const sqliteBusyTimeout = 10000

// SQLite is the Store in one SQLite file, for a single planbot process. It
// uses write-ahead logging, so readers do not wait for the writer, and a busy
// timeout, so that another process writing the same file makes it wait
// rather than fail.
type SQLite struct {
	db   *sql.DB
	path string
}

var _ Store = (*SQLite)(nil)

// OpenSQLite opens, creating it and the folder if missing, the database
// <dir>/planbot.db, and migrates its schema. log may be nil.
func OpenSQLite(ctx context.Context, dir string, log *slog.Logger) (*SQLite, error) {
	log = logger(log)
	if dir == "" {
		return nil, errors.New("open settings store: empty data folder (set PLANBOT_DATA_DIR to a writable folder)")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open settings store: data folder %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o750); err != nil {
		return nil, fmt.Errorf("open settings store: create data folder: %w (set PLANBOT_DATA_DIR to a folder planbot can write)", err)
	}
	path := filepath.Join(abs, SQLiteFile)
	// Turning a new file to write-ahead logging takes a lock that SQLite
	// does not wait for: two stores opening the same new file at once can
	// get SQLITE_BUSY from the journal_mode pragma itself, whatever the busy
	// timeout. Such an open is tried again, briefly.
	var lastErr error
	for attempt := range sqliteOpenAttempts {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return nil, fmt.Errorf("open settings store %s: %w", path, ctx.Err())
			case <-time.After(time.Duration(attempt) * 20 * time.Millisecond):
			}
		}
		s, err := openSQLiteOnce(ctx, path, log)
		if err == nil {
			return s, nil
		}
		lastErr = err
		if !isBusy(err) {
			break
		}
	}
	return nil, fmt.Errorf("open settings store %s: %w (check that PLANBOT_DATA_DIR is a writable folder on a local disk)", path, lastErr)
}

// sqliteOpenAttempts bounds the tries of an open that found the file busy.
const sqliteOpenAttempts = 10

func openSQLiteOnce(ctx context.Context, path string, log *slog.Logger) (*SQLite, error) {
	db, err := sql.Open("sqlite", sqliteDSN(path))
	if err != nil {
		return nil, err
	}
	// SQLite lets one connection write at a time. One connection per
	// process queues writers in Go instead of in SQLite's busy handler,
	// which keeps concurrent writers of this process from ever seeing
	// SQLITE_BUSY; the busy timeout still covers other processes.
	db.SetMaxOpenConns(1)
	s := &SQLite{db: db, path: path}
	if err := s.init(ctx, log); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// isBusy reports whether err is SQLite's SQLITE_BUSY (the file is locked).
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// sqliteDSN is the modernc.org/sqlite data source name for the file at path:
// a file: URI, escaped so that a path with '?' or '#' stays a path, with the
// pragmas every connection gets.
func sqliteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", sqliteBusyTimeout))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Set("_txlock", "immediate") // BEGIN IMMEDIATE: take the write lock up front
	return "file:" + (&url.URL{Path: filepath.ToSlash(path)}).EscapedPath() + "?" + q.Encode()
}

// init checks the connection, that write-ahead logging is on, and migrates.
func (s *SQLite) init(ctx context.Context, log *slog.Logger) error {
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("read journal mode: %w", err)
	}
	if mode != "wal" {
		log.Warn("settings store: write-ahead logging unavailable, readers will wait for writers",
			slog.String("path", s.path), slog.String("journal_mode", mode))
	}
	if err := s.check(ctx); err != nil {
		return err
	}
	applied, current, err := s.migrate(ctx)
	if err != nil {
		return err
	}
	if err := s.probeWrite(ctx); err != nil {
		return err
	}
	logOpened(log, "sqlite", s.path, applied, current)
	return nil
}

// check runs PRAGMA quick_check, so that a damaged database is found at
// start rather than by the first vote that touches the damaged page.
func (s *SQLite) check(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return fmt.Errorf("PRAGMA quick_check: %w (the file may be damaged; restore it from a backup, or move it away to start afresh)", err)
	}
	defer rows.Close()
	var found []string
	for rows.Next() && len(found) < 3 {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("PRAGMA quick_check: %w", err)
		}
		if line != "ok" {
			found = append(found, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("PRAGMA quick_check: %w (the file may be damaged; restore it from a backup, or move it away to start afresh)", err)
	}
	if len(found) > 0 {
		return fmt.Errorf("PRAGMA quick_check found the database damaged: %s (restore it from a backup, or move it away to start afresh)", strings.Join(found, "; "))
	}
	return nil
}

// probeWrite writes and commits one row, so that a database planbot can
// read but not write (a read-only folder or file, a full disk) is found
// at start rather than by every vote and /settings after it.
func (s *SQLite) probeWrite(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS write_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT NOT NULL);
INSERT INTO write_probe (id, at) VALUES (1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
	ON CONFLICT (id) DO UPDATE SET at = excluded.at`)
	if err != nil {
		return fmt.Errorf("cannot write the database: %w (check that planbot may write the file, the folder and its -wal and -shm files, and that the disk is not full)", err)
	}
	return nil
}

// migrate applies, in one immediate transaction, the migrations the database
// lacks. It returns the versions it applied and the schema version after.
// The write lock BEGIN IMMEDIATE takes serializes two processes opening the
// same file at once.
func (s *SQLite) migrate(ctx context.Context) (applied []int, current int, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("migrate: begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, schemaMigrationsSQLite); err != nil {
		return nil, 0, fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	have, err := sqliteVersions(ctx, tx)
	if err != nil {
		return nil, 0, err
	}
	for _, m := range pending(have) {
		if _, err := tx.ExecContext(ctx, m.sqlite); err != nil {
			return nil, 0, fmt.Errorf("migrate: %d %s: %w", m.version, m.name, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", m.version, m.name); err != nil {
			return nil, 0, fmt.Errorf("migrate: record %d %s: %w", m.version, m.name, err)
		}
		applied = append(applied, m.version)
		have[m.version] = true
	}
	if err := tx.Commit(); err != nil {
		return nil, 0, fmt.Errorf("migrate: commit: %w", err)
	}
	return applied, maxVersion(have), nil
}

// sqliteVersions reads the versions recorded in schema_migrations.
func sqliteVersions(ctx context.Context, tx *sql.Tx) (map[int]bool, error) {
	rows, err := tx.QueryContext(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return nil, fmt.Errorf("migrate: read schema_migrations: %w", err)
	}
	defer rows.Close()
	have := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("migrate: read schema_migrations: %w", err)
		}
		have[v] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("migrate: read schema_migrations: %w", err)
	}
	return have, nil
}

// GuildVersion returns the default version of guildID; see Store.
func (s *SQLite) GuildVersion(ctx context.Context, guildID string) (string, bool, error) {
	if err := CheckGuild(guildID); err != nil {
		return "", false, fmt.Errorf("get guild version: %w", err)
	}
	var v sql.NullString
	err := s.db.QueryRowContext(ctx, "SELECT version FROM guild_settings WHERE guild_id = ?", guildID).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("get version of guild %s from %s: %w", guildID, s.path, err)
	}
	return v.String, v.Valid, nil
}

// SetGuildVersion sets the default version of guildID; see Store.
func (s *SQLite) SetGuildVersion(ctx context.Context, guildID, version string) error {
	if err := CheckGuild(guildID); err != nil {
		return fmt.Errorf("set guild version: %w", err)
	}
	if err := CheckVersion(version); err != nil {
		return fmt.Errorf("set version of guild %s: %w", guildID, err)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO guild_settings (guild_id, version) VALUES (?, ?)
ON CONFLICT (guild_id) DO UPDATE SET version = excluded.version,
	updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`, guildID, version)
	if err != nil {
		return fmt.Errorf("set version of guild %s in %s: %w", guildID, s.path, err)
	}
	return nil
}

// Path returns the database file.
func (s *SQLite) Path() string { return s.path }

// Close closes the database.
func (s *SQLite) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close settings store %s: %w", s.path, err)
	}
	return nil
}
