package bot

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// Embed colours.
const (
	colorAnswer  = 0x3b6fb6
	colorNoMatch = 0x8a8f98
	colorError   = 0xc0392b
	colorOK      = 0x2e8b57
)

// How much of each part of an answer to show, well inside the field limits
// so that several points fit in one embed.
const (
	askMatchChars   = 420
	askPassageChars = 360
	commentaryChars = 700
	maxCommentary   = 3
	maxRelated      = 2
	maxClosest      = 3
)

// renderAsk renders the answer to /ask: one field per point with the
// sentence that matched, the other versions' clauses of its lineage and what
// the reporting says, then the sources. here is the plan version readers
// take as the default (the server's, else the corpus's); a clause of
// another version is labelled with its version.
func renderAsk(res *index.Result, question string, here *corpus.Document) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title: "“" + escapeMarkdown(question) + "”",
		Color: colorAnswer,
	}
	if res.NoMatch || len(res.Hits) == 0 {
		return renderNoMatch(e, res)
	}
	plan := res.Hits[0].Doc
	oneVersion := true
	for _, h := range res.Hits {
		oneVersion = oneVersion && h.Doc == plan
	}
	switch {
	case res.Ref != nil:
		e.Description = fmt.Sprintf("You named point %d%s; here it is, with what the reporting says.", res.Ref.Number, res.Ref.Letter)
	case oneVersion:
		version := plan.Version
		if version == "" {
			version = "plan"
		}
		e.Description = fmt.Sprintf("The points of the *%s* that best match your question, with what the reporting says. Full text of a point: `/point number:<n>`.", version)
	default:
		e.Description = "The clauses that best match your question, one for each point of the draft, from the version of the plan that matched best, " +
			"with what the reporting says. Every version of a point: `/compare point:<n>`."
	}
	var docs []*corpus.Document
	for _, h := range res.Hits {
		docs = appendDoc(docs, h.Doc)
		var b strings.Builder
		if h.Letter != "" {
			fmt.Fprintf(&b, "**%s.** ", h.Letter)
		}
		match := markdown(h.Match, h.Spans)
		if h.Match == "" {
			match = h.Point.Text
		}
		b.WriteString(trim(match, askMatchChars))
		if also := alsoIn(h.Also); also != "" {
			b.WriteString("\n*" + also + "*")
		}
		if len(h.Passages) > 0 {
			p := h.Passages[0]
			docs = appendDoc(docs, p.Doc)
			b.WriteString("\n**What the reporting says:** ")
			b.WriteString(quote(markdown(p.Text, p.Spans), askPassageChars))
			b.WriteString(" — *" + citation(p.Doc) + "*")
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  hitName(h, here),
			Value: b.String(),
		})
	}
	if len(res.Related) > 0 {
		var lines []string
		for _, p := range res.Related[:min(len(res.Related), maxRelated)] {
			docs = appendDoc(docs, p.Doc)
			lines = append(lines, quote(markdown(p.Text, p.Spans), askPassageChars)+" — *"+citation(p.Doc)+"*")
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  "Related reporting",
			Value: fitLines(lines, maxFieldValue),
		})
	}
	e.Fields = append(e.Fields, sourcesField(docs))
	if oneVersion {
		e.Footer = planFooter(plan)
	} else {
		e.Footer = &discordgo.MessageEmbedFooter{Text: "Clause texts are summaries in our own words of each version of the plan as it was reported; none was officially published in full."}
	}
	return fitEmbed(e)
}

// alsoIn names the other versions' clauses of a lineage: "also in:
// European counter-proposal §6, 20-point framework §4"; "" for none.
func alsoIn(cs []index.Clause) string {
	if len(cs) == 0 {
		return ""
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		if c.Point == nil { // the version dropped the point or lacks it
			parts[i] = fmt.Sprintf("%s (%s)", c.Doc.Version, corpus.Fate{Status: c.Status}.Words())
			continue
		}
		parts[i] = fmt.Sprintf("%s §%d", c.Doc.Version, c.Point.Number)
	}
	return "also in: " + strings.Join(parts, ", ")
}

// askButtons are the "§6 in full" buttons under an answer, one per point
// shown (five at most, one row). Their custom_ids name the version and the
// clause, "pt:<doc>:<number>:f", so they show the clause that was shown,
// after a restart or a reindex too. The clause opens privately for
// whoever presses.
func askButtons(res *index.Result, here *corpus.Document) []discordgo.MessageComponent {
	if res.NoMatch || len(res.Hits) == 0 {
		return nil
	}
	var row []discordgo.MessageComponent
	for _, h := range res.Hits {
		if len(row) == 5 {
			break
		}
		id := pointID(h.Doc.ID, h.Point.Number, fullTag)
		if len(id) > maxCustomID {
			continue
		}
		label := fmt.Sprintf("§%d in full", h.Point.Number)
		if here == nil || h.Doc.ID != here.ID {
			label += " (" + h.Doc.Version + ")"
		}
		row = append(row, discordgo.Button{Label: trim(label, maxButtonLabel), Style: discordgo.SecondaryButton, CustomID: id})
	}
	if len(row) == 0 {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
}

// renderNoMatch says plainly that nothing matched and shows the closest
// passages, labelled as not being an answer.
func renderNoMatch(e *discordgo.MessageEmbed, res *index.Result) *discordgo.MessageEmbed {
	e.Color = colorNoMatch
	e.Description = "No point of the plan matches that question. Try other words, or look a point up by number with `/point`."
	if len(res.Closest) > 0 {
		e.Description += "\nThe closest passages in the reporting are below; they are not an answer."
	}
	var docs []*corpus.Document
	for _, p := range res.Closest[:min(len(res.Closest), maxClosest)] {
		docs = appendDoc(docs, p.Doc)
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  passageName(p),
			Value: quote(markdown(p.Text, p.Spans), askPassageChars) + " — *" + citation(p.Doc) + "*",
		})
	}
	if len(docs) > 0 {
		e.Fields = append(e.Fields, sourcesField(docs))
	}
	return fitEmbed(e)
}

// renderPoint renders /point: the point in full with its sub-points, the
// draft points it continues, the commentary linked to it and the sources.
// draft is the default plan of the corpus.
func renderPoint(pv *index.PointView, draft *corpus.Document) *discordgo.MessageEmbed {
	p, d := pv.Point, pv.Doc
	e := &discordgo.MessageEmbed{
		Title: pointTitle(d, p),
		Color: colorAnswer,
	}
	var b strings.Builder
	b.WriteString(p.Text)
	for _, s := range p.SubPoints {
		fmt.Fprintf(&b, "\n**%s.** %s", s.Letter, s.Text)
	}
	e.Description = b.String()
	if len(p.Was) > 0 && draft != nil && draft != d {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  "In the " + draft.Version,
			Value: fmt.Sprintf("Continues %s %s. Every version of it: `/compare point:%d`.", ifElse(len(p.Was) == 1, "point", "points"), joinInts(p.Was), p.Was[0]),
		})
	}
	docs := []*corpus.Document{d}
	for _, c := range pv.Commentary[:min(len(pv.Commentary), maxCommentary)] {
		docs = appendDoc(docs, c.Doc)
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  "What the reporting says: " + passageName(c),
			Value: quote(markdown(c.Text, c.Spans), commentaryChars) + " — *" + citation(c.Doc) + "*",
		})
	}
	if len(pv.Commentary) > maxCommentary {
		e.Fields[len(e.Fields)-1].Value += fmt.Sprintf("\n*…and %s in the reporting.*", plural(len(pv.Commentary)-maxCommentary, "more passage"))
	}
	e.Fields = append(e.Fields, sourcesField(docs))
	e.Footer = planFooter(d)
	if ns := d.Numbers(); len(ns) > 0 {
		for i, n := range ns {
			if n == p.Number {
				e.Footer.Text = fmt.Sprintf("Point %d of %d · %s", i+1, len(ns), e.Footer.Text)
			}
		}
	}
	return fitEmbed(e)
}

// pointButtons returns the "◀ previous" and "next ▶" buttons under a
// point. Their custom_ids name the document and the point to show, so they
// keep working after a restart or a reindex. It returns nil when the ids
// would not fit Discord's limit.
func pointButtons(d *corpus.Document, n int) []discordgo.MessageComponent {
	return navButtons(d.Numbers(), n, func(m int, dir string) string { return pointID(d.ID, m, dir) })
}

// navButtons returns "◀ previous" and "next ▶" for point n among the
// numbers ns, each button's custom_id made by id(number, "p" or "n"). The
// button at either end is disabled. It returns nil when n is not in ns or
// an id would not fit Discord's limit.
func navButtons(ns []int, n int, id func(m int, dir string) string) []discordgo.MessageComponent {
	at := slices.Index(ns, n)
	if at < 0 {
		return nil
	}
	prevID, nextID := id(ns[max(at-1, 0)], "p"), id(ns[min(at+1, len(ns)-1)], "n")
	if len(prevID) > maxCustomID || len(nextID) > maxCustomID {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "◀ previous", Style: discordgo.SecondaryButton, CustomID: prevID, Disabled: at == 0},
		discordgo.Button{Label: "next ▶", Style: discordgo.SecondaryButton, CustomID: nextID, Disabled: at == len(ns)-1},
	}}}
}

// shareButtons is the "Post in channel" button under a private answer.
func shareButtons() []discordgo.MessageComponent {
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Post in channel", Style: discordgo.PrimaryButton, CustomID: shareID},
	}}}
}

// renderSources lists the documents of the corpus with their versions,
// dates, publishers and links.
func renderSources(c *corpus.Corpus) *discordgo.MessageEmbed {
	docs, points, sections := c.Counts()
	e := &discordgo.MessageEmbed{
		Title: "Sources",
		Description: fmt.Sprintf("planbot answers from %s: %s and %s. Admins change them by editing the corpus folder and running `/reindex`.",
			plural(docs, "document"), plural(points, "plan point"), plural(sections, "article section")),
		Color: colorAnswer,
	}
	ds := c.Documents
	if len(ds) > maxFields {
		ds = ds[:maxFields-1]
	}
	for _, d := range ds {
		var b strings.Builder
		if d.Kind == corpus.KindPlan {
			fmt.Fprintf(&b, "Plan · %s", d.Version)
			if d.Default {
				b.WriteString(" (default for `/point`)")
			}
			fmt.Fprintf(&b, " · %s · %s", humanDate(d.Date), plural(len(d.Points), "point"))
		} else {
			b.WriteString("Article")
			if o := d.Origin(); o != "" {
				b.WriteString(" · " + o)
			}
			if d.Author != "" && d.Author != d.Origin() {
				b.WriteString(" · " + d.Author)
			}
			fmt.Fprintf(&b, " · %s · %s", humanDate(d.Date), plural(len(d.Sections), "section"))
		}
		lines := []string{b.String()}
		for _, s := range d.Sources {
			lines = append(lines, "• "+sourceLine(s))
		}
		if d.Note != "" {
			lines = append(lines, "*"+trim(d.Note, 300)+"*")
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: d.Title, Value: fitLines(lines, maxFieldValue)})
	}
	if len(ds) < len(c.Documents) {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  "More",
			Value: fmt.Sprintf("…and %d more documents.", len(c.Documents)-len(ds)),
		})
	}
	return fitEmbed(e)
}

// renderHelp says what the bot can do, with examples.
func renderHelp(c *corpus.Corpus) *discordgo.MessageEmbed {
	points := "the plan's points"
	if d := c.DefaultPlan(); d != nil {
		points = fmt.Sprintf("points %s of the %s", d.RangeText(), d.Version)
	}
	var versions []string
	for _, d := range c.Plans() {
		versions = append(versions, "`"+d.Version+"`")
	}
	e := &discordgo.MessageEmbed{
		Title: "planbot: the US peace plan for Ukraine, clause by clause",
		Description: "I answer questions about the US 28-point peace plan, its later versions and the reporting on them, " +
			"with the exact clause, the version it comes from and where that was reported.",
		Color: colorAnswer,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "/ask question:<text> [private:true] [target:@member]", Value: "The points that best answer a question, the sentence that matched, what the reporting says, and the sources. " +
				"`private:true` shows the answer only to you, with a button to post it in the channel; `target` addresses it to a member, the only one it mentions. " +
				"👍 / 👎 under an answer tell the admins whether it helped (anonymously).\n" +
				"Examples: `/ask question: How big can Ukraine's army be?` · `/ask question: What happens to Crimea?` · `/ask question: point 21d`"},
			{Name: "Apps → " + checkName, Value: "Right-click (or long-press) a message, *Apps*, *" + checkName + "*: the clauses of the plan the message concerns, " +
				"with their text, what the other versions say and the sources, shown only to you with a button to post it; or that it concerns no clause."},
			{Name: "/point number:<n> [version:<plan>]", Value: "One point in full with its sub-points, the commentary on it and its sources; ◀ previous / next ▶ move through the plan. " +
				"Numbers: " + points + "." + ifNotEmpty(" Versions: "+strings.Join(versions, ", ")+"; without one, the server's default version (`/settings`).", len(versions) > 1) +
				"\nExample: `/point number:14`" + versionExample(c)},
			{Name: "/compare point:<n>", Value: "What became of a point of the draft in each version of the plan, oldest first: the clauses that continue it, " +
				"or that it was dropped, or that it is not in the reported text of that version; then the reporting on it and each version's sources.\nExample: `/compare point:6`"},
			{Name: "/sources", Value: "The documents I answer from: versions, dates, publishers and links."},
			{Name: "/reindex", Value: "Admins only: reload the corpus folder after editing it. Nothing changes if it has errors; the reply lists them with file and line."},
			{Name: "/settings [version:<plan>]", Value: "Admins only: the version `/point` shows in this server when none is named. Every answer here names it in its footer."},
		},
		Footer: &discordgo.MessageEmbedFooter{Text: "The plan was never officially published: clause texts are summaries of each version as reprinted by news outlets."},
	}
	return fitEmbed(e)
}

// versionExample is " · `/point number:1 version:20-point framework`",
// naming the latest plan version, or "" when the corpus has one version.
func versionExample(c *corpus.Corpus) string {
	plans := c.Plans()
	if len(plans) < 2 {
		return ""
	}
	last := plans[len(plans)-1]
	ns := last.Numbers()
	if len(ns) == 0 || last.Version == "" {
		return ""
	}
	return fmt.Sprintf(" · `/point number:%d version:%s`", ns[0], last.Version)
}

// renderReindex reports a successful reload: what changed and how long the
// build took.
func renderReindex(r *index.Reload) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title: "Reindexed",
		Description: fmt.Sprintf("Loaded and indexed in %s; now answering from %s, %s and %s.",
			roundDuration(r.Took), plural(r.Stats.Documents, "document"), plural(r.Stats.Points, "point"), plural(r.Stats.Sections, "section")),
		Color: colorOK,
	}
	ch := r.Changes
	for _, g := range []struct {
		name                    string
		added, changed, removed []string
	}{
		{"Documents", ch.DocumentsAdded, ch.DocumentsChanged, ch.DocumentsRemoved},
		{"Points", ch.PointsAdded, ch.PointsChanged, ch.PointsRemoved},
		{"Sections", ch.SectionsAdded, ch.SectionsChanged, ch.SectionsRemoved},
	} {
		var lines []string
		for _, l := range []struct {
			verb  string
			names []string
		}{{"added", g.added}, {"changed", g.changed}, {"removed", g.removed}} {
			if len(l.names) > 0 {
				lines = append(lines, fmt.Sprintf("**%d %s:** %s", len(l.names), l.verb, strings.Join(l.names, ", ")))
			}
		}
		if len(lines) > 0 {
			for i := range lines {
				lines[i] = trim(lines[i], maxFieldValue/3)
			}
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: g.name, Value: strings.Join(lines, "\n")})
		}
	}
	if len(e.Fields) == 0 {
		e.Description += "\nNothing changed in the documents."
	}
	return fitEmbed(e)
}

// renderReindexError reports a failed reload. For a bad corpus it lists
// every problem with its file and line; the old index keeps serving.
func renderReindexError(err error) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title: "Reindex failed: nothing changed",
		Color: colorError,
	}
	var errs corpus.Errors
	if errors.As(err, &errs) {
		lines := make([]string, len(errs))
		for i, ce := range errs {
			where := ce.File
			if ce.Line > 0 {
				where = fmt.Sprintf("%s:%d", ce.File, ce.Line)
			}
			lines[i] = "`" + strings.ReplaceAll(where, "`", "'") + "` " + trim(ce.Msg, 400)
		}
		head := fmt.Sprintf("The previous index keeps answering. Fix %s and run `/reindex` again:\n", plural(len(errs), "problem"))
		e.Description = head + fitLines(lines, maxDescription-length(head))
		return fitEmbed(e)
	}
	e.Description = "The previous index keeps answering. The corpus could not be reloaded:\n" + trim(err.Error(), 1500)
	return fitEmbed(e)
}

// pointName names a point in a field: "Point 6 · Size of Ukraine's armed
// forces", with the sub-point letter, and with the version when it is not
// here, the version readers take as the default.
func pointName(d *corpus.Document, p *corpus.Point, letter string, here *corpus.Document) string {
	s := fmt.Sprintf("Point %d%s · %s", p.Number, letter, p.Title)
	if (here == nil || d.ID != here.ID) && d.Version != "" {
		s += " (" + d.Version + ")"
	}
	return s
}

// hitName names an /ask result. A clause of the version readers take as
// the default is "Point 6 · Size of Ukraine's armed forces"; a clause of
// another version says which, and which draft point it stands for, since
// its own number means something else in the draft: "20-point framework §4
// · Size of the armed forces (draft point 6)".
func hitName(h *index.Hit, here *corpus.Document) string {
	if (here != nil && h.Doc.ID == here.ID) || (here == nil && h.Doc.Default) {
		return pointName(h.Doc, h.Point, h.Letter, here)
	}
	s := fmt.Sprintf("%s §%d%s · %s", h.Doc.Version, h.Point.Number, h.Letter, h.Point.Title)
	switch len(h.Draft) {
	case 0:
		return s + " (new in this version)"
	case 1:
		return s + fmt.Sprintf(" (draft point %d)", h.Draft[0])
	}
	nums := make([]string, len(h.Draft))
	for i, n := range h.Draft {
		nums[i] = strconv.Itoa(n)
	}
	return s + " (draft points " + strings.Join(nums, ", ") + ")"
}

// pointTitle is the title of /point's embed.
func pointTitle(d *corpus.Document, p *corpus.Point) string {
	s := fmt.Sprintf("Point %d · %s", p.Number, p.Title)
	if d.Version != "" {
		s += " (" + d.Version + ")"
	}
	return s
}

// passageName names a passage by its publisher and section heading.
func passageName(p *index.Passage) string {
	name := p.Doc.Origin()
	if name == "" {
		name = p.Doc.Title
	}
	if p.Section != nil && p.Section.Heading != "" {
		name += " — " + p.Section.Heading
	}
	return name
}

// planFooter is the footer under plan text: version, date and the plan's
// editorial note (that the texts are summaries of a leak).
func planFooter(d *corpus.Document) *discordgo.MessageEmbedFooter {
	s := d.Version
	if s == "" {
		s = d.Title
	}
	if d.Date != "" {
		s += ", " + humanDate(d.Date)
	}
	if d.Note != "" {
		s += ". " + d.Note
	}
	return &discordgo.MessageEmbedFooter{Text: s}
}

// maxPlanSources is how many sources of each plan version an answer
// lists, so that a version with many sources leaves room for the others.
const maxPlanSources = 3

// sourcesField lists where the documents cited in an answer come from: each
// article, and up to maxPlanSources sources of each plan version.
func sourcesField(docs []*corpus.Document) *discordgo.MessageEmbedField {
	var lines []string
	for _, d := range docs {
		if d.Kind == corpus.KindArticle {
			text := "*" + escapeMarkdown(d.Title) + "*"
			if o := d.Origin(); o != "" {
				text = escapeMarkdown(o) + ", " + text
			}
			if len(d.Sources) > 0 && d.Sources[0].URL != "" {
				text = link(text, d.Sources[0].URL)
			}
			lines = append(lines, "• "+text+" ("+humanDate(d.Date)+")")
			continue
		}
		var shown, rest int
		for _, s := range d.Sources {
			switch {
			case listed(s, docs):
			case shown == maxPlanSources:
				rest++
			default:
				lines = append(lines, "• "+sourceLine(s))
				shown++
			}
		}
		if rest > 0 {
			lines = append(lines, fmt.Sprintf("• …and %s of the %s in `/sources`", plural(rest, "more source"), escapeMarkdown(d.Version)))
		}
	}
	return &discordgo.MessageEmbedField{Name: "Sources", Value: fitLines(lines, maxFieldValue)}
}

// listed reports whether source s of a plan is one of the articles in
// docs (a plan may cite the reporting it quotes), so it is not named twice.
func listed(s corpus.Source, docs []*corpus.Document) bool {
	if s.URL != "" {
		return false
	}
	for _, d := range docs {
		if d.Kind == corpus.KindArticle && d.Title != "" && strings.Contains(s.Name, d.Title) {
			return true
		}
	}
	return false
}

// sourceLine is one source: a link when it has a URL, and its date.
func sourceLine(s corpus.Source) string {
	name := escapeMarkdown(s.Name)
	if s.URL != "" {
		name = link(name, s.URL)
	}
	if s.Date != "" {
		name += " (" + humanDate(s.Date) + ")"
	}
	return name
}

// link is a Markdown link that survives brackets in its text and
// parentheses in its URL.
func link(text, url string) string {
	return "[" + linkText.Replace(text) + "](" + linkURL.Replace(url) + ")"
}

var (
	linkText = strings.NewReplacer("[", "(", "]", ")")
	linkURL  = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20")
)

// citation is "publisher, 24 Nov 2025".
func citation(d *corpus.Document) string {
	o := d.Origin()
	if o == "" {
		o = d.Title
	}
	if d.Date == "" {
		return o
	}
	return o + ", " + humanDate(d.Date)
}

// quote puts a passage in curly quotes, trimmed to max characters.
func quote(s string, max int) string {
	return "“" + trim(strings.TrimSpace(s), max) + "”"
}

// appendDoc appends d to docs unless it is already there.
func appendDoc(docs []*corpus.Document, d *corpus.Document) []*corpus.Document {
	for _, x := range docs {
		if x == d || x.ID == d.ID {
			return docs
		}
	}
	return append(docs, d)
}

// humanDate turns 2025-11-24 into "24 Nov 2025"; other text is returned
// as it is.
func humanDate(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t.Format("2 Jan 2006")
}

// roundDuration rounds d for people: "840ms", "1.2s".
func roundDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	}
	return d.Round(100 * time.Millisecond).String()
}

// plural is "1 point", "3 points".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// joinInts is "6, 7 and 21".
func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// ifElse returns a when ok, else b.
func ifElse(ok bool, a, b string) string {
	if ok {
		return a
	}
	return b
}

// ifNotEmpty returns s when ok, else "".
func ifNotEmpty(s string, ok bool) string {
	if ok {
		return s
	}
	return ""
}

// markdownEscaper backslash-escapes the characters Discord Markdown reads,
// and breaks mentions (@everyone, <@id>) with a zero-width space.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, `~`, `\~`, "`", "\\`", `|`, `\|`,
	`>`, `\>`, `#`, `\#`, `[`, `\[`, `]`, `\]`,
	`@`, "@\u200b", `<`, "<\u200b",
)

// escapeMarkdown makes user text safe to show: no formatting, links,
// mentions or emoji.
func escapeMarkdown(s string) string { return markdownEscaper.Replace(s) }
