package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestIndexFIFO: planbot index on a folder with a FIFO named like a
// document reports it as a problem at once instead of hanging, and a
// stopped context (SIGTERM) ends the command.
func TestIndexFIFO(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range []string{"plan.md", "article.md"} {
		b, err := os.ReadFile(filepath.Join("testdata", "corpus-good", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	run := func(ctx context.Context) (int, string) {
		var stderr bytes.Buffer
		done := make(chan int, 1)
		go func() {
			done <- runIndex(ctx, LoadConfig(mapEnv(nil)), []string{"--corpus", dir}, &bytes.Buffer{}, &stderr)
		}()
		select {
		case code := <-done:
			return code, stderr.String()
		case <-time.After(10 * time.Second):
			t.Fatalf("planbot index --corpus %s still running after 10 s", dir)
			return 0, ""
		}
	}
	code, stderr := run(context.Background())
	if code != exitFail || !strings.Contains(stderr, "pipe.md: is a named pipe (FIFO), not a regular file") {
		t.Errorf("index = exit %d, %q; want 1 and the FIFO named", code, stderr)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if code, stderr := run(ctx); code == exitOK || !strings.Contains(stderr, "context canceled") {
		t.Errorf("index after SIGTERM = exit %d, %q; want a failure saying it was stopped", code, stderr)
	}
}
