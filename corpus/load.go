package corpus

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
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

// LoadDir loads the corpus folder dir, as Load does. An error for a folder
// that does not exist wraps fs.ErrNotExist; a corpus that breaks a rule of
// the format gives Errors.
func LoadDir(dir string) (*Corpus, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus folder: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("corpus folder %s is a file; name the folder that holds the .md files", dir)
	}
	return Load(os.DirFS(dir), dir)
}

// Load reads every *.md file at the top of fsys as a document, and
// synonyms.txt if present; root names the folder in errors. Other files and
// folders are listed in Corpus.Ignored, except hidden ones (starting with
// '.'), which are skipped silently. It checks every
// rule of the corpus format and returns either the whole corpus or an error
// of type Errors listing every problem found, never a partial corpus.
func Load(fsys fs.FS, root string) (*Corpus, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read corpus folder %s: %w", root, err)
	}
	c := &Corpus{}
	var (
		errs   Errors
		parsed []*parsed // documents whose front matter could be read
		unread int       // documents whose front matter could not
	)
	for _, e := range entries {
		name := e.Name()
		file := path.Join(root, name)
		switch {
		case e.IsDir() || strings.HasPrefix(name, "."):
			if !strings.HasPrefix(name, ".") {
				c.Ignored = append(c.Ignored, name+"/")
			}
		case name == SynonymsFile:
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				errs = append(errs, &Error{File: file, Msg: fmt.Sprintf("cannot read the file: %v (check that it is readable)", err)})
				continue
			}
			groups, serrs := ParseSynonyms(file, data)
			errs = append(errs, serrs...)
			c.Synonyms = groups
		case strings.HasSuffix(strings.ToLower(name), ".md"):
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				errs = append(errs, &Error{File: file, Msg: fmt.Sprintf("cannot read the file: %v (check that it is readable)", err)})
				continue
			}
			p, perrs := parse(file, data)
			errs = append(errs, perrs...)
			if p != nil {
				parsed = append(parsed, p)
			} else {
				unread++
			}
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
// front matter could not be read at all. Links are checked only against a
// default plan whose point headings could all be read, so one broken plan
// does not make every link in the corpus an error too.
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
