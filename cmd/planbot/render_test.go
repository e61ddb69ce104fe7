package main

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEmphasis(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, plain, ansi string
	}{
		{"no bold", "no bold", "no bold"},
		{"the **army** cap", "the *army* cap", "the \x1b[1marmy\x1b[0m cap"},
		{"**a** and **b**", "*a* and *b*", "\x1b[1ma\x1b[0m and \x1b[1mb\x1b[0m"},
		{"open **end", "open *end", "open \x1b[1mend\x1b[0m"},
	}
	for _, tt := range tests {
		tt.in = strings.ReplaceAll(tt.in, "**", boldMark)
		if got := (&printer{}).emphasis(tt.in); got != tt.plain {
			t.Errorf("plain emphasis(%q) = %q; want %q", tt.in, got, tt.plain)
		}
		if got := (&printer{ansi: true}).emphasis(tt.in); got != tt.ansi {
			t.Errorf("ansi emphasis(%q) = %q; want %q", tt.in, got, tt.ansi)
		}
	}
}

func TestExcerpt(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("lorem ipsum ", 60)
	tests := []struct {
		name, in   string
		max        int
		wantPrefix string
		wantSub    string
	}{
		{"short", "short text", 300, "short text", "short text"},
		{"long", long, 100, "lorem ipsum", "…"},
		{"match late", long + "the **army** cap " + long, 100, "…", "**army**"},
		{"cut inside bold", "x **" + long + "**", 50, "x **lorem", "**…"},
		{"unicode", strings.Repeat("Zaporizhzhia’s ", 40), 60, "Zaporizhzhia’s", "…"},
		{"sentence end", "First sentence ends here. " + long, 30, "First sentence ends here.", "here. …"},
	}
	for _, tt := range tests {
		tt.in = strings.ReplaceAll(tt.in, "**", boldMark)
		tt.wantPrefix = strings.ReplaceAll(tt.wantPrefix, "**", boldMark)
		tt.wantSub = strings.ReplaceAll(tt.wantSub, "**", boldMark)
		got := excerpt(tt.in, tt.max)
		if !strings.HasPrefix(got, tt.wantPrefix) || !strings.Contains(got, tt.wantSub) {
			t.Errorf("%s: excerpt = %q; want prefix %q containing %q", tt.name, got, tt.wantPrefix, tt.wantSub)
		}
		if n := utf8.RuneCountInString(got); n > tt.max+2 {
			t.Errorf("%s: excerpt has %d runes; want at most about %d", tt.name, n, tt.max)
		}
		if !utf8.ValidString(got) {
			t.Errorf("%s: excerpt is not valid UTF-8: %q", tt.name, got)
		}
		if strings.Count(got, boldMark)%2 != 0 {
			t.Errorf("%s: excerpt %q has unbalanced bold", tt.name, got)
		}
	}
}

func TestWrapBalancesBold(t *testing.T) {
	t.Parallel()
	text := "a " + boldMark + strings.Repeat("long bold phrase ", 10) + "end" + boldMark + " tail"
	lines := wrap(text, 30)
	if len(lines) < 3 {
		t.Fatalf("wrap gave %d lines", len(lines))
	}
	for _, l := range lines {
		if utf8.RuneCountInString(l) > 30+4 {
			t.Errorf("line %q longer than the width", l)
		}
		if strings.Count(l, boldMark)%2 != 0 {
			t.Errorf("line %q has unbalanced bold", l)
		}
	}
}

func TestPrinterPara(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	p := &printer{w: &buf}
	p.para("- ", "  ", strings.Repeat("word ", 40))
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if !strings.HasPrefix(lines[0], "- word") || !strings.HasPrefix(lines[1], "  word") {
		t.Errorf("para = %q; want a hanging indent", buf.String())
	}
}
