package store

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
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
	// BookingID and QuestionID name the booking holding the slot.
	BookingID  string `dynamodbav:"bookingId,omitempty"`
	QuestionID string `dynamodbav:"questionId,omitempty"`
}

func (i slotItem) domain() domain.Slot {
	return domain.Slot{LawyerID: i.LawyerID, Start: i.Start, Minutes: i.Minutes, Status: i.Status, BookingID: i.BookingID, QuestionID: i.QuestionID}
}

// PublishSlots adds open slots to a lawyer's calendar. It refuses (409
// EConflict) a slot that overlaps any existing slot of the lawyer. The
// overlap check and the writes are tied by a condition on the lawyer's
// slotsVersion, so two concurrent publishes cannot both pass the check; a
// sooner open slot becomes the lawyer's next open slot in the same
// transaction. Returns ENotFound for an unknown lawyer.
func (s *Store) PublishSlots(ctx context.Context, lawyerID string, slots []domain.Slot, now time.Time) error {
	if len(slots) == 0 {
		return nil
	}
	return withVersionRetry(ctx, func() error { return s.publishSlots(ctx, lawyerID, slots, now) })
}

func (s *Store) publishSlots(ctx context.Context, lawyerID string, slots []domain.Slot, now time.Time) error {
	var profile lawyerItem
	if err := s.get(ctx, lawyerPK(lawyerID), skLawyer, &profile, "no lawyer %s", lawyerID); err != nil {
		return err
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
	// The next open slot: the sooner of the stored one (when still ahead)
	// and the new ones; a stale stored one is recomputed from the slots.
	stored := profile.domain().NextOpenSlot
	next := profile.domain().StoredNext(now)
	if next == nil && stored != nil {
		if next, err = s.firstOpenSlot(ctx, lawyerID, now, time.Time{}); err != nil {
			return err
		}
	}
	for i := range slots {
		if slots[i].Start.After(now) && (next == nil || slots[i].Start.Before(next.Start)) {
			sl := slots[i]
			next = &sl
		}
	}
	idx, err := s.indexUpdates(profile, !domain.SameSlot(stored, next), next)
	if err != nil {
		return err
	}
	p := s.newPlan()
	for _, it := range idx {
		p.add("index", it)
	}
	for i, sl := range slots {
		if err := p.put(fmt.Sprint("slot", i), slotItem{
			PK: lawyerPK(lawyerID), SK: slotSK(sl.Start), Type: typeSlot, LawyerID: lawyerID,
			Start: sl.Start.UTC(), Minutes: sl.Minutes, Status: domain.SlotOpen,
		}); err != nil {
			return err
		}
	}
	c, err := s.exec(ctx, p)
	if c.failed("index") || c.conflict() {
		return errVersionMoved
	}
	for i, sl := range slots {
		if c.failed(fmt.Sprint("slot", i)) {
			return domain.Errorf(domain.EConflict, "a slot at %s exists", sl.Start.Format(time.RFC3339))
		}
	}
	return err
}

// slotsBetween returns every slot of the lawyer starting in [from, to),
// whatever its status (consistent read: it guards publishing).
func (s *Store) slotsBetween(ctx context.Context, lawyerID string, from, to time.Time) ([]domain.Slot, error) {
	expr, err := ddb.NewBuilder().WithKeyCondition(
		ddb.Key("pk").Equal(ddb.Value(lawyerPK(lawyerID))).
			And(ddb.Key("sk").Between(ddb.Value(slotSK(from)), ddb.Value(slotSK(to))))).Build()
	if err != nil {
		return nil, err
	}
	var out []domain.Slot
	err = queryEach(ctx, s, &dynamodb.QueryInput{
		KeyConditionExpression: expr.KeyCondition(), ExpressionAttributeNames: expr.Names(),
		ExpressionAttributeValues: expr.Values(), ConsistentRead: aws.Bool(true),
	}, func(it slotItem, _ map[string]types.AttributeValue) bool {
		if it.Start.Before(to) {
			out = append(out, it.domain())
		}
		return true
	})
	return out, err
}

// FindSlots lists a lawyer's slots by start. Returns EInvalid for a bad
// cursor.
func (s *Store) FindSlots(ctx context.Context, f domain.SlotFilter) (domain.Page[domain.Slot], error) {
	b := ddb.NewBuilder().WithKeyCondition(
		ddb.Key("pk").Equal(ddb.Value(lawyerPK(f.LawyerID))).
			And(ddb.Key("sk").Between(ddb.Value(slotSK(f.From)), ddb.Value(slotSK(f.To.Add(-time.Minute))))))
	if f.Status != "" {
		b = b.WithFilter(ddb.Name("status").Equal(ddb.Value(f.Status)))
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
