package domain

import "time"

// Lead is a question as a firm's lead: booked with one of the firm's
// lawyers, or offered to by its staff from the unassigned pool.
type Lead struct {
	FirmID     string
	QuestionID string
	Area       string
	City       string
	// Status is the question's funnel state as the firm sees it, or
	// LeadOffered / LeadOfferDeclined while the lead is only an offer.
	Status     string
	LawyerID   string
	BookingID  string
	AssignedTo string
	// BookingConfirmed: the lead's booking with the firm's lawyer is
	// confirmed or completed.
	BookingConfirmed bool
	// Offer is the firm's offer, when its staff took the question from the
	// pool (nil otherwise).
	Offer *Offer
	// CountedSteps are the funnel steps the firm counted for the question.
	CountedSteps []string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// ContactAllowed reports whether the firm's people may see the visitor's
// contact on this lead: only when the visitor chose the firm — a booking
// with its lawyer that the lawyer accepted, or the firm's offer that the
// visitor accepted. Assigning a lead never grants it.
func (l Lead) ContactAllowed() bool {
	return l.BookingConfirmed || (l.Offer != nil && l.Offer.Status == OfferAccepted)
}

// Lead states besides the question's funnel states.
const (
	LeadOffered       = "offered"
	LeadOfferDeclined = "offer_declined"
)

// LeadStates are the states a lead may be filtered by.
var LeadStates = []string{QuestionSubmitted, QuestionMatched, QuestionBooked, QuestionConfirmed, QuestionCompleted, QuestionNoShow, LeadOffered, LeadOfferDeclined}

// Offer states: a firm offers; the visitor accepts or declines; an
// accepted offer declines the other firms' offers waiting beside it.
const (
	OfferWaiting  = "offered"
	OfferAccepted = "accepted"
	OfferDeclined = "declined"
)

// Offer is a firm's offer to follow up a question nobody booked: the
// visitor sees it and accepts or declines. Until the visitor accepts, the
// firm sees no contact.
type Offer struct {
	ID        string     `json:"id"`
	LawyerID  string     `json:"lawyerId"`
	Status    string     `json:"status"`
	CreatedAt time.Time  `json:"createdAt"`
	DecidedAt *time.Time `json:"decidedAt,omitempty"`
}

// Offer notifications (the outbox item's kind): the visitor hears of an
// offer; the offering lawyer of the visitor's answer.
const (
	NoticeOffer         = "offer"
	NoticeOfferAccepted = "offer_accepted"
	NoticeOfferDeclined = "offer_declined"
)

// OfferView is an offer as the visitor sees it, with the firm's public
// contact block and the lawyer's public card.
type OfferView struct {
	ID        string        `json:"id"`
	Firm      *FirmContact  `json:"firm,omitempty"`
	Lawyer    *PublicLawyer `json:"lawyer,omitempty"`
	CreatedAt time.Time     `json:"createdAt"`
	Status    string        `json:"status"`
	DecidedAt *time.Time    `json:"decidedAt,omitempty"`
}

// OfferAnswer is the visitor's answer to a firm's offer, as the store
// writes it: the offer's lead as read, accepted or declined, and, with an
// acceptance, the other firms' waiting offers it declines and the steps
// the firm's funnel counts now that the question is its lead.
type OfferAnswer struct {
	Question Question
	Lead     Lead
	Accept   bool
	Others   []Lead
	Funnel   Funnel
	At       time.Time
}

// LeadOf returns the question's lead at firm (as read with the question).
func (q Question) LeadOf(firm string) (Lead, bool) {
	for _, l := range q.Leads {
		if l.FirmID == firm {
			return l, true
		}
	}
	return Lead{}, false
}

// ReachedStep is the funnel step q has reached: matched once it was
// matched (or booked), submitted before.
func (q Question) ReachedStep() string {
	if q.Status == QuestionSubmitted {
		return StepSubmitted
	}
	return StepMatched
}
