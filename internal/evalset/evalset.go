// Package evalset holds the one copy of planbot's development question set
// (questions.tsv, the retrieval scorer's): question<TAB>draft points. The
// index's eval tests read the file, bot's tests and the load generator the
// questions. It imports nothing of planbot.
package evalset

import (
	_ "embed"
	"strings"
)

// File is the path of questions.tsv from a package directory one below
// the module root (index, bot), for tests that read the points too.
const File = "../internal/evalset/questions.tsv"

//go:embed questions.tsv
var tsv string

// Questions returns the questions of the set, in file order, without their
// points; comment lines (#) and blank lines are skipped.
func Questions() []string {
	var qs []string
	for line := range strings.Lines(tsv) {
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, _, _ := strings.Cut(line, "\t")
		qs = append(qs, q)
	}
	return qs
}
