package index

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestSearchTranslations: a question in Ukrainian or Russian finds the
// clause through its translation, in words the English never uses, and
// shows the matching sentence in the question's language; an English
// question is answered as before.
func TestSearchTranslations(t *testing.T) {
	ix := buildDir(t, "testdata/trans")
	for _, tt := range []struct {
		name, q  string
		opt      Options
		lang     string
		point    int
		letter   string
		matchHas string // a word the shown sentence must contain
	}{
		{"uk by letters", "Чи відновлять старий маяк?", Options{}, "uk", 5, "", "маяк"},
		{"ru by letters", "Кто восстановит старый маяк на косе?", Options{}, "ru", 5, "", "маяк"},
		{"uk inflected", "Що буде з демілітаризованою зоною?", Options{}, "uk", 2, "b", "демілітаризованою"},
		{"ru inflected", "Что будет с буферной зоной?", Options{}, "ru", 2, "b", "буферной"},
		{"ru without ы э ъ ё, by its function words", "Что сказано про маяк на косе", Options{}, "ru", 5, "", "маяк"},
		{"ru state-media wording", "Что будет с ДНР на Украине?", Options{}, "ru", 2, "b", "Донецкой"},
		{"mixed alphabets", "Що буде з security guarantees?", Options{}, "uk", 1, "", "гарантії"},
		{"transliterated name in a Ukrainian question", "Хто керуватиме Zaporizhzhia?", Options{}, "uk", 3, "", ""},
		{"English as before", "Who restores the lighthouse?", Options{}, "en", 5, "", "lighthouse"},
		{"English name", "What happens to Donbas?", Options{}, "en", 2, "b", "Donetsk"},
		{"language forced", "маяк", Options{Lang: "ru"}, "ru", 5, "", "маяк"},
		{"uk reference", "пункт 2б", Options{}, "uk", 2, "b", "Донецької"},
		{"ru reference", "п. 4 выборы", Options{}, "ru", 4, "", "Выборы"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.q, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if res.Lang != tt.lang {
				t.Errorf("Search(%q).Lang = %q, want %q", tt.q, res.Lang, tt.lang)
			}
			if len(res.Hits) == 0 || res.Hits[0].Point.Number != tt.point {
				t.Fatalf("Search(%q) = points %v (NoMatch %v), want point %d first", tt.q, rankedPoints(res), res.NoMatch, tt.point)
			}
			h := res.Hits[0]
			if h.Letter != tt.letter {
				t.Errorf("Search(%q): sub-point %q shown, want %q", tt.q, h.Letter, tt.letter)
			}
			if !strings.Contains(strings.ReplaceAll(h.Match, "**", ""), tt.matchHas) {
				t.Errorf("Search(%q): shown %q, want it to contain %q", tt.q, h.Match, tt.matchHas)
			}
		})
	}
}

// TestSearchTranslatedPassages: a Ukrainian question finds reporting
// through the section's Ukrainian summary, and the passage is that summary.
func TestSearchTranslatedPassages(t *testing.T) {
	ix := buildDir(t, "testdata/trans")
	res, err := ix.Search(context.Background(), "Чи повернуться доглядачі маяка на роботу?", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Point.Number != 5 || len(res.Hits[0].Passages) == 0 {
		t.Fatalf("got points %v, want point 5 with its reporting", rankedPoints(res))
	}
	if p := res.Hits[0].Passages[0]; !strings.Contains(p.Text, "Доглядачі") || p.Section.Heading != "The lighthouse keepers" {
		t.Errorf("passage %q of section %q; want the Ukrainian summary of The lighthouse keepers", p.Text, p.Section.Heading)
	}
}

// TestLangAnalyzers: Latin words inside Ukrainian or Russian text get the
// English terms, acronyms keep their last letter, stop words go and the
// spelling variants people type (ґ/г, ё/е, apostrophes) meet.
func TestLangAnalyzers(t *testing.T) {
	ix := buildDir(t, "testdata/trans")
	for _, tt := range []struct {
		lang, a, b string // a and b must give the same terms
	}{
		{"uk", "NATO guarantees", "nato guarantee"},
		{"uk", "НАТО", "нато"},
		{"uk", "ЗСУ", "зсу"},
		{"uk", "перемир'я", "перемир’я"},
		{"uk", "перемир'я", "перемирʼя"},
		{"uk", "ґрунт", "грунт"},
		{"uk", "у Донбасі", "Донбас"},
		{"ru", "ещё объём", "еще объем"},
		{"ru", "в Донбассе", "Донбасса"},
		{"ru", "на Украине", "в Украине"},
		{"ru", "гарантий безопасности", "гарантии безопасность"},
	} {
		v := ix.views[tt.lang]
		if a, b := v.terms(tt.a), v.terms(tt.b); !slices.Equal(a, b) || len(a) == 0 {
			t.Errorf("%s: %q -> %q, %q -> %q; want the same terms", tt.lang, tt.a, a, tt.b, b)
		}
	}
	if got := ix.views["uk"].terms("Чи буде це в плані"); len(got) != 0 {
		t.Errorf("uk stop words: got terms %q, want none", got)
	}
	if got := ix.views["ru"].terms("Что будет с этим в плане"); len(got) != 0 {
		t.Errorf("ru stop words: got terms %q, want none", got)
	}
}

// TestSearchLanguagesConcurrently: the three languages' indexes and
// analyzers are safe to search from many goroutines at once (run with
// -race).
func TestSearchLanguagesConcurrently(t *testing.T) {
	ix := buildDir(t, "testdata/trans")
	qs := []string{"Чи відновлять старий маяк?", "Что будет с буферной зоной?", "Who restores the lighthouse?", "пункт 2б", "Що буде з security guarantees?"}
	done := make(chan error)
	for i := range 8 {
		go func() {
			var err error
			for j := range 20 {
				if _, e := ix.Search(context.Background(), qs[(i+j)%len(qs)], Options{}); e != nil {
					err = e
				}
			}
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestSearchUntranslatedReporting: a section with no summary in the
// question's language is still shown, in English, beside the clause it
// discusses, after the sections the question matched.
func TestSearchUntranslatedReporting(t *testing.T) {
	ix := buildDir(t, "testdata/trans")
	res, err := ix.Search(context.Background(), "Чи повернуться доглядачі маяка на роботу?", Options{Passages: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Point.Number != 5 {
		t.Fatalf("got points %v, want point 5", rankedPoints(res))
	}
	var headings []string
	for _, p := range res.Hits[0].Passages {
		headings = append(headings, p.Section.Heading)
	}
	if !slices.Equal(headings, []string{"The lighthouse keepers", "The commission"}) {
		t.Errorf("passages from %q; want the matched Ukrainian summary, then the untranslated section", headings)
	}
}
