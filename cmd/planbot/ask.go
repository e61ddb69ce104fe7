package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

const askAbout = `Answers a question with the points of the plan that match it, best first:
each point's matching sentence, up to two passages of reporting that discuss
it and the sources. Reporting that matches but discusses no point follows.
When no point matches well enough, planbot says so and shows the closest
passages instead. A question naming a point ("point 14", "21d") shows that
point first.

Each point is headed by the clause of the version the question names
("European plan", "20-point", "latest", "now"), else of the draft; one line
per other version says what it does with the point.

--json prints a stable contract for scripts:
  {"query": "...", "no_match": true (only when nothing matches),
   "results": [{"doc", "kind": "plan"|"article", "version", "points": [6],
                "title", "snippet", "score", "sources": [{"name","url","date"}],
                ...}]}
ranked best first. A point result lists exactly its own number in points and
its title is the point's title; related reporting follows as "article"
results with points [] and the section heading as title (the article's title
is in doc_title); with no_match, the closest passages are article results
whose points are those their section discusses. A point result's "also"
says what each other version does with it: {"doc", "version", "status":
"original"|"continued"|"dropped"|"not reported", and for a clause "number",
"title", "gist"}. snippet is plain text with
** around the words that matched (no other Markdown, nothing escaped);
snippet_plain is the same text without the ** and spans the byte ranges
[start, end) of the matching words in it. Fields may be added, never
removed.`

const askExamples = `  planbot ask "how big can Ukraine's army be?"
  planbot ask what happens to the frozen russian money
  planbot ask --json --limit 3 "will Ukraine join NATO?"
  planbot ask point 21d
  planbot ask "Чи має Україна віддати Донбас?"
  planbot ask --lang ru "Что план говорит о НАТО?"
  planbot ask --corpus ./my-corpus -- "-5 questions starting with a dash"
`

// runAsk is planbot ask.
func runAsk(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("ask", "ask [--json] [--limit N] [--lang LANG] [--corpus DIR] QUESTION...", askAbout, askExamples)
	asJSON := fs.Bool("json", false, "print JSON (the contract above) instead of text")
	limit := fs.Int("limit", 3, "show at most `N` points (1–50)")
	lang := fs.String("lang", "", "take the question to be in `LANG`: uk, ru or en (default: told by its letters)")
	fs.StringVar(&cfg.CorpusDir, "corpus", cfg.CorpusDir, "load the corpus folder `DIR` instead of the embedded one (env PLANBOT_CORPUS_DIR)")
	words, err := parseFlags(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return fail(stderr, "ask", err)
	}
	q := strings.Join(strings.Fields(strings.Join(words, " ")), " ")
	if q == "" {
		return fail(stderr, "ask", usageError(`empty question: ask something, e.g. planbot ask "how big can Ukraine's army be?"`))
	}
	if *limit < 1 || *limit > 50 {
		return fail(stderr, "ask", usageError("--limit %d: give a number of points from 1 to 50", *limit))
	}
	if *lang != "" && !slices.Contains(index.Langs, *lang) {
		return fail(stderr, "ask", usageError("--lang %q: give one of %s", *lang, strings.Join(index.Langs, ", ")))
	}

	log := cfg.Logger(stderr).With(slog.String("cmd", "ask"))
	ix, err := openIndex(ctx, cfg, log)
	if err != nil {
		return fail(stderr, "ask", err)
	}
	defer ix.Close()
	start := time.Now()
	res, err := ix.Search(ctx, q, index.Options{Limit: *limit, Lang: *lang})
	if err != nil {
		err = searchError(err)
		if *asJSON && errors.Is(err, errUsage) {
			// A question naming a point the plan lacks still gets the
			// JSON answer scripts parse, besides the error and status 2.
			out := askOutput{Query: q, NoMatch: true, Results: []resultJSON{}, Error: usageMessage(err)}
			if werr := writeJSON(stdout, out); werr != nil {
				return fail(stderr, "ask", fmt.Errorf("write JSON: %w", werr))
			}
		}
		return fail(stderr, "ask", err)
	}
	log.Debug("search", slog.String("query", q), slog.Int("hits", len(res.Hits)),
		slog.Bool("no_match", res.NoMatch), slog.Duration("took", time.Since(start)))

	return respond(stdout, stderr, "ask", *asJSON,
		func() any {
			out := askJSON(res)
			out.AsOf = ix.Corpus().AsOf()
			return out
		},
		func() {
			p := newPrinter(stdout)
			printAnswer(p, res)
			p.printAsOf(ix.Corpus(), q)
		})
}

// searchError turns a reference to a point the plan lacks into a usage
// error carrying the index's message (which names the valid range).
func searchError(err error) error {
	var re *index.RangeError
	if errors.As(err, &re) {
		return usageError("%s", re.Error())
	}
	if errors.Is(err, index.ErrNoPoint) {
		return usageError("%v", err)
	}
	return fmt.Errorf("search: %w", err)
}

// askOutput is the JSON contract of planbot ask --json; see askAbout.
type askOutput struct {
	Query string `json:"query"`
	// Lang is the language the question was taken to be in: en, uk, ru.
	Lang    string   `json:"lang,omitempty"`
	Ref     *refJSON `json:"ref,omitempty"`
	NoMatch bool     `json:"no_match,omitempty"`
	// Error explains a question that names a point the plan lacks.
	Error   string       `json:"error,omitempty"`
	Results []resultJSON `json:"results"`
	// AsOf is the date (YYYY-MM-DD) of the newest document: the reporting
	// goes no further.
	AsOf string `json:"as_of,omitempty"`
}

// refJSON is the point the question named exactly, e.g. {"point": 21,
// "letter": "d"}.
type refJSON struct {
	Point  int    `json:"point"`
	Letter string `json:"letter,omitempty"`
}

// resultJSON is one ranked result. The first eight fields are the
// contract; the rest are additive.
type resultJSON struct {
	Doc     string       `json:"doc"`
	Kind    string       `json:"kind"`
	Version string       `json:"version"`
	Points  []int        `json:"points"`
	Title   string       `json:"title"`
	Snippet string       `json:"snippet"`
	Score   float64      `json:"score"`
	Sources []sourceJSON `json:"sources"`

	// SnippetPlain is snippet without the ** and Spans the byte ranges of
	// the words that matched in it.
	SnippetPlain string     `json:"snippet_plain"`
	Spans        []spanJSON `json:"spans"`

	// Role is "point" for a plan point, "related" for related reporting,
	// "closest" for a nearest passage when nothing matched.
	Role     string `json:"role"`
	DocTitle string `json:"doc_title"`
	Date     string `json:"date"`
	// Publisher is the document's publisher (or author).
	Publisher string `json:"publisher"`
	// Letter is the sub-point the snippet comes from (point results).
	Letter string `json:"letter,omitempty"`
	// Text is the point in full with its sub-points (point results).
	Text string `json:"text,omitempty"`
	// Section is the heading of an article result.
	Section string `json:"section,omitempty"`
	// Passages are the reporting attached to a point result.
	Passages []passageJSON `json:"passages,omitempty"`
	// Number is the clause's number in its version (point results); points
	// holds the draft points it stands for, empty for a new clause.
	Number int `json:"number_in_version,omitempty"`
	// Also are the other versions' clauses of the same lineage.
	Also []clauseJSON `json:"also,omitempty"`
}

// clauseJSON says what one other version does with a point: {"doc",
// "version", "status", and for a clause "number", "title", "gist"}; status
// is "original", "continued", "dropped" or "not reported".
type clauseJSON struct {
	Doc     string `json:"doc"`
	Version string `json:"version"`
	Status  string `json:"status"`
	Number  int    `json:"number,omitempty"`
	Title   string `json:"title,omitempty"`
	// Gist is the sentence of the clause that says what it does.
	Gist string `json:"gist,omitempty"`
}

func alsoJSON(cs []index.Clause) []clauseJSON {
	var out []clauseJSON
	for _, c := range cs {
		j := clauseJSON{Doc: c.Doc.ID, Version: c.Doc.Version, Status: string(c.Status)}
		if c.Point != nil {
			j.Number, j.Title, j.Gist = c.Point.Number, c.Point.Title, c.Gist
		}
		out = append(out, j)
	}
	return out
}

// askJSON maps a search result onto the JSON contract.
func askJSON(res *index.Result) askOutput {
	out := askOutput{Query: res.Query, Lang: res.Lang, NoMatch: res.NoMatch, Results: []resultJSON{}}
	if res.Ref != nil {
		out.Ref = &refJSON{Point: res.Ref.Number, Letter: res.Ref.Letter}
	}
	for _, h := range res.Hits {
		out.Results = append(out.Results, resultJSON{
			Doc:          h.Doc.ID,
			Kind:         string(h.Doc.Kind),
			Version:      h.Doc.Version,
			Points:       ints(h.Draft),
			Title:        h.Point.Title,
			Snippet:      marked(h.Match, h.Spans, "**"),
			SnippetPlain: h.Match,
			Spans:        spansJSON(h.Spans),
			Score:        h.Score,
			Sources:      sourcesJSON(h.Doc),
			Role:         "point",
			DocTitle:     h.Doc.Title,
			Date:         h.Doc.Date,
			Publisher:    h.Doc.Origin(),
			Letter:       h.Letter,
			Text:         h.Point.Body(),
			Passages:     passagesJSON(h.Passages),
			Number:       h.Point.Number,
			Also:         alsoJSON(h.Also),
		})
	}
	for _, p := range res.Related {
		out.Results = append(out.Results, articleJSON(p, "related", []int{}))
	}
	for _, p := range res.Closest {
		out.Results = append(out.Results, articleJSON(p, "closest", ints(p.Points)))
	}
	return out
}

func articleJSON(p *index.Passage, role string, points []int) resultJSON {
	return resultJSON{
		Doc:          p.Doc.ID,
		Kind:         string(p.Doc.Kind),
		Version:      p.Doc.Version,
		Points:       points,
		Title:        p.Section.Heading,
		Snippet:      marked(p.Text, p.Spans, "**"),
		SnippetPlain: p.Text,
		Spans:        spansJSON(p.Spans),
		Score:        p.Score,
		Sources:      sourcesJSON(p.Doc),
		Role:         role,
		DocTitle:     p.Doc.Title,
		Date:         p.Doc.Date,
		Publisher:    p.Doc.Origin(),
		Section:      p.Section.Heading,
	}
}

// printAnswer writes a result for a reader: the points, their reporting,
// related reporting, then the sources of everything shown.
func printAnswer(p *printer, res *index.Result) {
	var docs docList
	p.para("Question: ", "          ", res.Query)
	p.printf("\n")
	if res.NoMatch || len(res.Hits) == 0 {
		p.para("", "", fmt.Sprintf("No point of the plan matches “%s”.", res.Query))
		if len(res.Closest) > 0 {
			p.printf("\nClosest passages (they may not answer the question):\n")
			for _, ps := range res.Closest {
				printPassage(p, ps, "", excerptLen)
				docs.add(ps.Doc)
			}
		}
		p.printf("\nTry other words, or see a point with: planbot point N\n")
	}
	for i, h := range res.Hits {
		// the clause in the question's language (or --lang's): the index
		// matched in that language's texts and gives the sentence in it
		title, _, _ := h.Point.In(res.Lang)
		label := fmt.Sprintf("%d. §%d %s", i+1, h.Point.Number, title)
		if i == 0 && res.Ref != nil {
			label += " (the point you named)"
		}
		if !h.Doc.Default && h.Doc.Version != "" {
			label += " [" + h.Doc.Version + "]"
		}
		p.para("", "   ", label)
		match := marked(h.Match, h.Spans, boldMark)
		if h.Letter != "" {
			p.para("   "+h.Letter+". ", "      ", match)
		} else {
			p.para("   ", "   ", match)
		}
		for _, line := range alsoLines(h.Also) {
			p.para("   · ", "     ", line)
		}
		docs.add(h.Doc)
		shown := h.Passages
		if len(shown) > 2 {
			shown = shown[:2]
		}
		if len(shown) > 0 {
			p.printf("   Reporting:\n")
			for _, ps := range shown {
				printPassage(p, ps, "   ", excerptLen)
				docs.add(ps.Doc)
			}
		}
		p.printf("\n")
	}
	if name := langNames[res.Lang]; name != "" && len(res.Hits) > 0 {
		p.para("", "", "Clause texts in "+name+" are our translation of our English summaries; reporting is quoted as written.")
		p.printf("\n")
	}
	if len(res.Related) > 0 {
		p.printf("Related reporting\n")
		for _, ps := range res.Related {
			printPassage(p, ps, "", excerptLen)
			docs.add(ps.Doc)
		}
		p.printf("\n")
	}
	p.printSources(docs)
}

// langNames names the languages clause texts are translated into.
var langNames = map[string]string{index.LangUkrainian: "Ukrainian", index.LangRussian: "Russian"}

// printPassage writes one passage as a list item at indent, cut to about
// max characters (0: in full).
func printPassage(p *printer, ps *index.Passage, indent string, max int) {
	text := marked(ps.Text, ps.Spans, boldMark)
	if max > 0 {
		text = excerpt(text, max)
	}
	p.para(indent+"- ", indent+"  ", fmt.Sprintf("%s, %q (%s)", docName(ps.Doc), ps.Section.Heading, ps.Doc.Date))
	p.para(indent+"  ", indent+"  ", text)
}

// alsoLines say, one line per other version, what it does with a result's
// point: "20-point framework §4: Ukraine keeps armed forces of 800,000 …",
// "European counter-proposal: dropped".
func alsoLines(cs []index.Clause) []string {
	var lines []string
	for _, c := range cs {
		if c.Point == nil {
			lines = append(lines, fmt.Sprintf("%s: %s", c.Doc.Version, corpus.Fate{Status: c.Status}.Words()))
			continue
		}
		line := fmt.Sprintf("%s §%d", c.Doc.Version, c.Point.Number)
		if c.Gist != "" {
			line += ": " + excerpt(c.Gist, alsoGistLen)
		}
		lines = append(lines, line)
	}
	return lines
}

// alsoGistLen is about how many characters of another version's clause a
// line shows.
const alsoGistLen = 120

// docName names a document by its publisher or author, or by its title
// when it has neither.
func docName(d *corpus.Document) string {
	if o := d.Origin(); o != "" {
		return o
	}
	return d.Title
}
