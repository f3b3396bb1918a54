package domain

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC) // 10:00 in Shanghai

// lawyer returns an active family lawyer in 南京 with a slot in `in` (none
// when in is 0) who helped nobody.
func lawyer(id string, in time.Duration) Lawyer {
	l := Lawyer{ID: id, FirmID: "f", Name: id, Areas: []string{"family"}, City: "南京", TimeZone: "Asia/Shanghai", Active: true}
	if in > 0 {
		l.NextOpenSlot = &Slot{LawyerID: id, Start: now.Add(in), Minutes: 30, Status: SlotOpen}
	}
	return l
}

func cand(l Lawyer, load float64) Candidate {
	return Candidate{Lawyer: l, LoadByDay: map[string]float64{now.Format(time.DateOnly): load}}
}

func order(ms []Match) string {
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.Lawyer.ID
	}
	return strings.Join(ids, ",")
}

// rank ranks for ten questions and returns the order they agree on, or
// "disagree": a rule must decide the order, not the tie-break.
func rank(city string, cs ...Candidate) string {
	got := ""
	for q := 0; q < 10; q++ {
		o := order(Rank("family", city, cs, nil, now, "zh", fmt.Sprintf("q%d", q), ""))
		if got != "" && o != got {
			return "disagree"
		}
		got = o
	}
	return got
}

// Each rule has a case that fails when the rule is removed.
func TestRankRules(t *testing.T) {
	day := 24 * time.Hour
	t.Run("OpenSlotBeatsEverythingElse", func(t *testing.T) {
		noSlot := lawyer("A", 0)
		noSlot.HelpedCount = 500
		withSlot := lawyer("B", 13*day)
		withSlot.City = "上海"
		if got := (rank("南京", cand(noSlot, 0), cand(withSlot, 10))); got != "B,A" {
			t.Fatalf("order = %s, want B,A", got)
		}
	})
	t.Run("SlotBeyondHorizonIsNoSlot", func(t *testing.T) {
		far := lawyer("A", 15*day)
		far.HelpedCount = 100
		if got := (rank("", cand(far, 0), cand(lawyer("B", 13*day), 0))); got != "B,A" {
			t.Fatalf("order = %s, want B,A", got)
		}
		if ms := Rank("family", "", []Candidate{cand(far, 0)}, nil, now, "zh", "q", ""); ms[0].NextOpenSlot != nil {
			t.Fatal("a slot beyond 14 days is shown as the next open slot")
		}
	})
	t.Run("SameCityBeatsSoonerSlot", func(t *testing.T) {
		elsewhere := lawyer("A", time.Hour)
		elsewhere.City = "上海"
		if got := (rank("南京市", cand(elsewhere, 0), cand(lawyer("B", 13*day), 0))); got != "B,A" {
			t.Fatalf("order = %s, want B,A", got)
		}
	})
	t.Run("SoonerSlot", func(t *testing.T) {
		if got := (rank("南京", cand(lawyer("A", 3*day), 0), cand(lawyer("B", day), 0))); got != "B,A" {
			t.Fatalf("order = %s, want B,A", got)
		}
	})
	t.Run("HelpedCount", func(t *testing.T) {
		helped := lawyer("B", day)
		helped.HelpedCount = 40
		if got := (rank("南京", cand(lawyer("A", day), 0), cand(helped, 0))); got != "B,A" {
			t.Fatalf("order = %s, want B,A", got)
		}
	})
	t.Run("Fairness", func(t *testing.T) {
		if got := (rank("南京", cand(lawyer("A", day), 3), cand(lawyer("B", day), 0))); got != "B,A" {
			t.Fatalf("order = %s, want B,A", got)
		}
	})
	t.Run("InactiveOrOtherAreaNever", func(t *testing.T) {
		off := lawyer("A", day)
		off.Active = false
		other := lawyer("C", day)
		other.Areas = []string{"labor"}
		if got := (rank("南京", cand(off, 0), cand(lawyer("B", 2*day), 0), cand(other, 0))); got != "B" {
			t.Fatalf("order = %s, want B", got)
		}
	})
}

// Equal lawyers are ordered by a hash of question and lawyer: the same
// each time for one question, different across questions.
func TestRankTies(t *testing.T) {
	var cs []Candidate
	for i := 0; i < 4; i++ {
		cs = append(cs, cand(lawyer(fmt.Sprintf("L%d", i), 24*time.Hour), 0))
	}
	first := map[string]int{}
	for q := 0; q < 40; q++ {
		a := Rank("family", "南京", cs, nil, now, "zh", fmt.Sprintf("q%d", q), "")
		b := Rank("family", "南京", cs, nil, now, "zh", fmt.Sprintf("q%d", q), "")
		if order(a) != order(b) {
			t.Fatal("ranking is not deterministic")
		}
		if a[0].Score != a[3].Score {
			t.Fatalf("equal lawyers scored differently: %v", a)
		}
		first[a[0].Lawyer.ID]++
	}
	if len(first) < 3 {
		t.Fatalf("ties always go to the same lawyers: %v", first)
	}
}

func TestRankOutput(t *testing.T) {
	l := lawyer("A", 24*time.Hour) // tomorrow 10:00 Shanghai
	l.HelpedCount = 12
	firms := map[string]FirmContact{"f": {ID: "f", Name: "明德律师事务所", Phone: "025-83331234"}}
	zh := Rank("family", "南京", []Candidate{cand(l, 0)}, firms, now, "zh", "q", "")[0]
	if got := strings.Join(zh.Reasons, "|"); got != "擅长婚姻家庭|同在南京|最早可约明天10:00|已帮助 12 人" {
		t.Fatalf("zh reasons = %s", got)
	}
	en := Rank("family", "南京", []Candidate{cand(l, 0)}, firms, now, "en", "q", "")[0]
	if got := strings.Join(en.Reasons, "|"); got != "practises Family & divorce|in 南京|earliest opening tomorrow 10:00|helped 12 people" {
		t.Fatalf("en reasons = %s", got)
	}
	if zh.NextOpenSlot == nil || zh.NextOpenSlot.StartLocal != "2026-11-26T10:00:00+08:00" || zh.Lawyer.Firm == nil || zh.Lawyer.Firm.Phone != "025-83331234" {
		t.Fatalf("match = %+v", zh)
	}
	if zh.Score <= 0 || zh.Score > 1 {
		t.Fatalf("score = %v", zh.Score)
	}
	var many []Candidate
	for i := 0; i < 25; i++ {
		many = append(many, cand(lawyer(fmt.Sprint(i), time.Hour), 0))
	}
	if n := len(Rank("family", "南京", many, nil, now, "zh", "q", "")); n != MaxMatches {
		t.Fatalf("%d matches, want %d", n, MaxMatches)
	}
}

func TestLoadWindow(t *testing.T) {
	per := map[string]float64{"2026-11-25": 1, "2026-11-19": 2, "2026-11-18": 4, "2026-10-01": 8}
	if got := LoadOf(per, now); got != 3 {
		t.Fatalf("LoadOf = %v, want 3 (today and six days back)", got)
	}
	if got := strings.Join(StaleLoadDays(per, now), ","); got != "2026-10-01,2026-11-18" {
		t.Fatalf("StaleLoadDays = %s", got)
	}
	ms := []Match{{Lawyer: PublicLawyer{ID: "a"}}, {Lawyer: PublicLawyer{ID: "b"}}, {Lawyer: PublicLawyer{ID: "c"}}, {Lawyer: PublicLawyer{ID: "d"}}}
	if c := Credits(ms); len(c) != 3 || c["a"] != 1 || c["c"] != 0.25 {
		t.Fatalf("Credits = %v", c)
	}
}
