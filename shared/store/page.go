package store

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// maxRounds bounds the queries one page may take when a filter drops items.
const maxRounds = 5

// query runs in page by page from the cursor until limit items are
// collected, the results end, or maxRounds queries were made, and returns
// the items with the cursor of the next page ("" at the end). purpose binds
// the cursor to this list and its filters.
func (s *Store) query(ctx context.Context, in *dynamodb.QueryInput, purpose, cur string, limit int) ([]map[string]types.AttributeValue, string, error) {
	start, err := s.cursors.Open(purpose, cur)
	if err != nil {
		return nil, "", &domain.Error{Code: domain.EInvalid, Message: "the cursor is invalid for this list",
			Fields: map[string]string{"cursor": "is not a cursor of this list; start again without it"}}
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
		if err := attributevalue.UnmarshalMap(raw, &it); err != nil {
			return domain.Page[T]{}, err
		}
		page.Items = append(page.Items, it.domain())
	}
	return page, nil
}
