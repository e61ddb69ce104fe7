package bot

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// versionsDir is the toy corpus with three plan versions (see its
// README.txt): a dropped point, a point not reported, new clauses, a split
// and a merge.
var versionsDir = filepath.Join("..", "testdata", "versions")

// buildIndex builds a real index over the corpus folder dir.
func buildIndex(t testing.TB, dir string) *index.Index {
	t.Helper()
	c, err := corpus.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// liveIndex is a Live over the corpus folder dir.
func liveIndex(t testing.TB, dir string) *index.Live {
	t.Helper()
	live, err := index.NewLive(context.Background(), func() (*corpus.Corpus, error) { return corpus.LoadDir(dir) })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { live.Close() })
	return live
}

func TestRenderCompareGolden(t *testing.T) {
	t.Parallel()
	toy := buildIndex(t, versionsDir)
	def := buildIndex(t, filepath.Join("..", corpus.DefaultDir))
	tests := []struct {
		name string
		ix   *index.Index
		n    int
	}{
		{"compare-versions-6", toy, 6}, // split in v2, merged in v3
		{"compare-versions-8", toy, 8}, // not reported, then dropped
		{"compare-versions-3", toy, 3}, // dropped twice
		{"compare-6", def, 6},
		{"compare-21", def, 21},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmp, err := tt.ix.Compare(tt.n)
			if err != nil {
				t.Fatal(err)
			}
			resp := message([]*discordgo.MessageEmbed{renderCompare(langEN, cmp)}, compareButtons(langEN, cmp, tt.ix.Corpus()), false)
			checkResponse(t, tt.name, resp)
			golden(t, tt.name, resp)
			if got := len(resp.Data.Embeds[0].Fields); got < len(cmp.Fates) {
				t.Errorf("%d fields for %d versions; want one field per version", got, len(cmp.Fates))
			}
		})
	}
}

// TestCompareStatuses checks each version's field says what the version
// did with the point, and that "not reported" is never shown as dropped.
func TestCompareStatuses(t *testing.T) {
	t.Parallel()
	ix := buildIndex(t, versionsDir)
	tests := []struct {
		n    int
		want []string // the end of each version's field name
	}{
		{3, []string{"original", "dropped", "dropped"}},
		{4, []string{"original", "not in the reported text", "not in the reported text"}},
		{5, []string{"original", "continued as §5", "continued as §4"}},
		{6, []string{"original", "continued as §6 and §7", "continued as §3"}},
		{7, []string{"original", "continued as §8", "continued as §3"}},
		{8, []string{"original", "not in the reported text", "dropped"}},
	}
	for _, tt := range tests {
		cmp, err := ix.Compare(tt.n)
		if err != nil {
			t.Fatal(err)
		}
		e := renderCompare(langEN, cmp)
		for v, want := range tt.want {
			f := e.Fields[v]
			if !strings.HasSuffix(f.Name, "— "+want) {
				t.Errorf("point %d, version %d: field %q; want it to end with %q", tt.n, v+1, f.Name, want)
			}
			if want == "not in the reported text" && strings.Contains(strings.ToLower(f.Name+f.Value), "dropped") {
				t.Errorf("point %d, version %d: a point not reported is shown as dropped: %q %q", tt.n, v+1, f.Name, f.Value)
			}
		}
		if got := encode(t, compareButtons(langEN, cmp, ix.Corpus())); strings.Count(got, `"label":"Sources: `) != len(tt.want) {
			t.Errorf("point %d: buttons %s; want a Sources button per version", tt.n, got)
		}
	}
	cmp, _ := ix.Compare(6)
	v3 := renderCompare(langEN, cmp).Fields[2].Value
	if !strings.Contains(v3, "**§3 · Combined forces** *(continues draft points 6 and 7)*") {
		t.Errorf("the merged clause does not say it continues 6 and 7: %q", v3)
	}
}

func TestCompareCommand(t *testing.T) {
	t.Parallel()
	h := New(Config{Index: liveIndex(t, versionsDir), RateBurst: 100})
	resp, _ := h.Handle(context.Background(), slash(t, alice, "compare", opt("point", 4, 6)))
	checkResponse(t, "compare 6", resp)
	if len(resp.Data.Embeds) != 1 || !strings.HasPrefix(resp.Data.Embeds[0].Title, "Point 6 · Army size") {
		t.Fatalf("compare 6 = %s", encode(t, resp))
	}
	body := encode(t, resp)
	for _, id := range []string{`"custom_id":"cmp:5:p"`, `"custom_id":"cmp:7:n"`} {
		if !strings.Contains(body, id) {
			t.Errorf("compare 6 lacks button %s: %s", id, body)
		}
	}
	next, _ := h.Handle(context.Background(), press(t, alice, "cmp:7:n", &discordgo.Message{ID: "m"}))
	checkResponse(t, "compare next", next)
	if next.Type != discordgo.InteractionResponseUpdateMessage || !strings.HasPrefix(next.Data.Embeds[0].Title, "Point 7 · Navy") {
		t.Errorf("next = %s; want the message updated to point 7", encode(t, next))
	}
	for _, tt := range []struct {
		name string
		i    *discordgo.Interaction
		want string
	}{
		{"outside the draft", slash(t, alice, "compare", opt("point", 4, 9)), "There is no point 9 in the harbour draft: it has points 1–8."},
		{"zero", slash(t, alice, "compare", opt("point", 4, 0)), "Give the number of a point of the draft"},
		{"button outside the draft", press(t, alice, "cmp:12:n", nil), "There is no point 12 in the harbour draft"},
		{"malformed button", press(t, alice, "cmp:x:n", nil), "That button is from an older version"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := h.Handle(context.Background(), tt.i)
			checkResponse(t, tt.name, r)
			if !strings.Contains(r.Data.Content, tt.want) || r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("got %s; want a private note containing %q", encode(t, r), tt.want)
			}
		})
	}

	// autocomplete offers the draft's points
	ac := decodeInteraction(t, discordgo.InteractionApplicationCommandAutocomplete, map[string]any{"id": "43", "name": "compare", "type": 1,
		"options": []any{map[string]any{"name": "point", "type": 4, "value": "army", "focused": true}}}, alice, nil)
	r, _ := h.Handle(context.Background(), ac)
	checkResponse(t, "compare autocomplete", r)
	var names []string
	for _, c := range r.Data.Choices {
		names = append(names, c.Name)
	}
	if strings.Join(names, "|") != "6 · Army size" {
		t.Errorf("compare autocomplete \"army\" = %q; want the draft's point 6 only", names)
	}
}

func TestCompareIDRoundTrip(t *testing.T) {
	t.Parallel()
	if n, tag, ok := parseCompareID(compareID(14, "n")); !ok || n != 14 || tag != "n" {
		t.Errorf("parseCompareID(compareID(14, n)) = %d, %q, %v", n, tag, ok)
	}
	for _, bad := range []string{"cmp:", "cmp:x:n", "cmp:0:n", "cmp:-3:n", "cmp:3", "cmp:3:n:x"} {
		if _, _, ok := parseCompareID(bad); ok {
			t.Errorf("parseCompareID(%q) ok; want not ok", bad)
		}
	}
}

// TestEveryComparisonWithinLimits renders /compare for every draft point
// and /point for every clause of every version of the default corpus, and
// checks each answer against Discord's limits.
func TestEveryComparisonWithinLimits(t *testing.T) {
	t.Parallel()
	live := newLive(t)
	h := New(Config{Index: live, RateBurst: 1 << 20})
	c := live.Corpus()
	for _, n := range c.DefaultPlan().Numbers() {
		resp, _ := h.Handle(context.Background(), slash(t, alice, "compare", opt("point", 4, n)))
		checkResponse(t, "compare "+itoa(n), resp)
		if len(resp.Data.Embeds) != 1 || len(resp.Data.Embeds[0].Fields) < len(c.Plans()) {
			t.Errorf("compare %d: %s; want one field per version", n, encode(t, resp))
		}
	}
	for _, d := range c.Plans() {
		for _, n := range d.Numbers() {
			resp, _ := h.Handle(context.Background(), slash(t, alice, "point", opt("number", 4, n), opt("version", 3, d.ID)))
			checkResponse(t, d.ID+" point "+itoa(n), resp)
			if len(resp.Data.Embeds) != 1 {
				t.Errorf("%s point %d: %s", d.ID, n, encode(t, resp))
			}
		}
	}
}
