package app

import (
	"context"
	"errors"
	"time"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// Notifier sends one message: SES e-mail and SNS text messages in AWS,
// a log line without personal data locally.
type Notifier interface {
	Send(ctx context.Context, m domain.Message) error
}

// MaxSendAttempts is how often a notification is tried before it is given
// up (marked failed, left for an operator).
const MaxSendAttempts = 5

// Deliver sends the messages of one outbox item and records the outcome:
// sent; or, when a send fails, pending again for the next sweep until
// MaxSendAttempts, then failed. Addresses are read now, so a visitor who
// erased their data meanwhile gets nothing. A failure never touches the
// booking.
func (s *Service) Deliver(ctx context.Context, n Notifier, item domain.OutboxItem) error {
	if item.Status != domain.OutboxPending {
		return nil
	}
	msgs, err := s.messages(ctx, item)
	if domain.ErrorCode(err) == domain.ENotFound {
		// The booking or its lawyer is gone: nothing to tell, nothing to retry.
		err = s.store.MarkOutbox(ctx, item.ID, domain.OutboxFailed, "booking not found", s.Now())
		if domain.ErrorCode(err) == domain.EConflict || domain.ErrorCode(err) == domain.ENotFound {
			return nil
		}
		return err
	}
	if err != nil {
		return err
	}
	var sendErr error
	for _, m := range msgs {
		sendErr = errors.Join(sendErr, n.Send(ctx, m))
	}
	now := s.Now()
	switch {
	case sendErr == nil:
		err = s.store.MarkOutbox(ctx, item.ID, domain.OutboxSent, "", now)
	case item.Attempts+1 >= MaxSendAttempts:
		err = s.store.MarkOutbox(ctx, item.ID, domain.OutboxFailed, sendErr.Error(), now)
	default:
		err = s.store.MarkOutbox(ctx, item.ID, domain.OutboxPending, sendErr.Error(), now)
	}
	if domain.ErrorCode(err) == domain.EConflict {
		return nil // another sender recorded it first
	}
	return err
}

// messages composes what item tells, with the addresses as they are now.
func (s *Service) messages(ctx context.Context, item domain.OutboxItem) ([]domain.Message, error) {
	if item.BookingID == "" {
		return s.offerMessages(ctx, item)
	}
	b, err := s.store.FindBookingByID(ctx, item.BookingID)
	if err != nil {
		return nil, err
	}
	l, err := s.store.FindLawyerByID(ctx, b.LawyerID)
	if err != nil {
		return nil, err
	}
	lawyerContact, err := s.store.FindLawyerContact(ctx, b.LawyerID)
	if err != nil {
		return nil, err
	}
	firm, err := s.store.FindFirmByID(ctx, l.FirmID)
	if err != nil && domain.ErrorCode(err) != domain.ENotFound {
		return nil, err
	}
	qs, err := s.store.FindQuestionsByIDs(ctx, []string{b.QuestionID}, s.Now())
	if err != nil {
		return nil, err
	}
	lawyerContact.Name = l.Name
	return domain.Messages(item.Kind, b, l, lawyerContact, qs[b.QuestionID].Contact(), firm.Contact(), s.Now()), nil
}

// DeliverPending sends the notifications still unsent that were written
// before olderThan ago, oldest first, at most limit; it returns how many
// it tried. The local server runs it every few seconds; in AWS the table's
// stream sends at once and the sweeper retries what failed.
func (s *Service) DeliverPending(ctx context.Context, n Notifier, olderThan time.Duration, limit int) (int, error) {
	items, err := s.store.FindPendingOutbox(ctx, s.Now().Add(-olderThan), limit)
	if err != nil {
		return 0, err
	}
	var errs []error
	for _, it := range items {
		errs = append(errs, s.Deliver(ctx, n, it))
	}
	return len(items), errors.Join(errs...)
}

// offerMessages composes the news of a firm's offer: to the visitor (who
// has not erased their data) that a firm offers to follow up, to the
// offering lawyer what the visitor answered.
func (s *Service) offerMessages(ctx context.Context, item domain.OutboxItem) ([]domain.Message, error) {
	l, err := s.store.FindLawyerByID(ctx, item.LawyerID)
	if err != nil {
		return nil, err
	}
	lawyerContact, err := s.store.FindLawyerContact(ctx, item.LawyerID)
	if err != nil {
		return nil, err
	}
	firm, err := s.store.FindFirmByID(ctx, l.FirmID)
	if err != nil && domain.ErrorCode(err) != domain.ENotFound {
		return nil, err
	}
	qs, err := s.store.FindQuestionsByIDs(ctx, []string{item.QuestionID}, s.Now())
	if err != nil {
		return nil, err
	}
	lawyerContact.Name = l.Name
	return domain.OfferMessages(item.Kind, item.QuestionID, l, lawyerContact, qs[item.QuestionID].Contact(), firm.Contact()), nil
}
