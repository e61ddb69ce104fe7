// Package snowflake is planbot's one rule for Discord ids (snowflakes),
// shared by the configuration, the settings store and the bot. It imports
// nothing of planbot.
package snowflake

import "strconv"

// Valid reports whether s is a Discord id: decimal digits only (no sign,
// no spaces) of a value that fits in 64 bits, as Discord's ids do.
func Valid(s string) bool {
	if s == "" || len(s) > 20 || s[0] == '+' || s[0] == '-' {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}
