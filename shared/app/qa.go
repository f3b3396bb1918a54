package app

import (
	"context"
	"slices"
	"time"

	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// Public questions and answers (问答). Each write reads the question with
// its thread, decides in pure code (decidePostAnswer, decideReply,
// decideHelpful) and writes one transaction conditioned on what it read;
// a condition that fails makes it read and decide again.

// thread reads a question (strongly consistent, with its visitor's data
// for the redaction of their name and the token check) and its thread,
// side by side.
func (s *Service) thread(ctx context.Context, questionID string, now time.Time) (domain.Question, domain.QA, error) {
	var q domain.Question
	var qa domain.QA
	err := together(
		func() (err error) { q, err = s.store.FindQuestionByID(ctx, questionID, now); return err },
		func() (err error) { qa, err = s.store.FindQA(ctx, questionID); return err })
	return q, qa, err
}

// PostAnswer publishes a lawyer's written answer to a public question:
// one answer per lawyer and question (follow-ups go under it). The asker
// is told (at most one message an hour). Returns EUnauthenticated,
// EForbidden (not a lawyer, or an inactive one), ENotFound (no public
// question), EInvalid (length; contact data in the text), EConflict
// (answered already).
func (s *Service) PostAnswer(ctx context.Context, who auth.Identity, questionID string, in domain.TextInput) (domain.AnswerView, error) {
	if err := lawyerOnly(who); err != nil {
		return domain.AnswerView{}, err
	}
	if err := in.ValidateAnswer(); err != nil {
		return domain.AnswerView{}, err
	}
	var view domain.AnswerView
	err := retryStale(ctx, func() error {
		now := s.Now().UTC().Truncate(time.Millisecond)
		var q domain.Question
		var got domain.Batch
		err := together(
			func() (err error) { q, err = s.store.FindQuestionByID(ctx, questionID, now); return err },
			func() (err error) {
				got, err = s.store.Read(ctx, domain.Keys{Lawyers: []string{who.LawyerID}, Firms: []string{who.FirmID}, Consistent: true, At: now})
				return err
			})
		if domain.ErrorCode(err) == domain.ENotFound {
			return domain.NotPublic(questionID)
		}
		if err != nil {
			return err
		}
		na, err := decidePostAnswer(q, got.Lawyers[who.LawyerID], in, now)
		if err != nil {
			return err
		}
		if err := s.store.CreateAnswer(ctx, na); err != nil {
			return err
		}
		l := got.Lawyers[who.LawyerID]
		l.AnswerCount++
		firm, err := s.firmOf(ctx, l, got)
		if err != nil {
			return err
		}
		view = na.Answer.View(l.Badge(firm), contactOf(firm), false)
		return nil
	})
	return view, err
}

// decidePostAnswer decides lawyer l's answer in to question q at now. Returns
// ENotFound, EForbidden, EConflict.
func decidePostAnswer(q domain.Question, l domain.Lawyer, in domain.TextInput, now time.Time) (domain.NewAnswer, error) {
	switch {
	case !q.Public || q.Erased():
		return domain.NewAnswer{}, domain.NotPublic(q.ID)
	case l.ID == "" || !l.Active:
		return domain.NewAnswer{}, domain.Errorf(domain.EForbidden, "only an active lawyer may answer questions")
	case slices.Contains(q.AnsweredBy, l.ID):
		return domain.NewAnswer{}, domain.Errorf(domain.EConflict, "you have answered this question already; follow up under your answer")
	}
	na := domain.NewAnswer{Question: q, Answer: domain.Answer{
		ID: domain.NewAnswerID(q.ID), QuestionID: q.ID, LawyerID: l.ID, FirmID: l.FirmID, Body: in.Body,
		PublicBody: domain.Redact(in.Body, q.Name), QuestionTitle: q.RedactedTitle(), Area: q.Area, CreatedAt: now,
		Replies: []domain.Reply{},
	}}
	if at, ok := domain.NextAnswerNotice(q.AnswerNoticeAt, now); ok {
		na.NoticeAt = &at
	}
	return na, nil
}

// lawyerOnly refuses callers who are not signed in as a lawyer.
func lawyerOnly(who auth.Identity) error {
	switch {
	case !who.Authenticated():
		return domain.Errorf(domain.EUnauthenticated, "sign in as a lawyer")
	case !who.IsLawyer(who.LawyerID):
		return domain.Errorf(domain.EForbidden, "only lawyers may do this")
	}
	return nil
}

// firmOf returns lawyer l's firm from got, or reads it when got lacks it
// (the identity named another firm). A missing firm is no error: the
// answer shows without its block.
func (s *Service) firmOf(ctx context.Context, l domain.Lawyer, got domain.Batch) (domain.Firm, error) {
	if f, ok := got.Firms[l.FirmID]; ok {
		return f, nil
	}
	f, err := s.store.FindFirmByID(ctx, l.FirmID)
	if domain.ErrorCode(err) == domain.ENotFound {
		return domain.Firm{}, nil
	}
	return f, err
}

// contactOf returns firm f's public contact block (nil for no firm).
func contactOf(f domain.Firm) *domain.FirmContact {
	if f.ID == "" {
		return nil
	}
	c := f.Contact()
	return &c
}

// FindAnswers lists the answers to a question, oldest first, each with
// its lawyer's badge, firm block and follow-ups: to anyone for a public
// question (every text redacted), and to its visitor (token) as written.
// Returns ENotFound (no public question; a wrong token is not told
// apart), EForbidden.
func (s *Service) FindAnswers(ctx context.Context, questionID, token string) ([]domain.AnswerView, error) {
	now := s.Now()
	q, qa, err := s.thread(ctx, questionID, now)
	if domain.ErrorCode(err) == domain.ENotFound {
		return nil, domain.NotPublic(questionID)
	}
	if err != nil {
		return nil, err
	}
	asker := false
	if token != "" {
		if err := ownQuestion(q, token); err != nil {
			return nil, err
		}
		asker = true
	}
	if q.Erased() || (!q.Public && !asker) {
		return nil, domain.NotPublic(questionID)
	}
	return s.answerViews(ctx, qa.Answers, asker, now)
}

// answerViews shows answers with their lawyers' badges and firm blocks,
// read in one batch.
func (s *Service) answerViews(ctx context.Context, answers []domain.Answer, asker bool, now time.Time) ([]domain.AnswerView, error) {
	out := make([]domain.AnswerView, 0, len(answers))
	if len(answers) == 0 {
		return out, nil
	}
	var k domain.Keys
	for _, a := range answers {
		k.Lawyers = append(k.Lawyers, a.LawyerID)
		k.Firms = append(k.Firms, a.FirmID)
	}
	k.At = now
	got, err := s.store.Read(ctx, k)
	if err != nil {
		return nil, err
	}
	for _, a := range answers {
		l, ok := got.Lawyers[a.LawyerID]
		if !ok {
			l = domain.Lawyer{ID: a.LawyerID, FirmID: a.FirmID}
		}
		f := got.Firms[a.FirmID]
		out = append(out, a.View(l.Badge(f), contactOf(f), asker))
	}
	return out, nil
}

// onAnswer runs a write on answer answerID of question questionID: it
// reads the question with its thread (an unknown question is the answer's
// ENotFound) and calls write with them and the time, again when write
// finds them stale.
func (s *Service) onAnswer(ctx context.Context, questionID, answerID string, write func(q domain.Question, qa domain.QA, now time.Time) error) error {
	return retryStale(ctx, func() error {
		now := s.Now().UTC().Truncate(time.Millisecond)
		q, qa, err := s.thread(ctx, questionID, now)
		if domain.ErrorCode(err) == domain.ENotFound {
			return domain.Errorf(domain.ENotFound, "no answer %s", answerID)
		}
		if err != nil {
			return err
		}
		return write(q, qa, now)
	})
}

// PostReply adds a follow-up under an answer: by the question's visitor
// (token; their text redacted where shown publicly) or by the answering
// lawyer (no contact data). The other side is told (at most one message
// an hour each). Returns EUnauthenticated, EForbidden, ENotFound,
// EInvalid, EConflict (the thread is full).
func (s *Service) PostReply(ctx context.Context, c Caller, answerID string, in domain.TextInput) (domain.ReplyView, error) {
	questionID, ok := domain.QuestionOfAnswer(answerID)
	if !ok {
		return domain.ReplyView{}, domain.Errorf(domain.ENotFound, "no answer %s", answerID)
	}
	if c.VisitorToken == "" && !c.Identity.Authenticated() {
		return domain.ReplyView{}, domain.Errorf(domain.EUnauthenticated, "present the question's visitor token, or sign in as the answering lawyer")
	}
	var view domain.ReplyView
	err := s.onAnswer(ctx, questionID, answerID, func(q domain.Question, qa domain.QA, now time.Time) error {
		nr, err := decideReply(q, qa, c, answerID, in, now)
		if err != nil {
			return err
		}
		if err := s.store.AddReply(ctx, nr); err != nil {
			return err
		}
		view = nr.Reply.View()
		return nil
	})
	return view, err
}

// decideReply decides caller c's follow-up in under answer answerID of
// question q (with thread qa) at now. Returns ENotFound, EForbidden,
// EInvalid, EConflict.
func decideReply(q domain.Question, qa domain.QA, c Caller, answerID string, in domain.TextInput, now time.Time) (domain.NewReply, error) {
	a, ok := qa.Answer(answerID)
	if !ok || q.Erased() || !q.Public {
		return domain.NewReply{}, domain.Errorf(domain.ENotFound, "no answer %s", answerID)
	}
	var author string
	switch {
	case c.VisitorToken != "" && domain.TokenMatches(c.VisitorToken, q.TokenHash):
		author = domain.AuthorAsker
	case c.Identity.IsLawyer(a.LawyerID):
		author = domain.AuthorLawyer
	default:
		return domain.NewReply{}, domain.Errorf(domain.EForbidden, "only the asker and the answering lawyer may follow up under this answer")
	}
	if err := in.ValidateReply(author == domain.AuthorLawyer); err != nil {
		return domain.NewReply{}, err
	}
	if a.ReplyCount >= domain.MaxReplies {
		return domain.NewReply{}, domain.ThreadFull()
	}
	nr := domain.NewReply{Answer: a, Question: q, Reply: domain.Reply{
		ID: domain.NewID(), AnswerID: a.ID, Author: author, Body: in.Body, PublicBody: domain.Redact(in.Body, q.Name), CreatedAt: now,
	}}
	last := q.AnswerNoticeAt
	if author == domain.AuthorAsker {
		last = a.NoticeAt
	}
	if at, ok := domain.NextAnswerNotice(last, now); ok {
		nr.NoticeAt = &at
	}
	return nr, nil
}

// MarkHelpful marks an answer helpful (采纳): the question's visitor only.
// The first time the question marks any answer of a lawyer (and no
// consultation on it counted them yet), their helpedCount grows by one;
// marking again changes nothing. Returns the answer. Returns
// EUnauthenticated, EForbidden, ENotFound.
func (s *Service) MarkHelpful(ctx context.Context, token, answerID string) (domain.AnswerView, error) {
	questionID, ok := domain.QuestionOfAnswer(answerID)
	if !ok {
		return domain.AnswerView{}, domain.Errorf(domain.ENotFound, "no answer %s", answerID)
	}
	if token == "" {
		return domain.AnswerView{}, domain.Errorf(domain.EUnauthenticated, "present the question's visitor token in X-Visitor-Token")
	}
	var view domain.AnswerView
	err := s.onAnswer(ctx, questionID, answerID, func(q domain.Question, qa domain.QA, now time.Time) error {
		if err := ownQuestion(q, token); err != nil {
			return err
		}
		a, ok := qa.Answer(answerID)
		if !ok || q.Erased() {
			return domain.Errorf(domain.ENotFound, "no answer %s", answerID)
		}
		got, err := s.store.Read(ctx, domain.Keys{Lawyers: []string{a.LawyerID}, Firms: []string{a.FirmID}, Consistent: true, At: now})
		if err != nil {
			return err
		}
		l := got.Lawyers[a.LawyerID]
		if m, write := decideHelpful(q, a, l); write {
			if err := s.store.MarkHelpful(ctx, m); err != nil {
				return err
			}
			a.Helpful = true
			if m.CountHelped {
				l.HelpedCount++
			}
		}
		if l.ID == "" {
			l = domain.Lawyer{ID: a.LawyerID, FirmID: a.FirmID}
		}
		f := got.Firms[a.FirmID]
		view = a.View(l.Badge(f), contactOf(f), true)
		return nil
	})
	return view, err
}

// decideHelpful decides marking answer a of question q helpful; write is
// false when it is already. The question counts the answer's lawyer l as
// having helped unless it did already (an earlier helpful answer or a
// completed consultation).
func decideHelpful(q domain.Question, a domain.Answer, l domain.Lawyer) (m domain.HelpfulMark, write bool) {
	if a.Helpful {
		return domain.HelpfulMark{}, false
	}
	m = domain.HelpfulMark{Answer: a, Lawyer: l}
	m.CountHelped = l.ID != "" && !slices.Contains(q.Helped, a.LawyerID)
	return m, true
}

// RemoveAnswer deletes an answer with its follow-ups: by its lawyer,
// staff of their firm, or an admin. Returns EUnauthenticated, EForbidden,
// ENotFound.
func (s *Service) RemoveAnswer(ctx context.Context, who auth.Identity, answerID string) error {
	questionID, ok := domain.QuestionOfAnswer(answerID)
	if !ok {
		return domain.Errorf(domain.ENotFound, "no answer %s", answerID)
	}
	if !who.Authenticated() {
		return domain.Errorf(domain.EUnauthenticated, "sign in as the answering lawyer, their firm's staff or an admin")
	}
	return retryStale(ctx, func() error {
		qa, err := s.store.FindQA(ctx, questionID)
		if err != nil {
			return err
		}
		a, ok := qa.Answer(answerID)
		if !ok {
			return domain.Errorf(domain.ENotFound, "no answer %s", answerID)
		}
		if !who.IsLawyer(a.LawyerID) && !who.IsStaffOf(a.FirmID) && !who.IsAdmin() {
			return domain.Errorf(domain.EForbidden, "only the answering lawyer, their firm's staff or an admin may remove this answer")
		}
		return s.store.RemoveAnswer(ctx, a)
	})
}

// FindLawyerAnswers lists an active lawyer's public answers, newest
// first, each with its question's ID and title (redacted); answers to
// questions erased or no longer public meanwhile are left out. Returns
// ENotFound, EInvalid.
func (s *Service) FindLawyerAnswers(ctx context.Context, lawyerID string, limit int, cursor string) (domain.Page[domain.AnswerView], error) {
	f := domain.FieldErrors{}
	limit = limitOf(&f, limit)
	if err := f.Err(); err != nil {
		return domain.Page[domain.AnswerView]{}, err
	}
	now := s.Now()
	var l domain.Lawyer
	var page domain.Page[domain.Answer]
	err := together(
		func() (err error) { l, err = s.store.FindLawyerByID(ctx, lawyerID); return err },
		func() (err error) { page, err = s.store.FindLawyerAnswers(ctx, lawyerID, limit, cursor); return err })
	if err != nil {
		return domain.Page[domain.AnswerView]{}, err
	}
	if !l.Active {
		return domain.Page[domain.AnswerView]{}, domain.Errorf(domain.ENotFound, "no lawyer %s", lawyerID)
	}
	k := domain.Keys{Firms: []string{l.FirmID}, At: now}
	for _, a := range page.Items {
		k.QuestionCards = append(k.QuestionCards, a.QuestionID)
	}
	got, err := s.store.Read(ctx, k)
	if err != nil {
		return domain.Page[domain.AnswerView]{}, err
	}
	out := domain.Page[domain.AnswerView]{Items: []domain.AnswerView{}, NextCursor: page.NextCursor}
	badge, firm := l.Badge(got.Firms[l.FirmID]), contactOf(got.Firms[l.FirmID])
	for _, a := range page.Items {
		if q, ok := got.Questions[a.QuestionID]; !ok || !q.Public || q.Erased() {
			continue
		}
		v := a.View(badge, firm, false)
		v.QuestionTitle, v.Replies = a.QuestionTitle, nil
		out.Items = append(out.Items, v)
	}
	return out, nil
}

// LawyerInbox lists the public questions in the signed-in lawyer's areas
// (or one of them) that they have not answered, newest first: their Q&A
// inbox. Returns EUnauthenticated, EForbidden, EInvalid (an area they do
// not practise).
func (s *Service) LawyerInbox(ctx context.Context, who auth.Identity, area string, limit int, cursor string) (domain.Page[domain.QuestionListItem], error) {
	if err := lawyerOnly(who); err != nil {
		return domain.Page[domain.QuestionListItem]{}, err
	}
	f := domain.FieldErrors{}
	limit = listOf(&f, area, limit)
	if err := f.Err(); err != nil {
		return domain.Page[domain.QuestionListItem]{}, err
	}
	l, err := s.store.FindLawyerByID(ctx, who.LawyerID)
	if err != nil {
		return domain.Page[domain.QuestionListItem]{}, err
	}
	areas := l.Areas
	if area != "" {
		if !l.Practises(area) {
			return domain.Page[domain.QuestionListItem]{}, domain.Invalid("area", domain.CodeNotPractised, "you do not practise this area", "is not one of your practice areas")
		}
		areas = []string{area}
	}
	page, err := s.store.FindUnanswered(ctx, l.ID, areas, limit, cursor)
	if err != nil {
		return domain.Page[domain.QuestionListItem]{}, err
	}
	return listItems(page), nil
}

// listItems shows questions as items of a public list.
func listItems(page domain.Page[domain.Question]) domain.Page[domain.QuestionListItem] {
	out := domain.Page[domain.QuestionListItem]{Items: make([]domain.QuestionListItem, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, q := range page.Items {
		out.Items = append(out.Items, q.ListItem())
	}
	return out
}

// FindRelated lists up to limit other public questions related to a
// public one: same area first, then those sharing the most of its terms,
// then the newest. It reads the question, then — at once — the newest
// postings of each of its terms and the newest questions of its area,
// then the candidates: three round trips whatever the number of questions.
// Returns ENotFound, EInvalid.
func (s *Service) FindRelated(ctx context.Context, questionID string, limit int) ([]domain.QuestionListItem, error) {
	f := domain.FieldErrors{}
	switch {
	case limit == 0:
		limit = domain.RelatedMax
	case limit < 1 || limit > domain.RelatedMax:
		f.Add("limit", domain.CodeRange, "must be between 1 and 10")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	now := s.Now()
	got, err := s.store.Read(ctx, domain.Keys{QuestionCards: []string{questionID}, At: now})
	if err != nil {
		return nil, err
	}
	q, ok := got.Questions[questionID]
	if !ok || !q.Public || q.Erased() {
		return nil, domain.NotPublic(questionID)
	}
	related, _, err := s.related(ctx, q, limit, now)
	return related, err
}

// related finds public question q's related questions (see FindRelated),
// from the postings of its terms and the latest of its area, and returns
// those latest too (without q).
func (s *Service) related(ctx context.Context, q domain.Question, limit int, now time.Time) (related, latest []domain.QuestionListItem, err error) {
	found := make([][]domain.RelatedCandidate, len(q.Terms)+1)
	jobs := make([]func() error, 0, len(q.Terms)+1)
	for i, term := range q.Terms {
		jobs = append(jobs, func() error {
			ps, err := s.store.FindPostings(ctx, term, PostingsPerTerm)
			for j := range ps {
				ps[j].Shared = domain.TermWeight(i)
			}
			found[i] = ps
			return err
		})
	}
	latest = []domain.QuestionListItem{}
	jobs = append(jobs, func() error {
		page, err := s.store.FindPublicQuestions(ctx, domain.QuestionFilter{Area: q.Area, Limit: domain.RelatedMax + 1})
		for _, c := range page.Items {
			found[len(q.Terms)] = append(found[len(q.Terms)], domain.RelatedCandidate{QuestionID: c.ID, Area: c.Area})
			if c.ID != q.ID && len(latest) < domain.RelatedMax {
				latest = append(latest, c.ListItem())
			}
		}
		return err
	})
	if err := together(jobs...); err != nil {
		return nil, nil, err
	}
	// Twice as many as wanted: a posting may outlive its question by an
	// instant (an erasure in flight), and such are left out below.
	ranked := domain.RankRelated(q.ID, q.Area, slices.Concat(found...), 2*limit)
	k := domain.Keys{At: now}
	for _, c := range ranked {
		k.QuestionCards = append(k.QuestionCards, c.QuestionID)
	}
	got, err := s.store.Read(ctx, k)
	if err != nil {
		return nil, nil, err
	}
	related = []domain.QuestionListItem{}
	for _, c := range ranked {
		if r, ok := got.Questions[c.QuestionID]; ok && r.Public && !r.Erased() && len(related) < limit {
			related = append(related, r.ListItem())
		}
	}
	return related, latest, nil
}

// FindPublicThread gathers what the public page of a question shows: the
// question (redacted), its answers with badges, firm blocks and
// follow-ups (redacted), related questions and the latest of its area. It
// reads the question with its thread, then the lawyers and firms beside
// the related questions' candidates, then those: three round trips.
// Returns ENotFound for a question that is private, erased or unknown
// (the same, so as to tell nothing).
func (s *Service) FindPublicThread(ctx context.Context, id string) (domain.PublicThread, error) {
	now := s.Now()
	var got domain.Batch
	var qa domain.QA
	err := together(
		func() (err error) {
			got, err = s.store.Read(ctx, domain.Keys{QuestionCards: []string{id}, At: now})
			return err
		},
		func() (err error) { qa, err = s.store.FindQA(ctx, id); return err })
	if err != nil {
		return domain.PublicThread{}, err
	}
	q, ok := got.Questions[id]
	if !ok || !q.Public || q.Erased() {
		return domain.PublicThread{}, domain.NotPublic(id)
	}
	t := domain.PublicThread{Question: q.PublicView()}
	if qa.Text != nil {
		t.Question.Title, t.Question.Body = qa.Text.Title, qa.Text.Body
	}
	err = together(
		func() (err error) { t.Answers, err = s.answerViews(ctx, qa.Answers, false, now); return err },
		func() (err error) { t.Related, t.Latest, err = s.related(ctx, q, domain.RelatedMax, now); return err })
	if err != nil {
		return domain.PublicThread{}, err
	}
	if qa.Text == nil {
		// A question from before public texts were kept: redacted from
		// its visitor's data while that is kept.
		full, err := s.store.FindQuestionByID(ctx, id, now)
		if err != nil {
			return domain.PublicThread{}, err
		}
		t.Question.Body = full.PublicView().Body
	}
	return t, nil
}

// WebOrigin is where the pages are served (https://…, no trailing slash;
// "" when not configured): the public pages' canonical addresses.
func (s *Service) WebOrigin() string { return s.cfg.WebOrigin }

// SitemapMax is how many addresses one sitemap file lists (the
// protocol's limit).
const SitemapMax = 50000

// Sitemap lists the public questions for search engines: all of them,
// newest first, when they are at most SitemapMax; past that, months
// (sitemap files of one month each, "2026-12") from the oldest public
// question's to now, newest first, for an index. Returns EUnavailable.
func (s *Service) Sitemap(ctx context.Context) (entries []domain.SitemapEntry, months []string, err error) {
	now := s.Now().UTC()
	entries, more, err := s.store.FindSitemap(ctx, time.Unix(0, 0), now.Add(time.Minute), SitemapMax)
	if err != nil || !more {
		return entries, nil, err
	}
	oldest, ok, err := s.store.FindOldestPublic(ctx)
	if err != nil || !ok {
		return entries, nil, err
	}
	for m := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC); !m.Before(time.Date(oldest.Year(), oldest.Month(), 1, 0, 0, 0, 0, time.UTC)); m = m.AddDate(0, -1, 0) {
		months = append(months, m.Format("2006-01"))
	}
	return nil, months, nil
}

// SitemapMonth lists the public questions of one month ("2026-12"), at
// most SitemapMax. Returns ENotFound (no such month).
func (s *Service) SitemapMonth(ctx context.Context, month string) ([]domain.SitemapEntry, error) {
	from, err := time.Parse("2006-01", month)
	if err != nil || from.Year() < 1970 || from.After(s.Now()) {
		return nil, domain.Errorf(domain.ENotFound, "no sitemap %s", month)
	}
	entries, _, err := s.store.FindSitemap(ctx, from, from.AddDate(0, 1, 0), SitemapMax)
	return entries, err
}

// PostingsPerTerm is how many of a term's newest postings a related
// lookup reads: the cost of a lookup is at most MaxTerms such queries.
const PostingsPerTerm = 25
