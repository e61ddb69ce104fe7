package bot

import (
	"errors"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// renderReindex reports a successful reload: what changed and how long the
// build took.
func renderReindex(r *index.ReloadReport) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title: "Reindexed",
		Description: fmt.Sprintf("Loaded and indexed in %s; now answering from %s, %s and %s.",
			roundDuration(r.Took), plural(langEN, r.Stats.Documents, "document"), plural(langEN, r.Stats.Points, "point"), plural(langEN, r.Stats.Sections, "section")),
		Color: colorOK,
	}
	ch := r.Changes
	for _, g := range []struct {
		name                    string
		added, changed, removed []string
	}{
		{"Documents", ch.DocumentsAdded, ch.DocumentsChanged, ch.DocumentsRemoved},
		{"Points", ch.PointsAdded, ch.PointsChanged, ch.PointsRemoved},
		{"Sections", ch.SectionsAdded, ch.SectionsChanged, ch.SectionsRemoved},
	} {
		var lines []string
		for _, l := range []struct {
			verb  string
			names []string
		}{{"added", g.added}, {"changed", g.changed}, {"removed", g.removed}} {
			if len(l.names) > 0 {
				lines = append(lines, fmt.Sprintf("**%d %s:** %s", len(l.names), l.verb, strings.Join(l.names, ", ")))
			}
		}
		if len(lines) > 0 {
			for i := range lines {
				lines[i] = trim(lines[i], maxFieldValue/3)
			}
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: g.name, Value: strings.Join(lines, "\n")})
		}
	}
	if len(e.Fields) == 0 {
		e.Description += "\nNothing changed in the documents."
	}
	return fitEmbed(e)
}

// renderReindexError reports a failed reload. For a bad corpus it lists
// every problem with its file and line; the old index keeps serving.
func renderReindexError(err error) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title: "Reindex failed: nothing changed",
		Color: colorError,
	}
	var errs corpus.Errors
	if errors.As(err, &errs) {
		lines := make([]string, len(errs))
		for i, ce := range errs {
			where := ce.File
			if ce.Line > 0 {
				where = fmt.Sprintf("%s:%d", ce.File, ce.Line)
			}
			lines[i] = "`" + strings.ReplaceAll(where, "`", "'") + "` " + trim(ce.Msg, 400)
		}
		head := fmt.Sprintf("The previous index keeps answering. Fix %s and run `/reindex` again:\n", plural(langEN, len(errs), "problem"))
		e.Description = head + fitLines(lines, maxDescription-length(head))
		return fitEmbed(e)
	}
	e.Description = "The previous index keeps answering. The corpus could not be reloaded:\n" + trim(err.Error(), 1500)
	return fitEmbed(e)
}
