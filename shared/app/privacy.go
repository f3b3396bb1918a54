package app

import (
	"context"
	"slices"
	"strings"
	"time"

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
	return s.auditAs(ctx, who.Actor(), who.Name, who.FirmID, route, reveals)
}

// auditAs is audit for a viewer named by actor (auth.Identity.Actor, or
// ActorVisitor), name and firm scope.
func (s *Service) auditAs(ctx context.Context, actor, name, firm, route string, reveals []reveal) error {
	if len(reveals) == 0 {
		return nil
	}
	now := s.Now().UTC()
	entries := make([]domain.AuditEntry, len(reveals))
	for i, r := range reveals {
		entries[i] = domain.AuditEntry{
			ID: domain.NewID(), QuestionID: r.questionID, Actor: actor, ActorName: name, FirmID: firm,
			Fields: r.fields, Route: route, BookingID: r.bookingID, At: now,
		}
	}
	return s.store.WriteAudit(ctx, entries)
}

// ActorVisitor is the actor of an audit record of the visitor's look at
// the lawyer's direct contact. The record's subject is the visitor's
// question and its scope the lawyer's firm, whose staff (and admins) read
// it in the question's trail; the visitor's own access log, of looks at
// their data, leaves it out.
const ActorVisitor = string(domain.RoleVisitor)

// ContactView is the answer of GET /bookings/{id}/contact: the other
// party's direct contact.
type ContactView struct {
	Lawyer  *domain.Contact `json:"lawyer,omitempty"`
	Visitor *domain.Contact `json:"visitor,omitempty"`
}

// Contact reveals the other party's direct contact once the booking is
// confirmed: the lawyer's to the visitor; the visitor's to the lawyer and
// the staff of the lawyer's firm, each such view written to the audit log
// first (the visitor's as ActorVisitor). It reads the booking, then in one batch its question, its lawyer
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
		contact := domain.Contact{Name: l.Name, Phone: lc.Phone, Email: lc.Email}
		if err := s.auditAs(ctx, ActorVisitor, "", b.FirmID, RouteContact, []reveal{{b.QuestionID, b.ID, contact.Fields()}}); err != nil {
			return ContactView{}, err
		}
		return ContactView{Lawyer: &contact}, nil
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

// AccessEntry is one line of an access log: one look at the visitor's
// data, said so that the visitor can read it.
type AccessEntry struct {
	domain.AuditEntry
	// Role is who looked: lawyer, staff or admin (and in the staff's and
	// admins' trail visitor, for the asker's look at the lawyer's contact:
	// no name, no firm); Name their name (the
	// lawyer's, or the staff member's when their sign-in holds one); Firm
	// the firm's name ("" for the platform's operators).
	Role string `json:"role"`
	Name string `json:"name,omitempty"`
	Firm string `json:"firm,omitempty"`
	// Who says it in one line: "王晓明 · 明德律师事务所".
	Who string `json:"who"`
	// View says what was looked at, as a code the pages translate
	// (contact, booking, lawyer_bookings, leads, leads_export, assign).
	View string `json:"view"`
	// Count is how many looks of the same person at the same thing within
	// lookWindow the line stands for (one look is one line).
	Count int `json:"count"`
}

// lookWindow: the views of one person at one thing closer together than
// this are one look (a page reads the list and then the contact).
const lookWindow = 10 * time.Minute

// viewOf says what an audit record's route showed.
func viewOf(route string) string {
	switch route {
	case RouteContact:
		return "contact"
	case RouteGetBooking, RouteCreateBooking:
		return "booking"
	case RouteLawyerBookings:
		return "lawyer_bookings"
	case RouteLeads:
		return "leads"
	case RouteLeadsCSV:
		return "leads_export"
	case RouteAssign:
		return "assign"
	}
	return "other"
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
	// The visitor's own looks (at the lawyer's contact) are no look at
	// their data.
	page.Items = slices.DeleteFunc(page.Items, func(e domain.AuditEntry) bool { return e.Actor == ActorVisitor })
	return s.describeAudit(ctx, page, true)
}

// describeAudit names the people of audit records (their lawyers and
// firms read in one batch); with looks, it makes one line of each look:
// records of one person at one booking through one kind of view within
// lookWindow of the line's first (the visitor's access log; the staff's
// and admins' trail keeps every record).
func (s *Service) describeAudit(ctx context.Context, page domain.Page[domain.AuditEntry], looks bool) (domain.Page[AccessEntry], error) {
	var k domain.Keys
	for _, e := range page.Items {
		k.Firms = append(k.Firms, e.FirmID)
		if id, ok := strings.CutPrefix(e.Actor, "lawyer:"); ok {
			k.Lawyers = append(k.Lawyers, id)
		}
	}
	got, err := s.store.Read(ctx, k)
	if err != nil {
		return domain.Page[AccessEntry]{}, err
	}
	out := domain.Page[AccessEntry]{Items: make([]AccessEntry, 0, len(page.Items)), NextCursor: page.NextCursor}
	last := map[string]int{} // person|booking|view → its line
	for _, e := range page.Items {
		role, _, _ := strings.Cut(e.Actor, ":")
		a := AccessEntry{AuditEntry: e, Role: role, Name: e.ActorName, Firm: got.Firms[e.FirmID].Name, View: viewOf(e.Route), Count: 1}
		if e.Actor == ActorVisitor {
			a.Firm = "" // the record's scope, not the viewer's firm
		}
		if id, ok := strings.CutPrefix(e.Actor, "lawyer:"); ok {
			a.Name = got.Lawyers[id].Name
		}
		a.Who = strings.Trim(a.Name+" · "+a.Firm, " ·")
		look := e.Actor + "|" + e.BookingID + "|" + a.View
		if i, ok := last[look]; ok && looks && e.At.Sub(out.Items[i].At).Abs() < lookWindow {
			out.Items[i].Count++
			out.Items[i].Fields = union(out.Items[i].Fields, e.Fields)
			continue
		}
		last[look] = len(out.Items)
		out.Items = append(out.Items, a)
	}
	return out, nil
}

// union is a with the names of b it lacks.
func union(a, b []string) []string {
	for _, x := range b {
		if !slices.Contains(a, x) {
			a = append(a, x)
		}
	}
	return a
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
	return s.describeAudit(ctx, page, false)
}
