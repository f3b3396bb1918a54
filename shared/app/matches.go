package app

import (
	"context"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// MatchCandidates is how many lawyers each area index is asked for: the
// soonest free in the question's city and the soonest free anywhere.
const MatchCandidates = 20

// FindMatches ranks the lawyers who practise the question's area (see
// domain.Rank) and records the match on the question — the funnel's
// matched step. Three rounds: the question; the two area-index queries
// at once; the record beside the listed lawyers' firms. The visitor only. lang ("zh" or "en") is the language of
// the reasons. Returns EUnauthenticated, EForbidden, ENotFound (also for an
// erased question).
func (s *Service) FindMatches(ctx context.Context, id, token, lang string) ([]domain.Match, error) {
	q, err := s.visitorQuestion(ctx, id, token)
	if err != nil {
		return nil, err
	}
	if q.Erased() {
		return nil, domain.Errorf(domain.ENotFound, "the question was erased")
	}
	now := s.Now()
	candidates, err := s.store.FindMatchCandidates(ctx, q.Area, q.City, MatchCandidates, now)
	if err != nil {
		return nil, err
	}
	matches := domain.Rank(q.Area, q.City, candidates, nil, now, lang, q.ID)
	// The ranking needs no firm: record it while the listed lawyers'
	// firms are read.
	ids := make([]string, len(matches))
	for i, m := range matches {
		ids[i] = m.Lawyer.FirmID
	}
	var firms map[string]domain.Firm
	err = together(
		func() error { return s.store.RecordMatch(ctx, q, matches, candidates, now) },
		func() (err error) { firms, err = s.store.FindFirmsByIDs(ctx, ids); return err })
	if err != nil {
		return nil, err
	}
	for i := range matches {
		if f, ok := firms[matches[i].Lawyer.FirmID]; ok {
			c := f.Contact()
			matches[i].Lawyer.Firm = &c
		}
	}
	return matches, nil
}

// SweepNextSlots mends the next open slot of lawyers whose next slot began
// unbooked, and returns how many it mended (the sweeper's job).
func (s *Service) SweepNextSlots(ctx context.Context) (int, error) {
	return s.store.RefreshStaleNextSlots(ctx, s.Now())
}
