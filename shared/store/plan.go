package store

import (
	"context"
	"errors"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// plan is one TransactWriteItems whose items carry names: a cancelled
// transaction is mapped back to what failed by name, never by position,
// so adding or reordering an item cannot change which error a caller
// gets. Several items may share a name ("index" for a lawyer's profile
// and area items).
type plan struct {
	items []types.TransactWriteItem
	names []string
	table string
}

func (s *Store) newPlan() *plan { return &plan{table: s.table} }

func (p *plan) add(name string, it types.TransactWriteItem) {
	p.items = append(p.items, it)
	p.names = append(p.names, name)
}

// update adds an Update of item (pk, sk) on condition cond.
func (p *plan) update(name, pk, sk string, cond ddb.ConditionBuilder, upd ddb.UpdateBuilder) error {
	expr, err := ddb.NewBuilder().WithCondition(cond).WithUpdate(upd).Build()
	if err != nil {
		return err
	}
	p.add(name, types.TransactWriteItem{Update: &types.Update{
		TableName: &p.table, Key: key(pk, sk),
		ConditionExpression: expr.Condition(), UpdateExpression: expr.Update(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
	}})
	return nil
}

// put adds a Put of item, on condition that no item has its key.
func (p *plan) put(name string, item any) error {
	av, err := ddb.MarshalMap(item)
	if err != nil {
		return err
	}
	p.add(name, types.TransactWriteItem{Put: &types.Put{TableName: &p.table, Item: av, ConditionExpression: aws.String("attribute_not_exists(pk)")}})
	return nil
}

// check adds a ConditionCheck of item (pk, sk).
func (p *plan) check(name, pk, sk string, cond ddb.ConditionBuilder) error {
	expr, err := ddb.NewBuilder().WithCondition(cond).Build()
	if err != nil {
		return err
	}
	p.add(name, types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
		TableName: &p.table, Key: key(pk, sk), ConditionExpression: expr.Condition(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
	}})
	return nil
}

// remove adds a Delete of item (pk, sk), whether or not it exists.
func (p *plan) remove(name, pk, sk string) {
	p.add(name, types.TransactWriteItem{Delete: &types.Delete{TableName: &p.table, Key: key(pk, sk)}})
}

// returnOld asks DynamoDB to hand back the item added last as it stood
// when its condition failed (ReturnValuesOnConditionCheckFailure): the
// answer then needs no second read.
func (p *plan) returnOld() {
	if u := p.items[len(p.items)-1].Update; u != nil {
		u.ReturnValuesOnConditionCheckFailure = types.ReturnValuesOnConditionCheckFailureAllOld
	}
}

// cancellation tells which named items of a cancelled plan failed. Its
// methods are not inlined: the use cases call them at some thirty places,
// where each inlined copy of their loops weighed 0.3 KB.
type cancellation struct {
	p       *plan
	reasons []string
	items   []map[string]types.AttributeValue
}

// old returns the item named name as it stood when its condition failed
// (see returnOld), or nil.
//
//go:noinline
func (c *cancellation) old(name string) map[string]types.AttributeValue {
	if c == nil {
		return nil
	}
	for i, r := range c.reasons {
		if r == "ConditionalCheckFailed" && i < len(c.p.names) && c.p.names[i] == name && i < len(c.items) {
			return c.items[i]
		}
	}
	return nil
}

// failed reports whether an item named name failed its condition.
//
//go:noinline
func (c *cancellation) failed(name string) bool {
	if c == nil {
		return false
	}
	for i, r := range c.reasons {
		if r == "ConditionalCheckFailed" && i < len(c.p.names) && c.p.names[i] == name {
			return true
		}
	}
	return false
}

// failedNames names the items that failed their condition.
//
//go:noinline
func (c *cancellation) failedNames() []string {
	if c == nil {
		return nil
	}
	var out []string
	for i, r := range c.reasons {
		if r == "ConditionalCheckFailed" && i < len(c.p.names) && !slices.Contains(out, c.p.names[i]) {
			out = append(out, c.p.names[i])
		}
	}
	return out
}

// conflict reports whether the plan lost a race with another transaction
// on one of its items (worth trying again), rather than failing a
// condition.
func (c *cancellation) conflict() bool {
	return c != nil && slices.Contains(c.reasons, "TransactionConflict")
}

// exec runs the plan as one transaction. When the transaction was
// cancelled it returns which items failed, beside the error as mapErr
// gives it (the caller answers by name, or with that error).
func (s *Store) exec(ctx context.Context, p *plan) (*cancellation, error) {
	if len(p.items) == 0 {
		return nil, nil
	}
	_, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: p.items})
	if err == nil {
		return nil, nil
	}
	var tc *types.TransactionCanceledException
	if errors.As(err, &tc) {
		c := &cancellation{p: p, reasons: cancelReasons(err)}
		for _, r := range tc.CancellationReasons {
			c.items = append(c.items, r.Item)
		}
		return c, mapErr(err)
	}
	return nil, mapErr(err)
}
