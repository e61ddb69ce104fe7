package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
)

// renderHelp says what the bot can do, with examples.
func renderHelp(c *corpus.Corpus) *discordgo.MessageEmbed {
	points := "the plan's points"
	if d := c.DefaultPlan(); d != nil {
		points = fmt.Sprintf("points %s of the %s", d.RangeText(), d.Version)
	}
	var versions []string
	for _, d := range c.Plans() {
		versions = append(versions, "`"+d.Version+"`")
	}
	e := &discordgo.MessageEmbed{
		Title: "planbot: the US peace plan for Ukraine, clause by clause",
		Description: "I answer questions about the US 28-point peace plan, its later versions and the reporting on them, " +
			"with the exact clause, the version it comes from and where that was reported.",
		Color: colorAnswer,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "/ask question:<text> [private:true] [target:@member]", Value: "Up to three points that answer a question: the clause (of this server's version, else the one you name, else the draft), " +
				"what the other versions do with it and a passage of reporting; buttons open the clause in full, the versions compared, more reporting and the sources. " +
				"`private:true` shows the answer only to you, with a button to post it in the channel; `target` addresses it to a member, the only one it mentions. " +
				"👍 / 👎 under an answer tell the admins whether it helped; who voted is neither stored nor logged.\n" +
				"Examples: `/ask question: How big can Ukraine's army be?` · `/ask question: What happens to Crimea?` · `/ask question: point 21d`"},
			{Name: "Apps → " + checkName, Value: "Right-click (or long-press) a message, *Apps*, *" + checkName + "*: the clauses of the plan the message concerns, " +
				"with what the other versions do with them and the reporting, shown only to you with a button to post it; or that it concerns no clause."},
			{Name: "/point number:<n> [version:<plan>]", Value: "One point in full with its sub-points and the reporting on it; ◀ previous / next ▶ move through the plan, " +
				"*About this version* shows the version's notes and sources. " +
				"Numbers: " + points + "." + ifNotEmpty(" Versions: "+strings.Join(versions, ", ")+"; without one, the server's default version (`/settings`).", len(versions) > 1) +
				"\nExample: `/point number:14`" + versionExample(c)},
			{Name: "/compare point:<n>", Value: "What became of a point of the draft in each version of the plan, oldest first: the clauses that continue it, " +
				"or that it was dropped, or that it is not in the reported text of that version; then the reporting on it.\nExample: `/compare point:6`"},
			{Name: "/sources [version:<plan>]", Value: "The documents I answer from; ◀ previous / next ▶ page through each one's notes and every source, `version` opens a plan version's."},
			{Name: "/reindex", Value: "Admins only: reload the corpus folder after editing it. Nothing changes if it has errors; the reply lists them with file and line."},
			{Name: "/settings [version:<plan>]", Value: "Admins only: the version `/point` shows in this server when none is named, and whose clause heads each point of an answer. Every answer here names it in its footer."},
		},
		Footer: &discordgo.MessageEmbedFooter{Text: "The plan was never officially published: clause texts are summaries of each version as reprinted by news outlets."},
	}
	return fitEmbed(e)
}

// versionExample is " · `/point number:1 version:20-point framework`",
// naming the latest plan version, or "" when the corpus has one version.
func versionExample(c *corpus.Corpus) string {
	plans := c.Plans()
	if len(plans) < 2 {
		return ""
	}
	last := plans[len(plans)-1]
	ns := last.Numbers()
	if len(ns) == 0 || last.Version == "" {
		return ""
	}
	return fmt.Sprintf(" · `/point number:%d version:%s`", ns[0], last.Version)
}
