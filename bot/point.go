package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// Custom ids. A point button is "pt:<document id>:<number>:<tag>": it
// names the version and the clause to show, so it works after a restart or
// a reindex. The tag is "p" or "n" for ◀ previous and next ▶ under /point,
// which update the message, and "f" for "§6 in full" under /ask, which
// opens the clause privately. "share" posts the private answer it sits
// under, which Discord sends along with the press.
const (
	pointPrefix = "pt:"
	fullTag     = "f"
	shareID     = "share"
)

// pointID is the custom_id of a button showing point n of document doc.
func pointID(doc string, n int, tag string) string {
	return pointPrefix + doc + ":" + strconv.Itoa(n) + ":" + tag
}

// parsePointID reads a point button's custom_id.
func parsePointID(id string) (doc string, n int, tag string, ok bool) {
	parts := strings.Split(strings.TrimPrefix(id, pointPrefix), ":")
	if len(parts) != 3 {
		return "", 0, "", false
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil {
		return "", 0, "", false
	}
	return parts[0], n, parts[2], true
}

// point answers /point number:<int> [version:<plan>]. Without a version it
// shows the server's default version (/settings), else the corpus's.
func (h *Handler) point(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, chosen serverDefault) reply {
	n, ok := optInt(data.Options, "number")
	lang := localeLang(i.Locale)
	if !ok {
		return reply{resp: notice(trf(lang, "Give a point number, e.g. %s.", fmt.Sprintf("`/%s %s:14`", localName(lang, cmdPoint), localName(lang, cmdPoint+"/number")))), outcome: outcomeUserError}
	}
	version := capRunes(strings.TrimSpace(optString(data.Options, "version")), 100)
	if version == "" && chosen.doc != nil {
		version = chosen.doc.ID
	}
	if d := planIn(h.cfg.Index.Corpus(), version); d != nil {
		version = d.ID // a version typed in Ukrainian or Russian
	}
	if r, limited := h.rateLimited(i, lang); limited {
		return r
	}
	pv, r, ok := h.lookup(lang, version, n)
	if !ok {
		return r
	}
	return reply{
		resp:    message([]*discordgo.MessageEmbed{h.renderPoint(lang, pv)}, h.webLink(lang, pointButtons(lang, pv, h.cfg.Index.Corpus()), pointPage(pv.Doc, pv.Point.Number)), false),
		outcome: outcomeOK,
		attrs:   []slog.Attr{slog.String("doc", pv.Doc.ID), slog.Int("point", n)},
		lang:    lang,
	}
}

// renderPoint renders a point against the corpus's draft.
func (h *Handler) renderPoint(lang string, pv *index.PointView) *discordgo.MessageEmbed {
	return renderPoint(lang, pv, h.cfg.Index.Corpus().DefaultPlan())
}

// lookup fetches a point, or the reply that explains why it cannot.
func (h *Handler) lookup(lang, version string, n int) (*index.PointView, reply, bool) {
	pv, err := h.cfg.Index.Point(version, n)
	if err == nil {
		return pv, reply{}, true
	}
	if errors.Is(err, index.ErrNoVersion) {
		return nil, reply{resp: notice(trf(lang, "There is no plan version “%s”. Versions: %s.",
			escapeMarkdown(version), versionList(lang, h.cfg.Index.Corpus()))), outcome: outcomeUserError}, false
	}
	var re *index.RangeError
	if errors.As(err, &re) {
		msg := rangeSentence(lang, re)
		if re.Fate != nil {
			msg += " " + trf(lang, "Every version of it: %s.", fmt.Sprintf("`/%s %s:%d`", localName(lang, cmdCompare), localName(lang, cmdCompare+"/point"), n))
		}
		return nil, reply{resp: notice(msg), outcome: outcomeUserError}, false
	}
	if errors.Is(err, index.ErrNoPoint) {
		return nil, reply{resp: notice(trf(lang, "There is no point %d in that plan.", n)), outcome: outcomeUserError}, false
	}
	h.log.Error("point lookup failed", slog.String("version", version), slog.Int("point", n), slog.Any("error", err))
	return nil, reply{resp: apology(lang), outcome: outcomeError}, false
}

// component answers a button press.
func (h *Handler) component(ctx context.Context, i *discordgo.Interaction, data discordgo.MessageComponentInteractionData) reply {
	id := data.CustomID
	switch {
	case id == shareID:
		return h.share(i)
	case strings.HasPrefix(id, votePrefix):
		if up, points, ok := parseVoteID(id); ok {
			return h.vote(ctx, i, up, points)
		}
	case strings.HasPrefix(id, comparePrefix):
		if n, tag, ok := parseCompareID(id); ok {
			return h.compareButton(i, n, tag)
		}
	case strings.HasPrefix(id, reportingPrefix):
		if ps, ok := parseReportingID(id); ok {
			return h.moreReporting(i, ps)
		}
	case strings.HasPrefix(id, sourcesPrefix):
		if n, tag, ok := parseSourcesID(id); ok {
			return h.sourcesButton(i, n, tag)
		}
	case strings.HasPrefix(id, pointPrefix):
		doc, n, tag, ok := parsePointID(id)
		if !ok {
			break
		}
		lang := messageLang(i)
		if r, limited := h.rateLimited(i, lang); limited {
			return r
		}
		pv, r, ok := h.lookup(lang, doc, n)
		if !ok {
			return r
		}
		embeds, buttons := []*discordgo.MessageEmbed{h.renderPoint(lang, pv)}, h.webLink(lang, pointButtons(lang, pv, h.cfg.Index.Corpus()), pointPage(pv.Doc, pv.Point.Number))
		resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: messageData(embeds, buttons, false)}
		if tag == fullTag {
			// under an answer: open the clause for whoever pressed,
			// leaving the answer as it is
			resp = message(embeds, buttons, true)
		}
		return reply{
			resp:    resp,
			outcome: outcomeOK,
			attrs:   []slog.Attr{slog.String("doc", pv.Doc.ID), slog.Int("point", n)},
			lang:    lang,
		}
	}
	return reply{resp: notice(tr(messageLang(i), "That button is from an older version of planbot; please run the command again.")), outcome: outcomeUserError}
}

// share posts a private answer in the channel: Discord sends the message
// the button sits under, so its embeds are the answer to post. An answer
// addressed to someone (/ask target:) is posted addressed to them, pinging
// only them, and the 👍 / 👎 buttons come along.
func (h *Handler) share(i *discordgo.Interaction) reply {
	lang := messageLang(i)
	if i.Message == nil || len(i.Message.Embeds) == 0 {
		return reply{resp: notice(trf(lang, "I can't see the answer to post any more; please ask again without %s.", "`"+localName(lang, cmdAsk+"/private")+"`")), outcome: outcomeUserError}
	}
	if r, limited := h.rateLimited(i, lang); limited {
		return r
	}
	var embeds []*discordgo.MessageEmbed
	for _, e := range i.Message.Embeds[:min(len(i.Message.Embeds), 1)] {
		c := &discordgo.MessageEmbed{Title: e.Title, Description: e.Description, Color: e.Color}
		for _, f := range e.Fields {
			if f != nil {
				c.Fields = append(c.Fields, &discordgo.MessageEmbedField{Name: f.Name, Value: f.Value, Inline: f.Inline})
			}
		}
		if e.Footer != nil {
			c.Footer = &discordgo.MessageEmbedFooter{Text: e.Footer.Text}
		}
		embeds = append(embeds, fitEmbed(c))
	}
	resp := message(embeds, h.sharedVoteButtons(i.Message), false)
	if id, ok := addressee(i.Message.Content); ok {
		resp.Data.Content = trim(i.Message.Content, maxContent)
		resp.Data.AllowedMentions = onlyMention(id)
	}
	return reply{resp: resp, outcome: outcomeOK, lang: lang}
}

// sharedVoteButtons are the 👍 / 👎 buttons of the answer being shared,
// for its public copy (which is another answer to vote on), or nil.
func (h *Handler) sharedVoteButtons(m *discordgo.Message) []discordgo.MessageComponent {
	if !h.votesOn() {
		return nil
	}
	for _, row := range m.Components {
		var buttons []discordgo.MessageComponent
		switch r := row.(type) {
		case *discordgo.ActionsRow:
			buttons = r.Components
		case discordgo.ActionsRow:
			buttons = r.Components
		}
		for _, c := range buttons {
			var id string
			switch b := c.(type) {
			case *discordgo.Button:
				id = b.CustomID
			case discordgo.Button:
				id = b.CustomID
			}
			if _, points, ok := parseVoteID(id); ok {
				return h.voteButtons(points)
			}
		}
	}
	return nil
}

// autocomplete offers point numbers with their titles, or plan versions,
// filtered by what has been typed. /point's numbers are those of the
// version chosen in the command, else of the server's default version.
func (h *Handler) autocomplete(lang string, data discordgo.ApplicationCommandInteractionData, chosen serverDefault) reply {
	var focused *discordgo.ApplicationCommandInteractionDataOption
	for _, o := range data.Options {
		if o != nil && o.Focused {
			focused = o
		}
	}
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	if focused != nil && data.Name == cmdCompare && focused.Name == "point" {
		if draft := h.cfg.Index.Corpus().DefaultPlan(); draft != nil {
			choices = pointChoices(lang, draft, typedValue(focused), h.cfg.Index.Corpus().Synonyms)
		}
	}
	if focused != nil && data.Name == cmdPoint {
		typed := typedValue(focused)
		c := h.cfg.Index.Corpus()
		switch focused.Name {
		case "number":
			var plan *corpus.Document
			if v := strings.TrimSpace(capRunes(optString(data.Options, "version"), 100)); v != "" {
				plan = planIn(c, v)
			}
			if plan == nil {
				plan = chosen.plan(c)
			}
			if plan != nil {
				choices = pointChoices(lang, plan, typed, c.Synonyms)
			}
		case "version":
			choices = versionChoices(lang, c, typed)
		}
	}
	if focused != nil && (data.Name == cmdSettings || data.Name == cmdSources) && focused.Name == "version" {
		choices = versionChoices(lang, h.cfg.Index.Corpus(), typedValue(focused))
	}
	return reply{
		resp: &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: choices},
		},
		outcome: outcomeOK,
	}
}

// typedValue is what has been typed so far in the focused option,
// lower-cased and trimmed.
func typedValue(o *discordgo.ApplicationCommandInteractionDataOption) string {
	if o.Value == nil {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(capRunes(fmt.Sprint(o.Value), 100)))
}

// pointChoices lists the points matching what has been typed, 25 at
// most: the number typed first, then numbers that start with it, then
// points whose title has the words typed, then those whose title has one
// of their synonyms (synonyms.txt: "army" finds "armed forces"), then
// those whose text has them; in plan order within each.
func pointChoices(lang string, plan *corpus.Document, typed string, synonyms [][]string) []*discordgo.ApplicationCommandOptionChoice {
	type scored struct {
		p    *corpus.Point
		rank int
	}
	words := strings.Fields(typed)
	alike := expand(words, synonyms)
	var ps []scored
	for _, p := range plan.Points {
		num := strconv.Itoa(p.Number)
		// a title matches in any language: a member may type "армія"
		// whatever their Discord's language
		title := strings.ToLower(p.Title)
		for _, l := range []string{langUK, langRU} {
			if t, _, _ := p.In(l); t != p.Title {
				title += " · " + strings.ToLower(t)
			}
		}
		switch {
		case typed == "" || typed == num:
			ps = append(ps, scored{p, 0})
		case strings.HasPrefix(num, typed):
			ps = append(ps, scored{p, 1})
		case strings.Contains(title, typed) || hasAll(title, words):
			ps = append(ps, scored{p, 2})
		case hasAny(title, alike):
			ps = append(ps, scored{p, 3})
		case hasAll(strings.ToLower(inOneLine(lang, p)), words) || hasAny(strings.ToLower(inOneLine(lang, p)), alike):
			ps = append(ps, scored{p, 4})
		}
	}
	sort.SliceStable(ps, func(a, b int) bool {
		if ps[a].rank != ps[b].rank {
			return ps[a].rank < ps[b].rank
		}
		return ps[a].p.Number < ps[b].p.Number
	})
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	for _, s := range ps[:min(len(ps), maxChoices)] {
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{
			Name:  trim(fmt.Sprintf("%d · %s", s.p.Number, choiceTitle(lang, s.p)), maxChoiceName),
			Value: s.p.Number,
		})
	}
	return choices
}

// expand returns the synonyms of the words typed: every member of a group
// that has one of them, or a member one of them starts (three letters at
// least, so "arm" finds the army group too).
func expand(words []string, groups [][]string) []string {
	var out []string
	for _, g := range groups {
		hit := false
		for _, m := range g {
			for _, w := range words {
				if m == w || (len(w) >= 3 && strings.HasPrefix(m, w)) {
					hit = true
				}
			}
		}
		if hit {
			out = append(out, g...)
		}
	}
	return out
}

// hasWord reports whether text has a word starting with w ("arm" is in
// "armed forces", "arm" is not in "farm").
func hasWord(text, w string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return false
		}
		at := i + j
		if at == 0 || !unicode.IsLetter(rune(text[at-1])) {
			return true
		}
		i = at + 1
	}
}

// hasAll reports whether text has every word of ws; false for none.
func hasAll(text string, ws []string) bool {
	for _, w := range ws {
		if !hasWord(text, w) {
			return false
		}
	}
	return len(ws) > 0
}

// hasAny reports whether text has one of ws.
func hasAny(text string, ws []string) bool {
	for _, w := range ws {
		if hasWord(text, w) {
			return true
		}
	}
	return false
}

// versionChoices lists the plan versions matching typed, named in lang;
// typed matches a version's name in any of the languages.
func versionChoices(lang string, c *corpus.Corpus, typed string) []*discordgo.ApplicationCommandOptionChoice {
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	for _, d := range c.Plans() {
		name := fmt.Sprintf("%s (%s)", versionLabel(lang, d), humanDate(lang, d.Date))
		names := strings.ToLower(strings.Join([]string{name, d.Version, versionLabel(langUK, d), versionLabel(langRU, d)}, " "))
		if typed != "" && !strings.Contains(names, typed) && !strings.Contains(d.ID, typed) {
			continue
		}
		if len(d.ID) > maxChoiceName || len(choices) == maxChoices {
			continue
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: trim(name, maxChoiceName), Value: d.ID})
	}
	return choices
}

// choiceTitle is a point's title in lang, for an autocomplete choice.
func choiceTitle(lang string, p *corpus.Point) string {
	t, _, _ := p.In(lang)
	return t
}
