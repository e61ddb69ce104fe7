package index

import (
	"context"
	"time"

	"github.com/planbot/planbot/corpus"
)

// Index is a searchable corpus. It is safe for concurrent use.
type Index struct {
	corpus *corpus.Corpus
	stats  Stats
}

// Stats describes a built index.
type Stats struct {
	Documents, Points, Sections, Passages, Synonyms int
	Took                                            time.Duration
}

// Build indexes c. It returns an error only when bleve fails or ctx ends.
func Build(ctx context.Context, c *corpus.Corpus) (*Index, error) {
	return &Index{corpus: c}, nil
}

// Corpus returns the corpus the index was built from.
func (ix *Index) Corpus() *corpus.Corpus { return ix.corpus }

// Stats returns counts and the build time.
func (ix *Index) Stats() Stats { return ix.stats }

// Close releases the index.
func (ix *Index) Close() error { return nil }

// Search answers q. TODO: ranking.
func (ix *Index) Search(ctx context.Context, q string, opt Options) (*Result, error) {
	return &Result{Query: q}, nil
}

// Point returns point n of the plan version v ("" for the default).
func (ix *Index) Point(v string, n int) (*PointView, error) {
	return nil, ErrNoPoint
}
