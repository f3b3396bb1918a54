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

// A public question's thread lives in its own partition, QA#<question>:
// the question's public text (TEXT), each answer (A#<answer>) with its
// follow-ups right after it (A#<answer>#R#<reply>). One query reads the
// whole thread; the question's own partition, which every booking reads,
// stays small. A lawyer's answers are in GSI1 "LANS#<lawyer>" by time.
// Each of a public question's terms has a posting, TERM#<term> /
// <question>, newest first by ID: related questions are found by reading
// the newest postings of the question's few terms, whatever the number of
// questions. The question's partition holds one more kind of item,
// HELPED#<lawyer>: the question counted that lawyer as having helped (a
// helpful answer or a completed consultation), each at most once.

// questionTextItem is a public question's text, redacted when submitted.
type questionTextItem struct {
	PK         string    `dynamodbav:"pk"`
	SK         string    `dynamodbav:"sk"`
	Type       string    `dynamodbav:"type"`
	QuestionID string    `dynamodbav:"questionId"`
	Area       string    `dynamodbav:"area"`
	Title      string    `dynamodbav:"title"`
	Body       string    `dynamodbav:"body,omitempty"`
	Terms      []string  `dynamodbav:"terms,omitempty"`
	CreatedAt  time.Time `dynamodbav:"createdAt"`
}

func (i questionTextItem) domain() domain.QuestionText {
	return domain.QuestionText{QuestionID: i.QuestionID, Area: i.Area, Title: i.Title, Body: i.Body, Terms: i.Terms, CreatedAt: i.CreatedAt}
}

type answerItem struct {
	PK            string     `dynamodbav:"pk"`
	SK            string     `dynamodbav:"sk"`
	Type          string     `dynamodbav:"type"`
	GSI1PK        string     `dynamodbav:"gsi1pk"`
	GSI1SK        string     `dynamodbav:"gsi1sk"`
	ID            string     `dynamodbav:"id"`
	QuestionID    string     `dynamodbav:"questionId"`
	LawyerID      string     `dynamodbav:"lawyerId"`
	FirmID        string     `dynamodbav:"firmId"`
	Body          string     `dynamodbav:"body"`
	PublicBody    string     `dynamodbav:"publicBody"`
	QuestionTitle string     `dynamodbav:"questionTitle"`
	Area          string     `dynamodbav:"area"`
	Helpful       bool       `dynamodbav:"helpful"`
	ReplyCount    int        `dynamodbav:"replyCount"`
	NoticeAt      *time.Time `dynamodbav:"noticeAt,omitempty"`
	CreatedAt     time.Time  `dynamodbav:"createdAt"`
}

func (i answerItem) domain() domain.Answer {
	return domain.Answer{ID: i.ID, QuestionID: i.QuestionID, LawyerID: i.LawyerID, FirmID: i.FirmID, Body: i.Body,
		PublicBody: i.PublicBody, QuestionTitle: i.QuestionTitle, Area: i.Area, Helpful: i.Helpful, ReplyCount: i.ReplyCount,
		NoticeAt: i.NoticeAt, CreatedAt: i.CreatedAt}
}

type replyItem struct {
	PK         string    `dynamodbav:"pk"`
	SK         string    `dynamodbav:"sk"`
	Type       string    `dynamodbav:"type"`
	ID         string    `dynamodbav:"id"`
	AnswerID   string    `dynamodbav:"answerId"`
	Author     string    `dynamodbav:"author"`
	Body       string    `dynamodbav:"body"`
	PublicBody string    `dynamodbav:"publicBody"`
	CreatedAt  time.Time `dynamodbav:"createdAt"`
}

func (i replyItem) domain() domain.Reply {
	return domain.Reply{ID: i.ID, AnswerID: i.AnswerID, Author: i.Author, Body: i.Body, PublicBody: i.PublicBody, CreatedAt: i.CreatedAt}
}

type helpedItem struct {
	PK       string    `dynamodbav:"pk"`
	SK       string    `dynamodbav:"sk"`
	Type     string    `dynamodbav:"type"`
	LawyerID string    `dynamodbav:"lawyerId"`
	At       time.Time `dynamodbav:"at"`
}

type termItem struct {
	PK         string `dynamodbav:"pk"`
	SK         string `dynamodbav:"sk"`
	Type       string `dynamodbav:"type"`
	QuestionID string `dynamodbav:"questionId"`
	Area       string `dynamodbav:"area"`
}

// planQuestionText adds to p a public question's text ("text") and the
// postings of its terms ("term").
func planQuestionText(p *plan, t domain.QuestionText) error {
	if err := p.put("text", questionTextItem{PK: qaPK(t.QuestionID), SK: skQuestionText, Type: typeQuestionText, QuestionID: t.QuestionID,
		Area: t.Area, Title: t.Title, Body: t.Body, Terms: t.Terms, CreatedAt: t.CreatedAt.UTC()}); err != nil {
		return err
	}
	for _, term := range t.Terms {
		if err := p.put("term", termItem{PK: termPK(term), SK: t.QuestionID, Type: typeTerm, QuestionID: t.QuestionID, Area: t.Area}); err != nil {
			return err
		}
	}
	return nil
}

// stillPublic is the condition that a question is still public and not
// erased.
func stillPublic() ddb.ConditionBuilder {
	return ddb.AttributeExists(ddb.Name("pk")).
		And(ddb.Name("public").Equal(ddb.Value(true))).
		And(ddb.AttributeNotExists(ddb.Name("erasedAt")))
}

// noticeUnchanged conditions on the time a notice was last scheduled
// being what was read.
func noticeUnchanged(name string, read *time.Time) ddb.ConditionBuilder {
	if read == nil {
		return ddb.AttributeNotExists(ddb.Name(name))
	}
	return ddb.Name(name).Equal(ddb.Value(read.UTC()))
}

// CreateAnswer writes a lawyer's answer in one transaction: the answer
// ("answer"), the question's answer count and answerers, on condition that
// it is still public, not erased and not answered by this lawyer, and —
// when the asker is told — its notice time as read ("question"), the
// lawyer's answer count, on condition that they are active ("lawyer"),
// and the asker's notice ("notice"). Returns domain.ErrStale (a condition
// failed: read and decide again).
func (s *Store) CreateAnswer(ctx context.Context, na domain.NewAnswer) error {
	a, q := na.Answer, na.Question
	p := s.newPlan()
	if err := p.put("answer", answerItem{PK: qaPK(q.ID), SK: answerSK(a.ID), Type: typeAnswer,
		GSI1PK: lawyerAnswersPK(a.LawyerID), GSI1SK: lawyerAnswerSK(a), ID: a.ID, QuestionID: q.ID, LawyerID: a.LawyerID,
		FirmID: a.FirmID, Body: a.Body, PublicBody: a.PublicBody, QuestionTitle: a.QuestionTitle, Area: a.Area,
		CreatedAt: a.CreatedAt.UTC()}); err != nil {
		return err
	}
	cond := stillPublic().And(ddb.Not(ddb.Contains(ddb.Name("answeredBy"), a.LawyerID)))
	upd := ddb.Add(ddb.Name("answerCount"), ddb.Value(1)).
		Add(ddb.Name("answeredBy"), ddb.Value(stringSet{a.LawyerID}))
	if na.NoticeAt != nil {
		cond = cond.And(noticeUnchanged("answerNoticeAt", q.AnswerNoticeAt))
		upd = upd.Set(ddb.Name("answerNoticeAt"), ddb.Value(na.NoticeAt.UTC()))
		if err := p.put("notice", newOutboxItem(domain.NoticeAnswerPosted,
			domain.OutboxItem{QuestionID: q.ID, NotBefore: na.NoticeAt}, a.CreatedAt)); err != nil {
			return err
		}
	}
	if err := p.update("question", questionPK(q.ID), skQuestion, cond, upd); err != nil {
		return err
	}
	if err := p.update("lawyer", lawyerPK(a.LawyerID), skLawyer,
		ddb.AttributeExists(ddb.Name("pk")).And(ddb.Name("active").Equal(ddb.Value(true))),
		ddb.Add(ddb.Name("answerCount"), ddb.Value(1))); err != nil {
		return err
	}
	return staleIfCancelled(s.exec(ctx, p))
}

// lawyerAnswerSK orders a lawyer's answers by time.
func lawyerAnswerSK(a domain.Answer) string {
	return a.CreatedAt.UTC().Format(time.RFC3339Nano) + "#" + a.ID
}

// staleIfCancelled turns a cancelled plan (a condition failed, or a race
// lost) into domain.ErrStale: the use case reads again and decides anew.
func staleIfCancelled(c *cancellation, err error) error {
	if c != nil && (c.conflict() || len(c.failedNames()) > 0) {
		return fmt.Errorf("%w: %v changed meanwhile", domain.ErrStale, c.failedNames())
	}
	return err
}

// AddReply writes a follow-up in one transaction: the reply ("reply"), the
// answer's reply count, on condition that it still exists with the count
// read (so at most domain.MaxReplies), and the time its lawyer is told
// when the asker wrote ("answer"), the question's condition to be public
// and not erased, and its notice time when the asker is told
// ("question"), and the notice ("notice"). Returns domain.ErrStale.
func (s *Store) AddReply(ctx context.Context, nr domain.NewReply) error {
	r, a, q := nr.Reply, nr.Answer, nr.Question
	p := s.newPlan()
	if err := p.put("reply", replyItem{PK: qaPK(q.ID), SK: replySK(a.ID, r.ID), Type: typeReply, ID: r.ID, AnswerID: a.ID,
		Author: r.Author, Body: r.Body, PublicBody: r.PublicBody, CreatedAt: r.CreatedAt.UTC()}); err != nil {
		return err
	}
	acond := ddb.Name("replyCount").Equal(ddb.Value(a.ReplyCount))
	aupd := ddb.Set(ddb.Name("replyCount"), ddb.Value(a.ReplyCount+1))
	qcond := stillPublic()
	var qupd *ddb.UpdateBuilder
	if nr.NoticeAt != nil {
		item := domain.OutboxItem{QuestionID: q.ID, NotBefore: nr.NoticeAt}
		kind := domain.NoticeAnswerPosted
		if r.Author == domain.AuthorAsker {
			kind, item.LawyerID = domain.NoticeFollowUp, a.LawyerID
			acond = acond.And(noticeUnchanged("noticeAt", a.NoticeAt))
			aupd = aupd.Set(ddb.Name("noticeAt"), ddb.Value(nr.NoticeAt.UTC()))
		} else {
			qcond = qcond.And(noticeUnchanged("answerNoticeAt", q.AnswerNoticeAt))
			u := ddb.Set(ddb.Name("answerNoticeAt"), ddb.Value(nr.NoticeAt.UTC()))
			qupd = &u
		}
		if err := p.put("notice", newOutboxItem(kind, item, r.CreatedAt)); err != nil {
			return err
		}
	}
	if err := p.update("answer", qaPK(q.ID), answerSK(a.ID), acond, aupd); err != nil {
		return err
	}
	if qupd != nil {
		if err := p.update("question", questionPK(q.ID), skQuestion, qcond, *qupd); err != nil {
			return err
		}
	} else if err := p.check("question", questionPK(q.ID), skQuestion, qcond); err != nil {
		return err
	}
	return staleIfCancelled(s.exec(ctx, p))
}

// MarkHelpful marks an answer helpful in one transaction ("answer", on
// condition that it exists and is not helpful yet); when the question
// counts its lawyer as helped, the question's marker for the lawyer
// ("helped", on condition that it does not exist) and their helpedCount
// on the profile and every area card ("helpedCount"). Returns
// domain.ErrStale.
func (s *Store) MarkHelpful(ctx context.Context, m domain.HelpfulMark) error {
	a := m.Answer
	p := s.newPlan()
	if err := p.update("answer", qaPK(a.QuestionID), answerSK(a.ID),
		ddb.AttributeExists(ddb.Name("pk")).And(ddb.Name("helpful").Equal(ddb.Value(false))),
		ddb.Set(ddb.Name("helpful"), ddb.Value(true))); err != nil {
		return err
	}
	if m.CountHelped {
		if err := planHelped(p, a.QuestionID, m.Lawyer, a.CreatedAt); err != nil {
			return err
		}
	}
	return staleIfCancelled(s.exec(ctx, p))
}

// planHelped adds to p that question questionID counts lawyer l as having
// helped: its marker ("helped", on condition that there is none yet) and
// the lawyer's helpedCount on the profile and every area card
// ("helpedCount").
func planHelped(p *plan, questionID string, l domain.Lawyer, at time.Time) error {
	if err := p.put("helped", helpedItem{PK: questionPK(questionID), SK: helpedSK(l.ID), Type: typeHelped, LawyerID: l.ID, At: at.UTC()}); err != nil {
		return err
	}
	for _, sk := range append([]string{skLawyer}, areaSKs(l.Areas)...) {
		if err := p.update("helpedCount", lawyerPK(l.ID), sk, ddb.AttributeExists(ddb.Name("pk")),
			ddb.Add(ddb.Name("helpedCount"), ddb.Value(1))); err != nil {
			return err
		}
	}
	return nil
}

// RemoveAnswer deletes an answer with its thread in one transaction
// ("answer", on condition that it exists; "reply" each), takes it off the
// question's count and answerers ("question") and the lawyer's count
// ("lawyer"). The lawyer's helpedCount stays: the help happened. Returns
// ENotFound (already removed), domain.ErrStale (a follow-up was added
// meanwhile).
func (s *Store) RemoveAnswer(ctx context.Context, a domain.Answer) error {
	p := s.newPlan()
	if err := planRemoveAnswer(p, a, true); err != nil {
		return err
	}
	c, err := s.exec(ctx, p)
	if c.failed("answer") {
		return domain.Errorf(domain.ENotFound, "no answer %s", a.ID)
	}
	return staleIfCancelled(c, err)
}

// planRemoveAnswer adds answer a's removal to p; withQuestion also takes
// it off the question's count and answerers (an erasure blanks the
// question itself).
func planRemoveAnswer(p *plan, a domain.Answer, withQuestion bool) error {
	k := key(qaPK(a.QuestionID), answerSK(a.ID))
	cond, err := ddb.NewBuilder().WithCondition(ddb.Name("replyCount").Equal(ddb.Value(len(a.Replies)))).Build()
	if err != nil {
		return err
	}
	p.add("answer", types.TransactWriteItem{Delete: &types.Delete{TableName: &p.table, Key: k,
		ConditionExpression: cond.Condition(), ExpressionAttributeNames: cond.Names(), ExpressionAttributeValues: cond.Values()}})
	for _, r := range a.Replies {
		p.remove("reply", qaPK(a.QuestionID), replySK(a.ID, r.ID))
	}
	if withQuestion {
		if err := p.update("question", questionPK(a.QuestionID), skQuestion, ddb.AttributeExists(ddb.Name("pk")),
			ddb.Add(ddb.Name("answerCount"), ddb.Value(-1)).
				Delete(ddb.Name("answeredBy"), ddb.Value(stringSet{a.LawyerID}))); err != nil {
			return err
		}
	}
	return p.update("lawyer", lawyerPK(a.LawyerID), skLawyer, ddb.AttributeExists(ddb.Name("pk")),
		ddb.Add(ddb.Name("answerCount"), ddb.Value(-1)))
}

// FindQA reads a question's thread: its public text and answers with their
// follow-ups, oldest first (one strongly consistent query of its
// partition).
func (s *Store) FindQA(ctx context.Context, questionID string) (domain.QA, error) {
	expr, err := ddb.NewBuilder().WithKeyCondition(ddb.Key("pk").Equal(ddb.Value(qaPK(questionID)))).Build()
	if err != nil {
		return domain.QA{}, err
	}
	var qa domain.QA
	byID := map[string]int{}
	err = queryEach(ctx, s, &dynamodb.QueryInput{
		KeyConditionExpression: expr.KeyCondition(), ExpressionAttributeNames: expr.Names(),
		ExpressionAttributeValues: expr.Values(), ConsistentRead: aws.Bool(true),
	}, func(it struct {
		Type string `dynamodbav:"type"`
	}, raw map[string]types.AttributeValue) bool {
		switch it.Type {
		case typeQuestionText:
			var t questionTextItem
			if err = ddb.UnmarshalMap(raw, &t); err == nil {
				v := t.domain()
				qa.Text = &v
			}
		case typeAnswer:
			var a answerItem
			if err = ddb.UnmarshalMap(raw, &a); err == nil {
				byID[a.ID] = len(qa.Answers)
				qa.Answers = append(qa.Answers, a.domain())
			}
		case typeReply:
			var r replyItem
			if err = ddb.UnmarshalMap(raw, &r); err == nil {
				// Replies sort right after their answer (A#<id>#R#…).
				if i, ok := byID[r.AnswerID]; ok {
					qa.Answers[i].Replies = append(qa.Answers[i].Replies, r.domain())
				}
			}
		}
		return err == nil
	})
	if err != nil {
		return domain.QA{}, err
	}
	// Answer IDs sort by question then time, so the partition's order is
	// the answers' order.
	return qa, nil
}

// FindLawyerAnswers lists a lawyer's answers, newest first (GSI1, each
// with its question's redacted title; no follow-ups). Returns EInvalid for
// a bad cursor.
func (s *Store) FindLawyerAnswers(ctx context.Context, lawyerID string, limit int, cursor string) (domain.Page[domain.Answer], error) {
	expr, err := ddb.NewBuilder().WithKeyCondition(ddb.Key("gsi1pk").Equal(ddb.Value(lawyerAnswersPK(lawyerID)))).Build()
	if err != nil {
		return domain.Page[domain.Answer]{}, err
	}
	return queryPage[answerItem, domain.Answer](ctx, s, &dynamodb.QueryInput{
		IndexName: aws.String(gsi1), KeyConditionExpression: expr.KeyCondition(), ExpressionAttributeNames: expr.Names(),
		ExpressionAttributeValues: expr.Values(), ScanIndexForward: aws.Bool(false),
	}, "lawyer-answers|"+lawyerID, cursor, limit)
}

// FindUnanswered lists the public questions of areas that lawyerID has not
// answered, newest first (the latest public questions, GSI1 "PUBQ",
// filtered). Returns EInvalid for a bad cursor.
func (s *Store) FindUnanswered(ctx context.Context, lawyerID string, areas []string, limit int, cursor string) (domain.Page[domain.Question], error) {
	if len(areas) == 0 {
		return domain.Page[domain.Question]{Items: []domain.Question{}}, nil
	}
	vals := make([]ddb.OperandBuilder, len(areas))
	for i, a := range areas {
		vals[i] = ddb.Value(a)
	}
	inAreas := ddb.Name("area").Equal(ddb.Value(areas[0]))
	if len(vals) > 1 {
		inAreas = ddb.Name("area").In(vals[0], vals[1:]...)
	}
	expr, err := ddb.NewBuilder().WithKeyCondition(ddb.Key("gsi1pk").Equal(ddb.Value(pkPublic))).
		WithFilter(inAreas.And(ddb.Not(ddb.Contains(ddb.Name("answeredBy"), lawyerID)))).Build()
	if err != nil {
		return domain.Page[domain.Question]{}, err
	}
	return queryPage[questionItem, domain.Question](ctx, s, &dynamodb.QueryInput{
		IndexName: aws.String(gsi1), KeyConditionExpression: expr.KeyCondition(), FilterExpression: expr.Filter(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(), ScanIndexForward: aws.Bool(false),
	}, "unanswered|"+lawyerID+"|"+strings.Join(areas, ","), cursor, limit)
}

// FindPostings returns the newest limit postings of term: the public
// questions that hold it, newest first, with their areas (one query,
// whatever the number of questions).
func (s *Store) FindPostings(ctx context.Context, term string, limit int) ([]domain.RelatedCandidate, error) {
	expr, err := ddb.NewBuilder().WithKeyCondition(ddb.Key("pk").Equal(ddb.Value(termPK(term)))).Build()
	if err != nil {
		return nil, err
	}
	res, err := s.db.Query(ctx, &dynamodb.QueryInput{TableName: &s.table, KeyConditionExpression: expr.KeyCondition(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
		ScanIndexForward: aws.Bool(false), Limit: aws.Int32(int32(limit))})
	if err != nil {
		return nil, mapErr(err)
	}
	out := make([]domain.RelatedCandidate, 0, len(res.Items))
	for _, raw := range res.Items {
		var it termItem
		if err := ddb.UnmarshalMap(raw, &it); err != nil {
			return nil, err
		}
		out = append(out, domain.RelatedCandidate{QuestionID: it.QuestionID, Area: it.Area})
	}
	return out, nil
}

// EraseQA removes an erased question's thread: its public text and term
// postings are gone with the erasure's own transaction; this deletes each
// answer with its follow-ups and takes it off its lawyer's count, one
// small transaction per answer (an answer already removed is skipped), so
// that a thread of any length goes. Calling it again finishes what a
// failure left.
func (s *Store) EraseQA(ctx context.Context, qa domain.QA) error {
	for _, a := range qa.Answers {
		p := s.newPlan()
		if err := planRemoveAnswer(p, a, false); err != nil {
			return err
		}
		c, err := s.exec(ctx, p)
		if c.failed("answer") {
			continue // removed already, by its lawyer or another erasure
			// (no follow-up comes meanwhile: AddReply and CreateAnswer are
			// conditioned on the question not erased, which EraseQuestion
			// wrote before the thread was read, strongly consistent)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// FindSitemap lists up to limit public questions created in [from, to),
// newest first, with only what a sitemap needs (GSI1 "PUBQ" by ID, which
// sorts by time). more reports that the range holds more.
func (s *Store) FindSitemap(ctx context.Context, from, to time.Time, limit int) (entries []domain.SitemapEntry, more bool, err error) {
	expr, err := ddb.NewBuilder().WithKeyCondition(ddb.Key("gsi1pk").Equal(ddb.Value(pkPublic)).
		And(ddb.Key("gsi1sk").Between(ddb.Value(domain.IDAt(from)), ddb.Value(domain.IDAt(to))))).
		WithProjection(ddb.NamesList(ddb.Name("id"), ddb.Name("createdAt"), ddb.Name("answerCount"))).Build()
	if err != nil {
		return nil, false, err
	}
	err = queryEach(ctx, s, &dynamodb.QueryInput{
		IndexName: aws.String(gsi1), KeyConditionExpression: expr.KeyCondition(), ProjectionExpression: expr.Projection(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(), ScanIndexForward: aws.Bool(false),
	}, func(it struct {
		ID          string    `dynamodbav:"id"`
		CreatedAt   time.Time `dynamodbav:"createdAt"`
		AnswerCount int       `dynamodbav:"answerCount"`
	}, _ map[string]types.AttributeValue) bool {
		if len(entries) == limit {
			more = true
			return false
		}
		if it.CreatedAt.Before(to) {
			entries = append(entries, domain.SitemapEntry{QuestionID: it.ID, CreatedAt: it.CreatedAt, AnswerCount: it.AnswerCount})
		}
		return true
	})
	return entries, more, err
}

// FindOldestPublic returns when the oldest public question was created
// (ok false: there is none).
func (s *Store) FindOldestPublic(ctx context.Context) (time.Time, bool, error) {
	expr, err := ddb.NewBuilder().WithKeyCondition(ddb.Key("gsi1pk").Equal(ddb.Value(pkPublic))).Build()
	if err != nil {
		return time.Time{}, false, err
	}
	res, err := s.db.Query(ctx, &dynamodb.QueryInput{TableName: &s.table, IndexName: aws.String(gsi1),
		KeyConditionExpression: expr.KeyCondition(), ExpressionAttributeNames: expr.Names(),
		ExpressionAttributeValues: expr.Values(), ScanIndexForward: aws.Bool(true), Limit: aws.Int32(1)})
	if err != nil {
		return time.Time{}, false, mapErr(err)
	}
	if len(res.Items) == 0 {
		return time.Time{}, false, nil
	}
	var it questionItem
	if err := ddb.UnmarshalMap(res.Items[0], &it); err != nil {
		return time.Time{}, false, err
	}
	return it.CreatedAt, true, nil
}

// FindQuestionText returns a public question's text. Returns ENotFound
// (none: not public, erased, or submitted before texts were kept).
func (s *Store) FindQuestionText(ctx context.Context, questionID string) (domain.QuestionText, error) {
	var it questionTextItem
	if err := s.get(ctx, qaPK(questionID), skQuestionText, &it, "no public text of question %s", questionID); err != nil {
		return domain.QuestionText{}, err
	}
	return it.domain(), nil
}
