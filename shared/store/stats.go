package store

import (
	"fmt"
	"hash/fnv"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// Funnel counters: one item per scope (ALL, or FIRM#<id>), shard, day
// (UTC) and practice area, with a number per funnel step, kept current by
// the writes that move a question along — in their transactions — so that
// the funnel is a Query over days, never a scan. Counters are spread over
// statsShards items by a hash of the question: concurrent transactions
// that touch one item conflict (TransactionConflict), and every booking
// would otherwise touch the same counter of the day.
const (
	stepSubmitted = domain.StepSubmitted
	stepMatched   = domain.StepMatched
)

const scopeAll = "ALL"

func scopeFirm(id string) string { return "FIRM#" + id }

// statsShards is how many items one scope's counters are spread over.
const statsShards = 8

func statsPK(scope string, shard int) string { return fmt.Sprintf("STATS#%s#%d", scope, shard) }

// statsShard picks the shard of a question's events.
func statsShard(questionID string) int {
	h := fnv.New32a()
	h.Write([]byte(questionID))
	return int(h.Sum32() % statsShards)
}

func statsSK(day time.Time, area string) string {
	return "DAY#" + day.UTC().Format(time.DateOnly) + "#" + area
}

// statsUpdate adds n to step of the counter of scope, day and area, in the
// shard of questionID.
func (s *Store) statsUpdate(scope, questionID string, day time.Time, area, step string, n int) (*types.Update, error) {
	expr, err := expression.NewBuilder().WithUpdate(
		expression.Add(expression.Name(step), expression.Value(n)).
			Set(expression.Name("type"), expression.Value(typeStats)).
			Set(expression.Name("area"), expression.Value(area)).
			Set(expression.Name("day"), expression.Value(day.UTC().Format(time.DateOnly)))).Build()
	if err != nil {
		return nil, err
	}
	return &types.Update{
		TableName: &s.table, Key: key(statsPK(scope, statsShard(questionID)), statsSK(day, area)),
		UpdateExpression: expr.Update(), ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
	}, nil
}
