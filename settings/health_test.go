package settings_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"log/slog"

	"github.com/planbot/planbot/settings"
)

// TestOpenSQLiteCorrupt: a database damaged in the middle is found at
// open, by PRAGMA quick_check, not when the first user writes.
func TestOpenSQLiteCorrupt(t *testing.T) {
	dir := t.TempDir()
	s, err := settings.OpenSQLite(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := range 300 { // enough rows for several pages
		if _, err := s.Vote(ctx, settings.Vote{GuildID: "123456789012345678", AnswerID: "a" + strings.Repeat("x", 40) + string(rune('A'+i%26)) + string(rune('a'+i/26)),
			Voter: strings.Repeat("a", 64), Up: true, Question: strings.Repeat("q", 200)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, settings.SQLiteFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 8*4096 {
		t.Fatalf("database of %d bytes; want several pages", len(b))
	}
	for i := 3 * 4096; i < 5*4096; i++ { // two pages in the middle
		b[i] = 0xA5
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = settings.OpenSQLite(ctx, dir, nil)
	if err == nil {
		s.Close()
		t.Fatal("OpenSQLite of a corrupted database succeeded; want the damage reported at open")
	}
	if !strings.Contains(err.Error(), "quick_check") || !strings.Contains(err.Error(), path) {
		t.Errorf("OpenSQLite = %v; want the file and what quick_check found", err)
	}
	if testing.Verbose() {
		t.Log(err)
	}
}

// TestOpenSQLiteReadOnly: a database planbot cannot write is refused at
// open by a write probe. Root writes anywhere, so the folder is made
// immutable (chattr +i) when running as root, if the system allows it.
func TestOpenSQLiteReadOnly(t *testing.T) {
	dir := t.TempDir()
	s, err := settings.OpenSQLite(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	path := filepath.Join(dir, settings.SQLiteFile)
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
			t.Skipf("root, and chattr +i is not allowed here: %v %s", err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
	} else {
		os.Chmod(path, 0o400)
		os.Chmod(dir, 0o500)
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
	}
	s, err = settings.OpenSQLite(context.Background(), dir, nil)
	if err == nil {
		s.Close()
		t.Fatal("OpenSQLite of a read-only database succeeded; want it refused at open")
	}
	if !strings.Contains(err.Error(), "write") {
		t.Errorf("OpenSQLite = %v; want it to say the database cannot be written", err)
	}
	if testing.Verbose() {
		t.Log(err)
	}
}

// lockedLog is a log sink safe for concurrent writes.
type lockedLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestWatchedStore: a store that starts failing is reported unusable and
// its errors are logged once per interval with a count, not once each;
// mistakes of the caller (a malformed id) are not the store's failures.
func TestWatchedStore(t *testing.T) {
	s, err := settings.OpenSQLite(context.Background(), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedLog{}
	w := settings.Watch(s, slog.New(slog.NewTextHandler(logs, nil)), time.Hour)
	ctx := context.Background()
	if _, _, err := w.GuildVersion(ctx, "123456789012345678"); err != nil || w.Usable() != nil {
		t.Fatalf("GuildVersion = %v, Usable = %v; want both nil", err, w.Usable())
	}
	if _, _, err := w.GuildVersion(ctx, "not a guild"); err == nil || w.Usable() != nil {
		t.Errorf("a malformed guild id made the store unusable: %v", w.Usable())
	}
	s.Close() // every call fails from now on
	for range 100 {
		if _, _, err := w.GuildVersion(ctx, "123456789012345678"); err == nil {
			t.Fatal("GuildVersion on a closed store succeeded")
		}
	}
	if w.Usable() == nil {
		t.Errorf("Usable after 100 failures = nil; want the error")
	}
	if n := strings.Count(logs.String(), "settings store failing"); n != 1 {
		t.Errorf("%d log lines for 100 failures within the interval; want 1:\n%s", n, logs)
	}
}
