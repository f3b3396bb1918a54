package app

import (
	"context"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// Pagination bounds (API.md).
const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// requireAuth returns EUnauthenticated for an anonymous caller.
func requireAuth(who auth.Identity) error {
	if !who.Authenticated() {
		return domain.Errorf(domain.EUnauthenticated, "sign in first: this needs a bearer token")
	}
	return nil
}

// CreateFirm creates a firm. Admins only. Returns EUnauthenticated,
// EForbidden, EInvalid.
func (s *Service) CreateFirm(ctx context.Context, who auth.Identity, in domain.FirmInput) (domain.Firm, error) {
	if err := requireAuth(who); err != nil {
		return domain.Firm{}, err
	}
	if !who.IsAdmin() {
		return domain.Firm{}, domain.Errorf(domain.EForbidden, "only platform admins may create firms")
	}
	if err := in.Validate(); err != nil {
		return domain.Firm{}, err
	}
	f := domain.Firm{ID: domain.NewID(), Name: in.Name, Phone: in.Phone, Website: in.Website, City: in.City,
		Slogan: in.Slogan, CreatedAt: s.Now().UTC().Truncate(time.Millisecond)}
	return f, s.store.CreateFirm(ctx, f)
}

// FindFirm returns a firm's public contact block. Returns ENotFound.
func (s *Service) FindFirm(ctx context.Context, id string) (domain.FirmContact, error) {
	f, err := s.store.FindFirmByID(ctx, id)
	return f.Contact(), err
}

// CreateLawyer adds a lawyer to a firm. Admins and the firm's staff only.
// Returns EUnauthenticated, EForbidden, EInvalid (also for an unknown firm),
// EConflict (licence number already registered).
func (s *Service) CreateLawyer(ctx context.Context, who auth.Identity, in domain.LawyerInput) (domain.NewLawyer, error) {
	if err := requireAuth(who); err != nil {
		return domain.NewLawyer{}, err
	}
	if err := in.Validate(); err != nil {
		return domain.NewLawyer{}, err
	}
	if !who.IsAdmin() && !who.IsStaffOf(in.FirmID) {
		return domain.NewLawyer{}, domain.Errorf(domain.EForbidden, "only admins and the firm's staff may add its lawyers")
	}
	l := domain.Lawyer{
		ID: domain.NewID(), FirmID: in.FirmID, Name: in.Name, Areas: in.Areas, City: in.City,
		Languages: in.Languages, Bio: in.Bio, LicenseNo: in.LicenseNo,
		TimeZone: in.TimeZone, Active: true, CreatedAt: s.Now().UTC().Truncate(time.Millisecond),
	}
	c := domain.Contact{Name: in.Name, Phone: in.Phone, Email: in.Email}
	return domain.NewLawyer{Lawyer: l, Phone: c.Phone, Email: c.Email}, s.store.CreateLawyer(ctx, l, c)
}

// LawyerQuery is the filter of the public directory.
type LawyerQuery struct {
	Area string
	City string
	// Firm lists the firm's active lawyers (all of them, in one page).
	Firm   string
	Limit  int
	Cursor string
}

// FindLawyers lists the public directory with each lawyer's firm contact
// block. Returns EInvalid for an unknown area or a bad cursor or limit.
func (s *Service) FindLawyers(ctx context.Context, q LawyerQuery) (domain.Page[domain.PublicLawyer], error) {
	f := domain.FieldErrors{}
	limit := listOf(&f, q.Area, q.Limit)
	if utf8.RuneCountInString(q.City) > domain.CityMaxRunes || strings.Contains(q.City, "#") {
		f.Add("city", domain.CodeFormat, "is not a city name")
	}
	if err := f.Err(); err != nil {
		return domain.Page[domain.PublicLawyer]{}, err
	}
	if q.Firm != "" {
		lawyers, err := s.store.FindFirmLawyers(ctx, q.Firm)
		if err != nil {
			return domain.Page[domain.PublicLawyer]{}, err
		}
		var keep []domain.Lawyer
		for _, l := range lawyers {
			if (q.Area == "" || l.Practises(q.Area)) && (q.City == "" || domain.CityKey(l.City) == domain.CityKey(q.City)) {
				keep = append(keep, l)
			}
		}
		sort.Slice(keep, func(i, j int) bool { return keep[i].Name < keep[j].Name })
		return s.publicLawyers(ctx, domain.Page[domain.Lawyer]{Items: keep})
	}
	page, err := s.store.FindLawyers(ctx, domain.LawyerFilter{Area: q.Area, City: q.City, Limit: limit, Cursor: q.Cursor})
	if err != nil {
		return domain.Page[domain.PublicLawyer]{}, err
	}
	return s.publicLawyers(ctx, page)
}

func (s *Service) publicLawyers(ctx context.Context, page domain.Page[domain.Lawyer]) (domain.Page[domain.PublicLawyer], error) {
	ids := make([]string, len(page.Items))
	for i, l := range page.Items {
		ids[i] = l.FirmID
	}
	firms, err := s.store.FindFirmsByIDs(ctx, ids)
	if err != nil {
		return domain.Page[domain.PublicLawyer]{}, err
	}
	out := domain.Page[domain.PublicLawyer]{Items: make([]domain.PublicLawyer, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, l := range page.Items {
		var fc *domain.FirmContact
		if f, ok := firms[l.FirmID]; ok {
			c := f.Contact()
			fc = &c
		}
		out.Items = append(out.Items, l.Public(fc))
	}
	return out, nil
}

// listOf checks the area filter and page size of a list and returns the
// page size.
func listOf(f *domain.FieldErrors, area string, limit int) int {
	if area != "" && !domain.IsArea(area) {
		f.Add("area", domain.CodeUnknown, "unknown practice area (see GET /practice-areas)")
	}
	return limitOf(f, limit)
}

// limitOf checks a page size, 0 meaning the default.
func limitOf(f *domain.FieldErrors, limit int) int {
	switch {
	case limit == 0:
		return DefaultLimit
	case limit < 1 || limit > MaxLimit:
		f.Add("limit", domain.CodeRange, "must be between 1 and 100")
	}
	return limit
}

// UpdateLawyer changes a lawyer's bio, languages or active flag. The
// lawyer may change bio and languages; admins and the firm's staff may
// change everything. Returns EUnauthenticated, EForbidden, ENotFound,
// EInvalid.
func (s *Service) UpdateLawyer(ctx context.Context, who auth.Identity, id string, p domain.LawyerPatch) (domain.PublicLawyer, error) {
	if err := requireAuth(who); err != nil {
		return domain.PublicLawyer{}, err
	}
	l, err := s.store.FindLawyerByID(ctx, id)
	if err != nil {
		return domain.PublicLawyer{}, err
	}
	manager := who.IsAdmin() || who.IsStaffOf(l.FirmID)
	switch {
	case !manager && !who.IsLawyer(l.ID):
		return domain.PublicLawyer{}, domain.Errorf(domain.EForbidden, "only the lawyer, the firm's staff and admins may change this profile")
	case !manager && p.Active != nil:
		return domain.PublicLawyer{}, domain.Errorf(domain.EForbidden, "only the firm's staff and admins may activate or deactivate a lawyer")
	}
	if err := p.Validate(); err != nil {
		return domain.PublicLawyer{}, err
	}
	l, err = s.store.UpdateLawyer(ctx, id, p.Apply)
	if err != nil {
		return domain.PublicLawyer{}, err
	}
	return l.Public(nil), nil
}
