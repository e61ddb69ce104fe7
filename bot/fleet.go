package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/fleet"
)

// Fleet tells the other replicas and gateway shards that this one now
// serves a new corpus, waits a few seconds, and reports which of them
// serve it too. *fleet.Fleet fits; nil (one process, SQLite) tells no one.
type Fleet interface {
	Announce(ctx context.Context, hash string) (fleet.Report, error)
}

// announceCorpus announces the corpus this replica serves after a
// successful /reindex and returns the line for the admin's report, "" when
// there is no fleet. A failure is logged and said there, and never fails
// the reindex: this replica serves the new corpus either way.
func (h *Handler) announceCorpus(ctx context.Context) string {
	if h.cfg.Fleet == nil {
		return ""
	}
	hash := h.cfg.Index.Corpus().Hash()
	rep, err := h.cfg.Fleet.Announce(ctx, hash)
	if err != nil {
		h.log.Warn("fleet: announce the new corpus", slog.String("corpus", corpus.ShortHash(hash)), slog.Any("error", err))
		return fmt.Sprintf("Could not tell the other replicas about corpus `%s` (the database did not answer; the error is in the logs): they keep their corpus until their next `/reindex` or restart.", corpus.ShortHash(hash))
	}
	h.log.Info("fleet: replicas serving the new corpus", slog.String("corpus", corpus.ShortHash(hash)),
		slog.Int("serving", rep.Serving), slog.Int("replicas", rep.Replicas), slog.Int("holdouts", len(rep.Holdouts)), slog.Int("silent", len(rep.Silent)))
	return renderFleet(rep)
}

// renderFleet says how many replicas serve the announced corpus, and what
// the others keep and why: "2 of 3 replicas now serve corpus `4f2a…`;
// replica `x` keeps `91ab…`: its corpus folder holds …".
func renderFleet(rep fleet.Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %s now %s corpus `%s`", rep.Serving, plural(langEN, rep.Replicas, "replica"), ifElse(rep.Serving == 1, "serves", "serve"), corpus.ShortHash(rep.Hash))
	for _, o := range rep.Holdouts {
		fmt.Fprintf(&b, "; replica `%s` keeps `%s`: %s", code(o.Replica), corpus.ShortHash(o.Hash), escapeMarkdown(trim(o.Error, 300)))
	}
	if n := len(rep.Silent); n > 0 {
		names := make([]string, n)
		for i, s := range rep.Silent {
			names[i] = "`" + code(s) + "`"
		}
		fmt.Fprintf(&b, "; %s not answered yet (%s)", ifElse(n == 1, "1 has", fmt.Sprintf("%d have", n)), strings.Join(names, ", "))
	}
	b.WriteString(".")
	return trim(b.String(), 1500)
}

// code makes s safe inside a Markdown code span.
func code(s string) string { return strings.ReplaceAll(trim(s, 100), "`", "'") }

// readyText is /readyz's answer once ready: it names the corpus served, so
// that an operator sees at a glance which replicas serve which corpus.
func readyText(h *Handler) string {
	if h == nil || h.cfg.Index == nil || h.cfg.Index.Corpus() == nil {
		return "ready"
	}
	return "ready; corpus " + h.cfg.Index.Corpus().Hash()
}
