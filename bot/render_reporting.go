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
	room := embedBudget - 200
	per := room / len(views)
	seen := map[string]bool{}
	for _, v := range views {
		var lines []string
		used, left := 0, 0
		for _, p := range v.commentary {
			k := passageKey(p) + p.Text
			if seen[k] {
				continue
			}
			line := reporting(p, 300)
			if used+length(line)+1 > min(per, maxFieldValue-60) {
				left++
				continue
			}
			seen[k] = true
			lines = append(lines, line)
			used += length(line) + 1
		}
		if left > 0 {
			lines = append(lines, fmt.Sprintf("*…and %s: `/point number:%d`*", plural(left, "more passage"), v.point.Number))
		}
		if len(lines) == 0 {
			lines = []string{"*No reporting on this point.*"}
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  fmt.Sprintf("Point %d · %s", v.point.Number, v.point.Title),
			Value: strings.Join(lines, "\n"),
		})
	}
	e.Footer = footer("Passages from the articles planbot answers from; all of them: /sources")
	return fitEmbed(e)
}
