package store

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// leadItem says that a question is a lead of a firm: written when the
// question is first booked with, or assigned to, one of the firm's
// lawyers, and kept current by the booking's transitions. It is listed for
// the firm's staff in GSI1 "LEADS#<firm>", newest question first. It holds
// no personal data: views read it from the question, so erasure reaches
// them. ContactAllowed is set once a booking with the firm is confirmed or
// the firm's staff assigned the lead: only then do staff see the
// visitor's contact.
type leadItem struct {
	PK             string    `dynamodbav:"pk"`
	SK             string    `dynamodbav:"sk"`
	Type           string    `dynamodbav:"type"`
	GSI1PK         string    `dynamodbav:"gsi1pk"`
	GSI1SK         string    `dynamodbav:"gsi1sk"`
	FirmID         string    `dynamodbav:"firmId"`
	QuestionID     string    `dynamodbav:"questionId"`
	Area           string    `dynamodbav:"area"`
	City           string    `dynamodbav:"city,omitempty"`
	Status         string    `dynamodbav:"status"`
	LawyerID       string    `dynamodbav:"lawyerId,omitempty"`
	BookingID      string    `dynamodbav:"bookingId,omitempty"`
	AssignedTo     string    `dynamodbav:"assignedTo,omitempty"`
	ContactAllowed bool      `dynamodbav:"contactAllowed"`
	CreatedAt      time.Time `dynamodbav:"createdAt"`
	UpdatedAt      time.Time `dynamodbav:"updatedAt"`
}

const (
	typeLead    = "lead"
	typeAudit   = "audit"
	leadsPrefix = "LEADS#"
)

func leadSK(firmID string) string      { return "LEAD#" + firmID }
func firmLeadsPK(firmID string) string { return leadsPrefix + firmID }

// leadListSK orders a firm's leads by the question's submission.
func leadListSK(createdAt time.Time, questionID string) string {
	return createdAt.UTC().Format(time.RFC3339) + "#" + questionID
}

func (i leadItem) domain() domain.Lead {
	return domain.Lead{
		FirmID: i.FirmID, QuestionID: i.QuestionID, Area: i.Area, City: i.City, Status: i.Status,
		LawyerID: i.LawyerID, BookingID: i.BookingID, AssignedTo: i.AssignedTo, ContactAllowed: i.ContactAllowed,
		CreatedAt: i.CreatedAt, UpdatedAt: i.UpdatedAt,
	}
}

// FindLead returns the lead of question id at firm. Returns ENotFound.
func (s *Store) FindLead(ctx context.Context, questionID, firmID string) (domain.Lead, error) {
	var it leadItem
	if err := s.get(ctx, questionPK(questionID), leadSK(firmID), &it); err != nil {
		return domain.Lead{}, err
	}
	if it.PK == "" {
		return domain.Lead{}, domain.Errorf(domain.ENotFound, "question %s is no lead of this firm", questionID)
	}
	return it.domain(), nil
}

// linkLead returns the transaction item that makes q a lead of firmID (or
// updates the lead it already is), with lawyerID, bookingID, the
// question's status and, when allow, the right to see the visitor's
// contact; and, for a first link, the steps the firm's funnel counts now
// (submitted, and matched when it was). Call it with the lead as read
// (zero when absent); the Put's condition catches a race.
func (s *Store) linkLead(q domain.Question, lead domain.Lead, firmID, lawyerID, bookingID, assignedTo, status string, allow bool, now time.Time) (types.TransactWriteItem, []string, error) {
	if lead.FirmID == "" {
		it := leadItem{
			PK: questionPK(q.ID), SK: leadSK(firmID), Type: typeLead,
			GSI1PK: firmLeadsPK(firmID), GSI1SK: leadListSK(q.CreatedAt, q.ID),
			FirmID: firmID, QuestionID: q.ID, Area: q.Area, City: q.City, Status: status, LawyerID: lawyerID,
			BookingID: bookingID, AssignedTo: assignedTo, ContactAllowed: allow, CreatedAt: q.CreatedAt.UTC(), UpdatedAt: now.UTC(),
		}
		av, err := attributevalue.MarshalMap(it)
		if err != nil {
			return types.TransactWriteItem{}, nil, err
		}
		steps := []string{domain.StepSubmitted}
		if q.Status != domain.QuestionSubmitted {
			steps = append(steps, domain.StepMatched)
		}
		return types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: av, ConditionExpression: aws.String("attribute_not_exists(pk)")}}, steps, nil
	}
	upd := expression.Set(expression.Name("status"), expression.Value(status)).
		Set(expression.Name("updatedAt"), expression.Value(now.UTC()))
	if lawyerID != "" {
		upd = upd.Set(expression.Name("lawyerId"), expression.Value(lawyerID))
	}
	if bookingID != "" {
		upd = upd.Set(expression.Name("bookingId"), expression.Value(bookingID))
	}
	if assignedTo != "" {
		upd = upd.Set(expression.Name("assignedTo"), expression.Value(assignedTo))
	}
	if allow {
		upd = upd.Set(expression.Name("contactAllowed"), expression.Value(true))
	}
	u, err := s.update(questionPK(q.ID), leadSK(firmID), expression.AttributeExists(expression.Name("pk")), upd)
	return types.TransactWriteItem{Update: u}, nil, err
}

// leadStatusUpdate keeps a lead's status and lawyer in step with its
// booking's transition (the lead exists since the booking was made).
func (s *Store) leadStatusUpdate(b domain.Booking, questionStatus string, allow bool, now time.Time) (*types.Update, error) {
	upd := expression.Set(expression.Name("status"), expression.Value(questionStatus)).
		Set(expression.Name("updatedAt"), expression.Value(now.UTC())).
		Set(expression.Name("lawyerId"), expression.Value(b.LawyerID)).
		Set(expression.Name("bookingId"), expression.Value(b.ID))
	if allow {
		upd = upd.Set(expression.Name("contactAllowed"), expression.Value(true))
	}
	return s.update(questionPK(b.QuestionID), leadSK(b.FirmID), expression.AttributeExists(expression.Name("pk")), upd)
}

// AssignLead assigns question q to lawyerID of firmID: the question leaves
// the unassigned pool and becomes (or stays) the firm's lead, with the
// right to see the visitor's contact. A question another firm already
// took is EConflict; an erased one ENotFound.
func (s *Store) AssignLead(ctx context.Context, q domain.Question, firmID, lawyerID string, now time.Time) (domain.Lead, error) {
	var out domain.Lead
	err := withVersionRetry(ctx, func() error {
		lead, err := s.FindLead(ctx, q.ID, firmID)
		if err != nil && domain.ErrorCode(err) != domain.ENotFound {
			return err
		}
		status := q.Status
		if lead.Status != "" {
			status = lead.Status
		}
		link, steps, err := s.linkLead(q, lead, firmID, lawyerID, "", lawyerID, status, true, now)
		if err != nil {
			return err
		}
		tx := []types.TransactWriteItem{link}
		if len(steps) > 0 {
			u, err := s.statsUpdate(scopeFirm(firmID), q.ID, now, q.Area, steps...)
			if err != nil {
				return err
			}
			tx = append(tx, types.TransactWriteItem{Update: u})
		}
		// The question: taken by this firm (or already its own), not erased.
		taken := expression.Name("leadFirm")
		qu, err := s.update(questionPK(q.ID), skQuestion,
			expression.AttributeExists(expression.Name("pk")).And(expression.AttributeNotExists(expression.Name("erasedAt"))).
				And(expression.Or(expression.AttributeNotExists(taken), taken.Equal(expression.Value(firmID)))),
			expression.Set(taken, expression.Value(firmID)).
				Remove(expression.Name("gsi3pk")).Remove(expression.Name("gsi3sk")))
		if err != nil {
			return err
		}
		tx = append(tx, types.TransactWriteItem{Update: qu})
		_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
		reasons := cancelReasons(err)
		switch {
		case err == nil:
			out, err = s.FindLead(ctx, q.ID, firmID)
			return err
		case failedAt(reasons, len(tx)-1):
			cur, ferr := s.FindQuestionByID(ctx, q.ID)
			if ferr != nil {
				return ferr
			}
			if cur.Erased() {
				return domain.Errorf(domain.ENotFound, "the question was erased")
			}
			return domain.Errorf(domain.EConflict, "another firm has taken this lead")
		case failedAt(reasons, 0), transactionConflict(reasons):
			return domain.Errorf(errVersionMoved, "the lead changed meanwhile")
		}
		return mapErr(err)
	})
	return out, err
}

// FindLeads lists a firm's leads, newest question first, submitted in
// [From, To) when given, filtered by status, area and lawyer (booked with
// or assigned to). Returns EInvalid for a bad cursor.
func (s *Store) FindLeads(ctx context.Context, f domain.LeadFilter) (domain.Page[domain.Lead], error) {
	kc := expression.Key("gsi1pk").Equal(expression.Value(firmLeadsPK(f.FirmID)))
	if !f.From.IsZero() || !f.To.IsZero() {
		from, to := f.From, f.To
		if to.IsZero() {
			to = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		kc = kc.And(expression.Key("gsi1sk").Between(expression.Value(from.UTC().Format(time.RFC3339)), expression.Value(to.UTC().Format(time.RFC3339))))
	}
	b := expression.NewBuilder().WithKeyCondition(kc)
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

func leadFilter(f domain.LeadFilter) (expression.ConditionBuilder, bool) {
	var conds []expression.ConditionBuilder
	if f.Status != "" {
		conds = append(conds, expression.Name("status").Equal(expression.Value(f.Status)))
	}
	if f.Area != "" {
		conds = append(conds, expression.Name("area").Equal(expression.Value(f.Area)))
	}
	if f.LawyerID != "" {
		conds = append(conds, expression.Or(expression.Name("lawyerId").Equal(expression.Value(f.LawyerID)),
			expression.Name("assignedTo").Equal(expression.Value(f.LawyerID))))
	}
	switch len(conds) {
	case 0:
		return expression.ConditionBuilder{}, false
	case 1:
		return conds[0], true
	}
	return expression.And(conds[0], conds[1], conds[2:]...), true
}

// FindOpenQuestions lists the unassigned pool — questions no firm has
// taken — newest first, of the given areas (all when none), submitted in
// [From, To) when given. Returns EInvalid for a bad cursor.
func (s *Store) FindOpenQuestions(ctx context.Context, areas []string, f domain.LeadFilter) (domain.Page[domain.Question], error) {
	// The pool is sorted by question ID, and IDs sort by time.
	kc := expression.Key("gsi3pk").Equal(expression.Value(pkOpenLeads))
	if !f.From.IsZero() || !f.To.IsZero() {
		to := "~"
		if !f.To.IsZero() {
			to = domain.IDAt(f.To)
		}
		kc = kc.And(expression.Key("gsi3sk").Between(expression.Value(domain.IDAt(f.From)), expression.Value(to)))
	}
	b := expression.NewBuilder().WithKeyCondition(kc)
	var conds []expression.ConditionBuilder
	if len(areas) > 0 {
		vals := make([]expression.OperandBuilder, len(areas))
		for i, a := range areas {
			vals[i] = expression.Value(a)
		}
		if len(vals) == 1 {
			conds = append(conds, expression.Name("area").Equal(vals[0].(expression.ValueBuilder)))
		} else {
			conds = append(conds, expression.Name("area").In(vals[0], vals[1:]...))
		}
	}
	switch len(conds) {
	case 0:
	case 1:
		b = b.WithFilter(conds[0])
	default:
		b = b.WithFilter(expression.And(conds[0], conds[1], conds[2:]...))
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
