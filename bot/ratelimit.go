package bot

import (
	"sync"
	"time"
)

// rateLimiter allows each user a burst of answers per sliding window.
type rateLimiter struct {
	burst  int
	window time.Duration

	mu    sync.Mutex
	seen  map[string][]time.Time // recent answers per user, oldest first
	swept time.Time
}

func newRateLimiter(burst int, window time.Duration) *rateLimiter {
	return &rateLimiter{burst: burst, window: window, seen: map[string][]time.Time{}}
}

// allow records an answer for user at now and reports whether it is
// within the limit; if not, it returns how long until the next one is.
func (l *rateLimiter) allow(user string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > l.window {
		// forget users who have been quiet for a whole window, so the map
		// holds only the recently active
		for u, ts := range l.seen {
			if now.Sub(ts[len(ts)-1]) >= l.window {
				delete(l.seen, u)
			}
		}
		l.swept = now
	}
	ts := l.seen[user]
	for len(ts) > 0 && now.Sub(ts[0]) >= l.window {
		ts = ts[1:]
	}
	if len(ts) >= l.burst {
		l.seen[user] = ts
		return false, ts[0].Add(l.window).Sub(now)
	}
	l.seen[user] = append(ts, now)
	return true, 0
}
