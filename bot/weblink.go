package bot

import (
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// MaxQuestion is the longest question /ask takes, in characters. The web
// pages' search refuses longer ones, so both take the same questions.
const MaxQuestion = maxQuestion

// maxRows is how many rows of components Discord allows under a message.
const maxRows = 5

// webLink returns components with a row holding a "Read on the web" link
// button to path on Config.PublicURL. Without a PublicURL, a path, or room
// for another row, it returns components unchanged. A link button opens
// the page in the browser; Discord sends planbot no interaction for it.
func (h *Handler) webLink(lang string, components []discordgo.MessageComponent, path string) []discordgo.MessageComponent {
	if h.cfg.PublicURL == "" || path == "" || len(components) >= maxRows {
		return components
	}
	return append(components, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: tr(lang, "Read on the web"), Style: discordgo.LinkButton, URL: strings.TrimRight(h.cfg.PublicURL, "/") + withLang(path, lang)},
	}})
}

// pointPage is the web path of clause n of plan d: the draft's point page
// for the default plan, else that page for the version's clause.
func pointPage(d *corpus.Document, n int) string {
	p := "/point/" + strconv.Itoa(n)
	if d == nil || d.Default {
		return p
	}
	return p + "?version=" + d.ID
}

// askPage is the web path of the first point an answer shows; "" when it
// shows none.
func askPage(res *index.Result) string {
	if res == nil || res.NoMatch || len(res.Hits) == 0 {
		return ""
	}
	return pointPage(res.Hits[0].Doc, res.Hits[0].Point.Number)
}

// comparePage is the web path of draft point n in every version.
func comparePage(n int) string { return "/point/" + strconv.Itoa(n) }

// withLang asks the page for the reader's language (the pages take
// ?lang=); English is their default.
func withLang(path, lang string) string {
	if lang == langEN || lang == "" {
		return path
	}
	if strings.Contains(path, "?") {
		return path + "&lang=" + lang
	}
	return path + "?lang=" + lang
}
