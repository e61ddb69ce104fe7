package index

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/planbot/planbot/corpus"
)

// versionCue is a word or phrase of a question that names a plan version.
type versionCue struct {
	re  *regexp.Regexp
	doc *corpus.Document
}

// planNoun is a word for a plan text, which makes an ordinary word beside
// it name a version: "the European plan", "the draft text".
const planNoun = `(?:plan|version|text|proposal|counter[-\s]?proposal|draft|framework|document|deal|one|side)s?`

// newest matches the words that ask for the latest version: "latest",
// "now", "the current plan", "most recent".
var newest = regexp.MustCompile(`(?i)\b(?:latest|newest|now|nowadays|most recent|current(?:ly)?\s+(?:plan|version|draft|text|deal|proposal|framework|one)|as it stands)\b`)

// versionCues lists the words that name each plan: the words of its
// version label that no other plan's label uses ("European",
// "counter-proposal", "20-point", "framework"), written loosely ("20
// point", "counterproposal"), a short id word with a digit ("e3"), and the
// place it was made when that is not a name the synonyms give to a party
// ("Geneva", not "Kyiv").
func (ix *Index) versionCues() []versionCue {
	plans := ix.corpus.Plans()
	words := func(d *corpus.Document) []string {
		return strings.FieldsFunc(strings.ToLower(d.Version), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
		})
	}
	var cues []versionCue
	for _, d := range plans {
		var alts []string
		for _, w := range words(d) {
			shared := false
			for _, o := range plans {
				shared = shared || (o != d && slices.Contains(words(o), w))
			}
			if shared || len(w) < 3 {
				continue
			}
			// "counter-proposal" also as "counter proposal" and
			// "counterproposal"; "20-point" as "20 point(s)".
			parts := strings.Split(w, "-")
			for i := range parts {
				parts[i] = regexp.QuoteMeta(parts[i])
			}
			alt := strings.Join(parts, `[-\s]?`) + `s?`
			if len(parts) == 1 && !strings.ContainsAny(w, "0123456789") {
				// An ordinary word ("European", "framework", "draft")
				// names a version only beside a word for a text.
				alt += `(?:\s+(?:peace\s+)?` + planNoun + `)`
			}
			alts = append(alts, alt)
		}
		for _, w := range strings.Split(strings.ToLower(d.ID), "-") {
			if len(w) >= 2 && strings.ContainsAny(w, "0123456789") && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
				alts = append(alts, regexp.QuoteMeta(w))
			}
		}
		if place := strings.FieldsFunc(d.Place, func(r rune) bool { return r == ' ' || r == ',' || r == '(' }); len(place) > 0 && !ix.namesParty(place[0]) {
			alts = append(alts, regexp.QuoteMeta(strings.ToLower(place[0])))
		}
		if len(alts) > 0 {
			cues = append(cues, versionCue{re: regexp.MustCompile(`(?i)\b(?:` + strings.Join(alts, "|") + `)\b`), doc: d})
		}
	}
	return cues
}

// namesParty reports whether a word belongs to a synonym group: "Kyiv"
// stands for Ukraine, and a question that says it names no version.
func (ix *Index) namesParty(w string) bool {
	ts := ix.terms(w)
	if len(ts) != 1 {
		return len(ts) == 0
	}
	_, ok := ix.byFirstTerm[ts[0]]
	return ok
}

// headVersion is the plan version whose clause heads each hit: the one
// the options name (the server's choice), else the one the question names
// (the first it mentions), else the default plan.
//
// rest is q without the words that named a version: they say which text
// to show, not what the question is about ("European" would otherwise
// find the clauses that mention Europe).
func (ix *Index) headVersion(q string, opt Options) (head *corpus.Document, rest string) {
	rest = q
	var loc []int
	for _, c := range ix.cues {
		if l := c.re.FindStringIndex(q); l != nil && (loc == nil || l[0] < loc[0]) {
			head, loc = c.doc, l
		}
	}
	if l := newest.FindStringIndex(q); l != nil && (loc == nil || l[0] < loc[0]) {
		if plans := ix.corpus.Plans(); len(plans) > 0 {
			head, loc = plans[len(plans)-1], l
		}
	}
	if loc != nil {
		rest = strings.TrimSpace(q[:loc[0]] + " " + q[loc[1]:])
	}
	if opt.Version != "" {
		if d := ix.corpus.Plan(opt.Version); d != nil {
			head = d
		}
	}
	if head == nil {
		head = ix.corpus.DefaultPlan()
	}
	return head, rest
}

// headClause returns the clause of version head that stands for the same
// draft points as u, the best ranked of them when there are several; the
// default plan's clause when head has none (it dropped the point, or its
// reported text lacks it); u itself when neither has one (a clause new in
// its version).
func (ix *Index) headClause(u *pointUnit, head *corpus.Document, rank map[*pointUnit]float64) *pointUnit {
	if head == nil || u.doc == head {
		return u
	}
	draft := ix.draftNumbers(u)
	if len(draft) == 0 {
		return u
	}
	pick := func(d *corpus.Document) *pointUnit {
		var best *pointUnit
		for _, o := range ix.units {
			if o.doc != d || sharedLineage([][]int{draft}, ix.draftNumbers(o)) < 0 {
				continue
			}
			if best == nil || rank[o] > rank[best] {
				best = o
			}
		}
		return best
	}
	if o := pick(head); o != nil {
		return o
	}
	if def := ix.corpus.DefaultPlan(); def != nil && def != head {
		if o := pick(def); o != nil {
			return o
		}
	}
	return u
}

// omission matches a sentence about what a text leaves out rather than
// what it does ("… are not in this text", "… is not taken over"): never
// the one to show for a clause.
var omission = regexp.MustCompile(`(?i)\b(?:(?:is|are) not in (?:this|the|its)\b|not taken over|no longer (?:says|mentions|includes|contains)|(?:is|are) (?:dropped|deleted|left out|omitted)\b|leaves? out\b|omits?\b)`)
