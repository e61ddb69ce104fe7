package bot

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json with the current output")

// golden compares v, as indented JSON, with testdata/name.golden.json.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (run go test ./bot -update and review the diff):\n%s", name, path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n  want " + w + "\n  got  " + g
		}
	}
	return ""
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// defaultCorpus loads the embedded corpus.
func defaultCorpus(t testing.TB) *corpus.Corpus {
	t.Helper()
	c, err := corpus.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// passage builds a result passage from paragraph para of the section with
// the given heading, with the words in bold set in **bold**.
func passage(t testing.TB, c *corpus.Corpus, heading string, para int, bold ...string) *index.Passage {
	t.Helper()
	d := c.Document("bne-2025-11-24-common-ground")
	for _, s := range d.Sections {
		if s.Heading == heading {
			text := s.Paragraphs[para]
			for _, b := range bold {
				text = strings.Replace(text, b, "**"+b+"**", 1)
			}
			plain, spans := unmark(text)
			return &index.Passage{Doc: d, Section: s, Text: plain, Spans: spans, Points: s.Points, Score: 1}
		}
	}
	t.Fatalf("no section %q", heading)
	return nil
}

// unmark turns text with **bold** markers into the plain text and spans the
// index returns.
func unmark(s string) (string, []index.Span) {
	var b strings.Builder
	var spans []index.Span
	for open := false; ; open = !open {
		i := strings.Index(s, "**")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		if open {
			spans[len(spans)-1].End = b.Len()
		} else {
			spans = append(spans, index.Span{Start: b.Len()})
		}
		s = s[i+2:]
	}
	return b.String(), spans
}

// unmarkHits moves the **bold** markers of hand-written matches into spans.
func unmarkHits(res *index.Result) *index.Result {
	for _, h := range res.Hits {
		h.Match, h.Spans = unmark(h.Match)
	}
	return res
}

// askResult is a representative answer, built by hand so the golden files
// follow the renderer, not the ranking.
func askResult(t testing.TB, c *corpus.Corpus) *index.Result {
	plan := c.DefaultPlan()
	p6, p21, p8 := plan.Point(6), plan.Point(21), plan.Point(8)
	return unmarkHits(&index.Result{
		Query: "How big can Ukraine's army be?",
		Hits: []*index.Hit{
			{Doc: plan, Point: p6, Score: 3, Match: "Ukraine's **armed forces** are capped at 600,000 personnel.",
				Passages: []*index.Passage{passage(t, c, "The terms include some compromises", 1, "cap its army at 600,000")}},
			{Doc: plan, Point: p21, Score: 2, Letter: "d",
				Match:    "Ukrainian **forces** withdraw from the part of Donetsk region they still hold.",
				Passages: []*index.Passage{passage(t, c, "DMZ", 2, "demilitarised zone")}},
			{Doc: plan, Point: p8, Score: 1, Match: "NATO agrees not to station **troops** in Ukraine."},
		},
		Related: []*index.Passage{passage(t, c, "Calls to end the war grow", 0, "capping the size of the military")},
	})
}

// askVersionsResult is an answer whose clauses come from several
// versions, built by hand like askResult.
func askVersionsResult(t testing.TB, c *corpus.Corpus) *index.Result {
	plan := c.DefaultPlan()
	e3, fw := c.Document("plan-e3-counter-proposal"), c.Document("plan-20-point-framework")
	if e3 == nil || fw == nil {
		t.Fatal("the default corpus lacks the European counter-proposal or the 20-point framework")
	}
	return unmarkHits(&index.Result{
		Query: "How big can Ukraine's army be?",
		Hits: []*index.Hit{
			{Doc: fw, Point: fw.Point(4), Draft: []int{6}, Score: 3,
				Also: []index.Clause{{Doc: plan, Point: plan.Point(6), Status: corpus.StatusOriginal},
					{Doc: e3, Point: e3.Point(6), Status: corpus.StatusContinued, Gist: "Ukraine's military may number up to 800,000 in peacetime."}},
				Match:    "Ukraine keeps **armed forces** of 800,000 in peacetime, its present strength, instead of the 600,000 cap of the 28-point draft.",
				Passages: []*index.Passage{passage(t, c, "The terms include some compromises", 1, "cap its army at 600,000")}},
			{Doc: plan, Point: plan.Point(8), Draft: []int{8}, Score: 2, Match: "NATO agrees not to station **troops** in Ukraine.",
				Also: []index.Clause{{Doc: e3, Point: e3.Point(8), Status: corpus.StatusContinued}, {Doc: fw, Status: corpus.StatusNotReported}}},
		},
	})
}

func TestRenderGolden(t *testing.T) {
	t.Parallel()
	c := defaultCorpus(t)
	plan := c.DefaultPlan()
	tests := []struct {
		name string
		resp *discordgo.InteractionResponse
	}{
		{"ask-hits", message([]*discordgo.MessageEmbed{renderAsk(langEN, askResult(t, c), "How big can Ukraine's army be?", plan, c)}, nil, false)},
		{"ask-private", message([]*discordgo.MessageEmbed{renderAsk(langEN, askResult(t, c), "How big can Ukraine's army be?", plan, c)}, shareButtons(langEN), true)},
		{"ask-versions", message([]*discordgo.MessageEmbed{renderAsk(langEN, askVersionsResult(t, c), "How big can Ukraine's army be?", plan, c)},
			append(askButtons(langEN, askVersionsResult(t, c), plan), shareButtons(langEN)...), true)},
		{"ask-no-match", message([]*discordgo.MessageEmbed{renderAsk(langEN, &index.Result{
			Query:   "Who wins the football world cup? @everyone",
			NoMatch: true,
			Closest: []*index.Passage{passage(t, c, "Introduction", 0), passage(t, c, "DMZ", 3)},
		}, "Who wins the football world cup? @everyone", plan, c)}, nil, true)},
		{"point-14", message([]*discordgo.MessageEmbed{renderPoint(langEN, &index.PointView{
			Doc: plan, Point: plan.Point(14),
			Commentary: []*index.Passage{passage(t, c, "Reparation loans", 0)},
		}, plan)}, pointButtons(langEN, &index.PointView{Doc: plan, Point: plan.Point(14)}, c), false)},
		{"point-21", message([]*discordgo.MessageEmbed{renderPoint(langEN, &index.PointView{
			Doc: plan, Point: plan.Point(21),
			Commentary: []*index.Passage{
				passage(t, c, "DMZ", 0), passage(t, c, "DMZ", 2),
				passage(t, c, "The terms include some compromises", 1), passage(t, c, "Calls to end the war grow", 0),
			},
		}, plan)}, pointButtons(langEN, &index.PointView{Doc: plan, Point: plan.Point(21)}, c), false)},
		{"point-1", message([]*discordgo.MessageEmbed{renderPoint(langEN, &index.PointView{Doc: plan, Point: plan.Point(1)}, plan)}, pointButtons(langEN, &index.PointView{Doc: plan, Point: plan.Point(1)}, c), false)},
		{"sources", message([]*discordgo.MessageEmbed{renderSources(langEN, c, 0)}, sourcesButtons(langEN, c, 0), false)},
		{"help", message([]*discordgo.MessageEmbed{renderHelp(langEN, c)}, nil, true)},
		{"reindex-ok", &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: messageData([]*discordgo.MessageEmbed{renderReindex(&index.ReloadReport{
				Changes: corpus.Changes{
					DocumentsAdded:  []string{"plan-20-point-framework"},
					PointsChanged:   []string{"plan-28-points §6", "plan-28-points §21"},
					SectionsAdded:   []string{"bne-2025-11-24-common-ground: Geneva talks"},
					SectionsRemoved: []string{"bne-2025-11-24-common-ground: Sanctions relief"},
				},
				Stats: index.Stats{Documents: 3, Points: 48, Sections: 12, Took: 38 * time.Millisecond},
				Took:  52 * time.Millisecond,
			})}, nil, true)}},
		{"reindex-nothing-changed", &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: messageData([]*discordgo.MessageEmbed{renderReindex(&index.ReloadReport{
				Stats: index.Stats{Documents: 2, Points: 28, Sections: 11}, Took: 1234 * time.Millisecond,
			})}, nil, true)}},
		{"reindex-bad-corpus", &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: messageData([]*discordgo.MessageEmbed{renderReindexError(corpus.Errors{
				{File: "corpus/plan-28-points.md", Line: 7, Msg: `front matter: missing "date" (add date: YYYY-MM-DD)`},
				{File: "corpus/bne.md", Line: 33, Msg: "points: point 40 is not in the default plan plan-28-points (it has 1–28)"},
				{File: "corpus/notes.md", Msg: "not UTF-8"},
			})}, nil, true)}},
		{"reindex-other-error", &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: messageData([]*discordgo.MessageEmbed{renderReindexError(errors.New("corpus folder: stat /srv/corpus: no such file or directory"))}, nil, true)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkResponse(t, tt.name, tt.resp)
			golden(t, tt.name, tt.resp)
		})
	}
}

func TestRenderTooLong(t *testing.T) {
	t.Parallel()
	c := defaultCorpus(t)
	res := askResult(t, c)
	long := strings.Repeat("A very long matched sentence about the **plan**. ", 300)
	for _, h := range res.Hits {
		h.Match = long
		for _, p := range h.Passages {
			p.Text = long
		}
	}
	for range 30 {
		res.Hits = append(res.Hits, res.Hits[0])
		res.Related = append(res.Related, &index.Passage{Doc: res.Related[0].Doc, Section: res.Related[0].Section, Text: long})
	}
	q := strings.Repeat("why? ", 100)
	checkResponse(t, "long ask", message([]*discordgo.MessageEmbed{renderAsk(langEN, res, q, c.DefaultPlan(), c)}, shareButtons(langEN), true))

	plan := c.DefaultPlan()
	pt := *plan.Point(21)
	pt.Text = long
	pt.Title = strings.Repeat("Title ", 100)
	var cm []*index.Passage
	for range 40 {
		cm = append(cm, &index.Passage{Doc: res.Related[0].Doc, Section: res.Related[0].Section, Text: long})
	}
	checkResponse(t, "long point", message([]*discordgo.MessageEmbed{renderPoint(langEN, &index.PointView{Doc: plan, Point: &pt, Commentary: cm}, plan)}, pointButtons(langEN, &index.PointView{Doc: plan, Point: &pt, Commentary: cm}, c), false))

	var errs corpus.Errors
	for i := range 500 {
		errs = append(errs, &corpus.Error{File: "corpus/plan.md", Line: i + 1, Msg: long[:200]})
	}
	checkResponse(t, "long reindex error", message([]*discordgo.MessageEmbed{renderReindexError(errs)}, nil, true))
	var names []string
	for range 500 {
		names = append(names, "plan-28-points §21")
	}
	checkResponse(t, "long reindex report", message([]*discordgo.MessageEmbed{renderReindex(&index.ReloadReport{Changes: corpus.Changes{
		DocumentsAdded: names, DocumentsChanged: names, DocumentsRemoved: names, PointsAdded: names, PointsChanged: names,
		PointsRemoved: names, SectionsAdded: names, SectionsChanged: names, SectionsRemoved: names,
	}})}, nil, true))

	big := &corpus.Corpus{}
	for i := range 60 {
		d := *plan
		d.ID = "plan-" + itoa(i)
		d.Title = long[:300]
		d.Note = long
		big.Documents = append(big.Documents, &d)
	}
	checkResponse(t, "long sources", message([]*discordgo.MessageEmbed{renderSources(langEN, big, 0)}, nil, false))
	checkResponse(t, "long help", message([]*discordgo.MessageEmbed{renderHelp(langEN, big)}, nil, true))
}

func TestEscapeMarkdown(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"plain question?", "plain question?"},
		{"@everyone look", "@\u200beveryone look"},
		{"<@123> and <#456>", "<\u200b@\u200b123\\> and <\u200b\\#456\\>"},
		{"**bold** _it_ `code` ||spoiler|| ~~x~~", `\*\*bold\*\* \_it\_ \` + "`code\\`" + ` \|\|spoiler\|\| \~\~x\~\~`},
		{"[link](https://evil.example)", `\[link\](https://evil.example)`},
	}
	for _, tt := range tests {
		if got := escapeMarkdown(tt.in); got != tt.want {
			t.Errorf("escapeMarkdown(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestPointIDRoundTrip(t *testing.T) {
	t.Parallel()
	id := pointID("plan-28-points", 14, "n")
	doc, n, tag, ok := parsePointID(id)
	if !ok || doc != "plan-28-points" || n != 14 || tag != "n" {
		t.Errorf("parsePointID(%q) = %q, %d, %q, %v; want plan-28-points, 14, n, true", id, doc, n, tag, ok)
	}
	for _, bad := range []string{"pt:", "pt:x", "pt:x:y:n", "pt:a:1", "pt:a:1:n:extra"} {
		if _, _, _, ok := parsePointID(bad); ok {
			t.Errorf("parsePointID(%q) ok; want not ok", bad)
		}
	}
}
