package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// sourceJSON is one source of a document in the JSON outputs. name, url and
// date are always present (url and date may be ""); note only when set.
type sourceJSON struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	Date string `json:"date"`
	Note string `json:"note,omitempty"`
}

func sourcesJSON(d *corpus.Document) []sourceJSON {
	out := make([]sourceJSON, 0, len(d.Sources))
	for _, s := range d.Sources {
		out = append(out, sourceJSON{Name: s.Name, URL: s.URL, Date: s.Date, Note: s.Note})
	}
	return out
}

// passageJSON is one article paragraph attached to a point: in ask's
// "passages" and point's "commentary".
type passageJSON struct {
	Doc       string       `json:"doc"`
	DocTitle  string       `json:"doc_title"`
	Publisher string       `json:"publisher"`
	Date      string       `json:"date"`
	Section   string       `json:"section"`
	Points    []int        `json:"points"`
	Snippet   string       `json:"snippet"`
	Score     float64      `json:"score"`
	Sources   []sourceJSON `json:"sources"`
	// SnippetPlain and Spans are as in resultJSON.
	SnippetPlain string     `json:"snippet_plain"`
	Spans        []spanJSON `json:"spans"`
}

func passagesJSON(ps []*index.Passage) []passageJSON {
	out := make([]passageJSON, 0, len(ps))
	for _, p := range ps {
		out = append(out, passageJSON{
			Doc:          p.Doc.ID,
			DocTitle:     p.Doc.Title,
			Publisher:    p.Doc.Origin(),
			Date:         p.Doc.Date,
			Section:      p.Section.Heading,
			Points:       ints(p.Points),
			Snippet:      marked(p.Text, p.Spans, "**"),
			SnippetPlain: p.Text,
			Spans:        spansJSON(p.Spans),
			Score:        p.Score,
			Sources:      sourcesJSON(p.Doc),
		})
	}
	return out
}

// spanJSON is a byte range [start, end) of a snippet_plain: [3, 9].
type spanJSON [2]int

// spansJSON returns the spans as JSON pairs, [] for none.
func spansJSON(spans []index.Span) []spanJSON {
	out := make([]spanJSON, 0, len(spans))
	for _, s := range spans {
		out = append(out, spanJSON{s.Start, s.End})
	}
	return out
}

// ints returns ns, or an empty slice (JSON []) when ns is nil.
func ints(ns []int) []int {
	if ns == nil {
		return []int{}
	}
	return ns
}

// writeJSON writes v indented, with HTML characters left as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// respond ends a command that prints either JSON (what value returns) or
// text for a reader (what text writes), and gives its exit status.
func respond(stdout, stderr io.Writer, cmd string, asJSON bool, value func() any, text func()) int {
	if !asJSON {
		text()
		return exitOK
	}
	if err := writeJSON(stdout, value()); err != nil {
		return fail(stderr, cmd, fmt.Errorf("write JSON: %w", err))
	}
	return exitOK
}
