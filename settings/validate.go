package settings

import (
	"errors"
	"fmt"

	"github.com/planbot/planbot/internal/snowflake"
)

// ErrBadVersion is wrapped by the error for a version id that is not a corpus
// id: empty, longer than MaxVersionLen, or not made of a-z, 0-9 and '-'.
var ErrBadVersion = errors.New("malformed version id")

// ErrBadGuild is wrapped by the error for a guild id that is not a Discord
// snowflake: 1 to 20 decimal digits.
var ErrBadGuild = errors.New("malformed guild id")

// MaxVersionLen is the longest version id the store accepts.
const MaxVersionLen = 64

// maxGuildLen is the number of digits of the largest uint64.
const maxGuildLen = 20

// CheckVersion returns an error wrapping ErrBadVersion unless v is a
// well-formed version id (a corpus document id such as
// "plan-20-point-framework"). It does not check that the corpus has it.
func CheckVersion(v string) error {
	switch {
	case v == "":
		return fmt.Errorf("%w: empty (use a plan id from the corpus, such as plan-20-point-framework)", ErrBadVersion)
	case len(v) > MaxVersionLen:
		return fmt.Errorf("%w: %d bytes long, more than %d", ErrBadVersion, len(v), MaxVersionLen)
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return fmt.Errorf("%w: %q has %q at byte %d (use only a-z, 0-9 and -)", ErrBadVersion, v, c, i)
		}
	}
	return nil
}

// CheckGuild returns an error wrapping ErrBadGuild unless id is a Discord
// snowflake (internal/snowflake: 1 to 20 decimal digits within 64 bits).
func CheckGuild(id string) error {
	switch {
	case id == "":
		return fmt.Errorf("%w: empty (want a Discord server id, 1 to %d digits)", ErrBadGuild, maxGuildLen)
	case len(id) > maxGuildLen:
		return fmt.Errorf("%w: %d bytes long, more than %d digits", ErrBadGuild, len(id), maxGuildLen)
	case !snowflake.Valid(id):
		return fmt.Errorf("%w: %q (want the digits of a Discord id)", ErrBadGuild, id)
	}
	return nil
}
