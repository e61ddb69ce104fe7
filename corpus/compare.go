package corpus

// Changes is what differs between two loads of a corpus, for the /reindex
// reply. Names are document ids, "doc-id §N" for points and
// "doc-id: Heading" for sections.
type Changes struct {
	DocumentsAdded, DocumentsChanged, DocumentsRemoved []string
	PointsAdded, PointsChanged, PointsRemoved          []string
	SectionsAdded, SectionsChanged, SectionsRemoved    []string
}

// Compare returns what changed from old to new. TODO: implemented with the
// /reindex work.
func Compare(old, new *Corpus) Changes { return Changes{} }
