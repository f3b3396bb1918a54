package store

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// rateLimitUpdate counts one event against l, on condition that the count
// is below the limit. The window is part of the key, so an old window
// that TTL has not yet removed is never counted again.
func (s *Store) rateLimitUpdate(l domain.RateLimit) (*types.Update, error) {
	n := ddb.Name("n")
	expr, err := ddb.NewBuilder().
		WithCondition(ddb.Or(ddb.AttributeNotExists(n), n.LessThan(ddb.Value(l.Limit)))).
		WithUpdate(ddb.Set(n, ddb.Plus(ddb.IfNotExists(n, ddb.Value(0)), ddb.Value(1))).
			Set(ddb.Name("ttl"), ddb.Value(l.End.Unix()+3600)).
			Set(ddb.Name("type"), ddb.Value(typeRate))).
		Build()
	if err != nil {
		return nil, err
	}
	return &types.Update{
		TableName:                 &s.table,
		Key:                       key(rateLimitPK(l.Key), skSingle),
		ConditionExpression:       expr.Condition(),
		UpdateExpression:          expr.Update(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
	}, nil
}

// HitRateLimit counts one event against l. Returns ERateLimited (with
// Retry-After) when the window's limit is reached.
func (s *Store) HitRateLimit(ctx context.Context, l domain.RateLimit, what string) error {
	u, err := s.rateLimitUpdate(l)
	if err != nil {
		return err
	}
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: u.TableName, Key: u.Key, ConditionExpression: u.ConditionExpression,
		UpdateExpression: u.UpdateExpression, ExpressionAttributeNames: u.ExpressionAttributeNames,
		ExpressionAttributeValues: u.ExpressionAttributeValues,
	})
	if isCondFailed(err) {
		return l.Exceeded(l.At, what)
	}
	return mapErr(err)
}
