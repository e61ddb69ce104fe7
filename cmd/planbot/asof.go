package main

import (
	"time"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// asOfLine says how far the corpus's reporting goes, "Reporting up to 22
// Mar 2026.", so that a reader takes nothing later for granted either way;
// for a question about the present ("is there a ceasefire now?") it adds
// that the newest reporting comes first and later events are not covered.
// It returns "" for a corpus without dated documents.
func asOfLine(c *corpus.Corpus, question string) string {
	d := c.AsOf()
	if d == "" {
		return ""
	}
	line := "Reporting up to " + displayDate(d) + "."
	if question != "" && index.AboutNow(question) {
		line += " Newest reporting first; later events are not covered."
	}
	return line
}

// displayDate turns YYYY-MM-DD into "22 Mar 2026"; any other text is
// returned as it is.
func displayDate(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t.Format("2 Jan 2006")
}

// printAsOf writes asOfLine as the last line of an answer, if there is one.
func (p *printer) printAsOf(c *corpus.Corpus, question string) {
	if line := asOfLine(c, question); line != "" {
		p.para("", "", line)
	}
}
