package domain

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// The rest of a booking's life: reminders before a confirmed
// consultation, the lawyer's response time, and the visitor's verified
// review of a completed one.

// DefaultReminders are the offsets before the start at which both sides
// of a confirmed booking are reminded (REMINDERS).
var DefaultReminders = []time.Duration{24 * time.Hour, time.Hour}

// Reminder is one reminder of a confirmed booking, due Offset before its
// start: written to the outbox when the booking is confirmed (or moved
// while confirmed), held back until Due, and sent only while the booking
// is still confirmed with the same Sequence (neither cancelled nor moved
// meanwhile).
type Reminder struct {
	BookingID string
	Sequence  int
	Offset    time.Duration
	Due       time.Time
}

// RemindersFor are the reminders of booking b, confirmed at now with its
// start and sequence as they will be, at each offset: none for an offset
// whose time has already passed.
func RemindersFor(b Booking, offsets []time.Duration, now time.Time) []Reminder {
	var out []Reminder
	for _, off := range offsets {
		if due := b.Start.Add(-off); due.After(now) {
			out = append(out, Reminder{BookingID: b.ID, Sequence: b.Sequence, Offset: off, Due: due})
		}
	}
	return out
}

// StillDue reports whether a reminder written for sequence may be sent
// about booking b at now: b is confirmed, was not moved since, and has not
// begun.
func StillDue(b Booking, sequence int, now time.Time) bool {
	return b.Status == BookingConfirmed && b.Sequence == sequence && now.Before(b.Start)
}

// Response times: the minutes from a request (a booking, or the visitor's
// reschedule) to the lawyer's accept or decline, the last ResponsesKept
// of them, kept beside the lawyer's profile.
const (
	ResponsesKept = 50
	ResponsesMin  = 3
)

// Responses are a lawyer's last response times, oldest first; Count is
// how many were ever recorded (the writes condition on it).
type Responses struct {
	LawyerID string
	Minutes  []int
	Count    int
}

// With returns r with one more response of m minutes, keeping the last
// ResponsesKept.
func (r Responses) With(m int) Responses {
	out := Responses{LawyerID: r.LawyerID, Count: r.Count + 1, Minutes: append(slices.Clone(r.Minutes), max(m, 0))}
	if n := len(out.Minutes); n > ResponsesKept {
		out.Minutes = out.Minutes[n-ResponsesKept:]
	}
	return out
}

// Median is the median of the response times in whole minutes (the lower
// middle of an even count rounded up with the upper: (a+b+1)/2), nil with
// fewer than ResponsesMin.
func (r Responses) Median() *int {
	n := len(r.Minutes)
	if n < ResponsesMin {
		return nil
	}
	s := slices.Sorted(slices.Values(r.Minutes))
	m := s[n/2]
	if n%2 == 0 {
		m = (s[n/2-1] + s[n/2] + 1) / 2
	}
	return &m
}

// ResponseMinutes is how long the lawyer took to answer booking b at at.
func ResponseMinutes(b Booking, at time.Time) int {
	from := b.RequestedAt
	if from.IsZero() {
		from = b.CreatedAt
	}
	return int(at.Sub(from) / time.Minute)
}

// LawyerProfile is GET /lawyers/{id}: the public profile with the median
// response time (minutes; nil below ResponsesMin answers).
type LawyerProfile struct {
	PublicLawyer
	ResponseMinutesMedian *int `json:"responseMinutesMedian"`
}

// Review bounds.
const (
	ReviewMinStars    = 1
	ReviewMaxStars    = 5
	ReviewMaxTextRune = 1000
)

// ReviewInput is the body of POST /bookings/{id}/review.
type ReviewInput struct {
	Stars int    `json:"stars"`
	Text  string `json:"text"`
}

// Validate checks the stars (1-5) and trims the text (at most 1,000
// characters, optional).
func (in *ReviewInput) Validate() error {
	f := FieldErrors{}
	switch {
	case in.Stars == 0:
		f.Add("stars", CodeRequired, "is required: 1 to 5")
	case in.Stars < ReviewMinStars || in.Stars > ReviewMaxStars:
		f.Add("stars", CodeRange, "must be between 1 and 5")
	}
	text(&f, "text", &in.Text, 0, ReviewMaxTextRune, true)
	return f.Err()
}

// Review is a visitor's verified review of a completed consultation. Its
// text is redacted when written (Redact, with the visitor's name), and it
// keeps nothing of who wrote it: the booking only orders "once".
type Review struct {
	ID        string
	BookingID string
	LawyerID  string
	Area      string
	Stars     int
	Text      string
	CreatedAt time.Time
}

// ReviewView is a review as anyone reads it.
type ReviewView struct {
	Stars     int       `json:"stars"`
	Text      string    `json:"text"`
	Area      string    `json:"area"`
	CreatedAt time.Time `json:"createdAt"`
}

// View returns the public view of r.
func (r Review) View() ReviewView {
	return ReviewView{Stars: r.Stars, Text: r.Text, Area: r.Area, CreatedAt: r.CreatedAt}
}

// NewReview is a review as the store writes it, with the booking as read
// (it must still be completed and unreviewed) and the lawyer whose rating
// it counts in.
type NewReview struct {
	Review  Review
	Booking Booking
	Lawyer  Lawyer
}

// NewReviewOf is the review of completed booking b by its visitor whose
// name is name (redacted from the text), at now.
func NewReviewOf(b Booking, l Lawyer, in ReviewInput, name string, now time.Time) NewReview {
	txt := strings.TrimSpace(in.Text)
	if txt != "" {
		txt = Redact(txt, name)
	}
	if utf8.RuneCountInString(txt) > ReviewMaxTextRune {
		txt = string([]rune(txt)[:ReviewMaxTextRune])
	}
	return NewReview{
		Review:  Review{ID: NewID(), BookingID: b.ID, LawyerID: b.LawyerID, Area: b.Area, Stars: in.Stars, Text: txt, CreatedAt: now},
		Booking: b, Lawyer: l,
	}
}
