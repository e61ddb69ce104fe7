package settings

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// freshSQLite gives each test its own data folder.
func freshSQLite(t *testing.T) opener {
	dir := filepath.Join(t.TempDir(), "data")
	return func(t *testing.T, log *slog.Logger) Store {
		t.Helper()
		s, err := OpenSQLite(context.Background(), dir, log)
		if err != nil {
			t.Errorf("OpenSQLite(%s) = %v", dir, err)
			t.FailNow()
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
}

func TestOpenSQLiteCreatesFolderAndUsesWAL(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	s, err := OpenSQLite(context.Background(), dir, nil)
	if err != nil {
		t.Fatalf("OpenSQLite(%s) = %v", dir, err)
	}
	defer s.Close()
	if want := filepath.Join(dir, SQLiteFile); s.Path() != want {
		t.Errorf("Path() = %q; want %q", s.Path(), want)
	}
	if _, err := os.Stat(s.Path()); err != nil {
		t.Errorf("database file: %v", err)
	}
	for pragma, want := range map[string]string{"journal_mode": "wal", "busy_timeout": "10000", "foreign_keys": "1"} {
		var got string
		if err := s.db.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil || got != want {
			t.Errorf("PRAGMA %s = %q, %v; want %q", pragma, got, err, want)
		}
	}
}

func TestOpenSQLiteOddPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "what?#100% data")
	s, err := OpenSQLite(context.Background(), dir, nil)
	if err != nil {
		t.Fatalf("OpenSQLite(%q) = %v", dir, err)
	}
	defer s.Close()
	mustSet(t, s, "1", "plan-28-points")
	if _, err := os.Stat(filepath.Join(dir, SQLiteFile)); err != nil {
		t.Errorf("database file not where asked: %v", err)
	}
}

func TestOpenSQLiteErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	notDB := t.TempDir()
	if err := os.WriteFile(filepath.Join(notDB, SQLiteFile), []byte(strings.Repeat("not a database ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, dir string
		want      []string
	}{
		{"empty", "", []string{"PLANBOT_DATA_DIR"}},
		{"a file, not a folder", file, []string{file, "PLANBOT_DATA_DIR"}},
		{"a folder under a file", filepath.Join(file, "sub"), []string{file, "PLANBOT_DATA_DIR"}},
		{"not a database", notDB, []string{filepath.Join(notDB, SQLiteFile), "PLANBOT_DATA_DIR"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := OpenSQLite(context.Background(), tt.dir, nil)
			if err == nil {
				s.Close()
				t.Fatalf("OpenSQLite(%q) = nil error; want one", tt.dir)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("OpenSQLite(%q) = %q; want it to name %q", tt.dir, err, w)
				}
			}
		})
	}
}
