// Package bot answers Discord interactions (slash commands, the "Check
// against the plan" message command, autocomplete and button presses) about
// the plan from an index it only knows through the small interfaces it
// declares. The Handler is transport-independent: Gateway receives
// interactions over a discordgo websocket session, HTTP over Discord's
// signed POST /interactions. It never imports cmd/.
package bot
