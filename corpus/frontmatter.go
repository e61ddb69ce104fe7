package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

var (
	yamlLine      = regexp.MustCompile(`line (\d+): `)
	unknownAnchor = regexp.MustCompile(`unknown anchor '(.*)' referenced`)
)

// allowedKeys lists the front-matter keys, for error messages.
const allowedKeys = "id, kind, title, version, default, dropped, date, author, publisher, place, sources, note"

// knownKey reports whether key is a front-matter key of the corpus format.
func knownKey(key string) bool {
	switch key {
	case "id", "kind", "title", "version", "default", "dropped", "date",
		"author", "publisher", "place", "sources", "note":
		return true
	}
	return false
}

// fmOffset turns a YAML line into a file line: YAML line 1 is file line 2.
const fmOffset = 1

// readFrontMatter decodes the YAML header, given as the lines between the
// two '---' lines, and checks its keys and values, reporting each problem at
// the line of its key or value.
func (p *parsed) readFrontMatter(el *errorList, lines []string) {
	// YAML also breaks lines at NEL, LS and PS, which Markdown and editors
	// show as text; as spaces they keep YAML's lines the file's lines.
	src := strings.NewReplacer("\u0085", " ", "\u2028", " ", "\u2029", " ").Replace(strings.Join(lines, "\n"))
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		el.add(yamlErrorLine(err, lines)+fmOffset, "front matter: %s", yamlErrorText(err))
		return
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		el.add(2, "front matter: expected 'key: value' lines (id, kind, title, date, sources)")
		return
	}
	m := root.Content[0]
	lineOf := map[string]int{}
	values := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		line := k.Line + fmOffset
		if k.Kind != yaml.ScalarNode {
			el.add(line, "front matter: a key must be a plain word (allowed: %s)", allowedKeys)
			continue
		}
		if prev, dup := lineOf[k.Value]; dup {
			el.add(line, "front matter: %q appears twice (first at line %d; keep one)", k.Value, prev)
			continue
		}
		lineOf[k.Value] = line
		if !knownKey(k.Value) {
			el.add(line, "front matter: unknown key %q (allowed: %s)", k.Value, allowedKeys)
			continue
		}
		values[k.Value] = deref(v)
	}

	bad := map[string]bool{} // keys whose value is already reported
	text := func(key string) string {
		v := values[key]
		if v == nil {
			return ""
		}
		if v.Kind != yaml.ScalarNode {
			el.add(lineOf[key], "front matter: %q must be text, not a list or map (write %s: ... on one line, in quotes if it holds ': ')", key, key)
			bad[key] = true
			return ""
		}
		return scalarText(v)
	}
	d := p.doc
	d.ID, d.Kind, d.Title = text("id"), Kind(text("kind")), text("title")
	d.Version, d.Date, d.Note = text("version"), text("date"), text("note")
	d.Author, d.Publisher, d.Place = text("author"), text("publisher"), text("place")
	if v := values["default"]; v != nil {
		if v.Kind != yaml.ScalarNode || v.Decode(&d.Default) != nil {
			el.add(lineOf["default"], "front matter: \"default\" must be true or false (write default: true)")
		}
	}
	if v := values["dropped"]; v != nil {
		d.Dropped = readDropped(el, v, lineOf["dropped"])
	}
	if v := values["sources"]; v != nil {
		d.Sources = readSources(el, v, lineOf["sources"])
	}
	p.idLine = lineOf["id"]
	p.defaultLine = lineOf["default"]

	// require reports a missing or empty key and says whether it has a value.
	require := func(key, value, hint string) bool {
		switch line, ok := lineOf[key]; {
		case !ok:
			el.add(1, "front matter: missing %q (add %s)", key, hint)
			return false
		case bad[key]:
			return false
		case value == "":
			el.add(line, "front matter: %q is empty (write %s)", key, hint)
			return false
		}
		return true
	}
	if require("id", d.ID, "id: a-slug-like-this") && !idPattern.MatchString(d.ID) {
		el.add(lineOf["id"], "front matter: id %q may hold only a-z, 0-9 and '-' (write e.g. id: plan-28-points)", d.ID)
	}
	if require("kind", string(d.Kind), "kind: plan or kind: article") && d.Kind != KindPlan && d.Kind != KindArticle {
		el.add(lineOf["kind"], "front matter: kind %q is neither plan nor article (write kind: plan or kind: article)", d.Kind)
	}
	require("title", d.Title, "title: ...")
	if require("date", d.Date, "date: YYYY-MM-DD") {
		if _, err := time.Parse(time.DateOnly, d.Date); err != nil {
			el.add(lineOf["date"], "front matter: date %q is not a date (write YYYY-MM-DD)", d.Date)
		}
	}
	if _, ok := lineOf["sources"]; !ok {
		el.add(1, "front matter: missing \"sources\" (add a list of {name, url, date, note} saying where the text comes from)")
	}

	switch d.Kind {
	case KindPlan:
		if _, ok := lineOf["version"]; !ok {
			el.add(1, "front matter: a plan needs \"version\" (add a short label such as version: 28-point draft)")
		} else if d.Version == "" && !bad["version"] {
			el.add(lineOf["version"], "front matter: \"version\" is empty (write a short label such as version: 28-point draft)")
		}
		if len(d.Dropped) > 0 {
			p.links = append(p.links, link{line: lineOf["dropped"], kind: "dropped", points: d.Dropped})
		}
	case KindArticle:
		for _, k := range []string{"version", "default", "dropped"} {
			if l, ok := lineOf[k]; ok {
				el.add(l, "front matter: %q is for plans only (remove it or set kind: plan)", k)
			}
		}
	}
}

// readDropped reads the dropped: list of draft point numbers.
func readDropped(el *errorList, v *yaml.Node, line int) []int {
	var ns []int
	if v.Kind != yaml.SequenceNode || v.Decode(&ns) != nil {
		el.add(line, "front matter: \"dropped\" must be a list of point numbers of the default plan (write e.g. dropped: [3])")
		return nil
	}
	for i, n := range ns {
		if n < 1 {
			el.add(v.Content[i].Line+fmOffset, "front matter: dropped: %d is not a point number (point numbers start at 1)", n)
			return nil
		}
	}
	return ns
}

// readSources reads the sources: list, reporting a source without a name,
// an unknown source key and a source date that is not a date, each at its
// own line.
func readSources(el *errorList, v *yaml.Node, line int) []Source {
	const hint = "a list of items '- name: ...' with optional url, date, note, saying where the text comes from"
	if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" || v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
		el.add(line, "front matter: \"sources\" is empty (write %s)", hint)
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		el.add(line, "front matter: \"sources\" must be %s", hint)
		return nil
	}
	var srcs []Source
	for _, item := range v.Content {
		item = deref(item)
		if item.Kind != yaml.MappingNode {
			el.add(item.Line+fmOffset, "front matter: each source is a map with name and, optionally, url, date, note (write - name: ...)")
			continue
		}
		var s Source
		for j := 0; j+1 < len(item.Content); j += 2 {
			k, val := item.Content[j], deref(item.Content[j+1])
			if k.Kind != yaml.ScalarNode {
				el.add(k.Line+fmOffset, "front matter: a source key must be name, url, date or note")
				continue
			}
			var field *string
			switch k.Value {
			case "name":
				field = &s.Name
			case "url":
				field = &s.URL
			case "date":
				field = &s.Date
			case "note":
				field = &s.Note
			default:
				el.add(k.Line+fmOffset, "front matter: unknown source key %q (allowed: name, url, date, note)", k.Value)
				continue
			}
			if val.Kind != yaml.ScalarNode {
				el.add(val.Line+fmOffset, "front matter: source %s must be text, not a list or map", k.Value)
				continue
			}
			*field = scalarText(val)
			if k.Value == "date" && *field != "" {
				if _, err := time.Parse(time.DateOnly, *field); err != nil {
					el.add(val.Line+fmOffset, "front matter: source date %q is not a date (write YYYY-MM-DD)", *field)
				}
			}
		}
		if s.Name == "" {
			el.add(item.Line+fmOffset, "front matter: a source needs a name (add name: ...)")
		}
		srcs = append(srcs, s)
	}
	return srcs
}

// deref follows YAML aliases (*name) to the node they stand for.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; i < 10 && n.Kind == yaml.AliasNode && n.Alias != nil; i++ {
		n = n.Alias
	}
	return n
}

// scalarText is the trimmed text of a scalar; "" for null.
func scalarText(v *yaml.Node) string {
	if v.ShortTag() == "!!null" {
		return ""
	}
	return strings.TrimSpace(v.Value)
}

// parserProblems are the messages of yaml.v3's parser stage, which counts
// lines from 0 (its scanner stage counts from 1).
var parserProblems = regexp.MustCompile(`did not find expected (?:',' or ']'|',' or '}'|'-' indicator|<document start>|<stream-start>|key|node content)|found duplicate %|found incompatible YAML document|found undefined tag handle`)

// yamlErrorLine returns the YAML line (from 1) that a yaml.v3 syntax error
// is about, finding it in lines when the error does not say.
func yamlErrorLine(err error, lines []string) int {
	msg := err.Error()
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		if parserProblems.MatchString(msg) {
			line++
		}
	} else if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		line = lineContaining(lines, func(s string) bool { return strings.Contains(s, "*"+m[1]) })
	} else if strings.Contains(msg, "control characters") || strings.Contains(msg, "invalid") {
		line = lineContaining(lines, func(s string) bool { return strings.IndexFunc(s, notYAMLPrintable) >= 0 })
	}
	return min(max(line, 1), len(lines)+1)
}

// lineContaining returns the number (from 1) of the first line for which ok
// is true, or 1.
func lineContaining(lines []string, ok func(string) bool) int {
	for i, s := range lines {
		if ok(s) {
			return i + 1
		}
	}
	return 1
}

// notYAMLPrintable reports a character that YAML does not allow in a file.
func notYAMLPrintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return false
	case r >= 0x20 && r <= 0x7e, r >= 0xa0 && r <= 0xd7ff, r >= 0x10000 && r <= 0x10ffff:
		return false
	case r >= 0xe000 && r <= 0xfffd:
		return r == 0xfeff
	}
	return true
}

// yamlErrorText turns a yaml.v3 error into a message with a hint.
func yamlErrorText(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	s = yamlLine.ReplaceAllString(s, "")
	s = strings.Join(strings.Fields(s), " ")
	switch {
	case strings.Contains(s, "mapping values are not allowed"):
		return s + " (a value that holds ': ' must be in quotes)"
	case strings.Contains(s, "tab character"):
		return s + " (indent with spaces, not tabs)"
	case strings.Contains(s, "cannot start any token"), strings.Contains(s, "unknown anchor"):
		return s + " (a value that starts with a sign such as @, `, *, &, ! or % must be in quotes)"
	case strings.Contains(s, "control characters"):
		return s + " (remove the invisible control character)"
	}
	return s + " (check the YAML between the '---' lines; quote values that hold special characters)"
}
