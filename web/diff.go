package web

import (
	"html/template"
	"strings"
	"unicode"
)

// op is what a piece of a word diff is.
type op uint8

const (
	opSame op = iota
	opIns
	opDel
)

// segment is a run of words a diff kept, inserted or deleted. Pre is the
// white space before it, kept outside the <ins>/<del> mark so that a
// marked run never starts with a space (and newlines between sub-points
// survive under white-space: pre-line).
type segment struct {
	Op   op
	Pre  string
	Text string
}

// word is one token of a text: the white space before it and the word.
type word struct{ pre, text string }

func tokens(s string) []word {
	var ws []word
	i := 0
	for i < len(s) {
		j := i
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		k := j
		for k < len(s) && !isSpace(s[k]) {
			k++
		}
		if k == j { // trailing space
			break
		}
		ws = append(ws, word{pre: s[i:j], text: s[j:k]})
		i = k
	}
	return ws
}

func isSpace(b byte) bool { return b < 0x80 && unicode.IsSpace(rune(b)) }

// maxDiffCells bounds the LCS table (words of old × words of new); past it
// the texts are shown as wholly replaced rather than spend the time.
// Clauses are a few hundred words at most, far below it.
const maxDiffCells = 1 << 20

// diffWords returns new as segments, with the words of old that new lacks
// as deletions placed where they stood and the words new adds as
// insertions. Words are compared exactly, punctuation included, so that a
// changed figure ("600,000" to "800,000") shows.
//
// It is a longest-common-subsequence diff over words, written here rather
// than taken from a library: the texts are short clauses, the O(n·m) table
// costs microseconds at that size, and the ~60 lines are easier to keep
// right (and to bound, see maxDiffCells) than a dependency whose
// character- or line-level output would have to be converted to words.
func diffWords(old, new string) []segment {
	a, b := tokens(old), tokens(new)
	// Common prefix and suffix need no table.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre].text == b[pre].text {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf].text == b[len(b)-1-suf].text {
		suf++
	}
	var out []segment
	add := func(o op, w word) {
		if n := len(out); n > 0 && out[n-1].Op == o {
			out[n-1].Text += w.pre + w.text
			return
		}
		pre := w.pre
		if pre == "" && len(out) > 0 { // a run of the other text ended here
			pre = " "
		}
		out = append(out, segment{Op: o, Pre: pre, Text: w.text})
	}
	for _, w := range b[:pre] {
		add(opSame, w)
	}
	am, bm := a[pre:len(a)-suf], b[pre:len(b)-suf]
	n, m := len(am), len(bm)
	if n*m > maxDiffCells {
		for _, w := range am {
			add(opDel, w)
		}
		for _, w := range bm {
			add(opIns, w)
		}
	} else if n > 0 || m > 0 {
		// l[i][j] is the LCS length of am[i:] and bm[j:], in one slice.
		l := make([]int32, (n+1)*(m+1))
		at := func(i, j int) int32 { return l[i*(m+1)+j] }
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				v := max(at(i+1, j), at(i, j+1))
				if am[i].text == bm[j].text {
					v = at(i+1, j+1) + 1
				}
				l[i*(m+1)+j] = v
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && am[i].text == bm[j].text:
				add(opSame, bm[j])
				i++
				j++
			case j == m || (i < n && at(i+1, j) >= at(i, j+1)):
				// deletions first, so "<del>old</del> <ins>new</ins>" reads in order
				add(opDel, am[i])
				i++
			default:
				add(opIns, bm[j])
				j++
			}
		}
	}
	for _, w := range b[len(b)-suf:] {
		add(opSame, w)
	}
	return out
}

// plainSegments is text with no marks, for the first version shown.
func plainSegments(text string) []segment {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	return []segment{{Op: opSame, Text: text}}
}

// segmentsHTML writes segments as HTML: kept words as text, inserted ones
// in <ins>, deleted ones in <del>, each mark starting with a visually
// hidden "added:"/"removed:" for screen readers, which do not announce
// <ins> and <del> by themselves. Every piece of text goes through
// html/template's own escaper. It is done here rather than by ranging
// over the segments in the template because a diffed clause has hundreds
// of segments and each template action costs a reflective call: this
// halves the time of a point page.
func segmentsHTML(ss []segment, t *words) template.HTML {
	var b strings.Builder
	for _, s := range ss {
		b.WriteString(template.HTMLEscapeString(s.Pre))
		switch s.Op {
		case opIns:
			b.WriteString(`<ins><span class="vh">` + template.HTMLEscapeString(t.Inserted) + ` </span>`)
			b.WriteString(template.HTMLEscapeString(s.Text))
			b.WriteString(`</ins>`)
		case opDel:
			b.WriteString(`<del><span class="vh">` + template.HTMLEscapeString(t.Deleted) + ` </span>`)
			b.WriteString(template.HTMLEscapeString(s.Text))
			b.WriteString(`</del>`)
		default:
			b.WriteString(template.HTMLEscapeString(s.Text))
		}
	}
	return template.HTML(b.String())
}
