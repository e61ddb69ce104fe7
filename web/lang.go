package web

import (
	"net/http"
	"strconv"
	"strings"
)

// words are the fixed words of the pages in one language. Every language
// fills every field: a missing one would show as an empty string, and
// TestWordsComplete says which. Texts from the corpus are not here: they
// are in the corpus's own language and marked so with lang="en".
type words struct {
	Name string // the language's own name, for the switcher

	SiteTitle, SkipToContent, MainNav, Home, Search, Sources, Languages string
	SearchLabel, SearchButton, SearchHint                               string
	AsOf                                                                string // "Facts as of %s"
	Summaries                                                           string

	HomeHeading, HomeIntro, VersionsHeading, PointsOf string // PointsOf: "Points of the %s"
	DatedPublished, NoPoints                          string

	PointHeading      string // "Point %d: %s"
	PointOfVersion    string // "Point %d of the %s: %s"
	PointIntro        string // "%s" = the draft's label
	ContinuesDraft    string // "It continues point(s) %s of the %s."
	VersionsOfPoint   string
	ChangedLegend     string
	Inserted, Deleted string
	ReadingNow        string
	Original          string
	NewInVersion      string
	ContinuedAs       string // "continued as %s"
	Dropped           string
	NotReported       string
	DroppedLong       string
	NotReportedLong   string
	Reporting         string
	NoReporting       string
	SourcesOfVersion  string
	NoSources         string
	PrevPoint         string
	NextPoint         string
	Compare           string

	SearchHeading, ResultsFor, NoMatch, ClosestNote, Related, AlsoIn, Matched, ReadPoint string
	QueryTooLong                                                                         string // "%d characters at most"

	SourcesHeading, SourcesIntro, PlanKind, ArticleKind, By, Published, Place, Note string

	NotFoundHeading, NotFoundText, NoSuchPoint, NoSuchVersion, BackHome string
	BadRequestHeading, ErrorHeading, ErrorText                          string
}

// english is the default language of the pages.
var english = words{
	Name:          "English",
	SiteTitle:     "The peace plan, version by version",
	SkipToContent: "Skip to content",
	MainNav:       "Main",
	Home:          "Versions and points",
	Search:        "Search",
	Sources:       "Sources",
	Languages:     "Language",
	SearchLabel:   "Search the plan",
	SearchButton:  "Search",
	SearchHint:    "Ask in your own words, e.g. How big can Ukraine's army be?",
	AsOf:          "Facts as of %s.",
	Summaries:     "Clause texts are summaries in our own words of each version as it was reported; none was officially published in full.",

	HomeHeading:     "The US peace plan for Ukraine and its later versions",
	HomeIntro:       "Every version of the plan we know of, oldest first, with each point's title and first line. Open a point to read it in full in every version, with the words that changed marked.",
	VersionsHeading: "Versions",
	PointsOf:        "Points of the %s",
	DatedPublished:  "Dated",
	NoPoints:        "No points of this version were reported.",

	PointHeading:     "Point %d: %s",
	PointOfVersion:   "Point %d of the %s: %s",
	PointIntro:       "What became of this point of the %s in each version of the plan, oldest first.",
	ContinuesDraft:   "It continues point %s of the %s.",
	VersionsOfPoint:  "The point in each version",
	ChangedLegend:    "Words added since the version before are underlined; words removed are struck through.",
	Inserted:         "added:",
	Deleted:          "removed:",
	ReadingNow:       "the version you opened",
	Original:         "original",
	NewInVersion:     "new in this version",
	ContinuedAs:      "continued as %s",
	Dropped:          "dropped",
	NotReported:      "not in the reported text",
	DroppedLong:      "This version lists the point as removed.",
	NotReportedLong:  "The sources of this version do not give this part of it, which does not mean it was removed.",
	Reporting:        "What the reporting says",
	NoReporting:      "No reporting in the corpus discusses this point.",
	SourcesOfVersion: "Sources",
	NoSources:        "No sources are listed.",
	PrevPoint:        "Previous point",
	NextPoint:        "Next point",
	Compare:          "Every version",

	SearchHeading: "Search the plan",
	ResultsFor:    "Results for “%s”",
	NoMatch:       "No point of the plan matches that question. Try other words, or open a point from the list of versions.",
	ClosestNote:   "The closest passages in the reporting are below; they are not an answer.",
	Related:       "Related reporting",
	AlsoIn:        "Also in",
	Matched:       "The part that matched",
	ReadPoint:     "Read point %d in every version",
	QueryTooLong:  "That question is too long: %d characters at most.",

	SourcesHeading: "Documents and sources",
	SourcesIntro:   "Every document the answers come from, with where its text and facts were found.",
	PlanKind:       "Plan version",
	ArticleKind:    "Reporting",
	By:             "By",
	Published:      "Published by",
	Place:          "Place",
	Note:           "Note",

	NotFoundHeading:   "Page not found",
	NotFoundText:      "There is no page at this address.",
	NoSuchPoint:       "There is no point %d in the %s.",
	NoSuchVersion:     "There is no version of the plan called “%s”.",
	BackHome:          "Back to the versions and points",
	BadRequestHeading: "That cannot be searched",
	ErrorHeading:      "Something went wrong",
	ErrorText:         "The page could not be made. Please try again in a moment.",
}

// languages are the page languages offered, by BCP 47 primary tag; the
// first is the default.
var languages = []struct {
	tag   string
	words *words
}{
	{"en", &english},
	{"uk", &ukrainian},
	{"ru", &russian},
}

// language picks the page language: ?lang= when it names one we have, then
// the first of Accept-Language's tags (by weight) that we have, then
// English. explicit tells whether ?lang= chose it, so links keep it.
func language(r *http.Request) (tag string, w *words, explicit bool) {
	if q := r.URL.Query().Get("lang"); q != "" {
		if w := wordsFor(q); w != nil {
			return strings.ToLower(q), w, true
		}
	}
	best, bestQ := "", -1.0
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				continue
			}
			q = f
		}
		primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if q > bestQ && q > 0 && wordsFor(primary) != nil {
			best, bestQ = primary, q
		}
	}
	if best != "" {
		return best, wordsFor(best), false
	}
	return languages[0].tag, languages[0].words, false
}

func wordsFor(tag string) *words {
	for _, l := range languages {
		if strings.EqualFold(l.tag, tag) {
			return l.words
		}
	}
	return nil
}
