package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// defaultEditRetries are the waits before each new attempt to edit a
// deferred reply, after a 5xx or a 404 (Discord may see the edit before
// the deferral it follows): about 7 s in all.
var defaultEditRetries = []time.Duration{250 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second}

// maxRetryAfter bounds the wait a 429 may ask for before one more try.
const maxRetryAfter = time.Minute

// editDeferred edits i's original response with edit. Discord's passing
// troubles are tried again, at most len(waits) times: a 5xx, or a 404
// (the edit overtook the deferral), after the next of waits; a 429 after
// its retry_after. It gives up, returning the last error, on any other
// error, when the retries are spent, or when the wait would outlast ctx;
// it never sleeps past ctx, which discordgo's own 429 handling would.
func editDeferred(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, edit *discordgo.WebhookEdit, waits []time.Duration) error {
	for attempt := 0; ; attempt++ {
		_, err := s.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx),
			discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(0))
		if err == nil {
			return nil
		}
		if attempt >= len(waits) {
			return fmt.Errorf("gave up after %d attempts: %w", attempt+1, err)
		}
		wait, ok := retryWait(err, waits[attempt])
		if !ok {
			return err
		}
		if dl, has := ctx.Deadline(); has && time.Until(dl) < wait {
			return fmt.Errorf("told by Discord to wait %s, past the reply's deadline: %w", wait, err)
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return err
		}
	}
}

// retryWait says whether an edit that failed with err is worth another
// try, and after how long: a 429's retry_after, else backoff for a 5xx or
// a 404.
func retryWait(err error, backoff time.Duration) (time.Duration, bool) {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		return min(max(rl.RetryAfter, 0), maxRetryAfter), true
	}
	// discordgo answers a 502 it does not retry itself with an untyped
	// error instead of a *RESTError.
	if strings.HasPrefix(err.Error(), "Exceeded Max retries HTTP 502") {
		return backoff, true
	}
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil {
		return 0, false
	}
	code := re.Response.StatusCode
	return backoff, code == http.StatusNotFound || code >= 500
}
