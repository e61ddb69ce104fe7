// Package bot answers Discord interactions (slash commands, the "Check
// against the plan" message command, autocomplete and button presses) about
// the plan from an index it only knows through the small interfaces it
// declares. Handlers are transport-independent; the gateway transport over a
// discordgo session lives in gateway.go. It never imports cmd/.
package bot
