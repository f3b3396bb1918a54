package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// questionItem holds what may be shown of a question: its title with
// personal data redacted (the title as written is with the personal data,
// in piiItem). A public question is
// also in the public lists: GSI1 "PUBQ" (all areas) and GSI2 "PUBQ#<area>",
// newest first by ID. Until a firm takes it (a booking or an assignment)
// it is in the unassigned pool, GSI3 "OPEN" by age, where staff find
// leads for their lawyers.
type questionItem struct {
	PK             string               `dynamodbav:"pk"`
	SK             string               `dynamodbav:"sk"`
	Type           string               `dynamodbav:"type"`
	GSI1PK         string               `dynamodbav:"gsi1pk,omitempty"`
	GSI1SK         string               `dynamodbav:"gsi1sk,omitempty"`
	GSI2PK         string               `dynamodbav:"gsi2pk,omitempty"`
	GSI2SK         string               `dynamodbav:"gsi2sk,omitempty"`
	GSI3PK         string               `dynamodbav:"gsi3pk,omitempty"`
	GSI3SK         string               `dynamodbav:"gsi3sk,omitempty"`
	ID             string               `dynamodbav:"id"`
	Title          string               `dynamodbav:"title"`
	Area           string               `dynamodbav:"area"`
	AreaSource     string               `dynamodbav:"areaSource"`
	AreaCandidates []domain.AreaScore   `dynamodbav:"areaCandidates"`
	City           string               `dynamodbav:"city,omitempty"`
	Public         bool                 `dynamodbav:"public"`
	Status         string               `dynamodbav:"status"`
	CreatedAt      time.Time            `dynamodbav:"createdAt"`
	ErasedAt       *time.Time           `dynamodbav:"erasedAt,omitempty"`
	TokenHash      string               `dynamodbav:"tokenHash"`
	Matches        []domain.MatchRecord `dynamodbav:"matches,omitempty"`
	MatchedAt      *time.Time           `dynamodbav:"matchedAt,omitempty"`
	OpenBooking    string               `dynamodbav:"openBooking,omitempty"`
	LeadFirm       string               `dynamodbav:"leadFirm,omitempty"`
	// Counted are the funnel steps the platform counted (a string set).
	Counted []string `dynamodbav:"counted,stringset,omitempty"`
	// AnswerCount and AnsweredBy (a string set of lawyer IDs): the
	// lawyers' answers of a public question; AnswerNoticeAt when its asker
	// was last told of them (see qa.go).
	AnswerCount    int        `dynamodbav:"answerCount,omitempty"`
	AnsweredBy     []string   `dynamodbav:"answeredBy,stringset,omitempty"`
	AnswerNoticeAt *time.Time `dynamodbav:"answerNoticeAt,omitempty"`
	// Terms index a public question for related questions: each has a
	// posting (see qa.go), which an erasure removes.
	Terms []string `dynamodbav:"terms,omitempty"`
}

// piiItem holds the visitor's personal data and the question's title and
// body as written. It is
// in no index, is deleted at once on erasure, and expires by TTL.
type piiItem struct {
	PK        string    `dynamodbav:"pk"`
	SK        string    `dynamodbav:"sk"`
	Type      string    `dynamodbav:"type"`
	Title     string    `dynamodbav:"title,omitempty"`
	Name      string    `dynamodbav:"name"`
	Phone     string    `dynamodbav:"phone"`
	Email     string    `dynamodbav:"email,omitempty"`
	Body      string    `dynamodbav:"body,omitempty"`
	ConsentAt time.Time `dynamodbav:"consentAt"`
	TTL       int64     `dynamodbav:"ttl"`
}

func (i questionItem) domain() domain.Question {
	return domain.Question{
		ID: i.ID, Title: i.Title, PublicTitle: i.Title, Area: i.Area, AreaSource: i.AreaSource, AreaCandidates: i.AreaCandidates,
		City: i.City, Public: i.Public, Status: i.Status, CreatedAt: i.CreatedAt, ErasedAt: i.ErasedAt,
		TokenHash: i.TokenHash, Matches: i.Matches, MatchedAt: i.MatchedAt, OpenBooking: i.OpenBooking, LeadFirm: i.LeadFirm,
		CountedSteps: i.Counted, AnswerCount: i.AnswerCount, AnsweredBy: i.AnsweredBy, AnswerNoticeAt: i.AnswerNoticeAt,
		Terms: i.Terms,
	}
}

// CreateQuestion stores a question and its visitor's data, the visitor's
// notice (nil: none; the private link, domain.NoticeSubmitted), and
// counts it against each rate limit, in one transaction: if any limit is
// reached nothing is written and the ERateLimited error of that limit is
// returned.
func (s *Store) CreateQuestion(ctx context.Context, q domain.Question, notice *domain.OutboxItem, limits ...domain.RateLimit) error {
	it := questionItem{
		PK: questionPK(q.ID), SK: skQuestion, Type: typeQuestion, ID: q.ID, Title: q.RedactedTitle(), Area: q.Area,
		AreaSource: q.AreaSource, AreaCandidates: q.AreaCandidates, City: q.City, Public: q.Public,
		Status: q.Status, CreatedAt: q.CreatedAt.UTC(), TokenHash: q.TokenHash, Counted: []string{domain.StepSubmitted},
	}
	p := s.newPlan()
	if q.Public {
		it.GSI1PK, it.GSI1SK = pkPublic, q.ID
		it.GSI2PK, it.GSI2SK = publicAreaPK(q.Area), q.ID
		it.Terms = q.Terms
		// What anyone may read, redacted now with the asker's name (which
		// expires with their data), and the postings of its terms.
		if err := planQuestionText(p, q.PublicText()); err != nil {
			return err
		}
	}
	it.GSI3PK, it.GSI3SK = pkOpenLeads, q.ID
	if err := p.put("question", it); err != nil {
		return err
	}
	if err := p.put("question", piiItem{
		PK: questionPK(q.ID), SK: skQuestionPII, Type: typeQuestionPII, Title: q.Title, Name: q.Name, Phone: q.Phone,
		Email: q.Email, Body: q.Body, ConsentAt: q.ConsentAt.UTC(), TTL: q.PIIExpiresAt.Unix(),
	}); err != nil {
		return err
	}
	if notice != nil {
		if err := p.put("notice", newOutboxItem(notice.Kind, *notice, q.CreatedAt)); err != nil {
			return err
		}
	}
	for i, l := range limits {
		u, err := s.rateLimitUpdate(l)
		if err != nil {
			return err
		}
		p.add(fmt.Sprint("limit", i), types.TransactWriteItem{Update: u})
	}
	stats, err := s.statsUpdate(scopeAll, q.ID, q.CreatedAt, q.Area, domain.StepSubmitted)
	if err != nil {
		return err
	}
	p.add("funnel", types.TransactWriteItem{Update: stats})
	c, err := s.exec(ctx, p)
	for i, l := range limits {
		if c.failed(fmt.Sprint("limit", i)) {
			return l.Exceeded(l.At, "questions")
		}
	}
	if c.failed("question") {
		return domain.Errorf(domain.EConflict, "question %s exists", q.ID)
	}
	return err
}

// FindQuestionByID returns a question with its visitor's data, title and
// body as written unless they were erased or have expired, and its leads
// (one query of the question's partition). Returns ENotFound.
func (s *Store) FindQuestionByID(ctx context.Context, id string, now time.Time) (domain.Question, error) {
	expr, err := ddb.NewBuilder().WithKeyCondition(
		ddb.Key("pk").Equal(ddb.Value(questionPK(id)))).Build()
	if err != nil {
		return domain.Question{}, err
	}
	res, err := s.db.Query(ctx, &dynamodb.QueryInput{
		TableName:                 &s.table,
		KeyConditionExpression:    expr.KeyCondition(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
		ConsistentRead:            aws.Bool(true),
	})
	if err != nil {
		return domain.Question{}, mapErr(err)
	}
	var q domain.Question
	var pii piiItem
	var leads []domain.Lead
	var helped []string
	for _, raw := range res.Items {
		sk := raw["sk"].(*types.AttributeValueMemberS).Value
		switch {
		case sk == skQuestion:
			var it questionItem
			if err := ddb.UnmarshalMap(raw, &it); err != nil {
				return q, err
			}
			q = it.domain()
		case sk == skQuestionPII:
			if err := ddb.UnmarshalMap(raw, &pii); err != nil {
				return q, err
			}
		case strings.HasPrefix(sk, leadSK("")):
			var it leadItem
			if err := ddb.UnmarshalMap(raw, &it); err != nil {
				return q, err
			}
			leads = append(leads, it.domain())
		case strings.HasPrefix(sk, helpedSK("")):
			helped = append(helped, strings.TrimPrefix(sk, helpedSK("")))
		}
	}
	if q.ID == "" {
		return q, domain.Errorf(domain.ENotFound, "no question %s", id)
	}
	q.Leads, q.Helped = leads, helped
	withPII(&q, pii, now)
	return q, nil
}

// withPII puts the visitor's data, title and body into q unless they have
// expired at now: DynamoDB deletes expired items within days, not at once.
func withPII(q *domain.Question, pii piiItem, now time.Time) {
	if pii.PK == "" || pii.TTL <= now.Unix() {
		return
	}
	q.Name, q.Phone, q.Email, q.Body = pii.Name, pii.Phone, pii.Email, pii.Body
	if pii.Title != "" {
		q.Title = pii.Title
	}
	q.ConsentAt, q.PIIExpiresAt = pii.ConsentAt, time.Unix(pii.TTL, 0).UTC()
}

// FindPublicQuestions lists public questions, newest first, of one area
// or all. Items carry no personal data and no body. Returns EInvalid for a
// bad cursor.
func (s *Store) FindPublicQuestions(ctx context.Context, f domain.QuestionFilter) (domain.Page[domain.Question], error) {
	index, pkName, pk := gsi1, "gsi1pk", pkPublic
	if f.Area != "" {
		index, pkName, pk = gsi2, "gsi2pk", publicAreaPK(f.Area)
	}
	b := ddb.NewBuilder().WithKeyCondition(ddb.Key(pkName).Equal(ddb.Value(pk)))
	purpose := "questions|" + f.Area
	if f.Answered != nil {
		answered := ddb.Name("answerCount").GreaterThan(ddb.Value(0))
		if !*f.Answered {
			answered = ddb.AttributeNotExists(ddb.Name("answerCount")).Or(ddb.Name("answerCount").Equal(ddb.Value(0)))
		}
		b = b.WithFilter(answered)
		purpose += fmt.Sprintf("|answered=%v", *f.Answered)
	}
	expr, err := b.Build()
	if err != nil {
		return domain.Page[domain.Question]{}, err
	}
	return queryPage[questionItem, domain.Question](ctx, s, &dynamodb.QueryInput{
		IndexName:                 aws.String(index),
		KeyConditionExpression:    expr.KeyCondition(),
		FilterExpression:          expr.Filter(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
		ScanIndexForward:          aws.Bool(false),
	}, purpose, f.Cursor, f.Limit)
}

// EraseQuestion writes erasure e in one transaction: the visitor's
// personal data, title and body deleted at once, the redacted title
// blanked, the public text and its term postings deleted (the answers go
// after it: EraseQA), the question out of the public lists and the pool — on
// condition that its open booking is still the one read — and, when there
// is one, that booking cancelled with everything a cancellation writes
// (its slot open again, the lawyer told). The question's ID, area and
// status stay for the anonymous funnel. Erasing twice is harmless.
// Returns ENotFound, domain.ErrStale (a booking was made or changed
// meanwhile: read again).
func (s *Store) EraseQuestion(ctx context.Context, e domain.Erasure) error {
	p := s.newPlan()
	q := e.Question
	open := ddb.AttributeNotExists(ddb.Name("openBooking"))
	if q.OpenBooking != "" {
		open = ddb.Name("openBooking").Equal(ddb.Value(q.OpenBooking))
	}
	upd := ddb.Set(ddb.Name("erasedAt"), ddb.Value(e.At.UTC())).
		Set(ddb.Name("title"), ddb.Value("")).
		Set(ddb.Name("public"), ddb.Value(false)).
		Remove(ddb.Name("gsi1pk")).Remove(ddb.Name("gsi1sk")).
		Remove(ddb.Name("gsi2pk")).Remove(ddb.Name("gsi2sk")).
		Remove(ddb.Name("gsi3pk")).Remove(ddb.Name("gsi3sk")).
		Remove(ddb.Name("terms"))
	if e.Booking != nil {
		if _, err := s.planChange(p, *e.Booking, e.Cancel, false); err != nil {
			return err
		}
		upd = upd.Set(ddb.Name("status"), ddb.Value(domain.QuestionStateFor(e.Cancel.To))).Remove(ddb.Name("openBooking"))
	}
	if err := p.update("question", questionPK(q.ID), skQuestion, ddb.AttributeExists(ddb.Name("pk")).And(open), upd); err != nil {
		return err
	}
	p.remove("pii", questionPK(q.ID), skQuestionPII)
	p.remove("text", qaPK(q.ID), skQuestionText)
	for _, term := range q.Terms {
		p.remove("text", termPK(term), q.ID)
	}
	c, err := s.exec(ctx, p)
	switch {
	case c.failed("question"):
		if _, ferr := s.FindQuestionByID(ctx, q.ID, e.At); ferr != nil {
			return ferr
		}
		return fmt.Errorf("%w: the question's booking changed meanwhile", domain.ErrStale)
	case c.failed("booking"), c.failed("slot"), c.failed("index"), c.conflict():
		return fmt.Errorf("%w: the booking changed meanwhile", domain.ErrStale)
	}
	return err
}

// FindQuestionsByIDs returns the questions (by ID) with their visitors'
// data where it is neither erased nor expired; unknown IDs are left out.
// Only views that show or mask a visitor's contact, or a lead, call it.
func (s *Store) FindQuestionsByIDs(ctx context.Context, ids []string, now time.Time) (map[string]domain.Question, error) {
	items, err := s.batchGet(ctx, keysOf(ids, func(id string) []map[string]types.AttributeValue {
		return []map[string]types.AttributeValue{key(questionPK(id), skQuestion), key(questionPK(id), skQuestionPII)}
	}))
	if err != nil {
		return nil, err
	}
	out := map[string]domain.Question{}
	pii := map[string]piiItem{}
	for _, raw := range items {
		switch raw["sk"].(*types.AttributeValueMemberS).Value {
		case skQuestion:
			var it questionItem
			if err := ddb.UnmarshalMap(raw, &it); err != nil {
				return nil, err
			}
			out[it.ID] = it.domain()
		case skQuestionPII:
			var it piiItem
			if err := ddb.UnmarshalMap(raw, &it); err != nil {
				return nil, err
			}
			pii[strings.TrimPrefix(it.PK, "Q#")] = it
		}
	}
	for id, q := range out {
		withPII(&q, pii[id], now)
		out[id] = q
	}
	return out, nil
}
