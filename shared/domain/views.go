package domain

import "time"

// SlotView is a slot as the API returns it: UTC times plus the start in
// the lawyer's zone, with its offset.
type SlotView struct {
	LawyerID   string    `json:"lawyerId"`
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
	Minutes    int       `json:"minutes"`
	StartLocal string    `json:"startLocal"`
	TimeZone   string    `json:"timeZone"`
	Status     string    `json:"status"`
}

// View returns the slot as seen in zone tz (an IANA name; the default zone
// if it does not load).
func (s Slot) View(tz string) SlotView {
	loc, err := LoadLocation(tz)
	if err != nil {
		tz, loc = DefaultTimeZone, time.FixedZone("CST", 8*3600)
	}
	return SlotView{
		LawyerID: s.LawyerID, Start: s.Start.UTC(), End: s.End().UTC(), Minutes: s.Minutes,
		StartLocal: s.Start.In(loc).Format(time.RFC3339), TimeZone: tz, Status: s.Status,
	}
}

// QuestionView is a question as the API returns it. The visitor's own
// data is present only in the visitor's view.
type QuestionView struct {
	ID             string      `json:"id"`
	Title          string      `json:"title"`
	Body           string      `json:"body,omitempty"`
	Area           string      `json:"area"`
	AreaSource     string      `json:"areaSource,omitempty"`
	AreaCandidates []AreaScore `json:"areaCandidates,omitempty"`
	City           string      `json:"city,omitempty"`
	Status         string      `json:"status"`
	Public         bool        `json:"public"`
	CreatedAt      time.Time   `json:"createdAt"`
	// AnswerCount is how many lawyers answered a public question.
	AnswerCount int        `json:"answerCount"`
	ErasedAt    *time.Time `json:"erasedAt,omitempty"`
	Name        string     `json:"name,omitempty"`
	Phone       string     `json:"phone,omitempty"`
	Email       string     `json:"email,omitempty"`
	// OpenBookingID is the question's pending or confirmed booking (the
	// visitor's view only).
	OpenBookingID string `json:"openBookingId,omitempty"`
	// Offers are the firms' offers to follow the question up (the
	// visitor's view only).
	Offers []OfferView `json:"offers,omitempty"`
}

// PublicView is what anyone may see of a public question: the title and
// body with personal data redacted.
func (q Question) PublicView() QuestionView {
	return QuestionView{
		ID: q.ID, Title: q.RedactedTitle(), Body: q.RedactedBody(), Area: q.Area, City: q.City, Status: q.Status,
		Public: q.Public, CreatedAt: q.CreatedAt, AnswerCount: q.AnswerCount,
	}
}

// ListView is a question in a public list: the redacted title, area,
// city, time.
func (q Question) ListView() QuestionView {
	return QuestionView{ID: q.ID, Title: q.RedactedTitle(), Area: q.Area, City: q.City, Status: q.Status, Public: q.Public,
		CreatedAt: q.CreatedAt, AnswerCount: q.AnswerCount}
}

// VisitorView is what the visitor who asked sees: everything they gave,
// as they wrote it.
func (q Question) VisitorView() QuestionView {
	v := q.PublicView()
	v.Title, v.Body = q.Title, q.Body
	v.AreaSource, v.AreaCandidates, v.ErasedAt = q.AreaSource, q.AreaCandidates, q.ErasedAt
	v.Name, v.Phone, v.Email = q.Name, q.Phone, q.Email
	v.OpenBookingID = q.OpenBooking
	return v
}
