package corpus

import (
	"fmt"
	"sort"
	"strings"
)

// Kind is what a document is: a numbered plan or an article about it.
type Kind string

// The two kinds of document.
const (
	KindPlan    Kind = "plan"
	KindArticle Kind = "article"
)

// Corpus is a loaded, checked set of documents. A Corpus is never partial:
// Load returns either all of it or an error.
type Corpus struct {
	// Documents are in file-name order.
	Documents []*Document
	// Synonyms are the groups of synonyms.txt, lower-cased, each with at
	// least two members.
	Synonyms [][]string
	// Ignored names the files of the folder that are neither documents nor
	// synonyms.txt, so the index report can list them.
	Ignored []string
	// Warnings are problems that do not stop a load, such as a plan with
	// no Ukrainian or Russian translation, for the index report.
	Warnings Errors
}

// Document is one Markdown file of the corpus.
type Document struct {
	ID        string
	Kind      Kind
	Title     string
	Version   string // plans only: a short label such as "28-point draft"
	Default   bool   // the plan version /point shows when none is named
	Dropped   []int  // plans only: draft points this version removes
	Date      string // YYYY-MM-DD
	Author    string
	Publisher string
	Place     string
	Sources   []Source
	Note      string

	Points   []*Point   // plans
	Sections []*Section // articles

	// File is the path the document was read from, as errors name it.
	File string
}

// Source is where a document's text or facts come from.
type Source struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
	Date string `yaml:"date"`
	Note string `yaml:"note"`
}

// Point is one numbered clause of a plan.
type Point struct {
	Number    int
	Title     string
	Text      string // the paragraphs of the point, without its sub-points
	SubPoints []SubPoint
	// Was lists the points of the default (draft) plan that this point
	// continues; empty in the draft itself and for new clauses.
	Was []int
	// Translations holds the point in other languages, keyed by language
	// code ("uk", "ru"); nil when the document has none.
	Translations map[string]*Translation
	Line         int // line of the heading
}

// Languages are the codes of the languages a clause may be translated into,
// as written in a translation heading ("### uk: Title").
var Languages = []string{"uk", "ru"}

// Translation is a point's title and text in another language, our
// translation of the English summary.
type Translation struct {
	Title     string
	Text      string
	SubPoints []SubPoint // the same letters as the English
	Line      int        // line of its ### heading
}

// SectionTranslation is an article section's heading and a one-paragraph
// summary in another language.
type SectionTranslation struct {
	Heading string
	Summary string // one paragraph
	Line    int    // line of its ### heading
}

// SubPoint is a lettered item of a point, such as 21d.
type SubPoint struct {
	Letter string // "a", "b", ...
	Text   string
}

// Section is one part of an article under a level-2 heading.
type Section struct {
	Heading    string
	Paragraphs []string
	// Points are the draft points the section discusses, from its
	// <!-- points: --> line.
	Points []int
	// Translations holds the heading and a summary in other languages,
	// keyed by language code; nil when the section has none.
	Translations map[string]*SectionTranslation
	Line         int // line of the heading
}

// Body returns the point's text followed by its sub-points, one per line,
// as a reader would see it.
func (p *Point) Body() string {
	var b strings.Builder
	b.WriteString(p.Text)
	for _, s := range p.SubPoints {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s. %s", s.Letter, s.Text)
	}
	return b.String()
}

// In returns the point's title, text and sub-points in the language lang
// ("uk", "ru"), or the English when the point has no such translation
// (lang "" or "en" always gives the English).
func (p *Point) In(lang string) (title, text string, subs []SubPoint) {
	if t := p.Translations[lang]; t != nil {
		return t.Title, t.Text, t.SubPoints
	}
	return p.Title, p.Text, p.SubPoints
}

// In returns the section's heading and text in the language lang: a
// translation's heading and one-paragraph summary, or the English heading
// and paragraphs when the section has no such translation.
func (s *Section) In(lang string) (heading, text string) {
	if t := s.Translations[lang]; t != nil {
		return t.Heading, t.Summary
	}
	return s.Heading, s.Text()
}

// SubPoint returns the sub-point with the given letter, or nil.
func (p *Point) SubPoint(letter string) *SubPoint {
	for i := range p.SubPoints {
		if p.SubPoints[i].Letter == letter {
			return &p.SubPoints[i]
		}
	}
	return nil
}

// Text returns the section's paragraphs separated by blank lines.
func (s *Section) Text() string { return strings.Join(s.Paragraphs, "\n\n") }

// Point returns the point numbered n, or nil.
func (d *Document) Point(n int) *Point {
	for _, p := range d.Points {
		if p.Number == n {
			return p
		}
	}
	return nil
}

// Numbers returns the point numbers of a plan in ascending order.
func (d *Document) Numbers() []int {
	ns := make([]int, 0, len(d.Points))
	for _, p := range d.Points {
		ns = append(ns, p.Number)
	}
	sort.Ints(ns)
	return ns
}

// Origin returns the publisher or, failing that, the author: whichever names
// the document's origin best. It returns "" when the document names neither.
func (d *Document) Origin() string {
	switch {
	case d.Publisher != "":
		return d.Publisher
	case d.Author != "":
		return d.Author
	}
	return ""
}

// Document returns the document with the given id, or nil.
func (c *Corpus) Document(id string) *Document {
	for _, d := range c.Documents {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// DefaultPlan returns the plan marked default: true, or nil when the corpus
// has none.
func (c *Corpus) DefaultPlan() *Document {
	for _, d := range c.Documents {
		if d.Kind == KindPlan && d.Default {
			return d
		}
	}
	return nil
}

// Plans returns the plan documents, in date order (then id).
func (c *Corpus) Plans() []*Document {
	var ps []*Document
	for _, d := range c.Documents {
		if d.Kind == KindPlan {
			ps = append(ps, d)
		}
	}
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Date != ps[j].Date {
			return ps[i].Date < ps[j].Date
		}
		return ps[i].ID < ps[j].ID
	})
	return ps
}

// Plan returns the plan whose id or version label is v (case-insensitive),
// or the default plan when v is empty. It returns nil when none matches.
func (c *Corpus) Plan(v string) *Document {
	if v == "" {
		return c.DefaultPlan()
	}
	for _, d := range c.Documents {
		if d.Kind == KindPlan && (strings.EqualFold(d.ID, v) || strings.EqualFold(d.Version, v)) {
			return d
		}
	}
	return nil
}

// Counts reports how many documents, plan points and article sections the
// corpus holds.
func (c *Corpus) Counts() (docs, points, sections int) {
	for _, d := range c.Documents {
		points += len(d.Points)
		sections += len(d.Sections)
	}
	return len(c.Documents), points, sections
}
