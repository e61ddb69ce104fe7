package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

const indexAbout = `Loads and indexes a corpus the way the bot's /reindex does, and reports
what it holds: documents, plan points, article sections, synonym groups,
ignored files and the time taken. When the corpus has problems it prints
every one as file:line: message and exits with status 1, so run it on an
edited corpus folder before /reindex.`

const indexExamples = `  planbot index
  planbot index --corpus ./my-corpus
  PLANBOT_CORPUS_DIR=./my-corpus planbot index
`

// runIndex is planbot index.
func runIndex(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("index", "index [--corpus DIR]", indexAbout, indexExamples)
	fs.StringVar(&cfg.CorpusDir, "corpus", cfg.CorpusDir, "check the corpus folder `DIR` instead of the embedded one (env PLANBOT_CORPUS_DIR)")
	pos, err := parseFlags(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return fail(stderr, "index", err)
	}
	if len(pos) > 0 {
		return fail(stderr, "index", usageError("unexpected %q: name the folder with --corpus DIR", strings.Join(pos, " ")))
	}

	start := time.Now()
	c, err := loadCorpus(cfg.CorpusDir)
	if err != nil {
		return fail(stderr, "index", err)
	}
	loaded := time.Now()
	ix, err := index.Build(ctx, c)
	if err != nil {
		return fail(stderr, "index", fmt.Errorf("build index: %w", err))
	}
	defer ix.Close()
	built := time.Now()
	printIndexReport(newPrinter(stdout), cfg.CorpusDir, c, ix.Stats(), ix.Warnings(), loaded.Sub(start), built.Sub(loaded))
	return exitOK
}

// printIndexReport writes what a corpus holds, how long it took to load
// and index, and what in it will not search as written.
func printIndexReport(p *printer, dir string, c *corpus.Corpus, st index.Stats, warnings []string, load, build time.Duration) {
	docs, points, sections := c.Counts()
	p.printf("corpus     %s\n", corpusName(dir))
	p.printf("documents  %d\n", docs)
	for _, d := range c.Documents {
		var what string
		switch d.Kind {
		case corpus.KindPlan:
			what = fmt.Sprintf("plan, %s, %d points", d.Version, len(d.Points))
			if d.Default {
				what += ", default"
			}
		default:
			what = fmt.Sprintf("%s, %d sections", d.Kind, len(d.Sections))
		}
		p.printf("  %-34s %s\n", d.ID, what)
	}
	p.printf("points     %d\n", points)
	p.printf("sections   %d\n", sections)
	if st.Passages > 0 {
		p.printf("passages   %d\n", st.Passages)
	}
	p.printf("synonyms   %d %s\n", len(c.Synonyms), plural(len(c.Synonyms), "group", "groups"))
	if len(c.Ignored) == 0 {
		p.printf("ignored    none\n")
	} else {
		p.printf("ignored    %s\n", strings.Join(c.Ignored, ", "))
	}
	p.printf("took       load %s, index %s\n", round(load), round(build))
	for _, w := range c.Warnings {
		p.printf("warning    %s\n", w)
	}
	for _, w := range warnings {
		p.printf("warning    %s\n", w)
	}
	p.printf("OK: the corpus is ready for /reindex\n")
}

// round shortens a duration for a report.
func round(d time.Duration) time.Duration {
	switch {
	case d > time.Second:
		return d.Round(10 * time.Millisecond)
	case d > time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}
