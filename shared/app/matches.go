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
// matched step. The visitor only. lang ("zh" or "en") is the language of
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
	candidates, err := s.store.FindMatchCandidates(ctx, q.Area, q.City, MatchCandidates)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(candidates))
	for i, c := range candidates {
		ids[i] = c.Lawyer.FirmID
	}
	firms, err := s.store.FindFirmsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	contacts := make(map[string]domain.FirmContact, len(firms))
	for id, f := range firms {
		contacts[id] = f.Contact()
	}
	now := s.Now()
	matches := domain.Rank(q.Area, q.City, candidates, contacts, now, lang, q.ID)
	if err := s.store.RecordMatch(ctx, q, matches, candidates, now); err != nil {
		return nil, err
	}
	return matches, nil
}

// SweepNextSlots mends the next open slot of lawyers whose next slot began
// unbooked, and returns how many it mended (the sweeper's job).
func (s *Service) SweepNextSlots(ctx context.Context) (int, error) {
	return s.store.RefreshStaleNextSlots(ctx)
}
