package store

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// slotItem is one slot, under its lawyer's partition, sorted by start.
type slotItem struct {
	PK       string    `dynamodbav:"pk"`
	SK       string    `dynamodbav:"sk"`
	Type     string    `dynamodbav:"type"`
	LawyerID string    `dynamodbav:"lawyerId"`
	Start    time.Time `dynamodbav:"start"`
	Minutes  int       `dynamodbav:"minutes"`
	Status   string    `dynamodbav:"status"`
}

func (i slotItem) domain() domain.Slot {
	return domain.Slot{LawyerID: i.LawyerID, Start: i.Start, Minutes: i.Minutes, Status: i.Status}
}

// publishAttempts bounds the retries of PublishSlots when another publish
// for the same lawyer commits in between.
const publishAttempts = 3

// PublishSlots adds open slots to a lawyer's calendar. It refuses (409
// EConflict) a slot that overlaps any existing slot of the lawyer. The
// overlap check and the writes are tied by a condition on the lawyer's
// slotsVersion, so two concurrent publishes cannot both pass the check.
// Returns ENotFound for an unknown lawyer.
func (s *Store) PublishSlots(ctx context.Context, lawyerID string, slots []domain.Slot) error {
	if len(slots) == 0 {
		return nil
	}
	for attempt := 0; ; attempt++ {
		err := s.publishSlots(ctx, lawyerID, slots)
		if domain.ErrorCode(err) != errVersionMoved || attempt+1 == publishAttempts {
			if domain.ErrorCode(err) == errVersionMoved {
				return domain.Errorf(domain.EConflict, "the calendar changed while publishing; try again")
			}
			return err
		}
	}
}

const errVersionMoved = "version_moved"

func (s *Store) publishSlots(ctx context.Context, lawyerID string, slots []domain.Slot) error {
	var profile lawyerItem
	if err := s.get(ctx, lawyerPK(lawyerID), skLawyer, &profile); err != nil {
		return err
	}
	if profile.ID == "" {
		return domain.Errorf(domain.ENotFound, "no lawyer %s", lawyerID)
	}
	from, to := slots[0].Start, slots[0].End()
	for _, sl := range slots[1:] {
		from, to = minTime(from, sl.Start), maxTime(to, sl.End())
	}
	existing, err := s.slotsBetween(ctx, lawyerID, from.Add(-domain.SlotMaxMinutes*time.Minute), to)
	if err != nil {
		return err
	}
	for _, n := range slots {
		for _, e := range existing {
			if n.Overlaps(e) {
				return domain.Errorf(domain.EConflict, "the slot at %s overlaps the existing slot at %s",
					n.Start.Format(time.RFC3339), e.Start.Format(time.RFC3339))
			}
		}
	}
	version := expression.Name("slotsVersion")
	cond := expression.AttributeExists(expression.Name("pk"))
	if profile.SlotsVersion == 0 {
		cond = cond.And(expression.AttributeNotExists(version))
	} else {
		cond = cond.And(version.Equal(expression.Value(profile.SlotsVersion)))
	}
	expr, err := expression.NewBuilder().WithCondition(cond).
		WithUpdate(expression.Set(version, expression.Value(profile.SlotsVersion+1))).Build()
	if err != nil {
		return err
	}
	tx := []types.TransactWriteItem{{Update: &types.Update{
		TableName:                 &s.table,
		Key:                       key(lawyerPK(lawyerID), skLawyer),
		ConditionExpression:       expr.Condition(),
		UpdateExpression:          expr.Update(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
	}}}
	for _, sl := range slots {
		av, err := attributevalue.MarshalMap(slotItem{
			PK: lawyerPK(lawyerID), SK: slotSK(sl.Start), Type: typeSlot, LawyerID: lawyerID,
			Start: sl.Start.UTC(), Minutes: sl.Minutes, Status: domain.SlotOpen,
		})
		if err != nil {
			return err
		}
		tx = append(tx, types.TransactWriteItem{Put: &types.Put{
			TableName: &s.table, Item: av, ConditionExpression: aws.String("attribute_not_exists(pk)"),
		}})
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
	reasons := cancelReasons(err)
	switch {
	case failedAt(reasons, 0), transactionConflict(reasons):
		return domain.Errorf(errVersionMoved, "slots version moved")
	case reasons != nil:
		for i := 1; i < len(reasons); i++ {
			if failedAt(reasons, i) {
				return domain.Errorf(domain.EConflict, "a slot at %s exists", slots[i-1].Start.Format(time.RFC3339))
			}
		}
	}
	return mapErr(err)
}

// slotsBetween returns every slot of the lawyer starting in [from, to),
// whatever its status (consistent read: it guards publishing).
func (s *Store) slotsBetween(ctx context.Context, lawyerID string, from, to time.Time) ([]domain.Slot, error) {
	expr, err := expression.NewBuilder().WithKeyCondition(
		expression.Key("pk").Equal(expression.Value(lawyerPK(lawyerID))).
			And(expression.Key("sk").Between(expression.Value(slotSK(from)), expression.Value(slotSK(to))))).Build()
	if err != nil {
		return nil, err
	}
	in := &dynamodb.QueryInput{
		TableName:                 &s.table,
		KeyConditionExpression:    expr.KeyCondition(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
		ConsistentRead:            aws.Bool(true),
	}
	var out []domain.Slot
	p := dynamodb.NewQueryPaginator(s.db, in)
	for p.HasMorePages() {
		res, err := p.NextPage(ctx)
		if err != nil {
			return nil, mapErr(err)
		}
		for _, raw := range res.Items {
			var it slotItem
			if err := attributevalue.UnmarshalMap(raw, &it); err != nil {
				return nil, err
			}
			if it.Start.Before(to) {
				out = append(out, it.domain())
			}
		}
	}
	return out, nil
}

// FindSlots lists a lawyer's slots by start. Returns EInvalid for a bad
// cursor.
func (s *Store) FindSlots(ctx context.Context, f domain.SlotFilter) (domain.Page[domain.Slot], error) {
	b := expression.NewBuilder().WithKeyCondition(
		expression.Key("pk").Equal(expression.Value(lawyerPK(f.LawyerID))).
			And(expression.Key("sk").Between(expression.Value(slotSK(f.From)), expression.Value(slotSK(f.To.Add(-time.Minute))))))
	if f.Status != "" {
		b = b.WithFilter(expression.Name("status").Equal(expression.Value(f.Status)))
	}
	expr, err := b.Build()
	if err != nil {
		return domain.Page[domain.Slot]{}, err
	}
	return queryPage[slotItem, domain.Slot](ctx, s, &dynamodb.QueryInput{
		KeyConditionExpression:    expr.KeyCondition(),
		FilterExpression:          expr.Filter(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
	}, "slots|"+f.LawyerID+"|"+f.Status, f.Cursor, f.Limit)
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
