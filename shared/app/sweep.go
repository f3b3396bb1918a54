package app

import (
	"context"
	"errors"
	"time"
)

// SweepReport counts what one sweep did.
type SweepReport struct {
	// BookingsExpired counts pending bookings past their deadline.
	BookingsExpired int `json:"bookingsExpired"`
	// NextSlotsMended counts lawyers whose next open slot had begun unbooked.
	NextSlotsMended int `json:"nextSlotsMended"`
	// NotificationsRetried counts unsent notifications tried again.
	NotificationsRetried int `json:"notificationsRetried"`
}

// sweepRetryAfter is how old an unsent notification must be before the
// sweep tries it: the stream's own delivery goes first.
const sweepRetryAfter = 2 * time.Minute

// Sweep runs the periodic maintenance that time, not a request, makes
// due. The scheduled sweeper function runs it every five minutes in AWS;
// the local server on a timer. Each job goes on when another fails.
func (s *Service) Sweep(ctx context.Context) (SweepReport, error) {
	var rep SweepReport
	var errs []error
	n, err := s.ExpireBookings(ctx)
	rep.BookingsExpired = n
	errs = append(errs, err)
	n, err = s.SweepNextSlots(ctx)
	rep.NextSlotsMended = n
	errs = append(errs, err)
	if s.Notifier != nil {
		n, err = s.DeliverPending(ctx, s.Notifier, sweepRetryAfter, 100)
		rep.NotificationsRetried = n
		errs = append(errs, err)
	}
	return rep, errors.Join(errs...)
}
