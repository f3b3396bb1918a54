package store

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// OutboxTTL is how long a notification's record is kept.
const OutboxTTL = 30 * 24 * time.Hour

// outboxItem is one notification due, written in the same transaction as
// the change it tells of. It names the booking (or the question and the
// lawyer of an offer, or a question) and the kind of news, never an
// address or a token: the sender reads those when it sends, so an erased visitor
// is never written to. Unsent items are in GSI3 "OUTBOX" by age.
type outboxItem struct {
	PK         string     `dynamodbav:"pk"`
	SK         string     `dynamodbav:"sk"`
	Type       string     `dynamodbav:"type"`
	GSI3PK     string     `dynamodbav:"gsi3pk,omitempty"`
	GSI3SK     string     `dynamodbav:"gsi3sk,omitempty"`
	Kind       string     `dynamodbav:"kind"`
	BookingID  string     `dynamodbav:"bookingId,omitempty"`
	QuestionID string     `dynamodbav:"questionId,omitempty"`
	LawyerID   string     `dynamodbav:"lawyerId,omitempty"`
	NotBefore  *time.Time `dynamodbav:"notBefore,omitempty"`
	Status     string     `dynamodbav:"status"`
	Attempts   int        `dynamodbav:"attempts"`
	LastError  string     `dynamodbav:"lastError,omitempty"`
	CreatedAt  time.Time  `dynamodbav:"createdAt"`
	SentAt     *time.Time `dynamodbav:"sentAt,omitempty"`
	TTL        int64      `dynamodbav:"ttl"`
}

func (i outboxItem) domain() domain.OutboxItem {
	return domain.OutboxItem{ID: i.PK, Kind: i.Kind, BookingID: i.BookingID, QuestionID: i.QuestionID, LawyerID: i.LawyerID,
		NotBefore: i.NotBefore, Status: i.Status, Attempts: i.Attempts, CreatedAt: i.CreatedAt, SentAt: i.SentAt}
}

// newOutboxItem is a notification of kind about what n names (a booking,
// or a question and the lawyer of an offer), unsent, written now.
func newOutboxItem(kind string, n domain.OutboxItem, now time.Time) outboxItem {
	o := outboxItem{
		PK: outboxPK(domain.NewID()), SK: skSingle, Type: typeOutbox, Kind: kind, BookingID: n.BookingID,
		QuestionID: n.QuestionID, LawyerID: n.LawyerID, Status: domain.OutboxPending, CreatedAt: now.UTC(), TTL: now.Add(OutboxTTL).Unix(),
	}
	// Unsent items wait in GSI3 by when they fall due: at once, or when
	// held back until NotBefore.
	due := now
	if n.NotBefore != nil && n.NotBefore.After(now) {
		t := n.NotBefore.UTC()
		o.NotBefore, due = &t, t
	}
	o.GSI3PK, o.GSI3SK = pkOutbox, due.UTC().Format(time.RFC3339Nano)+"#"+o.PK
	return o
}

// FindPendingOutbox returns up to limit unsent notifications created
// before `before`, oldest first (GSI3, no scan).
func (s *Store) FindPendingOutbox(ctx context.Context, before time.Time, limit int) ([]domain.OutboxItem, error) {
	return queryDue[outboxItem, domain.OutboxItem](ctx, s, pkOutbox, before.UTC().Format(time.RFC3339Nano), limit)
}

// FindOutboxItem returns one notification by ID. Returns ENotFound.
func (s *Store) FindOutboxItem(ctx context.Context, id string) (domain.OutboxItem, error) {
	var it outboxItem
	if err := s.get(ctx, id, skSingle, &it, "no notification %s", id); err != nil {
		return domain.OutboxItem{}, err
	}
	return it.domain(), nil
}

// MarkOutbox records a send: sent (or given up, failed) leaves the unsent
// index; a failure to retry counts the attempt and stays. Only a pending
// item changes, so two senders cannot both record one send.
func (s *Store) MarkOutbox(ctx context.Context, id, status, lastError string, at time.Time) error {
	upd := expression.Set(expression.Name("status"), expression.Value(status)).
		Add(expression.Name("attempts"), expression.Value(1))
	if status != domain.OutboxPending {
		upd = upd.Remove(expression.Name("gsi3pk")).Remove(expression.Name("gsi3sk"))
	}
	if status == domain.OutboxSent {
		upd = upd.Set(expression.Name("sentAt"), expression.Value(at.UTC()))
	}
	upd = setOrRemove(upd, "lastError", lastError)
	u, err := s.update(id, skSingle, expression.Name("status").Equal(expression.Value(domain.OutboxPending)), upd)
	if err != nil {
		return err
	}
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: u.TableName, Key: u.Key, ConditionExpression: u.ConditionExpression,
		UpdateExpression: u.UpdateExpression, ExpressionAttributeNames: u.ExpressionAttributeNames,
		ExpressionAttributeValues: u.ExpressionAttributeValues,
	})
	if isCondFailed(err) {
		return domain.Errorf(domain.EConflict, "notification %s is no longer pending", id)
	}
	return mapErr(err)
}
