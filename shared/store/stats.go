package store

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Funnel counters: one item per scope (ALL, or FIRM#<id>), day (UTC) and
// practice area, with a number per funnel step, kept current by the writes
// that move a question along — in their transactions — so that the funnel
// is a Query over days, never a scan.
const (
	stepSubmitted = "submitted"
	stepMatched   = "matched"
)

const scopeAll = "ALL"

func statsPK(scope string) string { return "STATS#" + scope }

func statsSK(day time.Time, area string) string {
	return "DAY#" + day.UTC().Format(time.DateOnly) + "#" + area
}

// statsUpdate adds n to step of the counter of scope, day and area.
func (s *Store) statsUpdate(scope string, day time.Time, area, step string, n int) (*types.Update, error) {
	expr, err := expression.NewBuilder().WithUpdate(
		expression.Add(expression.Name(step), expression.Value(n)).
			Set(expression.Name("type"), expression.Value(typeStats)).
			Set(expression.Name("area"), expression.Value(area)).
			Set(expression.Name("day"), expression.Value(day.UTC().Format(time.DateOnly)))).Build()
	if err != nil {
		return nil, err
	}
	return &types.Update{
		TableName: &s.table, Key: key(statsPK(scope), statsSK(day, area)),
		UpdateExpression: expr.Update(), ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
	}, nil
}
