package corpus

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"time"
)

//go:embed default
var defaultFS embed.FS

// DefaultDir is how errors and reports name the embedded default corpus.
const DefaultDir = "corpus/default"

// SynonymsFile is the name of the synonym list inside a corpus folder.
const SynonymsFile = "synonyms.txt"

// LoadDefault loads the corpus embedded in the binary, naming its files
// corpus/default/... in errors.
func LoadDefault() (*Corpus, error) {
	sub, err := fs.Sub(defaultFS, "default")
	if err != nil {
		return nil, err
	}
	return Load(sub, DefaultDir)
}

// LoadTimeout bounds LoadDir: a corpus folder is read in well under a
// second, so a load still running after this is stuck on a file (a disk
// that stopped answering) and must not hold up a reload or a shutdown.
const LoadTimeout = 30 * time.Second

// LoadDir loads the corpus folder dir, as LoadDirContext does, giving up
// after LoadTimeout.
func LoadDir(dir string) (*Corpus, error) {
	ctx, cancel := context.WithTimeout(context.Background(), LoadTimeout)
	defer cancel()
	return LoadDirContext(ctx, dir)
}

// LoadDirContext loads the corpus folder dir, as Load does, until ctx
// ends. An error for a folder that does not exist wraps fs.ErrNotExist; a
// corpus that breaks a rule of the format gives Errors; a load that ctx
// ended wraps ctx's error, even when a read that never returns (a hung
// network disk) still holds it up, as that read is left behind.
func LoadDirContext(ctx context.Context, dir string) (*Corpus, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus folder: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("corpus folder %s is a file; name the folder that holds the .md files", dir)
	}
	type result struct {
		c   *Corpus
		err error
	}
	done := make(chan result, 1) // the goroutine never waits to send
	go func() {
		c, err := LoadContext(ctx, os.DirFS(dir), dir)
		done <- result{c, err}
	}()
	select {
	case r := <-done:
		return r.c, r.err
	case <-ctx.Done():
		return nil, fmt.Errorf("load corpus folder %s: gave up: %w (a file in it is not answering; check the disk it is on)", dir, ctx.Err())
	}
}

// Load reads every *.md file at the top of fsys as a document, and
// synonyms.txt if present; root names the folder in errors. It is
// LoadContext without a deadline, for folders that cannot block, such as
// the embedded one.
func Load(fsys fs.FS, root string) (*Corpus, error) {
	return LoadContext(context.Background(), fsys, root)
}

// LoadContext reads every *.md file at the top of fsys as a document, and
// synonyms.txt if present; root names the folder in errors. Other files
// and folders are listed in Corpus.Ignored, except hidden ones (starting
// with '.'), which are skipped silently. It reads only regular files (a
// symlink to one is fine), each at most MaxFileSize and all together at
// most MaxCorpusSize: anything else under a document's name (a FIFO, a
// device, a folder) is a problem, never opened. It checks every rule of
// the corpus format and returns either the whole corpus or an error of
// type Errors listing every problem found, never a partial corpus. It
// stops between files once ctx ends, returning an error wrapping ctx's.
func LoadContext(ctx context.Context, fsys fs.FS, root string) (*Corpus, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read corpus folder %s: %w", root, err)
	}
	if err := checkSizes(fsys, root, entries); err != nil {
		return nil, err
	}
	c := &Corpus{}
	var (
		errs   Errors
		parsed []*parsed // documents whose front matter could be read
		unread int       // documents whose front matter could not
		// ownFirst holds the files that could not be read as documents:
		// their own problems are the cause of others, so they come first.
		ownFirst = map[string]bool{}
	)
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("load corpus folder %s: %w", root, err)
		}
		name := e.Name()
		file := path.Join(root, name)
		switch {
		case strings.HasPrefix(name, "."):
		case name == SynonymsFile:
			data, problem := readRegular(fsys, name)
			if problem != "" {
				errs = append(errs, &Error{File: file, Msg: problem})
				continue
			}
			groups, serrs := ParseSynonyms(file, data)
			errs = append(errs, serrs...)
			c.Synonyms = groups
		case isDocument(name):
			data, problem := readRegular(fsys, name)
			if problem != "" {
				errs = append(errs, &Error{File: file, Msg: problem})
				unread++
				ownFirst[file] = true
				continue
			}
			p, perrs := parse(file, data)
			errs = append(errs, perrs...)
			if p != nil {
				parsed = append(parsed, p)
			}
			if p == nil || p.frontMatterBroken {
				unread++ // it may be the default plan: see checkAcross
				ownFirst[file] = true
			}
		case e.IsDir():
			c.Ignored = append(c.Ignored, name+"/")
		default:
			c.Ignored = append(c.Ignored, name)
		}
	}
	if len(parsed) == 0 && len(errs) == 0 {
		return nil, Errors{{File: root, Msg: "no documents: add at least one .md file (see corpus-format.md)"}}
	}
	errs = append(errs, checkAcross(parsed, unread)...)
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool {
			if fi, fj := ownFirst[errs[i].File], ownFirst[errs[j].File]; fi != fj {
				return fi
			}
			if errs[i].File != errs[j].File {
				return errs[i].File < errs[j].File
			}
			return errs[i].Line < errs[j].Line
		})
		return nil, errs
	}
	for _, p := range parsed {
		c.Documents = append(c.Documents, p.doc)
		c.Warnings = append(c.Warnings, p.warnings...)
	}
	return c, nil
}

// checkAcross enforces the rules that span documents: unique ids, one
// default plan, and links that name points of the default plan. ps may hold
// documents with problems of their own; unread counts the documents whose
// front matter could not be read or had a problem (their id, kind or
// default flag may be wrong). Links are checked only against a default
// plan whose point headings could all be read, so one broken plan does not
// make every link in the corpus an error too.
func checkAcross(ps []*parsed, unread int) Errors {
	var errs Errors
	ids := map[string]*parsed{}
	var def *parsed
	plans := 0
	for _, p := range ps {
		d := p.doc
		if d.Kind == KindPlan {
			plans++
		}
		if d.ID != "" {
			if first, dup := ids[d.ID]; dup {
				errs = append(errs, &Error{File: d.File, Line: p.idLine,
					Msg: fmt.Sprintf("id %q is already used by %s (ids must be unique; rename one)", d.ID, first.doc.File)})
			} else {
				ids[d.ID] = p
			}
		}
		if d.Kind == KindPlan && d.Default {
			if def != nil {
				errs = append(errs, &Error{File: d.File, Line: p.defaultLine,
					Msg: fmt.Sprintf("both this plan and %s are marked default: true (keep one)", def.doc.File)})
				continue
			}
			def = p
		}
	}
	switch {
	case def != nil && !def.numbersKnown:
		return errs // fix the default plan's headings first
	case def == nil && unread > 0:
		return errs // the default plan may be the file that could not be read
	}
	for _, p := range ps {
		for _, l := range p.links {
			if def == nil {
				msg := fmt.Sprintf("%s: no plan is marked default: true, so its points cannot be checked (add default: true to the draft plan)", l.kind)
				if plans == 0 {
					msg = fmt.Sprintf("%s: the corpus has no plan to link to (add the plan's .md file)", l.kind)
				}
				errs = append(errs, &Error{File: p.doc.File, Line: l.line, Msg: msg})
				continue
			}
			for _, n := range l.points {
				if def.doc.Point(n) == nil {
					errs = append(errs, &Error{File: p.doc.File, Line: l.line,
						Msg: fmt.Sprintf("%s: point %d is not in the default plan %s, which has points %s (fix the number)", l.kind, n, def.doc.ID, rangeText(def.doc.Numbers()))})
				}
			}
		}
	}
	return errs
}

// rangeText writes point numbers compactly: "1–28", or "1–3, 5, 7–9".
func rangeText(ns []int) string {
	var parts []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", ns[i], ns[j]))
		} else {
			parts = append(parts, fmt.Sprint(ns[i]))
		}
		i = j + 1
	}
	if len(parts) == 0 {
		return "no points"
	}
	return strings.Join(parts, ", ")
}

// RangeText describes the document's point numbers compactly, e.g. "1–28".
func (d *Document) RangeText() string { return rangeText(d.Numbers()) }
