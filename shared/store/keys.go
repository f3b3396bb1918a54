package store

import (
	"fmt"
	"time"

	"github.com/lawdesk/lawdesk/shared/domain"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Index names (see template.yaml, the one source of the table's schema).
const (
	gsi1 = "GSI1"
	gsi2 = "GSI2"
	gsi3 = "GSI3"
)

// Item types, written to every item's "type" attribute.
const (
	typeFirm          = "firm"
	typeLawyer        = "lawyer"
	typeLawyerContact = "lawyer_contact"
	typeLawyerArea    = "lawyer_area"
	typeLicense       = "license"
	typeSlot          = "slot"
	typeQuestion      = "question"
	typeQuestionPII   = "question_pii"
	typeLead          = "lead"
	typeBook          = "booking"
	typeIdem          = "idempotency"
	typeOutbox        = "outbox"
	typeAudit         = "audit"
	typeRate          = "rate"
	typeStats         = "stats"
	typeQuestionText  = "question_text"
	typeAnswer        = "answer"
	typeReply         = "reply"
	typeHelped        = "helped"
	typeTerm          = "term"
	typeResponses     = "responses"
	typeReview        = "review"
)

// slotTime is the layout of slot times in keys: fixed width, UTC, so that
// keys sort as times do.
const slotTime = "2006-01-02T15:04Z"

// Partition and sort keys, by item.
func firmPK(id string) string               { return "FIRM#" + id }
func lawyerPK(id string) string             { return "LAWYER#" + id }
func licensePK(no string) string            { return "LICENSE#" + no }
func areaSK(area string) string             { return "AREA#" + area }
func slotSK(start time.Time) string         { return "SLOT#" + start.UTC().Format(slotTime) }
func questionPK(id string) string           { return "Q#" + id }
func rateLimitPK(bucket string) string      { return "RATE#" + bucket }
func areaIndexPK(area string) string        { return "AREA#" + area }
func publicAreaPK(area string) string       { return "PUBQ#" + area }
func cityIndexSK(cityKey, id string) string { return cityKey + "#" + id }

func firmLawyersPK(firmID string) string { return "FIRMLAWYERS#" + firmID }

func leadSK(firmID string) string      { return "LEAD#" + firmID }
func firmLeadsPK(firmID string) string { return leadsPrefix + firmID }

// leadListSK orders a firm's leads by the question's submission.
func leadListSK(createdAt time.Time, questionID string) string {
	return createdAt.UTC().Format(time.RFC3339) + "#" + questionID
}

func bookingPK(id string) string { return "BOOKING#" + id }
func lawyerBookingsPK(lawyerID string, st domain.BookingStatus) string {
	return "LB#" + lawyerID + "#" + string(st)
}
func lawyerAllBookingsPK(lawyerID string) string { return "LB#" + lawyerID }
func bookingListSK(b domain.Booking) string      { return b.Start.UTC().Format(slotTime) + "#" + b.ID }
func idempotencyPK(hash string) string           { return "IDEM#" + hash }

// dueTime is the layout of the unsent index's due times: fixed width, so
// that the keys sort as the times do (RFC 3339 with nanoseconds drops
// trailing zeros, and "05.12Z" would sort after "05.123Z").
const dueTime = "2006-01-02T15:04:05.000000000Z"

// outboxDueSK orders unsent notifications in GSI3 "OUTBOX" by when they
// fall due.
func outboxDueSK(due time.Time, pk string) string { return due.UTC().Format(dueTime) + "#" + pk }

// expirySK orders pending bookings in the expiry index by deadline.
func expirySK(respondBy time.Time, id string) string {
	return respondBy.UTC().Format(time.RFC3339) + "#" + id
}

func outboxPK(id string) string { return "OUTBOX#" + id }

// reviewSK orders a lawyer's reviews by time (fixed width, UTC).
func reviewSK(at time.Time, id string) string {
	return reviewPrefix + at.UTC().Format("2006-01-02T15:04:05.000Z") + "#" + id
}
func auditPK(questionID string) string { return "AUDIT#" + questionID }
func firmAuditPK(firmID string) string { return "AUDITFIRM#" + firmID }

// Public questions and answers: a question's thread in its own partition
// (its public text, answers and their follow-ups), apart from the
// question's partition that every booking reads; a lawyer's answers by
// time (GSI1); the postings of each term for related questions.
func qaPK(questionID string) string           { return "QA#" + questionID }
func answerSK(answerID string) string         { return "A#" + answerID }
func replySK(answerID, replyID string) string { return "A#" + answerID + "#R#" + replyID }
func helpedSK(lawyerID string) string         { return "HELPED#" + lawyerID }
func termPK(term string) string               { return "TERM#" + term }
func lawyerAnswersPK(lawyerID string) string  { return "LANS#" + lawyerID }

// Funnel counters: a scope (the platform, or a firm), spread over shards,
// one item per day and area.
func scopeFirm(id string) string             { return "FIRM#" + id }
func statsPK(scope string, shard int) string { return fmt.Sprintf("STATS#%s#%d", scope, shard) }
func statsSK(day time.Time, area string) string {
	return "DAY#" + day.UTC().Format(time.DateOnly) + "#" + area
}

// Fixed sort keys, partitions and prefixes.
const (
	skFirm          = "FIRM"
	skLawyer        = "LAWYER"
	skLawyerContact = "CONTACT"
	skQuestion      = "Q"
	skQuestionPII   = "PII"
	skBooking       = "BOOKING"
	skQuestionText  = "TEXT"
	skResponses     = "RESPONSES"
	reviewPrefix    = "REVIEW#"
	skSingle        = "_"
	pkDirectory     = "DIR"
	pkPublic        = "PUBQ"
	pkOpenLeads     = "OPEN"
	pkExpiry        = "EXPIRY"
	pkOutbox        = "OUTBOX"
	leadsPrefix     = "LEADS#"
	scopeAll        = "ALL"
	// platformScope is the firm scope of admins' views in the audit log.
	platformScope = "PLATFORM"
)

// noSlot sorts after every slot time: lawyers without an open slot come
// last in the area indexes.
const noSlot = "~"

// slotIndexKey is the next open slot's part of an index sort key.
func slotIndexKey(next *domain.Slot) string {
	if next == nil {
		return noSlot
	}
	return next.Start.UTC().Format(slotTime)
}

// areaIndexKeys returns a lawyer's keys in the area indexes: GSI1 by city
// then next open slot, GSI2 by next open slot.
func areaIndexKeys(area, city, lawyerID string, next *domain.Slot) (gsi1pk, gsi1sk, gsi2pk, gsi2sk string) {
	slot := slotIndexKey(next)
	return areaIndexPK(area), domain.CityKey(city) + "#" + slot + "#" + lawyerID, areaIndexPK(area), slot + "#" + lawyerID
}

// key is the primary key (pk, sk) of an item. It is not inlined: the map
// it builds weighed about 0.4 KB at each of its forty call sites.
//
//go:noinline
func key(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"pk": &types.AttributeValueMemberS{Value: pk},
		"sk": &types.AttributeValueMemberS{Value: sk},
	}
}

// stringSet marshals as a DynamoDB string set (SS), so that ADD unites it
// with the set stored.
type stringSet []string

func (s stringSet) MarshalDynamoDBAttributeValue() (types.AttributeValue, error) {
	return &types.AttributeValueMemberSS{Value: s}, nil
}
