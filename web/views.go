package web

import (
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/planbot/planbot/corpus"
)

// page is what every template gets: the language, its words and the
// frame around the content.
type page struct {
	Lang  string
	T     *words
	Title string // the <title>, before the site's name
	Query string // the search box's value
	AsOf  string
	// CSS is the stylesheet's address; MaxQuery the search box's limit;
	// KeepLang makes the search form keep ?lang=.
	CSS      string
	MaxQuery int
	KeepLang bool
	Nav      navLinks
	Langs    []langLink
	Data     any
}

// navLinks are the addresses of the header's links, keeping ?lang=.
type navLinks struct{ Home, Search, Sources string }

// langLink offers the page in another language.
type langLink struct {
	Tag, Name, Href string
	Current         bool
}

// linkView is a link with its text.
type linkView struct{ Text, Href string }

// mark is a run of a snippet; Hit runs matched the question.
type mark struct {
	Text string
	Hit  bool
}

// sourceView is one source of a document.
type sourceView struct{ Name, URL, Date, Note string }

// passageView is a passage of the reporting.
type passageView struct {
	DocTitle, Heading, Citation, Href string
	Text                              []mark
}

// links makes the pages' addresses: root-relative, with ?lang= kept when
// the reader chose the language that way.
type links struct{ lang string }

func (l *links) with(path string, q url.Values) string {
	if l.lang != "" {
		if q == nil {
			q = url.Values{}
		}
		q.Set("lang", l.lang)
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

func (l *links) home() string    { return l.with("/", nil) }
func (l *links) sources() string { return l.with("/sources", nil) }

// searchFor is the address of the search page for q ("" for the form).
func (l *links) searchFor(q string) string {
	if q == "" {
		return l.with("/search", nil)
	}
	return l.with("/search", url.Values{"q": {q}})
}

// point is the page of draft point n in every version.
func (l *links) point(n int) string { return l.with("/point/"+strconv.Itoa(n), nil) }

// clause is the page of clause n of plan d: the draft point's page for the
// default plan, else the point with ?version=.
func (l *links) clause(d *corpus.Document, n int) string {
	if d.Default {
		return l.point(n)
	}
	return l.with("/point/"+strconv.Itoa(n), url.Values{"version": {d.ID}})
}

// document is where /sources lists document id.
func (l *links) document(id string) string { return l.sources() + "#" + id }

func (l *links) passage(p passageData) passageView {
	return passageView{
		DocTitle: p.Doc.Title,
		Heading:  p.Heading,
		Citation: citation(p.Doc),
		Href:     l.document(p.Doc.ID),
		Text:     p.Text,
	}
}

// citation names a document's origin and date: "bne IntelliNews,
// 2025-11-24".
func citation(d *corpus.Document) string {
	parts := []string{}
	if o := d.Origin(); o != "" {
		parts = append(parts, o)
	}
	if d.Date != "" {
		parts = append(parts, d.Date)
	}
	return strings.Join(parts, ", ")
}

func sourceViews(ss []corpus.Source) []sourceView {
	out := make([]sourceView, 0, len(ss))
	for _, s := range ss {
		out = append(out, sourceView{Name: s.Name, URL: s.URL, Date: s.Date, Note: s.Note})
	}
	return out
}

// label is a plan's short name, its title when it has none.
func label(d *corpus.Document) string {
	if d.Version != "" {
		return d.Version
	}
	return d.Title
}

// homeData is the front page: every version with its points.
type homeData struct {
	Versions []versionView
}

type versionView struct {
	ID, Label, Title, Date, Origin, Note string
	Points                               []pointLine
}

type pointLine struct {
	Number      int
	Title, Line string
	Href        string
}

func homeView(c *corpus.Corpus, l *links) homeData {
	var h homeData
	for _, d := range c.Plans() {
		v := versionView{ID: d.ID, Label: label(d), Title: d.Title, Date: d.Date, Origin: d.Origin(), Note: d.Note}
		for _, p := range d.Points {
			v.Points = append(v.Points, pointLine{Number: p.Number, Title: p.Title, Line: firstLine(p), Href: l.clause(d, p.Number)})
		}
		h.Versions = append(h.Versions, v)
	}
	return h
}

// firstLine is the start of a point for the list: its first sentence, or
// its first sub-point, cut at a word near 140 characters.
func firstLine(p *corpus.Point) string {
	s := p.Text
	if s == "" && len(p.SubPoints) > 0 {
		s = p.SubPoints[0].Letter + ". " + p.SubPoints[0].Text
	}
	if i := strings.Index(s, ". "); i > 0 {
		s = s[:i+1]
	}
	const most = 140
	if len(s) > most {
		cut := strings.LastIndexByte(s[:most], ' ')
		if cut < most/2 {
			cut = most
		}
		s = strings.TrimRight(s[:cut], " ,;:") + "…"
	}
	return s
}

// lineageData is what the index gives for a point page.
type lineageData struct {
	// Doc and Clause are the version and clause asked for with ?version=;
	// nil without.
	Doc    *corpus.Document
	Clause *corpus.Point
	// Draft and Point are the default plan and its point the page
	// follows; Fates what each version did with it. Nil for a clause new
	// in its version.
	Draft      *corpus.Document
	Point      *corpus.Point
	Fates      []corpus.Fate
	Commentary []passageData
}

// pointData is the page of one point.
type pointData struct {
	Heading, Intro string
	Continues      []linkView // the draft points a later clause continues
	Columns        []column
	Changes        bool // some column marks changed words
	Reporting      []passageView
	Prev, Next     *linkView
}

// column is one version of the point.
type column struct {
	ID, Label, Date, Status, StatusLong string
	Current                             bool
	Clauses                             []linkView
	Body                                template.HTML // the clause, marked by segmentsHTML
	Marked                              bool          // Body is a diff against the version before
	Sources                             template.HTML // from Server.sourceList
	SourcesHref                         string
}

// pointView makes the page of a point; sources lists a version's sources
// (Server.sourceList).
func pointView(d *lineageData, t *words, l *links, sources func(*corpus.Document) template.HTML) pointData {
	var pd pointData
	for _, p := range d.Commentary {
		pd.Reporting = append(pd.Reporting, l.passage(p))
	}
	if d.Fates == nil { // a clause new in its version
		pd.Heading = fmt.Sprintf(t.PointOfVersion, d.Clause.Number, label(d.Doc), d.Clause.Title)
		pd.Columns = []column{{
			ID: d.Doc.ID, Label: label(d.Doc), Date: d.Doc.Date, Status: t.NewInVersion, Current: true,
			Clauses: []linkView{{Text: clauseName(d.Clause), Href: l.clause(d.Doc, d.Clause.Number)}},
			Body:    segmentsHTML(plainSegments(d.Clause.Body()), t), Sources: sources(d.Doc), SourcesHref: l.document(d.Doc.ID),
		}}
		pd.Prev, pd.Next = neighbours(d.Doc, d.Clause.Number, t, l)
		return pd
	}
	if d.Doc != nil && !d.Doc.Default {
		pd.Heading = fmt.Sprintf(t.PointOfVersion, d.Clause.Number, label(d.Doc), d.Clause.Title)
		nums := make([]string, len(d.Clause.Was))
		for i, n := range d.Clause.Was {
			nums[i] = strconv.Itoa(n)
			pd.Continues = append(pd.Continues, linkView{Text: "§" + strconv.Itoa(n), Href: l.point(n)})
		}
		pd.Intro = fmt.Sprintf(t.ContinuesDraft, strings.Join(nums, ", "), label(d.Draft))
		pd.Prev, pd.Next = neighbours(d.Doc, d.Clause.Number, t, l)
	} else {
		pd.Heading = fmt.Sprintf(t.PointHeading, d.Point.Number, d.Point.Title)
		pd.Intro = fmt.Sprintf(t.PointIntro, label(d.Draft))
		pd.Prev, pd.Next = neighbours(d.Draft, d.Point.Number, t, l)
	}
	prev := "" // the text of the last version that had one
	seen := false
	for _, f := range d.Fates {
		c := column{
			ID: f.Doc.ID, Label: label(f.Doc), Date: f.Doc.Date,
			Current: d.Doc != nil && f.Doc == d.Doc || d.Doc == nil && f.Doc.Default,
			Sources: sources(f.Doc), SourcesHref: l.document(f.Doc.ID),
		}
		switch f.Status {
		case corpus.StatusOriginal:
			c.Status = t.Original
		case corpus.StatusContinued:
			nums := make([]string, len(f.Clauses))
			for i, p := range f.Clauses {
				nums[i] = "§" + strconv.Itoa(p.Number)
			}
			c.Status = fmt.Sprintf(t.ContinuedAs, strings.Join(nums, ", "))
		case corpus.StatusDropped:
			c.Status, c.StatusLong = t.Dropped, t.DroppedLong
		default:
			c.Status, c.StatusLong = t.NotReported, t.NotReportedLong
		}
		if len(f.Clauses) > 0 {
			bodies := make([]string, len(f.Clauses))
			for i, p := range f.Clauses {
				bodies[i] = p.Body()
				c.Clauses = append(c.Clauses, linkView{Text: clauseName(p), Href: l.clause(f.Doc, p.Number)})
			}
			text := strings.Join(bodies, "\n")
			if seen {
				c.Body, c.Marked = segmentsHTML(diffWords(prev, text), t), true
				pd.Changes = true
			} else {
				c.Body = segmentsHTML(plainSegments(text), t)
			}
			prev, seen = text, true
		}
		pd.Columns = append(pd.Columns, c)
	}
	return pd
}

// clauseName is "§21 Territories".
func clauseName(p *corpus.Point) string { return "§" + strconv.Itoa(p.Number) + " " + p.Title }

// neighbours are the links to the points before and after n in plan d.
func neighbours(d *corpus.Document, n int, t *words, l *links) (prev, next *linkView) {
	ns := d.Numbers()
	i := slices.Index(ns, n)
	if i > 0 {
		prev = &linkView{Text: t.PrevPoint + " (§" + strconv.Itoa(ns[i-1]) + ")", Href: l.clause(d, ns[i-1])}
	}
	if i >= 0 && i+1 < len(ns) {
		next = &linkView{Text: t.NextPoint + " (§" + strconv.Itoa(ns[i+1]) + ")", Href: l.clause(d, ns[i+1])}
	}
	return prev, next
}

// searchResult is what the search page shows.
type searchResult struct {
	NoMatch bool
	Hits    []hitView
	Related []passageView
	Closest []passageView
}

type hitView struct {
	Version, Title, Letter string
	Number                 int
	Match                  []mark
	Href                   string
	Also                   []linkView
	Passages               []passageView
}

// searchData is the search page.
type searchData struct {
	Query    string
	Searched bool
	Result   *searchResult
	Problem  string // why the query was refused
}

// sourcesData is /sources: every document and its sources.
type sourcesData struct {
	Docs []docView
}

type docView struct {
	ID, Title, Kind, Version, Date, Author, Publisher, Place, Note string
	Href                                                           string // its points, for a plan
	Sources                                                        []sourceView
}

func sourcesView(c *corpus.Corpus, t *words, l *links) sourcesData {
	var sd sourcesData
	for _, d := range c.Documents {
		v := docView{ID: d.ID, Title: d.Title, Version: d.Version, Date: d.Date, Author: d.Author,
			Publisher: d.Publisher, Place: d.Place, Note: d.Note, Sources: sourceViews(d.Sources)}
		v.Kind = t.ArticleKind
		if d.Kind == corpus.KindPlan {
			v.Kind = t.PlanKind
			v.Href = l.home() + "#" + d.ID
		}
		sd.Docs = append(sd.Docs, v)
	}
	return sd
}

// errNotFound is a point or version that does not exist.
type errNotFound struct {
	point     int
	version   string
	noVersion bool
	draft     int // a draft point with the number asked for, to offer instead
}

func (e *errNotFound) Error() string {
	if e.noVersion {
		return "no version " + e.version
	}
	return fmt.Sprintf("no point %d in %s", e.point, e.version)
}

// message says it in the page's language.
func (e *errNotFound) message(t *words) string {
	if e.noVersion {
		return fmt.Sprintf(t.NoSuchVersion, e.version)
	}
	return fmt.Sprintf(t.NoSuchPoint, e.point, e.version)
}
