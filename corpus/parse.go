package corpus

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

var (
	idPattern    = regexp.MustCompile(`^[a-z0-9-]+$`)
	pointHeading = regexp.MustCompile(`^(\d+)\.(?:\s+(.*))?$`)
	subPointItem = regexp.MustCompile(`^[-*+]\s+([a-z])[.)]\s+(.*)$`)
	listItem     = regexp.MustCompile(`^(?:[-*+]|\d+[.)])\s`)
	// wordComment is an HTML comment line that starts with one word and a
	// colon: a link such as <!-- points: 6, 21 -->, or an editorial note.
	wordComment = regexp.MustCompile(`^<!--\s*([A-Za-z]+)\s*:(.*?)-->$`)
)

// link is a points: or was: comment, or a dropped: list, kept with its line
// so the loader can check it against the default plan.
type link struct {
	line   int
	kind   string // "points", "was" or "dropped"
	points []int
}

// parsed is a document with what the cross-document checks need.
type parsed struct {
	doc *Document
	// numbersKnown says every point heading of a plan was read, so its
	// point numbers can be checked against even if the file has other
	// problems.
	numbersKnown bool
	defaultLine  int
	idLine       int
	links        []link
	// warnings are problems that do not stop a load (see checkTranslations).
	warnings Errors
}

// Parse reads one document. file names it in errors. Parse checks every rule
// that one file can break on its own; rules across documents (duplicate ids,
// links to the default plan) are Load's. The error, if any, is Errors, and
// the document is then nil.
func Parse(file string, data []byte) (*Document, error) {
	p, errs := parse(file, data)
	if len(errs) > 0 {
		return nil, errs
	}
	return p.doc, nil
}

// parse reads one document. When the front matter can be read at all it
// returns the document as far as it could be read, even with errs, so that
// Load can still check ids, defaults and links across files.
func parse(file string, data []byte) (*parsed, Errors) {
	el := &errorList{file: file}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		line := 1 + strings.Count(normalizeBreaks(string(data[:i])), "\n")
		el.add(line, "not UTF-8 text: byte 0x%02x (save the file as UTF-8)", data[i])
		return nil, el.errs
	}
	lines := strings.Split(normalizeBreaks(strings.TrimPrefix(string(data), "\ufeff")), "\n")

	if strings.TrimSpace(lines[0]) != "---" {
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

	p := &parsed{doc: &Document{File: file}, numbersKnown: true}
	p.readFrontMatter(el, lines[1:end])
	if p.doc.Kind == KindPlan || p.doc.Kind == KindArticle {
		p.readBody(el, lines, end+1)
	}
	sort.SliceStable(el.errs, func(i, j int) bool { return el.errs[i].Line < el.errs[j].Line })
	return p, el.errs
}

// normalizeBreaks turns CRLF and a lone CR into LF, so that lines are
// counted as YAML and most editors count them.
func normalizeBreaks(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
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

// readBody splits the Markdown after the front matter into points or
// sections. first is the index of the first body line.
func (p *parsed) readBody(el *errorList, lines []string, first int) {
	d := p.doc
	var (
		point    *Point
		section  *Section
		para     []string // lines of the paragraph being read
		sub      *SubPoint
		seen     = map[int]int{} // point number -> heading line
		noteLine int             // line of a '<!--' not yet closed, or 0
		started  bool            // a paragraph was read under the current heading
		orphan   bool            // text before the first point was reported
		// tr or str is the translation being read, after a "### uk:"
		// heading, until the next heading; paraLine is the first line of
		// the paragraph in para.
		tr       *Translation
		str      *SectionTranslation
		paraLine int
	)
	flush := func() {
		if len(para) > 0 {
			text := strings.Join(para, " ")
			switch {
			case tr != nil:
				tr.Text = joinPara(tr.Text, text)
			case str != nil:
				if str.Summary != "" {
					el.add(paraLine, "a section's translation is one summary paragraph; this is a second one (join them, or leave the detail to the English)")
				}
				str.Summary = joinPara(str.Summary, text)
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

		if noteLine == 0 {
			if m := wordComment.FindStringSubmatch(strings.TrimSpace(raw)); m != nil {
				switch word := m[1]; {
				case word == "points" || word == "was":
					p.readLink(el, n, word, m[2], point, section, started)
					continue
				case strings.EqualFold(word, "points") || strings.EqualFold(word, "point") || strings.EqualFold(word, "was"):
					el.add(n, "%q is not a link keyword: write <!-- points: N --> in an article or <!-- was: N --> in a plan, in lower case", word+":")
					continue
				}
			}
		}
		text, open := stripComments(raw, noteLine != 0)
		switch {
		case !open:
			noteLine = 0
		case noteLine == 0:
			noteLine = n
		}
		line := strings.TrimSpace(text)
		if len(text) != len(raw) { // "a <!-- note --> b" reads "a b"
			line = strings.Join(strings.Fields(line), " ")
		}

		if heading, ok := headingText(text); ok {
			flush()
			started, tr, str = false, nil, nil
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
		if lang, title, ok := readTranslationHeading(text); ok {
			flush()
			started = true // a was: or points: link no longer stands under the heading
			tr, str = p.readTranslationHeading(el, n, lang, title, point, section)
			continue
		}
		if line == "" { // a blank line, or a comment line, ends the paragraph
			flush()
			continue
		}
		if point == nil && section == nil && tr == nil {
			if d.Kind == KindPlan {
				if !orphan {
					el.add(n, "text before the first point heading belongs to no point (start points with '## 1. Title'; put notes about the plan in the front matter's note:)")
					orphan = true
				}
				continue
			}
			// An article's lead before any heading becomes a section of its own.
			section = &Section{Heading: d.Title, Line: n}
			d.Sections = append(d.Sections, section)
		}
		started = true
		if tr != nil && point != nil {
			if m := subPointItem.FindStringSubmatch(line); m != nil {
				flush()
				sub = p.readTranslatedSubPoint(el, n, tr, point, m[1], m[2])
				continue
			}
			if m := cyrillicLetterItem.FindStringSubmatch(line); m != nil {
				el.add(n, "sub-point letter %q is Cyrillic; letter the translated sub-points with the English letters %s", m[1], letters(point.SubPoints))
			}
			if sub != nil && !listItem.MatchString(line) {
				sub.Text = strings.TrimSpace(sub.Text + " " + line)
				continue
			}
		} else if point != nil && tr == nil {
			if m := subPointItem.FindStringSubmatch(line); m != nil {
				flush()
				if point.SubPoint(m[1]) != nil {
					el.add(n, "point %d has sub-point %s twice (re-letter the list a, b, c, ...)", point.Number, m[1])
				}
				point.SubPoints = append(point.SubPoints, SubPoint{Letter: m[1], Text: strings.TrimSpace(m[2])})
				sub = &point.SubPoints[len(point.SubPoints)-1]
				continue
			}
			// A line right under a sub-point continues it, as in Markdown.
			if sub != nil && !listItem.MatchString(line) {
				sub.Text = strings.TrimSpace(sub.Text + " " + line)
				continue
			}
		}
		sub = nil
		if len(para) == 0 {
			paraLine = n
		}
		para = append(para, line)
	}
	flush()
	if noteLine != 0 {
		p.numbersKnown = false // the comment may hide point headings
		el.add(noteLine, "an HTML comment '<!--' starts here and is never closed (add '-->')")
	}
	if d.Kind == KindPlan && len(d.Points) == 0 && len(el.errs) == 0 {
		el.add(min(first+1, len(lines)), "a plan needs at least one point heading '## N. Title'")
	}
	p.warnings = checkTranslations(el, d)
}

// readTranslationHeading handles a "### uk: Title" line under a point or
// section and returns the translation that the following lines fill. When
// the heading is wrong, the translation it returns is not kept, so that the
// lines under it are still read (and checked) as its text.
func (p *parsed) readTranslationHeading(el *errorList, n int, lang, title string, point *Point, section *Section) (*Translation, *SectionTranslation) {
	if point == nil && section == nil {
		el.add(n, "translation '### %s:' before the first point heading belongs to no point (put it after the English text of its point)", lang)
		return &Translation{Line: n}, nil
	}
	name := clauseName(point, section)
	keep := true
	if !knownLanguage(lang) {
		el.add(n, "unknown language %q in translation heading of %s (write '### uk: ...' for Ukrainian or '### ru: ...' for Russian, in lower case)", lang, name)
		keep = false
	} else if title == "" {
		el.add(n, "the %s translation of %s has no title (write '### %s: Title')", lang, name, lang)
	}
	twice := func(first int) {
		el.add(n, "%s has a %s translation twice (first at line %d; keep one)", name, lang, first)
		keep = false
	}
	if point != nil {
		t := &Translation{Title: title, Line: n}
		if prev := point.Translations[lang]; prev != nil {
			twice(prev.Line)
		}
		if keep {
			if point.Translations == nil {
				point.Translations = map[string]*Translation{}
			}
			point.Translations[lang] = t
		}
		return t, nil
	}
	t := &SectionTranslation{Heading: title, Line: n}
	if prev := section.Translations[lang]; prev != nil {
		twice(prev.Line)
	}
	if keep {
		if section.Translations == nil {
			section.Translations = map[string]*SectionTranslation{}
		}
		section.Translations[lang] = t
	}
	return nil, t
}

// readTranslatedSubPoint adds a "- a. ..." line of a point's translation
// and returns the sub-point, which following lines may continue. The
// letter must be one of the English sub-points'.
func (p *parsed) readTranslatedSubPoint(el *errorList, n int, tr *Translation, point *Point, letter, text string) *SubPoint {
	switch {
	case point.SubPoint(letter) == nil:
		el.add(n, "point %d has no sub-point %s in English (a translation keeps the English letters: %s)", point.Number, letter, letters(point.SubPoints))
	case slices.ContainsFunc(tr.SubPoints, func(s SubPoint) bool { return s.Letter == letter }):
		el.add(n, "the translation of point %d has sub-point %s twice (keep the English letters: %s)", point.Number, letter, letters(point.SubPoints))
	}
	tr.SubPoints = append(tr.SubPoints, SubPoint{Letter: letter, Text: strings.TrimSpace(text)})
	return &tr.SubPoints[len(tr.SubPoints)-1]
}

// stripComments removes HTML comments from a line. in says whether the line
// starts inside a comment; open whether a comment is still open at its end.
func stripComments(s string, in bool) (text string, open bool) {
	var b strings.Builder
	for {
		if in {
			j := strings.Index(s, "-->")
			if j < 0 {
				return b.String(), true
			}
			s, in = s[j+len("-->"):], false
			continue
		}
		j := strings.Index(s, "<!--")
		if j < 0 {
			b.WriteString(s)
			return b.String(), false
		}
		b.WriteString(s[:j])
		s, in = s[j+len("<!--"):], true
	}
}

// headingText reports whether line is a level-2 Markdown heading and returns
// its text.
func headingText(line string) (string, bool) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 { // four spaces make a code block
		return "", false
	}
	if t != "##" && !strings.HasPrefix(t, "## ") && !strings.HasPrefix(t, "##\t") {
		return "", false
	}
	return strings.TrimSpace(t[len("##"):]), true
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
		p.numbersKnown = false
		el.add(n, "plan heading %q is not '## N. Title' with N a number (write e.g. '## 14. Frozen assets')", heading)
		return &Point{Line: n} // keep reading, so later errors are found too
	}
	num, err := strconv.Atoi(m[1])
	if err != nil || num < 1 {
		p.numbersKnown = false
		el.add(n, "point number %s must be a whole number from 1 (write e.g. '## 14. Frozen assets')", m[1])
		return &Point{Line: n}
	}
	title := strings.TrimSpace(m[2])
	if title == "" {
		el.add(n, "point %d has no title (write '## %d. Title')", num, num)
	}
	if prev, dup := seen[num]; dup {
		el.add(n, "point %d appears twice (first at line %d); renumber or merge them", num, prev)
		return &Point{Number: num, Line: n}
	}
	seen[num] = n
	pt := &Point{Number: num, Title: title, Line: n}
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
		el.add(n, "points: must stand directly under a section heading (move it to the line after '## Heading')")
		return
	case kind == "was" && (point == nil || started):
		el.add(n, "was: must stand directly under a point heading (move it to the line after '## N. Title')")
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
