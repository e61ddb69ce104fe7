package corpus

import (
	"strconv"
	"strings"
)

// Status is what became of a point of the draft (default) plan in one plan
// version.
type Status string

// The statuses a draft point can have in a version. A point that no clause
// continues and that the version does not list as dropped is "not
// reported": the sources did not give that part of the text, which is not
// the same as its removal.
const (
	StatusOriginal    Status = "original"     // the draft itself
	StatusContinued   Status = "continued"    // some clause has was: N
	StatusDropped     Status = "dropped"      // listed in the version's dropped:
	StatusNotReported Status = "not reported" // neither
)

// Fate is what one plan version did with a draft point.
type Fate struct {
	Doc     *Document
	Status  Status
	Clauses []*Point // the draft point itself, or the clauses continuing it
}

// Words says in words what the version did with the point, as both the
// bot and the CLI show it: "original", "continued as §6 and §7",
// "dropped", "not in the reported text".
func (f Fate) Words() string {
	switch f.Status {
	case StatusOriginal:
		return "original"
	case StatusContinued:
		nums := make([]string, len(f.Clauses))
		for i, c := range f.Clauses {
			nums[i] = "§" + strconv.Itoa(c.Number)
		}
		if len(nums) == 1 {
			return "continued as " + nums[0]
		}
		return "continued as " + strings.Join(nums[:len(nums)-1], ", ") + " and " + nums[len(nums)-1]
	case StatusDropped:
		return "dropped"
	}
	return "not in the reported text"
}

// Continuing returns the clauses of the plan that continue draft point n
// (their was: names n), in the plan's order.
func (d *Document) Continuing(n int) []*Point {
	var out []*Point
	for _, p := range d.Points {
		for _, w := range p.Was {
			if w == n {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// Fate returns what the plan did with draft point n.
func (d *Document) Fate(n int) Fate {
	f := Fate{Doc: d}
	switch {
	case d.Default:
		if p := d.Point(n); p != nil {
			f.Status, f.Clauses = StatusOriginal, []*Point{p}
		} else {
			f.Status = StatusNotReported
		}
	case len(d.Continuing(n)) > 0:
		f.Status, f.Clauses = StatusContinued, d.Continuing(n)
	case containsInt(d.Dropped, n):
		f.Status = StatusDropped
	default:
		f.Status = StatusNotReported
	}
	return f
}

// Fates returns what every plan version did with draft point n, in date
// order.
func (c *Corpus) Fates(n int) []Fate {
	var out []Fate
	for _, d := range c.Plans() {
		out = append(out, d.Fate(n))
	}
	return out
}

func containsInt(s []int, n int) bool {
	for _, x := range s {
		if x == n {
			return true
		}
	}
	return false
}
