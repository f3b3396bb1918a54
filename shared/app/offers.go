package app

import (
	"context"
	"time"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// AnswerOffer is the visitor's answer to a firm's offer on their
// question: accepting it lets that firm see their contact (the question
// becomes its lead, and the other firms' waiting offers are declined);
// declining withdraws it. Answering an offer again the same way changes
// nothing. The visitor only. Returns EUnauthenticated, EForbidden,
// ENotFound (question, offer), EInvalidState (the offer was answered the
// other way), EConflict (the question is booked with another firm).
func (s *Service) AnswerOffer(ctx context.Context, questionID, offerID, token string, accept bool) (domain.OfferView, error) {
	var out domain.OfferView
	err := retryStale(ctx, func() error {
		q, err := s.visitorQuestion(ctx, questionID, token)
		if err != nil {
			return err
		}
		a, done, err := decideAnswer(q, offerID, accept, s.Now().UTC())
		if err != nil {
			return err
		}
		if !done {
			if err := s.store.AnswerOffer(ctx, a); err != nil {
				return err
			}
			status := domain.OfferDeclined
			if accept {
				status = domain.OfferAccepted
			}
			a.Lead.Offer.Status, a.Lead.Offer.DecidedAt = status, &a.At
		}
		views, err := s.offerViews(ctx, []domain.Lead{a.Lead})
		if err != nil {
			return err
		}
		out = views[0]
		return nil
	})
	return out, err
}

// decideAnswer decides the visitor's answer to offer offerID of question
// q: what to write, or done when the offer already stands answered so.
func decideAnswer(q domain.Question, offerID string, accept bool, now time.Time) (a domain.OfferAnswer, done bool, err error) {
	if q.Erased() {
		return a, false, domain.Errorf(domain.ENotFound, "the question was erased")
	}
	a = domain.OfferAnswer{Question: q, Accept: accept, At: now}
	found := false
	for _, l := range q.Leads {
		switch {
		case l.Offer == nil:
		case l.Offer.ID == offerID:
			a.Lead, found = l, true
		case l.Offer.Status == domain.OfferWaiting:
			a.Others = append(a.Others, l)
		}
	}
	if !found {
		return a, false, domain.Errorf(domain.ENotFound, "no offer %s on this question", offerID)
	}
	want := domain.OfferDeclined
	if accept {
		want = domain.OfferAccepted
	}
	switch a.Lead.Offer.Status {
	case want:
		return a, true, nil
	case domain.OfferWaiting:
	default:
		return a, false, domain.Errorf(domain.EInvalidState, "this offer was already %s", a.Lead.Offer.Status)
	}
	switch {
	case !accept:
		a.Others = nil
	case q.OpenBooking != "" && q.LeadFirm != a.Lead.FirmID:
		return a, false, domain.Errorf(domain.EConflict, "the question is booked with another firm; cancel that booking before accepting this offer")
	default:
		// The firm counts the question now that the visitor chose it.
		a.Funnel = domain.FunnelTo(q, &a.Lead, a.Lead.FirmID, q.ReachedStep())
		a.Funnel.All = nil
	}
	return a, false, nil
}

// offerViews shows the offers of leads with each firm's public contact
// block and the offering lawyer's public card.
func (s *Service) offerViews(ctx context.Context, leads []domain.Lead) ([]domain.OfferView, error) {
	var firmIDs []string
	lawyers := map[string]*domain.PublicLawyer{}
	for _, l := range leads {
		if l.Offer == nil {
			continue
		}
		firmIDs = append(firmIDs, l.FirmID)
		if _, ok := lawyers[l.Offer.LawyerID]; !ok {
			lw, err := s.store.FindLawyerByID(ctx, l.Offer.LawyerID)
			if err != nil && domain.ErrorCode(err) != domain.ENotFound {
				return nil, err
			}
			var p *domain.PublicLawyer
			if err == nil {
				pl := lw.Public(nil)
				p = &pl
			}
			lawyers[l.Offer.LawyerID] = p
		}
	}
	firms, err := s.store.FindFirmsByIDs(ctx, firmIDs)
	if err != nil {
		return nil, err
	}
	out := []domain.OfferView{}
	for _, l := range leads {
		if l.Offer == nil {
			continue
		}
		v := domain.OfferView{ID: l.Offer.ID, Lawyer: lawyers[l.Offer.LawyerID], CreatedAt: l.Offer.CreatedAt, Status: l.Offer.Status, DecidedAt: l.Offer.DecidedAt}
		if f, ok := firms[l.FirmID]; ok {
			c := f.Contact()
			v.Firm = &c
		}
		out = append(out, v)
	}
	return out, nil
}
