package bot

import (
	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// renderCheck renders the answer to "Check against the plan" like an
// /ask answer: its title is the message, quoted, escaped and cut to a line
// (as /ask's is the question, which votes read back); each field is a
// clause the message concerns, with what the other versions did with it
// and the reporting that fits it; or that it concerns no clause.
func renderCheck(lang string, res *index.Result, text string, serverPlan *corpus.Document, c *corpus.Corpus) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: questionTitle(text), Color: colorAnswer}
	if res.NoMatch || len(res.Hits) == 0 {
		renderNoMatch(lang, e, text)
		e.Description = asked(lang, text) + trf(lang, "No point of the plan matches this message: it concerns no clause of the plan or its later versions. Look a point up with %s, or see %s.",
			"`/"+localName(lang, cmdPoint)+"`", "`/"+localName(lang, cmdHelp)+"`")
		return fitEmbed(e)
	}
	e.Description = asked(lang, text) + ifElse(len(res.Hits) == 1,
		tr(lang, "This message concerns this clause of the plan; compare what it says with the clause text."),
		tr(lang, "This message concerns these clauses of the plan; compare what it says with the clause text."))
	e.Fields = hitFields(lang, res.Hits, serverPlan, c)
	e.Footer = hitsFooter(lang, res.Hits)
	return fitEmbed(e)
}
