package app

import (
	"context"
	"errors"
)

// SweepReport counts what one sweep did.
type SweepReport struct {
	// NextSlotsMended counts lawyers whose next open slot had begun unbooked.
	NextSlotsMended int `json:"nextSlotsMended"`
}

// Sweep runs the periodic maintenance that time, not a request, makes
// due. The scheduled sweeper function runs it every five minutes in AWS;
// the local server on a timer. Each job goes on when another fails.
func (s *Service) Sweep(ctx context.Context) (SweepReport, error) {
	var rep SweepReport
	var errs []error
	n, err := s.SweepNextSlots(ctx)
	rep.NextSlotsMended = n
	errs = append(errs, err)
	return rep, errors.Join(errs...)
}
