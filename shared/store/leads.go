package store

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// leadItem says that a question is a lead of a firm: written when the
// question is first booked with one of the firm's lawyers, or when the
// firm's staff offer to follow it up from the unassigned pool, and kept
// current by the booking's transitions and the visitor's answer to the
// offer. It is listed for the firm's staff in GSI1 "LEADS#<firm>", newest
// question first. It holds no personal data: views read it from the
// question, so erasure reaches them. Whether the firm may see the
// visitor's contact follows from it (domain.Lead.ContactAllowed): a
// confirmed booking with its lawyer, or its offer accepted by the visitor.
type leadItem struct {
	PK               string     `dynamodbav:"pk"`
	SK               string     `dynamodbav:"sk"`
	Type             string     `dynamodbav:"type"`
	GSI1PK           string     `dynamodbav:"gsi1pk"`
	GSI1SK           string     `dynamodbav:"gsi1sk"`
	FirmID           string     `dynamodbav:"firmId"`
	QuestionID       string     `dynamodbav:"questionId"`
	Area             string     `dynamodbav:"area"`
	City             string     `dynamodbav:"city,omitempty"`
	Status           string     `dynamodbav:"status"`
	LawyerID         string     `dynamodbav:"lawyerId,omitempty"`
	BookingID        string     `dynamodbav:"bookingId,omitempty"`
	AssignedTo       string     `dynamodbav:"assignedTo,omitempty"`
	BookingConfirmed bool       `dynamodbav:"bookingConfirmed"`
	OfferID          string     `dynamodbav:"offerId,omitempty"`
	OfferLawyerID    string     `dynamodbav:"offerLawyerId,omitempty"`
	OfferStatus      string     `dynamodbav:"offerStatus,omitempty"`
	OfferedAt        *time.Time `dynamodbav:"offeredAt,omitempty"`
	OfferDecidedAt   *time.Time `dynamodbav:"offerDecidedAt,omitempty"`
	CreatedAt        time.Time  `dynamodbav:"createdAt"`
	UpdatedAt        time.Time  `dynamodbav:"updatedAt"`
	// Counted are the funnel steps the firm counted (a string set).
	Counted []string `dynamodbav:"counted,stringset,omitempty"`
}

func (i leadItem) domain() domain.Lead {
	l := domain.Lead{
		FirmID: i.FirmID, QuestionID: i.QuestionID, Area: i.Area, City: i.City, Status: i.Status,
		LawyerID: i.LawyerID, BookingID: i.BookingID, AssignedTo: i.AssignedTo, BookingConfirmed: i.BookingConfirmed,
		CreatedAt: i.CreatedAt, UpdatedAt: i.UpdatedAt, CountedSteps: i.Counted,
	}
	if i.OfferID != "" {
		l.Offer = &domain.Offer{ID: i.OfferID, LawyerID: i.OfferLawyerID, Status: i.OfferStatus, DecidedAt: i.OfferDecidedAt}
		if i.OfferedAt != nil {
			l.Offer.CreatedAt = *i.OfferedAt
		}
	}
	return l
}

// newLeadItem is lead l of question q as first written.
func newLeadItem(q domain.Question, l domain.Lead) leadItem {
	it := leadItem{
		PK: questionPK(q.ID), SK: leadSK(l.FirmID), Type: typeLead,
		GSI1PK: firmLeadsPK(l.FirmID), GSI1SK: leadListSK(q.CreatedAt, q.ID),
		FirmID: l.FirmID, QuestionID: q.ID, Area: q.Area, City: q.City, Status: l.Status, LawyerID: l.LawyerID,
		BookingID: l.BookingID, AssignedTo: l.AssignedTo, BookingConfirmed: l.BookingConfirmed,
		CreatedAt: q.CreatedAt.UTC(), UpdatedAt: l.UpdatedAt.UTC(), Counted: l.CountedSteps,
	}
	if o := l.Offer; o != nil {
		at := o.CreatedAt.UTC()
		it.OfferID, it.OfferLawyerID, it.OfferStatus, it.OfferedAt = o.ID, o.LawyerID, o.Status, &at
	}
	return it
}

// FindLead returns the lead of question id at firm. Returns ENotFound.
func (s *Store) FindLead(ctx context.Context, questionID, firmID string) (domain.Lead, error) {
	var it leadItem
	if err := s.get(ctx, questionPK(questionID), leadSK(firmID), &it, "question %s is no lead of this firm", questionID); err != nil {
		return domain.Lead{}, err
	}
	return it.domain(), nil
}

// FindLeadsOf returns firmID's leads among the questions (by question
// ID), in one batch read.
func (s *Store) FindLeadsOf(ctx context.Context, firmID string, questionIDs []string) (map[string]domain.Lead, error) {
	items, err := s.batchGet(ctx, keysOf(questionIDs, func(id string) []map[string]types.AttributeValue {
		return []map[string]types.AttributeValue{key(questionPK(id), leadSK(firmID))}
	}))
	if err != nil {
		return nil, err
	}
	out := make(map[string]domain.Lead, len(items))
	for _, raw := range items {
		var it leadItem
		if err := ddb.UnmarshalMap(raw, &it); err != nil {
			return nil, err
		}
		out[it.QuestionID] = it.domain()
	}
	return out, nil
}

// linkLead returns the transaction item that makes q a lead of the firm
// of booking b (or moves the lead it already is to b): status booked, the
// booking not yet confirmed. Call it with the lead as read (zero when
// absent) and counting when the firm's funnel counts the question with
// this booking (a lead that was only an offer): the Put's condition
// catches a race, the Update's that the lead is still as read.
func (s *Store) linkLead(q domain.Question, lead domain.Lead, b domain.Booking, steps []string, now time.Time) (types.TransactWriteItem, error) {
	if lead.FirmID == "" {
		av, err := ddb.MarshalMap(newLeadItem(q, domain.Lead{FirmID: b.FirmID, Status: domain.QuestionBooked,
			LawyerID: b.LawyerID, BookingID: b.ID, UpdatedAt: now, CountedSteps: steps}))
		if err != nil {
			return types.TransactWriteItem{}, err
		}
		return types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: av, ConditionExpression: aws.String("attribute_not_exists(pk)")}}, nil
	}
	cond, upd := counting(ddb.AttributeExists(ddb.Name("pk")), leadBookingUpdate(b, domain.QuestionBooked, false, now), steps)
	u, err := s.update(questionPK(b.QuestionID), leadSK(b.FirmID), cond, upd)
	return types.TransactWriteItem{Update: u}, err
}

// leadBookingUpdate sets a lead's status, lawyer and booking as booking b
// now stands; confirmed says whether b is confirmed (or completed).
func leadBookingUpdate(b domain.Booking, questionStatus string, confirmed bool, now time.Time) ddb.UpdateBuilder {
	return ddb.Set(ddb.Name("status"), ddb.Value(questionStatus)).
		Set(ddb.Name("updatedAt"), ddb.Value(now.UTC())).
		Set(ddb.Name("lawyerId"), ddb.Value(b.LawyerID)).
		Set(ddb.Name("bookingId"), ddb.Value(b.ID)).
		Set(ddb.Name("bookingConfirmed"), ddb.Value(confirmed))
}

// ReassignLead names lawyerID as the lawyer who works lead l (and who
// makes its offer, while the visitor has not answered it). It changes no
// right to the visitor's contact. Returns ENotFound, domain.ErrStale when
// the lead's offer was answered meanwhile.
func (s *Store) ReassignLead(ctx context.Context, l domain.Lead, lawyerID string, now time.Time) error {
	p := s.newPlan()
	cond := ddb.AttributeExists(ddb.Name("pk"))
	upd := ddb.Set(ddb.Name("assignedTo"), ddb.Value(lawyerID)).
		Set(ddb.Name("updatedAt"), ddb.Value(now.UTC()))
	if l.Offer != nil && l.Offer.Status == domain.OfferWaiting {
		cond = cond.And(ddb.Name("offerStatus").Equal(ddb.Value(domain.OfferWaiting)))
		upd = upd.Set(ddb.Name("offerLawyerId"), ddb.Value(lawyerID))
	}
	if err := p.update("lead", questionPK(l.QuestionID), leadSK(l.FirmID), cond, upd); err != nil {
		return err
	}
	c, err := s.exec(ctx, p)
	if c.failed("lead") {
		return fmt.Errorf("%w: the lead changed meanwhile", domain.ErrStale)
	}
	return err
}

// MakeOffer writes lead l, a firm's offer on question q (as read), with
// the visitor's notification, in one transaction on condition that the
// question is still in the pool: not erased and taken by no firm. Returns
// domain.ErrStale when a condition fails (the use case reads again).
func (s *Store) MakeOffer(ctx context.Context, q domain.Question, l domain.Lead) error {
	p := s.newPlan()
	if err := p.put("lead", newLeadItem(q, l)); err != nil {
		return err
	}
	if err := p.check("question", questionPK(q.ID), skQuestion, ddb.AttributeExists(ddb.Name("pk")).
		And(ddb.AttributeNotExists(ddb.Name("erasedAt"))).
		And(ddb.AttributeNotExists(ddb.Name("leadFirm")))); err != nil {
		return err
	}
	if err := p.put("notice", newOutboxItem(domain.NoticeOffer, domain.OutboxItem{QuestionID: q.ID, LawyerID: l.Offer.LawyerID}, l.UpdatedAt)); err != nil {
		return err
	}
	c, err := s.exec(ctx, p)
	if c != nil && (c.conflict() || len(c.failedNames()) > 0) {
		return fmt.Errorf("%w: the question's %v changed meanwhile", domain.ErrStale, c.failedNames())
	}
	return err
}

// AnswerOffer writes the visitor's answer to an offer in one transaction:
// the lead (on condition that the offer still waits), on acceptance the
// question (taken by the firm, out of the pool; on condition that it is
// not erased and holds no open booking with another firm), the other
// offers declined, the firm's funnel, and a notification to each offering
// lawyer. Returns domain.ErrStale when a condition fails (the use case
// reads again and says why).
func (s *Store) AnswerOffer(ctx context.Context, a domain.OfferAnswer) error {
	p := s.newPlan()
	answer := func(name string, l domain.Lead, status, leadStatus string) error {
		cond := ddb.Name("offerId").Equal(ddb.Value(l.Offer.ID)).And(ddb.Name("offerStatus").Equal(ddb.Value(domain.OfferWaiting)))
		upd := ddb.Set(ddb.Name("offerStatus"), ddb.Value(status)).
			Set(ddb.Name("offerDecidedAt"), ddb.Value(a.At.UTC())).
			Set(ddb.Name("status"), ddb.Value(leadStatus)).
			Set(ddb.Name("updatedAt"), ddb.Value(a.At.UTC()))
		if name == "offer" {
			cond, upd = counting(cond, upd, a.Funnel.Firm)
		}
		if err := p.update(name, questionPK(l.QuestionID), leadSK(l.FirmID), cond, upd); err != nil {
			return err
		}
		kind := domain.NoticeOfferDeclined
		if status == domain.OfferAccepted {
			kind = domain.NoticeOfferAccepted
		}
		return p.put("notice", newOutboxItem(kind, domain.OutboxItem{QuestionID: l.QuestionID, LawyerID: l.Offer.LawyerID}, a.At))
	}
	if !a.Accept {
		if err := answer("offer", a.Lead, domain.OfferDeclined, domain.LeadOfferDeclined); err != nil {
			return err
		}
	} else {
		if err := answer("offer", a.Lead, domain.OfferAccepted, a.Question.Status); err != nil {
			return err
		}
		for _, o := range a.Others {
			if err := answer("other", o, domain.OfferDeclined, domain.LeadOfferDeclined); err != nil {
				return err
			}
		}
		firm := ddb.Name("leadFirm")
		if err := p.update("question", questionPK(a.Question.ID), skQuestion,
			ddb.AttributeExists(ddb.Name("pk")).And(ddb.AttributeNotExists(ddb.Name("erasedAt"))).
				And(ddb.Or(ddb.AttributeNotExists(ddb.Name("openBooking")), firm.Equal(ddb.Value(a.Lead.FirmID)))),
			ddb.Set(firm, ddb.Value(a.Lead.FirmID)).Remove(ddb.Name("gsi3pk")).Remove(ddb.Name("gsi3sk"))); err != nil {
			return err
		}
		if err := s.planFunnel(p, a.Funnel); err != nil {
			return err
		}
	}
	c, err := s.exec(ctx, p)
	if c != nil && (c.conflict() || len(c.failedNames()) > 0) {
		return fmt.Errorf("%w: the question's %v changed meanwhile", domain.ErrStale, c.failedNames())
	}
	return err
}

// FindLeads lists a firm's leads, newest question first, submitted in
// [From, To) when given, filtered by status, area and lawyer (booked with
// or assigned to). Returns EInvalid for a bad cursor.
func (s *Store) FindLeads(ctx context.Context, f domain.LeadFilter) (domain.Page[domain.Lead], error) {
	kc := ddb.Key("gsi1pk").Equal(ddb.Value(firmLeadsPK(f.FirmID)))
	if !f.From.IsZero() || !f.To.IsZero() {
		from, to := f.From, f.To
		if to.IsZero() {
			to = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		kc = kc.And(ddb.Key("gsi1sk").Between(ddb.Value(from.UTC().Format(time.RFC3339)), ddb.Value(to.UTC().Format(time.RFC3339))))
	}
	b := ddb.NewBuilder().WithKeyCondition(kc)
	if cond, ok := leadFilter(f); ok {
		b = b.WithFilter(cond)
	}
	expr, err := b.Build()
	if err != nil {
		return domain.Page[domain.Lead]{}, err
	}
	return queryPage[leadItem, domain.Lead](ctx, s, &dynamodb.QueryInput{
		IndexName: aws.String(gsi1), KeyConditionExpression: expr.KeyCondition(), FilterExpression: expr.Filter(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(), ScanIndexForward: aws.Bool(false),
	}, "leads|"+f.FirmID+"|"+f.Status+"|"+f.Area+"|"+f.LawyerID, f.Cursor, f.Limit)
}

func leadFilter(f domain.LeadFilter) (ddb.ConditionBuilder, bool) {
	var conds []ddb.ConditionBuilder
	if f.Status != "" {
		conds = append(conds, ddb.Name("status").Equal(ddb.Value(f.Status)))
	}
	if f.Area != "" {
		conds = append(conds, ddb.Name("area").Equal(ddb.Value(f.Area)))
	}
	if f.LawyerID != "" {
		conds = append(conds, ddb.Or(ddb.Name("lawyerId").Equal(ddb.Value(f.LawyerID)),
			ddb.Name("assignedTo").Equal(ddb.Value(f.LawyerID))))
	}
	switch len(conds) {
	case 0:
		return ddb.ConditionBuilder{}, false
	case 1:
		return conds[0], true
	}
	return ddb.And(conds[0], conds[1], conds[2:]...), true
}

// FindOpenQuestions lists the unassigned pool — questions no firm has
// taken — newest first, of the given areas (all when none), submitted in
// [From, To) when given. Returns EInvalid for a bad cursor.
func (s *Store) FindOpenQuestions(ctx context.Context, areas []string, f domain.LeadFilter) (domain.Page[domain.Question], error) {
	// The pool is sorted by question ID, and IDs sort by time.
	kc := ddb.Key("gsi3pk").Equal(ddb.Value(pkOpenLeads))
	if !f.From.IsZero() || !f.To.IsZero() {
		to := "~"
		if !f.To.IsZero() {
			to = domain.IDAt(f.To)
		}
		kc = kc.And(ddb.Key("gsi3sk").Between(ddb.Value(domain.IDAt(f.From)), ddb.Value(to)))
	}
	b := ddb.NewBuilder().WithKeyCondition(kc)
	var conds []ddb.ConditionBuilder
	if len(areas) > 0 {
		vals := make([]ddb.OperandBuilder, len(areas))
		for i, a := range areas {
			vals[i] = ddb.Value(a)
		}
		if len(vals) == 1 {
			conds = append(conds, ddb.Name("area").Equal(vals[0].(ddb.ValueBuilder)))
		} else {
			conds = append(conds, ddb.Name("area").In(vals[0], vals[1:]...))
		}
	}
	switch len(conds) {
	case 0:
	case 1:
		b = b.WithFilter(conds[0])
	default:
		b = b.WithFilter(ddb.And(conds[0], conds[1], conds[2:]...))
	}
	expr, err := b.Build()
	if err != nil {
		return domain.Page[domain.Question]{}, err
	}
	purpose := "open|"
	for _, a := range areas {
		purpose += a + ","
	}
	return queryPage[questionItem, domain.Question](ctx, s, &dynamodb.QueryInput{
		IndexName: aws.String(gsi3), KeyConditionExpression: expr.KeyCondition(), FilterExpression: expr.Filter(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(), ScanIndexForward: aws.Bool(false),
	}, purpose, f.Cursor, f.Limit)
}
