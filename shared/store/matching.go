package store

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// loadPrefix names the per-day matching load attributes of an area item:
// load_2026-11-25. Top-level numbers, so that a match adds to them with ADD
// (commutative, no condition) and drops old days with REMOVE.
const loadPrefix = "load_"

// FindMatchCandidates returns the lawyers a question of area in city is
// matched among: the k soonest free in the city (GSI1, when city is set)
// and the k soonest free anywhere (GSI2), lawyers without an open slot
// last, never one whose next slot has already started. Two queries of at
// most k items, whatever the size of the directory.
func (s *Store) FindMatchCandidates(ctx context.Context, area, city string, k int, at time.Time) ([]domain.Candidate, error) {
	now := at.UTC().Format(slotTime)
	var queries []ddb.KeyConditionBuilder
	var indexes []string
	if ck := domain.CityKey(city); ck != "" {
		queries = append(queries, ddb.Key("gsi1pk").Equal(ddb.Value(areaIndexPK(area))).
			And(ddb.Key("gsi1sk").Between(ddb.Value(ck+"#"+now), ddb.Value(ck+"#"+noSlot+noSlot))))
		indexes = append(indexes, gsi1)
	}
	queries = append(queries, ddb.Key("gsi2pk").Equal(ddb.Value(areaIndexPK(area))).
		And(ddb.Key("gsi2sk").Between(ddb.Value(now), ddb.Value(noSlot+noSlot))))
	indexes = append(indexes, gsi2)

	// The two queries at once: one round trip's wait.
	results := make([][]map[string]types.AttributeValue, len(queries))
	errs := make([]error, len(queries))
	var wg sync.WaitGroup
	for i, kc := range queries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			expr, err := ddb.NewBuilder().WithKeyCondition(kc).Build()
			if err != nil {
				errs[i] = err
				return
			}
			res, err := s.db.Query(ctx, &dynamodb.QueryInput{
				TableName: &s.table, IndexName: aws.String(indexes[i]), KeyConditionExpression: expr.KeyCondition(),
				ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(), Limit: aws.Int32(int32(k)),
			})
			if err != nil {
				errs[i] = mapErr(err)
				return
			}
			results[i] = res.Items
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	var out []domain.Candidate
	for _, items := range results {
		for _, raw := range items {
			var it lawyerItem
			if err := ddb.UnmarshalMap(raw, &it); err != nil {
				return nil, err
			}
			if seen[it.ID] {
				continue
			}
			seen[it.ID] = true
			c := domain.Candidate{Lawyer: it.domain(), LoadByDay: map[string]float64{}}
			for name, v := range raw {
				if day, ok := strings.CutPrefix(name, loadPrefix); ok {
					var n float64
					if ddb.Unmarshal(v, &n) == nil {
						c.LoadByDay[day] = n
					}
				}
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// RecordMatch records the matched lawyers on the question. A question's
// first match (status submitted) also moves it to matched, counts the
// funnel's matched step and credits the lawyers listed first with load in
// the area — in one transaction. Returns ENotFound.
func (s *Store) RecordMatch(ctx context.Context, q domain.Question, matches []domain.Match, candidates []domain.Candidate, now time.Time) error {
	records := domain.Records(matches)
	if q.Status == domain.QuestionSubmitted {
		err := s.firstMatch(ctx, q, records, domain.Credits(matches), candidates, now, true)
		if errors.Is(err, errCreditRefused) {
			// An area item changed under us (the lawyer left the area):
			// the match still counts, without the credits.
			err = s.firstMatch(ctx, q, records, nil, candidates, now, false)
		}
		if !errors.Is(err, errNotSubmitted) {
			return err
		}
	}
	expr, err := ddb.NewBuilder().
		WithCondition(ddb.AttributeExists(ddb.Name("pk"))).
		WithUpdate(ddb.Set(ddb.Name("matches"), ddb.Value(records)).
			Set(ddb.Name("matchedAt"), ddb.Value(now.UTC()))).Build()
	if err != nil {
		return err
	}
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: key(questionPK(q.ID), skQuestion),
		ConditionExpression: expr.Condition(), UpdateExpression: expr.Update(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
	})
	if isCondFailed(err) {
		return domain.Errorf(domain.ENotFound, "no question %s", q.ID)
	}
	return mapErr(err)
}

// Private signals of firstMatch: the question was matched already (by a
// concurrent request), or an area item refused its load credit.
var (
	errNotSubmitted  = errors.New("question is past submitted")
	errCreditRefused = errors.New("an area item refused the credit")
)

func (s *Store) firstMatch(ctx context.Context, q domain.Question, records []domain.MatchRecord, credits map[string]float64,
	candidates []domain.Candidate, now time.Time, withCredits bool) error {
	p := s.newPlan()
	status := ddb.Name("status")
	cond, upd := counting(status.Equal(ddb.Value(domain.QuestionSubmitted)),
		ddb.Set(status, ddb.Value(domain.QuestionMatched)).
			Set(ddb.Name("matches"), ddb.Value(records)).
			Set(ddb.Name("matchedAt"), ddb.Value(now.UTC())), []string{domain.StepMatched})
	if err := p.update("question", questionPK(q.ID), skQuestion, cond, upd); err != nil {
		return err
	}
	if err := s.planFunnel(p, domain.Funnel{QuestionID: q.ID, Area: q.Area, Cohort: q.CreatedAt, All: []string{domain.StepMatched}}); err != nil {
		return err
	}
	if withCredits {
		for _, c := range candidates {
			w, ok := credits[c.Lawyer.ID]
			if !ok {
				continue
			}
			upd := ddb.Add(ddb.Name(loadPrefix+now.UTC().Format(time.DateOnly)), ddb.Value(w))
			for _, d := range domain.StaleLoadDays(c.LoadByDay, now) {
				upd = upd.Remove(ddb.Name(loadPrefix + d))
			}
			if err := p.update("credit", lawyerPK(c.Lawyer.ID), areaSK(q.Area), ddb.AttributeExists(ddb.Name("pk")), upd); err != nil {
				return err
			}
		}
	}
	c, err := s.exec(ctx, p)
	switch {
	case c.failed("question"):
		return errNotSubmitted
	case c.failed("credit"):
		return errCreditRefused
	}
	return err
}
