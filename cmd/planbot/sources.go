package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/planbot/planbot/corpus"
)

const sourcesAbout = `Lists every document of the corpus (plan versions and articles) with its
version, date, author, publisher, note and the sources of its text, with
URLs. It reads the corpus only; nothing is indexed.`

const sourcesExamples = `  planbot sources
  planbot sources --json
  planbot sources --corpus ./my-corpus
`

// runSources is planbot sources.
func runSources(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("sources", "sources [--json] [--corpus DIR]", sourcesAbout, sourcesExamples)
	asJSON := fs.Bool("json", false, "print JSON instead of text")
	fs.StringVar(&cfg.CorpusDir, "corpus", cfg.CorpusDir, "load the corpus folder `DIR` instead of the embedded one (env PLANBOT_CORPUS_DIR)")
	pos, err := parseFlags(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return fail(stderr, "sources", err)
	}
	if len(pos) > 0 {
		return fail(stderr, "sources", usageError("unexpected %q: sources takes no arguments", strings.Join(pos, " ")))
	}
	c, err := loadCorpus(cfg.CorpusDir)
	if err != nil {
		return fail(stderr, "sources", err)
	}
	return respond(stdout, stderr, "sources", *asJSON,
		func() any { return sourcesOutput(c) },
		func() {
			p := newPrinter(stdout)
			if line := asOfLine(c, ""); line != "" {
				p.para("", "", line)
				p.printf("\n")
			}
			printDocuments(p, c)
		})
}

// documentsJSON is the JSON of planbot sources --json.
type documentsJSON struct {
	// AsOf is the date (YYYY-MM-DD) of the newest document.
	AsOf      string         `json:"as_of"`
	Documents []documentJSON `json:"documents"`
}

type documentJSON struct {
	ID        string       `json:"id"`
	Kind      string       `json:"kind"`
	Title     string       `json:"title"`
	Version   string       `json:"version"`
	Default   bool         `json:"default"`
	Date      string       `json:"date"`
	Author    string       `json:"author"`
	Publisher string       `json:"publisher"`
	Place     string       `json:"place"`
	Note      string       `json:"note"`
	Points    []int        `json:"points"`
	Sections  []string     `json:"sections"`
	Sources   []sourceJSON `json:"sources"`
}

func sourcesOutput(c *corpus.Corpus) documentsJSON {
	out := documentsJSON{AsOf: c.AsOf(), Documents: []documentJSON{}}
	for _, d := range byKindAndDate(c) {
		sections := []string{}
		for _, s := range d.Sections {
			sections = append(sections, s.Heading)
		}
		out.Documents = append(out.Documents, documentJSON{
			ID: d.ID, Kind: string(d.Kind), Title: d.Title, Version: d.Version, Default: d.Default,
			Date: d.Date, Author: d.Author, Publisher: d.Publisher, Place: d.Place, Note: d.Note,
			Points: ints(d.Numbers()), Sections: sections, Sources: sourcesJSON(d),
		})
	}
	return out
}

// printDocuments writes every document of c with its sources: the plans
// first, then the articles, each in date order.
func printDocuments(p *printer, c *corpus.Corpus) {
	for i, d := range byKindAndDate(c) {
		if i > 0 {
			p.printf("\n")
		}
		p.para("", "", d.Title)
		var what []string
		switch d.Kind {
		case corpus.KindPlan:
			what = append(what, "plan", d.Version)
			if d.Default {
				what = append(what, "default")
			}
			what = append(what, fmt.Sprintf("points %s", d.RangeText()))
		default:
			what = append(what, string(d.Kind), fmt.Sprintf("%d %s", len(d.Sections), plural(len(d.Sections), "section", "sections")))
		}
		p.para("  ", "  ", fmt.Sprintf("%s · %s", d.ID, strings.Join(what, " · ")))
		var by []string
		for _, s := range []string{d.Author, d.Publisher, d.Place, d.Date} {
			if s != "" {
				by = append(by, s)
			}
		}
		p.para("  ", "  ", strings.Join(by, ", "))
		if d.Note != "" {
			p.para("  Note: ", "        ", d.Note)
		}
		p.printf("  Sources:\n")
		for _, s := range d.Sources {
			p.printSource("  - ", "    ", s)
		}
	}
}

// byKindAndDate returns the plans of c, then its articles, each in date
// order (then id).
func byKindAndDate(c *corpus.Corpus) []*corpus.Document {
	docs := slices.Clone(c.Documents)
	slices.SortStableFunc(docs, func(a, b *corpus.Document) int {
		if a.Kind != b.Kind {
			if a.Kind == corpus.KindPlan {
				return -1
			}
			if b.Kind == corpus.KindPlan {
				return 1
			}
		}
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID))
	})
	return docs
}
