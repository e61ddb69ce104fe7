package bot

import (
	"context"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestAnswersGolden keeps, in golden files, the answers of issue 12 as the
// bot sends them from a real index over the embedded corpus: the headline
// clause of the draft for a question that names no version, honest silence
// on chat, and each rendering fault the issue found, fixed.
func TestAnswersGolden(t *testing.T) {
	t.Parallel()
	live := newLive(t)
	h := New(Config{Index: live, RateBurst: 1 << 20, Feedback: nopFeedback{}, VoteKey: testVoteKey})
	c := live.Corpus()
	ask := func(q string) *discordgo.Interaction { return slash(t, alice, "ask", opt("question", 3, q)) }
	tests := []struct {
		name string
		i    *discordgo.Interaction
	}{
		// the draft's §21a heads, the other versions one line each, the
		// passage ends "year.”" not "constitution.…”", no sources list
		{"issue12-ask-crimea", ask("wat happens to crimea")},
		{"issue12-ask-donbas", ask("does ukraine have to give up donbas??")},
		// a greeting gets a one-line private hint; chat a private no-match
		{"issue12-ask-hi", ask("hi")},
		{"issue12-ask-weather", ask("what's the weather in kyiv today")},
		// a question naming the European version heads with its clause
		// and sends nobody to /point for the draft's
		{"issue12-ask-european", ask("what does the European counter-proposal say about Crimea?")},
		{"issue12-check-donbas", messageCommand(t, alice, "lol so Ukraine just has to hand over all of Donbas and can never join NATO?")},
		// under 3,000 characters, no blank line inside a clause
		{"issue12-compare-21", slash(t, alice, "compare", opt("point", 4, 21))},
		// "§21 in full (European counter-proposal)" has no "Point 17 of
		// 22" footer, and its notes are behind About this version
		{"issue12-point-21-european", press(t, alice, pointID("plan-e3-counter-proposal", 21, fullTag), nil)},
		// a passage opening a quotation closed later does not read “"
		{"issue12-more-reporting-21", press(t, alice, reportingID([]int{21}), nil)},
		{"issue12-sources-version", slash(t, alice, "sources", opt("version", 3, "plan-20-point-framework"))},
	}
	for n := range sourcesPageCount(c) {
		// every source is reachable; long labels are cut without an open
		// quotation and hold no Markdown
		tests = append(tests, struct {
			name string
			i    *discordgo.Interaction
		}{"issue12-sources-page-" + itoa(n), press(t, alice, sourcesID(n, "n"), nil)})
	}
	for _, tt := range tests {
		resp, later := h.Handle(context.Background(), tt.i)
		if later != nil {
			t.Fatalf("%s: deferred", tt.name)
		}
		checkResponse(t, tt.name, resp)
		golden(t, tt.name, resp)
	}
}
