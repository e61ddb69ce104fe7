package web

// This file is the only one that uses the index's types: what the pages
// need from a search or a comparison is copied into the page's own types
// here, so that a change of index.Result (plain text with spans, new
// options) is adapted in one place.

import (
	"context"
	"errors"
	"strconv"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// Index is what the pages read from the index. *index.Live fits.
type Index interface {
	Search(ctx context.Context, q string, opt index.Options) (*index.Result, error)
	Point(version string, n int) (*index.PointView, error)
	Compare(n int) (*index.Comparison, error)
	Corpus() *corpus.Corpus
}

// searchOptions are those of /ask, so that the page finds what the bot
// answers: three points, one passage each.
var searchOptions = index.Options{Limit: 3, Passages: 1}

// search runs q and copies the result into the search page's terms.
func (s *Server) search(ctx context.Context, q string, l *links) (*searchResult, error) {
	res, err := s.cfg.Index.Search(ctx, q, searchOptions)
	if err != nil {
		return nil, err
	}
	out := &searchResult{NoMatch: res.NoMatch || len(res.Hits) == 0}
	for _, h := range res.Hits {
		hv := hitView{
			Version: h.Doc.Version,
			Number:  h.Point.Number,
			Title:   h.Point.Title,
			Letter:  h.Letter,
			Match:   marked(h.Match, h.Spans),
			Href:    l.clause(h.Doc, h.Point.Number),
		}
		if len(hv.Match) == 0 {
			hv.Match = marked(h.Point.Text, nil)
		}
		for _, c := range h.Also {
			if c.Point == nil { // dropped or not reported: no page to link
				continue
			}
			hv.Also = append(hv.Also, linkView{Text: c.Doc.Version + " §" + strconv.Itoa(c.Point.Number), Href: l.clause(c.Doc, c.Point.Number)})
		}
		for _, p := range h.Passages {
			hv.Passages = append(hv.Passages, passage(p, l))
		}
		out.Hits = append(out.Hits, hv)
	}
	if !out.NoMatch {
		for _, p := range res.Related {
			out.Related = append(out.Related, passage(p, l))
		}
	}
	for _, p := range res.Closest {
		out.Closest = append(out.Closest, passage(p, l))
	}
	return out, nil
}

// lineage returns the clauses of every version for point n: of the
// default plan when version is "" (or names the default plan), else of
// that version, whose clause is followed back to the draft point it
// continues. The errors are errNotFound with what to say.
func (s *Server) lineage(version string, n int) (*lineageData, error) {
	ix := s.cfg.Index
	c := ix.Corpus()
	d := &lineageData{}
	if version != "" {
		pv, err := ix.Point(version, n)
		if err != nil {
			return nil, notFound(err, version, n, c)
		}
		d.Doc, d.Clause = pv.Doc, pv.Point
		if !pv.Doc.Default {
			d.Commentary = passages(pv.Commentary)
			if len(pv.Point.Was) == 0 { // new in its version: only itself
				return d, nil
			}
			n = pv.Point.Was[0]
		}
	}
	cmp, err := ix.Compare(n)
	if err != nil {
		return nil, notFound(err, "", n, c)
	}
	d.Draft, d.Point, d.Fates = cmp.Draft, cmp.Point, cmp.Fates
	if d.Commentary == nil {
		d.Commentary = passages(cmp.Commentary)
	}
	return d, nil
}

// notFound turns the index's "no such point or version" into errNotFound;
// other errors pass through.
func notFound(err error, version string, n int, c *corpus.Corpus) error {
	var re *index.RangeError
	switch {
	case errors.As(err, &re):
		nf := &errNotFound{point: n, version: re.Doc.Version}
		if re.Fate != nil { // the draft has point n: offer its page
			nf.draft = n
		}
		return nf
	case errors.Is(err, index.ErrNoVersion):
		return &errNotFound{version: version, noVersion: true}
	case errors.Is(err, index.ErrNoPoint):
		label := ""
		if p := c.DefaultPlan(); p != nil {
			label = p.Version
		}
		return &errNotFound{point: n, version: label}
	}
	return err
}

// passageData is a passage of the reporting with what links to it.
type passageData struct {
	Doc     *corpus.Document
	Heading string
	Text    []mark
}

func passages(ps []*index.Passage) []passageData {
	out := make([]passageData, 0, len(ps))
	for _, p := range ps {
		out = append(out, passageData{Doc: p.Doc, Heading: p.Section.Heading, Text: marked(p.Text, p.Spans)})
	}
	return out
}

func passage(p *index.Passage, l *links) passageView {
	return l.passage(passageData{Doc: p.Doc, Heading: p.Section.Heading, Text: marked(p.Text, p.Spans)})
}

// marked splits plain text into runs of plain text and matches, the
// matches being the index's spans.
func marked(s string, spans []index.Span) []mark {
	if s == "" {
		return nil
	}
	var out []mark
	pos := 0
	for _, sp := range spans {
		if sp.Start < pos || sp.End > len(s) || sp.Start >= sp.End {
			continue // not a span of s: show the text unmarked
		}
		if sp.Start > pos {
			out = append(out, mark{Text: s[pos:sp.Start]})
		}
		out = append(out, mark{Text: s[sp.Start:sp.End], Hit: true})
		pos = sp.End
	}
	if pos < len(s) {
		out = append(out, mark{Text: s[pos:]})
	}
	return out
}
