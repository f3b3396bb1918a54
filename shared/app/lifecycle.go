package app

import (
	"context"
	"time"

	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// RescheduleBooking moves an open booking to another open slot of the
// same lawyer, by its visitor (up to CancelNotice before the old start;
// the booking goes back to pending for the lawyer to confirm) or its
// lawyer (it keeps its state). It reads the booking, then its lawyer,
// firm, question and the new slot in one batch; decides
// (decideReschedule); reads the lawyer's next open slot only when the new
// slot was it; and writes one transaction — the old slot open, the new
// one held, the start changed, the version and sequence bumped, the other
// side told — or nothing (ESlotUnavailable). Repeating the same move is
// answered with the booking as it stands. Returns EUnauthenticated,
// EForbidden (staff, admins, the visitor past the notice), ENotFound (the
// booking, the slot), EInvalid (the start: not a time, too soon, the
// booking's own), EInvalidState (a booking that is not open, or has
// begun), ESlotUnavailable.
func (s *Service) RescheduleBooking(ctx context.Context, c Caller, id string, in domain.RescheduleInput) (domain.BookingView, error) {
	start, err := in.Validate()
	if err != nil {
		return domain.BookingView{}, err
	}
	var view domain.BookingView
	err = retryStale(ctx, func() error {
		b, got, role, err := s.findBooking(ctx, c, id, func(b domain.Booking, k *domain.Keys) {
			k.Slots = append(k.Slots, domain.SlotKey{LawyerID: b.LawyerID, Start: start})
		})
		if err != nil {
			return err
		}
		now := s.Now().UTC().Truncate(time.Millisecond)
		d, err := decideReschedule(b, role, start, got, s.cfg, now)
		if err != nil {
			return err
		}
		if d.done {
			view, _ = bookingView(b, role, "", got)
			return nil
		}
		if d.findNext {
			next, err := s.store.FirstOpenSlot(ctx, b.LawyerID, now, start)
			if err != nil {
				return err
			}
			d.r.Next = sooner(next, freedSlot(b, now))
			d.r.SetNext = d.r.Lawyer.NextChanged(d.r.Next)
		}
		if err := s.store.RescheduleBooking(ctx, d.r); err != nil {
			return err
		}
		view, _ = bookingView(d.r.Booking, role, "", got)
		return nil
	})
	return view, err
}

// rescheduleDecision is what a reschedule comes to: the move to write,
// whether the lawyer's next open slot must be read first (the new slot
// was it), or nothing to do (done: the booking already stands where this
// caller moved it).
type rescheduleDecision struct {
	r        domain.Reschedule
	findNext bool
	done     bool
}

// decideReschedule decides role's move of booking b to the slot at start,
// from what was read with it (got: the lawyer, the question, the slot), at
// now. Returns EForbidden, ENotFound, EInvalid, EInvalidState,
// ESlotUnavailable.
func decideReschedule(b domain.Booking, role domain.Role, start time.Time, got domain.Batch, cfg Config, now time.Time) (rescheduleDecision, error) {
	var d rescheduleDecision
	if role != domain.RoleVisitor && role != domain.RoleLawyer {
		return d, domain.Errorf(domain.EForbidden, "only the visitor and the lawyer may move this booking")
	}
	to, err := domain.RescheduledState(b.Status, role)
	if err != nil {
		return d, err
	}
	if b.Start.Equal(start) {
		if b.Sequence > 0 && b.RescheduledBy == role {
			d.done = true // a retry of the move that was made
			return d, nil
		}
		return d, domain.Invalid("start", domain.CodeDuplicate, "the booking is already at that time", "is the booking's own time; choose another slot")
	}
	switch {
	case !now.Before(b.Start):
		return d, domain.Errorf(domain.EInvalidState, "the consultation has begun: it cannot be moved")
	case role == domain.RoleVisitor && now.After(b.Start.Add(-cfg.CancelNotice)):
		return d, domain.CancelNoticeError(cfg.CancelNotice)
	}
	if err := domain.NoticeOK(start, now, cfg.MinNotice); err != nil {
		return d, err
	}
	l, ok := got.Lawyers[b.LawyerID]
	if !ok || !l.Active {
		return d, domain.Errorf(domain.ENotFound, "no lawyer %s", b.LawyerID)
	}
	sl, ok := got.Slot(l.ID, start)
	switch {
	case !ok:
		return d, domain.Errorf(domain.ENotFound, "the lawyer has no slot at %s", start.Format(time.RFC3339))
	case sl.Status != domain.SlotOpen:
		return d, domain.Errorf(domain.ESlotUnavailable, "that time has just been taken; choose another")
	}
	nb := b
	prev := b.Start
	nb.Start, nb.Minutes, nb.Status, nb.Version, nb.Sequence = start, sl.Minutes, to, b.Version+1, b.Sequence+1
	nb.PreviousStart, nb.RescheduledBy, nb.UpdatedAt = &prev, role, now
	r := domain.Reschedule{From: b, To: sl, Lawyer: l, At: now}
	switch {
	case to == domain.BookingPending && role == domain.RoleVisitor:
		// The lawyer is asked again: the pending TTL from now, never past
		// the new start.
		respondBy := now.Add(cfg.BookingPendingTTL)
		if respondBy.After(start) {
			respondBy = start
		}
		respondBy = respondBy.Truncate(time.Second)
		nb.RespondBy, nb.RequestedAt = &respondBy, now
	case to == domain.BookingPending:
		if nb.RespondBy != nil && nb.RespondBy.After(start) {
			rb := start
			nb.RespondBy = &rb
		}
	default:
		nb.RespondBy = nil
		r.Reminders = domain.RemindersFor(nb, cfg.Reminders, now)
	}
	r.Booking = nb
	if q := got.Questions[b.QuestionID]; q.Phone != "" {
		// The visitor's data is kept the retention past the last booked end.
		if end := nb.End().Add(cfg.PIIRetention); end.After(q.PIIExpiresAt) {
			r.PIIUntil = end
		}
	}
	// The lawyer's next open slot: the old slot opens, the new one is
	// taken. The stored one stands unless it is the new slot (or none, or
	// past): then it is read from the slots.
	next := l.StoredNext(now)
	if next == nil || next.Start.Equal(start) {
		d.findNext = true
	} else {
		r.Next = sooner(next, freedSlot(b, now))
		r.SetNext = l.NextChanged(r.Next)
	}
	d.r = r
	return d, nil
}

// freedSlot is booking b's slot, open again, when it is still ahead at now
// (nil otherwise).
func freedSlot(b domain.Booking, now time.Time) *domain.Slot {
	if !b.Start.After(now) {
		return nil
	}
	sl := b.Slot()
	sl.Status, sl.BookingID, sl.QuestionID = domain.SlotOpen, "", ""
	return &sl
}

// sooner is the sooner of two slots (either may be nil).
func sooner(a, b *domain.Slot) *domain.Slot {
	switch {
	case a == nil:
		return b
	case b == nil || !b.Start.Before(a.Start):
		return a
	}
	return b
}

// ReviewBooking records the visitor's verified review of a completed
// consultation, once: 1-5 stars and an optional text, redacted (with the
// visitor's name) before it is stored, and counted in the lawyer's rating
// in the same transaction. Returns the review as the public reads it.
// Returns EUnauthenticated, EForbidden (anyone but the visitor),
// ENotFound, EInvalid, EInvalidState (not completed), EConflict (reviewed
// already).
func (s *Service) ReviewBooking(ctx context.Context, c Caller, id string, in domain.ReviewInput) (domain.ReviewView, error) {
	if err := in.Validate(); err != nil {
		return domain.ReviewView{}, err
	}
	var view domain.ReviewView
	err := retryStale(ctx, func() error {
		b, got, role, err := s.findBooking(ctx, c, id)
		if err != nil {
			return err
		}
		nr, err := decideReview(b, role, got, in, s.Now().UTC().Truncate(time.Millisecond))
		if err != nil {
			return err
		}
		if err := s.store.CreateReview(ctx, nr); err != nil {
			return err
		}
		view = nr.Review.View()
		return nil
	})
	return view, err
}

// decideReview decides role's review of booking b, read with its lawyer
// and question (got), at now. Returns EForbidden, ENotFound,
// EInvalidState, EConflict.
func decideReview(b domain.Booking, role domain.Role, got domain.Batch, in domain.ReviewInput, now time.Time) (domain.NewReview, error) {
	switch {
	case role != domain.RoleVisitor:
		return domain.NewReview{}, domain.Errorf(domain.EForbidden, "only the visitor who had the consultation may review it")
	case b.Reviewed:
		return domain.NewReview{}, domain.Errorf(domain.EConflict, "this consultation has been reviewed already")
	case b.Status != domain.BookingCompleted:
		return domain.NewReview{}, domain.Errorf(domain.EInvalidState, "only a completed consultation can be reviewed (this one is %s)", b.Status)
	}
	l, ok := got.Lawyers[b.LawyerID]
	if !ok {
		return domain.NewReview{}, domain.Errorf(domain.ENotFound, "no lawyer %s", b.LawyerID)
	}
	q := got.Questions[b.QuestionID]
	return domain.NewReviewOf(b, l, in, q.Name, now), nil
}

// FindReviews lists a lawyer's verified reviews, newest first, with the
// text redacted and nothing of who wrote them. Returns ENotFound,
// EInvalid.
func (s *Service) FindReviews(ctx context.Context, lawyerID string, limit int, cursor string) (domain.Page[domain.ReviewView], error) {
	f := domain.FieldErrors{}
	limit = limitOf(&f, limit)
	if err := f.Err(); err != nil {
		return domain.Page[domain.ReviewView]{}, err
	}
	var l domain.Lawyer
	var page domain.Page[domain.Review]
	err := together(
		func() (err error) { l, err = s.store.FindLawyerByID(ctx, lawyerID); return err },
		func() (err error) { page, err = s.store.FindReviews(ctx, lawyerID, limit, cursor); return err })
	if err != nil {
		return domain.Page[domain.ReviewView]{}, err
	}
	if !l.Active {
		return domain.Page[domain.ReviewView]{}, domain.Errorf(domain.ENotFound, "no lawyer %s", lawyerID)
	}
	out := domain.Page[domain.ReviewView]{Items: make([]domain.ReviewView, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, r := range page.Items {
		out.Items = append(out.Items, r.View())
	}
	return out, nil
}

// WithdrawSlot removes an open slot from a lawyer's calendar; a held or
// booked one stays (EInvalidState: its booking must be cancelled or moved
// first). The lawyer's next open slot follows in the same transaction.
// The lawyer and the firm's staff only. Returns EUnauthenticated,
// EForbidden, ENotFound, EInvalidState.
func (s *Service) WithdrawSlot(ctx context.Context, who auth.Identity, lawyerID string, start time.Time) error {
	if err := requireAuth(who); err != nil {
		return err
	}
	return retryStale(ctx, func() error {
		now := s.Now().UTC()
		got, err := s.store.Read(ctx, domain.Keys{Lawyers: []string{lawyerID}, Slots: []domain.SlotKey{{LawyerID: lawyerID, Start: start}}, Consistent: true, At: now})
		if err != nil {
			return err
		}
		l, ok := got.Lawyers[lawyerID]
		if !ok {
			return domain.Errorf(domain.ENotFound, "no lawyer %s", lawyerID)
		}
		if !who.IsLawyer(l.ID) && !who.IsStaffOf(l.FirmID) {
			return domain.Errorf(domain.EForbidden, "only the lawyer and the firm's staff may withdraw the lawyer's slots")
		}
		sl, ok := got.Slot(l.ID, start)
		switch {
		case !ok:
			return domain.Errorf(domain.ENotFound, "the lawyer has no slot at %s", start.Format(time.RFC3339))
		case sl.Status != domain.SlotOpen:
			return domain.Errorf(domain.EInvalidState, "the slot at %s is %s: cancel or move its booking first", start.Format(time.RFC3339), sl.Status)
		}
		// The next open slot: the stored one, unless it is this slot (or
		// has passed), when the next is read from the slots.
		next, find := l.NextAfterHold(start, now)
		if find {
			if next, err = s.store.FirstOpenSlot(ctx, l.ID, now, start); err != nil {
				return err
			}
		}
		return s.store.WithdrawSlot(ctx, l, start, l.NextChanged(next), next)
	})
}

// FindLawyer returns a lawyer's public profile with the firm's contact
// block and the median of the lawyer's last response times: the profile
// and the times in one batch, then the firm. Returns ENotFound (also for
// an inactive lawyer).
func (s *Service) FindLawyer(ctx context.Context, id string) (domain.LawyerProfile, error) {
	got, err := s.store.Read(ctx, domain.Keys{Lawyers: []string{id}, Responses: []string{id}, At: s.Now()})
	if err != nil {
		return domain.LawyerProfile{}, err
	}
	l, ok := got.Lawyers[id]
	if !ok || !l.Active {
		return domain.LawyerProfile{}, domain.Errorf(domain.ENotFound, "no lawyer %s", id)
	}
	f, err := s.store.FindFirmByID(ctx, l.FirmID)
	if err != nil && domain.ErrorCode(err) != domain.ENotFound {
		return domain.LawyerProfile{}, err
	}
	var fc *domain.FirmContact
	if err == nil {
		c := f.Contact()
		fc = &c
	}
	return domain.LawyerProfile{PublicLawyer: l.Public(fc), ResponseMinutesMedian: got.Responses[id].Median()}, nil
}
