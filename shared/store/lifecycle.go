package store

import (
	"context"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// The rest of a booking's life in the table: a lawyer's response times
// (LAWYER#id / RESPONSES, beside the profile, read with it in one batch),
// reminders (outbox items with a deterministic key per booking,
// sequence and offset, held back until due in GSI3 "OUTBOX"), reviews
// (LAWYER#id / REVIEW#<at>#id, newest first by one query; the rating sums
// on the profile and area cards), a reschedule and a withdrawn slot.

// responsesItem is a lawyer's last response times, oldest first.
type responsesItem struct {
	PK      string `dynamodbav:"pk"`
	SK      string `dynamodbav:"sk"`
	Type    string `dynamodbav:"type"`
	Minutes []int  `dynamodbav:"minutes"`
	Count   int    `dynamodbav:"count"`
}

func (i responsesItem) domain(lawyerID string) domain.Responses {
	return domain.Responses{LawyerID: lawyerID, Minutes: i.Minutes, Count: i.Count}
}

// planResponses adds "responses": the lawyer's response times as r holds
// them, on condition that the count stored is still the one read (r's
// less one).
func planResponses(p *plan, r domain.Responses) error {
	av, err := ddb.MarshalMap(responsesItem{PK: lawyerPK(r.LawyerID), SK: skResponses, Type: typeResponses, Minutes: r.Minutes, Count: r.Count})
	if err != nil {
		return err
	}
	cond := ddb.AttributeNotExists(ddb.Name("pk"))
	if r.Count > 1 {
		cond = ddb.Name("count").Equal(ddb.Value(r.Count - 1))
	}
	expr, err := ddb.NewBuilder().WithCondition(cond).Build()
	if err != nil {
		return err
	}
	p.add("responses", types.TransactWriteItem{Put: &types.Put{TableName: &p.table, Item: av,
		ConditionExpression: expr.Condition(), ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values()}})
	return nil
}

// reminderID is the outbox ID of a reminder: one per booking, sequence and
// offset, so that a transaction written twice cannot write it twice.
func reminderID(r domain.Reminder) string {
	return outboxPK("R" + r.BookingID + "-" + strconv.Itoa(r.Sequence) + "-" + strconv.FormatInt(int64(r.Offset/time.Second), 10))
}

// planReminders adds "reminder": each reminder an outbox item held back
// until it is due.
func planReminders(p *plan, rs []domain.Reminder, now time.Time) error {
	for _, r := range rs {
		due := r.Due
		o := newOutboxItem(domain.NoticeReminder, domain.OutboxItem{BookingID: r.BookingID, NotBefore: &due}, now)
		o.PK = reminderID(r)
		o.GSI3SK = outboxDueSK(due, o.PK)
		o.Sequence, o.OffsetSeconds = r.Sequence, int64(r.Offset/time.Second)
		if err := p.put("reminder", o); err != nil {
			return err
		}
	}
	return nil
}

// RescheduleBooking moves a booking to another open slot of its lawyer in
// one TransactWriteItems, or changes nothing: "booking" (start, state,
// sequence, version, its list keys; on condition that its state and
// version are what was read), "oldslot" (open again; still this
// booking's), "newslot" (held or booked for it; on condition that it is
// open), "question" (its funnel state; still holding this booking), "pii"
// (the visitor's data kept past the new end), "index" (the lawyer's
// slotsVersion as read and next open slot), "lead", "notice" (the other
// side is told) and "reminder" (the new time's, when it stays confirmed).
// A new slot that is no longer open is ESlotUnavailable; any other
// condition that fails — this booking's own hold on the new slot among
// them, from a retry that won — is domain.ErrStale, and the use case
// reads again.
func (s *Store) RescheduleBooking(ctx context.Context, r domain.Reschedule) error {
	b, nb, now := r.From, r.Booking, r.At
	p := s.newPlan()
	upd := ddb.Set(ddb.Name("start"), ddb.Value(nb.Start.UTC())).
		Set(ddb.Name("minutes"), ddb.Value(nb.Minutes)).
		Set(ddb.Name("status"), ddb.Value(nb.Status)).
		Set(ddb.Name("version"), ddb.Value(nb.Version)).
		Set(ddb.Name("sequence"), ddb.Value(nb.Sequence)).
		Set(ddb.Name("updatedAt"), ddb.Value(now.UTC())).
		Set(ddb.Name("previousStart"), ddb.Value(b.Start.UTC())).
		Set(ddb.Name("rescheduledBy"), ddb.Value(nb.RescheduledBy)).
		Set(ddb.Name("gsi1pk"), ddb.Value(lawyerBookingsPK(b.LawyerID, nb.Status))).
		Set(ddb.Name("gsi1sk"), ddb.Value(bookingListSK(nb))).
		Set(ddb.Name("gsi2sk"), ddb.Value(bookingListSK(nb)))
	if nb.Status == domain.BookingPending && nb.RespondBy != nil {
		upd = upd.Set(ddb.Name("respondBy"), ddb.Value(nb.RespondBy.UTC())).
			Set(ddb.Name("gsi3pk"), ddb.Value(pkExpiry)).
			Set(ddb.Name("gsi3sk"), ddb.Value(expirySK(*nb.RespondBy, b.ID)))
	} else {
		upd = upd.Remove(ddb.Name("respondBy")).Remove(ddb.Name("gsi3pk")).Remove(ddb.Name("gsi3sk"))
	}
	if !nb.RequestedAt.Equal(b.RequestedAt) {
		upd = upd.Set(ddb.Name("requestedAt"), ddb.Value(nb.RequestedAt.UTC()))
	}
	if err := p.update("booking", bookingPK(b.ID), skBooking,
		ddb.Name("status").Equal(ddb.Value(b.Status)).And(ddb.Name("version").Equal(ddb.Value(b.Version))), upd); err != nil {
		return err
	}
	if err := p.update("oldslot", lawyerPK(b.LawyerID), slotSK(b.Start), ddb.Name("bookingId").Equal(ddb.Value(b.ID)),
		ddb.Set(ddb.Name("status"), ddb.Value(domain.SlotOpen)).
			Remove(ddb.Name("bookingId")).Remove(ddb.Name("questionId"))); err != nil {
		return err
	}
	if err := p.update("newslot", lawyerPK(b.LawyerID), slotSK(r.To.Start), ddb.Name("status").Equal(ddb.Value(domain.SlotOpen)),
		ddb.Set(ddb.Name("status"), ddb.Value(domain.SlotStateFor(nb.Status))).
			Set(ddb.Name("bookingId"), ddb.Value(b.ID)).
			Set(ddb.Name("questionId"), ddb.Value(b.QuestionID))); err != nil {
		return err
	}
	p.returnOld()
	if err := p.update("question", questionPK(b.QuestionID), skQuestion, ddb.Name("openBooking").Equal(ddb.Value(b.ID)),
		ddb.Set(ddb.Name("status"), ddb.Value(domain.QuestionStateFor(nb.Status)))); err != nil {
		return err
	}
	if !r.PIIUntil.IsZero() {
		if err := planKeepPII(p, b.QuestionID, r.PIIUntil); err != nil {
			return err
		}
	}
	if err := s.planIndex(p, r.Lawyer, r.SetNext, r.Next); err != nil {
		return err
	}
	if err := p.update("lead", questionPK(b.QuestionID), leadSK(b.FirmID), ddb.AttributeExists(ddb.Name("pk")),
		leadBookingUpdate(nb, domain.QuestionStateFor(nb.Status), domain.ContactShown(nb.Status), now)); err != nil {
		return err
	}
	notice := newOutboxItem(domain.NoticeRescheduled, domain.OutboxItem{BookingID: b.ID}, now)
	notice.Sequence, notice.By = nb.Sequence, nb.RescheduledBy
	if err := p.put("notice", notice); err != nil {
		return err
	}
	if err := planReminders(p, r.Reminders, now); err != nil {
		return err
	}
	c, err := s.exec(ctx, p)
	if old := c.old("newslot"); old != nil {
		var it slotItem
		if err := ddb.UnmarshalMap(old, &it); err != nil {
			return err
		}
		if it.BookingID != b.ID {
			return domain.Errorf(domain.ESlotUnavailable, "that time has just been taken; choose another")
		}
	}
	return staleIfCancelled(c, err)
}

// reviewItem is a verified review, in its lawyer's partition newest last
// by sort key (read newest first). It keeps nothing of who wrote it.
type reviewItem struct {
	PK        string    `dynamodbav:"pk"`
	SK        string    `dynamodbav:"sk"`
	Type      string    `dynamodbav:"type"`
	ID        string    `dynamodbav:"id"`
	LawyerID  string    `dynamodbav:"lawyerId"`
	Area      string    `dynamodbav:"area"`
	Stars     int       `dynamodbav:"stars"`
	Text      string    `dynamodbav:"text,omitempty"`
	CreatedAt time.Time `dynamodbav:"createdAt"`
}

func (i reviewItem) domain() domain.Review {
	return domain.Review{ID: i.ID, LawyerID: i.LawyerID, Area: i.Area, Stars: i.Stars, Text: i.Text, CreatedAt: i.CreatedAt}
}

// CreateReview writes a review in one transaction: "booking" (marked
// reviewed, on condition that it is completed and not reviewed yet),
// "review", and "rating" (the stars added to the lawyer's rating on the
// profile and each area card). A booking that changed is domain.ErrStale:
// the use case reads it again and tells why.
func (s *Store) CreateReview(ctx context.Context, nr domain.NewReview) error {
	r, b := nr.Review, nr.Booking
	p := s.newPlan()
	if err := p.update("booking", bookingPK(b.ID), skBooking,
		ddb.Name("status").Equal(ddb.Value(domain.BookingCompleted)).And(ddb.AttributeNotExists(ddb.Name("reviewedAt"))),
		ddb.Set(ddb.Name("reviewedAt"), ddb.Value(r.CreatedAt.UTC()))); err != nil {
		return err
	}
	if err := p.put("review", reviewItem{PK: lawyerPK(r.LawyerID), SK: reviewSK(r.CreatedAt, r.ID), Type: typeReview, ID: r.ID,
		LawyerID: r.LawyerID, Area: r.Area, Stars: r.Stars, Text: r.Text, CreatedAt: r.CreatedAt.UTC()}); err != nil {
		return err
	}
	for _, sk := range append([]string{skLawyer}, areaSKs(nr.Lawyer.Areas)...) {
		if err := p.update("rating", lawyerPK(r.LawyerID), sk, ddb.AttributeExists(ddb.Name("pk")),
			ddb.Add(ddb.Name("ratingSum"), ddb.Value(r.Stars)).Add(ddb.Name("ratingCount"), ddb.Value(1))); err != nil {
			return err
		}
	}
	c, err := s.exec(ctx, p)
	return staleIfCancelled(c, err)
}

// FindReviews lists a lawyer's reviews, newest first. Returns EInvalid
// for a bad cursor.
func (s *Store) FindReviews(ctx context.Context, lawyerID string, limit int, cursor string) (domain.Page[domain.Review], error) {
	expr, err := ddb.NewBuilder().WithKeyCondition(ddb.Key("pk").Equal(ddb.Value(lawyerPK(lawyerID))).
		And(ddb.Key("sk").BeginsWith(reviewPrefix))).Build()
	if err != nil {
		return domain.Page[domain.Review]{}, err
	}
	return queryPage[reviewItem, domain.Review](ctx, s, &dynamodb.QueryInput{
		KeyConditionExpression: expr.KeyCondition(), ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
		ScanIndexForward: aws.Bool(false),
	}, "reviews|"+lawyerID, cursor, limit)
}

// WithdrawSlot deletes an open slot of lawyer l (its profile as read) in
// one transaction: "slot" (on condition that it is still open and held by
// no booking) and "index" (the lawyer's slotsVersion as read and, when
// setNext, the next open slot). Either failing is domain.ErrStale: the use
// case reads again.
func (s *Store) WithdrawSlot(ctx context.Context, l domain.Lawyer, start time.Time, setNext bool, next *domain.Slot) error {
	p := s.newPlan()
	cond, err := ddb.NewBuilder().WithCondition(ddb.Name("status").Equal(ddb.Value(domain.SlotOpen)).
		And(ddb.AttributeNotExists(ddb.Name("bookingId")))).Build()
	if err != nil {
		return err
	}
	p.add("slot", types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: key(lawyerPK(l.ID), slotSK(start)),
		ConditionExpression: cond.Condition(), ExpressionAttributeNames: cond.Names(), ExpressionAttributeValues: cond.Values()}})
	if err := s.planIndex(p, l, setNext, next); err != nil {
		return err
	}
	c, err := s.exec(ctx, p)
	return staleIfCancelled(c, err)
}
