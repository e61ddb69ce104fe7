package corpus

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Changes is what differs between two loads of a corpus, for the /reindex
// reply. Names are document ids, "doc-id §N" for points and
// "doc-id: Heading" for sections.
type Changes struct {
	DocumentsAdded, DocumentsChanged, DocumentsRemoved []string
	PointsAdded, PointsChanged, PointsRemoved          []string
	SectionsAdded, SectionsChanged, SectionsRemoved    []string
	// SynonymsChanged says the groups of synonyms.txt differ.
	SynonymsChanged bool
}

// Diff returns what changed from old to new (either may be nil: empty),
// matching documents by id, points by number and sections by heading
// ("doc-id: Heading (2)" for a repeated one); file names and line numbers
// do not count. A document added or removed whole lists none of its parts.
func Diff(old, new *Corpus) Changes {
	var ch Changes
	oldDocs, newDocs := documents(old), documents(new)
	for _, d := range newDocs {
		o := find(oldDocs, d.ID)
		if o == nil {
			ch.DocumentsAdded = append(ch.DocumentsAdded, d.ID)
			continue
		}
		if !sameFrontMatter(o, d) || !slices.EqualFunc(o.Points, d.Points, samePoint) ||
			!slices.EqualFunc(o.Sections, d.Sections, sameSection) {
			ch.DocumentsChanged = append(ch.DocumentsChanged, d.ID)
		}
		ch.comparePoints(o, d)
		ch.compareSections(o, d)
	}
	for _, o := range oldDocs {
		if find(newDocs, o.ID) == nil {
			ch.DocumentsRemoved = append(ch.DocumentsRemoved, o.ID)
		}
	}
	ch.SynonymsChanged = !slices.EqualFunc(synonyms(old), synonyms(new), slices.Equal)
	return ch
}

func documents(c *Corpus) []*Document {
	if c == nil {
		return nil
	}
	return c.Documents
}

func synonyms(c *Corpus) [][]string {
	if c == nil {
		return nil
	}
	return c.Synonyms
}

func find(ds []*Document, id string) *Document {
	for _, d := range ds {
		if d.ID == id {
			return d
		}
	}
	return nil
}

func sameFrontMatter(a, b *Document) bool {
	return a.ID == b.ID && a.Kind == b.Kind && a.Title == b.Title && a.Version == b.Version &&
		a.Default == b.Default && slices.Equal(a.Dropped, b.Dropped) && a.Date == b.Date &&
		a.Author == b.Author && a.Publisher == b.Publisher && a.Place == b.Place &&
		slices.Equal(a.Sources, b.Sources) && a.Note == b.Note
}

func samePoint(a, b *Point) bool {
	return a.Number == b.Number && a.Title == b.Title && a.Text == b.Text &&
		slices.Equal(a.SubPoints, b.SubPoints) && slices.Equal(a.Was, b.Was) &&
		maps.EqualFunc(a.Translations, b.Translations, sameTranslation)
}

func sameSection(a, b *Section) bool {
	return a.Heading == b.Heading && slices.Equal(a.Paragraphs, b.Paragraphs) && slices.Equal(a.Points, b.Points) &&
		maps.EqualFunc(a.Translations, b.Translations, func(x, y *SectionTranslation) bool {
			return x.Heading == y.Heading && x.Summary == y.Summary
		})
}

// sameTranslation compares what a reader sees of a translation: not the
// line it starts at.
func sameTranslation(a, b *Translation) bool {
	return a.Title == b.Title && a.Text == b.Text && slices.Equal(a.SubPoints, b.SubPoints)
}

// comparePoints lists the points added, changed and removed between two
// versions of one document, by number.
func (ch *Changes) comparePoints(old, new *Document) {
	var nums []int
	for _, p := range old.Points {
		nums = append(nums, p.Number)
	}
	for _, p := range new.Points {
		nums = append(nums, p.Number)
	}
	slices.Sort(nums)
	for _, n := range slices.Compact(nums) {
		name := fmt.Sprintf("%s §%d", new.ID, n)
		o, p := old.Point(n), new.Point(n)
		switch {
		case o == nil:
			ch.PointsAdded = append(ch.PointsAdded, name)
		case p == nil:
			ch.PointsRemoved = append(ch.PointsRemoved, name)
		case !samePoint(o, p):
			ch.PointsChanged = append(ch.PointsChanged, name)
		}
	}
}

// compareSections lists the sections added, changed and removed between two
// versions of one document, matching them by heading.
func (ch *Changes) compareSections(old, new *Document) {
	olds, news := sectionNames(old), sectionNames(new)
	for i, s := range new.Sections {
		j := slices.Index(olds, news[i])
		switch {
		case j < 0:
			ch.SectionsAdded = append(ch.SectionsAdded, news[i])
		case !sameSection(old.Sections[j], s):
			ch.SectionsChanged = append(ch.SectionsChanged, news[i])
		}
	}
	for _, name := range olds {
		if !slices.Contains(news, name) {
			ch.SectionsRemoved = append(ch.SectionsRemoved, name)
		}
	}
}

// sectionNames names each section of d "doc-id: Heading", adding " (2)",
// " (3)" ... to repeated headings so that every name is unique.
func sectionNames(d *Document) []string {
	names := make([]string, len(d.Sections))
	seen := map[string]int{}
	for i, s := range d.Sections {
		seen[s.Heading]++
		names[i] = d.ID + ": " + s.Heading
		if n := seen[s.Heading]; n > 1 {
			names[i] += fmt.Sprintf(" (%d)", n)
		}
	}
	return names
}

// Empty reports whether nothing changed.
func (ch Changes) Empty() bool {
	return len(ch.DocumentsAdded)+len(ch.DocumentsChanged)+len(ch.DocumentsRemoved)+
		len(ch.PointsAdded)+len(ch.PointsChanged)+len(ch.PointsRemoved)+
		len(ch.SectionsAdded)+len(ch.SectionsChanged)+len(ch.SectionsRemoved) == 0 && !ch.SynonymsChanged
}

// String summarises the changes for a person, e.g. "1 point changed
// (plan-28-points §14)", or "no changes". A changed document is named only
// when none of its points or sections is: the points say more. At most
// three names are given per kind of change.
func (ch Changes) String() string {
	if ch.Empty() {
		return "no changes"
	}
	var changed []string
	withParts := ch.docsWithParts()
	for _, id := range ch.DocumentsChanged {
		if !withParts[id] {
			changed = append(changed, id)
		}
	}
	var parts []string
	add := func(noun, verb string, names []string) {
		if len(names) == 0 {
			return
		}
		if len(names) > 1 {
			noun += "s"
		}
		shown := names
		if len(names) > 3 {
			shown = append(names[:3:3], fmt.Sprintf("%d more", len(names)-3))
		}
		parts = append(parts, fmt.Sprintf("%d %s %s (%s)", len(names), noun, verb, strings.Join(shown, ", ")))
	}
	add("document", "added", ch.DocumentsAdded)
	add("document", "changed", changed)
	add("document", "removed", ch.DocumentsRemoved)
	add("point", "added", ch.PointsAdded)
	add("point", "changed", ch.PointsChanged)
	add("point", "removed", ch.PointsRemoved)
	add("section", "added", ch.SectionsAdded)
	add("section", "changed", ch.SectionsChanged)
	add("section", "removed", ch.SectionsRemoved)
	if ch.SynonymsChanged {
		parts = append(parts, "synonyms changed")
	}
	return strings.Join(parts, "; ")
}

// docsWithParts returns the ids of the documents a point or section of
// which is listed ("id §6", "id: heading"): the list of changed documents
// leaves them out. A set, because a big rebuild lists thousands.
func (ch Changes) docsWithParts() map[string]bool {
	docs := map[string]bool{}
	for _, list := range [][]string{
		ch.PointsAdded, ch.PointsChanged, ch.PointsRemoved,
		ch.SectionsAdded, ch.SectionsChanged, ch.SectionsRemoved,
	} {
		for _, name := range list {
			if id, _, ok := strings.Cut(name, " §"); ok && !strings.Contains(id, ": ") {
				docs[id] = true
			} else if id, _, ok := strings.Cut(name, ": "); ok {
				docs[id] = true
			}
		}
	}
	return docs
}
