package app

import (
	"context"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// MatchCandidates is how many lawyers each area index is asked for: the
// soonest free in the question's city and the soonest free anywhere.
const MatchCandidates = 20

// Matches is the answer of GET /questions/{id}/matches.
type Matches struct {
	Items []domain.Match `json:"items"`
	// OtherAreas are the router's next areas for the question, for a
	// visitor who finds too few lawyers in the one chosen.
	OtherAreas []domain.AreaScore `json:"otherAreas"`
	// InCity is how many of the items work in the question's city.
	InCity int `json:"inCity"`
}

// FindMatches ranks the lawyers who practise the question's area (see
// domain.Rank) and records the match on the question — the funnel's
// matched step. Three rounds: the question; the two area-index queries
// at once; the record beside the listed lawyers' firms. The visitor only.
// lang ("zh" or "en") is the language of the reasons, tz the viewer's
// time zone ("" for each lawyer's). Returns EUnauthenticated, EForbidden,
// ENotFound (also for an erased question), EInvalid (tz).
func (s *Service) FindMatches(ctx context.Context, id, token, lang, tz string) (Matches, error) {
	if tz != "" {
		if _, err := domain.LoadLocation(tz); err != nil {
			return Matches{}, domain.Invalid("tz", domain.CodeFormat, "unknown time zone", "must be an IANA time zone like Asia/Shanghai")
		}
	}
	q, err := s.visitorQuestion(ctx, id, token)
	if err != nil {
		return Matches{}, err
	}
	if q.Erased() {
		return Matches{}, domain.Errorf(domain.ENotFound, "the question was erased")
	}
	now := s.Now()
	candidates, err := s.store.FindMatchCandidates(ctx, q.Area, q.City, MatchCandidates, now)
	if err != nil {
		return Matches{}, err
	}
	out := Matches{Items: domain.Rank(q.Area, q.City, candidates, nil, now, lang, q.ID, tz), OtherAreas: []domain.AreaScore{}}
	for _, c := range q.AreaCandidates {
		if c.Area != q.Area && c.Score >= minOtherArea && len(out.OtherAreas) < 3 {
			out.OtherAreas = append(out.OtherAreas, c)
		}
	}
	// The ranking needs no firm: record it while the listed lawyers'
	// firms are read.
	ids := make([]string, len(out.Items))
	for i, m := range out.Items {
		ids[i] = m.Lawyer.FirmID
		if m.SameCity {
			out.InCity++
		}
	}
	var firms map[string]domain.Firm
	err = together(
		func() error { return s.store.RecordMatch(ctx, q, out.Items, candidates, now) },
		func() (err error) { firms, err = s.store.FindFirmsByIDs(ctx, ids); return err })
	if err != nil {
		return Matches{}, err
	}
	for i := range out.Items {
		if f, ok := firms[out.Items[i].Lawyer.FirmID]; ok {
			c := f.Contact()
			out.Items[i].Lawyer.Firm = &c
		}
	}
	return out, nil
}

// minOtherArea is the router's least score for an area to be offered as
// another place to look.
const minOtherArea = 0.05

// SweepNextSlots mends the next open slot of lawyers whose next slot began
// unbooked, and returns how many it mended (the sweeper's job).
func (s *Service) SweepNextSlots(ctx context.Context) (int, error) {
	return s.store.RefreshStaleNextSlots(ctx, s.Now())
}
