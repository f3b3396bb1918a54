package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// The next open slot of a lawyer is denormalised onto the profile and the
// area items (and into the area indexes' sort keys) by every write that
// opens, holds or frees a slot, in the same transaction, conditioned on
// the profile's slotsVersion: what was read to compute it cannot have
// changed underneath. Time passing also makes it stale (the slot starts
// unbooked); RefreshStaleNextSlots, run by the sweeper, mends those, and
// matching never reads a next slot in the past.

// planIndex adds to p, as "index", the items of indexUpdates for lawyer l.
func (s *Store) planIndex(p *plan, l domain.Lawyer, setNext bool, next *domain.Slot) error {
	idx, err := s.indexUpdates(lawyerIndexOf(l), setNext, next)
	if err != nil {
		return err
	}
	for _, it := range idx {
		p.add("index", it)
	}
	return nil
}

// planKeepPII adds to p, as "pii", that question questionID's visitor data
// is kept until until (a booking extends it).
func planKeepPII(p *plan, questionID string, until time.Time) error {
	return p.update("pii", questionPK(questionID), skQuestionPII, ddb.AttributeExists(ddb.Name("pk")),
		ddb.Set(ddb.Name("ttl"), ddb.Value(until.Unix())))
}

// indexUpdates returns the transaction items that bump the profile's
// slotsVersion (on condition that it is still what was read) and, when
// setNext, set the next open slot on the profile and every area item.
func (s *Store) indexUpdates(p lawyerItem, setNext bool, next *domain.Slot) ([]types.TransactWriteItem, error) {
	upd := setNextSlot(ddb.Set(ddb.Name("slotsVersion"), ddb.Value(p.SlotsVersion+1)), setNext, next)
	u, err := s.update(lawyerPK(p.ID), skLawyer, versionCond(p.SlotsVersion), upd)
	if err != nil {
		return nil, err
	}
	tx := []types.TransactWriteItem{{Update: u}}
	if !setNext {
		return tx, nil
	}
	for _, area := range p.Areas {
		var upd ddb.UpdateBuilder
		upd = setNextSlot(upd, true, next)
		if p.Active {
			_, sk1, _, sk2 := areaIndexKeys(area, p.City, p.ID, next)
			upd = upd.Set(ddb.Name("gsi1sk"), ddb.Value(sk1)).Set(ddb.Name("gsi2sk"), ddb.Value(sk2))
		}
		u, err := s.update(lawyerPK(p.ID), areaSK(area), ddb.AttributeExists(ddb.Name("pk")), upd)
		if err != nil {
			return nil, err
		}
		tx = append(tx, types.TransactWriteItem{Update: u})
	}
	return tx, nil
}

// versionCond is the condition that a profile's slotsVersion is still v.
func versionCond(v int) ddb.ConditionBuilder {
	version := ddb.Name("slotsVersion")
	cond := ddb.AttributeExists(ddb.Name("pk"))
	if v == 0 {
		return cond.And(ddb.AttributeNotExists(version))
	}
	return cond.And(version.Equal(ddb.Value(v)))
}

// update builds the transaction Update of item (pk, sk) with cond and upd.
func (s *Store) update(pk, sk string, cond ddb.ConditionBuilder, upd ddb.UpdateBuilder) (*types.Update, error) {
	expr, err := ddb.NewBuilder().WithCondition(cond).WithUpdate(upd).Build()
	if err != nil {
		return nil, err
	}
	return &types.Update{
		TableName: &s.table, Key: key(pk, sk),
		ConditionExpression: expr.Condition(), UpdateExpression: expr.Update(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
	}, nil
}

func setNextSlot(upd ddb.UpdateBuilder, set bool, next *domain.Slot) ddb.UpdateBuilder {
	switch {
	case !set:
		return upd
	case next == nil:
		return upd.Remove(ddb.Name("nextOpenSlot")).Remove(ddb.Name("nextOpenMinutes"))
	}
	return upd.Set(ddb.Name("nextOpenSlot"), ddb.Value(next.Start.UTC())).
		Set(ddb.Name("nextOpenMinutes"), ddb.Value(next.Minutes))
}

// firstOpenSlot returns the lawyer's soonest open slot starting after now
// (nil when none), skipping held and booked ones and the one at except
// (zero: none).
func (s *Store) firstOpenSlot(ctx context.Context, lawyerID string, now, except time.Time) (*domain.Slot, error) {
	expr, err := ddb.NewBuilder().
		WithKeyCondition(ddb.Key("pk").Equal(ddb.Value(lawyerPK(lawyerID))).
			And(ddb.Key("sk").Between(ddb.Value(slotSK(now)), ddb.Value("SLOT#~")))).
		WithFilter(ddb.Name("status").Equal(ddb.Value(domain.SlotOpen))).Build()
	if err != nil {
		return nil, err
	}
	var first *domain.Slot
	err = queryEach(ctx, s, &dynamodb.QueryInput{
		KeyConditionExpression: expr.KeyCondition(), FilterExpression: expr.Filter(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
		ConsistentRead: aws.Bool(true), Limit: aws.Int32(25),
	}, func(it slotItem, _ map[string]types.AttributeValue) bool {
		if it.Start.After(now) && !it.Start.Equal(except) {
			sl := it.domain()
			first = &sl
		}
		return first == nil
	})
	return first, err
}

// versionBudget bounds how long a write that keeps losing the race on a
// lawyer's slotsVersion to other writes for the same lawyer keeps trying:
// the writes of one lawyer's calendar are serialised, and under a burst
// each waits its turn rather than fail.
const versionBudget = 3 * time.Second

// errVersionMoved is the store's private signal of a lost slotsVersion
// race: withVersionRetry reads and writes again.
var errVersionMoved = errors.New("slots version moved")

// versionMinAttempts is how many attempts a write gets whatever the time
// they take (a loaded store is slow, not contended).
const versionMinAttempts = 5

// withVersionRetry runs attempt until it does not lose a slotsVersion race,
// with jittered exponential pauses (10 ms doubling to 200 ms): at least
// versionMinAttempts times, and beyond that until versionBudget has
// passed; then it answers EConflict. Each attempt reads afresh, so one that
// finds its slot taken meanwhile answers that instead.
func withVersionRetry(ctx context.Context, attempt func() error) error {
	deadline := time.Now().Add(versionBudget)
	pause := 10 * time.Millisecond
	for i := 1; ; i++ {
		err := attempt()
		if !errors.Is(err, errVersionMoved) {
			return err
		}
		if i >= versionMinAttempts && time.Now().After(deadline) {
			return domain.Errorf(domain.EConflict, "the lawyer's calendar is changing right now; try again")
		}
		jittered := pause/2 + time.Duration(rand.Int64N(int64(pause)))
		select {
		case <-ctx.Done():
			return mapErr(ctx.Err())
		case <-time.After(jittered):
		}
		pause = min(2*pause, 200*time.Millisecond)
	}
}

// RefreshNextOpenSlot recomputes a lawyer's next open slot from the slots
// and writes it where it differs. Returns ENotFound.
func (s *Store) RefreshNextOpenSlot(ctx context.Context, lawyerID string, now time.Time) error {
	return withVersionRetry(ctx, func() error {
		var p lawyerItem
		if err := s.get(ctx, lawyerPK(lawyerID), skLawyer, &p, "no lawyer %s", lawyerID); err != nil {
			return err
		}
		next, err := s.firstOpenSlot(ctx, lawyerID, now, time.Time{})
		if err != nil {
			return err
		}
		stored := p.domain().NextOpenSlot
		if domain.SameSlot(stored, next) {
			return nil
		}
		idx, err := s.indexUpdates(p, true, next)
		if err != nil {
			return err
		}
		pl := s.newPlan()
		for _, it := range idx {
			pl.add("index", it)
		}
		c, err := s.exec(ctx, pl)
		if c.failed("index") || c.conflict() {
			return errVersionMoved
		}
		return err
	})
}

// RefreshStaleNextSlots mends every lawyer whose next open slot has
// started unbooked, found through the area index (GSI2 keys before now),
// and returns how many lawyers it refreshed. The sweeper runs it.
func (s *Store) RefreshStaleNextSlots(ctx context.Context, now time.Time) (int, error) {
	seen := map[string]bool{}
	for _, a := range domain.Areas {
		expr, err := ddb.NewBuilder().WithKeyCondition(
			ddb.Key("gsi2pk").Equal(ddb.Value(areaIndexPK(a.Code))).
				And(ddb.Key("gsi2sk").LessThan(ddb.Value(now.UTC().Format(slotTime))))).Build()
		if err != nil {
			return 0, err
		}
		var stale []string
		err = queryEach(ctx, s, &dynamodb.QueryInput{
			IndexName: aws.String(gsi2), KeyConditionExpression: expr.KeyCondition(),
			ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
			ProjectionExpression: aws.String("id"),
		}, func(it struct {
			ID string `dynamodbav:"id"`
		}, _ map[string]types.AttributeValue) bool {
			if !seen[it.ID] {
				seen[it.ID] = true
				stale = append(stale, it.ID)
			}
			return true
		})
		if err != nil {
			return len(seen), err
		}
		for _, id := range stale {
			if err := s.RefreshNextOpenSlot(ctx, id, now); err != nil {
				return len(seen), err
			}
		}
	}
	return len(seen), nil
}
