package index

import (
	"errors"
	"fmt"
	"strings"

	"github.com/planbot/planbot/corpus"
)

// Options tune one search.
type Options struct {
	// Limit is how many point results to return at most (default 5).
	Limit int
	// Version is the plan version (document id or label) whose clause
	// heads each hit, as a server chose it; "" means the version the
	// question names ("20-point", "European", "Geneva", "latest", "now"),
	// else the default (draft) plan. The other versions go in Hit.Also.
	Version string
	// Passages is how many article passages to attach to each point
	// (default 2).
	Passages int
	// Strict marks text that was not written as a question to the plan,
	// such as a chat message put through "Check against the plan". It
	// changes nothing today: every search answers only when a point
	// accounts, in its own words or their synonyms, for a telling word,
	// one that tells the clauses apart (fewer than a third of the points
	// use it, and it is neither a party's name, "Kyiv" or "Trump", nor a
	// word of everyday chat; see telling.go). The field stays so callers
	// can say what they search.
	Strict bool
	// Lang is the language the question is in: "en", "uk" or "ru"
	// searches the clauses (and the summaries of the reporting) in that
	// language; "" tells it from the question's letters (QuestionLang),
	// and Cyrillic that could be either language from its words. Set it
	// only when the letters do not tell (QuestionLang returns ""), e.g.
	// from a reader's locale: "en" for a Cyrillic question searches the
	// English texts, where its words are not.
	Lang string
}

// Result is the answer to one question.
type Result struct {
	Query string
	// Lang is the language the question was taken to be in ("en", "uk",
	// "ru"): the clauses were searched, and Hit.Match is, in that
	// language.
	Lang string
	// Ref is set when the question named a point exactly ("point 14",
	// "21d"); that point is then the first hit.
	Ref *Ref
	// Hits are the plan points, best first.
	Hits []*Hit
	// Related are article passages that match but link to no point, shown
	// after the points as related reporting.
	Related []*Passage
	// NoMatch is true when no point scored above the threshold: Hits is
	// then empty and Closest holds the nearest passages, which must not be
	// presented as an answer.
	NoMatch bool
	Closest []*Passage
}

// Span is a byte range [Start, End) of a plain text that matched the
// question. The index returns plain text and spans; Markdown, terminal bold
// and escaping are the business of whoever shows the text.
type Span struct{ Start, End int }

// Ref is an exact reference to a point (and maybe a sub-point) found in a
// question.
type Ref struct {
	Number int
	Letter string // "" for the whole point
}

// Hit is one plan point in a result: the clause of the version that matched
// best, standing for its lineage (the draft point and the clauses of later
// versions that continue it).
type Hit struct {
	Doc   *corpus.Document // the plan version of the clause shown
	Point *corpus.Point    // the clause, numbered as in that version
	// Draft are the points of the default (draft) plan the clause stands
	// for: its own number in the draft, its was: points in a later
	// version, none for a clause new in its version.
	Draft []int
	// Also says what every other plan version does with the point, in
	// date order: its clauses of the lineage ("European counter-proposal
	// §6"), or, with Point nil, that it dropped the point or that its
	// reported text lacks it.
	Also  []Clause
	Score float64
	// Match is the sub-point or sentence that matched best, as plain text
	// (no Markdown, no escaping). It is the point's text when nothing in
	// particular matched (an exact reference).
	Match string
	// Spans are the byte ranges of Match holding the words that decided
	// the match, in order and apart; callers make them bold.
	Spans []Span
	// Letter names the sub-point Match comes from, "" for the point's own
	// text.
	Letter string
	// Passages are the best article passages that discuss the point, from
	// points: links and from the text itself.
	Passages []*Passage
}

// Clause is one numbered point of one plan version, or what a version did
// with a point it has no clause for.
type Clause struct {
	Doc *corpus.Document
	// Point is the clause; nil when Doc dropped the point or its reported
	// text lacks it (Status says which).
	Point *corpus.Point
	// Status is what Doc did with the draft point: original, continued,
	// dropped, not reported.
	Status corpus.Status
	// Gist is the sentence of the clause that says what it does (the one
	// that matched the question best, never one about what the text
	// leaves out), plain text; "" when Point is nil.
	Gist string
}

// Passage is one paragraph of an article section.
type Passage struct {
	Doc     *corpus.Document
	Section *corpus.Section
	// Text is the paragraph (or the part of it around the match, "…"
	// where it was cut) as plain text.
	Text string
	// Spans are the byte ranges of Text holding the question's words.
	Spans []Span
	// Points the section is linked to (its points: line and the "point N"
	// it names).
	Points []int
	Score  float64
}

// PointView is one point in full, for /point and `planbot point`.
type PointView struct {
	Doc   *corpus.Document
	Point *corpus.Point
	// Commentary is every passage linked to the point, best first.
	Commentary []*Passage
}

// ErrNoPoint is wrapped by the errors of Point and Search when a point
// number is not in the plan; errors.As to *RangeError for the details.
var ErrNoPoint = errors.New("no such point")

// RangeError says which numbers a plan has when asked for one it lacks,
// and, for a later version asked for a number of the draft, what became of
// that draft point.
type RangeError struct {
	Number int
	Letter string
	Doc    *corpus.Document
	// Fate is what Doc did with draft point Number; nil when Doc is the
	// draft or the draft has no such point.
	Fate  *corpus.Fate
	Draft *corpus.Document
}

func (e *RangeError) Error() string {
	if e.Letter != "" && e.Doc.Point(e.Number) != nil {
		return fmt.Sprintf("point %d has no sub-point %s", e.Number, e.Letter)
	}
	msg := fmt.Sprintf("there is no point %d in the %s: it has points %s", e.Number, e.Doc.Version, e.Doc.RangeText())
	if e.Fate == nil {
		return msg
	}
	switch e.Fate.Status {
	case corpus.StatusContinued:
		var nums []string
		for _, c := range e.Fate.Clauses {
			nums = append(nums, fmt.Sprintf("§%d", c.Number))
		}
		msg += fmt.Sprintf("; point %d of the %s continues there as %s", e.Number, e.Draft.Version, strings.Join(nums, " and "))
	case corpus.StatusDropped:
		msg += fmt.Sprintf("; point %d of the %s was dropped from it", e.Number, e.Draft.Version)
	case corpus.StatusNotReported:
		msg += fmt.Sprintf("; point %d of the %s is not in its reported text", e.Number, e.Draft.Version)
	}
	return msg
}

func (e *RangeError) Unwrap() error { return ErrNoPoint }

// ErrNoVersion is returned by Point when the version names no plan.
var ErrNoVersion = errors.New("no such plan version")
