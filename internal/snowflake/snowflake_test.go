package snowflake

import "testing"

func TestValid(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"1":                     true,
		"123456789012345678":    true,
		"18446744073709551615":  true,  // the largest uint64
		"18446744073709551616":  false, // one more
		"":                      false,
		"+12":                   false,
		"-12":                   false,
		"12a":                   false,
		" 12":                   false,
		"my-role":               false,
		"123456789012345678901": false,
	} {
		if got := Valid(s); got != want {
			t.Errorf("Valid(%q) = %v; want %v", s, got, want)
		}
	}
}
