package index

import "strings"

// personNames are the names of the people the plan and its reporting
// mention, and of the two Russian cities a clause names in passing, in
// English, Ukrainian and Russian spellings. A name is never what a clause
// is about: point 27 is chaired by President Trump and point 10 speaks of
// a strike on Moscow, but a chat message that only names Trump, Zelensky or
// Moscow concerns no clause, so a name alone does not make a point an
// answer to a Strict search (see telling). Kyiv is handled by its synonym
// group instead (it stands for Ukraine, which nearly every point names).
var personNames = strings.Fields(`
	trump donald zelensky zelenskiy zelenskyy volodymyr putin vladimir
	witkoff kushner dmitriev rubio umerov yermak lavrov peskov vance macron
	starmer merz tusk driscoll budanov
	трамп дональд зеленський зеленский володимир владимир путін путин
	віткофф уиткофф виткофф кушнер дмитрієв дмитриев рубіо рубио умєров
	умеров єрмак ермак лавров пєсков песков венс вэнс макрон туск дрісколл
	дрисколл буданов
	moscow petersburg москва москви москві москву москвою москве петербург
	петербурга петербурзі петербурге`)

// nameTerms analyses personNames with the index's analyzer.
func (ix *Index) nameTerms() map[string]bool {
	m := map[string]bool{}
	for _, n := range personNames {
		for _, t := range ix.terms(n) {
			m[t] = true
		}
	}
	return m
}
