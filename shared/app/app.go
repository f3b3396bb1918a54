// Package app holds the product's use cases: who may do what, in which
// order the store is asked, and what is returned. It speaks domain types,
// knows callers by auth.Identity or visitor token, and imports no AWS SDK:
// the store behind the Store interface is DynamoDB in every environment.
package app

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"net/netip"
	"slices"
	"time"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// Store is what the use cases need of the store (*store.Store).
type Store interface {
	Ping(ctx context.Context) error
	CreateFirm(ctx context.Context, f domain.Firm) error
	FindFirmByID(ctx context.Context, id string) (domain.Firm, error)
	FindFirmsByIDs(ctx context.Context, ids []string) (map[string]domain.Firm, error)
	CreateLawyer(ctx context.Context, l domain.Lawyer, c domain.Contact) error
	FindLawyerByID(ctx context.Context, id string) (domain.Lawyer, error)
	FindLawyers(ctx context.Context, f domain.LawyerFilter) (domain.Page[domain.Lawyer], error)
	PublishSlots(ctx context.Context, lawyerID string, slots []domain.Slot, now time.Time) error
	FindSlots(ctx context.Context, f domain.SlotFilter) (domain.Page[domain.Slot], error)
	CreateQuestion(ctx context.Context, q domain.Question, notice *domain.OutboxItem, limits ...domain.RateLimit) error
	FindQuestionByID(ctx context.Context, id string, now time.Time) (domain.Question, error)
	FindPublicQuestions(ctx context.Context, f domain.QuestionFilter) (domain.Page[domain.Question], error)
	EraseQuestion(ctx context.Context, e domain.Erasure) error
	HitRateLimit(ctx context.Context, l domain.RateLimit, what string) error
	UpdateLawyer(ctx context.Context, id string, change func(domain.Lawyer) domain.Lawyer) (domain.Lawyer, error)
	FindMatchCandidates(ctx context.Context, area, city string, k int, now time.Time) ([]domain.Candidate, error)
	RecordMatch(ctx context.Context, q domain.Question, matches []domain.Match, candidates []domain.Candidate, now time.Time) error
	RefreshStaleNextSlots(ctx context.Context, now time.Time) (int, error)
	FindLawyerContact(ctx context.Context, id string) (domain.Contact, error)
	CreateBooking(ctx context.Context, nb domain.NewBooking) error
	Read(ctx context.Context, k domain.Keys) (domain.Batch, error)
	FirstOpenSlot(ctx context.Context, lawyerID string, after, except time.Time) (*domain.Slot, error)
	FindBookingByID(ctx context.Context, id string) (domain.Booking, error)
	ApplyChange(ctx context.Context, b domain.Booking, c domain.BookingChange) (domain.Booking, error)
	FindLawyerBookings(ctx context.Context, f domain.BookingFilter) (domain.Page[domain.Booking], error)
	FindExpiredBookings(ctx context.Context, now time.Time, limit int) ([]domain.Booking, error)
	FindQuestionsByIDs(ctx context.Context, ids []string, now time.Time) (map[string]domain.Question, error)
	FindLead(ctx context.Context, questionID, firmID string) (domain.Lead, error)
	FindLeadsOf(ctx context.Context, firmID string, questionIDs []string) (map[string]domain.Lead, error)
	ReassignLead(ctx context.Context, l domain.Lead, lawyerID string, now time.Time) error
	MakeOffer(ctx context.Context, q domain.Question, l domain.Lead) error
	AnswerOffer(ctx context.Context, a domain.OfferAnswer) error
	FindLeads(ctx context.Context, f domain.LeadFilter) (domain.Page[domain.Lead], error)
	FindOpenQuestions(ctx context.Context, areas []string, f domain.LeadFilter) (domain.Page[domain.Question], error)
	FindFirmLawyers(ctx context.Context, firmID string) ([]domain.Lawyer, error)
	WriteAudit(ctx context.Context, entries []domain.AuditEntry) error
	FindAudit(ctx context.Context, questionID, firmID string, limit int, cursor string) (domain.Page[domain.AuditEntry], error)
	FindFirmAudit(ctx context.Context, firmID string, limit int, cursor string) (domain.Page[domain.AuditEntry], error)
	FindStats(ctx context.Context, firmID string, from, to time.Time) ([]domain.StatRow, error)
	FindPendingOutbox(ctx context.Context, before time.Time, limit int) ([]domain.OutboxItem, error)
	FindOutboxItem(ctx context.Context, id string) (domain.OutboxItem, error)
	ClaimOutbox(ctx context.Context, id, claimID string, now, until time.Time) (domain.OutboxItem, error)
	MarkOutbox(ctx context.Context, m domain.OutboxMark) error
	RescheduleBooking(ctx context.Context, r domain.Reschedule) error
	CreateReview(ctx context.Context, nr domain.NewReview) error
	FindReviews(ctx context.Context, lawyerID string, limit int, cursor string) (domain.Page[domain.Review], error)
	WithdrawSlot(ctx context.Context, l domain.Lawyer, start time.Time, setNext bool, next *domain.Slot) error
	CreateAnswer(ctx context.Context, na domain.NewAnswer) error
	AddReply(ctx context.Context, nr domain.NewReply) error
	MarkHelpful(ctx context.Context, m domain.HelpfulMark) error
	RemoveAnswer(ctx context.Context, a domain.Answer) error
	FindQA(ctx context.Context, questionID string) (domain.QA, error)
	FindQuestionText(ctx context.Context, questionID string) (domain.QuestionText, error)
	FindLawyerAnswers(ctx context.Context, lawyerID string, limit int, cursor string) (domain.Page[domain.Answer], error)
	FindUnanswered(ctx context.Context, lawyerID string, areas []string, limit int, cursor string) (domain.Page[domain.Question], error)
	FindPostings(ctx context.Context, term string, limit int) ([]domain.RelatedCandidate, error)
	EraseQA(ctx context.Context, qa domain.QA) error
	FindSitemap(ctx context.Context, from, to time.Time, limit int) ([]domain.SitemapEntry, bool, error)
	FindOldestPublic(ctx context.Context) (time.Time, bool, error)
	EachPublicText(ctx context.Context, f func(domain.PublicText) error) error
	RewritePublicText(ctx context.Context, t domain.PublicText, text string) error
}

// Classifier ranks the practice areas for a text, best first. ok is false
// when the text carries no recognisable signal. router.Classifier is the
// one in use; only the entry points that route text are given one.
type Classifier interface {
	Classify(text string) (candidates []domain.AreaScore, ok bool)
	// Keywords returns up to n of the legal terms text holds, strongest
	// first: they index a public question for related questions.
	Keywords(text string, n int) []string
}

// errNoClassifier is what a use case that routes text answers (as an
// internal error) on a service built without a classifier: a function
// serving a route that needs the router was not given it at init.
var errNoClassifier = errors.New("app: this service was built without a classifier (see awsboot.MustDeps)")

// Config holds the tunable rules, read from the environment by the
// function or the local server.
type Config struct {
	// QuestionRateLimit is how many questions one source address may
	// submit per hour (0: no limit). There is no per-phone limit: nobody
	// confirms a phone, so one would let a stranger lock it out.
	QuestionRateLimit int
	// ClassifyRateLimit is how many classify calls one source address may
	// make per minute (0: no limit).
	ClassifyRateLimit int
	// PIIRetention is how long personal data is kept after the last
	// booking ends (or after submission when nothing is booked).
	PIIRetention time.Duration
	// Secret keys the hashes of source addresses in rate-limit keys, so
	// that they cannot be reversed by enumeration.
	Secret []byte
	// BookingPendingTTL is how long a booking may wait for the lawyer.
	BookingPendingTTL time.Duration
	// CancelNotice is how long before the start a visitor may still cancel
	// (or move the booking away from its slot).
	CancelNotice time.Duration
	// MinNotice is how soon a slot may start to be listed or booked.
	MinNotice time.Duration
	// Reminders are the offsets before a confirmed booking's start at which
	// both sides are reminded, largest first.
	Reminders []time.Duration
	// WebOrigin is where the pages are served (https://…, no trailing
	// slash): the private link sent on submission starts with it. Empty:
	// no link is sent. Never taken from a request — a link in our text
	// message must not point where a stranger asks.
	WebOrigin string
}

// DefaultConfig returns the documented defaults (API.md).
func DefaultConfig() Config {
	return Config{QuestionRateLimit: 10, ClassifyRateLimit: 120, PIIRetention: 180 * 24 * time.Hour,
		BookingPendingTTL: 24 * time.Hour, CancelNotice: 2 * time.Hour, MinNotice: 2 * time.Hour,
		Reminders: slices.Clone(domain.DefaultReminders)}
}

// Service carries out the use cases.
type Service struct {
	store      Store
	classifier Classifier
	cfg        Config
	// Now is the clock; tests may replace it.
	Now func() time.Time
	// Notifier sends the notifications the sweep retries (nil: none).
	Notifier Notifier
}

// New returns a service. classifier may be nil where no text is routed:
// then SubmitQuestion and Classify answer an internal error.
func New(st Store, classifier Classifier, cfg Config) *Service {
	return &Service{store: st, classifier: classifier, cfg: cfg, Now: time.Now}
}

// Health checks that the store answers.
func (s *Service) Health(ctx context.Context) error { return s.store.Ping(ctx) }

// PracticeAreas returns the fixed list of practice areas.
func (s *Service) PracticeAreas() []domain.Area { return domain.Areas }

// A use case whose write finds that what it read has changed
// (domain.ErrStale) reads, decides and writes again: at least
// staleAttempts times, and beyond that until staleBudget has passed — so
// that writes to one lawyer's calendar, which conflict by design, each
// wait their turn under a burst rather than fail.
const (
	staleAttempts = 5
	staleBudget   = 3 * time.Second
)

// retryStale runs attempt — a whole read → decide → write — again while
// its write finds its reads stale, with jittered pauses from 10 ms
// doubling to 200 ms; past the attempts and the budget it answers
// EConflict, which the caller may retry.
func retryStale(ctx context.Context, attempt func() error) error {
	deadline := time.Now().Add(staleBudget)
	pause := 10 * time.Millisecond
	for i := 1; ; i++ {
		err := attempt()
		if !errors.Is(err, domain.ErrStale) {
			return err
		}
		if i >= staleAttempts && time.Now().After(deadline) {
			return domain.Errorf(domain.EConflict, "the data changed while we were writing; try again")
		}
		select {
		case <-ctx.Done():
			return &domain.Error{Code: domain.EUnavailable, Message: "the request ran out of time; try again", RetryAfter: time.Second}
		case <-time.After(pause/2 + time.Duration(rand.Int64N(int64(pause)))):
		}
		pause = min(2*pause, 200*time.Millisecond)
	}
}

// subject returns a keyed hash of a personal value (a phone number, an
// address) for use in keys: equal values meet, nobody can reverse it.
func (s *Service) subject(kind, value string) string {
	mac := hmac.New(sha256.New, s.cfg.Secret)
	mac.Write([]byte(kind + ":" + value))
	return kind + ":" + hex.EncodeToString(mac.Sum(nil)[:16])
}

// sourceKey reduces a source address to what one client holds: an IPv4
// address, or the /64 of an IPv6 address (one client has many).
func sourceKey(addr string) string {
	ap, err := netip.ParseAddrPort(addr)
	ip := ap.Addr()
	if err != nil {
		if ip, err = netip.ParseAddr(addr); err != nil {
			return addr
		}
	}
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}
