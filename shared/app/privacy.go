package app

import (
	"context"
	"strings"

	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// Routes named in audit records.
const (
	RouteContact        = "GET /bookings/{id}/contact"
	RouteGetBooking     = "GET /bookings/{id}"
	RouteCreateBooking  = "POST /bookings"
	RouteLawyerBookings = "GET /lawyer/bookings"
	RouteLeads          = "GET /leads"
	RouteLeadsCSV       = "GET /leads.csv"
	RouteAssign         = "POST /leads/{questionId}/assign"
)

// reveal is one showing of a visitor's personal data.
type reveal struct {
	questionID, bookingID string
	fields                []string
}

// audit writes one audit record per reveal, before the data is shown: if
// the records cannot be written the reveal does not happen (the caller
// returns the error instead of the data).
func (s *Service) audit(ctx context.Context, who auth.Identity, route string, reveals []reveal) error {
	if len(reveals) == 0 {
		return nil
	}
	now := s.Now().UTC()
	entries := make([]domain.AuditEntry, len(reveals))
	for i, r := range reveals {
		entries[i] = domain.AuditEntry{
			ID: domain.NewID(), QuestionID: r.questionID, Actor: who.Actor(), FirmID: who.FirmID,
			Fields: r.fields, Route: route, BookingID: r.bookingID, At: now,
		}
	}
	return s.store.WriteAudit(ctx, entries)
}

// ContactView is the answer of GET /bookings/{id}/contact: the other
// party's direct contact.
type ContactView struct {
	Lawyer  *domain.Contact `json:"lawyer,omitempty"`
	Visitor *domain.Contact `json:"visitor,omitempty"`
}

// Contact reveals the other party's direct contact once the booking is
// confirmed: the lawyer's to the visitor; the visitor's to the lawyer and
// the staff of the lawyer's firm, each such view written to the audit log
// first. It reads the booking, then in one batch its question, its lawyer
// and — when the caller may be its visitor — the lawyer's contact.
// Returns EUnauthenticated, EForbidden (admins are no party),
// EContactLocked (not confirmed), ENotFound (also for erased data).
func (s *Service) Contact(ctx context.Context, c Caller, id string) (ContactView, error) {
	b, err := s.store.FindBookingByID(ctx, id)
	if err != nil {
		return ContactView{}, err
	}
	k := domain.Keys{Questions: []string{b.QuestionID}, Lawyers: []string{b.LawyerID}}
	if !c.Identity.IsLawyer(b.LawyerID) && !c.Identity.IsStaffOf(b.FirmID) && !c.Identity.IsAdmin() {
		k.LawyerContacts = []string{b.LawyerID}
	}
	k.At = s.Now()
	got, err := s.store.Read(ctx, k)
	if err != nil {
		return ContactView{}, err
	}
	role, err := roleOn(c, b, got.Questions[b.QuestionID])
	if err != nil {
		return ContactView{}, err
	}
	if role == domain.RoleAdmin {
		return ContactView{}, domain.Errorf(domain.EForbidden, "only the parties of a booking see each other's contact")
	}
	if !domain.ContactShown(b.Status) {
		return ContactView{}, domain.Errorf(domain.EContactLocked, "contact details are shown once the lawyer has accepted the booking (it is %s)", b.Status)
	}
	if role == domain.RoleVisitor {
		l, ok1 := got.Lawyers[b.LawyerID]
		lc, ok2 := got.LawyerContacts[b.LawyerID]
		if !ok1 || !ok2 {
			return ContactView{}, domain.Errorf(domain.ENotFound, "no lawyer %s", b.LawyerID)
		}
		return ContactView{Lawyer: &domain.Contact{Name: l.Name, Phone: lc.Phone, Email: lc.Email}}, nil
	}
	contact := got.Questions[b.QuestionID].Contact()
	if contact.Phone == "" {
		return ContactView{}, domain.Errorf(domain.ENotFound, "the visitor's contact data was erased or has expired")
	}
	if err := s.audit(ctx, c.Identity, RouteContact, []reveal{{b.QuestionID, b.ID, contact.Fields()}}); err != nil {
		return ContactView{}, err
	}
	return ContactView{Visitor: &contact}, nil
}

// AccessEntry is one line of a visitor's access log.
type AccessEntry struct {
	domain.AuditEntry
	// Who says who it was, as the visitor may know them: the lawyer's name
	// and firm, or the firm of a staff member ("" for the platform's
	// operators); Actor says which kind.
	Who string `json:"who"`
}

// AccessLog lists who saw the visitor's personal data, oldest first. The
// visitor only. Returns EUnauthenticated, EForbidden, ENotFound, EInvalid.
func (s *Service) AccessLog(ctx context.Context, questionID, token string, limit int, cursor string) (domain.Page[AccessEntry], error) {
	f := domain.FieldErrors{}
	limit = limitOf(&f, limit)
	if err := f.Err(); err != nil {
		return domain.Page[AccessEntry]{}, err
	}
	if _, err := s.visitorQuestion(ctx, questionID, token); err != nil {
		return domain.Page[AccessEntry]{}, err
	}
	page, err := s.store.FindAudit(ctx, questionID, "", limit, cursor)
	if err != nil {
		return domain.Page[AccessEntry]{}, err
	}
	return s.describeAudit(ctx, page)
}

// describeAudit names the people of audit records.
func (s *Service) describeAudit(ctx context.Context, page domain.Page[domain.AuditEntry]) (domain.Page[AccessEntry], error) {
	var firmIDs []string
	lawyers := map[string]string{}
	for _, e := range page.Items {
		firmIDs = append(firmIDs, e.FirmID)
		if id, ok := strings.CutPrefix(e.Actor, "lawyer:"); ok && lawyers[id] == "" {
			if l, err := s.store.FindLawyerByID(ctx, id); err == nil {
				lawyers[id] = l.Name
			}
		}
	}
	firms, err := s.store.FindFirmsByIDs(ctx, firmIDs)
	if err != nil {
		return domain.Page[AccessEntry]{}, err
	}
	out := domain.Page[AccessEntry]{Items: make([]AccessEntry, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, e := range page.Items {
		who := firms[e.FirmID].Name
		if id, ok := strings.CutPrefix(e.Actor, "lawyer:"); ok {
			who = lawyers[id] + " · " + who
		}
		out.Items = append(out.Items, AccessEntry{AuditEntry: e, Who: strings.Trim(who, " ·")})
	}
	return out, nil
}

// AuditQuery selects audit records: of one subject (a question), or all
// views by a firm's people.
type AuditQuery struct {
	Subject string
	Firm    string // admins: whose views ("" with no subject: the admins')
	Limit   int
	Cursor  string
}

// Audit lists who saw whose personal data. Staff see their own firm's
// views: of one of their leads (by subject), or all of them; admins see
// everything.
// Returns EUnauthenticated, EForbidden, ENotFound, EInvalid.
func (s *Service) Audit(ctx context.Context, who auth.Identity, q AuditQuery) (domain.Page[AccessEntry], error) {
	if err := requireAuth(who); err != nil {
		return domain.Page[AccessEntry]{}, err
	}
	staff := who.InGroup(auth.GroupStaff) && who.FirmID != ""
	if !staff && !who.IsAdmin() {
		return domain.Page[AccessEntry]{}, domain.Errorf(domain.EForbidden, "only firm staff and admins read the audit log")
	}
	f := domain.FieldErrors{}
	limit := limitOf(&f, q.Limit)
	if err := f.Err(); err != nil {
		return domain.Page[AccessEntry]{}, err
	}
	var page domain.Page[domain.AuditEntry]
	var err error
	switch {
	case q.Subject != "" && !who.IsAdmin():
		if _, err := s.store.FindLead(ctx, q.Subject, who.FirmID); err != nil {
			if domain.ErrorCode(err) == domain.ENotFound {
				return domain.Page[AccessEntry]{}, domain.Errorf(domain.EForbidden, "this question is no lead of your firm")
			}
			return domain.Page[AccessEntry]{}, err
		}
		// The lead is the firm's, but others may have seen the same visitor
		// (another firm's offer or an earlier booking): staff see only
		// their own firm's people.
		page, err = s.store.FindAudit(ctx, q.Subject, who.FirmID, limit, q.Cursor)
	case q.Subject != "":
		page, err = s.store.FindAudit(ctx, q.Subject, "", limit, q.Cursor)
	case who.IsAdmin():
		page, err = s.store.FindFirmAudit(ctx, q.Firm, limit, q.Cursor)
	default:
		page, err = s.store.FindFirmAudit(ctx, who.FirmID, limit, q.Cursor)
	}
	if err != nil {
		return domain.Page[AccessEntry]{}, err
	}
	return s.describeAudit(ctx, page)
}
