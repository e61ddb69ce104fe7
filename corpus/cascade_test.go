package corpus_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planbot/planbot/corpus"
)

// copyDefault copies the embedded corpus's folder into a fresh one.
func copyDefault(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir("default")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("default", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLoadFileErrorFirstAndAlone breaks the front matter of the default
// plan in the real corpus: the load must report that file's own problem
// first and alone for it, without the problems that only follow from it
// (every link "no plan is marked default: true").
func TestLoadFileErrorFirstAndAlone(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{"unclosed YAML list", "id: [unclosed", "front matter: "},
		{"unknown kind", "kind: plann", "front matter: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyDefault(t)
			file := filepath.Join(dir, "plan-28-points.md")
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(b), "\n")
			key := strings.SplitN(tt.line, ":", 2)[0] + ":"
			for i, l := range lines[:15] {
				if strings.HasPrefix(l, key) {
					lines[i] = tt.line
				}
			}
			if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = corpus.LoadDir(dir)
			var errs corpus.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("LoadDir = %v; want Errors", err)
			}
			if len(errs) == 0 || errs[0].File != file || !strings.Contains(errs[0].Msg, tt.want) {
				t.Fatalf("first of %d problems = %v; want %s's front matter", len(errs), errs[0], file)
			}
			if len(errs) != 1 {
				t.Errorf("%d problems; want the cause alone:\n%v", len(errs), err)
			}
		})
	}
}
