package bot

import "github.com/bwmarrin/discordgo"

// localized is a name and a description in one language. A message
// command has a name only.
type localized struct{ name, desc string }

// commandWords gives each command's name and description in Ukrainian and
// Russian, so that the slash-command picker of a member whose Discord is
// set to either language reads in it. Options are keyed "command/option".
// Names follow Discord's rules: lower case, no spaces, at most 32
// characters (the context-menu command's name is shown as is).
var commandWords = map[string]map[discordgo.Locale]localized{
	cmdAsk: {
		discordgo.Ukrainian: {"запитати", "Запитайте про мирний план США щодо України: пункти, що підходять, що пише преса, джерела"},
		discordgo.Russian:   {"спросить", "Спросите о мирном плане США для Украины: подходящие пункты, что пишет пресса, источники"},
	},
	cmdAsk + "/question": {
		discordgo.Ukrainian: {"питання", "Ваше питання, напр. Якою може бути армія України?"},
		discordgo.Russian:   {"вопрос", "Ваш вопрос, напр. Какой может быть армия Украины?"},
	},
	cmdAsk + "/private": {
		discordgo.Ukrainian: {"приватно", "Показати відповідь лише вам (з кнопкою, щоб опублікувати її)"},
		discordgo.Russian:   {"лично", "Показать ответ только вам (с кнопкой, чтобы опубликовать его)"},
	},
	cmdAsk + "/target": {
		discordgo.Ukrainian: {"кому", "Адресувати відповідь цьому учасникові; згадано буде лише його"},
		discordgo.Russian:   {"кому", "Адресовать ответ этому участнику; упомянут будет только он"},
	},
	cmdPoint: {
		discordgo.Ukrainian: {"пункт", "Показати пункт плану повністю, з тим, що про нього пишуть, і джерелами"},
		discordgo.Russian:   {"пункт", "Показать пункт плана полностью, с тем, что о нём пишут, и источниками"},
	},
	cmdPoint + "/number": {
		discordgo.Ukrainian: {"номер", "Номер пункту"},
		discordgo.Russian:   {"номер", "Номер пункта"},
	},
	cmdPoint + "/version": {
		discordgo.Ukrainian: {"версія", "Яка версія плану (типово: версія цього сервера, див. /settings)"},
		discordgo.Russian:   {"версия", "Какая версия плана (по умолчанию: версия этого сервера, см. /settings)"},
	},
	cmdCompare: {
		discordgo.Ukrainian: {"порівняти", "Що сталося з пунктом 28-пунктного проєкту в кожній пізнішій версії плану"},
		discordgo.Russian:   {"сравнить", "Что стало с пунктом 28-пунктного проекта в каждой более поздней версии плана"},
	},
	cmdCompare + "/point": {
		discordgo.Ukrainian: {"пункт", "Номер пункту в 28-пунктному проєкті"},
		discordgo.Russian:   {"пункт", "Номер пункта в 28-пунктном проекте"},
	},
	cmdSources: {
		discordgo.Ukrainian: {"джерела", "Документи, з яких відповідає planbot: версії, дати, видання та посилання"},
		discordgo.Russian:   {"источники", "Документы, из которых отвечает planbot: версии, даты, издания и ссылки"},
	},
	cmdSources + "/version": {
		discordgo.Ukrainian: {"версія", "Лише джерела цієї версії плану, з приміткою до неї"},
		discordgo.Russian:   {"версия", "Только источники этой версии плана, с примечанием к ней"},
	},
	cmdHelp: {
		discordgo.Ukrainian: {"довідка", "Що вміє planbot, з прикладами"},
		discordgo.Russian:   {"помощь", "Что умеет planbot, с примерами"},
	},
	cmdReindex: {
		discordgo.Ukrainian: {"переіндексувати", "Для адміністраторів: перечитати корпус і перебудувати індекс"},
		discordgo.Russian:   {"переиндексировать", "Для администраторов: перечитать корпус и перестроить индекс"},
	},
	cmdSettings: {
		discordgo.Ukrainian: {"налаштування", "Для адміністраторів: типова версія плану для /point на цьому сервері"},
		discordgo.Russian:   {"настройки", "Для администраторов: версия плана по умолчанию для /point на этом сервере"},
	},
	cmdSettings + "/version": {
		discordgo.Ukrainian: {"версія", "Версія, яку показує /point, коли жодну не названо (без неї: поточна)"},
		discordgo.Russian:   {"версия", "Версия, которую показывает /point, если никакая не названа (без неё: текущая)"},
	},
	checkName: {
		discordgo.Ukrainian: {"Перевірити за планом", ""},
		discordgo.Russian:   {"Проверить по плану", ""},
	},
}

// localize fills in the Ukrainian and Russian names and descriptions of
// cmds and their options from commandWords, and returns cmds.
func localize(cmds []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
	for _, c := range cmds {
		names, descs := localizations(c.Name)
		if len(names) > 0 {
			c.NameLocalizations = &names
		}
		if len(descs) > 0 {
			c.DescriptionLocalizations = &descs
		}
		for _, o := range c.Options {
			o.NameLocalizations, o.DescriptionLocalizations = localizations(c.Name + "/" + o.Name)
		}
	}
	return cmds
}

// localizations returns the names and descriptions commandWords has for
// key, nil when it has none.
func localizations(key string) (names, descs map[discordgo.Locale]string) {
	for loc, w := range commandWords[key] {
		if names == nil {
			names = map[discordgo.Locale]string{}
		}
		names[loc] = w.name
		if w.desc != "" {
			if descs == nil {
				descs = map[discordgo.Locale]string{}
			}
			descs[loc] = w.desc
		}
	}
	return names, descs
}
