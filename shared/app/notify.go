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
	if item.Status != domain.OutboxPending || (item.NotBefore != nil && item.NotBefore.After(s.Now())) {
		// Sent already, or held back until it falls due: the sweep sends
		// it then (it waits in the unsent index by that time).
		return nil
	}
	msgs, err := s.messages(ctx, item)
	if domain.ErrorCode(err) == domain.ENotFound {
		// The booking, its lawyer or the question is gone: nothing to
		// tell, nothing to retry.
		err = s.store.MarkOutbox(ctx, item.ID, domain.OutboxFailed, "nothing to send: "+err.Error(), s.Now())
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
		if m.Kind == domain.NoticeSubmitted {
			// Anyone may name any phone: a recipient gets a few links a
			// day at most, whoever asks.
			l := domain.NewRateLimit(s.subject("link-to", m.Address), domain.LinkSendsPerDay, 24*time.Hour, s.Now())
			if err := s.store.HitRateLimit(ctx, l, "private links"); domain.ErrorCode(err) == domain.ERateLimited {
				continue
			} else if err != nil {
				return err
			}
		}
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
	now := s.Now()
	switch item.Kind {
	case domain.NoticeSubmitted, domain.NoticeAnswerPosted:
		return s.linkMessages(ctx, item, now)
	case domain.NoticeFollowUp:
		p, err := s.parties(ctx, item.LawyerID, item.QuestionID, now)
		if err != nil || s.cfg.WebOrigin == "" {
			return nil, errors.Join(err, domain.Errorf(domain.ENotFound, "WEB_ORIGIN is not set"))
		}
		return domain.FollowUpMessages(item.QuestionID, s.cfg.WebOrigin+"/#/lawyer/qa", p.lawyerContact), nil
	}
	if item.BookingID == "" {
		// A firm's offer: to the visitor that a firm offers to follow up,
		// to the offering lawyer what the visitor answered.
		p, err := s.parties(ctx, item.LawyerID, item.QuestionID, now)
		if err != nil {
			return nil, err
		}
		return domain.OfferMessages(item.Kind, item.QuestionID, p.lawyer, p.lawyerContact, p.visitor, p.firm), nil
	}
	b, err := s.store.FindBookingByID(ctx, item.BookingID)
	if err != nil {
		return nil, err
	}
	p, err := s.parties(ctx, b.LawyerID, b.QuestionID, now)
	if err != nil {
		return nil, err
	}
	return domain.Messages(item.Kind, b, p.lawyer, p.lawyerContact, p.visitor, p.firm, now), nil
}

// linkMessages compose a question's private link for its visitor's
// contact as it is now (nothing once erased): the submission's
// confirmation, or news of answers. Returns ENotFound (the question, or
// no WebOrigin).
func (s *Service) linkMessages(ctx context.Context, item domain.OutboxItem, now time.Time) ([]domain.Message, error) {
	got, err := s.store.Read(ctx, domain.Keys{Questions: []string{item.QuestionID}, At: now})
	if err != nil {
		return nil, err
	}
	q, ok := got.Questions[item.QuestionID]
	if !ok {
		return nil, domain.Errorf(domain.ENotFound, "no question %s", item.QuestionID)
	}
	if q.Erased() {
		return nil, nil
	}
	link, ok := s.privateLink(q)
	if !ok {
		return nil, domain.Errorf(domain.ENotFound, "no private link for question %s", q.ID)
	}
	if item.Kind == domain.NoticeAnswerPosted {
		return domain.AnswerMessages(q.ID, link, q.Contact()), nil
	}
	return domain.LinkMessages(q.ID, link, q.Contact()), nil
}

// privateLink is question q's page for its visitor, when it can be made:
// WebOrigin set, and q's token derived from the secret (its hash
// matches).
func (s *Service) privateLink(q domain.Question) (string, bool) {
	if !s.linksSendable() {
		return "", false
	}
	token, hash := domain.DerivedVisitorToken(s.cfg.Secret, q.ID)
	if hash != q.TokenHash {
		return "", false
	}
	return s.PrivateLink(q.ID, token), true
}

// parties are the two sides of a notification as they are now: the
// lawyer with their direct contact and firm, the visitor's contact (empty
// once erased).
type parties struct {
	lawyer        domain.Lawyer
	lawyerContact domain.Contact
	firm          domain.FirmContact
	visitor       domain.Contact
}

// parties reads, in one batch, the lawyer, their direct contact and the
// question, then the lawyer's firm. Returns ENotFound (the lawyer).
func (s *Service) parties(ctx context.Context, lawyerID, questionID string, now time.Time) (parties, error) {
	got, err := s.store.Read(ctx, domain.Keys{Lawyers: []string{lawyerID}, LawyerContacts: []string{lawyerID}, Questions: []string{questionID}, At: now})
	if err != nil {
		return parties{}, err
	}
	l, ok := got.Lawyers[lawyerID]
	if !ok {
		return parties{}, domain.Errorf(domain.ENotFound, "no lawyer %s", lawyerID)
	}
	p := parties{lawyer: l, lawyerContact: got.LawyerContacts[lawyerID], visitor: got.Questions[questionID].Contact()}
	p.lawyerContact.Name = l.Name
	f, err := s.store.FindFirmByID(ctx, l.FirmID)
	if err != nil && domain.ErrorCode(err) != domain.ENotFound {
		return parties{}, err
	}
	p.firm = f.Contact()
	return p, nil
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
