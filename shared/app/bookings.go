package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// Caller is who calls a booking route: a visitor with a question's token,
// or a signed-in lawyer, staff member or admin.
type Caller struct {
	Identity     auth.Identity
	VisitorToken string
}

// CreateBooking books one of a lawyer's open slots for the visitor's
// question. One question holds one open (pending or confirmed) booking at
// a time. With an idempotency key, a repeated request returns the booking
// the first one created (replayed true), whatever happened to it since; the
// same key with another body is EConflict. It reads in one round (the
// question with its leads; the lawyer, the slot and the key's record by
// key), decides (decideBooking), reads the lawyer's next open slot only
// when this slot was it, and writes one transaction; a write that finds
// its reads stale reads and decides again. Returns EUnauthenticated,
// EForbidden, ENotFound (question, lawyer, slot), EInvalid (past slot,
// lawyer not practising the question's area, a slot sooner than the
// minimum notice), ESlotUnavailable, EConflict.
func (s *Service) CreateBooking(ctx context.Context, c Caller, in domain.BookingInput, idemKey string) (domain.BookingView, bool, error) {
	start, err := in.Validate()
	if err != nil {
		return domain.BookingView{}, false, err
	}
	if idemKey != "" && !domain.IdempotencyKeyValid(idemKey) {
		return domain.BookingView{}, false, domain.Invalid("Idempotency-Key", domain.CodeTooLong, "the Idempotency-Key header is too long", "must be at most 255 characters")
	}
	if c.VisitorToken == "" {
		return domain.BookingView{}, false, domain.Errorf(domain.EUnauthenticated, "present the question's visitor token in X-Visitor-Token")
	}
	req := bookingRequest{in: in, start: start}
	if idemKey != "" {
		req.idemKey = hashOf(in.QuestionID, idemKey)
		body, _ := json.Marshal(in)
		req.reqHash = hashOf(string(body))
	}
	var view domain.BookingView
	var replayed bool
	err = retryStale(ctx, func() error {
		now := s.Now().UTC().Truncate(time.Millisecond)
		var q domain.Question
		var got domain.Batch
		err := together(
			func() (err error) { q, err = s.store.FindQuestionByID(ctx, in.QuestionID, now); return err },
			func() (err error) {
				got, err = s.store.Read(ctx, domain.Keys{Lawyers: []string{in.LawyerID}, Slots: []domain.SlotKey{{LawyerID: in.LawyerID, Start: start}},
					Idempotency: req.idemKey, Consistent: true, At: now})
				return err
			})
		if err != nil {
			return err
		}
		if err := ownQuestion(q, c.VisitorToken); err != nil {
			return err
		}
		d, err := decideBooking(q, got, req, s.cfg, now)
		if domain.ErrorCode(err) == domain.EConflict && q.OpenBooking != "" && req.idemKey != "" && got.Idempotency == nil {
			// The question and the key's record were read side by side, not
			// as one snapshot: the question may show the booking this very
			// key made an instant ago while the record read did not yet. The
			// record, read after the question, tells.
			rec, rerr := s.store.Read(ctx, domain.Keys{Idempotency: req.idemKey, Consistent: true, At: now})
			if rerr != nil {
				return rerr
			}
			if rec.Idempotency != nil {
				got.Idempotency = rec.Idempotency
				d, err = decideBooking(q, got, req, s.cfg, now)
			}
		}
		if err != nil {
			return err
		}
		if d.existing != "" {
			// The key's first request, or this question's own earlier
			// attempt at this very slot (a retry after a lost answer).
			b, err := s.store.FindBookingByID(ctx, d.existing)
			if err != nil {
				return err
			}
			if d.own && !(b.QuestionID == q.ID && b.LawyerID == in.LawyerID && b.Start.Equal(start) && domain.Open(b.Status)) {
				return domain.Errorf(domain.ESlotUnavailable, "that slot has just been taken; choose another")
			}
			views, err := s.bookingViews(ctx, []domain.Booking{b}, domain.RoleVisitor, c.Identity, RouteCreateBooking)
			if err != nil {
				return err
			}
			view, replayed = views[0], true
			return nil
		}
		nb, l := d.booking, d.booking.Lawyer
		var firm domain.Firm
		err = together(
			func() error {
				if !d.findNext {
					return nil
				}
				next, err := s.store.FirstOpenSlot(ctx, l.ID, now, start)
				nb.Next, nb.SetNext = next, l.NextChanged(next)
				return err
			},
			func() (err error) {
				if firm, err = s.store.FindFirmByID(ctx, l.FirmID); domain.ErrorCode(err) == domain.ENotFound {
					err = nil // a lawyer's firm is never removed; show the booking without it
				}
				return err
			})
		if err != nil {
			return err
		}
		err = s.store.CreateBooking(ctx, nb)
		if taken, ok := errors.AsType[*domain.SlotTakenError](err); ok {
			// Lost the race for the slot: answered as a read of it would.
			got.Slots = []domain.Slot{taken.Slot}
			if _, err := decideBooking(q, got, req, s.cfg, now); err != nil {
				return err
			}
			return fmt.Errorf("%w: the slot changed meanwhile", domain.ErrStale)
		}
		if err != nil {
			return err
		}
		view = nb.Booking.View()
		pub := l.Public(nil)
		if firm.ID != "" {
			fc := firm.Contact()
			pub.Firm = &fc
		}
		view.Lawyer, view.QuestionTitle = &pub, q.Title
		return nil
	})
	return view, replayed, err
}

// bookingRequest is a booking request as the decision reads it.
type bookingRequest struct {
	in               domain.BookingInput
	start            time.Time
	idemKey, reqHash string
}

// bookingDecision is what a booking request comes to: a booking to write,
// or an existing booking to answer with (the key's, or own: this
// question's hold on the slot), and whether the lawyer's next open slot
// must be read first (findNext: this slot was it).
type bookingDecision struct {
	booking  domain.NewBooking
	existing string
	own      bool
	findNext bool
}

// decideBooking decides a booking request on what was read, at now: the
// question (its token already checked) with its leads, and got — the
// lawyer, the slot and the idempotency key's record. Returns ENotFound,
// EInvalid, EConflict, ESlotUnavailable.
func decideBooking(q domain.Question, got domain.Batch, r bookingRequest, cfg Config, now time.Time) (bookingDecision, error) {
	var d bookingDecision
	if rec := got.Idempotency; rec != nil {
		if rec.RequestHash != r.reqHash {
			return d, domain.Errorf(domain.EConflict, "this Idempotency-Key was used with another request body")
		}
		d.existing = rec.BookingID
		return d, nil
	}
	l, ok := got.Lawyers[r.in.LawyerID]
	switch {
	case q.Erased():
		return d, domain.Errorf(domain.ENotFound, "the question was erased")
	case !q.PIIExpiresAt.After(now):
		return d, domain.Errorf(domain.ENotFound, "the question's contact data has expired; please ask again")
	case !ok || !l.Active:
		return d, domain.Errorf(domain.ENotFound, "no lawyer %s", r.in.LawyerID)
	case !l.Practises(q.Area):
		a, _ := domain.AreaByCode(q.Area)
		return d, domain.Invalid("lawyerId", domain.CodeNotPractised, "this lawyer does not practise the question's area", "does not practise "+a.EN+" ("+a.ZH+")")
	case !slices.Contains(domain.ModesWith(l, q.City), r.in.Mode):
		return d, domain.Invalid("mode", domain.CodeChoice, "this lawyer meets in person only in their own city", "in person only with a lawyer in the question's city; choose phone or video")
	}
	if err := domain.NoticeOK(r.start, now, cfg.MinNotice); err != nil {
		return d, err
	}
	sl, ok := got.Slot(l.ID, r.start)
	switch {
	case !ok:
		return d, domain.Errorf(domain.ENotFound, "the lawyer has no slot at %s", r.start.Format(time.RFC3339))
	case sl.Status != domain.SlotOpen && sl.QuestionID == q.ID && sl.BookingID != "":
		d.existing, d.own = sl.BookingID, true
		return d, nil
	case sl.Status != domain.SlotOpen:
		return d, domain.Errorf(domain.ESlotUnavailable, "that slot has just been taken; choose another")
	case q.OpenBooking != "":
		return d, domain.Errorf(domain.EConflict, "this question already has an open booking (%s); cancel it before booking another", q.OpenBooking)
	}
	// The lawyer has until the pending TTL to answer, and never past the start.
	respondBy := now.Add(cfg.BookingPendingTTL)
	if respondBy.After(r.start) {
		respondBy = r.start
	}
	respondBy = respondBy.Truncate(time.Second)
	b := domain.Booking{
		ID: domain.NewID(), QuestionID: q.ID, LawyerID: l.ID, FirmID: l.FirmID, Area: q.Area, Start: r.start, Minutes: sl.Minutes,
		TimeZone: l.TimeZone, Mode: r.in.Mode, Status: domain.BookingPending, Version: 1, CreatedAt: now, UpdatedAt: now, RespondBy: &respondBy,
		VisitorTimeZone: r.in.TimeZone, RequestedAt: now,
	}
	piiUntil := q.PIIExpiresAt
	if end := b.End().Add(cfg.PIIRetention); end.After(piiUntil) {
		piiUntil = end
	}
	nb := domain.NewBooking{Booking: b, Question: q, Lawyer: l, PIIUntil: piiUntil,
		Notice: domain.NoticeCreated, IdempotencyKey: r.idemKey, RequestHash: r.reqHash}
	if lead, ok := q.LeadOf(l.FirmID); ok {
		nb.Lead = &lead
	}
	nb.Funnel = domain.FunnelTo(q, nb.Lead, l.FirmID, domain.StepBooked)
	// The lawyer's next open slot once this one is held: the stored one,
	// unless it is this slot (or has passed) and the next must be read.
	nb.Next, d.findNext = l.NextAfterHold(r.start, now)
	nb.SetNext = !d.findNext && l.NextChanged(nb.Next)
	d.booking = nb
	return d, nil
}

// ownQuestion checks the visitor token against the question read.
// Returns EUnauthenticated (no token), EForbidden.
func ownQuestion(q domain.Question, token string) error {
	if token == "" {
		return domain.Errorf(domain.EUnauthenticated, "present the question's visitor token in X-Visitor-Token")
	}
	if !domain.TokenMatches(token, q.TokenHash) {
		return domain.Errorf(domain.EForbidden, "the visitor token is not this question's")
	}
	return nil
}

func hashOf(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// roleOn returns who the caller is to booking b, whose question q was
// read with it: its visitor (the question's token), its lawyer, staff of
// its lawyer's firm, or an admin. Returns EUnauthenticated with no
// credentials, EForbidden otherwise.
func roleOn(c Caller, b domain.Booking, q domain.Question) (domain.Role, error) {
	switch {
	case c.Identity.IsLawyer(b.LawyerID):
		return domain.RoleLawyer, nil
	case c.Identity.IsStaffOf(b.FirmID):
		return domain.RoleStaff, nil
	case c.Identity.IsAdmin():
		return domain.RoleAdmin, nil
	case c.VisitorToken != "":
		if q.ID == "" || !domain.TokenMatches(c.VisitorToken, q.TokenHash) {
			return "", domain.Errorf(domain.EForbidden, "this booking is not yours")
		}
		return domain.RoleVisitor, nil
	case !c.Identity.Authenticated():
		return "", domain.Errorf(domain.EUnauthenticated, "present the question's X-Visitor-Token or sign in")
	}
	return "", domain.Errorf(domain.EForbidden, "this booking is not yours")
}

// bookingKeys names what a booking's views and changes read beside it,
// in one batch: its lawyer, firm and question (with the visitor's data).
func bookingKeys(bs ...domain.Booking) domain.Keys {
	var k domain.Keys
	for _, b := range bs {
		k.Lawyers = append(k.Lawyers, b.LawyerID)
		k.Firms = append(k.Firms, b.FirmID)
		k.Questions = append(k.Questions, b.QuestionID)
	}
	return k
}

// leadOf is the lead of booking b's question at its firm, as read (nil:
// none).
func leadOf(got domain.Batch, b domain.Booking) *domain.Lead {
	if l, ok := got.Leads[domain.LeadKey{QuestionID: b.QuestionID, FirmID: b.FirmID}]; ok {
		return &l
	}
	return nil
}

// findBooking reads a booking, then what bookingKeys names (consistently:
// a write may depend on it) with what more adds for the use case, and
// tells who the caller is to it.
func (s *Service) findBooking(ctx context.Context, c Caller, id string, more ...func(domain.Booking, *domain.Keys)) (domain.Booking, domain.Batch, domain.Role, error) {
	b, err := s.store.FindBookingByID(ctx, id)
	if err != nil {
		return b, domain.Batch{}, "", err
	}
	k := bookingKeys(b)
	k.Leads = []domain.LeadKey{{QuestionID: b.QuestionID, FirmID: b.FirmID}}
	k.Helped = []domain.HelpedKey{{QuestionID: b.QuestionID, LawyerID: b.LawyerID}}
	k.Consistent, k.At = true, s.Now()
	for _, m := range more {
		m(b, &k)
	}
	got, err := s.store.Read(ctx, k)
	if err != nil {
		return b, got, "", err
	}
	role, err := roleOn(c, b, got.Questions[b.QuestionID])
	return b, got, role, err
}

// bookingViews shows bookings with the lawyer's public card and firm
// block, the question's title and, for the lawyer and staff, the
// visitor's contact — masked unless the booking is confirmed, every
// unmasked one written to the audit log first (route names the view; ""
// keeps every contact masked). got holds what bookingKeys names; what it
// lacks is read in one batch.
func (s *Service) bookingViews(ctx context.Context, bs []domain.Booking, role domain.Role, who auth.Identity, route string, got ...domain.Batch) ([]domain.BookingView, error) {
	var read domain.Batch
	if len(got) > 0 {
		read = got[0]
	} else {
		var err error
		k := bookingKeys(bs...)
		k.At = s.Now()
		if read, err = s.store.Read(ctx, k); err != nil {
			return nil, err
		}
	}
	out := make([]domain.BookingView, len(bs))
	var reveals []reveal
	for i, b := range bs {
		v, shown := bookingView(b, role, route, read)
		if shown != nil {
			reveals = append(reveals, *shown)
		}
		out[i] = v
	}
	if err := s.audit(ctx, who, route, reveals); err != nil {
		return nil, err
	}
	return out, nil
}

// bookingView is booking b as role sees it through route, from what was
// read; shown is the contact it reveals (to be audited first), if any.
func bookingView(b domain.Booking, role domain.Role, route string, read domain.Batch) (v domain.BookingView, shown *reveal) {
	v = b.View()
	if l, ok := read.Lawyers[b.LawyerID]; ok {
		var firm *domain.FirmContact
		if f, ok := read.Firms[l.FirmID]; ok {
			c := f.Contact()
			firm = &c
		}
		p := l.Public(firm)
		v.Lawyer = &p
	}
	q := read.Questions[b.QuestionID]
	// The title and body as written go to whom the contact goes; the
	// others read them redacted, and admins (no party) no body at all.
	v.QuestionTitle = q.RedactedTitle()
	if role == domain.RoleVisitor {
		v.QuestionTitle, v.QuestionBody = q.Title, q.Body
		return v, nil
	}
	// Only through a route, whose view is written to the audit log: the
	// answer to a change (route "") acknowledges it with the title
	// redacted, as it keeps the contact masked.
	full := role != domain.RoleAdmin && route != "" && domain.ContactShown(b.Status)
	if role != domain.RoleAdmin {
		v.QuestionBody = q.RedactedBody()
	}
	if c := q.Contact(); c.Phone != "" {
		if full {
			v.QuestionTitle = q.Title
			if q.Body != "" {
				v.QuestionBody = q.Body
			}
			shown = &reveal{questionID: b.QuestionID, bookingID: b.ID, fields: q.RevealFields()}
		} else {
			c = c.Masked()
		}
		v.Visitor = &c
	}
	return v, shown
}

// FindBooking returns a booking to its visitor, its lawyer or staff of the
// lawyer's firm. Returns EUnauthenticated, EForbidden, ENotFound.
func (s *Service) FindBooking(ctx context.Context, c Caller, id string) (domain.BookingView, error) {
	b, got, role, err := s.findBooking(ctx, c, id)
	if err != nil {
		return domain.BookingView{}, err
	}
	views, err := s.bookingViews(ctx, []domain.Booking{b}, role, c.Identity, RouteGetBooking, got)
	if err != nil {
		return domain.BookingView{}, err
	}
	return views[0], nil
}

// BookingICS returns the booking as an iCalendar invitation, to the same
// callers as FindBooking.
func (s *Service) BookingICS(ctx context.Context, c Caller, id string) ([]byte, error) {
	b, got, _, err := s.findBooking(ctx, c, id)
	if err != nil {
		return nil, err
	}
	l, ok := got.Lawyers[b.LawyerID]
	if !ok {
		return nil, domain.Errorf(domain.ENotFound, "no lawyer %s", b.LawyerID)
	}
	return domain.ICS(b, l, got.Firms[b.FirmID].Contact(), s.Now()), nil
}

// withResponses adds the lawyer's response times to a booking's read.
func withResponses(b domain.Booking, k *domain.Keys) { k.Responses = []string{b.LawyerID} }

// ChangeBooking applies act (accept, decline, cancel, complete, no_show)
// to a booking: accept, decline, complete and no_show are the lawyer's;
// cancel the visitor's or the lawyer's, the visitor's only up to
// CancelNotice before the start. It reads the booking, then its lawyer,
// firm, question and the lawyer's response times in one batch; decides
// (decideChange); and writes one transaction conditioned on the booking's
// state and version (so concurrent clicks and retries cannot corrupt it),
// reading and deciding again when that finds its reads stale. Returns
// EUnauthenticated, EForbidden, ENotFound, EInvalid (a decline needs a
// reason), EInvalidState.
func (s *Service) ChangeBooking(ctx context.Context, c Caller, id string, act domain.Action, in domain.ReasonInput) (domain.BookingView, error) {
	var view domain.BookingView
	err := retryStale(ctx, func() error {
		b, got, role, err := s.findBooking(ctx, c, id, withResponses)
		if err != nil {
			return err
		}
		now := s.Now().UTC()
		q := got.Questions[b.QuestionID]
		q.Helped = nil
		if got.Helped[domain.HelpedKey{QuestionID: b.QuestionID, LawyerID: b.LawyerID}] {
			q.Helped = []string{b.LawyerID}
		}
		resp := got.Responses[b.LawyerID]
		resp.LawyerID = b.LawyerID
		change, err := decideChange(b, role, act, in, got.Lawyers[b.LawyerID], q, leadOf(got, b), resp, s.cfg, now)
		if errors.Is(err, errExpiredMeanwhile) {
			// Too late to accept: expire it now rather than wait for the sweep.
			_, _ = s.store.ApplyChange(ctx, b, expiry(b, got.Lawyers[b.LawyerID], now))
			return domain.Errorf(domain.EInvalidState, "the request expired at %s", b.RespondBy.Format(time.RFC3339))
		}
		if err != nil {
			return err
		}
		nb, err := s.store.ApplyChange(ctx, b, change)
		if err != nil {
			return err
		}
		// The answer to a change acknowledges it: the visitor's contact
		// stays masked there (reading it is its own audited request), so a
		// change is one write.
		view, _ = bookingView(nb, role, "", got)
		return nil
	})
	return view, err
}

// errExpiredMeanwhile: the lawyer accepts a request past its deadline.
var errExpiredMeanwhile = errors.New("the request expired")

// decideChange decides act by role on booking b, whose lawyer l, question
// q, lead (nil: none) and the lawyer's response times resp were read with
// it, at now. An accept writes the reminders still ahead; an accept or a
// decline records the lawyer's response time. Returns EForbidden,
// EInvalid, EInvalidState, errExpiredMeanwhile.
func decideChange(b domain.Booking, role domain.Role, act domain.Action, in domain.ReasonInput, l domain.Lawyer, q domain.Question, lead *domain.Lead, resp domain.Responses, cfg Config, now time.Time) (domain.BookingChange, error) {
	if act == domain.ActReschedule {
		return domain.BookingChange{}, domain.Errorf(domain.EInvalidState, "a reschedule is not a change of state (RescheduleBooking)")
	}
	if role == domain.RoleStaff || role == domain.RoleAdmin || (role == domain.RoleVisitor && act != domain.ActCancel) {
		return domain.BookingChange{}, domain.Errorf(domain.EForbidden, "only the lawyer may %s this booking", act)
	}
	if err := in.Validate(act == domain.ActDecline); err != nil {
		return domain.BookingChange{}, err
	}
	to, err := domain.Transition(b.Status, act)
	if err != nil {
		return domain.BookingChange{}, err
	}
	switch {
	case act == domain.ActAccept && b.RespondBy != nil && now.After(*b.RespondBy):
		return domain.BookingChange{}, errExpiredMeanwhile
	case act == domain.ActCancel && role == domain.RoleVisitor && now.After(b.Start.Add(-cfg.CancelNotice)):
		return domain.BookingChange{}, domain.CancelNoticeError(cfg.CancelNotice)
	case (act == domain.ActComplete || act == domain.ActNoShow) && now.Before(b.Start):
		return domain.BookingChange{}, domain.Errorf(domain.EInvalidState, "the consultation has not begun yet")
	}
	change := domain.BookingChange{Act: act, To: to, By: role, Reason: in.Reason, At: now, Notification: domain.NoticeFor(to)}
	if act == domain.ActAccept || act == domain.ActDecline {
		r := resp.With(domain.ResponseMinutes(b, now))
		change.Response = &r
	}
	switch to {
	case domain.BookingConfirmed:
		change.Funnel = domain.FunnelTo(q, lead, b.FirmID, domain.StepConfirmed)
		confirmed := b
		confirmed.Status = domain.BookingConfirmed
		change.Reminders = domain.RemindersFor(confirmed, cfg.Reminders, now)
	case domain.BookingNoShow:
		change.Funnel = domain.FunnelTo(q, lead, b.FirmID, domain.StepNoShow)
	case domain.BookingCompleted:
		// People helped: the question counts its lawyer once, whether by
		// a consultation or a helpful answer.
		change.Funnel, change.HelpedCountUp, change.Lawyer = domain.FunnelTo(q, lead, b.FirmID, domain.StepCompleted), !slices.Contains(q.Helped, b.LawyerID), &l
	}
	return withIndex(change, b, l), nil
}

// withIndex adds to change the lawyer's next open slot when it frees a
// future slot.
func withIndex(change domain.BookingChange, b domain.Booking, l domain.Lawyer) domain.BookingChange {
	if domain.SlotStateFor(change.To) != domain.SlotOpen || !b.Start.After(change.At) {
		return change
	}
	change.Lawyer, change.Index = &l, true
	change.Next = l.NextAfterFree(b.Slot(), change.At)
	change.SetNext = l.NextChanged(change.Next)
	return change
}

// expiry is the change that expires pending booking b at now.
func expiry(b domain.Booking, l domain.Lawyer, now time.Time) domain.BookingChange {
	return withIndex(domain.BookingChange{Act: domain.ActExpire, To: domain.BookingExpired, At: now, Notification: domain.NoticeExpired}, b, l)
}

// expire moves a pending booking past its deadline to expired, reading
// its lawyer (and the booking again when it changed meanwhile).
func (s *Service) expire(ctx context.Context, b domain.Booking) error {
	return retryStale(ctx, func() error {
		got, err := s.store.Read(ctx, domain.Keys{Lawyers: []string{b.LawyerID}, Bookings: []string{b.ID}, Consistent: true})
		if err != nil {
			return err
		}
		cur, ok := got.Bookings[b.ID]
		if !ok || cur.Status != domain.BookingPending {
			return domain.Errorf(domain.EInvalidState, "the booking is no longer pending")
		}
		_, err = s.store.ApplyChange(ctx, cur, expiry(cur, got.Lawyers[b.LawyerID], s.Now().UTC()))
		return err
	})
}

// ExpireBookings expires every pending booking whose deadline has passed
// (the sweeper's job) and returns how many it expired.
func (s *Service) ExpireBookings(ctx context.Context) (int, error) {
	n := 0
	for {
		due, err := s.store.FindExpiredBookings(ctx, s.Now(), 100)
		if err != nil {
			return n, err
		}
		for _, b := range due {
			if err := s.expire(ctx, b); err != nil && domain.ErrorCode(err) != domain.EInvalidState {
				return n, err
			}
			n++
		}
		if len(due) < 100 {
			return n, nil
		}
	}
}

// LawyerBookingsQuery selects the signed-in lawyer's bookings.
type LawyerBookingsQuery struct {
	Status domain.BookingStatus
	Limit  int
	Cursor string
}

// LawyerBookings lists the signed-in lawyer's bookings, soonest first,
// with the visitor's contact masked until confirmed. Returns
// EUnauthenticated, EForbidden, EInvalid.
func (s *Service) LawyerBookings(ctx context.Context, who auth.Identity, q LawyerBookingsQuery) (domain.Page[domain.BookingView], error) {
	if err := requireAuth(who); err != nil {
		return domain.Page[domain.BookingView]{}, err
	}
	if !who.IsLawyer(who.LawyerID) {
		return domain.Page[domain.BookingView]{}, domain.Errorf(domain.EForbidden, "only lawyers have bookings")
	}
	f := domain.FieldErrors{}
	if q.Status != "" && !slices.Contains(domain.BookingStates, q.Status) {
		f.Add("status", domain.CodeChoice, "must be pending, confirmed, declined, expired, cancelled, completed or no_show")
	}
	limit := limitOf(&f, q.Limit)
	if err := f.Err(); err != nil {
		return domain.Page[domain.BookingView]{}, err
	}
	page, err := s.store.FindLawyerBookings(ctx, domain.BookingFilter{LawyerID: who.LawyerID, Status: q.Status, Limit: limit, Cursor: q.Cursor})
	if err != nil {
		return domain.Page[domain.BookingView]{}, err
	}
	views, err := s.bookingViews(ctx, page.Items, domain.RoleLawyer, who, RouteLawyerBookings)
	if err != nil {
		return domain.Page[domain.BookingView]{}, err
	}
	return domain.Page[domain.BookingView]{Items: views, NextCursor: page.NextCursor}, nil
}
