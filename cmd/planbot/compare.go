package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

const compareAbout = `Shows what became of point N of the 28-point draft (the default plan) in
every version of the plan, oldest first: the clause or clauses that continue
it, with their number in that version, title and text; or that the version
dropped it; or that it is not in the reported text of that version (the
sources did not give that part, which is not the same as dropping it). Then
the reporting linked to the point, and each version's sources.

--json prints a stable contract for scripts:
  {"point": 6, "title": "...",
   "versions": [{"doc", "version", "date": "YYYY-MM-DD",
                 "status": "original"|"continued"|"dropped"|"not reported",
                 "clauses": [{"number", "title", "text"}],
                 "sources": [{"name", "url", "date"}]}],
   "commentary": [{"doc", "title", "snippet"}]}
versions are in date order; clauses is [] unless the status is original or
continued; text holds the sub-points after the point's own text, one a line;
a commentary title is the heading of the article section the snippet is from.`

const compareExamples = `  planbot compare 6
  planbot compare --json 26
  planbot compare --corpus ./my-corpus 21
`

// runCompare is planbot compare.
func runCompare(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("compare", "compare [--json] [--corpus DIR] N", compareAbout, compareExamples)
	asJSON := fs.Bool("json", false, "print JSON (the contract above) instead of text")
	fs.StringVar(&cfg.CorpusDir, "corpus", cfg.CorpusDir, "load the corpus folder `DIR` instead of the embedded one (env PLANBOT_CORPUS_DIR)")
	n, letter, err := onePointArg(fs, args, stdout, "give one point number of the draft, e.g. planbot compare 6")
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return fail(stderr, "compare", err)
	}
	if letter != "" {
		return fail(stderr, "compare", usageError("compare takes a whole point: give %d, not %d%s", n, n, letter))
	}

	log := cfg.Logger(stderr).With(slog.String("cmd", "compare"))
	ix, err := openIndex(ctx, cfg, log)
	if err != nil {
		return fail(stderr, "compare", err)
	}
	defer ix.Close()
	cmp, err := ix.Compare(n)
	if err != nil {
		return fail(stderr, "compare", searchError(err))
	}
	return respond(stdout, stderr, "compare", *asJSON,
		func() any { return compareJSON(cmp) },
		func() {
			p := newPrinter(stdout)
			printComparison(p, cmp)
			p.printAsOf(ix.Corpus(), "")
		})
}

// compareOutput is the JSON contract of planbot compare --json; see
// compareAbout.
type compareOutput struct {
	Point      int                 `json:"point"`
	Title      string              `json:"title"`
	Versions   []compareVersion    `json:"versions"`
	Commentary []compareCommentary `json:"commentary"`
}

// compareVersion is what one plan version did with the point.
type compareVersion struct {
	Doc     string          `json:"doc"`
	Version string          `json:"version"`
	Date    string          `json:"date"`
	Status  string          `json:"status"`
	Clauses []compareClause `json:"clauses"`
	Sources []compareSource `json:"sources"`
}

// compareClause is one clause of a version continuing the point.
type compareClause struct {
	Number int    `json:"number"`
	Title  string `json:"title"`
	Text   string `json:"text"`
}

// compareSource is one source of a version; url and date may be "".
type compareSource struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	Date string `json:"date"`
}

// compareCommentary is one passage of reporting linked to the point.
type compareCommentary struct {
	Doc     string `json:"doc"`
	Title   string `json:"title"`
	Snippet string `json:"snippet"`
}

func compareJSON(cmp *index.Comparison) compareOutput {
	out := compareOutput{
		Point:      cmp.Point.Number,
		Title:      cmp.Point.Title,
		Versions:   make([]compareVersion, 0, len(cmp.Fates)),
		Commentary: make([]compareCommentary, 0, len(cmp.Commentary)),
	}
	for _, f := range cmp.Fates {
		v := compareVersion{
			Doc:     f.Doc.ID,
			Version: f.Doc.Version,
			Date:    f.Doc.Date,
			Status:  string(f.Status),
			Clauses: make([]compareClause, 0, len(f.Clauses)),
			Sources: make([]compareSource, 0, len(f.Doc.Sources)),
		}
		for _, c := range f.Clauses {
			v.Clauses = append(v.Clauses, compareClause{Number: c.Number, Title: c.Title, Text: c.Body()})
		}
		for _, s := range f.Doc.Sources {
			v.Sources = append(v.Sources, compareSource{Name: s.Name, URL: s.URL, Date: s.Date})
		}
		out.Versions = append(out.Versions, v)
	}
	for _, p := range cmp.Commentary {
		out.Commentary = append(out.Commentary, compareCommentary{Doc: p.Doc.ID, Title: p.Section.Heading, Snippet: p.Text})
	}
	return out
}

// printComparison writes a comparison for a reader: each version with its
// clauses (or what happened to the point) and its sources, then the
// commentary and its sources.
func printComparison(p *printer, cmp *index.Comparison) {
	pt, draft := cmp.Point, cmp.Draft
	p.para("", "", fmt.Sprintf("Point %d of the %s: %s", pt.Number, draft.Version, pt.Title))
	p.para("", "", "What became of it in each version of the plan, oldest first. Clause texts are summaries: compare what they say, not their wording.")
	for i, f := range cmp.Fates {
		d := f.Doc
		p.printf("\n")
		p.para(fmt.Sprintf("%d. ", i+1), "   ", fmt.Sprintf("%s, %s (%s): %s", d.Version, d.Date, d.ID, f.Words()))
		switch f.Status {
		case corpus.StatusOriginal, corpus.StatusContinued:
			for _, c := range f.Clauses {
				title := fmt.Sprintf("§%d %s", c.Number, c.Title)
				if len(c.Was) > 1 {
					title += fmt.Sprintf(" (continues draft points %s)", joinInts(c.Was))
				}
				p.para("   ", "   ", title)
				if c.Text != "" {
					p.para("     ", "     ", c.Text)
				}
				for _, s := range c.SubPoints {
					p.para("     "+s.Letter+". ", "        ", s.Text)
				}
			}
		case corpus.StatusDropped:
			p.para("   ", "   ", "This version lists the point as dropped.")
		default:
			p.para("   ", "   ", "The sources of this version do not give this part of it, which does not mean it was removed.")
		}
		if len(d.Sources) > 0 {
			p.printf("   Sources:\n")
			for _, s := range d.Sources {
				s.Note = "" // planbot sources has them; here they would bury the clauses
				p.printSource("   · ", "     ", s)
			}
		}
	}
	p.printf("\n")
	if len(cmp.Commentary) == 0 {
		p.printf("Commentary: no reporting in the corpus discusses this point.\n")
		return
	}
	var docs docList
	p.printf("Commentary (%d %s)\n", len(cmp.Commentary), plural(len(cmp.Commentary), "passage", "passages"))
	for _, ps := range cmp.Commentary {
		printPassage(p, ps, "", 0)
		docs.add(ps.Doc)
	}
	p.printf("\n")
	p.printSources(docs)
}
