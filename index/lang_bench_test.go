package index

import "testing"

// BenchmarkSearchUkrainian and BenchmarkSearchRussian ask
// BenchmarkSearch's question in Ukrainian and Russian: a Cyrillic question
// should cost about what the English one does.
func BenchmarkSearchUkrainian(b *testing.B) {
	benchmarkSearch(b, buildDefault(b), []string{"Якою може бути чисельність армії України?"})
}

func BenchmarkSearchRussian(b *testing.B) {
	benchmarkSearch(b, buildDefault(b), []string{"Какой может быть численность армии Украины?"})
}

// BenchmarkSearchEvalUKRU cycles through the Ukrainian and Russian
// question sets, as BenchmarkSearchEval does through the English one.
func BenchmarkSearchEvalUKRU(b *testing.B) {
	var qs []string
	for _, f := range []string{"testdata/uk.tsv", "testdata/ru.tsv"} {
		for _, q := range readQuestions(b, f) {
			qs = append(qs, q.q)
		}
	}
	benchmarkSearch(b, buildDefault(b), qs)
}
