package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"time"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// corpusName is how reports name the corpus folder dir ("" is the embedded
// default).
func corpusName(dir string) string {
	if dir == "" {
		return corpus.DefaultDir + " (embedded)"
	}
	return dir
}

// loadCorpus loads the folder dir, or the embedded corpus when dir is "".
// A corpus with problems is returned as *corpusError.
func loadCorpus(dir string) (*corpus.Corpus, error) {
	ctx, cancel := context.WithTimeout(context.Background(), corpus.LoadTimeout)
	defer cancel()
	return loadCorpusContext(ctx, dir)
}

// loadCorpusContext is loadCorpus until ctx ends (SIGTERM), which a
// corpus folder on a disk that stopped answering cannot hold up.
func loadCorpusContext(ctx context.Context, dir string) (*corpus.Corpus, error) {
	var (
		c   *corpus.Corpus
		err error
	)
	if dir == "" {
		c, err = corpus.LoadDefault()
	} else {
		c, err = corpus.LoadDirContext(ctx, dir)
	}
	var errs corpus.Errors
	if errors.As(err, &errs) {
		return nil, &corpusError{dir: corpusName(dir), errs: errs}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("load corpus: %w (give the folder that holds the .md files with --corpus or PLANBOT_CORPUS_DIR)", err)
	}
	if err != nil {
		return nil, fmt.Errorf("load corpus %s: %w", corpusName(dir), err)
	}
	return c, nil
}

// openIndex loads the configured corpus and indexes it.
func openIndex(ctx context.Context, cfg Config, log *slog.Logger) (*index.Index, error) {
	start := time.Now()
	c, err := loadCorpusContext(ctx, cfg.CorpusDir)
	if err != nil {
		return nil, err
	}
	loaded := time.Now()
	ix, err := index.Build(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	docs, points, sections := c.Counts()
	log.Debug("index ready", slog.String("corpus", corpusName(cfg.CorpusDir)),
		slog.Int("documents", docs), slog.Int("points", points), slog.Int("sections", sections),
		slog.Duration("load", loaded.Sub(start)), slog.Duration("build", time.Since(loaded)))
	return ix, nil
}

// corpusError is a corpus that failed to load: every problem, one per line,
// each as file:line: message.
type corpusError struct {
	dir  string
	errs corpus.Errors
}

func (e *corpusError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "corpus %s has %d %s (fix them and run planbot index again):", e.dir, len(e.errs), plural(len(e.errs), "problem", "problems"))
	for _, pe := range e.errs {
		b.WriteString("\n")
		b.WriteString(pe.Error())
	}
	return b.String()
}

func (e *corpusError) Unwrap() error { return e.errs }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
