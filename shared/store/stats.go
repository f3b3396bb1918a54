package store

import (
	"context"
	"hash/fnv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// Funnel counters: one item per scope (ALL, or FIRM#<id>), shard, day
// (UTC) and practice area, with a number per funnel step, kept current by
// the writes that move a question along — in their transactions — so that
// the funnel is a Query over days, never a scan. Counters are spread over
// statsShards items by a hash of the question: concurrent transactions
// that touch one item conflict (TransactionConflict), and every booking
// would otherwise touch the same counter of the day.
// statsShards is how many items one scope's counters are spread over.
const statsShards = 8

// statsShard picks the shard of a question's events.
func statsShard(questionID string) int {
	h := fnv.New32a()
	h.Write([]byte(questionID))
	return int(h.Sum32() % statsShards)
}

// statsUpdate adds one to each of steps on the counter of scope, day and
// area, in the shard of questionID (one item: a transaction may touch an
// item once).
func (s *Store) statsUpdate(scope, questionID string, day time.Time, area string, steps ...string) (*types.Update, error) {
	upd := ddb.Set(ddb.Name("type"), ddb.Value(typeStats))
	for _, step := range steps {
		upd = upd.Add(ddb.Name(step), ddb.Value(1))
	}
	expr, err := ddb.NewBuilder().WithUpdate(
		upd.
			Set(ddb.Name("area"), ddb.Value(area)).
			Set(ddb.Name("day"), ddb.Value(day.UTC().Format(time.DateOnly)))).Build()
	if err != nil {
		return nil, err
	}
	return &types.Update{
		TableName: &s.table, Key: key(statsPK(scope, statsShard(questionID)), statsSK(day, area)),
		UpdateExpression: expr.Update(), ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
	}, nil
}

// counting adds to an item's update what a funnel count writes on it: the
// steps added to its "counted" set, on condition that it holds none of
// them yet — so that a step is counted once per question and scope.
func counting(cond ddb.ConditionBuilder, upd ddb.UpdateBuilder, steps []string) (ddb.ConditionBuilder, ddb.UpdateBuilder) {
	if len(steps) == 0 {
		return cond, upd
	}
	counted := ddb.Name("counted")
	for _, s := range steps {
		cond = cond.And(ddb.Not(ddb.Contains(counted, s)))
	}
	return cond, upd.Add(counted, ddb.Value(stringSet(steps)))
}

// planFunnel adds to p the counters of f: "funnel", the platform's and
// the firm's, on the question's cohort day.
func (s *Store) planFunnel(p *plan, f domain.Funnel) error {
	for _, sc := range []struct {
		scope string
		steps []string
	}{{scopeAll, f.All}, {scopeFirm(f.FirmID), f.Firm}} {
		if len(sc.steps) == 0 || sc.scope == scopeFirm("") {
			continue
		}
		u, err := s.statsUpdate(sc.scope, f.QuestionID, f.Cohort, f.Area, sc.steps...)
		if err != nil {
			return err
		}
		p.add("funnel", types.TransactWriteItem{Update: u})
	}
	return nil
}

// FindStats returns the funnel counters of scope ("" for all firms, else a
// firm ID) for the UTC days from..to inclusive: one Query per shard.
func (s *Store) FindStats(ctx context.Context, firmID string, from, to time.Time) ([]domain.StatRow, error) {
	scope := scopeAll
	if firmID != "" {
		scope = scopeFirm(firmID)
	}
	var rows []domain.StatRow
	for shard := 0; shard < statsShards; shard++ {
		expr, err := ddb.NewBuilder().WithKeyCondition(
			ddb.Key("pk").Equal(ddb.Value(statsPK(scope, shard))).
				And(ddb.Key("sk").Between(ddb.Value("DAY#"+from.UTC().Format(time.DateOnly)),
					ddb.Value("DAY#"+to.UTC().Format(time.DateOnly)+"#~")))).Build()
		if err != nil {
			return nil, err
		}
		err = queryEach(ctx, s, &dynamodb.QueryInput{
			KeyConditionExpression:   expr.KeyCondition(),
			ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
		}, func(it struct {
			Day  string `dynamodbav:"day"`
			Area string `dynamodbav:"area"`
		}, raw map[string]types.AttributeValue) bool {
			row := domain.StatRow{Day: it.Day, Area: it.Area, Counts: map[string]int{}}
			for _, step := range domain.FunnelCounters {
				var n int
				if v, ok := raw[step]; ok && ddb.Unmarshal(v, &n) == nil {
					row.Counts[step] = n
				}
			}
			rows = append(rows, row)
			return true
		})
		if err != nil {
			return nil, err
		}
	}
	return rows, nil
}
