package corpus

import (
	"fmt"
	"strings"
)

// Error is one problem found in a corpus file: where it is and what to do.
type Error struct {
	File string
	Line int // 0 when the problem is with the file as a whole
	Msg  string
}

// Error returns "file:line: message", or "file: message" when Line is 0.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errors is every problem found in one load. Load returns it (as error) when
// the corpus is bad; use errors.As to list the problems one by one.
type Errors []*Error

// Error returns every problem, one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// errorList collects problems as a file is read.
type errorList struct {
	file string
	errs Errors
}

func (l *errorList) add(line int, format string, args ...any) {
	l.errs = append(l.errs, &Error{File: l.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}
