package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
)

// renderHelp says what the bot can do, with examples, in lang: the
// commands by the names the picker shows in that language.
func renderHelp(lang string, c *corpus.Corpus) *discordgo.MessageEmbed {
	points := tr(lang, "the plan's points")
	if d := c.DefaultPlan(); d != nil {
		points = trf(lang, "points %s of the %s", d.RangeText(), versionLabel(lang, d))
	}
	var versions []string
	for _, d := range c.Plans() {
		versions = append(versions, "`"+versionLabel(lang, d)+"`")
	}
	cmd := func(key string) string { return "/" + localName(lang, key) }
	opt := func(key string) string { return localName(lang, key) }
	ask, point, compare, sources, settings := cmd(cmdAsk), cmd(cmdPoint), cmd(cmdCompare), cmd(cmdSources), cmd(cmdSettings)
	check := localName(lang, checkName)
	e := &discordgo.MessageEmbed{
		Title: tr(lang, "planbot: the US peace plan for Ukraine, clause by clause"),
		Description: tr(lang, "I answer questions about the US 28-point peace plan, its later versions and the reporting on them, "+
			"with the exact clause, the version it comes from and where that was reported.") + " " +
			tr(lang, "Ask in English, Ukrainian or Russian: I answer in the language of the question, the clauses in our own translation."),
		Color: colorAnswer,
		Fields: []*discordgo.MessageEmbedField{
			{Name: fmt.Sprintf("%s %s:<%s> [%s:true] [%s:@%s]", ask, opt(cmdAsk+"/question"), tr(lang, "text"), opt(cmdAsk+"/private"), opt(cmdAsk+"/target"), tr(lang, "member")),
				Value: tr(lang, "Up to three points that answer a question: the clause (of this server's version, else the one you name, else the draft), "+
					"what the other versions do with it and a passage of reporting; buttons open the clause in full, the versions compared, more reporting and the sources.") + " " +
					trf(lang, "%s shows the answer only to you, with a button to post it in the channel; %s addresses it to a member, the only one it mentions. "+
						"👍 / 👎 under an answer tell the admins whether it helped; who voted is neither stored nor logged.", "`"+opt(cmdAsk+"/private")+":true`", "`"+opt(cmdAsk+"/target")+"`") + "\n" +
					tr(lang, "Examples:") + " " + askExample(lang, "How big can Ukraine's army be?") + " · " + askExample(lang, "What happens to Crimea?") + " · " + askExample(lang, "point 21d")},
			{Name: tr(lang, "Apps") + " → " + check, Value: trf(lang, "Right-click (or long-press) a message, *Apps*, *%s*: the clauses of the plan the message concerns, "+
				"with what the other versions do with them and the reporting, shown only to you with a button to post it; or that it concerns no clause.", check)},
			{Name: fmt.Sprintf("%s %s:<n> [%s:<%s>]", point, opt(cmdPoint+"/number"), opt(cmdPoint+"/version"), tr(lang, "plan")),
				Value: tr(lang, "One point in full with its sub-points and the reporting on it; ◀ previous / next ▶ move through the plan, *About this version* shows the version's notes and sources.") + " " +
					trf(lang, "Numbers: %s.", points) + ifElse(len(versions) > 1, " "+trf(lang, "Versions: %s; without one, the server's default version (%s).", strings.Join(versions, ", "), "`"+settings+"`"), "") +
					"\n" + tr(lang, "Example:") + " " + fmt.Sprintf("`%s %s:14`", point, opt(cmdPoint+"/number")) + versionExample(lang, c)},
			{Name: fmt.Sprintf("%s %s:<n>", compare, opt(cmdCompare+"/point")), Value: tr(lang, "What became of a point of the draft in each version of the plan, oldest first: the clauses that continue it, "+
				"or that it was dropped, or that it is not in the reported text of that version; then the reporting on it.") +
				"\n" + tr(lang, "Example:") + " " + fmt.Sprintf("`%s %s:6`", compare, opt(cmdCompare+"/point"))},
			{Name: fmt.Sprintf("%s [%s:<%s>]", sources, opt(cmdSources+"/version"), tr(lang, "plan")),
				Value: trf(lang, "The documents I answer from; ◀ previous / next ▶ page through each one's notes and every source, %s opens a plan version's.", "`"+opt(cmdSources+"/version")+"`")},
			{Name: cmd(cmdReindex), Value: tr(lang, "Admins only: reload the corpus folder after editing it. Nothing changes if it has errors; the reply lists them with file and line.")},
			{Name: fmt.Sprintf("%s [%s:<%s>]", settings, opt(cmdSettings+"/version"), tr(lang, "plan")), Value: trf(lang, "Admins only: the version %s shows in this server when none is named, and whose clause heads each point of an answer. Every answer here names it in its footer.", "`"+point+"`")},
		},
		Footer: &discordgo.MessageEmbedFooter{Text: tr(lang, "The plan was never officially published: clause texts are summaries of each version as reprinted by news outlets.")},
	}
	return fitEmbed(e)
}

// versionExample is " · `/point number:1 version:20-point framework`",
// naming the latest plan version, or "" when the corpus has one version.
// The version is named as the reader's language names it, which /point
// takes as well.
func versionExample(lang string, c *corpus.Corpus) string {
	plans := c.Plans()
	if len(plans) < 2 {
		return ""
	}
	last := plans[len(plans)-1]
	ns := last.Numbers()
	if len(ns) == 0 || last.Version == "" {
		return ""
	}
	return fmt.Sprintf(" · `/%s %s:%d %s:%s`", localName(lang, cmdPoint), localName(lang, cmdPoint+"/number"), ns[0], localName(lang, cmdPoint+"/version"), versionLabel(lang, last))
}
