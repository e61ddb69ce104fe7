package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// pointReporting is the reporting on one draft point, for "More
// reporting".
type pointReporting struct {
	point      *corpus.Point
	commentary []*index.Passage
}

// renderReporting renders "More reporting": for each point, the passages
// of reporting on it, each passage quoted once, until the answer budget is
// spent; what is left is counted and points to /point.
func renderReporting(lang string, views []pointReporting) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: tr(lang, "What the reporting says"), Color: colorAnswer}
	if len(views) == 0 {
		e.Description = tr(lang, "There is no reporting on these points.")
		return fitEmbed(e)
	}
	per := (embedBudget - 200) / len(views)
	seen, cited := map[string]bool{}, map[string]bool{}
	var blocks []string
	for _, v := range views {
		title, _, _ := v.point.In(lang)
		lines := []string{"**" + trf(lang, "Point %d%s · %s", v.point.Number, "", escapeMarkdown(title)) + "**"}
		used, left := length(lines[0]), 0
		for _, p := range v.commentary {
			k := passageKey(p) + p.Text
			if seen[k] {
				continue
			}
			line := reporting(lang, p, 300, cited)
			if used+length(line)+1 > per-60 {
				left++
				continue
			}
			seen[k] = true
			lines = append(lines, line)
			used += length(line) + 1
		}
		switch {
		case left > 0:
			lines = append(lines, trf(lang, "*…and %s: %s*", plural(lang, left, "more passage"),
				fmt.Sprintf("`/%s %s:%d`", localName(lang, cmdPoint), localName(lang, cmdPoint+"/number"), v.point.Number)))
		case len(lines) == 1:
			lines = append(lines, tr(lang, "*No reporting on this point.*"))
		}
		blocks = append(blocks, strings.Join(lines, "\n"))
	}
	e.Description = strings.Join(blocks, "\n\n")
	e.Footer = footer(trf(lang, "Passages from the articles planbot answers from; all of them: %s", "/"+localName(lang, cmdSources)))
	return fitEmbed(e)
}
