package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
	"github.com/planbot/planbot/internal/fakediscord"
)

func TestRenderChangelog(t *testing.T) {
	t.Parallel()
	r := &index.ReloadReport{
		Changes: corpus.Changes{
			DocumentsAdded:  []string{"plan-20-point-framework"},
			PointsChanged:   []string{"plan-28-points §6", "plan-28-points §21"},
			SectionsAdded:   []string{"bne-2025-11-24-common-ground: @everyone *Geneva* talks"},
			SectionsRemoved: []string{"bne-2025-11-24-common-ground: Sanctions relief"},
		},
		Stats: index.Stats{Documents: 3, Points: 48, Sections: 12},
	}
	msg := &discordgo.MessageSend{Content: renderChangelog(r), AllowedMentions: noMentions()}
	golden(t, "changelog", msg)
	if strings.Contains(msg.Content, "@everyone") || strings.Contains(msg.Content, " *Geneva*") {
		t.Errorf("changelog %q shows a section heading unescaped", msg.Content)
	}

	var names []string
	for range 500 {
		names = append(names, strings.Repeat("a-very-long-document-id-", 10)+" §21")
	}
	long := renderChangelog(&index.ReloadReport{Changes: corpus.Changes{DocumentsChanged: names, PointsAdded: names, PointsChanged: names,
		PointsRemoved: names, SectionsAdded: names, SectionsChanged: names, SectionsRemoved: names}})
	if n := length(long); n > maxContent {
		t.Errorf("changelog of many changes is %d characters; limit %d", n, maxContent)
	}
}

// failingPoster cannot post.
type failingPoster struct{}

func (failingPoster) ChannelMessageSendComplex(string, *discordgo.MessageSend, ...discordgo.RequestOption) (*discordgo.Message, error) {
	return nil, errors.New("HTTP 403 Forbidden, {\"message\": \"Missing Access\", \"code\": 50001}")
}

func TestChangelogPostFails(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	r := &stubReloader{}
	h := New(Config{
		Index: &stubIndex{c: defaultCorpus(t)}, Reloader: changingReloader{r}, ChangelogChannel: "1300000000000000444", Poster: failingPoster{},
		Logger: slog.New(slog.NewTextHandler(&logs, nil)),
	})
	_, later := h.Handle(context.Background(), slash(t, admin, "reindex"))
	edit := later(context.Background())
	if edit.Embeds == nil || len(*edit.Embeds) != 1 || (*edit.Embeds)[0].Title != "Reindexed" ||
		!strings.Contains((*edit.Embeds)[0].Description, "Could not post what changed in <#1300000000000000444>") {
		t.Errorf("reindex report = %s; want success, and that the changelog could not be posted", encode(t, edit))
	}
	if !strings.Contains(logs.String(), "Missing Access") {
		t.Errorf("the failure is not logged:\n%s", logs.String())
	}
}

// changingReloader reports a changed point on every reload.
type changingReloader struct{ *stubReloader }

func (c changingReloader) Reload(ctx context.Context) (*index.ReloadReport, error) {
	r, err := c.stubReloader.Reload(ctx)
	if r != nil {
		r.Changes.PointsChanged = []string{"plan-28-points §6"}
	}
	return r, err
}

func TestGatewayChangelog(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t)
	channel := fakediscord.DefaultChannelID
	b := startBot(t, dir, Config{ChangelogChannel: channel})
	f := b.f
	reindex := func() fakediscord.Edit {
		t.Helper()
		ix := f.Command("reindex").WithPermissions(discordgo.PermissionManageGuild).WithUser(newUser())
		b.roundTrip(t, ix)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		e, err := f.WaitEdit(ctx, ix.Token)
		if err != nil {
			t.Fatalf("no edit after /reindex: %v", err)
		}
		return e
	}

	plan := filepath.Join(dir, "plan-28-points.md")
	data, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(data, []byte("Ukraine's armed forces are capped at 600,000 personnel."),
		[]byte("Ukraine's armed forces are capped at 800,000 personnel in peacetime."), 1)
	if bytes.Equal(edited, data) {
		t.Fatal("point 6 of the corpus no longer has the sentence this test edits")
	}
	if err := os.WriteFile(plan, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	e := reindex()
	if want := "Posted what changed in <#" + channel + ">."; len(e.Data.Embeds) != 1 || !strings.Contains(e.Data.Embeds[0].Description, want) {
		t.Errorf("reindex report = %s; want it to say %q", e.Body, want)
	}
	msgs := f.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d channel messages; want the changelog post", len(msgs))
	}
	m := msgs[0]
	st := b.live.Stats()
	want := fmt.Sprintf("**planbot's sources were updated:** 1 point changed (plan-28-points §6).\n"+
		"planbot now answers from %d documents, %d points and %d sections; `/sources` lists them.", st.Documents, st.Points, st.Sections)
	if m.ChannelID != channel || m.Data.Content != want {
		t.Errorf("changelog in %s = %q; want in %s:\n%q", m.ChannelID, m.Data.Content, channel, want)
	}
	if got := allowedMentions(t, m.Body); got != mentionNobody {
		t.Errorf("changelog allowed_mentions = %s; want %s", got, mentionNobody)
	}
	checkWire(t, "changelog", discordgo.InteractionResponseChannelMessageWithSource, m.Data)
	for _, r := range f.Requests() {
		if r.Path == "channels/"+channel+"/messages" && !r.Authorized {
			t.Errorf("changelog posted without the bot token")
		}
	}

	// nothing changed: nothing to post
	e = reindex()
	if n := len(f.Messages()); n != 1 || strings.Contains(string(e.Body), "Posted") {
		t.Errorf("after a reindex that changed nothing: %d channel messages, report %s; want no new post", n, e.Body)
	}
}
