package corpus

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

var (
	idPattern       = regexp.MustCompile(`^[a-z0-9-]+$`)
	pointHeading    = regexp.MustCompile(`^(\d+)\.\s+(\S.*)$`)
	subPointItem    = regexp.MustCompile(`^[-*]\s+([a-z])[.)]\s+(.*)$`)
	linkComment     = regexp.MustCompile(`^<!--\s*(points|was)\s*:(.*?)-->$`)
	inlineComment   = regexp.MustCompile(`<!--.*?-->`)
	frontMatterKeys = map[string]bool{
		"id": true, "kind": true, "title": true, "version": true, "default": true,
		"dropped": true, "date": true, "author": true, "publisher": true,
		"place": true, "sources": true, "note": true,
	}
)

// frontMatter is the YAML header of a document.
type frontMatter struct {
	ID        string   `yaml:"id"`
	Kind      string   `yaml:"kind"`
	Title     string   `yaml:"title"`
	Version   string   `yaml:"version"`
	Default   bool     `yaml:"default"`
	Dropped   []int    `yaml:"dropped"`
	Date      string   `yaml:"date"`
	Author    string   `yaml:"author"`
	Publisher string   `yaml:"publisher"`
	Place     string   `yaml:"place"`
	Sources   []Source `yaml:"sources"`
	Note      string   `yaml:"note"`
}

// link is a points: or was: comment, kept with its line so the loader can
// check it against the default plan.
type link struct {
	line   int
	kind   string // "points", "was" or "dropped"
	points []int
}

// parsed is a document with what the cross-document checks need.
type parsed struct {
	doc         *Document
	defaultLine int
	idLine      int
	links       []link
}

// Parse reads one document. file names it in errors. Parse checks every rule
// that one file can break on its own; rules across documents (duplicate ids,
// links to the default plan) are Load's. The error, if any, is Errors.
func Parse(file string, data []byte) (*Document, error) {
	p, errs := parse(file, data)
	if len(errs) > 0 {
		return nil, errs
	}
	return p.doc, nil
}

func parse(file string, data []byte) (*parsed, Errors) {
	el := &errorList{file: file}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		el.add(line, "not UTF-8 text (save the file as UTF-8)")
		return nil, el.errs
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")

	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		el.add(1, "no front matter: the file must start with a line '---', then YAML (id, kind, title, date, sources), then '---'")
		return nil, el.errs
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		el.add(1, "front matter is not closed: add a line '---' after the YAML")
		return nil, el.errs
	}

	p := &parsed{doc: &Document{File: file}}
	p.readFrontMatter(el, strings.Join(lines[1:end], "\n"))
	if p.doc.Kind == KindPlan || p.doc.Kind == KindArticle {
		p.readBody(el, lines, end+1)
	}
	if len(el.errs) > 0 {
		return nil, el.errs
	}
	return p, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// readFrontMatter decodes the YAML header (which starts on file line 2) and
// checks its keys and values.
func (p *parsed) readFrontMatter(el *errorList, src string) {
	const offset = 1 // YAML line 1 is file line 2
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		el.add(yamlErrorLine(err)+offset, "front matter: %s", yamlErrorText(err))
		return
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		el.add(2, "front matter: expected 'key: value' lines (id, kind, title, date, sources)")
		return
	}
	m := root.Content[0]
	lineOf := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if _, dup := lineOf[k.Value]; dup {
			el.add(k.Line+offset, "front matter: %q appears twice (keep one)", k.Value)
			continue
		}
		lineOf[k.Value] = k.Line + offset
		if !frontMatterKeys[k.Value] {
			el.add(k.Line+offset, "front matter: unknown key %q (allowed: id, kind, title, version, default, dropped, date, author, publisher, place, sources, note)", k.Value)
		}
	}

	var fm frontMatter
	dec := yaml.NewDecoder(strings.NewReader(src))
	dec.KnownFields(false) // unknown keys are reported above, with their lines
	if err := dec.Decode(&fm); err != nil {
		el.add(yamlErrorLine(err)+offset, "front matter: %s", yamlErrorText(err))
		return
	}

	d := p.doc
	*d = Document{
		ID: fm.ID, Kind: Kind(fm.Kind), Title: strings.TrimSpace(fm.Title), Version: strings.TrimSpace(fm.Version),
		Default: fm.Default, Dropped: fm.Dropped, Date: fm.Date, Author: fm.Author,
		Publisher: fm.Publisher, Place: fm.Place, Sources: fm.Sources, Note: strings.TrimSpace(fm.Note), File: d.File,
	}
	p.idLine = lineOf["id"]
	p.defaultLine = lineOf["default"]

	require := func(key, value, hint string) bool {
		if _, ok := lineOf[key]; !ok {
			el.add(1, "front matter: missing %q (add %s)", key, hint)
			return false
		}
		if strings.TrimSpace(value) == "" {
			el.add(lineOf[key], "front matter: %q is empty (add %s)", key, hint)
			return false
		}
		return true
	}
	if require("id", fm.ID, "id: a-slug-like-this") && !idPattern.MatchString(fm.ID) {
		el.add(lineOf["id"], "front matter: id %q may hold only a-z, 0-9 and '-'", fm.ID)
	}
	if require("kind", fm.Kind, "kind: plan or kind: article") && d.Kind != KindPlan && d.Kind != KindArticle {
		el.add(lineOf["kind"], "front matter: kind %q is neither plan nor article", fm.Kind)
	}
	require("title", fm.Title, "title: ...")
	if require("date", fm.Date, "date: YYYY-MM-DD") {
		if _, err := time.Parse(time.DateOnly, fm.Date); err != nil {
			el.add(lineOf["date"], "front matter: date %q is not a date (write YYYY-MM-DD)", fm.Date)
		}
	}
	if _, ok := lineOf["sources"]; !ok || len(fm.Sources) == 0 {
		line := lineOf["sources"]
		if !ok {
			line = 1
		}
		el.add(line, "front matter: missing \"sources\" (add a list of {name, url, date, note} saying where the text comes from)")
	}
	p.checkSources(el, m, offset)

	if d.Kind == KindPlan {
		if d.Version == "" {
			el.add(or(lineOf["version"], 1), "front matter: a plan needs \"version\" (a short label such as version: 28-point draft)")
		}
		if len(d.Dropped) > 0 {
			p.links = append(p.links, link{line: lineOf["dropped"], kind: "dropped", points: d.Dropped})
		}
	}
	if d.Kind == KindArticle {
		for _, k := range []string{"version", "default", "dropped"} {
			if l, ok := lineOf[k]; ok {
				el.add(l, "front matter: %q is for plans only (remove it or set kind: plan)", k)
			}
		}
	}
}

// checkSources reports a source without a name and a source date that is not
// a date, each at its own line.
func (p *parsed) checkSources(el *errorList, m *yaml.Node, offset int) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "sources" || m.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		for _, item := range m.Content[i+1].Content {
			if item.Kind != yaml.MappingNode {
				el.add(item.Line+offset, "front matter: each source is a map with name and, optionally, url, date, note")
				continue
			}
			var name string
			for j := 0; j+1 < len(item.Content); j += 2 {
				k, v := item.Content[j], item.Content[j+1]
				switch k.Value {
				case "name":
					name = v.Value
				case "url", "note":
				case "date":
					if _, err := time.Parse(time.DateOnly, v.Value); err != nil {
						el.add(v.Line+offset, "front matter: source date %q is not a date (write YYYY-MM-DD)", v.Value)
					}
				default:
					el.add(k.Line+offset, "front matter: unknown source key %q (allowed: name, url, date, note)", k.Value)
				}
			}
			if strings.TrimSpace(name) == "" {
				el.add(item.Line+offset, "front matter: a source needs a name")
			}
		}
	}
}

func or(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

func yamlErrorLine(err error) int {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 1
}

func yamlErrorText(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	s = strings.TrimPrefix(s, "unmarshal errors:\n  ")
	s = yamlLine.ReplaceAllString(s, "")
	s = strings.TrimLeft(s, ": ")
	return strings.Join(strings.Fields(s), " ")
}

// readBody splits the Markdown after the front matter into points or
// sections. first is the index of the first body line.
func (p *parsed) readBody(el *errorList, lines []string, first int) {
	d := p.doc
	var (
		point   *Point
		section *Section
		para    []string // lines of the paragraph being read
		sub     *SubPoint
		seen    = map[int]int{} // point number -> heading line
		inNote  bool            // inside a multi-line HTML comment
		started bool            // a paragraph was read under the current heading
	)
	flush := func() {
		if len(para) > 0 {
			text := strings.Join(para, " ")
			switch {
			case point != nil:
				point.Text = joinPara(point.Text, text)
			case section != nil:
				section.Paragraphs = append(section.Paragraphs, text)
			}
			para = nil
		}
		sub = nil
	}
	for i := first; i < len(lines); i++ {
		n := i + 1
		raw := lines[i]
		line := strings.TrimSpace(raw)

		if inNote {
			if strings.Contains(line, "-->") {
				inNote = false
			}
			continue
		}
		if strings.HasPrefix(line, "<!--") && !strings.Contains(line, "-->") {
			inNote = true
			continue
		}
		if m := linkComment.FindStringSubmatch(line); m != nil {
			p.readLink(el, n, m[1], m[2], point, section, started)
			continue
		}
		line = strings.TrimSpace(inlineComment.ReplaceAllString(line, ""))
		if strings.HasPrefix(raw, "## ") || raw == "##" {
			flush()
			started = false
			heading := strings.TrimSpace(strings.TrimPrefix(raw, "##"))
			if d.Kind == KindPlan {
				point, section = p.readPointHeading(el, n, heading, seen), nil
			} else {
				if heading == "" {
					el.add(n, "empty section heading (write '## Heading')")
				}
				section, point = &Section{Heading: heading, Line: n}, nil
				d.Sections = append(d.Sections, section)
			}
			continue
		}
		if line == "" {
			flush()
			continue
		}
		if point == nil && section == nil {
			if d.Kind == KindPlan {
				el.add(n, "text before the first point heading belongs to no point (start points with '## 1. Title')")
				return
			}
			// An article's lead before any heading becomes a section of its own.
			section = &Section{Heading: d.Title, Line: n}
			d.Sections = append(d.Sections, section)
		}
		started = true
		if point != nil {
			if m := subPointItem.FindStringSubmatch(line); m != nil {
				flush()
				if point.SubPoint(m[1]) != nil {
					el.add(n, "point %d has sub-point %s twice", point.Number, m[1])
				}
				point.SubPoints = append(point.SubPoints, SubPoint{Letter: m[1], Text: strings.TrimSpace(m[2])})
				sub = &point.SubPoints[len(point.SubPoints)-1]
				continue
			}
			if sub != nil && (strings.HasPrefix(raw, " ") || strings.HasPrefix(raw, "\t")) {
				sub.Text += " " + line
				continue
			}
		}
		sub = nil
		para = append(para, line)
	}
	flush()
	if inNote {
		el.add(len(lines), "an HTML comment '<!--' is never closed (add '-->')")
	}
	if d.Kind == KindPlan && len(d.Points) == 0 && len(el.errs) == 0 {
		el.add(first+1, "a plan needs at least one point heading '## N. Title'")
	}
}

func joinPara(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n\n" + b
}

func (p *parsed) readPointHeading(el *errorList, n int, heading string, seen map[int]int) *Point {
	m := pointHeading.FindStringSubmatch(heading)
	if m == nil {
		el.add(n, "plan heading %q is not '## N. Title' with N a number", heading)
		return &Point{Line: n} // keep reading, so later errors are found too
	}
	num, err := strconv.Atoi(m[1])
	if err != nil || num < 1 {
		el.add(n, "point number %q must be a whole number from 1", m[1])
		return &Point{Line: n}
	}
	if prev, dup := seen[num]; dup {
		el.add(n, "point %d appears twice (first at line %d); renumber or merge them", num, prev)
		return &Point{Number: num, Line: n}
	}
	seen[num] = n
	pt := &Point{Number: num, Title: strings.TrimSpace(m[2]), Line: n}
	p.doc.Points = append(p.doc.Points, pt)
	return pt
}

// readLink handles a <!-- points: --> or <!-- was: --> line.
func (p *parsed) readLink(el *errorList, n int, kind, list string, point *Point, section *Section, started bool) {
	nums, bad := parseNumbers(list)
	if bad != "" {
		el.add(n, "%s: %q is not a point number (write e.g. <!-- %s: 6, 21 -->)", kind, bad, kind)
		return
	}
	if len(nums) == 0 {
		el.add(n, "%s: names no point (write e.g. <!-- %s: 6, 21 -->)", kind, kind)
		return
	}
	switch {
	case kind == "points" && p.doc.Kind != KindArticle:
		el.add(n, "points: links belong in articles; a later plan version uses <!-- was: N -->")
		return
	case kind == "was" && p.doc.Kind != KindPlan:
		el.add(n, "was: links belong in plans; an article section uses <!-- points: N -->")
		return
	case kind == "points" && (section == nil || started):
		el.add(n, "points: must stand directly under a section heading")
		return
	case kind == "was" && (point == nil || started):
		el.add(n, "was: must stand directly under a point heading")
		return
	}
	if section != nil {
		section.Points = appendUnique(section.Points, nums...)
	}
	if point != nil {
		point.Was = appendUnique(point.Was, nums...)
	}
	p.links = append(p.links, link{line: n, kind: kind, points: nums})
}

func parseNumbers(list string) (nums []int, bad string) {
	for _, f := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, f
		}
		nums = append(nums, n)
	}
	return nums, ""
}

func appendUnique(s []int, ns ...int) []int {
	for _, n := range ns {
		dup := false
		for _, x := range s {
			dup = dup || x == n
		}
		if !dup {
			s = append(s, n)
		}
	}
	return s
}
