package corpus

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

var (
	// translationHeading is a level-3 heading that starts with a language
	// code and a colon: "### uk: Title". Two or three letters, or a tag
	// such as pt-BR, so that a code we do not know is reported rather
	// than read as text.
	translationHeading = regexp.MustCompile(`^###[ \t]+([A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?)[ \t]*:[ \t]*(.*)$`)
	// cyrillicLetterItem is a list item lettered with a Cyrillic letter,
	// which looks like a sub-point (Cyrillic "а" and Latin "a" look alike)
	// but matches no English letter.
	cyrillicLetterItem = regexp.MustCompile(`^[-*+]\s+(\p{Cyrillic})[.)]\s`)
)

// readTranslationHeading matches a "### uk: Title" line (text is the line
// without comments) and returns the language and the title.
func readTranslationHeading(text string) (lang, title string, ok bool) {
	t := strings.TrimLeft(text, " ")
	if len(text)-len(t) > 3 { // four spaces make a code block
		return "", "", false
	}
	m := translationHeading.FindStringSubmatch(strings.TrimSpace(t))
	if m == nil {
		return "", "", false
	}
	return m[1], strings.TrimSpace(m[2]), true
}

// knownLanguage reports whether lang is one of Languages.
func knownLanguage(lang string) bool { return slices.Contains(Languages, lang) }

// clauseName names a point or section in messages: "point 6" or
// "section \"DMZ\"".
func clauseName(point *Point, section *Section) string {
	if point != nil {
		return fmt.Sprintf("point %d", point.Number)
	}
	return fmt.Sprintf("section %q", section.Heading)
}

// checkTranslations enforces the rules that need a whole document read:
// every translation has the English sub-point letters and a text where the
// English has one, and once a document translates one clause into a
// language, it translates every clause into it. A document that lacks a
// language altogether gets a warning, not an error, so that an operator's
// own English-only document still loads.
func checkTranslations(el *errorList, d *Document) (warnings Errors) {
	used := map[string]bool{}
	for _, p := range d.Points {
		for lang := range p.Translations {
			used[lang] = true
		}
	}
	for _, s := range d.Sections {
		for lang := range s.Translations {
			used[lang] = true
		}
	}
	var missing []string // languages the document never uses
	for _, lang := range Languages {
		if !used[lang] {
			missing = append(missing, lang)
		}
	}
	if len(used) == 0 {
		if d.Kind == KindPlan { // reporting stays in its own language
			warnings = append(warnings, &Error{File: el.file, Msg: "plan has no Ukrainian or Russian translation: questions in those languages will find its points only by their English words (add '### uk: Title' and '### ru: Title' under each point; see corpus-format.md)"})
		}
		return warnings
	}
	if len(missing) > 0 {
		warnings = append(warnings, &Error{File: el.file, Msg: fmt.Sprintf("no clause is translated into %s (add '### %s: Title' under each %s; see corpus-format.md)",
			strings.Join(missing, ", "), missing[0], clauseKind(d))})
	}
	for _, p := range d.Points {
		for _, lang := range Languages {
			t := p.Translations[lang]
			if t == nil {
				if used[lang] {
					el.add(p.Line, "point %d has no %s translation, though other points have one (add '### %s: Title' and its text after the point's English)", p.Number, lang, lang)
				}
				continue
			}
			if p.Text != "" && t.Text == "" {
				el.add(t.Line, "the %s translation of point %d has no text (write it under the '### %s:' heading)", lang, p.Number, lang)
			}
			for _, s := range p.SubPoints {
				if !slices.ContainsFunc(t.SubPoints, func(ts SubPoint) bool { return ts.Letter == s.Letter }) {
					el.add(t.Line, "the %s translation of point %d lacks sub-point %s (translate every sub-point, with the English letters %s)", lang, p.Number, s.Letter, letters(p.SubPoints))
				}
			}
		}
	}
	for _, s := range d.Sections {
		for _, lang := range Languages {
			t := s.Translations[lang]
			switch {
			case t == nil && used[lang]:
				line := s.Line
				el.add(line, "section %q has no %s translation, though other sections have one (add '### %s: Heading' and a one-paragraph summary)", s.Heading, lang, lang)
			case t != nil && t.Summary == "":
				el.add(t.Line, "the %s translation of section %q has no summary (write one paragraph under the '### %s:' heading)", lang, s.Heading, lang)
			}
		}
	}
	return warnings
}

func clauseKind(d *Document) string {
	if d.Kind == KindPlan {
		return "point"
	}
	return "section"
}

// letters lists sub-point letters for messages: "a, b, c".
func letters(subs []SubPoint) string {
	ls := make([]string, len(subs))
	for i, s := range subs {
		ls[i] = s.Letter
	}
	if len(ls) == 0 {
		return "(none)"
	}
	return strings.Join(ls, ", ")
}
