package corpus

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

const (
	// mentionNumber is a point number: up to three digits, perhaps with a
	// sub-point letter (21d, 21(d)); 600,000 is read whole so that it is
	// not taken for point 600.
	mentionNumber = `(\d{1,3}(?:,\d{3})+\b|\d{1,3}\b)(?:[a-z]\b|\([a-z]\))?`
	// mentionSep joins the numbers of a list: "5, 10 and 27", "1–3".
	mentionSep = `\s*(?:,(?:\s*(?:and|or)\b)?|\band\b|\bor\b|\bto\b|&|-|–|—)\s*`
)

var (
	pointMention     = regexp.MustCompile(`(?i)\bpoints?\s+` + mentionNumber + `(?:` + mentionSep + mentionNumber + `)*`)
	pointMentionItem = regexp.MustCompile(`(?i)(` + mentionSep + `)?` + mentionNumber)
)

// Mentions returns the point numbers that the section's paragraphs name
// explicitly, in ascending order: "point 14", "Point 14 of the plan",
// "points 5 and 10", "points 5, 10 and 27", "points 1–3" (a range of up to 50), "point
// 21d". Numbers in "28-point plan" or "600,000" are not mentions. The
// numbers are taken to be the draft's; callers keep those the plan has.
func (s *Section) Mentions() []int {
	var ns []int
	for _, p := range s.Paragraphs {
		ns = append(ns, mentions(p)...)
	}
	slices.Sort(ns)
	return slices.Compact(ns)
}

// mentions returns the point numbers text names, in the order it names them.
func mentions(text string) []int {
	var ns []int
	for _, list := range pointMention.FindAllString(text, -1) {
		list = list[strings.IndexAny(list, "0123456789"):]
		prev := 0
		for _, m := range pointMentionItem.FindAllStringSubmatch(list, -1) {
			sep, num := strings.ToLower(strings.TrimSpace(m[1])), m[2]
			n, err := strconv.Atoi(num)
			if err != nil || n < 1 { // 600,000 or 0
				prev = 0
				continue
			}
			if prev > 0 && n > prev && n-prev <= 50 && (sep == "-" || sep == "–" || sep == "—" || sep == "to") {
				for i := prev + 1; i < n; i++ {
					ns = append(ns, i)
				}
			}
			ns = append(ns, n)
			prev = n
		}
	}
	return ns
}
