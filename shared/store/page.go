package store

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// maxRounds bounds the queries one page may take when a filter drops items.
const maxRounds = 5

// query runs in page by page from the cursor until limit items are
// collected, the results end, or maxRounds queries were made, and returns
// the items with the cursor of the next page ("" at the end). purpose binds
// the cursor to this list and its filters; a cursor given back with
// another range (from, to) whose key falls outside it is refused as
// invalid (400), never passed on as a fault.
func (s *Store) query(ctx context.Context, in *dynamodb.QueryInput, purpose, cur string, limit int) ([]map[string]types.AttributeValue, string, error) {
	start, err := s.cursors.Open(purpose, cur)
	if err != nil {
		return nil, "", errBadCursor()
	}
	in.TableName = &s.table
	if start != nil {
		in.ExclusiveStartKey = make(map[string]types.AttributeValue, len(start))
		for k, v := range start {
			in.ExclusiveStartKey[k] = &types.AttributeValueMemberS{Value: v}
		}
	}
	var items []map[string]types.AttributeValue
	for round := 0; ; round++ {
		in.Limit = aws.Int32(int32(limit - len(items)))
		res, err := s.db.Query(ctx, in)
		if err != nil {
			if round == 0 && start != nil && isValidation(err) {
				// The cursor's key lies outside this query's key
				// condition: it came from the same list with another
				// range (from, to).
				return nil, "", errBadCursor()
			}
			return nil, "", mapErr(err)
		}
		items = append(items, res.Items...)
		in.ExclusiveStartKey = res.LastEvaluatedKey
		if res.LastEvaluatedKey == nil || len(items) >= limit || round+1 == maxRounds {
			break
		}
	}
	next := map[string]string{}
	for k, v := range in.ExclusiveStartKey {
		if sv, ok := v.(*types.AttributeValueMemberS); ok {
			next[k] = sv.Value
		}
	}
	return items, s.cursors.Seal(purpose, next), nil
}

// errBadCursor is the answer to a cursor that is not one of this list, or not of
// this list with these parameters.
func errBadCursor() error {
	return domain.Invalid("cursor", domain.CodeFormat, "the cursor is invalid for this list", "is not a cursor of this list with these parameters; start again without it")
}

// isValidation reports whether DynamoDB refused a request as invalid.
func isValidation(err error) bool {
	var api smithy.APIError
	return errors.As(err, &api) && api.ErrorCode() == "ValidationException"
}

// item is a stored item that converts to its domain value.
type item[T any] interface{ domain() T }

// queryPage runs query and decodes the items as I, returning them as a
// page of T.
func queryPage[I item[T], T any](ctx context.Context, s *Store, in *dynamodb.QueryInput, purpose, cur string, limit int) (domain.Page[T], error) {
	items, next, err := s.query(ctx, in, purpose, cur, limit)
	if err != nil {
		return domain.Page[T]{}, err
	}
	page := domain.Page[T]{Items: make([]T, 0, len(items)), NextCursor: next}
	for _, raw := range items {
		var it I
		if err := ddb.UnmarshalMap(raw, &it); err != nil {
			return domain.Page[T]{}, err
		}
		page.Items = append(page.Items, it.domain())
	}
	return page, nil
}

// queryEach runs in through every page and calls fn with each item
// decoded as I (and raw, for attributes I does not name) until fn returns
// false. For bounded queries whose items are all wanted: a lawyer's slots
// in a range, a firm's lawyers, counters of a period.
func queryEach[I any](ctx context.Context, s *Store, in *dynamodb.QueryInput, fn func(it I, raw map[string]types.AttributeValue) bool) error {
	in.TableName = &s.table
	p := dynamodb.NewQueryPaginator(s.db, in)
	for p.HasMorePages() {
		res, err := p.NextPage(ctx)
		if err != nil {
			return mapErr(err)
		}
		for _, raw := range res.Items {
			var it I
			if err := ddb.UnmarshalMap(raw, &it); err != nil {
				return err
			}
			if !fn(it, raw) {
				return nil
			}
		}
	}
	return nil
}

// queryDue returns up to limit items of the GSI3 partition pk whose sort
// key is before `before`, oldest first: work that has fallen due (pending
// bookings past their deadline, unsent notifications).
func queryDue[I item[T], T any](ctx context.Context, s *Store, pk, before string, limit int) ([]T, error) {
	expr, err := ddb.NewBuilder().WithKeyCondition(ddb.Key("gsi3pk").Equal(ddb.Value(pk)).
		And(ddb.Key("gsi3sk").LessThan(ddb.Value(before)))).Build()
	if err != nil {
		return nil, err
	}
	res, err := s.db.Query(ctx, &dynamodb.QueryInput{
		TableName: &s.table, IndexName: aws.String(gsi3), KeyConditionExpression: expr.KeyCondition(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(), Limit: aws.Int32(int32(limit)),
	})
	if err != nil {
		return nil, mapErr(err)
	}
	out := make([]T, 0, len(res.Items))
	for _, raw := range res.Items {
		var it I
		if err := ddb.UnmarshalMap(raw, &it); err != nil {
			return nil, err
		}
		out = append(out, it.domain())
	}
	return out, nil
}
