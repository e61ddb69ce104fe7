package index

import (
	"fmt"

	"github.com/planbot/planbot/corpus"
)

// Comparison is what became of one point of the draft plan, version by
// version, for /compare and `planbot compare`.
type Comparison struct {
	Point *corpus.Point    // the draft point
	Draft *corpus.Document // the default plan
	// Fates are every plan version's treatment of the point, in date
	// order; the draft's own comes first when it is the oldest.
	Fates []corpus.Fate
	// Commentary are the passages linked to the point, best first.
	Commentary []*Passage
}

// Compare returns what became of point n of the default plan in every
// version. It returns a *RangeError when the default plan lacks n.
func (ix *Index) Compare(n int) (*Comparison, error) {
	plan := ix.corpus.DefaultPlan()
	if plan == nil {
		return nil, fmt.Errorf("point %d: %w (the corpus has no default plan)", n, ErrNoPoint)
	}
	u := ix.byPoint[pointKey{plan.ID, n}]
	if u == nil {
		return nil, &RangeError{Number: n, Doc: plan}
	}
	return &Comparison{
		Point:      u.point,
		Draft:      plan,
		Fates:      ix.corpus.Fates(n),
		Commentary: ix.passagesFor(u, nil, nil, len(ix.linkedTo(u)), nil),
	}, nil
}
