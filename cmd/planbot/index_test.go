package main

import (
	"regexp"
	"strings"
	"testing"
)

func TestIndexGoodCorpus(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := planbot(t, nil, "index", "--corpus", "testdata/corpus-good")
	if code != exitOK || stderr != "" {
		t.Fatalf("index good corpus = exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		"corpus     testdata/corpus-good\n",
		"documents  2\n",
		"test-plan", "plan, test draft, 3 points, default",
		"test-article", "article, 3 sections",
		"points     3\n",
		"sections   3\n",
		"synonyms   2 groups\n",
		"ignored    README.txt\n",
		"took       load ",
		"OK",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("index report lacks %q:\n%s", want, stdout)
		}
	}
}

func TestIndexDefaultCorpus(t *testing.T) {
	t.Parallel()
	stdout, _, code := planbot(t, nil, "index")
	if code != exitOK || !strings.Contains(stdout, "corpus/default (embedded)") || !strings.Contains(stdout, "points     69\n") {
		t.Errorf("index = exit %d:\n%s\nwant the embedded corpus with 69 points (28 + 22 + 19)", code, stdout)
	}
}

// TestIndexBadCorpus checks that every problem is printed as file:line:
// message, one per line, with exit status 1 and nothing on stdout.
func TestIndexBadCorpus(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := planbot(t, nil, "index", "--corpus", "testdata/corpus-bad")
	if code != exitFail {
		t.Errorf("exit %d; want 1", code)
	}
	if stdout != "" {
		t.Errorf("stdout = %q; want nothing", stdout)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "planbot index: corpus testdata/corpus-bad has ") {
		t.Fatalf("stderr = %q; want a header and one line per problem", stderr)
	}
	fileLine := regexp.MustCompile(`^testdata/corpus-bad/(plan|article)\.md:\d+: \S`)
	for _, l := range lines[1:] {
		if !fileLine.MatchString(l) {
			t.Errorf("problem line %q is not file:line: message", l)
		}
	}
	for _, want := range []string{"plan.md:7: ", "2025-13-45", "plan.md:15: ", "appears twice", "article.md:1: ", `"date"`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}
