package index

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	// wholeRef is a question that is nothing but a reference: "14",
	// "point 14", "clause 14", "#14", "§14", "21d", "21(d)", "point 21 (d)".
	wholeRef = regexp.MustCompile(`(?i)^\s*(?:(?:point|clause|item|paragraph|para|article|no\.?|number|§|#)\s*)?(\d{1,4})\s*(?:\(\s*([a-z])\s*\)|([a-z]))?\s*[?.!]*\s*$`)
	// inlineRef is a reference inside a question: "what does point 14 say",
	// "is clause 21(d) final", "#7".
	inlineRef = regexp.MustCompile(`(?i)(?:\b(?:point|clause)\s*|§\s*|#)(\d{1,4})(?:\(\s*([a-z])\s*\)|([a-z])\b)?`)
)

// parseRef finds an exact point reference in q. whole reports that q is
// nothing but the reference; rest is q without it.
func parseRef(q string) (ref *Ref, whole bool, rest string) {
	if !strings.ContainsAny(q, "0123456789") {
		return nil, false, q
	}
	q = latinRefs(q)
	if m := wholeRef.FindStringSubmatch(q); m != nil {
		return refFrom(m[1], m[2]+m[3]), true, ""
	}
	if loc := inlineRef.FindStringSubmatchIndex(q); loc != nil {
		m := submatches(q, loc)
		rest = strings.TrimSpace(q[:loc[0]] + " " + q[loc[1]:])
		return refFrom(m[1], m[2]+m[3]), false, rest
	}
	return nil, false, q
}

func submatches(s string, loc []int) []string {
	out := make([]string, len(loc)/2)
	for i := range out {
		if loc[2*i] >= 0 {
			out[i] = s[loc[2*i]:loc[2*i+1]]
		}
	}
	return out
}

func refFrom(num, letter string) *Ref {
	n, _ := strconv.Atoi(num)
	return &Ref{Number: n, Letter: strings.ToLower(letter)}
}
