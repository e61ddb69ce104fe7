package evalset

import (
	"os"
	"strings"
	"testing"
)

func TestQuestions(t *testing.T) {
	qs := Questions()
	if len(qs) < 40 {
		t.Fatalf("Questions() = %d questions; want the whole development set (49)", len(qs))
	}
	if qs[0] != "How big can Ukraine's army be?" {
		t.Errorf("first question = %q; want the file's first row", qs[0])
	}
	for _, q := range qs {
		if q == "" || strings.ContainsAny(q, "\t\n") {
			t.Errorf("question %q: empty or with its points", q)
		}
	}
	if _, err := os.Stat(strings.TrimPrefix(File, "../internal/evalset/")); err != nil {
		t.Errorf("File %q does not name this package's questions.tsv: %v", File, err)
	}
}
