package domain

import (
	"fmt"
	"time"
)

// RateLimit is one fixed-window counter: at most Limit events per window
// for one subject. Subjects are hashed before they reach a key (see
// app.Service.subject), so no phone number or address is ever stored.
type RateLimit struct {
	// Key names the subject and the window; it is unique per window.
	Key   string
	Limit int
	Start time.Time
	End   time.Time
	// At is when the event counted happened.
	At time.Time
}

// NewRateLimit returns the counter of subject for the window holding now.
func NewRateLimit(subject string, limit int, window time.Duration, now time.Time) RateLimit {
	start := now.Truncate(window)
	return RateLimit{
		Key:   fmt.Sprintf("%s#%d", subject, start.Unix()),
		Limit: limit,
		Start: start,
		End:   start.Add(window),
		At:    now,
	}
}

// Exceeded returns the ERateLimited error for this window, telling the
// client when the window ends.
func (r RateLimit) Exceeded(now time.Time, what string) error {
	wait := r.End.Sub(now).Round(time.Second)
	if wait < time.Second {
		wait = time.Second
	}
	return &Error{Code: ERateLimited, Message: fmt.Sprintf("too many %s; try again in %s", what, wait), RetryAfter: wait}
}
