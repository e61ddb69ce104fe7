package fakediscord

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// fieldError is one entry of Discord's 50035 "Invalid Form Body" errors.
type fieldError struct {
	path          []string
	code, message string
}

func tooLong(path []string, max int) fieldError {
	return fieldError{path, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", max)}
}

func badLength(path []string, min, max int) fieldError {
	return fieldError{path, "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between %d and %d in length.", min, max)}
}

func required(path []string) fieldError {
	return fieldError{path, "BASE_TYPE_REQUIRED", "This field is required"}
}

// at returns path extended by elems, without aliasing path.
func at(path []string, elems ...any) []string {
	out := append([]string{}, path...)
	for _, e := range elems {
		out = append(out, fmt.Sprint(e))
	}
	return out
}

// errorTree nests errs the way Discord reports them:
// {"data": {"content": {"_errors": [{"code": ..., "message": ...}]}}}.
func errorTree(errs []fieldError) map[string]any {
	root := map[string]any{}
	for _, e := range errs {
		node := root
		for _, p := range e.path {
			child, ok := node[p].(map[string]any)
			if !ok {
				child = map[string]any{}
				node[p] = child
			}
			node = child
		}
		list, _ := node["_errors"].([]any)
		node["_errors"] = append(list, map[string]string{"code": e.code, "message": e.message})
	}
	return root
}

// Documented limits of message payloads.
const (
	maxContent        = 2000
	maxEmbeds         = 10
	maxEmbedTitle     = 256
	maxEmbedDesc      = 4096
	maxEmbedFields    = 25
	maxFieldName      = 256
	maxFieldValue     = 1024
	maxFooterText     = 2048
	maxAuthorName     = 256
	maxEmbedTotal     = 6000
	maxActionRows     = 5
	maxRowComponents  = 5
	maxCustomID       = 100
	maxButtonLabel    = 80
	maxChoices        = 25
	maxChoiceName     = 100
	maxChoiceValueLen = 100
	flagComponentsV2  = 1 << 15
)

type vEmbed struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Fields      []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"fields"`
	Footer *struct {
		Text string `json:"text"`
	} `json:"footer"`
	Author *struct {
		Name string `json:"name"`
	} `json:"author"`
}

type vComponent struct {
	Type       int          `json:"type"`
	Style      int          `json:"style"`
	CustomID   string       `json:"custom_id"`
	Label      string       `json:"label"`
	URL        string       `json:"url"`
	Components []vComponent `json:"components"`
}

type vMessage struct {
	Content    string       `json:"content"`
	Embeds     []vEmbed     `json:"embeds"`
	Components []vComponent `json:"components"`
	Flags      int          `json:"flags"`
	Choices    []struct {
		Name  string `json:"name"`
		Value any    `json:"value"`
	} `json:"choices"`
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// validateMessage checks a message-shaped JSON object against Discord's
// documented limits; errors are reported below path.
func validateMessage(raw json.RawMessage, path ...string) []fieldError {
	var m vMessage
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return []fieldError{{path, "MODEL_TYPE_CONVERT", "Could not interpret the body: " + err.Error()}}
	}
	var errs []fieldError
	if runes(m.Content) > maxContent {
		errs = append(errs, tooLong(at(path, "content"), maxContent))
	}
	errs = append(errs, validateEmbeds(m.Embeds, at(path, "embeds"))...)
	if m.Flags&flagComponentsV2 == 0 {
		errs = append(errs, validateComponents(m.Components, at(path, "components"))...)
	}
	if len(m.Choices) > maxChoices {
		errs = append(errs, tooLong(at(path, "choices"), maxChoices))
	}
	for i, c := range m.Choices {
		if n := runes(c.Name); n < 1 || n > maxChoiceName {
			errs = append(errs, badLength(at(path, "choices", i, "name"), 1, maxChoiceName))
		}
		if s, ok := c.Value.(string); ok && runes(s) > maxChoiceValueLen {
			errs = append(errs, tooLong(at(path, "choices", i, "value"), maxChoiceValueLen))
		}
	}
	return errs
}

func validateEmbeds(embeds []vEmbed, path []string) []fieldError {
	var errs []fieldError
	if len(embeds) > maxEmbeds {
		errs = append(errs, tooLong(path, maxEmbeds))
	}
	total := 0
	check := func(s string, max int, p []string) {
		n := runes(s)
		total += n
		if n > max {
			errs = append(errs, tooLong(p, max))
		}
	}
	for i, e := range embeds {
		check(e.Title, maxEmbedTitle, at(path, i, "title"))
		check(e.Description, maxEmbedDesc, at(path, i, "description"))
		if len(e.Fields) > maxEmbedFields {
			errs = append(errs, tooLong(at(path, i, "fields"), maxEmbedFields))
		}
		for j, fl := range e.Fields {
			if fl.Name == "" {
				errs = append(errs, required(at(path, i, "fields", j, "name")))
			}
			if fl.Value == "" {
				errs = append(errs, required(at(path, i, "fields", j, "value")))
			}
			check(fl.Name, maxFieldName, at(path, i, "fields", j, "name"))
			check(fl.Value, maxFieldValue, at(path, i, "fields", j, "value"))
		}
		if e.Footer != nil {
			check(e.Footer.Text, maxFooterText, at(path, i, "footer", "text"))
		}
		if e.Author != nil {
			check(e.Author.Name, maxAuthorName, at(path, i, "author", "name"))
		}
	}
	if total > maxEmbedTotal {
		errs = append(errs, fieldError{path, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000"})
	}
	return errs
}

// validateComponents checks classic (non components-v2) action rows.
func validateComponents(rows []vComponent, path []string) []fieldError {
	var errs []fieldError
	if len(rows) > maxActionRows {
		errs = append(errs, tooLong(path, maxActionRows))
	}
	seen := map[string]bool{}
	for i, row := range rows {
		if row.Type != int(discordgo.ActionsRowComponent) {
			errs = append(errs, fieldError{at(path, i, "type"), "UNION_TYPE_CHOICES", "Top-level components must be action rows (type 1) unless the IS_COMPONENTS_V2 flag is set."})
			continue
		}
		if len(row.Components) > maxRowComponents {
			errs = append(errs, tooLong(at(path, i, "components"), maxRowComponents))
		}
		for j, c := range row.Components {
			p := at(path, i, "components", j)
			if c.Type == int(discordgo.ButtonComponent) && c.Style == int(discordgo.LinkButton) {
				if c.URL == "" {
					errs = append(errs, required(at(p, "url")))
				}
			} else if c.Type != int(discordgo.TextInputComponent) {
				if n := runes(c.CustomID); n < 1 || n > maxCustomID {
					errs = append(errs, badLength(at(p, "custom_id"), 1, maxCustomID))
				}
				if seen[c.CustomID] {
					errs = append(errs, fieldError{at(p, "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated"})
				}
				seen[c.CustomID] = true
			}
			if c.Type == int(discordgo.ButtonComponent) && runes(c.Label) > maxButtonLabel {
				errs = append(errs, tooLong(at(p, "label"), maxButtonLabel))
			}
		}
	}
	return errs
}

// Documented limits of application commands.
const (
	maxChatCommands   = 100
	maxCommandOptions = 25
	maxDescription    = 100
)

var commandName = regexp.MustCompile(`^[-_\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// validateCommands checks a bulk overwrite against Discord's rules for
// names, descriptions, options and choices.
func validateCommands(cmds []*discordgo.ApplicationCommand) []fieldError {
	var errs []fieldError
	chat := 0
	names := map[string]bool{}
	for i, c := range cmds {
		p := []string{strconv.Itoa(i)}
		typ := c.Type
		if typ == 0 {
			typ = discordgo.ChatApplicationCommand
		}
		key := fmt.Sprint(typ, "/", c.Name)
		if names[key] {
			errs = append(errs, fieldError{at(p, "name"), "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique"})
		}
		names[key] = true
		var names map[discordgo.Locale]string
		if c.NameLocalizations != nil {
			names = *c.NameLocalizations
		}
		if typ != discordgo.ChatApplicationCommand {
			if n := runes(c.Name); n < 1 || n > 32 {
				errs = append(errs, badLength(at(p, "name"), 1, 32))
			}
			for loc, name := range names {
				errs = append(errs, validateLocale(loc, at(p, "name_localizations"))...)
				if n := runes(name); n < 1 || n > 32 {
					errs = append(errs, badLength(at(p, "name_localizations", string(loc)), 1, 32))
				}
			}
			continue
		}
		chat++
		errs = append(errs, validateName(c.Name, at(p, "name"))...)
		if n := runes(c.Description); n < 1 || n > maxDescription {
			errs = append(errs, badLength(at(p, "description"), 1, maxDescription))
		}
		var descs map[discordgo.Locale]string
		if c.DescriptionLocalizations != nil {
			descs = *c.DescriptionLocalizations
		}
		errs = append(errs, validateLocalizations(names, descs, p)...)
		errs = append(errs, validateOptions(c.Options, at(p, "options"))...)
	}
	if chat > maxChatCommands {
		errs = append(errs, fieldError{nil, "APPLICATION_COMMANDS_TOO_MANY", fmt.Sprintf("Maximum number of application commands reached (%d)", maxChatCommands)})
	}
	return errs
}

func validateName(name string, path []string) []fieldError {
	if !commandName.MatchString(name) || strings.ToLower(name) != name {
		return []fieldError{{path, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"}}
	}
	return nil
}

func validateOptions(opts []*discordgo.ApplicationCommandOption, path []string) []fieldError {
	var errs []fieldError
	if len(opts) > maxCommandOptions {
		errs = append(errs, tooLong(path, maxCommandOptions))
	}
	optional := false
	names := map[string]bool{}
	for i, o := range opts {
		p := at(path, i)
		errs = append(errs, validateName(o.Name, at(p, "name"))...)
		if names[o.Name] {
			errs = append(errs, fieldError{at(p, "name"), "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Option names must be unique"})
		}
		names[o.Name] = true
		if n := runes(o.Description); n < 1 || n > maxDescription {
			errs = append(errs, badLength(at(p, "description"), 1, maxDescription))
		}
		errs = append(errs, validateLocalizations(o.NameLocalizations, o.DescriptionLocalizations, p)...)
		if o.Type == discordgo.ApplicationCommandOptionSubCommand || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup {
			errs = append(errs, validateOptions(o.Options, at(p, "options"))...)
			continue
		}
		if o.Required && optional {
			errs = append(errs, fieldError{at(p, "required"), "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options"})
		}
		optional = optional || !o.Required
		if len(o.Choices) > maxChoices {
			errs = append(errs, tooLong(at(p, "choices"), maxChoices))
		}
		if len(o.Choices) > 0 && o.Autocomplete {
			errs = append(errs, fieldError{at(p, "autocomplete"), "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID", "Autocomplete and choices are mutually exclusive"})
		}
		for j, ch := range o.Choices {
			if n := runes(ch.Name); n < 1 || n > maxChoiceName {
				errs = append(errs, badLength(at(p, "choices", j, "name"), 1, maxChoiceName))
			}
		}
	}
	return errs
}

// validateLocalizations checks a chat command's or option's
// name_localizations and description_localizations: known locales, names
// that follow the name rule, descriptions of 1 to 100 characters.
func validateLocalizations(names, descs map[discordgo.Locale]string, path []string) []fieldError {
	var errs []fieldError
	for loc, name := range names {
		errs = append(errs, validateLocale(loc, at(path, "name_localizations"))...)
		errs = append(errs, validateName(name, at(path, "name_localizations", string(loc)))...)
	}
	for loc, d := range descs {
		errs = append(errs, validateLocale(loc, at(path, "description_localizations"))...)
		if n := runes(d); n < 1 || n > maxDescription {
			errs = append(errs, badLength(at(path, "description_localizations", string(loc)), 1, maxDescription))
		}
	}
	return errs
}

// validateLocale refuses a locale Discord does not know, as Discord does.
func validateLocale(loc discordgo.Locale, path []string) []fieldError {
	if _, ok := discordgo.Locales[loc]; !ok {
		return []fieldError{{path, "LOCALE_INVALID", fmt.Sprintf("Invalid locale %q", string(loc))}}
	}
	return nil
}
