package corpus

import (
	"strings"
	"unicode/utf8"
)

// ParseSynonyms reads a synonyms.txt: each line a comma-separated group of
// words or phrases that mean the same; '#' starts a comment. Members are
// lower-cased and their spaces folded. file names the file in errors; every
// problem found is returned, each at its line.
func ParseSynonyms(file string, data []byte) ([][]string, Errors) {
	el := &errorList{file: file}
	var groups [][]string
	text := strings.TrimPrefix(string(data), "\ufeff")
	for i, line := range strings.Split(normalizeBreaks(text), "\n") {
		n := i + 1
		if !utf8.ValidString(line) {
			el.add(n, "not UTF-8 text (save the file as UTF-8)")
			continue
		}
		if c := strings.IndexByte(line, '#'); c >= 0 {
			line = line[:c]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		var group []string
		seen := map[string]bool{}
		for _, m := range strings.Split(line, ",") {
			m = strings.ToLower(strings.Join(strings.Fields(m), " "))
			if m == "" {
				el.add(n, "empty member in synonym group (remove the extra comma)")
				continue
			}
			if !seen[m] {
				seen[m] = true
				group = append(group, m)
			}
		}
		if len(group) < 2 {
			el.add(n, "a synonym group needs at least two different words or phrases, separated by commas")
			continue
		}
		groups = append(groups, group)
	}
	return groups, el.errs
}
