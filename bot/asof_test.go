package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
)

// TestPoint21ShowsThe2026Reporting answers /point 21 from the real default
// index, through the handler: the commentary starts with what the reporting
// of 2026 says about the territory, and the footer says how far the
// reporting goes.
func TestPoint21ShowsThe2026Reporting(t *testing.T) {
	h := New(Config{Index: newLive(t)})
	resp, _ := h.Handle(context.Background(), slash(t, alice, "point", opt("number", 4, 21)))
	checkResponse(t, "point 21", resp)
	golden(t, "point-21-2026", resp)
	e := resp.Data.Embeds[0]
	var names []string
	for _, f := range e.Fields {
		names = append(names, f.Name)
	}
	if len(e.Fields) == 0 || !strings.Contains(e.Fields[0].Name+e.Fields[0].Value, "2026") {
		t.Errorf("fields %q; want the 2026 reporting first", names)
	}
	if e.Footer == nil || !strings.HasSuffix(e.Footer.Text, "Reporting up to 22 Mar 2026") {
		t.Errorf("footer = %+v; want it to end with the as-of date", e.Footer)
	}
}

func TestNoteAsOf(t *testing.T) {
	c := defaultCorpus(t)
	embed := func(color int, footer string) *discordgo.MessageEmbed {
		e := &discordgo.MessageEmbed{Title: "t", Color: color}
		if footer != "" {
			e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
		}
		return e
	}
	tests := []struct {
		name string
		in   *discordgo.MessageEmbed
		want string // footer text after; "" for none
	}{
		{"answer", embed(colorAnswer, "28-point draft, 20 Nov 2025"), "28-point draft, 20 Nov 2025 · Reporting up to 22 Mar 2026"},
		{"no footer yet", embed(colorAnswer, ""), "Reporting up to 22 Mar 2026"},
		{"no match", embed(colorNoMatch, ""), "Reporting up to 22 Mar 2026"},
		{"re-posted answer keeps one note", embed(colorAnswer, "28-point draft · Reporting up to 20 Nov 2025"), "28-point draft · Reporting up to 22 Mar 2026"},
		{"error", embed(colorError, ""), ""},
		{"reindexed", embed(colorOK, ""), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := message([]*discordgo.MessageEmbed{tt.in}, nil, false)
			noteAsOf(langEN, resp, c)
			got := ""
			if f := resp.Data.Embeds[0].Footer; f != nil {
				got = f.Text
			}
			if got != tt.want {
				t.Errorf("footer = %q; want %q", got, tt.want)
			}
		})
	}
	noteAsOf(langEN, nil, c) // a response without data is left alone
	if got := asOfNote(langEN, &corpus.Corpus{}); got != "" {
		t.Errorf("asOfNote(empty corpus) = %q; want \"\"", got)
	}
}

// TestHelpAndSourcesShowAsOf: /help and /sources say how far the reporting
// goes.
func TestHelpAndSourcesShowAsOf(t *testing.T) {
	h := newStubHandler(t, Config{})
	for _, cmd := range []string{"help", "sources"} {
		resp, _ := h.Handle(context.Background(), slash(t, alice, cmd))
		if f := resp.Data.Embeds[0].Footer; f == nil || !strings.Contains(f.Text, "Reporting up to 22 Mar 2026") {
			t.Errorf("/%s footer = %+v; want the as-of date", cmd, f)
		}
	}
}

// TestAskAboutNow: an answer to a question about the present says that the
// newest reporting comes first and where the reporting ends; another
// answer does not.
func TestAskAboutNow(t *testing.T) {
	h := New(Config{Index: newLive(t)})
	for _, tc := range []struct {
		q          string
		note, upTo string // "" note: none wanted
	}{
		{"is there a ceasefire now?", "It ends on 22 Mar 2026; later events are not covered.", "Reporting up to 22 Mar 2026"},
		{"чи є зараз перемир'я?", "Вони закінчуються 22.03.2026; пізніших подій тут немає.", "Публікації до 22.03.2026"},
		{"how big can Ukraine's army be?", "", "Reporting up to 22 Mar 2026"},
	} {
		resp, _ := h.Handle(context.Background(), slash(t, alice, "ask", opt("question", 3, tc.q)))
		checkResponse(t, tc.q, resp)
		e := resp.Data.Embeds[0]
		if tc.note == "" && strings.Contains(e.Description, "later events are not covered") ||
			tc.note != "" && !strings.Contains(e.Description, tc.note) {
			t.Errorf("%q: description %q; want the note about the present %q", tc.q, e.Description, tc.note)
		}
		if e.Footer == nil || !strings.HasSuffix(e.Footer.Text, tc.upTo) {
			t.Errorf("%q: footer %+v; want the as-of date %q", tc.q, e.Footer, tc.upTo)
		}
	}
}
