package corpus_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/planbot/planbot/corpus"
)

// goodFolder copies testdata/good into a fresh folder a test may add
// files to.
func goodFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("testdata", "good")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loadWithin loads dir, failing the test if that takes longer than d
// (the loader hung on a file) instead of hanging the test.
func loadWithin(t *testing.T, d time.Duration, dir string) (*corpus.Corpus, error) {
	t.Helper()
	type result struct {
		c   *corpus.Corpus
		err error
	}
	done := make(chan result, 1)
	go func() {
		c, err := corpus.LoadDir(dir)
		done <- result{c, err}
	}()
	select {
	case r := <-done:
		return r.c, r.err
	case <-time.After(d):
		t.Fatalf("LoadDir(%s) still running after %s: a file blocks it", dir, d)
		return nil, nil
	}
}

// TestLoadDirReadsOnlyRegularFiles puts files that are not regular files
// under a document's name into a good corpus folder: each is named in a
// clear problem at once, and a symlink to a regular file still loads.
func TestLoadDirReadsOnlyRegularFiles(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want string // in the one problem; "" for none
	}{
		{"fifo", func(t *testing.T, path string) {
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
		}, "is a named pipe (FIFO), not a regular file"},
		{"folder", func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o755); err != nil {
				t.Fatal(err)
			}
		}, "is a folder, not a regular file"},
		{"device", func(t *testing.T, path string) {
			if err := os.Symlink("/dev/null", path); err != nil {
				t.Fatal(err)
			}
		}, "is a device, not a regular file"},
		{"dangling symlink", func(t *testing.T, path string) {
			if err := os.Symlink(filepath.Join(t.TempDir(), "gone.md"), path); err != nil {
				t.Fatal(err)
			}
		}, "cannot read the file"},
		{"symlink to a regular file", func(t *testing.T, path string) {
			target := filepath.Join(t.TempDir(), "elsewhere.txt")
			b, err := os.ReadFile(filepath.Join("testdata", "good", "article.md"))
			if err != nil {
				t.Fatal(err)
			}
			b = []byte(strings.Replace(string(b), "id: test-article", "id: linked-article", 1))
			if err := os.WriteFile(target, b, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, path); err != nil {
				t.Fatal(err)
			}
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := goodFolder(t)
			tt.make(t, filepath.Join(dir, "odd.md"))
			c, err := loadWithin(t, 5*time.Second, dir)
			if tt.want == "" {
				if err != nil || c.Document("linked-article") == nil {
					t.Fatalf("LoadDir = %v; want the linked document loaded", err)
				}
				return
			}
			var errs corpus.Errors
			if !errors.As(err, &errs) || len(errs) != 1 {
				t.Fatalf("LoadDir = %v; want one problem naming odd.md", err)
			}
			if got := errs[0].Error(); !strings.HasPrefix(got, filepath.Join(dir, "odd.md")+": ") || !strings.Contains(got, tt.want) {
				t.Errorf("problem = %q; want it to name odd.md and say %q", got, tt.want)
			}
		})
	}
}

// TestLoadDirContextEnds: a load that cannot finish (here, a context that
// has already ended) returns an error wrapping the context's, so that a
// reload or a shutdown never waits on the corpus folder for ever.
func TestLoadDirContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := corpus.LoadDirContext(ctx, goodFolder(t))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("LoadDirContext(ended context) = %v; want context.Canceled", err)
	}
}

// TestLoadDirSizeLimits: a document over MaxFileSize, or a folder whose
// documents add up to more than MaxCorpusSize, is one clear problem, read
// no further; a link to /dev/zero is refused before it is read.
func TestLoadDirSizeLimits(t *testing.T) {
	sparse := func(t *testing.T, path string, size int64) {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("one file", func(t *testing.T) {
		dir := goodFolder(t)
		sparse(t, filepath.Join(dir, "huge.md"), corpus.MaxFileSize+1)
		_, err := loadWithin(t, 5*time.Second, dir)
		var errs corpus.Errors
		if !errors.As(err, &errs) || len(errs) != 1 || !strings.Contains(errs[0].Error(), "huge.md: ") ||
			!strings.Contains(errs[0].Msg, "over the 4 MiB limit") {
			t.Errorf("LoadDir = %v; want one problem: huge.md over the 4 MiB limit", err)
		}
	})
	t.Run("whole corpus", func(t *testing.T) {
		dir := goodFolder(t)
		for i := range int(corpus.MaxCorpusSize/corpus.MaxFileSize) + 1 {
			sparse(t, filepath.Join(dir, "part-"+string(rune('a'+i))+".md"), corpus.MaxFileSize)
		}
		_, err := loadWithin(t, 5*time.Second, dir)
		var errs corpus.Errors
		if !errors.As(err, &errs) || len(errs) != 1 || errs[0].File != dir || !strings.Contains(errs[0].Msg, "over the 64 MiB limit") {
			t.Errorf("LoadDir = %v; want one problem: the folder over the 64 MiB limit", err)
		}
	})
	t.Run("link to dev-zero", func(t *testing.T) {
		dir := goodFolder(t)
		if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.md")); err != nil {
			t.Fatal(err)
		}
		_, err := loadWithin(t, 5*time.Second, dir)
		var errs corpus.Errors
		if !errors.As(err, &errs) || len(errs) != 1 || !strings.Contains(errs[0].Error(), "zero.md: is a device") {
			t.Errorf("LoadDir = %v; want one problem: zero.md is a device", err)
		}
	})
}
