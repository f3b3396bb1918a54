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

// bookingItem is a booking. It is listed for its lawyer by status (GSI1
// "LB#<lawyer>#<status>") and in all states (GSI2 "LB#<lawyer>"), soonest
// first; while pending it is also in the expiry index (GSI3 "EXPIRY", by
// deadline). It holds no personal data and not even the question's title:
// what the visitor wrote stays with the question, so erasure reaches it.
type bookingItem struct {
	PK            string               `dynamodbav:"pk"`
	SK            string               `dynamodbav:"sk"`
	Type          string               `dynamodbav:"type"`
	GSI1PK        string               `dynamodbav:"gsi1pk"`
	GSI1SK        string               `dynamodbav:"gsi1sk"`
	GSI2PK        string               `dynamodbav:"gsi2pk"`
	GSI2SK        string               `dynamodbav:"gsi2sk"`
	GSI3PK        string               `dynamodbav:"gsi3pk,omitempty"`
	GSI3SK        string               `dynamodbav:"gsi3sk,omitempty"`
	ID            string               `dynamodbav:"id"`
	QuestionID    string               `dynamodbav:"questionId"`
	LawyerID      string               `dynamodbav:"lawyerId"`
	FirmID        string               `dynamodbav:"firmId"`
	Area          string               `dynamodbav:"area"`
	Start         time.Time            `dynamodbav:"start"`
	Minutes       int                  `dynamodbav:"minutes"`
	TimeZone      string               `dynamodbav:"timeZone"`
	Mode          string               `dynamodbav:"mode"`
	Status        domain.BookingStatus `dynamodbav:"status"`
	Version       int                  `dynamodbav:"version"`
	CreatedAt     time.Time            `dynamodbav:"createdAt"`
	UpdatedAt     time.Time            `dynamodbav:"updatedAt"`
	RespondBy     *time.Time           `dynamodbav:"respondBy,omitempty"`
	DeclineReason string               `dynamodbav:"declineReason,omitempty"`
	CancelledBy   domain.Role          `dynamodbav:"cancelledBy,omitempty"`
	CancelReason  string               `dynamodbav:"cancelReason,omitempty"`
	// The booking's life after it was made: the visitor's zone, its
	// reschedules (sequence, the start before the last one and who made
	// it), when the lawyer was last asked to answer, its review.
	VisitorTimeZone string      `dynamodbav:"visitorTimeZone,omitempty"`
	Sequence        int         `dynamodbav:"sequence,omitempty"`
	PreviousStart   *time.Time  `dynamodbav:"previousStart,omitempty"`
	RescheduledBy   domain.Role `dynamodbav:"rescheduledBy,omitempty"`
	RequestedAt     *time.Time  `dynamodbav:"requestedAt,omitempty"`
	ReviewedAt      *time.Time  `dynamodbav:"reviewedAt,omitempty"`
}

func (i bookingItem) domain() domain.Booking {
	b := domain.Booking{
		ID: i.ID, QuestionID: i.QuestionID, LawyerID: i.LawyerID, FirmID: i.FirmID, Area: i.Area,
		Start: i.Start, Minutes: i.Minutes, TimeZone: i.TimeZone, Mode: i.Mode, Status: i.Status,
		Version: i.Version, CreatedAt: i.CreatedAt, UpdatedAt: i.UpdatedAt, RespondBy: i.RespondBy,
		DeclineReason: i.DeclineReason, CancelledBy: i.CancelledBy, CancelReason: i.CancelReason,
		VisitorTimeZone: i.VisitorTimeZone, Sequence: i.Sequence, PreviousStart: i.PreviousStart, RescheduledBy: i.RescheduledBy,
		Reviewed: i.ReviewedAt != nil, RequestedAt: i.CreatedAt,
	}
	if i.RequestedAt != nil {
		b.RequestedAt = *i.RequestedAt
	}
	return b
}

// idempotencyItem remembers, for 24 hours, which booking a request with an
// Idempotency-Key created, and a hash of its body.
type idempotencyItem struct {
	PK          string `dynamodbav:"pk"`
	SK          string `dynamodbav:"sk"`
	Type        string `dynamodbav:"type"`
	BookingID   string `dynamodbav:"bookingId"`
	RequestHash string `dynamodbav:"requestHash"`
	TTL         int64  `dynamodbav:"ttl"`
}

// IdempotencyTTL is how long an Idempotency-Key is remembered.
const IdempotencyTTL = 24 * time.Hour

// CreateBooking writes booking nb as the use case decided it, in one
// TransactWriteItems whose items are named: "slot" (open → held, on
// condition that it is open), "booking" (on condition that it does not
// exist), "question" (one open booking at a time, never an erased one),
// "pii" (the visitor's data kept for the retention after the booking),
// "index" (the lawyer's slotsVersion as read, and the next open slot),
// "lead", "funnel", "notice" and "idempotency". They commit together or
// not at all. A slot that is no longer open is *domain.SlotTakenError,
// with the slot as it stands; whatever other condition fails, what the
// booking was decided on has changed: domain.ErrStale, and the use case
// reads again (the key used, the question erased, the calendar changed
// meanwhile…).
func (s *Store) CreateBooking(ctx context.Context, nb domain.NewBooking) error {
	b, now := nb.Booking, nb.Booking.CreatedAt
	p := s.newPlan()
	slot := ddb.Name("status").Equal(ddb.Value(domain.SlotOpen))
	if err := p.update("slot", lawyerPK(b.LawyerID), slotSK(b.Start), slot,
		ddb.Set(ddb.Name("status"), ddb.Value(domain.SlotHeld)).
			Set(ddb.Name("bookingId"), ddb.Value(b.ID)).
			Set(ddb.Name("questionId"), ddb.Value(b.QuestionID))); err != nil {
		return err
	}
	p.returnOld()
	if err := p.put("booking", s.bookingItem(b)); err != nil {
		return err
	}
	qcond, qupd := counting(ddb.AttributeExists(ddb.Name("pk")).
		And(ddb.AttributeNotExists(ddb.Name("openBooking"))).
		And(ddb.AttributeNotExists(ddb.Name("erasedAt"))),
		ddb.Set(ddb.Name("openBooking"), ddb.Value(b.ID)).
			Set(ddb.Name("status"), ddb.Value(domain.QuestionBooked)).
			Set(ddb.Name("leadFirm"), ddb.IfNotExists(ddb.Name("leadFirm"), ddb.Value(b.FirmID))).
			Remove(ddb.Name("gsi3pk")).Remove(ddb.Name("gsi3sk")), nb.Funnel.All)
	if err := p.update("question", questionPK(b.QuestionID), skQuestion, qcond, qupd); err != nil {
		return err
	}
	if err := planKeepPII(p, b.QuestionID, nb.PIIUntil); err != nil {
		return err
	}
	if err := s.planIndex(p, nb.Lawyer, nb.SetNext, nb.Next); err != nil {
		return err
	}
	lead := domain.Lead{}
	if nb.Lead != nil {
		lead = *nb.Lead
	}
	link, err := s.linkLead(nb.Question, lead, b, nb.Funnel.Firm, now)
	if err != nil {
		return err
	}
	p.add("lead", link)
	if err := s.planEvent(p, b, nb.Funnel, nb.Notice, now); err != nil {
		return err
	}
	if nb.IdempotencyKey != "" {
		av, err := ddb.MarshalMap(idempotencyItem{
			PK: idempotencyPK(nb.IdempotencyKey), SK: skSingle, Type: typeIdem, BookingID: b.ID,
			RequestHash: nb.RequestHash, TTL: now.Add(IdempotencyTTL).Unix(),
		})
		if err != nil {
			return err
		}
		// A record past its TTL that DynamoDB has not deleted yet is no record.
		cond, err := ddb.NewBuilder().WithCondition(ddb.Or(
			ddb.AttributeNotExists(ddb.Name("pk")),
			ddb.Name("ttl").LessThan(ddb.Value(now.Unix())))).Build()
		if err != nil {
			return err
		}
		p.add("idempotency", types.TransactWriteItem{Put: &types.Put{
			TableName: &s.table, Item: av, ConditionExpression: cond.Condition(),
			ExpressionAttributeNames: cond.Names(), ExpressionAttributeValues: cond.Values(),
		}})
	}
	c, err := s.exec(ctx, p)
	if old := c.old("slot"); old != nil {
		// Another booking holds the slot now: say which, without a read.
		var it slotItem
		if err := ddb.UnmarshalMap(old, &it); err != nil {
			return err
		}
		return &domain.SlotTakenError{Slot: it.domain()}
	}
	if c != nil && (c.conflict() || len(c.failedNames()) > 0) {
		return fmt.Errorf("%w: the booking's %v changed meanwhile", domain.ErrStale, c.failedNames())
	}
	return err
}

// FirstOpenSlot returns the lawyer's soonest open slot starting after
// after, passing over the one at except (zero: none); nil when there is
// none. It reads consistently: a write will depend on it.
func (s *Store) FirstOpenSlot(ctx context.Context, lawyerID string, after, except time.Time) (*domain.Slot, error) {
	return s.firstOpenSlot(ctx, lawyerID, after, except)
}

// lawyerIndexOf is what indexUpdates needs of a lawyer's profile as read.
func lawyerIndexOf(l domain.Lawyer) lawyerItem {
	return lawyerItem{ID: l.ID, Areas: l.Areas, City: l.City, Active: l.Active, SlotsVersion: l.SlotsVersion}
}

func (s *Store) bookingItem(b domain.Booking) bookingItem {
	it := bookingItem{
		PK: bookingPK(b.ID), SK: skBooking, Type: typeBook,
		GSI1PK: lawyerBookingsPK(b.LawyerID, b.Status), GSI1SK: bookingListSK(b),
		GSI2PK: lawyerAllBookingsPK(b.LawyerID), GSI2SK: bookingListSK(b),
		ID: b.ID, QuestionID: b.QuestionID, LawyerID: b.LawyerID, FirmID: b.FirmID, Area: b.Area,
		Start: b.Start.UTC(), Minutes: b.Minutes, TimeZone: b.TimeZone, Mode: b.Mode, Status: b.Status,
		Version: b.Version, CreatedAt: b.CreatedAt.UTC(), UpdatedAt: b.UpdatedAt.UTC(), RespondBy: b.RespondBy,
		VisitorTimeZone: b.VisitorTimeZone, Sequence: b.Sequence,
	}
	if b.Status == domain.BookingPending && b.RespondBy != nil {
		it.GSI3PK, it.GSI3SK = pkExpiry, expirySK(*b.RespondBy, b.ID)
	}
	return it
}

// FindBookingByID returns a booking. Returns ENotFound.
func (s *Store) FindBookingByID(ctx context.Context, id string) (domain.Booking, error) {
	var it bookingItem
	if err := s.get(ctx, bookingPK(id), skBooking, &it, "no booking %s", id); err != nil {
		return domain.Booking{}, err
	}
	return it.domain(), nil
}

// ApplyChange moves booking b (as read) to c.To in one TransactWriteItems
// (see planChange), conditioned on its state and version being still what
// was read, and returns the booking as it now is. Any condition that
// fails means what the change was decided on has changed:
// domain.ErrStale, and the use case reads again.
func (s *Store) ApplyChange(ctx context.Context, b domain.Booking, c domain.BookingChange) (domain.Booking, error) {
	p := s.newPlan()
	nb, err := s.planChange(p, b, c, true)
	if err != nil {
		return b, err
	}
	cx, err := s.exec(ctx, p)
	if cx != nil && (cx.conflict() || len(cx.failedNames()) > 0) {
		return b, fmt.Errorf("%w: the booking's %v changed meanwhile", domain.ErrStale, cx.failedNames())
	}
	return nb, err
}

// planChange adds to p the items of booking b's (as read) change c and
// returns the booking as it will be: "booking" (on condition that its
// state and version are still what was read), "slot" (held → booked, or
// open again; still this booking's), "question" (its funnel state; no
// longer held once the booking ends — left out when withQuestion is false,
// for a plan that writes the question itself), "index" (the lawyer's next
// open slot as c decided it, when a future slot opens again), "helped" (a
// completed consultation), "responses" (the lawyer's response times, on
// an accept or decline), "reminder" (each reminder a confirmation
// writes), "funnel", "notice" and "lead".
func (s *Store) planChange(p *plan, b domain.Booking, c domain.BookingChange, withQuestion bool) (domain.Booking, error) {
	now := c.At
	nb := b
	nb.Status, nb.Version, nb.UpdatedAt = c.To, b.Version+1, now
	upd := ddb.Set(ddb.Name("status"), ddb.Value(c.To)).
		Set(ddb.Name("version"), ddb.Value(nb.Version)).
		Set(ddb.Name("updatedAt"), ddb.Value(now.UTC())).
		Set(ddb.Name("gsi1pk"), ddb.Value(lawyerBookingsPK(b.LawyerID, c.To)))
	if c.To != domain.BookingPending {
		upd = upd.Remove(ddb.Name("gsi3pk")).Remove(ddb.Name("gsi3sk"))
		nb.RespondBy = nil
		upd = upd.Remove(ddb.Name("respondBy"))
	}
	switch c.Act {
	case domain.ActDecline:
		nb.DeclineReason = c.Reason
		upd = setOrRemove(upd, "declineReason", c.Reason)
	case domain.ActCancel:
		nb.CancelledBy, nb.CancelReason = c.By, c.Reason
		upd = upd.Set(ddb.Name("cancelledBy"), ddb.Value(c.By))
		upd = setOrRemove(upd, "cancelReason", c.Reason)
	}
	if err := p.update("booking", bookingPK(b.ID), skBooking,
		ddb.Name("status").Equal(ddb.Value(b.Status)).And(ddb.Name("version").Equal(ddb.Value(b.Version))), upd); err != nil {
		return b, err
	}

	slotState := domain.SlotStateFor(c.To)
	supd := ddb.Set(ddb.Name("status"), ddb.Value(slotState))
	if slotState == domain.SlotOpen {
		supd = supd.Remove(ddb.Name("bookingId")).Remove(ddb.Name("questionId"))
	}
	if err := p.update("slot", lawyerPK(b.LawyerID), slotSK(b.Start), ddb.Name("bookingId").Equal(ddb.Value(b.ID)), supd); err != nil {
		return b, err
	}

	if withQuestion {
		qupd := ddb.Set(ddb.Name("status"), ddb.Value(domain.QuestionStateFor(c.To)))
		if !domain.Open(c.To) {
			qupd = qupd.Remove(ddb.Name("openBooking"))
		}
		qcond, qupd := counting(ddb.AttributeExists(ddb.Name("pk")), qupd, c.Funnel.All)
		if err := p.update("question", questionPK(b.QuestionID), skQuestion, qcond, qupd); err != nil {
			return b, err
		}
	}

	// A freed future slot may become the lawyer's next open slot.
	if c.Index {
		if err := s.planIndex(p, *c.Lawyer, c.SetNext, c.Next); err != nil {
			return b, err
		}
	}
	if c.HelpedCountUp {
		if err := planHelped(p, b.QuestionID, *c.Lawyer, now); err != nil {
			return b, err
		}
	}
	if c.Response != nil {
		if err := planResponses(p, *c.Response); err != nil {
			return b, err
		}
	}
	if err := planReminders(p, c.Reminders, now); err != nil {
		return b, err
	}
	if err := s.planEvent(p, nb, c.Funnel, c.Notification, now); err != nil {
		return b, err
	}
	lcond, lupd := counting(ddb.AttributeExists(ddb.Name("pk")),
		leadBookingUpdate(nb, domain.QuestionStateFor(c.To), domain.ContactShown(c.To), now), c.Funnel.Firm)
	if err := p.update("lead", questionPK(b.QuestionID), leadSK(b.FirmID), lcond, lupd); err != nil {
		return b, err
	}
	return nb, nil
}

func areaSKs(areas []string) []string {
	out := make([]string, len(areas))
	for i, a := range areas {
		out[i] = areaSK(a)
	}
	return out
}

// planEvent adds the writes every booking event carries: "funnel", the
// counters of f, and "notice", the outbox item of the notification.
func (s *Store) planEvent(p *plan, b domain.Booking, f domain.Funnel, notice string, now time.Time) error {
	if err := s.planFunnel(p, f); err != nil {
		return err
	}
	if notice != "" {
		return p.put("notice", newOutboxItem(notice, domain.OutboxItem{BookingID: b.ID}, now))
	}
	return nil
}

// FindLawyerBookings lists a lawyer's bookings, soonest first, of one
// status or all. Returns EInvalid for a bad cursor.
func (s *Store) FindLawyerBookings(ctx context.Context, f domain.BookingFilter) (domain.Page[domain.Booking], error) {
	index, pkName, pk := gsi2, "gsi2pk", lawyerAllBookingsPK(f.LawyerID)
	if f.Status != "" {
		index, pkName, pk = gsi1, "gsi1pk", lawyerBookingsPK(f.LawyerID, f.Status)
	}
	expr, err := ddb.NewBuilder().WithKeyCondition(ddb.Key(pkName).Equal(ddb.Value(pk))).Build()
	if err != nil {
		return domain.Page[domain.Booking]{}, err
	}
	return queryPage[bookingItem, domain.Booking](ctx, s, &dynamodb.QueryInput{
		IndexName: aws.String(index), KeyConditionExpression: expr.KeyCondition(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
	}, "lawyer-bookings|"+f.LawyerID+"|"+string(f.Status), f.Cursor, f.Limit)
}

// FindExpiredBookings returns up to limit pending bookings whose deadline
// has passed, from the expiry index (no scan).
func (s *Store) FindExpiredBookings(ctx context.Context, now time.Time, limit int) ([]domain.Booking, error) {
	return queryDue[bookingItem, domain.Booking](ctx, s, pkExpiry, now.UTC().Format(time.RFC3339), limit)
}
