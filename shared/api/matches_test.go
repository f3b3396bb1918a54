package api_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/app"
)

// publish gives lawyer one 30-minute slot starting in `in`.
func (e *env) publish(lawyer, firm string, in time.Duration) string {
	e.t.Helper()
	start := time.Now().Add(in).Truncate(time.Minute).Format(time.RFC3339)
	e.do(req{method: "POST", path: "/lawyers/" + lawyer + "/slots", token: e.staff(firm),
		body: map[string]any{"slots": []map[string]any{{"start": start, "minutes": 30}}}}).want(e.t, 201)
	return start
}

func TestMatches(t *testing.T) {
	e := newEnv(t, nil)
	firm := e.mustFirm("南京")
	near := e.mustLawyer(firm, "南京", "family")
	far := e.mustLawyer(firm, "上海", "family")
	idle := e.mustLawyer(firm, "南京", "family")
	off := e.mustLawyer(firm, "南京", "family")
	e.mustLawyer(firm, "南京", "labor")
	e.publish(near, firm, 26*time.Hour)
	e.publish(far, firm, 2*time.Hour)
	e.publish(off, firm, time.Hour)
	e.do(req{method: "PATCH", path: "/lawyers/" + off, token: e.staff(firm), body: map[string]any{"active": false}}).want(t, 200)
	id, tok := e.mustQuestion(map[string]any{"title": "男朋友分手要我退彩礼", "body": "", "city": "南京市"})
	path := "/questions/" + id + "/matches"
	t.Run("ErrAccess", func(t *testing.T) {
		e.do(req{method: "GET", path: path}).want(t, 401, "unauthenticated")
		_, other := e.mustQuestion(nil)
		e.do(req{method: "GET", path: path, visitor: other}).want(t, 403, "forbidden")
		e.do(req{method: "GET", path: "/questions/01NOPE/matches", visitor: tok}).want(t, 404, "not_found")
	})
	r := e.do(req{method: "GET", path: path, visitor: tok}).want(t, 200)
	items := r.items()
	var got []string
	for _, it := range items {
		got = append(got, it["lawyer"].(map[string]any)["id"].(string))
	}
	if strings.Join(got, ",") != strings.Join([]string{near, far, idle}, ",") {
		t.Fatalf("order = %v, want near (same city), far (sooner, other city), idle (no slot): %s", got, r.raw)
	}
	first := items[0]
	reasons := fmt.Sprint(first["reasons"])
	if !strings.Contains(reasons, "擅长婚姻家庭") || !strings.Contains(reasons, "同在南京") || !strings.Contains(reasons, "最早可约") {
		t.Fatalf("reasons = %s", reasons)
	}
	if slot, _ := first["nextOpenSlot"].(map[string]any); slot["startLocal"] == nil || first["score"].(float64) <= items[2]["score"].(float64) {
		t.Fatalf("first match = %v", first)
	}
	// A lawyer in another city is told apart: no in-person meeting, and
	// the reason says so; the count in the question's city comes along.
	if first["sameCity"] != true || !strings.Contains(fmt.Sprint(first["modes"]), "in_person") {
		t.Fatalf("same-city match = %v", first)
	}
	if second := items[1]; second["sameCity"] != false || strings.Contains(fmt.Sprint(second["modes"]), "in_person") ||
		!strings.Contains(fmt.Sprint(second["reasons"]), "另一城市") {
		t.Fatalf("other-city match = %v", second)
	}
	if r.body["inCity"] != 2.0 {
		t.Fatalf("inCity = %v, want 2 (near and idle): %s", r.body["inCity"], r.raw)
	}
	if _, ok := r.body["otherAreas"].([]any); !ok {
		t.Fatalf("otherAreas missing: %s", r.raw)
	}
	// The earliest opening is told in the viewer's zone when given.
	ny := e.do(req{method: "GET", path: path + "?tz=America/New_York", visitor: tok}).want(t, 200).items()
	if fmt.Sprint(ny[0]["reasons"]) == reasons || !strings.Contains(fmt.Sprint(ny[0]["reasons"]), "最早可约") {
		t.Fatalf("reasons in New York = %v, in Shanghai = %s", ny[0]["reasons"], reasons)
	}
	bad := e.do(req{method: "GET", path: path + "?tz=Mars/Olympus", visitor: tok}).want(t, 400, "validation_failed")
	if bad.fields()["tz"] == nil {
		t.Fatalf("bad tz: %s", bad.raw)
	}
	if items[2]["nextOpenSlot"] != nil {
		t.Fatalf("idle lawyer has a next open slot: %v", items[2])
	}
	if strings.Contains(r.raw, "13912345678") || strings.Contains(r.raw, "wang@example.com") {
		t.Fatal("matches show a lawyer's direct contact")
	}
	if q := e.do(req{method: "GET", path: "/questions/" + id, visitor: tok}).want(t, 200); q.str("status") != "matched" {
		t.Fatalf("status after matching = %s", q.str("status"))
	}
	en := e.do(req{method: "GET", path: path, visitor: tok, header: map[string]string{"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"}}).want(t, 200)
	if !strings.Contains(en.raw, "practises Family \\u0026 divorce") && !strings.Contains(en.raw, "practises Family & divorce") {
		t.Fatalf("English reasons = %s", en.raw)
	}
	t.Run("Erased", func(t *testing.T) {
		e.do(req{method: "DELETE", path: "/questions/" + id, visitor: tok}).want(t, 204)
		e.do(req{method: "GET", path: path, visitor: tok}).want(t, 404, "not_found")
	})
}

// Equal lawyers share new questions: over many questions the first place
// rotates instead of one lawyer taking all.
func TestMatchFairness(t *testing.T) {
	e := newEnv(t, nil, func(c *app.Config, _ *api.Deps) { c.QuestionRateLimit = 0 })
	firm := e.mustFirm("南京")
	var lawyers []string
	start := time.Now().Add(30 * time.Hour).Truncate(time.Hour)
	for i := 0; i < 3; i++ {
		l := e.mustLawyer(firm, "南京", "labor")
		e.do(req{method: "POST", path: "/lawyers/" + l + "/slots", token: e.staff(firm),
			body: map[string]any{"slots": []map[string]any{{"start": start.Format(time.RFC3339), "minutes": 30}}}}).want(t, 201)
		lawyers = append(lawyers, l)
	}
	firsts := map[string]int{}
	run, longest, last := 0, 0, ""
	const questions = 24
	for i := 0; i < questions; i++ {
		id, tok := e.mustQuestion(map[string]any{"title": fmt.Sprintf("公司拖欠工资%d个月了怎么办", i+1), "phone": fmt.Sprintf("1380013%04d", i)})
		r := e.do(req{method: "GET", path: "/questions/" + id + "/matches", visitor: tok}).want(t, 200)
		first := r.items()[0]["lawyer"].(map[string]any)["id"].(string)
		firsts[first]++
		if first == last {
			run++
		} else {
			run, last = 1, first
		}
		longest = max(longest, run)
	}
	t.Logf("first places: %v; longest run of one lawyer first: %d", firsts, longest)
	if longest > 2 {
		t.Fatalf("one lawyer came first %d times in a row", longest)
	}
	for _, l := range lawyers {
		if firsts[l] < questions/3-1 || firsts[l] > questions/3+1 {
			t.Fatalf("first places = %v over %d questions: equal lawyers should share them", firsts, questions)
		}

	}
}

// Booking a lawyer's last open slot takes them out of the group with an
// open slot: the next question's match ranks them below a lawyer who
// still has one, at once (the index is kept by the booking's transaction).
func TestBookingLastSlotMovesLawyerDown(t *testing.T) {
	e := newEnv(t, nil)
	firm := e.mustFirm("南京")
	near := e.mustLawyer(firm, "南京", "family") // same city, one slot
	far := e.mustLawyer(firm, "上海", "family")  // elsewhere, one slot
	start := time.Now().Add(30 * time.Hour).Truncate(time.Hour)
	e.slotAt(near, firm, start)
	e.slotAt(far, firm, start.Add(24*time.Hour))
	order := func(qid, tok string) []string {
		var ids []string
		for _, it := range e.do(req{method: "GET", path: "/questions/" + qid + "/matches", visitor: tok}).want(t, 200).items() {
			ids = append(ids, it["lawyer"].(map[string]any)["id"].(string))
		}
		return ids
	}
	q1, tok1 := e.mustQuestion(map[string]any{"area": "family", "city": "南京"})
	if got := order(q1, tok1); len(got) != 2 || got[0] != near {
		t.Fatalf("before booking: %v, want %s first", got, near)
	}
	e.book(q1, tok1, near, start, "").want(t, 201)
	q2, tok2 := e.mustQuestion(map[string]any{"area": "family", "city": "南京", "phone": "13800138011"})
	if got := order(q2, tok2); len(got) != 2 || got[0] != far || got[1] != near {
		t.Fatalf("after booking near's last slot: %v, want %s then %s", got, far, near)
	}
}
