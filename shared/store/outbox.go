package store

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
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
	// Sequence is the booking's sequence a reminder or a reschedule's
	// notice was written for, OffsetSeconds a reminder's offset, By who
	// rescheduled.
	Sequence      int         `dynamodbav:"sequence,omitempty"`
	OffsetSeconds int64       `dynamodbav:"offsetSeconds,omitempty"`
	By            domain.Role `dynamodbav:"by,omitempty"`
	// Delivered names the messages sent (a string set); ClaimID the sender
	// holding the item until ClaimUntil (Unix milliseconds: a number,
	// compared as one).
	Delivered  []string   `dynamodbav:"delivered,stringset,omitempty"`
	ClaimID    string     `dynamodbav:"claimId,omitempty"`
	ClaimUntil int64      `dynamodbav:"claimUntil,omitempty"`
	Status     string     `dynamodbav:"status"`
	Attempts   int        `dynamodbav:"attempts"`
	LastError  string     `dynamodbav:"lastError,omitempty"`
	CreatedAt  time.Time  `dynamodbav:"createdAt"`
	SentAt     *time.Time `dynamodbav:"sentAt,omitempty"`
	TTL        int64      `dynamodbav:"ttl"`
}

func (i outboxItem) domain() domain.OutboxItem {
	o := domain.OutboxItem{ID: i.PK, Kind: i.Kind, BookingID: i.BookingID, QuestionID: i.QuestionID, LawyerID: i.LawyerID,
		NotBefore: i.NotBefore, Status: i.Status, Attempts: i.Attempts, CreatedAt: i.CreatedAt, SentAt: i.SentAt,
		Sequence: i.Sequence, Offset: time.Duration(i.OffsetSeconds) * time.Second, By: i.By, Delivered: i.Delivered, ClaimID: i.ClaimID}
	if i.ClaimUntil > 0 {
		t := time.UnixMilli(i.ClaimUntil).UTC()
		o.ClaimUntil = &t
	}
	return o
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
	o.GSI3PK, o.GSI3SK = pkOutbox, outboxDueSK(due, o.PK)
	return o
}

// FindPendingOutbox returns up to limit unsent notifications created
// before `before`, oldest first (GSI3, no scan).
func (s *Store) FindPendingOutbox(ctx context.Context, before time.Time, limit int) ([]domain.OutboxItem, error) {
	return queryDue[outboxItem, domain.OutboxItem](ctx, s, pkOutbox, before.UTC().Format(dueTime), limit)
}

// FindOutboxItem returns one notification by ID. Returns ENotFound.
func (s *Store) FindOutboxItem(ctx context.Context, id string) (domain.OutboxItem, error) {
	var it outboxItem
	if err := s.get(ctx, id, skSingle, &it, "no notification %s", id); err != nil {
		return domain.OutboxItem{}, err
	}
	return it.domain(), nil
}

// ClaimOutbox makes sender claimID the one that sends notification id,
// until until, and counts the attempt: on condition that it is still
// pending and no other sender holds it (or its claim ran out before now).
// It returns the item as it now stands — what was delivered already among
// it. A notification sent, given up, dropped or held by another sender is
// EConflict: there is nothing for this sender to do. (The attempt counted
// here also keeps the claim's own stream record out of the notify
// function's filter, which passes an outbox item only with attempts 0.)
func (s *Store) ClaimOutbox(ctx context.Context, id, claimID string, now, until time.Time) (domain.OutboxItem, error) {
	cond := ddb.Name("status").Equal(ddb.Value(domain.OutboxPending)).And(
		ddb.AttributeNotExists(ddb.Name("claimUntil")).Or(ddb.Name("claimUntil").LessThan(ddb.Value(now.UnixMilli()))))
	u, err := s.update(id, skSingle, cond, ddb.Set(ddb.Name("claimId"), ddb.Value(claimID)).
		Set(ddb.Name("claimUntil"), ddb.Value(until.UnixMilli())).
		Add(ddb.Name("attempts"), ddb.Value(1)))
	if err != nil {
		return domain.OutboxItem{}, err
	}
	out, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: u.TableName, Key: u.Key, ConditionExpression: u.ConditionExpression,
		UpdateExpression: u.UpdateExpression, ExpressionAttributeNames: u.ExpressionAttributeNames,
		ExpressionAttributeValues: u.ExpressionAttributeValues, ReturnValues: types.ReturnValueAllNew,
	})
	if isCondFailed(err) {
		return domain.OutboxItem{}, domain.Errorf(domain.EConflict, "notification %s is sent or being sent", id)
	}
	if err != nil {
		return domain.OutboxItem{}, mapErr(err)
	}
	var it outboxItem
	if err := ddb.UnmarshalMap(out.Attributes, &it); err != nil {
		return domain.OutboxItem{}, err
	}
	return it.domain(), nil
}

// MarkOutbox records what the sender holding the claim (m.ClaimID) did:
// the messages it delivered join those delivered before, whatever the
// outcome; sent, given up (failed) or dropped leaves the unsent index; a
// failure to retry stays, its claim released (the attempt was counted by
// the claim). Only the claim's holder, on a pending item, records anything
// (EConflict otherwise), so two senders cannot both record one send.
func (s *Store) MarkOutbox(ctx context.Context, m domain.OutboxMark) error {
	upd := ddb.Set(ddb.Name("status"), ddb.Value(m.Status)).
		Remove(ddb.Name("claimId")).Remove(ddb.Name("claimUntil"))
	if m.Status != domain.OutboxPending {
		upd = upd.Remove(ddb.Name("gsi3pk")).Remove(ddb.Name("gsi3sk"))
	}
	if m.Status == domain.OutboxSent {
		upd = upd.Set(ddb.Name("sentAt"), ddb.Value(m.At.UTC()))
	}
	if len(m.Delivered) > 0 {
		upd = upd.Add(ddb.Name("delivered"), ddb.Value(stringSet(m.Delivered)))
	}
	upd = setOrRemove(upd, "lastError", m.LastError)
	u, err := s.update(m.ID, skSingle, ddb.Name("status").Equal(ddb.Value(domain.OutboxPending)).
		And(ddb.Name("claimId").Equal(ddb.Value(m.ClaimID))), upd)
	if err != nil {
		return err
	}
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: u.TableName, Key: u.Key, ConditionExpression: u.ConditionExpression,
		UpdateExpression: u.UpdateExpression, ExpressionAttributeNames: u.ExpressionAttributeNames,
		ExpressionAttributeValues: u.ExpressionAttributeValues,
	})
	if isCondFailed(err) {
		return domain.Errorf(domain.EConflict, "notification %s is no longer held by this sender", m.ID)
	}
	return mapErr(err)
}
