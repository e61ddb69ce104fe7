package bot

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/index"
)

// comparePrefix starts the custom_id of a /compare button,
// "cmp:<draft point>:<p|n>": like a point button it names what to show, so
// it keeps working after a restart or a reindex.
const comparePrefix = "cmp:"

// compareID is the custom_id of a button comparing draft point n.
func compareID(n int, tag string) string {
	return comparePrefix + strconv.Itoa(n) + ":" + tag
}

// parseCompareID reads a compare button's custom_id: the draft point and
// the tag, "p" or "n" under /compare, fullTag under an answer ("Compare
// versions").
func parseCompareID(id string) (n int, tag string, ok bool) {
	parts := strings.Split(strings.TrimPrefix(id, comparePrefix), ":")
	if len(parts) != 2 {
		return 0, "", false
	}
	n, err := strconv.Atoi(parts[0])
	return n, parts[1], err == nil && n > 0
}

// compare answers /compare point:<int>.
func (h *Handler) compare(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) reply {
	n, ok := optInt(data.Options, "point")
	lang := localeLang(i.Locale)
	if !ok || n < 1 {
		return reply{resp: notice(trf(lang, "Give the number of a point of the draft, e.g. %s.", fmt.Sprintf("`/%s %s:6`", localName(lang, cmdCompare), localName(lang, cmdCompare+"/point")))), outcome: outcomeUserError}
	}
	if r, limited := h.rateLimited(i, lang); limited {
		return r
	}
	cmp, r, ok := h.compared(lang, n)
	if !ok {
		return r
	}
	return reply{
		resp:    message([]*discordgo.MessageEmbed{renderCompare(lang, cmp)}, h.webLink(lang, compareButtons(lang, cmp, h.cfg.Index.Corpus()), comparePage(n)), false),
		outcome: outcomeOK,
		attrs:   []slog.Attr{slog.Int("point", n), slog.Int("versions", len(cmp.Fates))},
		lang:    lang,
	}
}

// compared fetches a comparison, or the reply that explains why it cannot.
func (h *Handler) compared(lang string, n int) (*index.Comparison, reply, bool) {
	cmp, err := h.cfg.Index.Compare(n)
	if err == nil {
		return cmp, reply{}, true
	}
	var re *index.RangeError
	if errors.As(err, &re) {
		return nil, reply{resp: notice(rangeSentence(lang, re) + " " + trf(lang, "%s takes the number of a point of the draft.", "`/"+localName(lang, cmdCompare)+"`")), outcome: outcomeUserError}, false
	}
	if errors.Is(err, index.ErrNoPoint) {
		return nil, reply{resp: notice(tr(lang, "There is no draft plan to compare with.")), outcome: outcomeUserError}, false
	}
	h.log.Error("compare failed", slog.Int("point", n), slog.Any("error", err))
	return nil, reply{resp: apology(lang), outcome: outcomeError}, false
}

// compareButton answers a press of ◀ previous / next ▶ under /compare: the
// message is updated to the other draft point; or of "Compare versions"
// under an answer, which opens the comparison privately.
func (h *Handler) compareButton(i *discordgo.Interaction, n int, tag string) reply {
	lang := messageLang(i)
	if r, limited := h.rateLimited(i, lang); limited {
		return r
	}
	cmp, r, ok := h.compared(lang, n)
	if !ok {
		return r
	}
	resp := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseUpdateMessage,
		Data: messageData([]*discordgo.MessageEmbed{renderCompare(lang, cmp)}, h.webLink(lang, compareButtons(lang, cmp, h.cfg.Index.Corpus()), comparePage(n)), false),
	}
	if tag == fullTag {
		resp = message(resp.Data.Embeds, resp.Data.Components, true)
	}
	return reply{
		resp:    resp,
		outcome: outcomeOK,
		attrs:   []slog.Attr{slog.Int("point", n)},
		lang:    lang,
	}
}
