package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"strconv"
	"strings"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

const pointAbout = `Shows one point of the plan in full: its text and lettered sub-points, every
passage of reporting linked to it, and the sources. N is a point number,
optionally with a sub-point letter: 14, 21d or 21(d). --version picks a plan
version other than the default one by its id or version label (planbot
sources lists them); N is then the clause's number in that version. For a
number the version lacks, planbot says which numbers it has and what became
of that point of the draft there; planbot compare N shows every version.`

const pointExamples = `  planbot point 14
  planbot point 21d
  planbot point --json "21(d)"
  planbot point --version "20-point framework" 4
  planbot point --version plan-e3-counter-proposal 6
`

// runPoint is planbot point.
// onePointArg parses args with fs and reads the one argument left as a
// point reference ("14", "21d"); usage says what to give when there is not
// exactly one. It returns flag.ErrHelp when --help was answered.
func onePointArg(fs *flag.FlagSet, args []string, stdout io.Writer, usage string) (n int, letter string, err error) {
	pos, err := parseFlags(fs, args, stdout)
	if err != nil {
		return 0, "", err
	}
	if len(pos) != 1 {
		return 0, "", usageError("%s", usage)
	}
	return parsePointRef(pos[0])
}

func runPoint(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("point", "point [--json] [--version V] [--corpus DIR] N", pointAbout, pointExamples)
	asJSON := fs.Bool("json", false, "print JSON instead of text")
	version := fs.String("version", "", "plan version `V` (id or label; default: the default plan)")
	fs.StringVar(&cfg.CorpusDir, "corpus", cfg.CorpusDir, "load the corpus folder `DIR` instead of the embedded one (env PLANBOT_CORPUS_DIR)")
	n, letter, err := onePointArg(fs, args, stdout, "give one point number, e.g. planbot point 14 or planbot point 21d")
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return fail(stderr, "point", err)
	}

	log := cfg.Logger(stderr).With(slog.String("cmd", "point"))
	ix, err := openIndex(ctx, cfg, log)
	if err != nil {
		return fail(stderr, "point", err)
	}
	defer ix.Close()
	pv, err := ix.Point(*version, n)
	if err != nil {
		return fail(stderr, "point", pointError(err, ix.Corpus(), *version, n))
	}
	if letter != "" && pv.Point.SubPoint(letter) == nil {
		return fail(stderr, "point", usageError("%s", (&index.RangeError{Number: n, Letter: letter, Doc: pv.Doc}).Error()))
	}
	return respond(stdout, stderr, "point", *asJSON,
		func() any { return pointJSON(pv, letter) },
		func() {
			p := newPrinter(stdout)
			printPoint(p, pv, letter, ix.Corpus().DefaultPlan())
			p.printAsOf(ix.Corpus(), "")
		})
}

// pointRef matches 14, 21d, 21(d), 21 (d), §14 and #14.
var pointRef = regexp.MustCompile(`^[#§]?\s*(\d{1,4})\s*(?:\(\s*([a-zA-Z])\s*\)|([a-zA-Z]))?$`)

// parsePointRef reads a point number and optional sub-point letter. A
// malformed reference or 0 is a usage error.
func parsePointRef(s string) (n int, letter string, err error) {
	m := pointRef.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, "", usageError("%q is not a point number: give one like 14, 21d or 21(d)", s)
	}
	n, _ = strconv.Atoi(m[1])
	if n < 1 {
		return 0, "", usageError("there is no point %d: points are numbered from 1", n)
	}
	return n, strings.ToLower(m[2] + m[3]), nil
}

// pointError explains a failed lookup: a point outside the plan or an
// unknown version are usage errors naming what exists.
func pointError(err error, c *corpus.Corpus, version string, n int) error {
	if errors.Is(err, index.ErrNoVersion) {
		var names []string
		for _, d := range c.Plans() {
			names = append(names, fmt.Sprintf("%s (%q)", d.ID, d.Version))
		}
		return usageError("no plan version %q: use one of %s", version, strings.Join(names, ", "))
	}
	var re *index.RangeError
	if errors.Is(err, index.ErrNoPoint) && !errors.As(err, &re) {
		return usageError("there is no point %d in the plan (planbot sources lists its points)", n)
	}
	if re != nil && re.Fate != nil {
		return usageError("%s (every version: planbot compare %d)", re.Error(), n)
	}
	return searchError(err)
}

// pointOutput is the JSON of planbot point --json.
type pointOutput struct {
	Doc        string         `json:"doc"`
	DocTitle   string         `json:"doc_title"`
	Kind       string         `json:"kind"`
	Version    string         `json:"version"`
	Date       string         `json:"date"`
	Point      int            `json:"point"`
	Letter     string         `json:"letter,omitempty"`
	Title      string         `json:"title"`
	Text       string         `json:"text"`
	SubPoints  []subPointJSON `json:"sub_points"`
	Was        []int          `json:"was"`
	Note       string         `json:"note,omitempty"`
	Sources    []sourceJSON   `json:"sources"`
	Commentary []passageJSON  `json:"commentary"`
}

type subPointJSON struct {
	Letter string `json:"letter"`
	Text   string `json:"text"`
}

func pointJSON(pv *index.PointView, letter string) pointOutput {
	subs := make([]subPointJSON, 0, len(pv.Point.SubPoints))
	for _, s := range pv.Point.SubPoints {
		subs = append(subs, subPointJSON{Letter: s.Letter, Text: s.Text})
	}
	return pointOutput{
		Doc:        pv.Doc.ID,
		DocTitle:   pv.Doc.Title,
		Kind:       string(pv.Doc.Kind),
		Version:    pv.Doc.Version,
		Date:       pv.Doc.Date,
		Point:      pv.Point.Number,
		Letter:     letter,
		Title:      pv.Point.Title,
		Text:       pv.Point.Text,
		SubPoints:  subs,
		Was:        ints(pv.Point.Was),
		Note:       pv.Doc.Note,
		Sources:    sourcesJSON(pv.Doc),
		Commentary: passagesJSON(pv.Commentary),
	}
}

// printPoint writes a point in full for a reader; the sub-point named by
// letter, if any, is marked with ▶. draft is the corpus's default plan,
// which a clause of a later version names the points of.
func printPoint(p *printer, pv *index.PointView, letter string, draft *corpus.Document) {
	d, pt := pv.Doc, pv.Point
	p.para("", "", fmt.Sprintf("§%d %s", pt.Number, pt.Title))
	p.para("", "", fmt.Sprintf("%s, %s (%s)", d.Version, d.Date, d.ID))
	if len(pt.Was) > 0 && draft != nil && draft != d {
		what := "point"
		if len(pt.Was) > 1 {
			what = "points"
		}
		p.para("", "", fmt.Sprintf("Continues %s %s of the %s (every version: planbot compare %d).", what, joinInts(pt.Was), draft.Version, pt.Was[0]))
	}
	p.printf("\n")
	if pt.Text != "" {
		p.para("", "", pt.Text)
	}
	for _, s := range pt.SubPoints {
		mark := "  "
		if s.Letter == letter {
			mark = "▶ "
		}
		p.para(mark+s.Letter+". ", "     ", s.Text)
	}
	if d.Note != "" {
		p.printf("\n")
		p.para("Note: ", "      ", d.Note)
	}
	docs := docList{d}
	p.printf("\n")
	if len(pv.Commentary) == 0 {
		p.printf("Commentary: no reporting in the corpus discusses this point.\n")
	} else {
		p.printf("Commentary (%d %s)\n", len(pv.Commentary), plural(len(pv.Commentary), "passage", "passages"))
		for _, ps := range pv.Commentary {
			printPassage(p, ps, "", 0)
			docs.add(ps.Doc)
		}
	}
	p.printf("\n")
	p.printSources(docs)
}

// joinInts is "6", "6 and 7", "6, 7 and 21".
func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
