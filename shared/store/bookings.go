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

// bookingItem is a booking. It is listed for its lawyer by status (GSI1
// "LB#<lawyer>#<status>") and in all states (GSI2 "LB#<lawyer>"), soonest
// first; while pending it is also in the expiry index (GSI3 "EXPIRY", by
// deadline). It holds no personal data and not even the question's title:
// what the visitor wrote stays with the question, so erasure reaches it.
type bookingItem struct {
	PK            string     `dynamodbav:"pk"`
	SK            string     `dynamodbav:"sk"`
	Type          string     `dynamodbav:"type"`
	GSI1PK        string     `dynamodbav:"gsi1pk"`
	GSI1SK        string     `dynamodbav:"gsi1sk"`
	GSI2PK        string     `dynamodbav:"gsi2pk"`
	GSI2SK        string     `dynamodbav:"gsi2sk"`
	GSI3PK        string     `dynamodbav:"gsi3pk,omitempty"`
	GSI3SK        string     `dynamodbav:"gsi3sk,omitempty"`
	ID            string     `dynamodbav:"id"`
	QuestionID    string     `dynamodbav:"questionId"`
	LawyerID      string     `dynamodbav:"lawyerId"`
	FirmID        string     `dynamodbav:"firmId"`
	Area          string     `dynamodbav:"area"`
	Start         time.Time  `dynamodbav:"start"`
	Minutes       int        `dynamodbav:"minutes"`
	TimeZone      string     `dynamodbav:"timeZone"`
	Mode          string     `dynamodbav:"mode"`
	Status        string     `dynamodbav:"status"`
	Version       int        `dynamodbav:"version"`
	CreatedAt     time.Time  `dynamodbav:"createdAt"`
	UpdatedAt     time.Time  `dynamodbav:"updatedAt"`
	RespondBy     *time.Time `dynamodbav:"respondBy,omitempty"`
	DeclineReason string     `dynamodbav:"declineReason,omitempty"`
	CancelledBy   string     `dynamodbav:"cancelledBy,omitempty"`
	CancelReason  string     `dynamodbav:"cancelReason,omitempty"`
}

func (i bookingItem) domain() domain.Booking {
	return domain.Booking{
		ID: i.ID, QuestionID: i.QuestionID, LawyerID: i.LawyerID, FirmID: i.FirmID, Area: i.Area,
		Start: i.Start, Minutes: i.Minutes, TimeZone: i.TimeZone, Mode: i.Mode, Status: i.Status,
		Version: i.Version, CreatedAt: i.CreatedAt, UpdatedAt: i.UpdatedAt, RespondBy: i.RespondBy,
		DeclineReason: i.DeclineReason, CancelledBy: i.CancelledBy, CancelReason: i.CancelReason,
	}
}

func bookingPK(id string) string                  { return "BOOKING#" + id }
func lawyerBookingsPK(lawyerID, st string) string { return "LB#" + lawyerID + "#" + st }
func lawyerAllBookingsPK(lawyerID string) string  { return "LB#" + lawyerID }
func bookingListSK(b domain.Booking) string       { return b.Start.UTC().Format(slotTime) + "#" + b.ID }
func idempotencyPK(hash string) string            { return "IDEM#" + hash }

const (
	skBooking  = "BOOKING"
	pkExpiry   = "EXPIRY"
	typeIdem   = "idempotency"
	typeOutbox = "outbox"
	typeBook   = "booking"
)

func expirySK(respondBy time.Time, id string) string {
	return respondBy.UTC().Format(time.RFC3339) + "#" + id
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

// Internal codes of CreateBooking's retries.
const errSlotMissing = "slot_missing"

// CreateBooking creates a pending booking and holds its slot in one
// TransactWriteItems: the slot's condition (open) and the booking's
// (attribute_not_exists) commit together or not at all, with the question
// (one open booking at a time), the visitor data's retention, the lawyer's
// next open slot, the funnel counters, the outbox item and the idempotency
// record. It returns the booking and whether it is a replay of an earlier
// request with the same key. Returns ESlotUnavailable, ENotFound (slot,
// question), EConflict (an open booking already, a key reused with another
// body).
func (s *Store) CreateBooking(ctx context.Context, nb domain.NewBooking) (domain.Booking, bool, error) {
	var out domain.Booking
	replayed := false
	err := withVersionRetry(ctx, func() error {
		var err error
		out, replayed, err = s.createBooking(ctx, nb)
		return err
	})
	return out, replayed, err
}

func (s *Store) createBooking(ctx context.Context, nb domain.NewBooking) (domain.Booking, bool, error) {
	b := nb.Booking
	now := s.Now()
	if nb.IdempotencyKey != "" {
		if prior, ok, err := s.replay(ctx, nb); ok || err != nil {
			return prior, ok, err
		}
	}
	var p lawyerItem
	if err := s.get(ctx, lawyerPK(b.LawyerID), skLawyer, &p); err != nil {
		return b, false, err
	}
	var sl slotItem
	if err := s.get(ctx, lawyerPK(b.LawyerID), slotSK(b.Start), &sl); err != nil {
		return b, false, err
	}
	lead, err := s.FindLead(ctx, b.QuestionID, b.FirmID)
	if err != nil && domain.ErrorCode(err) != domain.ENotFound {
		return b, false, err
	}
	if sl.PK == "" || !sl.Start.Equal(b.Start) {
		return b, false, domain.Errorf(domain.ENotFound, "the lawyer has no slot at %s", b.Start.Format(time.RFC3339))
	}
	if sl.Status != domain.SlotOpen {
		return s.ownOrTaken(ctx, sl, b)
	}
	b.Minutes = sl.Minutes
	piiUntil := nb.PIIExpiresAt
	if end := b.End().Add(nb.PIIRetention); end.After(piiUntil) {
		piiUntil = end
	}

	// The lawyer's next open slot, once this one is held.
	next := storedNext(p, now)
	stored := p.domain().NextOpenSlot
	if next == nil || next.Start.Equal(b.Start) {
		var err error
		if next, err = s.firstOpenSlotExcept(ctx, b.LawyerID, now, b.Start); err != nil {
			return b, false, err
		}
	}
	tx := []types.TransactWriteItem{}
	// 0: the slot, open → held.
	slotUpd, err := s.update(lawyerPK(b.LawyerID), slotSK(b.Start),
		expression.Name("status").Equal(expression.Value(domain.SlotOpen)),
		expression.Set(expression.Name("status"), expression.Value(domain.SlotHeld)).
			Set(expression.Name("bookingId"), expression.Value(b.ID)).
			Set(expression.Name("questionId"), expression.Value(b.QuestionID)))
	if err != nil {
		return b, false, err
	}
	slotUpd.ReturnValuesOnConditionCheckFailure = types.ReturnValuesOnConditionCheckFailureAllOld
	tx = append(tx, types.TransactWriteItem{Update: slotUpd})
	// 1: the booking.
	bav, err := attributevalue.MarshalMap(s.bookingItem(b))
	if err != nil {
		return b, false, err
	}
	tx = append(tx, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: bav, ConditionExpression: aws.String("attribute_not_exists(pk)")}})
	// 2: the question: one open booking at a time, never an erased one.
	qUpd, err := s.update(questionPK(b.QuestionID), skQuestion,
		expression.AttributeExists(expression.Name("pk")).
			And(expression.AttributeNotExists(expression.Name("openBooking"))).
			And(expression.AttributeNotExists(expression.Name("erasedAt"))),
		expression.Set(expression.Name("openBooking"), expression.Value(b.ID)).
			Set(expression.Name("status"), expression.Value(domain.QuestionBooked)).
			Set(expression.Name("leadFirm"), expression.IfNotExists(expression.Name("leadFirm"), expression.Value(b.FirmID))).
			Remove(expression.Name("gsi3pk")).Remove(expression.Name("gsi3sk")))
	if err != nil {
		return b, false, err
	}
	tx = append(tx, types.TransactWriteItem{Update: qUpd})
	// 3: the visitor's data is kept for the retention after the booking.
	piiUpd, err := s.update(questionPK(b.QuestionID), skQuestionPII, expression.AttributeExists(expression.Name("pk")),
		expression.Set(expression.Name("ttl"), expression.Value(piiUntil.Unix())))
	if err != nil {
		return b, false, err
	}
	tx = append(tx, types.TransactWriteItem{Update: piiUpd})
	// 4…: the lawyer's slotsVersion and next open slot.
	idx, err := s.indexUpdates(p, !sameSlot(stored, next), next)
	if err != nil {
		return b, false, err
	}
	versionAt := len(tx)
	tx = append(tx, idx...)
	// The question becomes (or stays) a lead of the lawyer's firm.
	leadAt := len(tx)
	link, firstSteps, err := s.linkLead(nb.Question, lead, b, now)
	if err != nil {
		return b, false, err
	}
	tx = append(tx, link)
	// Funnel counters and the notification.
	more, err := s.eventItems(b, domain.StepBooked, firstSteps, domain.NoticeCreated, now)
	if err != nil {
		return b, false, err
	}
	tx = append(tx, more...)
	idemAt := -1
	if nb.IdempotencyKey != "" {
		iav, err := attributevalue.MarshalMap(idempotencyItem{
			PK: idempotencyPK(nb.IdempotencyKey), SK: skSingle, Type: typeIdem, BookingID: b.ID,
			RequestHash: nb.RequestHash, TTL: now.Add(IdempotencyTTL).Unix(),
		})
		if err != nil {
			return b, false, err
		}
		cond, err := expression.NewBuilder().WithCondition(expression.Or(
			expression.AttributeNotExists(expression.Name("pk")),
			expression.Name("ttl").LessThan(expression.Value(now.Unix())))).Build()
		if err != nil {
			return b, false, err
		}
		idemAt = len(tx)
		tx = append(tx, types.TransactWriteItem{Put: &types.Put{
			TableName: &s.table, Item: iav, ConditionExpression: cond.Condition(),
			ExpressionAttributeNames: cond.Names(), ExpressionAttributeValues: cond.Values(),
		}})
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
	if err == nil {
		return b, false, nil
	}
	reasons := cancelReasons(err)
	switch {
	case idemAt >= 0 && failedAt(reasons, idemAt):
		// The same key won a concurrent race: answer with its booking.
		prior, ok, err := s.replay(ctx, nb)
		if err == nil && !ok {
			err = domain.Errorf(domain.EConflict, "a request with this Idempotency-Key is in progress; retry")
		}
		return prior, ok, err
	case failedAt(reasons, 0):
		var old slotItem
		var tc *types.TransactionCanceledException
		if asTC(err, &tc) && len(tc.CancellationReasons) > 0 && tc.CancellationReasons[0].Item != nil {
			_ = attributevalue.UnmarshalMap(tc.CancellationReasons[0].Item, &old)
		}
		return s.ownOrTaken(ctx, old, b)
	case failedAt(reasons, 2), failedAt(reasons, 3):
		q, qerr := s.FindQuestionByID(ctx, b.QuestionID)
		switch {
		case qerr != nil:
			return b, false, qerr
		case q.Erased():
			return b, false, domain.Errorf(domain.ENotFound, "the question was erased")
		case q.OpenBooking != "":
			return b, false, domain.Errorf(domain.EConflict, "this question already has an open booking (%s); cancel it before booking another", q.OpenBooking)
		}
		return b, false, domain.Errorf(domain.ENotFound, "the question's contact data has expired")
	case failedAt(reasons, versionAt), failedAt(reasons, leadAt), transactionConflict(reasons):
		return b, false, domain.Errorf(errVersionMoved, "slots version moved")
	case reasons != nil:
		return b, false, domain.Errorf(domain.EConflict, "the booking could not be written; try again")
	}
	return b, false, mapErr(err)
}

// ownOrTaken explains a slot that is not open: if this very question holds
// it with the booking our own earlier attempt wrote (an SDK retry after a
// lost answer), that booking is the answer; else the slot is taken.
func (s *Store) ownOrTaken(ctx context.Context, sl slotItem, b domain.Booking) (domain.Booking, bool, error) {
	if sl.QuestionID == b.QuestionID && sl.BookingID != "" {
		own, err := s.FindBookingByID(ctx, sl.BookingID)
		if err == nil && own.QuestionID == b.QuestionID && own.LawyerID == b.LawyerID && own.Start.Equal(b.Start) && domain.Open(own.Status) {
			return own, true, nil
		}
	}
	return b, false, domain.Errorf(domain.ESlotUnavailable, "that slot has just been taken; choose another")
}

// replay returns the booking an earlier request with the same idempotency
// key created (true), nothing (false) if there is none, or EConflict when
// that request had another body.
func (s *Store) replay(ctx context.Context, nb domain.NewBooking) (domain.Booking, bool, error) {
	var rec idempotencyItem
	if err := s.get(ctx, idempotencyPK(nb.IdempotencyKey), skSingle, &rec); err != nil {
		return domain.Booking{}, false, err
	}
	// TTL deletion lags by up to days: an expired record is no record.
	if rec.PK == "" || rec.TTL < s.Now().Unix() {
		return domain.Booking{}, false, nil
	}
	if rec.RequestHash != nb.RequestHash {
		return domain.Booking{}, false, domain.Errorf(domain.EConflict, "this Idempotency-Key was used with another request body")
	}
	b, err := s.FindBookingByID(ctx, rec.BookingID)
	return b, err == nil, err
}

// firstOpenSlotExcept is firstOpenSlot passing over the slot at except.
func (s *Store) firstOpenSlotExcept(ctx context.Context, lawyerID string, now, except time.Time) (*domain.Slot, error) {
	after := now
	for {
		next, err := s.firstOpenSlot(ctx, lawyerID, after)
		if err != nil || next == nil || !next.Start.Equal(except) {
			return next, err
		}
		after = next.Start
	}
}

func (s *Store) bookingItem(b domain.Booking) bookingItem {
	it := bookingItem{
		PK: bookingPK(b.ID), SK: skBooking, Type: typeBook,
		GSI1PK: lawyerBookingsPK(b.LawyerID, b.Status), GSI1SK: bookingListSK(b),
		GSI2PK: lawyerAllBookingsPK(b.LawyerID), GSI2SK: bookingListSK(b),
		ID: b.ID, QuestionID: b.QuestionID, LawyerID: b.LawyerID, FirmID: b.FirmID, Area: b.Area,
		Start: b.Start.UTC(), Minutes: b.Minutes, TimeZone: b.TimeZone, Mode: b.Mode, Status: b.Status,
		Version: b.Version, CreatedAt: b.CreatedAt.UTC(), UpdatedAt: b.UpdatedAt.UTC(), RespondBy: b.RespondBy,
	}
	if b.Status == domain.BookingPending && b.RespondBy != nil {
		it.GSI3PK, it.GSI3SK = pkExpiry, expirySK(*b.RespondBy, b.ID)
	}
	return it
}

// FindBookingByID returns a booking. Returns ENotFound.
func (s *Store) FindBookingByID(ctx context.Context, id string) (domain.Booking, error) {
	var it bookingItem
	if err := s.get(ctx, bookingPK(id), skBooking, &it); err != nil {
		return domain.Booking{}, err
	}
	if it.ID == "" {
		return domain.Booking{}, domain.Errorf(domain.ENotFound, "no booking %s", id)
	}
	return it.domain(), nil
}

// ApplyChange moves booking b (as read) to c.To in one TransactWriteItems,
// conditioned on its state and version being still what was read: the
// booking, its slot (held → booked, or open again), its question, the
// funnel counters, the outbox item, and — when the slot opens again or a
// consultation is completed — the lawyer's next open slot and helped
// count. Returns the updated booking; EInvalidState when another change
// won.
func (s *Store) ApplyChange(ctx context.Context, b domain.Booking, c domain.BookingChange) (domain.Booking, error) {
	var out domain.Booking
	err := withVersionRetry(ctx, func() error {
		var err error
		out, err = s.applyChange(ctx, b, c)
		return err
	})
	return out, err
}

func (s *Store) applyChange(ctx context.Context, b domain.Booking, c domain.BookingChange) (domain.Booking, error) {
	p := s.newPlan()
	nb, err := s.planChange(ctx, p, b, c, true)
	if err != nil {
		return b, err
	}
	cx, err := s.exec(ctx, p)
	switch {
	case err == nil:
		return nb, nil
	case cx.failed("booking"):
		cur, ferr := s.FindBookingByID(ctx, b.ID)
		if ferr != nil {
			return b, ferr
		}
		return cur, domain.Errorf(domain.EInvalidState, "the booking changed meanwhile: it is %s now", cur.Status)
	case cx.failed("index"), cx.conflict():
		return b, domain.Errorf(errVersionMoved, "slots version moved")
	case cx != nil:
		return b, domain.Errorf(domain.EConflict, "the booking could not be changed; try again")
	}
	return b, err
}

// planChange adds to p the items of booking b's (as read) change c and
// returns the booking as it will be: "booking" (on condition that its
// state and version are still what was read), "slot" (held → booked, or
// open again; still this booking's), "question" (its funnel state; no
// longer held once the booking ends — left out when withQuestion is false,
// for a plan that writes the question itself), "index" (the lawyer's next
// open slot, when a future slot opens again), "helped" (a completed
// consultation), "funnel", "notice" and "lead".
func (s *Store) planChange(ctx context.Context, p *plan, b domain.Booking, c domain.BookingChange, withQuestion bool) (domain.Booking, error) {
	now := c.At
	nb := b
	nb.Status, nb.Version, nb.UpdatedAt = c.To, b.Version+1, now
	upd := expression.Set(expression.Name("status"), expression.Value(c.To)).
		Set(expression.Name("version"), expression.Value(nb.Version)).
		Set(expression.Name("updatedAt"), expression.Value(now.UTC())).
		Set(expression.Name("gsi1pk"), expression.Value(lawyerBookingsPK(b.LawyerID, c.To)))
	if c.To != domain.BookingPending {
		upd = upd.Remove(expression.Name("gsi3pk")).Remove(expression.Name("gsi3sk"))
		nb.RespondBy = nil
		upd = upd.Remove(expression.Name("respondBy"))
	}
	switch c.Act {
	case domain.ActDecline:
		nb.DeclineReason = c.Reason
		upd = setOrRemove(upd, "declineReason", c.Reason)
	case domain.ActCancel:
		nb.CancelledBy, nb.CancelReason = c.By, c.Reason
		upd = upd.Set(expression.Name("cancelledBy"), expression.Value(c.By))
		upd = setOrRemove(upd, "cancelReason", c.Reason)
	}
	if err := p.update("booking", bookingPK(b.ID), skBooking,
		expression.Name("status").Equal(expression.Value(b.Status)).And(expression.Name("version").Equal(expression.Value(b.Version))), upd); err != nil {
		return b, err
	}

	slotState := domain.SlotStateFor(c.To)
	supd := expression.Set(expression.Name("status"), expression.Value(slotState))
	if slotState == domain.SlotOpen {
		supd = supd.Remove(expression.Name("bookingId")).Remove(expression.Name("questionId"))
	}
	if err := p.update("slot", lawyerPK(b.LawyerID), slotSK(b.Start), expression.Name("bookingId").Equal(expression.Value(b.ID)), supd); err != nil {
		return b, err
	}

	if withQuestion {
		qupd := expression.Set(expression.Name("status"), expression.Value(domain.QuestionStateFor(c.To)))
		if !domain.Open(c.To) {
			qupd = qupd.Remove(expression.Name("openBooking"))
		}
		if err := p.update("question", questionPK(b.QuestionID), skQuestion, expression.AttributeExists(expression.Name("pk")), qupd); err != nil {
			return b, err
		}
	}

	// A freed future slot may become the lawyer's next open slot.
	if slotState == domain.SlotOpen && b.Start.After(now) {
		var pr lawyerItem
		if err := s.get(ctx, lawyerPK(b.LawyerID), skLawyer, &pr); err != nil {
			return b, err
		}
		stored := pr.domain().NextOpenSlot
		next := storedNext(pr, now)
		if next == nil || b.Start.Before(next.Start) {
			freed := b.Slot()
			freed.Status = domain.SlotOpen
			next = &freed
		}
		idx, err := s.indexUpdates(pr, !sameSlot(stored, next), next)
		if err != nil {
			return b, err
		}
		for _, it := range idx {
			p.add("index", it)
		}
	}
	if c.HelpedCountUp {
		var pr lawyerItem
		if err := s.get(ctx, lawyerPK(b.LawyerID), skLawyer, &pr); err != nil {
			return b, err
		}
		for _, sk := range append([]string{skLawyer}, areaSKs(pr.Areas)...) {
			if err := p.update("helped", lawyerPK(b.LawyerID), sk, expression.AttributeExists(expression.Name("pk")),
				expression.Add(expression.Name("helpedCount"), expression.Value(1))); err != nil {
				return b, err
			}
		}
	}
	more, err := s.eventItems(nb, c.FunnelStep, nil, c.Notification, now)
	if err != nil {
		return b, err
	}
	for _, it := range more {
		name := "funnel"
		if it.Put != nil {
			name = "notice"
		}
		p.add(name, it)
	}
	lu, err := s.leadStatusUpdate(nb, domain.QuestionStateFor(c.To), domain.ContactShown(c.To), now)
	if err != nil {
		return b, err
	}
	p.add("lead", types.TransactWriteItem{Update: lu})
	return nb, nil
}

func areaSKs(areas []string) []string {
	out := make([]string, len(areas))
	for i, a := range areas {
		out[i] = areaSK(a)
	}
	return out
}

// eventItems are the writes every booking event carries: the funnel
// counters of step (all firms, and the lawyer's firm, with firmSteps the
// firm counts besides), and the outbox item of the notification.
func (s *Store) eventItems(b domain.Booking, step string, firmSteps []string, notification string, now time.Time) ([]types.TransactWriteItem, error) {
	var tx []types.TransactWriteItem
	if step != "" {
		u, err := s.statsUpdate(scopeAll, b.QuestionID, now, b.Area, step)
		if err != nil {
			return nil, err
		}
		f, err := s.statsUpdate(scopeFirm(b.FirmID), b.QuestionID, now, b.Area, append(firmSteps, step)...)
		if err != nil {
			return nil, err
		}
		tx = append(tx, types.TransactWriteItem{Update: u}, types.TransactWriteItem{Update: f})
	}
	if notification != "" {
		av, err := attributevalue.MarshalMap(newOutboxItem(notification, domain.OutboxItem{BookingID: b.ID}, now))
		if err != nil {
			return nil, err
		}
		tx = append(tx, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: av, ConditionExpression: aws.String("attribute_not_exists(pk)")}})
	}
	return tx, nil
}

// FindLawyerBookings lists a lawyer's bookings, soonest first, of one
// status or all. Returns EInvalid for a bad cursor.
func (s *Store) FindLawyerBookings(ctx context.Context, f domain.BookingFilter) (domain.Page[domain.Booking], error) {
	index, pkName, pk := gsi2, "gsi2pk", lawyerAllBookingsPK(f.LawyerID)
	if f.Status != "" {
		index, pkName, pk = gsi1, "gsi1pk", lawyerBookingsPK(f.LawyerID, f.Status)
	}
	expr, err := expression.NewBuilder().WithKeyCondition(expression.Key(pkName).Equal(expression.Value(pk))).Build()
	if err != nil {
		return domain.Page[domain.Booking]{}, err
	}
	return queryPage[bookingItem, domain.Booking](ctx, s, &dynamodb.QueryInput{
		IndexName: aws.String(index), KeyConditionExpression: expr.KeyCondition(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
	}, "lawyer-bookings|"+f.LawyerID+"|"+f.Status, f.Cursor, f.Limit)
}

// FindExpiredBookings returns up to limit pending bookings whose deadline
// has passed, from the expiry index (no scan).
func (s *Store) FindExpiredBookings(ctx context.Context, now time.Time, limit int) ([]domain.Booking, error) {
	return queryDue[bookingItem, domain.Booking](ctx, s, pkExpiry, now.UTC().Format(time.RFC3339), limit)
}
