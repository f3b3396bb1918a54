package app

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// Submitted is the answer to a submitted question: the question and the
// visitor token, shown this once, and where the private link is being
// sent (masked; empty when no WebOrigin is set).
type Submitted struct {
	domain.QuestionView
	// AreaCandidates is the router's ranking, always present (API.md
	// names it in the answer): empty, not absent, when the router hears
	// nothing in a text whose area the visitor chose. It stands in for the
	// view's, which is left out when empty.
	AreaCandidates []domain.AreaScore `json:"areaCandidates"`
	AccessToken    string             `json:"accessToken"`
	LinkSentTo     []domain.Delivery  `json:"linkSentTo"`
}

// KeptCandidates is how many of the router's ranked areas a question
// keeps (the visitor's later views show these).
const KeptCandidates = 5

// classifyMaxRunes bounds the text given to the router.
const classifyMaxRunes = 5000

// SubmitQuestion stores a visitor's question. The area is the visitor's
// when given, else the router's best; the router's candidates are returned
// either way. Counts against QuestionRateLimit per source address (not
// per phone: see the limits below). Returns EInvalid, ERateLimited.
func (s *Service) SubmitQuestion(ctx context.Context, in domain.QuestionInput, sourceIP string) (Submitted, error) {
	if err := in.Validate(); err != nil {
		return Submitted{}, err
	}
	if s.classifier == nil {
		return Submitted{}, errNoClassifier
	}
	candidates, ok := s.classifier.Classify(in.Title + "\n" + in.Body)
	area, source := in.Area, domain.AreaFromVisitor
	if area == "" {
		if !ok {
			return Submitted{}, domain.Invalid("area", domain.CodeRequired, "please choose a practice area", "could not be inferred from the text; please choose one (see GET /practice-areas)")
		}
		area, source = candidates[0].Area, domain.AreaInferred
	}
	now := s.Now().UTC().Truncate(time.Millisecond)
	id := domain.NewID()
	token, hash := s.visitorToken(id)
	q := domain.Question{
		ID: id, Title: in.Title, Body: in.Body, Area: area, AreaSource: source,
		AreaCandidates: candidates, City: in.City, Public: in.Public != nil && *in.Public,
		Status: domain.QuestionSubmitted, CreatedAt: now, Name: in.Name, Phone: in.Phone, Email: in.Email,
		ConsentAt: now, PIIExpiresAt: now.Add(s.cfg.PIIRetention), TokenHash: hash,
	}
	q.PublicTitle = domain.Redact(q.Title, q.Name)
	if q.Public {
		q.Terms = s.classifier.Keywords(q.Title+"\n"+q.Body, domain.MaxTerms)
	}
	if q.AreaCandidates == nil {
		q.AreaCandidates = []domain.AreaScore{}
	}
	var limits []domain.RateLimit
	if n := s.cfg.QuestionRateLimit; n > 0 {
		// Per source address only. Nobody confirms the phone a question
		// names, so a limit per phone let anyone lock a stranger's number
		// out for an hour; keyed by phone and address instead, with the
		// same count and window, it could never refuse a question the
		// address limit lets through — a write for nothing.
		limits = append(limits, domain.NewRateLimit(s.subject("q-ip", sourceKey(sourceIP)), n, time.Hour, now))
	}
	// The answer ranks every area; the question keeps the leading few: it
	// is rewritten by every booking, and a smaller item costs less to write.
	kept := q
	kept.AreaCandidates = q.AreaCandidates[:min(len(q.AreaCandidates), KeptCandidates)]
	// The private link goes to the visitor's phone and e-mail: the
	// notice, written with the question, names the question only; the
	// sender derives the token again (visitorToken).
	var notice *domain.OutboxItem
	sentTo := []domain.Delivery{}
	if s.linksSendable() {
		if sentTo = domain.LinkDeliveries(q.Contact()); len(sentTo) > 0 {
			notice = &domain.OutboxItem{Kind: domain.NoticeSubmitted, QuestionID: q.ID}
		}
	}
	if err := s.store.CreateQuestion(ctx, kept, notice, limits...); err != nil {
		return Submitted{}, err
	}
	return Submitted{QuestionView: q.VisitorView(), AreaCandidates: q.AreaCandidates, AccessToken: token, LinkSentTo: sentTo}, nil
}

// visitorToken makes question id's visitor token: derived from the
// secret, so that a message can carry the private link while only the
// hash is stored; random when there is no secret (then no link is sent).
func (s *Service) visitorToken(id string) (token, hash string) {
	if len(s.cfg.Secret) == 0 {
		return domain.NewVisitorToken()
	}
	return domain.DerivedVisitorToken(s.cfg.Secret, id)
}

// linksSendable reports whether messages may carry private links.
func (s *Service) linksSendable() bool { return s.cfg.WebOrigin != "" && len(s.cfg.Secret) > 0 }

// PrivateLink is the page of question id for the holder of token, on the
// configured origin (the pages read the fragment: store.js).
func (s *Service) PrivateLink(id, token string) string {
	return s.cfg.WebOrigin + "/#/q/" + url.PathEscape(id) + "?t=" + url.QueryEscape(token)
}

// Classify ranks the practice areas for a text. It stores nothing but
// counts against ClassifyRateLimit per source address. Returns EInvalid
// (empty text, or no recognisable signal), ERateLimited.
func (s *Service) Classify(ctx context.Context, text, sourceIP string) ([]domain.AreaScore, error) {
	if s.classifier == nil {
		return nil, errNoClassifier
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, domain.Invalid("text", domain.CodeRequired, "the text is empty", "is required")
	}
	if utf8.RuneCountInString(text) > classifyMaxRunes {
		text = string([]rune(text)[:classifyMaxRunes])
	}
	if n := s.cfg.ClassifyRateLimit; n > 0 {
		l := domain.NewRateLimit(s.subject("classify-ip", sourceKey(sourceIP)), n, time.Minute, s.Now())
		if err := s.store.HitRateLimit(ctx, l, "classify requests"); err != nil {
			return nil, err
		}
	}
	c, ok := s.classifier.Classify(text)
	if !ok {
		return nil, domain.Invalid("text", domain.CodeNoSignal, "no legal topic recognised in the text", "says nothing we recognise yet; describe what happened in a few words")
	}
	return c, nil
}

// QuestionQuery selects public questions.
type QuestionQuery struct {
	Area string
	// Answered keeps only questions with (true) or without (false) an
	// answer; nil keeps both.
	Answered *bool
	Limit    int
	Cursor   string
}

// FindPublicQuestions lists the latest public questions: title, area,
// city, time and how many answers. Returns EInvalid.
func (s *Service) FindPublicQuestions(ctx context.Context, q QuestionQuery) (domain.Page[domain.QuestionView], error) {
	f := domain.FieldErrors{}
	limit := listOf(&f, q.Area, q.Limit)
	if err := f.Err(); err != nil {
		return domain.Page[domain.QuestionView]{}, err
	}
	page, err := s.store.FindPublicQuestions(ctx, domain.QuestionFilter{Area: q.Area, Answered: q.Answered, Limit: limit, Cursor: q.Cursor})
	if err != nil {
		return domain.Page[domain.QuestionView]{}, err
	}
	out := domain.Page[domain.QuestionView]{Items: make([]domain.QuestionView, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, q := range page.Items {
		out.Items = append(out.Items, q.ListView())
	}
	return out, nil
}

// visitorQuestion returns the question if token is its visitor token.
// Returns ENotFound, EUnauthenticated (no token), EForbidden (wrong token).
func (s *Service) visitorQuestion(ctx context.Context, id, token string) (domain.Question, error) {
	if token == "" {
		return domain.Question{}, domain.Errorf(domain.EUnauthenticated, "present the question's visitor token in X-Visitor-Token")
	}
	q, err := s.store.FindQuestionByID(ctx, id, s.Now())
	if err != nil {
		return q, err
	}
	if !domain.TokenMatches(token, q.TokenHash) {
		return domain.Question{}, domain.Errorf(domain.EForbidden, "the visitor token is not this question's")
	}
	return q, nil
}

// FindQuestion returns a question: the visitor's full view with a valid
// token, else the public view of a public question. Returns ENotFound
// (also for a private or erased question without its token), EForbidden.
func (s *Service) FindQuestion(ctx context.Context, id, token string) (domain.QuestionView, error) {
	if token != "" {
		q, err := s.visitorQuestion(ctx, id, token)
		if err != nil {
			return domain.QuestionView{}, err
		}
		v := q.VisitorView()
		if !q.Erased() {
			if v.Offers, err = s.offerViews(ctx, q.Leads); err != nil {
				return domain.QuestionView{}, err
			}
		}
		return v, nil
	}
	var q domain.Question
	var text domain.QuestionText
	err := together(
		func() (err error) { q, err = s.store.FindQuestionByID(ctx, id, s.Now()); return err },
		func() (err error) {
			if text, err = s.store.FindQuestionText(ctx, id); domain.ErrorCode(err) == domain.ENotFound {
				err = nil
			}
			return err
		})
	if err != nil {
		return domain.QuestionView{}, err
	}
	if !q.Public || q.Erased() {
		return domain.QuestionView{}, domain.Errorf(domain.ENotFound, "no question %s", id)
	}
	v := q.PublicView()
	if text.QuestionID != "" {
		// Redacted when it was submitted, with the asker's name, and kept
		// when their personal data expires.
		v.Title, v.Body = text.Title, text.Body
	}
	return v, nil
}

// EraseQuestion erases the visitor's name, phone, e-mail, the title and the
// body at once, and cancels the question's open booking in the same write
// (whatever the cancellation notice: erasure is the visitor's right), so
// that once it answers no booking of the question is pending or
// confirmed, its slot is open again and the lawyer is told. A booking made
// or changed meanwhile makes it read and decide again; if that keeps
// happening it answers EConflict and the caller retries. The funnel's
// counts and the audit trail stay; they hold none of the erased values.
// The visitor only. Returns ENotFound, EUnauthenticated, EForbidden,
// EConflict.
func (s *Service) EraseQuestion(ctx context.Context, id, token string) error {
	return retryStale(ctx, func() error {
		q, err := s.visitorQuestion(ctx, id, token)
		if err != nil {
			return err
		}
		e := domain.Erasure{Question: q, At: s.Now().UTC()}
		if q.OpenBooking != "" {
			b, err := s.store.FindBookingByID(ctx, q.OpenBooking)
			if err != nil {
				return err
			}
			if !domain.Open(b.Status) {
				return fmt.Errorf("%w: the booking ended after the question was read", domain.ErrStale)
			}
			got, err := s.store.Read(ctx, domain.Keys{Lawyers: []string{b.LawyerID}, Consistent: true})
			if err != nil {
				return err
			}
			e.Booking = &b
			e.Cancel = withIndex(domain.BookingChange{
				Act: domain.ActCancel, To: domain.BookingCancelled, By: domain.RoleVisitor, Reason: "the visitor erased their data",
				At: e.At, Notification: domain.NoticeCancelled,
			}, b, got.Lawyers[b.LawyerID])
		}
		if err := s.store.EraseQuestion(ctx, e); err != nil {
			return err
		}
		// The answers and follow-ups go after the question itself, which
		// no page shows any more: a thread of any length. Should this
		// fail, the caller's retry of the erasure finishes it.
		qa, err := s.store.FindQA(ctx, id)
		if err != nil {
			return err
		}
		return s.store.EraseQA(ctx, qa)
	})
}
