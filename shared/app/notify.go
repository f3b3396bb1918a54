package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
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

// claimLease is how long a sender holds a notification it claimed: longer
// than any sender runs (the notify function's timeout is 30 s, the
// sweeper's 60 s), so that another sender takes a claimed notification
// over only from one that died.
const claimLease = 3 * time.Minute

// errNothingToSend: what a notification tells of no longer holds (a
// reminder of a booking cancelled, moved or begun meanwhile); it is
// dropped unsent.
var errNothingToSend = errors.New("nothing to send any more")

// Deliver sends the messages of one outbox item and records the outcome:
// sent; or, when a send fails, pending again for the next sweep until
// MaxSendAttempts, then failed. Addresses are read now, so a visitor who
// erased their data meanwhile gets nothing. A failure never touches the
// booking.
//
// Each message is sent exactly once, however many senders meet the item
// (the table's stream and overlapping sweeps) and however often it is
// retried: a sender first claims the item (a conditional write: pending
// and held by nobody, for claimLease), and only the sender holding the
// claim sends; each message it delivers is recorded on the item
// (Delivered) with the outcome, so that a retry after a partial failure
// sends only the messages that failed. The one window left is a sender
// that dies between a provider accepting a message and the record of it:
// after the lease, the next sender sends that message again.
func (s *Service) Deliver(ctx context.Context, n Notifier, item domain.OutboxItem) error {
	now := s.Now()
	if item.Status != domain.OutboxPending || (item.NotBefore != nil && item.NotBefore.After(now)) {
		// Sent already, or held back until it falls due: the sweep sends
		// it then (it waits in the unsent index by that time).
		return nil
	}
	claim := domain.NewID()
	item, err := s.store.ClaimOutbox(ctx, item.ID, claim, now, now.Add(claimLease))
	if domain.ErrorCode(err) == domain.EConflict || domain.ErrorCode(err) == domain.ENotFound {
		return nil // another sender has it, or it is done
	}
	if err != nil {
		return err
	}
	mark := func(status, lastError string, delivered []string) error {
		err := s.store.MarkOutbox(ctx, domain.OutboxMark{ID: item.ID, ClaimID: claim, Status: status, Delivered: delivered, LastError: lastError, At: s.Now()})
		if domain.ErrorCode(err) == domain.EConflict {
			return nil // the claim ran out and another sender took over
		}
		return err
	}
	msgs, err := s.messages(ctx, item)
	switch {
	case errors.Is(err, errNothingToSend):
		return mark(domain.OutboxDropped, err.Error(), nil)
	case domain.ErrorCode(err) == domain.ENotFound:
		// The booking, its lawyer or the question is gone: nothing to
		// tell, nothing to retry.
		return mark(domain.OutboxFailed, "nothing to send: "+err.Error(), nil)
	case err != nil:
		// The store did not answer: release the claim for the next try.
		return errors.Join(err, mark(domain.OutboxPending, err.Error(), nil))
	}
	var sendErr error
	var delivered []string
	for _, m := range msgs {
		if slices.Contains(item.Delivered, m.MessageKey()) {
			continue // sent by an earlier attempt
		}
		if m.Kind == domain.NoticeSubmitted {
			// Anyone may name any phone: a recipient gets a few links a
			// day at most, whoever asks.
			l := domain.NewRateLimit(s.subject("link-to", m.Address), domain.LinkSendsPerDay, 24*time.Hour, s.Now())
			if err := s.store.HitRateLimit(ctx, l, "private links"); domain.ErrorCode(err) == domain.ERateLimited {
				continue
			} else if err != nil {
				return errors.Join(err, mark(domain.OutboxPending, err.Error(), delivered))
			}
		}
		if err := n.Send(ctx, m); err != nil {
			// Recorded on the item: without the address the provider echoes.
			sendErr = errors.Join(sendErr, errors.New(m.SendFailure(err)))
			continue
		}
		delivered = append(delivered, m.MessageKey())
	}
	switch {
	case sendErr == nil:
		return mark(domain.OutboxSent, "", delivered)
	case item.Attempts >= MaxSendAttempts: // the claim counted this one
		return mark(domain.OutboxFailed, sendErr.Error(), delivered)
	}
	return mark(domain.OutboxPending, sendErr.Error(), delivered)
}

// messages composes what item tells, with the addresses as they are now.
func (s *Service) messages(ctx context.Context, item domain.OutboxItem) ([]domain.Message, error) {
	now := s.Now()
	switch item.Kind {
	case domain.NoticeSubmitted, domain.NoticeAnswerPosted:
		return s.linkMessages(ctx, item, now)
	case domain.NoticeFollowUp:
		p, err := s.parties(ctx, item.LawyerID, item.QuestionID, "", now)
		if err != nil || s.cfg.WebOrigin == "" {
			return nil, errors.Join(err, domain.Errorf(domain.ENotFound, "WEB_ORIGIN is not set"))
		}
		return domain.FollowUpMessages(item.QuestionID, s.cfg.WebOrigin+"/#/lawyer/qa", p.lawyerContact), nil
	}
	if item.BookingID == "" {
		// A firm's offer: to the visitor that a firm offers to follow up,
		// to the offering lawyer what the visitor answered.
		p, err := s.parties(ctx, item.LawyerID, item.QuestionID, "", now)
		if err != nil {
			return nil, err
		}
		return domain.OfferMessages(item.Kind, item.QuestionID, p.lawyer, p.lawyerContact, p.visitor, p.firm), nil
	}
	b, err := s.store.FindBookingByID(ctx, item.BookingID)
	if err != nil {
		return nil, err
	}
	if item.Kind == domain.NoticeReminder && !domain.StillDue(b, item.Sequence, now) {
		return nil, fmt.Errorf("%w: booking %s is %s, sequence %d (the reminder's %d)", errNothingToSend, b.ID, b.Status, b.Sequence, item.Sequence)
	}
	p, err := s.parties(ctx, b.LawyerID, b.QuestionID, b.FirmID, now)
	if err != nil {
		return nil, err
	}
	notice := domain.Notice{Kind: item.Kind, By: item.By, Offset: item.Offset}
	if item.Kind == domain.NoticeReminder || item.Kind == domain.NoticeRescheduled {
		// These ask the recipient to act: the visitor's private link, the
		// lawyer's workspace.
		notice.VisitorLink, _ = s.privateLink(p.question)
		if s.cfg.WebOrigin != "" {
			notice.LawyerLink = s.cfg.WebOrigin + "/#/lawyer/upcoming"
			if b.Status == domain.BookingPending {
				notice.LawyerLink = s.cfg.WebOrigin + "/#/lawyer/inbox"
			}
		}
	}
	return domain.MessagesFor(notice, b, p.lawyer, p.lawyerContact, p.visitor, p.firm, now), nil
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
	question      domain.Question
}

// parties reads, in one batch, the lawyer, their direct contact and the
// question, and the lawyer's firm with them when firmID names it (a
// booking does), else after the lawyer. Returns ENotFound (the lawyer).
func (s *Service) parties(ctx context.Context, lawyerID, questionID, firmID string, now time.Time) (parties, error) {
	k := domain.Keys{Lawyers: []string{lawyerID}, LawyerContacts: []string{lawyerID}, Questions: []string{questionID}, At: now}
	if firmID != "" {
		k.Firms = []string{firmID}
	}
	got, err := s.store.Read(ctx, k)
	if err != nil {
		return parties{}, err
	}
	l, ok := got.Lawyers[lawyerID]
	if !ok {
		return parties{}, domain.Errorf(domain.ENotFound, "no lawyer %s", lawyerID)
	}
	q := got.Questions[questionID]
	p := parties{lawyer: l, lawyerContact: got.LawyerContacts[lawyerID], visitor: q.Contact(), question: q}
	p.lawyerContact.Name = l.Name
	f, ok := got.Firms[l.FirmID]
	if !ok && firmID != l.FirmID {
		if f, err = s.store.FindFirmByID(ctx, l.FirmID); err != nil && domain.ErrorCode(err) != domain.ENotFound {
			return parties{}, err
		}
	}
	p.firm = f.Contact()
	return p, nil
}

// deliverWorkers is how many notifications DeliverPending sends at once.
const deliverWorkers = 4

// DeliverPending sends the notifications that are due, oldest first, at
// most limit: those held back until now (reminders, a digest of answers)
// and those unsent that were written before olderThan ago (the table's
// stream sends a new one at once; this retries). It returns how many it
// tried. The local server runs it every few seconds; in AWS the sweeper.
// Two of them running at once send each message once (see Deliver).
func (s *Service) DeliverPending(ctx context.Context, n Notifier, olderThan time.Duration, limit int) (int, error) {
	now := s.Now()
	items, err := s.store.FindPendingOutbox(ctx, now.Add(time.Millisecond), limit)
	if err != nil {
		return 0, err
	}
	var due []domain.OutboxItem
	for _, it := range items {
		if it.NotBefore != nil || !it.CreatedAt.After(now.Add(-olderThan)) {
			due = append(due, it)
		}
	}
	errs := make([]error, len(due))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(deliverWorkers, len(due)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				errs[i] = s.Deliver(ctx, n, due[i])
			}
		}()
	}
	for i := range due {
		work <- i
	}
	close(work)
	wg.Wait()
	return len(due), errors.Join(errs...)
}
