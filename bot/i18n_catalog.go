package bot

// catalog holds the Ukrainian and Russian of the bot's own words, keyed by
// the English. Keep them short and natural; our Russian writes «в
// Украине», never «на Украине», ДНР or ЛНР. A plan version is named in
// quotes after "версія"/"версия" so that its name stays in the nominative
// whatever the sentence. TestCatalogComplete fails when a literal given to
// tr, trf or plural has no entry here.
var catalog = map[string]translation{
	// the versions of the default corpus (front matter version:)
	"28-point draft":            {"28-пунктний проєкт", "28-пунктный проект"},
	"European counter-proposal": {"Європейська контрпропозиція", "Европейское контрпредложение"},
	"20-point framework":        {"20-пунктний рамковий план", "20-пунктный рамочный план"},

	// nouns counted by plural: one|few|many
	"point":           {"пункт|пункти|пунктів", "пункт|пункта|пунктов"},
	"more passage":    {"уривок|уривки|уривків", "отрывок|отрывка|отрывков"},
	"document":        {"документ|документи|документів", "документ|документа|документов"},
	"plan point":      {"пункт плану|пункти плану|пунктів плану", "пункт плана|пункта плана|пунктов плана"},
	"article section": {"розділ статей|розділи статей|розділів статей", "раздел статей|раздела статей|разделов статей"},
	"plan version":    {"версія плану|версії плану|версій плану", "версия плана|версии плана|версий плана"},
	"section":         {"розділ|розділи|розділів", "раздел|раздела|разделов"},
	"source":          {"джерело|джерела|джерел", "источник|источника|источников"},
	"problem":         {"проблема|проблеми|проблем", "проблема|проблемы|проблем"},

	// what a version did with a draft point
	"original":                 {"оригінал", "оригинал"},
	"continued as %s":          {"продовжено як %s", "продолжен как %s"},
	"dropped":                  {"вилучено", "исключён"},
	"not in the reported text": {"немає в оприлюдненому тексті", "нет в опубликованном тексте"},
	" and ":                    {" і ", " и "},

	// /ask and Check against the plan
	askedLabel:                     {"*Питання:* ", "*Вопрос:* "},
	"Point %d%s, as you named it.": {"Пункт %d%s, як ви його назвали.", "Пункт %d%s, как вы его назвали."},
	"Point %d%s · %s":              {"Пункт %d%s · %s", "Пункт %d%s · %s"},
	" (draft point %d)":            {" (пункт %d проєкту)", " (пункт %d проекта)"},
	" (draft points %s)":           {" (пункти %s проєкту)", " (пункты %s проекта)"},
	" (new in this version)":       {" (новий у цій версії)", " (новый в этой версии)"},
	"§%d in full":                  {"§%d повністю", "§%d полностью"},
	"Compare versions":             {"Порівняти версії", "Сравнить версии"},
	"More reporting":               {"Більше з преси", "Больше из прессы"},
	"All sources":                  {"Усі джерела", "Все источники"},
	"About this version":           {"Про цю версію", "Об этой версии"},
	"Post in channel":              {"Опублікувати в каналі", "Опубликовать в канале"},
	"◀ previous":                   {"◀ назад", "◀ назад"},
	"next ▶":                       {"далі ▶", "далее ▶"},
	noMatchWords:                   {"Жоден пункт плану не підходить", "Ни один пункт плана не подходит"},
	". I answer questions about the clauses of the US peace plan for Ukraine and its later versions, e.g.\n": {
		". Я відповідаю на питання про пункти мирного плану США для України та його пізніших версій, наприклад:\n",
		". Я отвечаю на вопросы о пунктах мирного плана США для Украины и его более поздних версий, например:\n"},
	"More in %s.":                    {"Більше: %s.", "Подробнее: %s."},
	"How big can Ukraine's army be?": {"Якою може бути армія України?", "Какой может быть армия Украины?"},
	"What happens to Crimea?":        {"Що буде з Кримом?", "Что будет с Крымом?"},
	"point 21d":                      {"пункт 21г", "пункт 21г"},
	"No point of the plan matches this message: it concerns no clause of the plan or its later versions. Look a point up with %s, or see %s.": {
		"Жоден пункт плану не підходить до цього повідомлення: воно не стосується жодного пункту плану чи його пізніших версій. Знайдіть пункт через %s або див. %s.",
		"Ни один пункт плана не подходит к этому сообщению: оно не касается ни одного пункта плана или его более поздних версий. Найдите пункт через %s или см. %s."},
	"This message concerns this clause of the plan; compare what it says with the clause text.": {
		"Це повідомлення стосується цього пункту плану; порівняйте сказане з текстом пункту.",
		"Это сообщение касается этого пункта плана; сравните сказанное с текстом пункта."},
	"This message concerns these clauses of the plan; compare what it says with the clause text.": {
		"Це повідомлення стосується цих пунктів плану; порівняйте сказане з їхнім текстом.",
		"Это сообщение касается этих пунктов плана; сравните сказанное с их текстом."},
	"Hi! I answer questions about the US peace plan for Ukraine: try %s or see %s.": {
		"Привіт! Я відповідаю на питання про мирний план США для України: спробуйте %s або див. %s.",
		"Привет! Я отвечаю на вопросы о мирном плане США для Украины: попробуйте %s или см. %s."},
	"You're welcome! Ask me about any point of the peace plan with %s, or see %s.": {
		"Будь ласка! Питайте про будь-який пункт мирного плану через %s або див. %s.",
		"Пожалуйста! Спрашивайте о любом пункте мирного плана через %s или см. %s."},
	", I looked this up in the plan for you: no point of it matches.": {
		", я пошукав це в плані для вас: жоден пункт не підходить.",
		", я поискал это в плане для вас: ни один пункт не подходит."},
	" was sent nothing: no point of the plan matches.": {
		" нічого не надіслано: жоден пункт плану не підходить.",
		" ничего не отправлено: ни один пункт плана не подходит."},
	", here is what the plan says about this:": {", ось що про це каже план:", ", вот что об этом говорит план:"},

	// footers: in Ukrainian and Russian the clause texts are our translation
	"clause texts are summaries in our own words of the version as reported": {
		"тексти пунктів — наш переклад нашого стислого викладу версії за даними преси",
		"тексты пунктов — наш перевод нашего краткого изложения версии по данным прессы"},
	"Clause texts are summaries in our own words of each version of the plan as it was reported": {
		"Тексти пунктів — наш переклад нашого стислого викладу кожної версії плану за даними преси",
		"Тексты пунктов — наш перевод нашего краткого изложения каждой версии плана по данным прессы"},
	"clause texts: our translation of our summaries": {
		"тексти пунктів — наш переклад нашого стислого викладу",
		"тексты пунктов — наш перевод нашего краткого изложения"},
	"Default version here: ": {"Версія на цьому сервері: ", "Версия на этом сервере: "},
	" (no longer in the corpus; /point shows the default plan)": {
		" (її більше немає в корпусі; /пункт показує типовий план)",
		" (её больше нет в корпусе; /пункт показывает план по умолчанию)"},

	// /point, /compare, More reporting
	"In the %s":                         {"У версії «%s»", "В версии «%s»"},
	"Continues point %s.":               {"Продовжує пункт %s.", "Продолжает пункт %s."},
	"Continues points %s.":              {"Продовжує пункти %s.", "Продолжает пункты %s."},
	"What the reporting says":           {"Що пише преса", "Что пишет пресса"},
	"*…and %s: %s*":                     {"*…і ще %s: %s*", "*…и ещё %s: %s*"},
	"Point %d · %s: version by version": {"Пункт %d · %s: версія за версією", "Пункт %d · %s: версия за версией"},
	"What became of point %d of the *%s* in each version, oldest first. Clause texts are summaries: compare what they say, not their wording.": {
		"Що сталося з пунктом %d версії «%s» у кожній версії, від найранішої. Тексти пунктів — стислий виклад: порівнюйте зміст, а не формулювання.",
		"Что стало с пунктом %d версии «%s» в каждой версии, от самой ранней. Тексты пунктов — краткое изложение: сравнивайте смысл, а не формулировки."},
	"Point %d of the %s · %s":        {"Пункт %d, версія «%s» · %s", "Пункт %d, версия «%s» · %s"},
	"one version in full: %s":        {"одна версія повністю: %s", "одна версия полностью: %s"},
	"Sources: %s":                    {"Джерела: %s", "Источники: %s"},
	" *(continues draft points %s)*": {" *(продовжує пункти %s проєкту)*", " *(продолжает пункты %s проекта)*"},
	"Dropped: this version lists the point as removed.": {
		"Вилучено: ця версія позначає пункт як вилучений.",
		"Исключён: в этой версии пункт отмечен как исключённый."},
	"Not in the reported text: the sources of this version do not give this part of it, which does not mean it was removed.": {
		"Немає в оприлюдненому тексті: джерела цієї версії не наводять цієї частини, що не означає, що її вилучили.",
		"Нет в опубликованном тексте: источники этой версии не приводят эту часть, что не значит, что её исключили."},
	"There is no reporting on these points.": {"Про ці пункти преса нічого не пише.", "Об этих пунктах пресса ничего не пишет."},
	"*No reporting on this point.*":          {"*Про цей пункт преса нічого не пише.*", "*Об этом пункте пресса ничего не пишет.*"},
	"Passages from the articles planbot answers from; all of them: %s": {
		"Уривки зі статей, з яких відповідає planbot; усі статті: %s",
		"Отрывки из статей, по которым отвечает planbot; все статьи: %s"},

	// /sources
	"Sources":                        {"Джерела", "Источники"},
	"Note (in English, as written):": {"Примітка (англійською, як написано):", "Примечание (на английском, как написано):"},
	"Documents":                      {"Документи", "Документы"},
	"*Sources, continued.*":          {"*Джерела, продовження.*", "*Источники, продолжение.*"},
	"Page %d of %d of %s":            {"Сторінка %d з %d · %s", "Страница %d из %d · %s"},
	"Page 1 of %d of %s":             {"Сторінка 1 з %d · %s", "Страница 1 из %d · %s"},
	"◀ ▶ for the other documents":    {"◀ ▶ — інші документи", "◀ ▶ — другие документы"},
	"**Page %d** · %s — %s":          {"**Сторінка %d** · %s — %s", "**Страница %d** · %s — %s"},
	"Plan · %s":                      {"План · %s", "План · %s"},
	" (default for %s)":              {" (типова для %s)", " (по умолчанию для %s)"},
	"Article":                        {"Стаття", "Статья"},
	"planbot answers from %s: %s and %s. Each next page shows one document with its notes and every source; %s opens a plan version's. Admins change the documents by editing the corpus folder and running %s.": {
		"Джерела planbot — %s: %s і %s. На кожній наступній сторінці — один документ із примітками й усіма джерелами; %s відкриває сторінку версії плану. Адміністратори змінюють документи, редагуючи теку корпусу й запускаючи %s.",
		"Источники planbot — %s: %s и %s. На каждой следующей странице — один документ с примечаниями и всеми источниками; %s открывает страницу версии плана. Администраторы меняют документы, редактируя папку корпуса и запуская %s."},

	// /help
	"planbot: the US peace plan for Ukraine, clause by clause": {
		"planbot: мирний план США для України, пункт за пунктом",
		"planbot: мирный план США для Украины, пункт за пунктом"},
	"I answer questions about the US 28-point peace plan, its later versions and the reporting on them, with the exact clause, the version it comes from and where that was reported.": {
		"Я відповідаю на питання про мирний план США з 28 пунктів, його пізніші версії та публікації про них: з точним пунктом, версією, з якої він походить, і тим, де про це писали.",
		"Я отвечаю на вопросы о мирном плане США из 28 пунктов, его более поздних версиях и публикациях о них: с точным пунктом, версией, из которой он взят, и тем, где об этом писали."},
	"Ask in English, Ukrainian or Russian: I answer in the language of the question, the clauses in our own translation.": {
		"Питайте українською, російською чи англійською: я відповідаю мовою питання, пункти — у нашому перекладі.",
		"Спрашивайте на украинском, русском или английском: я отвечаю на языке вопроса, пункты — в нашем переводе."},
	"text":   {"текст", "текст"},
	"member": {"учасник", "участник"},
	"plan":   {"план", "план"},
	"The points that best answer a question, the sentence that matched, what the reporting says, and the sources. %s shows the answer only to you, with a button to post it in the channel; %s addresses it to a member, the only one it mentions. 👍 / 👎 under an answer tell the admins whether it helped (anonymously).": {
		"Пункти, що найкраще відповідають на питання, речення, яке збіглося, що пише преса, і джерела. %s показує відповідь лише вам, з кнопкою, щоб опублікувати її в каналі; %s адресує її учасникові — лише його вона й згадує. 👍 / 👎 під відповіддю анонімно кажуть адміністраторам, чи вона допомогла.",
		"Пункты, которые лучше всего отвечают на вопрос, совпавшее предложение, что пишет пресса, и источники. %s показывает ответ только вам, с кнопкой, чтобы опубликовать его в канале; %s адресует его участнику — только его он и упоминает. 👍 / 👎 под ответом анонимно сообщают администраторам, помог ли он."},
	"Up to three points that answer a question: the clause (of this server's version, else the one you name, else the draft), what the other versions do with it and a passage of reporting; buttons open the clause in full, the versions compared, more reporting and the sources.": {
		"До трьох пунктів, що відповідають на питання: пункт (версії цього сервера, інакше названої вами, інакше проєкту), що з ним зробили інші версії, і уривок із преси; кнопки відкривають пункт повністю, порівняння версій, більше з преси та джерела.",
		"До трёх пунктов, которые отвечают на вопрос: пункт (версии этого сервера, иначе названной вами, иначе проекта), что с ним сделали другие версии, и отрывок из прессы; кнопки открывают пункт полностью, сравнение версий, больше из прессы и источники."},
	"%s shows the answer only to you, with a button to post it in the channel; %s addresses it to a member, the only one it mentions. 👍 / 👎 under an answer tell the admins whether it helped; who voted is neither stored nor logged.": {
		"%s показує відповідь лише вам, з кнопкою, щоб опублікувати її в каналі; %s адресує її учасникові — лише його вона й згадує. 👍 / 👎 під відповіддю кажуть адміністраторам, чи вона допомогла; хто голосував, не зберігається і не записується.",
		"%s показывает ответ только вам, с кнопкой, чтобы опубликовать его в канале; %s адресует его участнику — только его он и упоминает. 👍 / 👎 под ответом сообщают администраторам, помог ли он; кто голосовал, не хранится и не записывается."},
	"Right-click (or long-press) a message, *Apps*, *%s*: the clauses of the plan the message concerns, with what the other versions do with them and the reporting, shown only to you with a button to post it; or that it concerns no clause.": {
		"Клацніть правою кнопкою (або утримуйте) повідомлення, *Застосунки*, *%s*: пункти плану, яких стосується повідомлення, з тим, що з ними зробили інші версії, і пресою — лише для вас, з кнопкою, щоб опублікувати; або що воно не стосується жодного пункту.",
		"Нажмите правой кнопкой (или удерживайте) сообщение, *Приложения*, *%s*: пункты плана, которых касается сообщение, с тем, что с ними сделали другие версии, и прессой — только для вас, с кнопкой, чтобы опубликовать; или что оно не касается ни одного пункта."},
	"One point in full with its sub-points and the reporting on it; ◀ previous / next ▶ move through the plan, *About this version* shows the version's notes and sources.": {
		"Один пункт повністю, з підпунктами та тим, що про нього пише преса; ◀ назад / далі ▶ гортають план, *Про цю версію* показує примітки й джерела версії.",
		"Один пункт полностью, с подпунктами и тем, что о нём пишет пресса; ◀ назад / далее ▶ листают план, *Об этой версии* показывает примечания и источники версии."},
	"What became of a point of the draft in each version of the plan, oldest first: the clauses that continue it, or that it was dropped, or that it is not in the reported text of that version; then the reporting on it.": {
		"Що сталося з пунктом проєкту в кожній версії плану, від найранішої: пункти, що його продовжують, або що його вилучено, або що його немає в оприлюдненому тексті цієї версії; далі — що про нього пише преса.",
		"Что стало с пунктом проекта в каждой версии плана, от самой ранней: пункты, которые его продолжают, или что он исключён, или что его нет в опубликованном тексте этой версии; затем — что о нём пишет пресса."},
	"The documents I answer from; ◀ previous / next ▶ page through each one's notes and every source, %s opens a plan version's.": {
		"Документи, з яких я відповідаю; ◀ назад / далі ▶ гортають примітки кожного й усі джерела, %s відкриває сторінку версії плану.",
		"Документы, по которым я отвечаю; ◀ назад / далее ▶ листают примечания каждого и все источники, %s открывает страницу версии плана."},
	"Examples:": {"Приклади:", "Примеры:"},
	"Example:":  {"Приклад:", "Пример:"},
	"Apps":      {"Застосунки", "Приложения"},
	"Right-click (or long-press) a message, *Apps*, *%s*: the clauses of the plan the message concerns, with their text, what the other versions say and the sources, shown only to you with a button to post it; or that it concerns no clause.": {
		"Клацніть правою кнопкою (або утримуйте) повідомлення, *Застосунки*, *%s*: пункти плану, яких стосується повідомлення, з їхнім текстом, тим, що кажуть інші версії, і джерелами — лише для вас, з кнопкою, щоб опублікувати; або що воно не стосується жодного пункту.",
		"Нажмите правой кнопкой (или удерживайте) сообщение, *Приложения*, *%s*: пункты плана, которых касается сообщение, с их текстом, тем, что говорят другие версии, и источниками — только для вас, с кнопкой, чтобы опубликовать; или что оно не касается ни одного пункта."},
	"One point in full with its sub-points, the commentary on it and its sources; ◀ previous / next ▶ move through the plan.": {
		"Один пункт повністю, з підпунктами, коментарями та джерелами; ◀ назад / далі ▶ гортають план.",
		"Один пункт полностью, с подпунктами, комментариями и источниками; ◀ назад / далее ▶ листают план."},
	"Numbers: %s.":        {"Номери: %s.", "Номера: %s."},
	"the plan's points":   {"пункти плану", "пункты плана"},
	"points %s of the %s": {"пункти %s версії «%s»", "пункты %s версии «%s»"},
	"Versions: %s; without one, the server's default version (%s).": {
		"Версії: %s; без неї — типова версія сервера (%s).",
		"Версии: %s; без неё — версия сервера по умолчанию (%s)."},
	"What became of a point of the draft in each version of the plan, oldest first: the clauses that continue it, or that it was dropped, or that it is not in the reported text of that version; then the reporting on it and each version's sources.": {
		"Що сталося з пунктом проєкту в кожній версії плану, від найранішої: пункти, що його продовжують, або що його вилучено, або що його немає в оприлюдненому тексті цієї версії; далі — що пише преса, і джерела кожної версії.",
		"Что стало с пунктом проекта в каждой версии плана, от самой ранней: пункты, которые его продолжают, или что он исключён, или что его нет в опубликованном тексте этой версии; затем — что пишет пресса, и источники каждой версии."},
	"The documents I answer from: versions, dates, publishers and links.": {
		"Документи, з яких я відповідаю: версії, дати, видання й посилання.",
		"Документы, по которым я отвечаю: версии, даты, издания и ссылки."},
	"Admins only: reload the corpus folder after editing it. Nothing changes if it has errors; the reply lists them with file and line.": {
		"Лише для адміністраторів: перечитати теку корпусу після змін. Якщо в ній є помилки, нічого не зміниться; відповідь перелічить їх із файлом і рядком.",
		"Только для администраторов: перечитать папку корпуса после правки. Если в ней есть ошибки, ничего не изменится; ответ перечислит их с файлом и строкой."},
	"Admins only: the version %s shows in this server when none is named, and whose clause heads each point of an answer. Every answer here names it in its footer.": {
		"Лише для адміністраторів: версія, яку показує %s на цьому сервері, коли жодну не названо, і чий текст відкриває кожен пункт відповіді. Кожна відповідь тут називає її внизу.",
		"Только для администраторов: версия, которую показывает %s на этом сервере, если никакая не названа, и чей текст открывает каждый пункт ответа. Каждый ответ здесь называет её внизу."},
	"The plan was never officially published: clause texts are summaries of each version as reprinted by news outlets.": {
		"План так і не оприлюднили офіційно: тексти пунктів — стислий виклад кожної версії, як її передрукували ЗМІ, у нашому перекладі.",
		"План так и не был официально опубликован: тексты пунктов — краткое изложение каждой версии, как её перепечатали СМИ, в нашем переводе."},

	// votes, /settings and /reindex
	"Votes are not being recorded on this planbot any more. Thanks all the same!": {
		"На цьому planbot голоси більше не записуються. Однаково дякуємо!",
		"На этом planbot голоса больше не записываются. Всё равно спасибо!"},
	"I can't tell which answer that vote is for; please vote on a new answer.": {
		"Не можу визначити, до якої відповіді цей голос; проголосуйте під новою відповіддю.",
		"Не могу понять, к какому ответу этот голос; проголосуйте под новым ответом."},
	"Sorry, I couldn't record your vote just now; please try again in a moment.": {
		"Вибачте, зараз не вдалося записати ваш голос; спробуйте ще раз за мить.",
		"Извините, сейчас не удалось записать ваш голос; попробуйте ещё раз через минуту."},
	"Thanks — recorded %s": {"Дякую — записано %s", "Спасибо — записано %s"},
	"Changed to %s":        {"Змінено на %s", "Изменено на %s"},
	"Already counted":      {"Уже враховано", "Уже учтено"},
	"Server settings are not available on this planbot.": {
		"Налаштування сервера на цьому planbot недоступні.",
		"Настройки сервера на этом planbot недоступны."},
	"%s works in a server, not in direct messages.": {
		"%s працює на сервері, а не в особистих повідомленнях.",
		"%s работает на сервере, а не в личных сообщениях."},
	"Only server admins (Manage Server) can change %s.": {
		"Лише адміністратори сервера (Керувати сервером) можуть змінювати %s.",
		"Только администраторы сервера (Управлять сервером) могут менять %s."},
	"Only server admins (Manage Server) can run %s.": {
		"Лише адміністратори сервера (Керувати сервером) можуть запускати %s.",
		"Только администраторы сервера (Управлять сервером) могут запускать %s."},
	"Reindexing is not available on this planbot.": {
		"Переіндексація на цьому planbot недоступна.",
		"Переиндексация на этом planbot недоступна."},
	"Default version here: not set: %s shows the %s. Change it with %s.": {
		"Типову версію тут не задано: %s показує версію %s. Змініть її через %s.",
		"Версия по умолчанию здесь не задана: %s показывает версию %s. Измените её через %s."},
	"Default version here: the %s. Change it with %s.": {
		"Версія на цьому сервері: %s. Змініть її через %s.",
		"Версия на этом сервере: %s. Измените её через %s."},
	"Default version here: %s, which is no longer in the corpus: %s shows the %s. Change it with %s.": {
		"Версія на цьому сервері: %s, якої більше немає в корпусі: %s показує версію %s. Змініть її через %s.",
		"Версия на этом сервере: %s, которой больше нет в корпусе: %s показывает версию %s. Измените её через %s."},
	"Done: %s without a version now shows the %s in this server, and every answer here names it in its footer.": {
		"Готово: %s без версії тепер показує на цьому сервері версію %s, і кожна відповідь тут називає її внизу.",
		"Готово: %s без версии теперь показывает на этом сервере версию %s, и каждый ответ здесь называет её внизу."},
	"default plan": {"типовий план", "план по умолчанию"},

	// errors and notices
	restarting: {"planbot перезапускається; спробуйте ще раз за мить.", "planbot перезапускается; попробуйте ещё раз через минуту."},
	"Ask me something about the plan, e.g. %s": {"Запитайте мене про план, наприклад: %s", "Спросите меня о плане, например: %s"},
	"I can only address an answer to a member of this server; pick one in %s.": {
		"Я можу адресувати відповідь лише учасникові цього сервера; виберіть його в %s.",
		"Я могу адресовать ответ только участнику этого сервера; выберите его в %s."},
	"Try %s.":                             {"Спробуйте %s.", "Попробуйте %s."},
	"There is no such point in the plan.": {"У плані немає такого пункту.", "В плане нет такого пункта."},
	"That took me too long to look up. Please try again, perhaps with fewer words.": {
		"Пошук тривав задовго. Спробуйте ще раз, можливо, коротше.",
		"Поиск занял слишком много времени. Попробуйте ещё раз, возможно, короче."},
	"Sorry, something went wrong on my side while answering that. It has been logged; please try again in a moment.": {
		"Вибачте, у мене щось пішло не так під час відповіді. Це записано в журнал; спробуйте ще раз за мить.",
		"Извините, у меня что-то пошло не так при ответе. Это записано в журнал; попробуйте ещё раз через минуту."},
	"Reporting up to %s": {"Публікації до %s", "Публикации до %s"},
	"You asked about the present: the newest reporting comes first. It ends on %s; later events are not covered.": {
		"Ви питаєте про теперішнє: найновіші публікації йдуть першими. Вони закінчуються %s; пізніших подій тут немає.",
		"Вы спрашиваете о настоящем: самые новые публикации идут первыми. Они заканчиваются %s; более поздних событий здесь нет."},
	"replica":         {"репліка|репліки|реплік", "реплика|реплики|реплик"},
	"Read on the web": {"Читати на сайті", "Читать на сайте"},
	"The settings are unavailable right now, so the default version was not changed; answers go on as before. Please try again in a few minutes.": {
		"Налаштування зараз недоступні, тож типову версію не змінено; відповіді працюють як і раніше. Спробуйте ще раз за кілька хвилин.",
		"Настройки сейчас недоступны, поэтому версия по умолчанию не изменена; ответы работают как прежде. Попробуйте ещё раз через несколько минут."},
	"I don't know that command any more; try %s.": {"Я більше не знаю цієї команди; спробуйте %s.", "Я больше не знаю этой команды; попробуйте %s."},
	"I can't handle that kind of interaction.":    {"Я не вмію обробляти такий запит.", "Я не умею обрабатывать такой запрос."},
	"Easy there: I give each person %d answers every %s, so nobody floods the channel. Try again in %d s.": {
		"Не так швидко: кожен отримує до %d відповідей за %s, щоб ніхто не засмічував канал. Спробуйте ще раз за %d с.",
		"Не так быстро: каждый получает до %d ответов за %s, чтобы никто не засорял канал. Попробуйте ещё раз через %d с."},
	"Give a point number, e.g. %s.":                     {"Вкажіть номер пункту, наприклад %s.", "Укажите номер пункта, например %s."},
	"Give the number of a point of the draft, e.g. %s.": {"Вкажіть номер пункту проєкту, наприклад %s.", "Укажите номер пункта проекта, например %s."},
	"%s takes the number of a point of the draft.":      {"%s приймає номер пункту проєкту.", "%s принимает номер пункта проекта."},
	"There is no draft plan to compare with.":           {"Немає проєкту плану, з яким можна порівняти.", "Нет проекта плана для сравнения."},
	"There is no draft plan to find reporting on.":      {"Немає проєкту плану, про який шукати публікації.", "Нет проекта плана, по которому искать публикации."},
	"There is no plan version “%s”. Versions: %s.":      {"Версії плану «%s» немає. Версії: %s.", "Версии плана «%s» нет. Версии: %s."},
	"There is no document or plan version “%s”. Versions: %s.": {
		"Документа чи версії плану «%s» немає. Версії: %s.",
		"Документа или версии плана «%s» нет. Версии: %s."},
	"There is no point %d in that plan.": {"У цьому плані немає пункту %d.", "В этом плане нет пункта %d."},
	"Every version of it: %s.":           {"Усі його версії: %s.", "Все его версии: %s."},
	"Point %d has no sub-point %s.":      {"Пункт %d не має підпункту %s.", "В пункте %d нет подпункта %s."},
	"There is no point %d in the %s: it has points %s": {
		"У версії «%[2]s» немає пункту %[1]d: у ній пункти %[3]s",
		"В версии «%[2]s» нет пункта %[1]d: в ней пункты %[3]s"},
	"; point %d of the %s continues there as %s": {"; пункт %d версії «%s» там продовжено як %s", "; пункт %d версии «%s» там продолжен как %s"},
	"; point %d of the %s was dropped from it":   {"; пункт %d версії «%s» з неї вилучено", "; пункт %d версии «%s» из неё исключён"},
	"; point %d of the %s is not in its reported text": {
		"; пункту %d версії «%s» немає в її оприлюдненому тексті",
		"; пункта %d версии «%s» нет в её опубликованном тексте"},
	"That button is from an older version of planbot; please run the command again.": {
		"Ця кнопка зі старішої версії planbot; запустіть команду ще раз.",
		"Эта кнопка из более старой версии planbot; запустите команду ещё раз."},
	"I can't see the answer to post any more; please ask again without %s.": {
		"Я більше не бачу відповіді, щоб її опублікувати; запитайте ще раз без %s.",
		"Я больше не вижу ответа, чтобы его опубликовать; спросите ещё раз без %s."},
	"That message has no text I can check against the plan.": {
		"У цьому повідомленні немає тексту, який я можу перевірити за планом.",
		"В этом сообщении нет текста, который я могу проверить по плану."},
}
