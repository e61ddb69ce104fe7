package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A question is answered only when a point accounts for a telling word of
// it: one that tells the clauses apart. Rarity among the points is most
// of that (see Index.telling), but two kinds of rare word never tell a
// clause on their own, however few points use them:
//
//   - the names of the parties and the people who speak for them: every
//     clause is about Ukraine, Russia, the US or Europe, so "Kyiv",
//     "Moscow", "Trump" or "Zelensky" say who, not which clause; and
//   - the words of everyday chat: greetings, thanks, time, the weather,
//     the server itself, and the verbs and adjectives any message uses.
//     A clause that happens to say "the rest of the money" or "comes with
//     conditions" is no answer to "how do I reset my password" or "when
//     is the next iPhone coming out".
//
// "War", "deal" and "plan" count with the names: every clause is
// about them; so does мир in Ukrainian and Russian (peace, and in Russian
// the world too: "заработают на этом мире" is about money, not the Peace
// Council). English "peace" still tells: "trump peace board" names the
// Board of Peace by it. A word spell-corrected from a short typed word (see
// minTellingTypo) is not telling either.
//
// Such words still count for ranking and coverage; they only cannot make
// an answer, in /ask and in Check alike. They are never spell-corrected
// either: "server" is not a typo of "sever".
var (
	partyNames = strings.Fields(`
		ukraine ukrainian ukrainians kyiv kiev russia russian russians moscow kremlin
		us usa america american americans washington europe european europeans
		britain uk france germany london paris berlin brussels
		trump putin zelensky zelenskyy zelenskiy biden vance witkoff rubio kushner
		dmitriev umerov yermak lavrov peskov macron starmer merz
		president minister chancellor pope king queen wife husband
		war deal plan
		україна україни україні україну українці український українська київ києва києві
		росія росії росію росіяни російський російська москва москви москві кремль
		сша америка американці американський вашингтон європа європейці європейський
		британія франція німеччина лондон париж берлін брюссель
		президент президента міністр канцлер війна війни війну мир миру мирі миром
		украина украины украине украину украинцы украинский украинская киев киева киеве
		россия россии россию россияне российский российская москва москвы москве кремль
		америка американцы американский вашингтон европа европейцы европейский
		британия франция германия лондон париж берлин брюссель
		президент президента министр канцлер война войны войну мир мира мире миром`)
	chatWords = strings.Fields(`
		hi hello hey hiya yo morning evening afternoon night bye goodbye
		thanks thank thx ty please pls welcome cheers sorry lol lmao haha ok okay
		yes yeah yep nope cool nice great good bad awesome wow guys folks friend friends
		everyone everybody anyone anybody someone somebody all
		today tomorrow yesterday tonight now week weekend month year time day hour
		minute soon later last next first ago recently
		see look watch play come go get make take say tell know think want need
		like love hate use find put post change reset help try call read show
		happen mean feel ask answer live win lose buy sell cook eat drink sleep
		start started drop dropped
		thing stuff way lot bit kind sort best better worse worst favourite favorite
		big small old new real true truth wild crazy funny weird place home rest
		result score match game team sport sports football soccer news video photo
		picture movie film music song singer piano tv meme memes joke
		price bitcoin crypto weather cold hot rain snow winter summer
		population person phone iphone computer internet app password server
		discord channel bot nickname emoji link message chat pizza coffee food
		cat dog car social right
		admin mod ban unban mute kick role
		champion champions league olympics medal gold golf tennis boxing
		star trailer series episode podcast homework maths math school birthday
		flight hotel ticket travel trip holiday
		привіт вітаю дякую будь ласка добраніч друзі усім всім справи гарного дня
		сьогодні завтра вчора учорашній тиждень вихідних вихідні зараз знову
		новий нова нове пост написав сказав подивитися купити коштує
		погода погоди квитки квиток потяг матч виграв рецепт борщ борщу кава кави
		кав'ярня котик кіт клавіатурі метро день народження народженням
		відкриється відкривається
		привет спасибо пожалуйста спокойной ночи друзья всем дела хорошего дня
		сегодня завтра вчера вчерашний неделя выходных выходные сейчас снова
		новый новая новое пост написал сказал посмотреть купить стоит
		погода погоды билеты билет поезд матч выиграл рецепт борщ борща кофе
		кафе кот котик клавиатуре метро мемы мем рождения рождением хорошо
		откроется открывается`)
)

// analysed returns the set of terms words analyse into, the form question
// terms take.
func (ix *Index) analysed(words []string) map[string]bool {
	set := map[string]bool{}
	for _, w := range words {
		for _, t := range ix.terms(w) {
			set[t] = true
		}
	}
	return set
}

// acronyms returns the terms of the words a question writes in capitals
// while the rest of it is not ("Is START part of the deal?"): they name
// something, here the New START treaty, and are not the chat word "start"
// of "when does the league start". A question typed all in capitals
// names nothing that way.
func (ix *Index) acronyms(q string) map[string]bool {
	upper := 0
	for _, r := range q {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	if upper < 3 { // most questions: no word in capitals, nothing to split
		return nil
	}
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var caps []string
	for _, w := range words {
		if utf8.RuneCountInString(w) >= 3 && !strings.ContainsFunc(w, unicode.IsLower) && strings.ContainsFunc(w, unicode.IsUpper) {
			caps = append(caps, w)
		}
	}
	if len(caps) == 0 || 2*len(caps) >= len(words) {
		return nil
	}
	return ix.analysed(caps)
}
