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
func renderReporting(views []pointReporting) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: "What the reporting says", Color: colorAnswer}
	if len(views) == 0 {
		e.Description = "There is no reporting on these points."
		return fitEmbed(e)
	}
	per := (embedBudget - 200) / len(views)
	seen, cited := map[string]bool{}, map[string]bool{}
	var blocks []string
	for _, v := range views {
		lines := []string{fmt.Sprintf("**Point %d · %s**", v.point.Number, escapeMarkdown(v.point.Title))}
		used, left := length(lines[0]), 0
		for _, p := range v.commentary {
			k := passageKey(p) + p.Text
			if seen[k] {
				continue
			}
			line := reporting(p, 300, cited)
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
			lines = append(lines, fmt.Sprintf("*…and %s: `/point number:%d`*", plural(left, "more passage"), v.point.Number))
		case len(lines) == 1:
			lines = append(lines, "*No reporting on this point.*")
		}
		blocks = append(blocks, strings.Join(lines, "\n"))
	}
	e.Description = strings.Join(blocks, "\n\n")
	e.Footer = footer("Passages from the articles planbot answers from; all of them: /sources")
	return fitEmbed(e)
}
