package app

import (
	"context"
	"time"

	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// Slot listing bounds.
const (
	DefaultSlotDays = 14
	MaxSlotDays     = 62
)

// PublishSlots adds open slots to a lawyer's calendar. The lawyer and the
// firm's staff only. Returns EUnauthenticated, EForbidden, ENotFound,
// EInvalid (past, misaligned or too long slots), EConflict (overlap).
func (s *Service) PublishSlots(ctx context.Context, who auth.Identity, lawyerID string, in domain.SlotsInput) ([]domain.SlotView, error) {
	if err := requireAuth(who); err != nil {
		return nil, err
	}
	l, err := s.store.FindLawyerByID(ctx, lawyerID)
	if err != nil {
		return nil, err
	}
	if !who.IsLawyer(l.ID) && !who.IsStaffOf(l.FirmID) {
		return nil, domain.Errorf(domain.EForbidden, "only the lawyer and the firm's staff may publish the lawyer's slots")
	}
	now := s.Now()
	slots, err := in.Validate(l.ID, now)
	if err != nil {
		return nil, err
	}
	if err := s.store.PublishSlots(ctx, l.ID, slots, now); err != nil {
		return nil, err
	}
	out := make([]domain.SlotView, len(slots))
	for i, sl := range slots {
		out[i] = sl.View(l.TimeZone)
	}
	return out, nil
}

// SlotQuery selects a lawyer's open slots; zero times mean now and
// DefaultSlotDays later.
type SlotQuery struct {
	LawyerID string
	From, To time.Time
	Limit    int
	Cursor   string
}

// FindOpenSlots lists a lawyer's open, bookable slots, soonest first:
// none that starts sooner than the minimum notice. Returns ENotFound,
// EInvalid.
func (s *Service) FindOpenSlots(ctx context.Context, q SlotQuery) (domain.Page[domain.SlotView], error) {
	now := s.Now()
	f := domain.FieldErrors{}
	limit := limitOf(&f, q.Limit)
	from, to := q.From, q.To
	if soonest := now.Add(s.cfg.MinNotice); from.IsZero() || from.Before(soonest) {
		from = soonest
	}
	if to.IsZero() {
		to = from.AddDate(0, 0, DefaultSlotDays)
	}
	switch {
	case !to.After(from):
		f.Add("to", domain.CodeOrder, "must be after from (and after now)")
	case to.Sub(from) > MaxSlotDays*24*time.Hour:
		f.Add("to", domain.CodeOrder, "must be at most 62 days after from")
	}
	if err := f.Err(); err != nil {
		return domain.Page[domain.SlotView]{}, err
	}
	l, err := s.store.FindLawyerByID(ctx, q.LawyerID)
	if err != nil {
		return domain.Page[domain.SlotView]{}, err
	}
	if !l.Active {
		return domain.Page[domain.SlotView]{}, domain.Errorf(domain.ENotFound, "no lawyer %s", q.LawyerID)
	}
	page, err := s.store.FindSlots(ctx, domain.SlotFilter{
		LawyerID: l.ID, From: from.Add(time.Minute - 1).Truncate(time.Minute), To: to, Status: domain.SlotOpen,
		Limit: limit, Cursor: q.Cursor,
	})
	if err != nil {
		return domain.Page[domain.SlotView]{}, err
	}
	out := domain.Page[domain.SlotView]{Items: make([]domain.SlotView, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, sl := range page.Items {
		out.Items = append(out.Items, sl.View(l.TimeZone))
	}
	return out, nil
}
