package store

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// auditItem records that someone saw a visitor's personal data: who,
// whose (the question), which fields, when, through which route. It holds
// the names of the fields, never their values, so it outlives an erasure.
// By subject: pk AUDIT#<question>; by the viewer's firm: GSI1
// AUDITFIRM#<firm>; both newest last by time.
type auditItem struct {
	PK         string    `dynamodbav:"pk"`
	SK         string    `dynamodbav:"sk"`
	Type       string    `dynamodbav:"type"`
	GSI1PK     string    `dynamodbav:"gsi1pk"`
	GSI1SK     string    `dynamodbav:"gsi1sk"`
	ID         string    `dynamodbav:"id"`
	QuestionID string    `dynamodbav:"questionId"`
	Actor      string    `dynamodbav:"actor"`
	ActorName  string    `dynamodbav:"actorName,omitempty"`
	FirmID     string    `dynamodbav:"firmId,omitempty"`
	Fields     []string  `dynamodbav:"fields"`
	Route      string    `dynamodbav:"route"`
	BookingID  string    `dynamodbav:"bookingId,omitempty"`
	At         time.Time `dynamodbav:"at"`
	TTL        int64     `dynamodbav:"ttl"`
}

// AuditRetention is how long audit records are kept.
const AuditRetention = 3 * 365 * 24 * time.Hour

func (i auditItem) domain() domain.AuditEntry {
	return domain.AuditEntry{ID: i.ID, QuestionID: i.QuestionID, Actor: i.Actor, ActorName: i.ActorName, FirmID: i.FirmID, Fields: i.Fields,
		Route: i.Route, BookingID: i.BookingID, At: i.At}
}

// WriteAudit records entries (one BatchWriteItem per 25). It returns only
// when every entry is written — the reveal it records must not happen
// otherwise — or EUnavailable.
func (s *Store) WriteAudit(ctx context.Context, entries []domain.AuditEntry) error {
	var reqs []types.WriteRequest
	for _, e := range entries {
		firm := e.FirmID
		if firm == "" {
			firm = platformScope
		}
		sk := e.At.UTC().Format(time.RFC3339Nano) + "#" + e.ID
		av, err := ddb.MarshalMap(auditItem{
			PK: auditPK(e.QuestionID), SK: sk, Type: typeAudit, GSI1PK: firmAuditPK(firm), GSI1SK: sk,
			ID: e.ID, QuestionID: e.QuestionID, Actor: e.Actor, ActorName: e.ActorName, FirmID: e.FirmID, Fields: e.Fields, Route: e.Route,
			BookingID: e.BookingID, At: e.At.UTC(), TTL: e.At.Add(AuditRetention).Unix(),
		})
		if err != nil {
			return err
		}
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: av}})
	}
	for len(reqs) > 0 {
		n := min(len(reqs), 25)
		batch := map[string][]types.WriteRequest{s.table: reqs[:n]}
		reqs = reqs[n:]
		for attempt := 0; len(batch[s.table]) > 0; attempt++ {
			if attempt == 5 {
				return &domain.Error{Code: domain.EUnavailable, Message: "the audit log is busy; try again", RetryAfter: 2 * time.Second}
			}
			if attempt > 0 {
				select {
				case <-ctx.Done():
					return mapErr(ctx.Err())
				case <-time.After(time.Duration(attempt*attempt) * 20 * time.Millisecond):
				}
			}
			res, err := s.db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: batch})
			if err != nil {
				return mapErr(err)
			}
			batch = res.UnprocessedItems
		}
	}
	return nil
}

// FindAudit lists the audit records of one question (subject), oldest
// first: all of them when firmID is "", else only views by that firm's
// people. The firm is a filter on the query, not on the page after it, so
// the cursor moves past other firms' records and pages stay whole (see
// query). Returns EInvalid for a bad cursor.
func (s *Store) FindAudit(ctx context.Context, questionID, firmID string, limit int, cur string) (domain.Page[domain.AuditEntry], error) {
	var only *ddb.ConditionBuilder
	if firmID != "" {
		c := ddb.Name("firmId").Equal(ddb.Value(firmID))
		only = &c
	}
	return s.auditPage(ctx, "", "pk", auditPK(questionID), only, "|"+firmID, limit, cur, true)
}

// FindFirmAudit lists the audit records of views by a firm's people
// ("" for admins' views), newest first. Returns EInvalid for a bad cursor.
func (s *Store) FindFirmAudit(ctx context.Context, firmID string, limit int, cur string) (domain.Page[domain.AuditEntry], error) {
	if firmID == "" {
		firmID = platformScope
	}
	return s.auditPage(ctx, gsi1, "gsi1pk", firmAuditPK(firmID), nil, "", limit, cur, false)
}

// auditPage queries one partition of audit records, with an optional
// filter; scope joins the cursor's purpose, binding a cursor to its filter.
func (s *Store) auditPage(ctx context.Context, index, pkName, pk string, filter *ddb.ConditionBuilder, scope string, limit int, cur string, forward bool) (domain.Page[domain.AuditEntry], error) {
	b := ddb.NewBuilder().WithKeyCondition(ddb.Key(pkName).Equal(ddb.Value(pk)))
	if filter != nil {
		b = b.WithFilter(*filter)
	}
	expr, err := b.Build()
	if err != nil {
		return domain.Page[domain.AuditEntry]{}, err
	}
	in := &dynamodb.QueryInput{
		KeyConditionExpression: expr.KeyCondition(), FilterExpression: expr.Filter(), ExpressionAttributeNames: expr.Names(),
		ExpressionAttributeValues: expr.Values(), ScanIndexForward: aws.Bool(forward),
	}
	if index != "" {
		in.IndexName = aws.String(index)
	}
	return queryPage[auditItem, domain.AuditEntry](ctx, s, in, "audit|"+pk+scope, cur, limit)
}
