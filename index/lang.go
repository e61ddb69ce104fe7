package index

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/russian"
)

// The languages the index searches: the English of the corpus, and the
// Ukrainian and Russian of its translations.
const (
	LangEnglish   = "en"
	LangUkrainian = "uk"
	LangRussian   = "ru"
)

// Langs are the languages Options.Lang accepts, English first.
var Langs = []string{LangEnglish, LangUkrainian, LangRussian}

// QuestionLang tells the language of a question by its letters: "uk" when
// it uses letters only Ukrainian has (і ї є ґ), "ru" for letters only
// Russian has (ы э ъ ё), "" for other Cyrillic, which may be either (the
// caller may then go by the reader's locale), and "en" for a question with
// no Cyrillic at all. In a question that mixes the two alphabets the
// Cyrillic decides: "Що буде з NATO?" is Ukrainian.
func QuestionLang(q string) string {
	uk, ruN, cyr := 0, 0, false
	for _, r := range q {
		switch unicode.ToLower(r) {
		case 'і', 'ї', 'є', 'ґ':
			uk++
		case 'ы', 'э', 'ъ', 'ё':
			ruN++
		}
		cyr = cyr || unicode.Is(unicode.Cyrillic, r)
	}
	switch {
	case !cyr:
		return LangEnglish
	case uk > ruN:
		return LangUkrainian
	case ruN > uk:
		return LangRussian
	}
	return ""
}

// isLang reports whether l is one of Langs.
func isLang(l string) bool {
	for _, x := range Langs {
		if x == l {
			return true
		}
	}
	return false
}

// langAnalyzer analyses Ukrainian or Russian text, which often carries Latin
// words too (G8, Euroclear, a question's "NATO"): Cyrillic words get the
// language's stop words and stemmer, any other word exactly what the
// English analyzer gives it, so that a Latin word in a Ukrainian question
// finds what it finds in an English one, and synonym groups written in
// English match inside Ukrainian text.
type langAnalyzer struct {
	tokenizer analysis.Tokenizer
	latin     []analysis.TokenFilter // the English analyzer's filters
	stop      map[string]bool
	stem      func(string) string
	fold      func(string) string
}

// newLangAnalyzer returns the analyzer for lang ("uk" or "ru"), built on
// the mapping's English analyzer.
func newLangAnalyzer(m *mapping.IndexMappingImpl, lang string) analysis.Analyzer {
	en, ok := m.AnalyzerNamed(analyzerName).(*analysis.DefaultAnalyzer)
	if !ok {
		return nil
	}
	a := &langAnalyzer{tokenizer: en.Tokenizer, latin: en.TokenFilters}
	switch lang {
	case LangUkrainian:
		a.stop, a.stem, a.fold = ukStopWords, stemUK, foldUK
	case LangRussian:
		a.stop, a.stem, a.fold = ruStopWords, stemRU, foldRU
	default:
		return nil
	}
	return a
}

// Analyze implements analysis.Analyzer. Positions are those of the
// tokenizer, so a dropped stop word leaves a gap as it does in English.
func (a *langAnalyzer) Analyze(input []byte) analysis.TokenStream {
	toks := a.tokenizer.Tokenize(input)
	out := make(analysis.TokenStream, 0, len(toks))
	for _, t := range toks {
		if !isCyrillic(t.Term) {
			one := analysis.TokenStream{t}
			for _, f := range a.latin {
				one = f.Filter(one)
			}
			out = append(out, one...)
			continue
		}
		term, ok := a.cyrillic(string(t.Term))
		if !ok {
			continue
		}
		t.Term = []byte(term)
		out = append(out, t)
	}
	return out
}

// cyrillic is the term for one Cyrillic word, or false for a stop word.
// Abbreviations in capitals (ЗСУ, ЗАЕС, НАТО, ДНР) are not stemmed: their
// last letter is part of the name, not an ending.
func (a *langAnalyzer) cyrillic(w string) (string, bool) {
	n, lower := 0, false
	for _, r := range w {
		n++
		lower = lower || unicode.IsLower(r)
	}
	acronym := n > 1 && n <= 6 && !lower
	w = strings.ToLower(w)
	if strings.ContainsAny(w, "'’ʼ`ґё") {
		w = a.fold(w)
	}
	if w == "" || a.stop[w] {
		return "", false
	}
	if acronym || acronyms[w] {
		return w, true
	}
	return a.stem(w), true
}

// acronyms are the abbreviations people also type in lower case ("нато",
// "зсу"), kept whole as they are in capitals.
var acronyms = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`нато зсу всу заес заэс аес аэс єс ес сша оон магате магатэ
		днр лнр рф снв сно дснв цвк упц мвф сзч соч вез сэз дмз`) {
		m[w] = true
	}
	return m
}()

func isCyrillic(b []byte) bool {
	for _, r := range string(b) {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

// apostrophes are the marks written inside Ukrainian words (перемир'я,
// з'їзд): three spellings of one sign, dropped so that all three match.
var apostrophes = strings.NewReplacer("'", "", "’", "", "ʼ", "", "`", "")

// foldUK writes a lower-case Ukrainian word the one way the index keeps
// it: without apostrophes, and ґ as г, since many keyboards lack ґ.
func foldUK(w string) string {
	return strings.ReplaceAll(apostrophes.Replace(w), "ґ", "г")
}

// foldRU writes ё as е, as most Russian text does, and drops apostrophes.
func foldRU(w string) string {
	return strings.ReplaceAll(apostrophes.Replace(w), "ё", "е")
}

// stemRU is Snowball's Russian stemmer, as bleve's Russian analyzer uses it.
func stemRU(w string) string {
	env := snowballstem.NewEnv(w)
	russian.Stem(env)
	return env.Current()
}

// ruStopWords are bleve's (Lucene's, Snowball's) Russian stop words with
// the same changes as the English list: the negations stay, because the
// plan turns on them ("не вступит в НАТО"), and the words questions are
// wrapped in go.
var ruStopWords = func() map[string]bool {
	keep := map[string]bool{"не": true, "нет": true, "ни": true}
	m := map[string]bool{}
	for _, line := range bytes.Split(ru.RussianStopWords, []byte("\n")) {
		if i := bytes.IndexByte(line, '|'); i >= 0 {
			line = line[:i]
		}
		for _, w := range strings.Fields(string(line)) {
			if !keep[w] {
				m[foldRU(w)] = true
			}
		}
	}
	for _, w := range strings.Fields(`
		план плана плане планом планы планов планах сделка сделки сделке
		говорит говорится говорят сказано пишут значит вообще разве
		будет будут может могут можно ли ль какой какая какое какие каким
		какую каких каком что-то кто-то есть это этот эта эти этого этой
		этом этих этим этими этому эту также еще ещё пожалуйста правда действительно
		согласно якобы итак всем всеми всех всю всей весь вся снова опять
		сказал сказала сказали сколько стоит стоят стоить дела должна должен
		должно должны нужно придется придётся обязана обязан обязаны
		хочет хотят хочу хотел хотела хотели`) {
		m[foldRU(w)] = true
	}
	return m
}()

// ukStopWords are the Ukrainian function words, and the words questions
// are wrapped in, as for English. The negations не and ні stay.
var ukStopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		а або адже але б би бо був була були було бути в вам вас ви від від
		він вона вони воно все всі всього вже втім де для до же ж з за зі із
		і й його її їх їй їм й як яка яке які який якій якого якому якою якщо
		коли лише мене мені ми мій моя на нам нас над наш неї нею них ним
		ними ну о об от ось по під після поки при про саме себе собі та так
		також там твій те тебе ти то тобто той тому тут у усе усі хоч хоча
		хто це цей ці цього цьому ця ці цих цим цією через чи чий чим чого чому
		що щоб щодо як я є
		план плану плані планом плани планів планах
		каже кажуть говориться йдеться сказано пишуть означає взагалі
		буде будуть може можуть можна хіба справді насправді будь-ласка
		будь ласка згідно нібито отже усі усіх усім усіма всі всіх всім
		всіма весь увесь вся все усе всього усього всю усю знову знов
		сказав сказала сказали скільки коштує коштують коштуватиме справи
		щось хтось десь колись якось що-небудь має мають мав мала мали маємо
		треба потрібно доведеться повинна повинен повинні мусить мусять
		хоче хочуть хочу хотів хотіла хотіли`) {
		m[foldUK(w)] = true
	}
	return m
}()
