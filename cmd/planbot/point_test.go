package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestParsePointRef(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in         string
		wantN      int
		wantLetter string
		wantErr    bool
	}{
		{"14", 14, "", false},
		{"21d", 21, "d", false},
		{"21D", 21, "d", false},
		{"21(d)", 21, "d", false},
		{"21 (d)", 21, "d", false},
		{"§6", 6, "", false},
		{"#6", 6, "", false},
		{" 7 ", 7, "", false},
		{"29", 29, "", false}, // the index names the plan's range
		{"0", 0, "", true},
		{"abc", 0, "", true},
		{"", 0, "", true},
		{"-3", 0, "", true},
		{"1.5", 0, "", true},
		{"21dd", 0, "", true},
		{"21(d", 0, "", true},
		{"99999", 0, "", true},
	}
	for _, tt := range tests {
		n, letter, err := parsePointRef(tt.in)
		if tt.wantErr {
			if err == nil || !errors.Is(err, errUsage) {
				t.Errorf("parsePointRef(%q) = %d, %q, %v; want a usage error", tt.in, n, letter, err)
			}
			continue
		}
		if err != nil || n != tt.wantN || letter != tt.wantLetter {
			t.Errorf("parsePointRef(%q) = %d, %q, %v; want %d, %q", tt.in, n, letter, err, tt.wantN, tt.wantLetter)
		}
	}
}

func TestPointJSON(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := planbot(t, nil, "point", "--json", "21d")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var p pointOutput
	if err := json.Unmarshal([]byte(stdout), &p); err != nil {
		t.Fatal(err)
	}
	if p.Point != 21 || p.Letter != "d" || p.Title != "Territories" || len(p.SubPoints) != 4 || len(p.Sources) == 0 || p.Version != "28-point draft" {
		t.Errorf("point --json 21d = %+v; want point 21, letter d, 4 sub-points, sources", p)
	}
	if len(p.Commentary) == 0 {
		t.Errorf("point 21 has no commentary; the default article links to it")
	}
}

func TestPointErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args    []string
		wantErr string
	}{
		{[]string{"point", "29"}, "1–28"},
		{[]string{"point", "14z"}, "no sub-point z"},
		{[]string{"point", "--version", "nonsense", "14"}, `no plan version "nonsense"`},
	}
	for _, tt := range tests {
		_, stderr, code := planbot(t, nil, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.wantErr) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("planbot %q = exit %d, %q; want 2 and one line with %q", tt.args, code, stderr, tt.wantErr)
		}
	}
}

func TestPointVersions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args    []string
		want    int
		wantOut string // in stdout when it succeeds, in stderr when not
	}{
		{[]string{"point", "--corpus", versionsCorpus, "--version", "harbour-v3", "3"}, exitOK,
			"§3 Combined forces\nframework, 2025-12-20 (harbour-v3)\nContinues points 6 and 7 of the harbour draft (every version: planbot compare\n6)."},
		{[]string{"point", "--corpus", versionsCorpus, "--version", "Second Version", "9"}, exitOK, "§9 Victims fund"},
		{[]string{"point", "--corpus", versionsCorpus, "--version", "harbour-v2", "3"}, exitUsage,
			"planbot point: there is no point 3 in the second version: it has points 1–2, 5–9; point 3 of the harbour draft was dropped from it (every version: planbot compare 3)\n"},
		{[]string{"point", "--corpus", versionsCorpus, "--version", "harbour-v2", "4"}, exitUsage,
			"point 4 of the harbour draft is not in its reported text (every version: planbot compare 4)\n"},
		{[]string{"point", "--corpus", versionsCorpus, "--version", "framework", "7"}, exitUsage,
			"point 7 of the harbour draft continues there as §3"},
		{[]string{"point", "--corpus", versionsCorpus, "--version", "framework", "12"}, exitUsage,
			"planbot point: there is no point 12 in the framework: it has points 1–5\n"},
		{[]string{"point", "--version", "20-point framework", "4"}, exitOK, "20-point framework, 2025-12-24 (plan-20-point-framework)"},
		{[]string{"point", "--version", "plan-20-point-framework", "15"}, exitUsage, "it has points 1–14, 16–20"},
	}
	for _, tt := range tests {
		stdout, stderr, code := planbot(t, nil, tt.args...)
		got := stdout
		if tt.want != exitOK {
			got = stderr
			if strings.Count(stderr, "\n") != 1 {
				t.Errorf("planbot %q stderr = %q; want one line", tt.args, stderr)
			}
		}
		if code != tt.want || !strings.Contains(got, tt.wantOut) {
			t.Errorf("planbot %q = exit %d\n%s%s\nwant exit %d and %q", tt.args, code, stdout, stderr, tt.want, tt.wantOut)
		}
		if strings.Contains(got, "not in its reported text") && strings.Contains(got, "dropped") {
			t.Errorf("planbot %q calls a point not reported dropped: %q", tt.args, got)
		}
	}
}
