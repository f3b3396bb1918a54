package domain

import "time"

// Keys name the items a use case reads by key, all in one batch: the
// first of its reads, beside the queries it needs. Consistent asks for
// strongly consistent reads (what a write will condition on).
type Keys struct {
	Lawyers        []string
	LawyerContacts []string
	Firms          []string
	Questions      []string // the question and its visitor's data (no leads)
	// QuestionCards are questions without their visitors' data: what a
	// public list shows (Batch.Questions holds them).
	QuestionCards []string
	Bookings      []string
	// Responses are lawyers' last response times.
	Responses []string
	Slots     []SlotKey
	// Leads are questions' leads at firms.
	Leads []LeadKey
	// Helped ask whether questions counted lawyers as having helped.
	Helped []HelpedKey
	// Idempotency is the hashed scope and key of a request ("" for none).
	Idempotency string
	Consistent  bool
	// At is the time the read is for: personal data and idempotency
	// records past their expiry at At count as gone.
	At time.Time
}

// LeadKey names a question's lead at a firm.
type LeadKey struct {
	QuestionID string
	FirmID     string
}

// HelpedKey names a question's count of a lawyer as having helped.
type HelpedKey struct {
	QuestionID string
	LawyerID   string
}

// SlotKey names one of a lawyer's slots.
type SlotKey struct {
	LawyerID string
	Start    time.Time
}

// Batch is what a Keys read found. An item that does not exist is absent
// from its map; expired personal data is left out of its question.
type Batch struct {
	Lawyers        map[string]Lawyer
	LawyerContacts map[string]Contact
	Firms          map[string]Firm
	Questions      map[string]Question
	Bookings       map[string]Booking
	Slots          []Slot
	Leads          map[LeadKey]Lead
	// Helped holds the HelpedKeys read that exist.
	Helped map[HelpedKey]bool
	// Responses are the lawyers' response times read (absent: none yet).
	Responses   map[string]Responses
	Idempotency *IdempotencyRecord
}

// Slot returns the slot of lawyerID at start, if it was read and exists.
func (b Batch) Slot(lawyerID string, start time.Time) (Slot, bool) {
	for _, s := range b.Slots {
		if s.LawyerID == lawyerID && s.Start.Equal(start) {
			return s, true
		}
	}
	return Slot{}, false
}

// IdempotencyRecord is which booking a request with an Idempotency-Key
// created, and the hash of that request's body.
type IdempotencyRecord struct {
	BookingID   string
	RequestHash string
}
