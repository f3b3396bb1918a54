package api_test

import (
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// TestAssignNeverRevealsContact: assigning a lead — on a pending booking,
// after the lawyer declined and the visitor went to another firm — never
// shows the staff the visitor's contact.
func TestAssignNeverRevealsContact(t *testing.T) {
	w := newWorld(t)
	staffA := w.staff(w.firmA)
	w.slotAt(w.la2, w.firmA, w.start)
	b2 := w.book(w.q2, w.tok2, w.la2, w.start, "").want(t, 201).str("id")
	secrets := []string{"13800138001", "hanmeimei@example.com", "韩梅梅"}

	r := w.do(req{method: "POST", path: "/leads/" + w.q2 + "/assign", token: staffA, body: map[string]any{"lawyerId": w.la1}}).want(t, 200)
	if s := contains(r.raw, secrets); s != "" || r.body["contactMasked"] != true {
		t.Fatalf("assigning a pending booking's lead shows %q: %s", s, r.raw)
	}
	w.do(req{method: "GET", path: "/bookings/" + b2 + "/contact", token: staffA}).want(t, 403, "contact_locked")

	// The lawyer declines; the visitor books firm B.
	w.act(b2, "decline", w.lawyer(w.la2, w.firmA), "", map[string]any{"reason": "没空"}).want(t, 200)
	w.slotAt(w.lb, w.firmB, w.start)
	bB := w.book(w.q2, w.tok2, w.lb, w.start, "").want(t, 201).str("id")
	w.act(bB, "accept", w.lawyer(w.lb, w.firmB), "", nil).want(t, 200)
	r = w.do(req{method: "POST", path: "/leads/" + w.q2 + "/assign", token: staffA, body: map[string]any{"lawyerId": w.la2}}).want(t, 200)
	if s := contains(r.raw, secrets); s != "" || r.body["contactMasked"] != true {
		t.Fatalf("assigning a declined lead shows %q: %s", s, r.raw)
	}
	for _, path := range []string{"/leads", "/leads.csv", "/leads?status=matched"} {
		if got := w.do(req{method: "GET", path: path, token: staffA}).want(t, 200); contains(got.raw, secrets) != "" {
			t.Fatalf("GET %s shows firm A the contact of a visitor who went to firm B: %s", path, got.raw)
		}
	}
	// Firm B, whose lawyer accepted, sees it.
	if got := w.do(req{method: "GET", path: "/leads", token: w.staff(w.firmB)}).want(t, 200); !strings.Contains(got.raw, "13800138001") {
		t.Fatalf("firm B does not see the contact of its confirmed booking: %s", got.raw)
	}
}

// offerWorld is a question in the pool with firm A's and firm B's offers.
type offerWorld struct {
	*world
	q, tok, offerA, offerB string
}

func newOfferWorld(t *testing.T) *offerWorld {
	w := &offerWorld{world: newWorld(t)}
	w.q, w.tok = w.mustQuestion(map[string]any{"title": "离婚财产怎么分", "area": "family", "name": "赵六", "phone": "13800138006", "body": "赵六说老板没钱"})
	w.offerA = w.do(req{method: "POST", path: "/leads/" + w.q + "/assign", token: w.staff(w.firmA), body: map[string]any{"lawyerId": w.la2}}).want(t, 200).body["offer"].(map[string]any)["id"].(string)
	w.offerB = w.do(req{method: "POST", path: "/leads/" + w.q + "/assign", token: w.staff(w.firmB), body: map[string]any{"lawyerId": w.lb}}).want(t, 200).body["offer"].(map[string]any)["id"].(string)
	return w
}

func (w *offerWorld) answer(offer, verb, tok string) response {
	return w.do(req{method: "POST", path: "/questions/" + w.q + "/offers/" + offer + "/" + verb, visitor: tok})
}

func TestOffers(t *testing.T) {
	t.Run("VisitorSeesOffers", func(t *testing.T) {
		w := newOfferWorld(t)
		v := w.do(req{method: "GET", path: "/questions/" + w.q, visitor: w.tok}).want(t, 200)
		offers, _ := v.body["offers"].([]any)
		if len(offers) != 2 {
			t.Fatalf("offers = %s", v.raw)
		}
		for _, o := range offers {
			o := o.(map[string]any)
			firm, _ := o["firm"].(map[string]any)
			lawyer, _ := o["lawyer"].(map[string]any)
			if o["status"] != "offered" || firm["phone"] == nil || lawyer["id"] == nil || lawyer["phone"] != nil {
				t.Fatalf("offer = %v", o)
			}
		}
		// The firms' desks show their own offer in the pool.
		for _, firm := range []string{w.firmA, w.firmB} {
			pool := w.do(req{method: "GET", path: "/leads?scope=unassigned", token: w.staff(firm)}).want(t, 200)
			found := false
			for _, it := range pool.items() {
				o, _ := it["offer"].(map[string]any)
				found = found || (it["questionId"] == w.q && o["status"] == "offered")
			}
			if !found {
				t.Fatalf("firm %s's pool does not show its offer: %s", firm, pool.raw)
			}
		}
		// Nobody else sees them.
		if pub := w.do(req{method: "GET", path: "/questions/" + w.q}); pub.status == 200 && strings.Contains(pub.raw, "offers") {
			t.Fatalf("offers shown without the visitor token: %s", pub.raw)
		}
		// The visitor was told, without the question's words.
		items, err := w.store.FindPendingOutbox(bg, time.Now().Add(time.Minute), 100)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, it := range items {
			if it.Kind == domain.NoticeOffer && it.QuestionID == w.q {
				n++
			}
		}
		if n != 2 {
			t.Fatalf("%d offer notifications, want 2", n)
		}
	})
	t.Run("Access", func(t *testing.T) {
		w := newOfferWorld(t)
		w.answer(w.offerA, "accept", "").want(t, 401, "unauthenticated")
		w.answer(w.offerA, "accept", w.tok1).want(t, 403, "forbidden")
		w.answer("01NOPE", "accept", w.tok).want(t, 404, "not_found")
		w.do(req{method: "POST", path: "/questions/" + w.q + "/offers/" + w.offerA + "/accept", token: w.staff(w.firmA)}).want(t, 401, "unauthenticated")
	})
	t.Run("Decline", func(t *testing.T) {
		w := newOfferWorld(t)
		r := w.answer(w.offerA, "decline", w.tok).want(t, 200)
		if r.str("status") != "declined" {
			t.Fatalf("declined = %s", r.raw)
		}
		w.answer(w.offerA, "decline", w.tok).want(t, 200)                                    // again: harmless
		w.answer(w.offerA, "accept", w.tok).want(t, 409, "invalid_state")                    // no change of mind through the API
		w.do(req{method: "POST", path: "/leads/" + w.q + "/assign", token: w.staff(w.firmA), // no second offer
			body: map[string]any{"lawyerId": w.la1}}).want(t, 409, "conflict")
		if got := w.do(req{method: "GET", path: "/leads", token: w.staff(w.firmA)}).want(t, 200); strings.Contains(got.raw, "13800138006") {
			t.Fatalf("a declined offer shows the contact: %s", got.raw)
		}
		// Firm B's offer still waits and the question is still in the pool.
		pool := w.do(req{method: "GET", path: "/leads?scope=unassigned", token: w.staff(w.firmB)}).want(t, 200)
		if !strings.Contains(pool.raw, w.q) {
			t.Fatalf("declining one offer took the question out of the pool: %s", pool.raw)
		}
		w.answer(w.offerB, "accept", w.tok).want(t, 200)
		w.answer(w.offerB, "decline", w.tok).want(t, 409, "invalid_state")
	})
	t.Run("BodyFollowsTheContact", func(t *testing.T) {
		w := newOfferWorld(t)
		lead := func() map[string]any {
			for _, it := range w.do(req{method: "GET", path: "/leads", token: w.staff(w.firmA)}).want(t, 200).items() {
				if it["questionId"] == w.q {
					return it
				}
			}
			t.Fatal("no lead")
			return nil
		}
		// The question's words as written, with the asker's name in them.
		if b, _ := lead()["body"].(string); b != "[已隐藏]说老板没钱" {
			t.Fatalf("before the visitor answers, firm A reads the body %q", b)
		}
		r := w.answer(w.offerA, "accept", w.tok).want(t, 200)
		if r.body["decidedAt"] == nil {
			t.Fatalf("the answered offer has no decidedAt: %s", r.raw)
		}
		if b, _ := lead()["body"].(string); b != "赵六说老板没钱" {
			t.Fatalf("after the visitor accepted, firm A reads the body %q", b)
		}
	})
	t.Run("AcceptAfterBookingElsewhere", func(t *testing.T) {
		w := newOfferWorld(t)
		// The visitor books firm A's la1 (the offers wait); firm B's offer can then not be taken.
		w.book(w.q, w.tok, w.la1, w.start.Add(time.Hour), "").want(t, 201)
		w.answer(w.offerB, "accept", w.tok).want(t, 409, "conflict")
		// Firm A's own offer can: the visitor chose the firm.
		w.answer(w.offerA, "accept", w.tok).want(t, 200)
		if got := w.do(req{method: "GET", path: "/leads", token: w.staff(w.firmA)}).want(t, 200); !strings.Contains(got.raw, "13800138006") {
			t.Fatalf("an accepted offer does not show firm A the contact: %s", got.raw)
		}
	})
	t.Run("Erased", func(t *testing.T) {
		w := newOfferWorld(t)
		w.do(req{method: "DELETE", path: "/questions/" + w.q, visitor: w.tok}).want(t, 204)
		w.answer(w.offerA, "accept", w.tok).want(t, 404, "not_found")
		w.do(req{method: "POST", path: "/leads/" + w.q + "/assign", token: w.staff(w.firmA), body: map[string]any{"lawyerId": w.la1}}).want(t, 404, "not_found")
	})
	t.Run("ConcurrentAccepts", func(t *testing.T) {
		// The visitor accepts both offers at once: exactly one firm gets the question.
		w := newOfferWorld(t)
		var wg sync.WaitGroup
		got := make([]int, 2)
		for i, o := range []string{w.offerA, w.offerB} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i] = w.answer(o, "accept", w.tok).status
			}()
		}
		wg.Wait()
		if (got[0] == 200) == (got[1] == 200) {
			t.Fatalf("both or neither accepted: %v", got)
		}
		seen := 0
		for _, firm := range []string{w.firmA, w.firmB} {
			if strings.Contains(w.do(req{method: "GET", path: "/leads", token: w.staff(firm)}).want(t, 200).raw, "13800138006") {
				seen++
			}
		}
		if seen != 1 {
			t.Fatalf("%d firms see the contact after two racing accepts", seen)
		}
	})
}

// TestPoolIsRedacted: firms see a pool question's title, area, city and
// body with personal data redacted, and never its contact.
func TestPoolIsRedacted(t *testing.T) {
	w := newWorld(t)
	q, tok := w.mustQuestion(map[string]any{"title": "王小明：公司泄露我的电话13812345678", "area": "family", "name": "王小明", "phone": "13800138007",
		"email": "wxm@example.com", "body": "我叫王小明，电话138 1234 5678，身份证号320102199001011232，邮箱wxm@example.com。小明想问怎么办"})
	pool := w.do(req{method: "GET", path: "/leads?scope=unassigned", token: w.staff(w.firmB)}).want(t, 200)
	var it map[string]any
	for _, x := range pool.items() {
		if x["questionId"] == q {
			it = x
		}
	}
	if it == nil {
		t.Fatalf("the question is not in the pool: %s", pool.raw)
	}
	for _, s := range []string{"王小明", "小明", "13812345678", "138 1234 5678", "320102199001011232", "wxm@example.com", "13800138007", "138****8007"} {
		if strings.Contains(pool.raw, s) {
			t.Errorf("the pool shows %q: %s", s, pool.raw)
		}
	}
	if it["visitor"] != nil || !strings.Contains(it["body"].(string), "[已隐藏]") || !strings.Contains(it["title"].(string), "公司泄露我的电话") {
		t.Fatalf("pool item = %v", it)
	}
	// The visitor still reads what they wrote.
	mine := w.do(req{method: "GET", path: "/questions/" + q, visitor: tok}).want(t, 200)
	if mine.str("title") != "王小明：公司泄露我的电话13812345678" || !strings.Contains(mine.str("body"), "320102199001011232") {
		t.Fatalf("the visitor's own view = %s", mine.raw)
	}
}

// TestPublicQuestionIsRedacted: what a visitor typed into a public
// question is published without their name, phone, e-mail or ID number.
func TestPublicQuestionIsRedacted(t *testing.T) {
	w := newWorld(t)
	title, body := "我叫王小明，电话138 1234 5678", "身份证号320102199001011232被泄露，邮箱wxm@example.com，依据刑法第二百五十三条、（2023）苏01民终1234号，损失5000元"
	q, tok := w.mustQuestion(map[string]any{"title": title, "area": "privacy", "name": "王小明", "phone": "13800138008", "body": body, "public": true})
	secrets := []string{"王小明", "138 1234 5678", "320102199001011232", "wxm@example.com", "13800138008"}
	one := w.do(req{method: "GET", path: "/questions/" + q}).want(t, 200)
	if s := contains(one.raw, secrets); s != "" {
		t.Fatalf("the public question shows %q: %s", s, one.raw)
	}
	for _, keep := range []string{"第二百五十三条", "（2023）苏01民终1234号", "5000元", "[已隐藏]"} {
		if !strings.Contains(one.raw, keep) {
			t.Errorf("the public question lost %q: %s", keep, one.raw)
		}
	}
	for _, path := range []string{"/questions", "/questions?area=privacy"} {
		list := w.do(req{method: "GET", path: path}).want(t, 200)
		if s := contains(list.raw, secrets); s != "" || !strings.Contains(list.raw, q) {
			t.Fatalf("GET %s shows %q: %s", path, s, list.raw)
		}
	}
	mine := w.do(req{method: "GET", path: "/questions/" + q, visitor: tok}).want(t, 200)
	if mine.str("title") != title || mine.str("body") != body {
		t.Fatalf("the asker's own view = %s", mine.raw)
	}
}

// TestEraseRaces: an erase answered 204 leaves no booking of the question
// pending or confirmed, whatever raced it — the lawyer accepting, or the
// visitor booking — and its slot open again with the lawyer told.
func TestEraseRaces(t *testing.T) {
	e := newBookingEnv(t)
	lawyerTok := e.lawyerTok()
	for round := 0; round < 8; round++ {
		start := e.start.Add(time.Duration(round+1) * 2 * time.Hour)
		e.slotAt(e.lawyer, e.firm, start)
		qid, tok := e.mustQuestion(map[string]any{"area": "family"})
		var bid string
		var erase, other response
		var wg sync.WaitGroup
		wg.Add(2)
		if round%2 == 0 {
			// Accept races the erase.
			bid = e.book(qid, tok, e.lawyer, start, "").want(t, 201).str("id")
			go func() { defer wg.Done(); erase = e.do(req{method: "DELETE", path: "/questions/" + qid, visitor: tok}) }()
			go func() { defer wg.Done(); other = e.act(bid, "accept", lawyerTok, "", nil) }()
			wg.Wait()
		} else {
			// A booking races the erase.
			go func() { defer wg.Done(); erase = e.do(req{method: "DELETE", path: "/questions/" + qid, visitor: tok}) }()
			go func() { defer wg.Done(); other = e.book(qid, tok, e.lawyer, start, "") }()
			wg.Wait()
			if other.status == 201 {
				bid = other.str("id")
			}
		}
		if erase.status == 409 {
			continue // refused: the caller retries; nothing to check
		}
		if erase.status != 204 {
			t.Fatalf("round %d: erase answered %d: %s", round, erase.status, erase.raw)
		}
		if bid != "" {
			b := e.do(req{method: "GET", path: "/bookings/" + bid, token: lawyerTok}).want(t, 200)
			if st := b.str("status"); st == "pending" || st == "confirmed" {
				t.Fatalf("round %d: after the erase answered 204 the booking is %s (the racer answered %d)", round, st, other.status)
			}
		}
		slots := e.do(req{method: "GET", path: "/lawyers/" + e.lawyer + "/slots?from=" + start.Format(time.RFC3339)}).want(t, 200)
		if !strings.Contains(slots.raw, start.UTC().Format(time.RFC3339)) {
			t.Fatalf("round %d: the slot is not open again: %s", round, slots.raw)
		}
	}
}

// TestCursorOfAnotherRange: a cursor given back with another time range
// is refused as invalid, never a 500.
func TestCursorOfAnotherRange(t *testing.T) {
	w := newWorld(t)
	for i := 2; i < 6; i++ {
		w.slotAt(w.la1, w.firmA, w.start.Add(time.Duration(i)*time.Hour))
	}
	slots := "/lawyers/" + w.la1 + "/slots"
	first := w.do(req{method: "GET", path: slots + "?limit=2"}).want(t, 200)
	cur := first.str("nextCursor")
	if cur == "" {
		t.Fatalf("no second page: %s", first.raw)
	}
	w.do(req{method: "GET", path: slots + "?limit=2&cursor=" + cur}).want(t, 200)
	later := w.start.Add(10 * time.Hour).UTC().Format(time.RFC3339)
	r := w.do(req{method: "GET", path: slots + "?limit=2&cursor=" + cur + "&from=" + later}).want(t, 400, "validation_failed")
	if r.fields()["cursor"] == nil {
		t.Fatalf("the refusal does not name the cursor: %s", r.raw)
	}

	staffA := w.staff(w.firmA)
	first = w.do(req{method: "GET", path: "/leads?limit=1&from=2000-01-01", token: staffA}).want(t, 200)
	if cur = first.str("nextCursor"); cur == "" {
		t.Fatalf("no second page of leads: %s", first.raw)
	}
	w.do(req{method: "GET", path: "/leads?limit=1&from=2000-01-01&cursor=" + cur, token: staffA}).want(t, 200)
	w.do(req{method: "GET", path: "/leads?limit=1&from=2100-01-01&cursor=" + cur, token: staffA}).want(t, 400, "validation_failed")
	w.do(req{method: "GET", path: "/leads?limit=1&to=2001-01-01&cursor=" + cur, token: staffA}).want(t, 400, "validation_failed")
}

// TestPendingBookingTitleIsRedacted: before the lawyer accepts, the
// lawyer and the firm read the question's title with personal data
// redacted, as they read the masked contact; afterwards as written.
func TestPendingBookingTitleIsRedacted(t *testing.T) {
	w := newWorld(t)
	q, tok := w.mustQuestion(map[string]any{"title": "王小明被泄露了手机号13812345678", "area": "family", "name": "王小明", "phone": "13800138009"})
	b := w.book(q, tok, w.la1, w.start.Add(time.Hour), "").want(t, 201).str("id")
	lawyerTok := w.lawyer(w.la1, w.firmA)
	for _, path := range []string{"/bookings/" + b, "/lawyer/bookings?status=pending"} {
		r := w.do(req{method: "GET", path: path, token: lawyerTok}).want(t, 200)
		if s := contains(r.raw, []string{"王小明", "13812345678"}); s != "" || !strings.Contains(r.raw, "[已隐藏]被泄露了手机号[已隐藏]") {
			t.Fatalf("GET %s before acceptance shows %q: %s", path, s, r.raw)
		}
	}
	w.act(b, "accept", lawyerTok, "", nil).want(t, 200)
	if r := w.do(req{method: "GET", path: "/bookings/" + b, token: lawyerTok}).want(t, 200); r.str("questionTitle") != "王小明被泄露了手机号13812345678" {
		t.Fatalf("after acceptance the lawyer reads %q", r.str("questionTitle"))
	}
	if r := w.do(req{method: "GET", path: "/bookings/" + b, visitor: tok}).want(t, 200); r.str("questionTitle") != "王小明被泄露了手机号13812345678" {
		t.Fatalf("the visitor reads %q", r.str("questionTitle"))
	}
}

// TestLawyerReadsTheQuestion: the lawyer reads what the visitor wrote —
// redacted while the booking waits, as written once accepted, and that
// view is in the visitor's access log.
func TestLawyerReadsTheQuestion(t *testing.T) {
	w := newWorld(t)
	body := "我叫王小明，电话13812345678，公司拖欠工资三个月"
	q, tok := w.mustQuestion(map[string]any{"title": "公司拖欠工资怎么办", "area": "family", "name": "王小明", "phone": "13800138010", "body": body})
	b := w.book(q, tok, w.la1, w.start.Add(time.Hour), "").want(t, 201).str("id")
	lawyerTok := w.lawyer(w.la1, w.firmA)
	pending := w.do(req{method: "GET", path: "/lawyer/bookings?status=pending", token: lawyerTok}).want(t, 200)
	var got string
	for _, it := range pending.items() {
		if it["id"] == b {
			got, _ = it["questionBody"].(string)
		}
	}
	if got != "我叫[已隐藏]，电话[已隐藏]，公司拖欠工资三个月" {
		t.Fatalf("the pending booking's body = %q", got)
	}
	w.act(b, "accept", lawyerTok, "", nil).want(t, 200)
	if r := w.do(req{method: "GET", path: "/bookings/" + b, token: lawyerTok}).want(t, 200); r.str("questionBody") != body {
		t.Fatalf("the confirmed booking's body = %q", r.str("questionBody"))
	}
	log := w.do(req{method: "GET", path: "/questions/" + q + "/access-log", visitor: tok}).want(t, 200)
	if !strings.Contains(log.raw, `"question"`) {
		t.Fatalf("the full view of the question is not in the access log: %s", log.raw)
	}
	if adm := w.do(req{method: "GET", path: "/bookings/" + b, token: w.admin()}).want(t, 200); adm.str("questionBody") != "" {
		t.Fatalf("an admin reads the body: %s", adm.raw)
	}
}

// TestFunnelCountsQuestions: the funnel counts questions, once per step,
// so that each step is a subset of the one before — with offered,
// assigned, booked, declined-and-rebooked, booked-unmatched and completed
// leads mixed.
func TestFunnelCountsQuestions(t *testing.T) {
	w := newWorld(t) // q1 booked with la1 and confirmed
	staffA := w.staff(w.firmA)
	lawyerA := w.lawyer(w.la1, w.firmA)
	for i := 2; i < 8; i++ {
		w.slotAt(w.la1, w.firmA, w.start.Add(time.Duration(i)*time.Hour))
	}
	// q2: an offer firm A made, never answered; then assigned within the firm.
	w.do(req{method: "POST", path: "/leads/" + w.q2 + "/assign", token: staffA, body: map[string]any{"lawyerId": w.la1}}).want(t, 200)
	w.do(req{method: "POST", path: "/leads/" + w.q2 + "/assign", token: staffA, body: map[string]any{"lawyerId": w.la2}}).want(t, 200)
	// q3: matched, booked, declined, booked again, accepted.
	q3, tok3 := w.mustQuestion(map[string]any{"area": "family", "phone": "13800138031"})
	w.do(req{method: "GET", path: "/questions/" + q3 + "/matches", visitor: tok3}).want(t, 200)
	b := w.book(q3, tok3, w.la1, w.start.Add(2*time.Hour), "").want(t, 201).str("id")
	w.act(b, "decline", lawyerA, "", map[string]any{"reason": "没空"}).want(t, 200)
	b = w.book(q3, tok3, w.la1, w.start.Add(3*time.Hour), "").want(t, 201).str("id")
	w.act(b, "accept", lawyerA, "", nil).want(t, 200)
	// q4: booked straight from a profile, never matched.
	q4, tok4 := w.mustQuestion(map[string]any{"area": "family", "phone": "13800138032"})
	w.book(q4, tok4, w.la1, w.start.Add(4*time.Hour), "").want(t, 201)
	// q5: firm A's offer accepted.
	q5, tok5 := w.mustQuestion(map[string]any{"area": "family", "phone": "13800138033"})
	offer := w.do(req{method: "POST", path: "/leads/" + q5 + "/assign", token: staffA, body: map[string]any{"lawyerId": w.la1}}).want(t, 200).body["offer"].(map[string]any)["id"].(string)
	w.do(req{method: "POST", path: "/questions/" + q5 + "/offers/" + offer + "/accept", visitor: tok5}).want(t, 200)
	// q1: completed once it has begun.
	w.setNow(w.start.Add(time.Minute))
	w.act(w.b1, "complete", lawyerA, "", nil).want(t, 200)
	w.setNow(time.Now())

	counts := func(token, query string) map[string]int {
		r := w.do(req{method: "GET", path: "/leads/stats" + query, token: token}).want(t, 200)
		total, _ := r.body["total"].(map[string]any)
		out := map[string]int{}
		for k, v := range total {
			out[k] = int(v.(float64))
		}
		return out
	}
	for name, got := range map[string]map[string]int{"firm A": counts(staffA, ""), "platform": counts(w.admin(), "")} {
		for i := 1; i < len(domain.FunnelSteps); i++ {
			prev, step := domain.FunnelSteps[i-1], domain.FunnelSteps[i]
			if got[step] > got[prev] {
				t.Errorf("%s's funnel: %s %d > %s %d: %v", name, step, got[step], prev, got[prev], got)
			}
		}
	}
	// Firm A was chosen for q1 (completed), q3 (confirmed), q4 (booked) and
	// q5 (offer accepted, never matched): q2's offer counts nothing.
	want := map[string]int{"submitted": 4, "matched": 3, "booked": 3, "confirmed": 2, "completed": 1, "no_show": 0}
	if got := counts(staffA, ""); !maps.Equal(got, want) {
		t.Errorf("firm A's funnel = %v, want %v", got, want)
	}
	// The platform: five questions, q2 and q5 never matched or booked.
	want = map[string]int{"submitted": 5, "matched": 3, "booked": 3, "confirmed": 2, "completed": 1, "no_show": 0}
	if got := counts(w.admin(), ""); !maps.Equal(got, want) {
		t.Errorf("the platform's funnel = %v, want %v", got, want)
	}
}

// TestAccessLogReadsAsLooks: the visitor's access log names who looked
// (name, role, firm) and what at, and one look is one line.
func TestAccessLogReadsAsLooks(t *testing.T) {
	w := newWorld(t)
	staff := w.sign(auth.Identity{Subject: "staff-zhao", Groups: []string{auth.GroupStaff}, FirmID: w.firmA, Name: "赵前台"})
	lawyerTok := w.lawyer(w.la1, w.firmA)
	// The lawyer opens the upcoming list, then the contact, twice over: one look each.
	for i := 0; i < 2; i++ {
		w.do(req{method: "GET", path: "/bookings/" + w.b1 + "/contact", token: lawyerTok}).want(t, 200)
	}
	w.do(req{method: "GET", path: "/leads", token: staff}).want(t, 200)
	r := w.do(req{method: "GET", path: "/questions/" + w.q1 + "/access-log", visitor: w.tok1}).want(t, 200)
	var contact, leads map[string]any
	n := 0
	for _, it := range r.items() {
		switch it["view"] {
		case "contact":
			contact, n = it, n+1
		case "leads":
			leads = it
		}
	}
	if n != 1 || contact["count"] != float64(2) || contact["role"] != "lawyer" || contact["name"] != "王晓明" || contact["firm"] != "明德律师事务所" {
		t.Fatalf("the lawyer's two reads of the contact = %d lines, %v", n, contact)
	}
	if leads == nil || leads["role"] != "staff" || leads["name"] != "赵前台" || leads["who"] != "赵前台 · 明德律师事务所" {
		t.Fatalf("the staff member's look = %v (%s)", leads, r.raw)
	}
}

// The title as the visitor wrote it (here with their name and a phone
// number) reaches the lawyer only with a record of that view in the
// visitor's access log: the answers to accept and to the lawyer's move
// acknowledge the change with the title redacted, as they keep the
// contact masked; the lawyer's reading of the booking shows it as written,
// recorded as a view of the question.
func TestChangeAnswerShowsNoUnrecordedTitle(t *testing.T) {
	w := newWorld(t)
	const title = "王小明被泄露了手机号13812345678"
	q, tok := w.mustQuestion(map[string]any{"title": title, "body": "", "area": "family", "name": "王小明", "phone": "13800138011"})
	w.slotAt(w.la1, w.firmA, w.start.Add(2*time.Hour))
	b := w.book(q, tok, w.la1, w.start.Add(time.Hour), "").want(t, 201).str("id")
	lawyerTok := w.lawyer(w.la1, w.firmA)
	accepted := w.act(b, "accept", lawyerTok, "", nil).want(t, 200)
	moved := w.reschedule(b, lawyerTok, "", w.start.Add(2*time.Hour)).want(t, 200)
	for name, r := range map[string]response{"accept": accepted, "reschedule": moved} {
		if s := contains(r.raw, []string{"王小明", "13812345678", "13800138011"}); s != "" {
			t.Errorf("the answer to the lawyer's %s shows %q: %s", name, s, r.raw)
		}
	}
	if log := w.do(req{method: "GET", path: "/questions/" + q + "/access-log", visitor: tok}).want(t, 200); len(log.items()) != 0 {
		t.Fatalf("the access log before the lawyer read the booking: %s", log.raw)
	}
	if r := w.do(req{method: "GET", path: "/bookings/" + b, token: lawyerTok}).want(t, 200); r.str("questionTitle") != title {
		t.Fatalf("the confirmed booking's title = %q", r.str("questionTitle"))
	}
	log := w.do(req{method: "GET", path: "/questions/" + q + "/access-log", visitor: tok}).want(t, 200)
	if items := log.items(); len(items) != 1 || !strings.Contains(fmt.Sprint(items[0]["fields"]), "question") {
		t.Fatalf("the lawyer's view of the title as written is not recorded as a view of the question: %s", log.raw)
	}
	// The firm's lead desk shows it as written too, recorded so.
	if r := w.do(req{method: "GET", path: "/leads", token: w.staff(w.firmA)}).want(t, 200); !strings.Contains(r.raw, title) {
		t.Fatalf("the lead desk lacks the title as written: %s", r.raw)
	}
	log = w.do(req{method: "GET", path: "/questions/" + q + "/access-log", visitor: tok}).want(t, 200)
	for _, it := range log.items() {
		if it["view"] == "leads" && !strings.Contains(fmt.Sprint(it["fields"]), "question") {
			t.Fatalf("the lead desk's view of the title as written is not recorded as a view of the question: %s", log.raw)
		}
	}
	if !strings.Contains(log.raw, `"view":"leads"`) {
		t.Fatalf("the lead desk's view is not in the access log: %s", log.raw)
	}
}
