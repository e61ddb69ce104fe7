package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestParsePointRef(t *testing.T) {
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
