package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is who someone is to a booking: the one list of the parties that
// act on bookings and receive their news.
type Role string

// Roles.
const (
	RoleVisitor Role = "visitor"
	RoleLawyer  Role = "lawyer"
	RoleStaff   Role = "staff"
	RoleAdmin   Role = "admin"
)

// BookingStatus is a booking's state.
type BookingStatus string

// Booking states (API.md): pending → confirmed → completed | no_show;
// pending → declined | expired | cancelled; confirmed → cancelled. A
// reschedule keeps the booking (and its id) and, by the visitor, puts a
// confirmed booking back to pending.
const (
	BookingPending   BookingStatus = "pending"
	BookingConfirmed BookingStatus = "confirmed"
	BookingDeclined  BookingStatus = "declined"
	BookingExpired   BookingStatus = "expired"
	BookingCancelled BookingStatus = "cancelled"
	BookingCompleted BookingStatus = "completed"
	// BookingNoShow: the visitor did not come to a confirmed consultation.
	BookingNoShow BookingStatus = "no_show"
)

// BookingStates are the states a booking may be listed by.
var BookingStates = []BookingStatus{BookingPending, BookingConfirmed, BookingDeclined, BookingExpired, BookingCancelled, BookingCompleted, BookingNoShow}

// Consultation modes.
const (
	ModePhone    = "phone"
	ModeVideo    = "video"
	ModeInPerson = "in_person"
)

// Action is what moves a booking from one state to another.
type Action string

// Actions.
const (
	ActAccept   Action = "accept"
	ActDecline  Action = "decline"
	ActCancel   Action = "cancel"
	ActComplete Action = "complete"
	ActExpire   Action = "expire"
	ActNoShow   Action = "no_show"
	// ActReschedule moves an open booking to another slot of its lawyer:
	// the visitor's move leads to pending (the lawyer confirms the new
	// time), the lawyer's keeps the state (RescheduledState).
	ActReschedule Action = "reschedule"
)

// Actions lists every action, in the order of the transitions table.
var Actions = []Action{ActAccept, ActDecline, ActExpire, ActCancel, ActComplete, ActNoShow, ActReschedule}

// transitions is the state machine: for each action, the states it may
// leave from and the state it reaches.
var transitions = map[Action]struct {
	from []BookingStatus
	to   BookingStatus
}{
	ActAccept:   {[]BookingStatus{BookingPending}, BookingConfirmed},
	ActDecline:  {[]BookingStatus{BookingPending}, BookingDeclined},
	ActExpire:   {[]BookingStatus{BookingPending}, BookingExpired},
	ActCancel:   {[]BookingStatus{BookingPending, BookingConfirmed}, BookingCancelled},
	ActComplete: {[]BookingStatus{BookingConfirmed}, BookingCompleted},
	ActNoShow:   {[]BookingStatus{BookingConfirmed}, BookingNoShow},
	// The visitor's reschedule; the lawyer's keeps the state.
	ActReschedule: {[]BookingStatus{BookingPending, BookingConfirmed}, BookingPending},
}

// RescheduledState is the state of a booking in state once by moved it
// to another slot: pending when the visitor moved it (the lawyer confirms
// the new time), unchanged when the lawyer did. Returns EInvalidState for
// a booking that is not open.
func RescheduledState(state BookingStatus, by Role) (BookingStatus, error) {
	to, err := Transition(state, ActReschedule)
	if err != nil || by == RoleVisitor {
		return to, err
	}
	return state, nil
}

// Transition returns the state act leads to from state, or EInvalidState.
func Transition(state BookingStatus, act Action) (BookingStatus, error) {
	t, ok := transitions[act]
	if !ok {
		return "", Errorf(EInvalidState, "unknown action %q", act)
	}
	for _, f := range t.from {
		if f == state {
			return t.to, nil
		}
	}
	return "", Errorf(EInvalidState, "a %s booking cannot be %s", state, pastTense(act))
}

func pastTense(act Action) string {
	switch act {
	case ActAccept:
		return "accepted"
	case ActDecline:
		return "declined"
	case ActCancel:
		return "cancelled"
	case ActComplete:
		return "completed"
	case ActExpire:
		return "expired"
	case ActNoShow:
		return "marked a no-show"
	case ActReschedule:
		return "rescheduled"
	}
	return string(act)
}

// Open reports whether a booking in state holds its slot and its question
// (pending or confirmed).
func Open(state BookingStatus) bool { return state == BookingPending || state == BookingConfirmed }

// ContactShown reports whether the parties of a booking in state see each
// other's contact (and the staff of the lawyer's firm the visitor's): once
// the lawyer accepted it (a no-show too: the lawyer may call the visitor
// who did not come).
func ContactShown(state BookingStatus) bool {
	return state == BookingConfirmed || state == BookingCompleted || state == BookingNoShow
}

// SlotStateFor is the state of the slot while its booking is in state:
// held while pending, booked once confirmed (and after), open again when
// the booking ended without a consultation.
func SlotStateFor(state BookingStatus) string {
	switch state {
	case BookingPending:
		return SlotHeld
	case BookingConfirmed, BookingCompleted, BookingNoShow:
		return SlotBooked
	}
	return SlotOpen
}

// QuestionStateFor is the question's funnel state after its booking moved
// to state: a booking that ended without a consultation sends the question
// back to matched, free to book again.
func QuestionStateFor(state BookingStatus) string {
	switch state {
	case BookingPending:
		return QuestionBooked
	case BookingConfirmed:
		return QuestionConfirmed
	case BookingCompleted:
		return QuestionCompleted
	case BookingNoShow:
		return QuestionNoShow
	}
	return QuestionMatched
}

// Booking is a visitor's booking of one of a lawyer's slots.
type Booking struct {
	ID            string        `json:"id"`
	QuestionID    string        `json:"questionId"`
	LawyerID      string        `json:"lawyerId"`
	FirmID        string        `json:"firmId"`
	Area          string        `json:"area"`
	Start         time.Time     `json:"start"`
	Minutes       int           `json:"minutes"`
	TimeZone      string        `json:"timeZone"`
	Mode          string        `json:"mode"`
	Status        BookingStatus `json:"status"`
	Version       int           `json:"-"`
	CreatedAt     time.Time     `json:"createdAt"`
	UpdatedAt     time.Time     `json:"updatedAt"`
	RespondBy     *time.Time    `json:"respondBy,omitempty"`
	DeclineReason string        `json:"declineReason,omitempty"`
	CancelledBy   Role          `json:"cancelledBy,omitempty"`
	CancelReason  string        `json:"cancelReason,omitempty"`
	// VisitorTimeZone is the visitor's zone when the booking named it
	// (the pages send the browser's): reminders to the visitor say the
	// time in it.
	VisitorTimeZone string `json:"visitorTimeZone,omitempty"`
	// Sequence counts the booking's reschedules: its calendar event's
	// SEQUENCE, so that calendars move the event rather than add one.
	Sequence int `json:"sequence"`
	// PreviousStart and RescheduledBy tell of the last reschedule.
	PreviousStart *time.Time `json:"previousStart,omitempty"`
	RescheduledBy Role       `json:"rescheduledBy,omitempty"`
	// RequestedAt is when the lawyer was last asked to answer: the
	// booking, or the visitor's reschedule (for the lawyer's response
	// time).
	RequestedAt time.Time `json:"-"`
	// Reviewed reports whether the visitor reviewed the consultation.
	Reviewed bool `json:"reviewed"`
	// QuestionTitle is read from the question for the view (never stored
	// with the booking: erasure must reach it).
	QuestionTitle string `json:"questionTitle"`
}

// End is when the consultation ends.
func (b Booking) End() time.Time { return b.Start.Add(time.Duration(b.Minutes) * time.Minute) }

// Slot is the booked slot as its lawyer's slot.
func (b Booking) Slot() Slot {
	return Slot{LawyerID: b.LawyerID, Start: b.Start, Minutes: b.Minutes, Status: SlotStateFor(b.Status)}
}

// Contact is a person's direct contact.
type Contact struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
	Email string `json:"email,omitempty"`
}

// FieldQuestion names the question's text in an audit record's fields,
// beside the contact's (name, phone, email).
const FieldQuestion = "question"

// Fields names the fields c holds, as audit records name them.
func (c Contact) Fields() []string {
	f := []string{"name", "phone"}
	if c.Email != "" {
		f = append(f, "email")
	}
	return f
}

// Masked returns c with every field masked.
func (c Contact) Masked() Contact {
	m := Contact{Name: MaskName(c.Name), Phone: MaskPhone(c.Phone)}
	if c.Email != "" {
		m.Email = MaskEmail(c.Email)
	}
	return m
}

// BookingView is a booking as the API returns it.
type BookingView struct {
	Booking
	End        time.Time     `json:"end"`
	StartLocal string        `json:"startLocal"`
	Lawyer     *PublicLawyer `json:"lawyer,omitempty"`
	// Visitor is the visitor's contact, in the lawyer's and staff's views
	// only: masked unless the booking is confirmed.
	Visitor *Contact `json:"visitor,omitempty"`
	// QuestionBody is what the visitor wrote: to the lawyer and staff with
	// personal data redacted until the booking is confirmed, then as
	// written (each such view in the audit log); to the visitor as written.
	QuestionBody string `json:"questionBody,omitempty"`
}

// View returns the booking with its end and local start.
func (b Booking) View() BookingView {
	v := b.Slot().View(b.TimeZone)
	return BookingView{Booking: b, End: v.End, StartLocal: v.StartLocal}
}

// BookingInput is the body of POST /bookings.
type BookingInput struct {
	QuestionID string `json:"questionId"`
	LawyerID   string `json:"lawyerId"`
	Start      string `json:"start"`
	Mode       string `json:"mode"`
	// TimeZone is the visitor's IANA zone (optional): reminders say the
	// time in it.
	TimeZone string `json:"timeZone,omitempty"`
}

// Validate parses the start time and checks the fields.
func (in *BookingInput) Validate() (time.Time, error) {
	f := FieldErrors{}
	in.QuestionID, in.LawyerID, in.Mode = strings.TrimSpace(in.QuestionID), strings.TrimSpace(in.LawyerID), strings.TrimSpace(in.Mode)
	if in.TimeZone = strings.TrimSpace(in.TimeZone); in.TimeZone != "" {
		if _, err := LoadLocation(in.TimeZone); err != nil || len(in.TimeZone) > 64 {
			f.Add("timeZone", CodeUnknown, "must be an IANA time zone like Asia/Shanghai")
		}
	}
	if in.QuestionID == "" {
		f.Add("questionId", CodeRequired, "is required")
	}
	if in.LawyerID == "" {
		f.Add("lawyerId", CodeRequired, "is required")
	}
	start, err := time.Parse(time.RFC3339, strings.TrimSpace(in.Start))
	if err != nil {
		f.Add("start", CodeTimeFormat, "must be the RFC 3339 start of one of the lawyer's slots")
	}
	switch in.Mode {
	case ModePhone, ModeVideo, ModeInPerson:
	case "":
		f.Add("mode", CodeRequired, "is required: phone, video or in_person")
	default:
		f.Add("mode", CodeChoice, "must be phone, video or in_person")
	}
	return start.UTC(), f.Err()
}

// ReasonInput is the body of decline and cancel.
type ReasonInput struct {
	Reason string `json:"reason"`
}

// Validate trims the reason; required reports whether one must be given.
func (in *ReasonInput) Validate(required bool) error {
	f := FieldErrors{}
	min := 0
	if required {
		min = 1
	}
	text(&f, "reason", &in.Reason, min, 500, true)
	return f.Err()
}

// CancelNoticeError is the refusal of a visitor's late cancellation (or
// reschedule: moving away from a slot frees it as late as cancelling).
func CancelNoticeError(notice time.Duration) error {
	return Errorf(EForbidden, "a consultation can be cancelled or moved online up to %s before it starts; please call the firm", humanDuration(notice))
}

// RescheduleInput is the body of POST /bookings/{id}/reschedule.
type RescheduleInput struct {
	Start string `json:"start"`
}

// Validate parses the new start.
func (in *RescheduleInput) Validate() (time.Time, error) {
	start, err := time.Parse(time.RFC3339, strings.TrimSpace(in.Start))
	if err != nil {
		return time.Time{}, Invalid("start", CodeTimeFormat, "the new time is not valid", "must be the RFC 3339 start of another open slot of the lawyer")
	}
	return start.UTC(), nil
}

// NoticeOK checks that a slot at start may be booked at now with the
// minimum notice: not begun, and not sooner than notice ahead. Returns
// EInvalid on the field start.
func NoticeOK(start, now time.Time, notice time.Duration) error {
	switch {
	case !start.After(now):
		return Invalid("start", CodePast, "the slot has already begun", "is in the past; choose a later slot")
	case start.Before(now.Add(notice)):
		return Invalid("start", CodeTooSoon, "the slot starts too soon to be booked",
			fmt.Sprintf("starts sooner than %s from now; choose a later slot", humanDuration(notice)))
	}
	return nil
}

func humanDuration(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		h := int(d / time.Hour)
		if h == 1 {
			return "1 hour"
		}
		return fmt.Sprintf("%d hours", h)
	case d%time.Minute == 0 && d < time.Hour:
		return fmt.Sprintf("%d minutes", int(d/time.Minute))
	}
	return d.String()
}

// IdempotencyKeyValid reports whether an Idempotency-Key header is usable.
func IdempotencyKeyValid(k string) bool {
	return k != "" && len(k) <= 255 && utf8.ValidString(k)
}

// Outbox states: a notification waits to be sent (and retried), was sent,
// was given up, or was dropped unsent because what it told of no longer
// holds (a reminder of a booking cancelled or moved meanwhile).
const (
	OutboxPending = "pending"
	OutboxSent    = "sent"
	OutboxFailed  = "failed"
	OutboxDropped = "dropped"
)

// OutboxItem is a notification due about a booking (BookingID), about
// a firm's offer on a question (QuestionID and the offer's LawyerID), or
// about a question itself (QuestionID: its private link on submission).
type OutboxItem struct {
	ID         string
	Kind       string
	BookingID  string
	QuestionID string
	LawyerID   string
	Status     string
	Attempts   int
	CreatedAt  time.Time
	SentAt     *time.Time
	// NotBefore, when set, is when the notification falls due: a message
	// held back so that one recipient gets at most so many (the answers
	// to a question: domain.NextAnswerNotice), or a reminder.
	NotBefore *time.Time
	// Sequence is the booking's Sequence the notification was written for
	// (a reminder is sent only while the booking still has it), Offset a
	// reminder's time before the start, By who rescheduled (the other
	// side is told).
	Sequence int
	Offset   time.Duration
	By       Role
	// Delivered names the messages already sent (MessageKey), so that a
	// retry sends only the others; ClaimID and ClaimUntil are the sender
	// holding the item (see Deliver).
	Delivered  []string
	ClaimID    string
	ClaimUntil *time.Time
}

// OutboxMark is the outcome of one delivery of an outbox item, recorded
// by the sender that claimed it (ClaimID): its new Status, the messages
// Delivered in this attempt, the error of those that failed.
type OutboxMark struct {
	ID        string
	ClaimID   string
	Status    string
	Delivered []string
	LastError string
	At        time.Time
}

// Funnel steps: the counters kept per day and area (and firm).
const (
	StepSubmitted = "submitted"
	StepMatched   = "matched"
	StepBooked    = "booked"
	StepConfirmed = "confirmed"
	StepCompleted = "completed"
)

// StepNoShow counts the questions whose confirmed consultation the
// visitor missed: beside completed, a subset of confirmed, not a step of
// the chain.
const StepNoShow = "no_show"

// FunnelSteps in funnel order.
var FunnelSteps = []string{StepSubmitted, StepMatched, StepBooked, StepConfirmed, StepCompleted}

// FunnelCounters are the counters kept: the funnel's steps and no-shows.
var FunnelCounters = []string{StepSubmitted, StepMatched, StepBooked, StepConfirmed, StepCompleted, StepNoShow}

// The funnel counts questions, not events: each step counts a question
// once per scope (the platform, a firm), on the day the question was
// submitted (its cohort), and reaching a step counts the steps before it
// that were not counted yet (a question booked straight from a profile was
// matched to that lawyer). So every step counts a subset of the step
// before, over any range of days. A question remembers the steps the
// platform counted (Question.CountedSteps), a lead those its firm counted
// (Lead.CountedSteps); the writes condition on them, so a step is never
// counted twice. A mere offer counts nothing: the firm counts the question
// once the visitor chose it.

// Uncounted returns the steps up to and including upTo that counted does
// not hold, in funnel order.
func Uncounted(counted []string, upTo string) []string {
	var out []string
	for _, s := range FunnelSteps {
		if !slices.Contains(counted, s) {
			out = append(out, s)
		}
		if s == upTo {
			break
		}
	}
	return out
}

// Funnel is what one write counts: All for the platform, Firm for the
// firm (FirmID) whose lead the question is, on the question's cohort day.
type Funnel struct {
	QuestionID string
	Area       string
	Cohort     time.Time
	All        []string
	FirmID     string
	Firm       []string
}

// FunnelTo is what the funnel counts when question q reaches step, a lead
// of firm (lead as read; nil when it has none yet): the steps each scope
// has not counted. A no-show counts as confirmed was reached, and itself
// once.
func FunnelTo(q Question, lead *Lead, firm, step string) Funnel {
	var counted []string
	if lead != nil {
		counted = lead.CountedSteps
	}
	upTo := step
	if step == StepNoShow {
		upTo = StepConfirmed
	}
	f := Funnel{QuestionID: q.ID, Area: q.Area, Cohort: q.CreatedAt, All: Uncounted(q.CountedSteps, upTo), FirmID: firm, Firm: Uncounted(counted, upTo)}
	if step == StepNoShow {
		if !slices.Contains(q.CountedSteps, StepNoShow) {
			f.All = append(f.All, StepNoShow)
		}
		if !slices.Contains(counted, StepNoShow) {
			f.Firm = append(f.Firm, StepNoShow)
		}
	}
	return f
}

// NewBooking is a booking to create as the use case decided it, with
// what its transaction also writes and what it was decided on (the store
// conditions on each being unchanged).
type NewBooking struct {
	Booking Booking
	// Question is the visitor's question as read; Lawyer the lawyer's
	// profile as read (its SlotsVersion).
	Question Question
	Lawyer   Lawyer
	// Lead is the firm's lead of the question as read (nil: none yet).
	Lead *Lead
	// Next is the lawyer's next open slot once this one is held (nil:
	// none); SetNext says whether it differs from the one stored.
	Next    *Slot
	SetNext bool
	// PIIUntil is when the visitor's data expires now that it is booked.
	PIIUntil time.Time
	// Funnel is what the funnel counts now; Notice is the outbox kind.
	Funnel Funnel
	Notice string
	// IdempotencyKey is the hashed scope and key ("" when none was sent);
	// RequestHash the hash of the request it came with.
	IdempotencyKey string
	RequestHash    string
}

// BookingChange is a booking's transition as the store writes it.
type BookingChange struct {
	Act    Action
	To     BookingStatus
	By     Role // visitor or lawyer, for cancellations
	Reason string
	At     time.Time
	// Reminders are the reminders a confirmation writes (those still
	// ahead), Response the lawyer's answer time it records (accept,
	// decline): the responses as read with the new one.
	Reminders []Reminder
	Response  *Responses
	// Notification is the outbox kind; Funnel what the funnel counts now;
	// HelpedCountUp counts a completed consultation as help, the first
	// time the question counts its lawyer (see Question.Helped).
	Notification  string
	Funnel        Funnel
	HelpedCountUp bool
	// Lawyer is the lawyer's profile as read when the change writes it:
	// Index (a future slot opens again: the next open slot becomes Next,
	// written when SetNext, the version bumped either way) or
	// HelpedCountUp.
	Lawyer  *Lawyer
	Index   bool
	Next    *Slot
	SetNext bool
}

// Reschedule is the move of booking From (as read) to the open slot To of
// its lawyer as the store writes it: Booking is the booking as it will be
// (its start, state, sequence and version). The lawyer's profile as read
// (Lawyer) orders it among the calendar's writes; Next is the lawyer's
// next open slot once the old slot is open and the new one taken, written
// when SetNext. PIIUntil, when not zero, extends the visitor's data to
// the new end. Reminders are the new time's, when it stays confirmed.
type Reschedule struct {
	From      Booking
	To        Slot
	Booking   Booking
	Lawyer    Lawyer
	Next      *Slot
	SetNext   bool
	PIIUntil  time.Time
	Reminders []Reminder
	At        time.Time
}

// Erasure is the erasing of a question as the store writes it: the
// question as read and, when it holds an open booking, that booking as
// read with its cancellation — all in one write, so that no booking of an
// erased question stays pending or confirmed.
type Erasure struct {
	Question Question
	Booking  *Booking
	Cancel   BookingChange
	At       time.Time
}

// BookingFilter selects a lawyer's bookings.
type BookingFilter struct {
	LawyerID string
	Status   BookingStatus // "" for all
	Limit    int
	Cursor   string
}

// LeadFilter selects leads.
type LeadFilter struct {
	FirmID   string
	Status   string
	Area     string
	LawyerID string
	From, To time.Time
	Limit    int
	Cursor   string
}

// AuditEntry records one view of a visitor's personal data.
type AuditEntry struct {
	ID         string `json:"id"`
	QuestionID string `json:"subject"`
	Actor      string `json:"actor"`
	// ActorName is the viewer's name as their sign-in holds it ("" when it
	// holds none; a lawyer's is read from the lawyer).
	ActorName string    `json:"actorName,omitempty"`
	FirmID    string    `json:"firmId,omitempty"`
	Fields    []string  `json:"fields"`
	Route     string    `json:"route"`
	BookingID string    `json:"bookingId,omitempty"`
	At        time.Time `json:"at"`
}

// StatRow is one funnel counter: a day and area of one scope.
type StatRow struct {
	Day    string
	Area   string
	Counts map[string]int
}
