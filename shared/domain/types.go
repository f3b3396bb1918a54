package domain

import (
	"slices"
	"time"
)

// Firm is a law firm. Its contact block (name, phone, website, city, slogan)
// is public: it is shown with every lawyer and answer.
type Firm struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Phone     string    `json:"phone"`
	Website   string    `json:"website,omitempty"`
	City      string    `json:"city"`
	Slogan    string    `json:"slogan,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
}

// FirmContact is the public contact block of a firm.
type FirmContact struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Phone   string `json:"phone"`
	Website string `json:"website,omitempty"`
	City    string `json:"city"`
	Slogan  string `json:"slogan,omitempty"`
}

// Contact returns the firm's public contact block.
func (f Firm) Contact() FirmContact {
	return FirmContact{ID: f.ID, Name: f.Name, Phone: f.Phone, Website: f.Website, City: f.City, Slogan: f.Slogan}
}

// Lawyer is a practising lawyer of a firm: the profile. The lawyer's
// direct contact is kept apart (a Contact, see NewLawyer) and never
// appears in a profile or a public view.
type Lawyer struct {
	ID          string   `json:"id"`
	FirmID      string   `json:"firmId"`
	Name        string   `json:"name"`
	Areas       []string `json:"areas"`
	City        string   `json:"city"`
	Languages   []string `json:"languages"`
	Bio         string   `json:"bio,omitempty"`
	LicenseNo   string   `json:"licenseNo"`
	TimeZone    string   `json:"timeZone"`
	HelpedCount int      `json:"helpedCount"`
	// AnswerCount is how many public answers the lawyer has written (and
	// not removed).
	AnswerCount int `json:"answerCount"`
	// RatingSum and RatingCount are the stars and the number of the
	// reviews of the lawyer's completed consultations (see Rating).
	RatingSum   int       `json:"-"`
	RatingCount int       `json:"-"`
	Active      bool      `json:"active"`
	CreatedAt   time.Time `json:"createdAt"`
	// NextOpenSlot is the lawyer's soonest open slot, kept current by the
	// writes that open, hold or free slots (nil: none).
	NextOpenSlot *Slot `json:"-"`
	// SlotsVersion orders the writes to the lawyer's calendar and its
	// next open slot: a write conditions on the version it read.
	SlotsVersion int `json:"-"`
}

// NewLawyer is a lawyer as its creator sees it: the profile and the
// direct contact.
type NewLawyer struct {
	Lawyer
	Phone string `json:"phone"`
	Email string `json:"email,omitempty"`
}

// PublicLawyer is what anyone may see of a lawyer: no direct phone or e-mail.
type PublicLawyer struct {
	ID          string       `json:"id"`
	FirmID      string       `json:"firmId"`
	Name        string       `json:"name"`
	Areas       []string     `json:"areas"`
	City        string       `json:"city"`
	Languages   []string     `json:"languages"`
	Bio         string       `json:"bio,omitempty"`
	LicenseNo   string       `json:"licenseNo"`
	TimeZone    string       `json:"timeZone"`
	HelpedCount int          `json:"helpedCount"`
	AnswerCount int          `json:"answerCount"`
	Rating      Rating       `json:"rating"`
	Firm        *FirmContact `json:"firm,omitempty"`
	// NextOpenSlot is the soonest open slot, when there is one.
	NextOpenSlot *SlotView `json:"nextOpenSlot,omitempty"`
}

// Public returns the public view of l, with the firm's contact block when
// firm is not nil.
func (l Lawyer) Public(firm *FirmContact) PublicLawyer {
	return PublicLawyer{
		ID: l.ID, FirmID: l.FirmID, Name: l.Name, Areas: l.Areas, City: l.City,
		Languages: l.Languages, Bio: l.Bio, LicenseNo: l.LicenseNo, TimeZone: l.TimeZone,
		HelpedCount: l.HelpedCount, AnswerCount: l.AnswerCount, Rating: l.Rating(), Firm: firm, NextOpenSlot: l.nextOpenSlotView(),
	}
}

func (l Lawyer) nextOpenSlotView() *SlotView {
	if l.NextOpenSlot == nil {
		return nil
	}
	v := l.NextOpenSlot.View(l.TimeZone)
	return &v
}

// Practises reports whether l practises area.
func (l Lawyer) Practises(area string) bool { return slices.Contains(l.Areas, area) }

// Slot states. A slot is published open; a pending booking holds it; a
// confirmed booking books it; a decline, cancel or expiry opens it again.
const (
	SlotOpen   = "open"
	SlotHeld   = "held"
	SlotBooked = "booked"
)

// Slot is a period a lawyer offers for consultation. A slot is identified
// by its lawyer and its start (UTC, whole minutes).
type Slot struct {
	LawyerID string    `json:"lawyerId"`
	Start    time.Time `json:"start"`
	Minutes  int       `json:"minutes"`
	Status   string    `json:"status"`
	// BookingID and QuestionID name the booking that holds the slot.
	BookingID  string `json:"-"`
	QuestionID string `json:"-"`
}

// End returns when the slot ends.
func (s Slot) End() time.Time { return s.Start.Add(time.Duration(s.Minutes) * time.Minute) }

// Overlaps reports whether s and o share any instant.
func (s Slot) Overlaps(o Slot) bool {
	return s.Start.Before(o.End()) && o.Start.Before(s.End())
}

// Question states, in funnel order.
const (
	QuestionSubmitted = "submitted"
	QuestionMatched   = "matched"
	QuestionBooked    = "booked"
	QuestionConfirmed = "confirmed"
	QuestionCompleted = "completed"
	// QuestionNoShow: the visitor did not come to the confirmed
	// consultation; the question is free to book again.
	QuestionNoShow = "no_show"
)

// Area sources of a question.
const (
	AreaFromVisitor = "visitor"
	AreaInferred    = "inferred"
)

// AreaScore is one practice area with the router's confidence in it.
type AreaScore struct {
	Area  string  `json:"area"`
	Score float64 `json:"score"`
}

// Question is a visitor's legal question. The visitor's personal data
// (Name, Phone, Email) and Body are kept apart from the rest in the store
// so that they can be erased or expire on their own.
type Question struct {
	ID string `json:"id"`
	// Title is as the visitor wrote it while their personal data is kept
	// (else PublicTitle); PublicTitle is it redacted (Redact), what every
	// list and anyone else sees.
	Title          string      `json:"title"`
	PublicTitle    string      `json:"-"`
	Body           string      `json:"body"`
	Area           string      `json:"area"`
	AreaSource     string      `json:"areaSource"`
	AreaCandidates []AreaScore `json:"areaCandidates"`
	City           string      `json:"city,omitempty"`
	Public         bool        `json:"public"`
	Status         string      `json:"status"`
	CreatedAt      time.Time   `json:"createdAt"`
	// ErasedAt is set once the visitor's data has been erased.
	ErasedAt *time.Time `json:"erasedAt,omitempty"`
	// Matches are the lawyers last matched to the question, best first.
	Matches   []MatchRecord `json:"-"`
	MatchedAt *time.Time    `json:"-"`
	// OpenBooking is the question's pending or confirmed booking, if any:
	// a question holds one open booking at a time.
	OpenBooking string `json:"-"`
	// CountedSteps are the funnel steps the platform counted for the
	// question (see Uncounted).
	CountedSteps []string `json:"-"`
	// LeadFirm is the firm that took the question from the pool (its
	// lawyer was booked, or the visitor accepted its offer); "" while it
	// is in the pool.
	LeadFirm string `json:"-"`
	// Leads are the question's leads at firms, offers among them, when the
	// question was read whole (FindQuestionByID).
	Leads []Lead `json:"-"`
	// AnswerCount is how many lawyers' answers a public question has;
	// AnsweredBy names those lawyers (one answer each).
	AnswerCount int      `json:"-"`
	AnsweredBy  []string `json:"-"`
	// AnswerNoticeAt is when the latest message telling the asker of new
	// answers was scheduled (NextAnswerNotice).
	AnswerNoticeAt *time.Time `json:"-"`
	// Terms are a public question's terms, strongest first, which index
	// it for related questions (at most MaxTerms).
	Terms []string `json:"-"`
	// Helped are the lawyers the question counted as having helped (a
	// helpful answer or a completed consultation: once each), when the
	// question was read whole.
	Helped []string `json:"-"`

	Name      string    `json:"-"`
	Phone     string    `json:"-"`
	Email     string    `json:"-"`
	ConsentAt time.Time `json:"-"`
	// PIIExpiresAt is when the personal data and body expire unless a
	// booking extends them (PII_RETENTION after the last booking ends).
	PIIExpiresAt time.Time `json:"-"`
	// TokenHash is the SHA-256 of the visitor token; the token itself is
	// never stored.
	TokenHash string `json:"-"`
}

// MatchRecord is one lawyer of a question's recorded match.
type MatchRecord struct {
	LawyerID string  `json:"lawyerId" dynamodbav:"lawyerId"`
	Score    float64 `json:"score" dynamodbav:"score"`
}

// Contact is the visitor's contact (empty once erased or expired).
func (q Question) Contact() Contact { return Contact{Name: q.Name, Phone: q.Phone, Email: q.Email} }

// RedactedTitle is the title with personal data redacted.
func (q Question) RedactedTitle() string {
	if q.PublicTitle != "" || q.Title == "" {
		return q.PublicTitle
	}
	return Redact(q.Title, q.Name)
}

// RedactedBody is the body with personal data redacted, the asker's name
// among it.
func (q Question) RedactedBody() string { return Redact(q.Body, q.Name) }

// RevealFields names what a view showing q's contact with its title and
// body as written reveals, as audit records name it: the contact's
// fields, and the question's text when the view shows any of it that the
// redacted text hides (a body, or a title with personal data in it).
func (q Question) RevealFields() []string {
	fields := q.Contact().Fields()
	if q.Body != "" || q.Title != q.RedactedTitle() {
		fields = append(fields, FieldQuestion)
	}
	return fields
}

// Erased reports whether the visitor's data has been erased.
func (q Question) Erased() bool { return q.ErasedAt != nil }

// Page is one page of a list with the opaque cursor of the next page.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"nextCursor,omitempty"`
}

// PublicText is one stored text the public reads — a question's title or
// body, an answer, a follow-up, a review, a bio — as it was redacted when
// written, and where it is kept (see app.Service.RedactAgain).
type PublicText struct {
	PK, SK string // the item's key
	Kind   string // the item's type
	Attr   string // the attribute holding the text
	Text   string
}
