package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden transcripts with the current output")

// planbot runs the CLI in-process with args and env and returns what it
// wrote and its exit code.
func planbot(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	code = run(context.Background(), args, &out, &errb, lookup)
	return out.String(), errb.String(), code
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    int
		wantErr string // substring of the one-line stderr; "" for none
	}{
		{"no command", nil, nil, exitUsage, "missing command"},
		{"unknown command", []string{"frobnicate"}, nil, exitUsage, `unknown command "frobnicate"`},
		{"help", []string{"help"}, nil, exitOK, ""},
		{"--help", []string{"--help"}, nil, exitOK, ""},
		{"help unknown", []string{"help", "frob"}, nil, exitUsage, `unknown command "frob"`},
		{"version", []string{"version"}, nil, exitOK, ""},
		{"ask empty", []string{"ask"}, nil, exitUsage, "empty question"},
		{"ask blank", []string{"ask", "  ", ""}, nil, exitUsage, "empty question"},
		{"ask bad flag", []string{"ask", "--frob", "army"}, nil, exitUsage, "flag provided but not defined: -frob"},
		{"ask bad flag after words", []string{"ask", "army", "--frob"}, nil, exitUsage, "-frob"},
		{"ask limit 0", []string{"ask", "--limit", "0", "army"}, nil, exitUsage, "--limit 0"},
		{"ask limit abc", []string{"ask", "--limit", "abc", "army"}, nil, exitUsage, "invalid value"},
		{"ask ok", []string{"ask", "how big can Ukraine's army be?"}, nil, exitOK, ""},
		{"ask json ok", []string{"ask", "--json", "army"}, nil, exitOK, ""},
		{"ask dash question", []string{"ask", "--", "-5", "troops"}, nil, exitOK, ""},
		{"ask missing corpus", []string{"ask", "--corpus", "testdata/nonexistent", "army"}, nil, exitFail, "no such file"},
		{"ask bad corpus", []string{"ask", "--corpus", "testdata/corpus-bad", "army"}, nil, exitFail, "problems"},
		{"ask bad corpus from env", []string{"ask", "army"}, map[string]string{"PLANBOT_CORPUS_DIR": "testdata/corpus-bad"}, exitFail, "problems"},
		{"ask bad config", []string{"ask", "army"}, map[string]string{"PLANBOT_LOG_LEVEL": "loud"}, exitUsage, "PLANBOT_LOG_LEVEL"},
		{"point none", []string{"point"}, nil, exitUsage, "give one point number"},
		{"point two", []string{"point", "1", "2"}, nil, exitUsage, "give one point number"},
		{"point 0", []string{"point", "0"}, nil, exitUsage, "no point 0"},
		{"point 29", []string{"point", "29"}, nil, exitUsage, "29"},
		{"point 999", []string{"point", "999"}, nil, exitUsage, "999"},
		{"point abc", []string{"point", "abc"}, nil, exitUsage, `"abc" is not a point number`},
		{"point -3", []string{"point", "--", "-3"}, nil, exitUsage, `"-3" is not a point number`},
		{"point bad flag", []string{"point", "--frob", "14"}, nil, exitUsage, "-frob"},
		{"point bad corpus", []string{"point", "--corpus", "testdata/corpus-bad", "1"}, nil, exitFail, "problems"},
		{"sources", []string{"sources"}, nil, exitOK, ""},
		{"sources json", []string{"sources", "--json"}, nil, exitOK, ""},
		{"sources extra", []string{"sources", "all"}, nil, exitUsage, "takes no arguments"},
		{"index", []string{"index"}, nil, exitOK, ""},
		{"index good", []string{"index", "--corpus", "testdata/corpus-good"}, nil, exitOK, ""},
		{"index bad", []string{"index", "--corpus", "testdata/corpus-bad"}, nil, exitFail, "problems"},
		{"index extra", []string{"index", "testdata/corpus-good"}, nil, exitUsage, "--corpus DIR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := planbot(t, tt.env, tt.args...)
			if code != tt.want {
				t.Errorf("planbot %q = exit %d; want %d (stderr %q)", tt.args, code, tt.want, stderr)
			}
			if tt.wantErr == "" {
				if stderr != "" {
					t.Errorf("planbot %q wrote to stderr: %q", tt.args, stderr)
				}
				return
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("planbot %q stderr = %q; want it to contain %q", tt.args, stderr, tt.wantErr)
			}
			if !strings.HasPrefix(stderr, "planbot") {
				t.Errorf("planbot %q stderr = %q; want it to start with the program name", tt.args, stderr)
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Errorf("planbot %q printed a stack trace: %q", tt.args, stderr)
			}
			if tt.want == exitUsage && strings.Count(stderr, "\n") != 1 {
				t.Errorf("planbot %q stderr = %q; want one line", tt.args, stderr)
			}
		})
	}
}

func TestHelpEveryCommand(t *testing.T) {
	t.Parallel()
	for _, name := range commandNames() {
		for _, args := range [][]string{{name, "--help"}, {name, "-h"}, {"help", name}} {
			stdout, stderr, code := planbot(t, nil, args...)
			if name == "serve" {
				// serve.go (the bot's) prints its own help, to stderr and
				// without examples; check only that it has one.
				if code != exitOK || !strings.Contains(stdout+stderr, "Usage: planbot serve") {
					t.Errorf("planbot %q = exit %d, %q; want 0 and the usage", args, code, stdout+stderr)
				}
				continue
			}
			if code != exitOK || stderr != "" {
				t.Errorf("planbot %q = exit %d, stderr %q; want 0 and nothing", args, code, stderr)
			}
			for _, want := range []string{"Usage: planbot " + name, "Flags:", "Examples:\n  planbot " + name} {
				if !strings.Contains(stdout, want) {
					t.Errorf("planbot %q help lacks %q:\n%s", args, want, stdout)
				}
			}
		}
	}
	stdout, _, _ := planbot(t, nil, "help")
	for _, name := range commandNames() {
		if !strings.Contains(stdout, "  "+name+" ") {
			t.Errorf("planbot help does not list %s:\n%s", name, stdout)
		}
	}
}

func TestParseFlagsAnywhere(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args      []string
		wantWords []string
		wantJSON  bool
		wantLimit int
	}{
		{[]string{"how", "big"}, []string{"how", "big"}, false, 5},
		{[]string{"--json", "how", "big"}, []string{"how", "big"}, true, 5},
		{[]string{"how", "big", "--json"}, []string{"how", "big"}, true, 5},
		{[]string{"how", "--limit", "3", "big", "-json"}, []string{"how", "big"}, true, 3},
		{[]string{"--limit=2", "--", "--json", "-x"}, []string{"--json", "-x"}, false, 2},
		{[]string{"how", "--", "-x"}, []string{"how", "-x"}, false, 5},
		{nil, nil, false, 5},
	}
	for _, tt := range tests {
		fs := newFlagSet("ask", "", "", "")
		asJSON := fs.Bool("json", false, "")
		limit := fs.Int("limit", 5, "")
		words, err := parseFlags(fs, tt.args, &bytes.Buffer{})
		if err != nil {
			t.Errorf("parseFlags(%q): %v", tt.args, err)
			continue
		}
		if strings.Join(words, "|") != strings.Join(tt.wantWords, "|") || *asJSON != tt.wantJSON || *limit != tt.wantLimit {
			t.Errorf("parseFlags(%q) = %q, json %v, limit %d; want %q, %v, %d", tt.args, words, *asJSON, *limit, tt.wantWords, tt.wantJSON, tt.wantLimit)
		}
	}
}

// checkGolden compares got with testdata/name.golden, or rewrites the file
// under -update.
func checkGolden(t *testing.T, name string, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/planbot -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (review, then go test ./cmd/planbot -update):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// transcript runs planbot and writes the session as a reader would see it:
// the command line, stdout, stderr and a non-zero exit code.
func transcript(t *testing.T, args ...string) string {
	t.Helper()
	stdout, stderr, code := planbot(t, nil, args...)
	var b strings.Builder
	b.WriteString("$ planbot " + strings.Join(args, " ") + "\n")
	b.WriteString(stdout)
	if stderr != "" {
		b.WriteString("[stderr]\n" + stderr)
	}
	if code != 0 {
		fmt.Fprintf(&b, "[exit %d]\n", code)
	}
	return b.String()
}

func TestTranscripts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
	}{
		{"sources", []string{"sources"}},
		{"point-14", []string{"point", "14"}},
		{"point-21d", []string{"point", "21(d)"}},
		{"point-29", []string{"point", "29"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkGolden(t, tt.name, transcript(t, tt.args...))
		})
	}
}
