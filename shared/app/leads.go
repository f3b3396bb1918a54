package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// Lead scopes of GET /leads.
const (
	ScopeFirm       = "firm"       // the firm's leads
	ScopeUnassigned = "unassigned" // questions no firm has taken yet, in the firm's areas
)

// LeadQuery selects leads.
type LeadQuery struct {
	Scope    string
	Status   string
	Area     string
	LawyerID string
	From, To time.Time
	// Firm is whose leads an admin reads (staff always read their own).
	Firm   string
	Limit  int
	Cursor string
}

// LeadView is a lead on the staff's desk. The visitor's contact is full
// only on the firm's leads the visitor chose it for — its lawyer accepted
// their booking, or they accepted its offer — and each such view is in the
// audit log; elsewhere it is masked, and the title with it redacted. The
// unassigned pool shows no contact at all, and its title and body
// redacted.
type LeadView struct {
	QuestionID    string          `json:"questionId"`
	Title         string          `json:"title"`
	Body          string          `json:"body,omitempty"`
	Area          string          `json:"area"`
	City          string          `json:"city,omitempty"`
	Status        string          `json:"status"`
	CreatedAt     time.Time       `json:"createdAt"`
	LawyerID      string          `json:"lawyerId,omitempty"`
	BookingID     string          `json:"bookingId,omitempty"`
	AssignedTo    string          `json:"assignedTo,omitempty"`
	Offer         *domain.Offer   `json:"offer,omitempty"`
	Visitor       *domain.Contact `json:"visitor,omitempty"`
	ContactMasked bool            `json:"contactMasked"`
	Erased        bool            `json:"erased,omitempty"`
}

// leadDesk returns the firm whose desk the caller works: staff their own;
// admins the one they name. Returns EUnauthenticated, EForbidden.
func leadDesk(who auth.Identity, firm string) (string, bool, error) {
	if err := requireAuth(who); err != nil {
		return "", false, err
	}
	switch {
	case who.InGroup(auth.GroupStaff) && who.FirmID != "":
		return who.FirmID, false, nil
	case who.IsAdmin():
		return firm, true, nil
	}
	return "", false, domain.Errorf(domain.EForbidden, "the lead desk is for firm staff and admins")
}

func (q LeadQuery) check(admin bool, firm string) (LeadQuery, error) {
	f := domain.FieldErrors{}
	switch q.Scope {
	case "":
		q.Scope = ScopeFirm
	case ScopeFirm, ScopeUnassigned:
	default:
		f.Add("scope", domain.CodeChoice, "must be firm or unassigned")
	}
	if q.Status != "" && !slices.Contains(domain.LeadStates, q.Status) {
		f.Add("status", domain.CodeChoice, "must be one of "+strings.Join(domain.LeadStates, ", "))
	}
	q.Limit = listOf(&f, q.Area, q.Limit)
	if !q.From.IsZero() && !q.To.IsZero() && !q.To.After(q.From) {
		f.Add("to", domain.CodeOrder, "must be after from")
	}
	if admin && q.Scope == ScopeFirm && firm == "" {
		f.Add("firm", domain.CodeRequired, "admins name the firm whose leads to read")
	}
	return q, f.Err()
}

// Leads lists the caller's lead desk, newest first: the firm's leads, or
// the unassigned pool in the firm's areas (contact always masked there).
// Returns EUnauthenticated, EForbidden, EInvalid.
func (s *Service) Leads(ctx context.Context, who auth.Identity, q LeadQuery) (domain.Page[LeadView], error) {
	return s.leads(ctx, who, q, RouteLeads)
}

func (s *Service) leads(ctx context.Context, who auth.Identity, q LeadQuery, route string) (domain.Page[LeadView], error) {
	firm, admin, err := leadDesk(who, q.Firm)
	if err != nil {
		return domain.Page[LeadView]{}, err
	}
	if q, err = q.check(admin, firm); err != nil {
		return domain.Page[LeadView]{}, err
	}
	filter := domain.LeadFilter{FirmID: firm, Status: q.Status, Area: q.Area, LawyerID: q.LawyerID, From: q.From, To: q.To, Limit: q.Limit, Cursor: q.Cursor}
	if q.Scope == ScopeUnassigned {
		return s.unassigned(ctx, firm, filter)
	}
	page, err := s.store.FindLeads(ctx, filter)
	if err != nil {
		return domain.Page[LeadView]{}, err
	}
	views, err := s.leadViews(ctx, who, page.Items, admin, route)
	return domain.Page[LeadView]{Items: views, NextCursor: page.NextCursor}, err
}

// leadViews shows leads with their questions' titles, bodies and the
// visitors' contacts — full, with title and body as written, where the
// visitor chose the firm (domain.Lead.ContactAllowed) and the caller is
// its staff (written to the audit log first); masked, with title and body
// redacted, otherwise — and to admins, who operate the platform and are no
// party, without the body.
func (s *Service) leadViews(ctx context.Context, who auth.Identity, leads []domain.Lead, admin bool, route string) ([]LeadView, error) {
	ids := make([]string, len(leads))
	for i, l := range leads {
		ids[i] = l.QuestionID
	}
	questions, err := s.store.FindQuestionsByIDs(ctx, ids, s.Now())
	if err != nil {
		return nil, err
	}
	out := make([]LeadView, 0, len(leads))
	var reveals []reveal
	for _, l := range leads {
		qq := questions[l.QuestionID]
		full := l.ContactAllowed() && !admin
		v := LeadView{QuestionID: l.QuestionID, Title: qq.RedactedTitle(), Area: l.Area, City: l.City, Status: l.Status, CreatedAt: l.CreatedAt,
			LawyerID: l.LawyerID, BookingID: l.BookingID, AssignedTo: l.AssignedTo, Offer: l.Offer, ContactMasked: !full, Erased: qq.Erased()}
		if c := qq.Contact(); c.Phone != "" {
			if !admin {
				v.Body = qq.RedactedBody()
			}
			if full {
				v.Title, v.Body = qq.Title, qq.Body
				reveals = append(reveals, reveal{questionID: l.QuestionID, bookingID: l.BookingID, fields: qq.RevealFields()})
			} else {
				c = c.Masked()
			}
			v.Visitor = &c
		}
		out = append(out, v)
	}
	if err := s.audit(ctx, who, route, reveals); err != nil {
		return nil, err
	}
	return out, nil
}

// unassigned lists the pool of questions no firm has taken, in the areas
// the firm's lawyers practise (all areas for an admin without a firm):
// title and body with personal data redacted, never the contact; with the
// firm's own offer on each, when it made one.
func (s *Service) unassigned(ctx context.Context, firm string, f domain.LeadFilter) (domain.Page[LeadView], error) {
	var areas []string
	if firm != "" {
		lawyers, err := s.store.FindFirmLawyers(ctx, firm)
		if err != nil {
			return domain.Page[LeadView]{}, err
		}
		set := map[string]bool{}
		for _, l := range lawyers {
			for _, a := range l.Areas {
				set[a] = true
			}
		}
		for a := range set {
			if f.Area == "" || f.Area == a {
				areas = append(areas, a)
			}
		}
		sort.Strings(areas)
		if len(areas) == 0 {
			return domain.Page[LeadView]{Items: []LeadView{}}, nil
		}
	} else if f.Area != "" {
		areas = []string{f.Area}
	}
	page, err := s.store.FindOpenQuestions(ctx, areas, f)
	if err != nil {
		return domain.Page[LeadView]{}, err
	}
	ids := make([]string, len(page.Items))
	for i, q := range page.Items {
		ids[i] = q.ID
	}
	full, err := s.store.FindQuestionsByIDs(ctx, ids, s.Now())
	if err != nil {
		return domain.Page[LeadView]{}, err
	}
	var own map[string]domain.Lead
	if firm != "" {
		if own, err = s.store.FindLeadsOf(ctx, firm, ids); err != nil {
			return domain.Page[LeadView]{}, err
		}
	}
	out := domain.Page[LeadView]{Items: make([]LeadView, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, q := range page.Items {
		if fq, ok := full[q.ID]; ok {
			q = fq
		}
		v := LeadView{QuestionID: q.ID, Title: q.RedactedTitle(), Body: q.RedactedBody(), Area: q.Area,
			City: q.City, Status: q.Status, CreatedAt: q.CreatedAt, ContactMasked: true}
		if l, ok := own[q.ID]; ok {
			// The firm's own offer (or lead) on it, so the desk shows what it did.
			v.Offer, v.LawyerID, v.AssignedTo = l.Offer, l.LawyerID, l.AssignedTo
		}
		out.Items = append(out.Items, v)
	}
	return out, nil
}

// MaxCSVRows bounds one CSV export.
const MaxCSVRows = 5000

// LeadsCSV renders the leads of q as CSV for Excel: UTF-8 with a BOM, and
// cells that a spreadsheet would read as a formula (=, +, -, @, tab,
// carriage return first) neutralised by a leading apostrophe. Every full
// contact in it is in the audit log. Returns what Leads returns.
func (s *Service) LeadsCSV(ctx context.Context, who auth.Identity, q LeadQuery) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write([]string{"question", "submitted", "area", "city", "status", "title", "lawyer", "assigned to", "name", "phone", "email", "contact"})
	q.Limit, q.Cursor = MaxLimit, ""
	rows := 0
	for {
		page, err := s.leads(ctx, who, q, RouteLeadsCSV)
		if err != nil {
			return nil, err
		}
		for _, l := range page.Items {
			var c domain.Contact
			if l.Visitor != nil {
				c = *l.Visitor
			}
			state := "full"
			switch {
			case l.Erased:
				state = "erased"
			case l.Visitor == nil:
				state = "expired"
			case l.ContactMasked:
				state = "masked"
			}
			a, _ := domain.AreaByCode(l.Area)
			_ = w.Write(cells(l.QuestionID, l.CreatedAt.Format(time.RFC3339), a.ZH+" "+a.EN, l.City, l.Status, l.Title,
				l.LawyerID, l.AssignedTo, c.Name, c.Phone, c.Email, state))
			rows++
		}
		if page.NextCursor == "" || rows >= MaxCSVRows {
			break
		}
		q.Cursor = page.NextCursor
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// cells neutralises spreadsheet formulas (CSV injection).
func cells(vals ...string) []string {
	for i, v := range vals {
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			vals[i] = "'" + v
		}
	}
	return vals
}

// AssignLead gives a question to one of the staff's lawyers. On the
// firm's own lead it names the lawyer who works it. On a question of the
// unassigned pool it makes the firm's offer: the visitor is told and
// accepts or declines (AnswerOffer); the firm sees no contact until they
// accept. Assigning never reveals a contact. Staff only. Returns
// EUnauthenticated, EForbidden, ENotFound, EInvalid (a lawyer not of the
// firm or not practising the area), EConflict (another firm took the
// question, or the visitor declined the firm's offer).
func (s *Service) AssignLead(ctx context.Context, who auth.Identity, questionID, lawyerID string) (LeadView, error) {
	if err := requireAuth(who); err != nil {
		return LeadView{}, err
	}
	if !who.InGroup(auth.GroupStaff) || who.FirmID == "" {
		return LeadView{}, domain.Errorf(domain.EForbidden, "only firm staff assign leads")
	}
	l, err := s.store.FindLawyerByID(ctx, lawyerID)
	switch {
	case domain.ErrorCode(err) == domain.ENotFound || (err == nil && (!l.Active || l.FirmID != who.FirmID)):
		return LeadView{}, domain.Invalid("lawyerId", domain.CodeNotFound, "assign to an active lawyer of your firm", "is not an active lawyer of your firm")
	case err != nil:
		return LeadView{}, err
	}
	var lead domain.Lead
	err = retryStale(ctx, func() error {
		now := s.Now().UTC()
		q, err := s.store.FindQuestionByID(ctx, questionID, now)
		if err != nil {
			return err
		}
		var offer bool
		if lead, offer, err = decideAssign(q, who.FirmID, l, now); err != nil {
			return err
		}
		if offer {
			return s.store.MakeOffer(ctx, q, lead)
		}
		return s.store.ReassignLead(ctx, lead, l.ID, now)
	})
	if err != nil {
		return LeadView{}, err
	}
	views, err := s.leadViews(ctx, who, []domain.Lead{lead}, false, RouteAssign)
	if err != nil {
		return LeadView{}, err
	}
	return views[0], nil
}

// decideAssign decides what assigning question q to lawyer l of firm
// means and returns the lead as it will be: on the firm's lead, l named
// as the lawyer who works it; on a question the firm has no lead of, a
// new offer made now (offer true). Returns ENotFound (erased), EInvalid
// (l does not practise the area), EConflict (the visitor declined the
// firm's offer).
func decideAssign(q domain.Question, firm string, l domain.Lawyer, now time.Time) (lead domain.Lead, offer bool, err error) {
	if q.Erased() {
		return domain.Lead{}, false, domain.Errorf(domain.ENotFound, "the question was erased")
	}
	if !l.Practises(q.Area) {
		return domain.Lead{}, false, domain.Invalid("lawyerId", domain.CodeNotPractised, "the lawyer does not practise the question's area", "does not practise "+q.Area)
	}
	lead, ok := q.LeadOf(firm)
	switch {
	case !ok && q.LeadFirm != "" && q.LeadFirm != firm:
		return domain.Lead{}, false, domain.Errorf(domain.EConflict, "another firm has taken this question")
	case !ok:
		return domain.Lead{FirmID: firm, QuestionID: q.ID, Area: q.Area, City: q.City, Status: domain.LeadOffered, LawyerID: l.ID,
			AssignedTo: l.ID, CreatedAt: q.CreatedAt, UpdatedAt: now,
			Offer: &domain.Offer{ID: domain.NewID(), LawyerID: l.ID, Status: domain.OfferWaiting, CreatedAt: now}}, true, nil
	case lead.Offer != nil && lead.Offer.Status == domain.OfferDeclined && lead.BookingID == "":
		return domain.Lead{}, false, domain.Errorf(domain.EConflict, "the visitor declined your firm's offer on this question")
	}
	lead.AssignedTo, lead.UpdatedAt = l.ID, now
	if lead.Offer != nil && lead.Offer.Status == domain.OfferWaiting {
		lead.Offer.LawyerID = l.ID
	}
	return lead, false, nil
}

// Funnel is the answer of GET /leads/stats.
type Funnel struct {
	From   string         `json:"from"`
	To     string         `json:"to"`
	Firm   string         `json:"firmId,omitempty"`
	Total  map[string]int `json:"total"`
	ByArea []AreaFunnel   `json:"byArea"`
}

// AreaFunnel is the funnel of one practice area.
type AreaFunnel struct {
	Area   string         `json:"area"`
	Counts map[string]int `json:"counts"`
}

// Stats returns the funnel — submitted, matched, booked, confirmed,
// completed, and beside completed the no-shows — for the UTC days from..to, overall and per area, from the
// counters the writes keep (no scan). Staff get their firm's funnel, in
// which a question counts as submitted (and matched) when it becomes the
// firm's lead; admins get the platform's, or a firm's. A zero from or to
// means not given — to is then today, from 29 days before to — and the
// range limits hold for every range that results; the API refuses a given
// date before 1970, so a given date never reads as zero. Returns
// EUnauthenticated, EForbidden, EInvalid.
func (s *Service) Stats(ctx context.Context, who auth.Identity, firm string, from, to time.Time) (Funnel, error) {
	desk, admin, err := leadDesk(who, firm)
	if err != nil {
		return Funnel{}, err
	}
	if !admin {
		firm = desk
	}
	now := s.Now().UTC()
	if to.IsZero() {
		to = now
	}
	if from.IsZero() {
		from = to.AddDate(0, 0, -29)
	}
	f := domain.FieldErrors{}
	switch {
	case to.Before(from):
		f.Add("to", domain.CodeOrder, "must not be before from")
	case to.Sub(from) > 366*24*time.Hour:
		f.Add("from", domain.CodeOrder, "the range may span at most a year")
	}
	if err := f.Err(); err != nil {
		return Funnel{}, err
	}
	rows, err := s.store.FindStats(ctx, firm, from, to)
	if err != nil {
		return Funnel{}, err
	}
	out := Funnel{From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), Firm: firm, Total: zeroCounts()}
	byArea := map[string]map[string]int{}
	for _, r := range rows {
		if byArea[r.Area] == nil {
			byArea[r.Area] = zeroCounts()
		}
		for step, n := range r.Counts {
			byArea[r.Area][step] += n
			out.Total[step] += n
		}
	}
	for _, a := range domain.Areas {
		if c, ok := byArea[a.Code]; ok {
			out.ByArea = append(out.ByArea, AreaFunnel{Area: a.Code, Counts: c})
		}
	}
	if out.ByArea == nil {
		out.ByArea = []AreaFunnel{}
	}
	return out, nil
}

func zeroCounts() map[string]int {
	m := map[string]int{}
	for _, s := range domain.FunnelCounters {
		m[s] = 0
	}
	return m
}
