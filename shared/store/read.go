package store

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// Read reads every item k names in one batch (BatchGetItem, 100 keys a
// call): the first read of a use case, everything addressable by key at
// once. Items that do not exist are absent from the batch; personal data
// and idempotency records past their expiry at k.At are left out (TTL
// deletion lags).
func (s *Store) Read(ctx context.Context, k domain.Keys) (domain.Batch, error) {
	var keys []map[string]types.AttributeValue
	keys = appendKeys(keys, k.Lawyers, skLawyer)
	keys = appendKeys(keys, k.LawyerContacts, skLawyerContact)
	keys = appendKeys(keys, k.Firms, skFirm)
	keys = appendKeys(keys, k.Questions, skQuestion, skQuestionPII)
	keys = appendKeys(keys, k.QuestionCards, skQuestion)
	keys = appendKeys(keys, k.Bookings, skBooking)
	keys = appendKeys(keys, k.Responses, skResponses)
	for _, sl := range k.Slots {
		keys = append(keys, key(lawyerPK(sl.LawyerID), slotSK(sl.Start)))
	}
	for _, l := range k.Leads {
		keys = append(keys, key(questionPK(l.QuestionID), leadSK(l.FirmID)))
	}
	for _, h := range k.Helped {
		keys = append(keys, key(questionPK(h.QuestionID), helpedSK(h.LawyerID)))
	}
	if k.Idempotency != "" {
		keys = append(keys, key(idempotencyPK(k.Idempotency), skSingle))
	}
	items, err := s.batchRead(ctx, keys, k.Consistent)
	if err != nil {
		return domain.Batch{}, err
	}
	b := domain.Batch{Lawyers: map[string]domain.Lawyer{}, LawyerContacts: map[string]domain.Contact{}, Firms: map[string]domain.Firm{},
		Questions: map[string]domain.Question{}, Bookings: map[string]domain.Booking{}, Leads: map[domain.LeadKey]domain.Lead{},
		Helped: map[domain.HelpedKey]bool{}, Responses: map[string]domain.Responses{}}
	pii := map[string]piiItem{}
	for _, raw := range items {
		t, _ := raw["type"].(*types.AttributeValueMemberS)
		if t == nil {
			continue
		}
		var err error
		switch t.Value {
		case typeLawyer:
			var it lawyerItem
			if err = ddb.UnmarshalMap(raw, &it); err == nil {
				b.Lawyers[it.ID] = it.domain()
			}
		case typeLawyerContact:
			var it contactItem
			if err = ddb.UnmarshalMap(raw, &it); err == nil {
				b.LawyerContacts[strings.TrimPrefix(it.PK, lawyerPK(""))] = domain.Contact{Phone: it.Phone, Email: it.Email}
			}
		case typeFirm:
			var it firmItem
			if err = ddb.UnmarshalMap(raw, &it); err == nil {
				b.Firms[it.ID] = it.domain()
			}
		case typeQuestion:
			var it questionItem
			if err = ddb.UnmarshalMap(raw, &it); err == nil {
				b.Questions[it.ID] = it.domain()
			}
		case typeQuestionPII:
			var it piiItem
			if err = ddb.UnmarshalMap(raw, &it); err == nil {
				pii[strings.TrimPrefix(it.PK, questionPK(""))] = it
			}
		case typeBook:
			var it bookingItem
			if err = ddb.UnmarshalMap(raw, &it); err == nil {
				b.Bookings[it.ID] = it.domain()
			}
		case typeLead:
			var it leadItem
			if err = ddb.UnmarshalMap(raw, &it); err == nil {
				b.Leads[domain.LeadKey{QuestionID: it.QuestionID, FirmID: it.FirmID}] = it.domain()
			}
		case typeHelped:
			var it helpedItem
			if err = ddb.UnmarshalMap(raw, &it); err == nil {
				b.Helped[domain.HelpedKey{QuestionID: strings.TrimPrefix(it.PK, questionPK("")), LawyerID: it.LawyerID}] = true
			}
		case typeResponses:
			var it responsesItem
			if err = ddb.UnmarshalMap(raw, &it); err == nil {
				id := strings.TrimPrefix(it.PK, lawyerPK(""))
				b.Responses[id] = it.domain(id)
			}
		case typeSlot:
			var it slotItem
			if err = ddb.UnmarshalMap(raw, &it); err == nil {
				b.Slots = append(b.Slots, it.domain())
			}
		case typeIdem:
			var it idempotencyItem
			// TTL deletion lags by up to days: an expired record is no record.
			if err = ddb.UnmarshalMap(raw, &it); err == nil && it.TTL >= k.At.Unix() {
				b.Idempotency = &domain.IdempotencyRecord{BookingID: it.BookingID, RequestHash: it.RequestHash}
			}
		}
		if err != nil {
			return domain.Batch{}, err
		}
	}
	for id, q := range b.Questions {
		withPII(&q, pii[id], k.At)
		b.Questions[id] = q
	}
	return b, nil
}

// appendKeys appends the keys of ids' items with sort keys sks. (Not
// inlined: seven copies in Read weighed 10 KB.)
//
//go:noinline
func appendKeys(keys []map[string]types.AttributeValue, ids []string, sks ...string) []map[string]types.AttributeValue {
	return append(keys, keysOf(ids, func(id string) []map[string]types.AttributeValue {
		var out []map[string]types.AttributeValue
		for _, sk := range sks {
			out = append(out, key(pkOf(sk, id), sk))
		}
		return out
	})...)
}

// pkOf is the partition key of id's item with sort key sk.
func pkOf(sk, id string) string {
	switch sk {
	case skLawyer, skLawyerContact, skResponses:
		return lawyerPK(id)
	case skFirm:
		return firmPK(id)
	case skQuestion, skQuestionPII:
		return questionPK(id)
	case skBooking:
		return bookingPK(id)
	}
	panic("store: no partition key for " + sk)
}
