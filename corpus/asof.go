package corpus

// AsOf returns the date (YYYY-MM-DD) of the newest dated document: how far
// the reporting in the corpus goes. Answers show it so that a reader knows
// that later events are not covered, rather than taking the corpus's silence
// for evidence that nothing happened. It returns "" for a corpus without
// documents.
func (c *Corpus) AsOf() string {
	newest := ""
	for _, d := range c.Documents {
		// Dates are checked as YYYY-MM-DD when loading, so they order as
		// strings.
		if d.Date > newest {
			newest = d.Date
		}
	}
	return newest
}
