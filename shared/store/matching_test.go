package store_test

import (
	"testing"
	"time"

	"github.com/lawdesk/lawdesk/shared/domain"
)

func ids(cs []domain.Candidate) map[string]domain.Candidate {
	m := map[string]domain.Candidate{}
	for _, c := range cs {
		m[c.Lawyer.ID] = c
	}
	return m
}

func TestMatchCandidates(t *testing.T) {
	s := MustStore(t)
	f := MustFirm(t, s, "南京")
	base := time.Now().UTC().Add(time.Hour).Truncate(time.Hour)
	a := MustLawyer(t, s, f.ID, "南京", "family")
	b := MustLawyer(t, s, f.ID, "南京市", "family", "debt")
	c := MustLawyer(t, s, f.ID, "上海", "family")
	d := MustLawyer(t, s, f.ID, "南京", "family") // no slots
	e := MustLawyer(t, s, f.ID, "南京", "labor")  // another area
	off := MustLawyer(t, s, f.ID, "南京", "family")
	for l, at := range map[string]time.Time{a.ID: base.Add(48 * time.Hour), b.ID: base.Add(24 * time.Hour), c.ID: base, e.ID: base, off.ID: base} {
		if err := s.PublishSlots(ctx, l, []domain.Slot{slot(at, 30)}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.UpdateLawyer(ctx, off.ID, func(l domain.Lawyer) domain.Lawyer { l.Active = false; return l }); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindMatchCandidates(ctx, "family", "南京", 10, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	m := ids(got)
	if len(m) != 4 || m[a.ID].Lawyer.ID == "" || m[b.ID].Lawyer.ID == "" || m[c.ID].Lawyer.ID == "" || m[d.ID].Lawyer.ID == "" {
		t.Fatalf("candidates = %v, want a, b, c, d", m)
	}
	if n := m[b.ID].Lawyer.NextOpenSlot; n == nil || !n.Start.Equal(base.Add(24*time.Hour)) || n.Minutes != 30 {
		t.Fatalf("b's next open slot = %+v", n)
	}
	if m[d.ID].Lawyer.NextOpenSlot != nil {
		t.Fatal("d has no slot but a next open slot")
	}
	// The city query returns the city's lawyers soonest first, those without a slot last.
	if got[0].Lawyer.ID != b.ID || got[1].Lawyer.ID != a.ID || got[2].Lawyer.ID != d.ID {
		t.Fatalf("city order = %s %s %s, want b a d", got[0].Lawyer.ID, got[1].Lawyer.ID, got[2].Lawyer.ID)
	}
	t.Run("SoonerSlotMovesUp", func(t *testing.T) {
		if err := s.PublishSlots(ctx, a.ID, []domain.Slot{slot(base.Add(2*time.Hour), 30)}, time.Now()); err != nil {
			t.Fatal(err)
		}
		got, _ := s.FindMatchCandidates(ctx, "family", "南京", 1, time.Now())
		if got[0].Lawyer.ID != a.ID {
			t.Fatalf("first = %s, want a", got[0].Lawyer.ID)
		}
		// A later slot does not change the next open slot.
		if err := s.PublishSlots(ctx, a.ID, []domain.Slot{slot(base.Add(100*time.Hour), 30)}, time.Now()); err != nil {
			t.Fatal(err)
		}
		l, _ := s.FindLawyerByID(ctx, a.ID)
		if !l.NextOpenSlot.Start.Equal(base.Add(2 * time.Hour)) {
			t.Fatalf("a's next = %v", l.NextOpenSlot.Start)
		}
	})
	t.Run("InactiveAndBackAgain", func(t *testing.T) {
		if _, err := s.UpdateLawyer(ctx, off.ID, func(l domain.Lawyer) domain.Lawyer { l.Active = true; return l }); err != nil {
			t.Fatal(err)
		}
		got, _ := s.FindMatchCandidates(ctx, "family", "", 10, time.Now())
		if _, ok := ids(got)[off.ID]; !ok {
			t.Fatal("reactivated lawyer not matched")
		}
		page, _ := s.FindLawyers(ctx, domain.LawyerFilter{Area: "family", City: "南京", Limit: 20})
		if len(page.Items) != 4 {
			t.Fatalf("area list has %d lawyers, want 4", len(page.Items))
		}
	})
	t.Run("StaleNextSlot", func(t *testing.T) {
		// Two days on, b's only slot has begun unbooked: b is not matched
		// on a next slot in the past, and the sweep mends it to "none".
		later := base.Add(50 * time.Hour)
		got, _ := s.FindMatchCandidates(ctx, "family", "南京", 10, later)
		if _, ok := ids(got)[b.ID]; ok {
			t.Fatal("b matched on a next slot in the past")
		}
		n, err := s.RefreshStaleNextSlots(ctx, later)
		if err != nil || n < 2 {
			t.Fatalf("refreshed %d, %v", n, err)
		}
		got, _ = s.FindMatchCandidates(ctx, "family", "南京", 10, later)
		c, ok := ids(got)[b.ID]
		if !ok || c.Lawyer.NextOpenSlot != nil {
			t.Fatalf("b after the sweep = %+v (found %v)", c.Lawyer.NextOpenSlot, ok)
		}
		// a still has a later slot: the sweep found it.
		if l, _ := s.FindLawyerByID(ctx, a.ID); l.NextOpenSlot == nil || !l.NextOpenSlot.Start.Equal(base.Add(100*time.Hour)) {
			t.Fatalf("a after the sweep = %+v", l.NextOpenSlot)
		}
	})
}

func TestRecordMatch(t *testing.T) {
	s := MustStore(t)
	f := MustFirm(t, s, "南京")
	MustLawyer(t, s, f.ID, "南京", "family")
	MustLawyer(t, s, f.ID, "南京", "family")
	q := question(false, "family")
	if err := s.CreateQuestion(ctx, q, nil); err != nil {
		t.Fatal(err)
	}
	cands, _ := s.FindMatchCandidates(ctx, "family", "南京", 10, time.Now())
	now := time.Now()
	matches := domain.Rank("family", "南京", cands, nil, now, "zh", q.ID, "")
	if err := s.RecordMatch(ctx, q, matches, cands, now); err != nil {
		t.Fatal(err)
	}
	got, _ := s.FindQuestionByID(ctx, q.ID, time.Now())
	if got.Status != domain.QuestionMatched || len(got.Matches) != 2 || got.Matches[0].LawyerID != matches[0].Lawyer.ID || got.MatchedAt == nil {
		t.Fatalf("question after match = %+v", got)
	}
	load := func() map[string]float64 {
		out := map[string]float64{}
		cs, _ := s.FindMatchCandidates(ctx, "family", "南京", 10, time.Now())
		for _, c := range cs {
			out[c.Lawyer.ID] = domain.LoadOf(c.LoadByDay, time.Now())
		}
		return out
	}
	first, second := matches[0].Lawyer.ID, matches[1].Lawyer.ID
	if l := load(); l[first] != 1 || l[second] != 0.5 {
		t.Fatalf("load after first match = %v (first %s)", l, first)
	}
	// Matching again re-records the list but credits nobody twice.
	if err := s.RecordMatch(ctx, got, matches, cands, now); err != nil {
		t.Fatal(err)
	}
	if l := load(); l[first] != 1 || l[second] != 0.5 {
		t.Fatalf("load after second match = %v", l)
	}
	t.Run("StaleLoadDropped", func(t *testing.T) {
		q2 := question(false, "family")
		if err := s.CreateQuestion(ctx, q2, nil); err != nil {
			t.Fatal(err)
		}
		later := now.AddDate(0, 0, 10)
		cands, _ := s.FindMatchCandidates(ctx, "family", "南京", 10, time.Now())
		ms := domain.Rank("family", "南京", cands, nil, later, "zh", q2.ID, "")
		if err := s.RecordMatch(ctx, q2, ms, cands, later); err != nil {
			t.Fatal(err)
		}
		cands, _ = s.FindMatchCandidates(ctx, "family", "南京", 10, time.Now())
		for _, c := range cands {
			if c.Lawyer.ID == ms[0].Lawyer.ID && (len(c.LoadByDay) != 1 || c.LoadByDay[later.UTC().Format(time.DateOnly)] != 1) {
				t.Fatalf("load of the credited lawyer = %v: the stale day should be gone", c.LoadByDay)
			}
		}
	})
}
