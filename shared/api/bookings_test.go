package api_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// bookingEnv is one firm with a family lawyer, a peer, a lawyer of
// another firm, and a visitor's question.
type bookingEnv struct {
	*env
	firm, otherFirm       string
	lawyer, peer, outside string
	qid, tok              string
	start                 time.Time
}

func newBookingEnv(t *testing.T, opts ...option) *bookingEnv {
	e := &bookingEnv{env: newEnv(t, nil, opts...)}
	e.firm, e.otherFirm = e.mustFirm("南京"), e.mustFirm("上海")
	e.lawyer = e.mustLawyer(e.firm, "南京", "family")
	e.peer = e.mustLawyer(e.firm, "南京", "family")
	e.outside = e.mustLawyer(e.otherFirm, "上海", "family")
	e.start = time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	e.slotAt(e.lawyer, e.firm, e.start)
	e.slotAt(e.lawyer, e.firm, e.start.Add(time.Hour))
	e.qid, e.tok = e.mustQuestion(map[string]any{"title": "离婚后孩子抚养权归谁", "area": "family"})
	return e
}

func (e *bookingEnv) lawyerTok() string { return e.env.lawyer(e.lawyer, e.firm) }

func (e *env) act(id, act, token, visitor string, body any) response {
	return e.do(req{method: "POST", path: "/bookings/" + id + "/" + act, token: token, visitor: visitor, body: body})
}

func TestCreateBooking(t *testing.T) {
	e := newBookingEnv(t)
	t.Run("ErrAccess", func(t *testing.T) {
		e.book(e.qid, "", e.lawyer, e.start, "").want(t, 401, "unauthenticated")
		_, other := e.mustQuestion(nil)
		e.book(e.qid, other, e.lawyer, e.start, "").want(t, 403, "forbidden")
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		r := e.book(e.qid, e.tok, e.mustLawyer(e.firm, "南京", "labor"), e.start, "").want(t, 400, "validation_failed")
		if r.fields()["lawyerId"] == nil {
			t.Fatalf("no lawyerId field error: %s", r.raw)
		}
		e.book(e.qid, e.tok, "01NOPE", e.start, "").want(t, 404, "not_found")
		e.book(e.qid, e.tok, e.lawyer, e.start.Add(30*time.Minute), "").want(t, 404, "not_found")
		e.book(e.qid, e.tok, e.lawyer, time.Now().Add(-time.Hour).Truncate(time.Minute), "").want(t, 400, "validation_failed")
		e.do(req{method: "POST", path: "/bookings", visitor: e.tok, body: map[string]any{"questionId": e.qid, "lawyerId": e.lawyer, "start": e.start.Format(time.RFC3339), "mode": "fax"}}).want(t, 400, "validation_failed")
	})
	var id string
	t.Run("OK", func(t *testing.T) {
		r := e.book(e.qid, e.tok, e.lawyer, e.start, "").want(t, 201)
		id = r.str("id")
		lawyer, _ := r.body["lawyer"].(map[string]any)
		firm, _ := lawyer["firm"].(map[string]any)
		if r.str("status") != "pending" || r.str("respondBy") == "" || r.str("startLocal") == "" || r.body["minutes"] != float64(30) ||
			firm["phone"] != "025-83331234" || r.body["visitor"] != nil || r.header.Get("Location") != "/bookings/"+id {
			t.Fatalf("booking = %s", r.raw)
		}
		if strings.Contains(r.raw, "13912345678") {
			t.Fatal("the visitor sees the lawyer's direct phone before confirmation")
		}
		// The slot is held: no longer listed as open.
		slots := e.do(req{method: "GET", path: "/lawyers/" + e.lawyer + "/slots"}).want(t, 200).items()
		if len(slots) != 1 {
			t.Fatalf("open slots after booking = %v", slots)
		}
		q := e.do(req{method: "GET", path: "/questions/" + e.qid, visitor: e.tok}).want(t, 200)
		if q.str("status") != "booked" || q.str("openBookingId") != id {
			t.Fatalf("question after booking = %s", q.raw)
		}
	})
	t.Run("ErrOneOpenBookingPerQuestion", func(t *testing.T) {
		e.book(e.qid, e.tok, e.lawyer, e.start.Add(time.Hour), "").want(t, 409, "conflict")
	})
	t.Run("ErrSlotTaken", func(t *testing.T) {
		q2, tok2 := e.mustQuestion(map[string]any{"area": "family", "phone": "13800138009"})
		e.book(q2, tok2, e.lawyer, e.start, "").want(t, 409, "slot_unavailable")
	})
	t.Run("SameQuestionSameSlotIsTheSameBooking", func(t *testing.T) {
		// A retry without a key (say, after a lost answer) finds its own booking.
		r := e.book(e.qid, e.tok, e.lawyer, e.start, "").want(t, 201)
		if r.str("id") != id || r.header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("retry = %s", r.raw)
		}
	})
	t.Run("Erased", func(t *testing.T) {
		q3, tok3 := e.mustQuestion(map[string]any{"area": "family", "phone": "13800138008"})
		e.do(req{method: "DELETE", path: "/questions/" + q3, visitor: tok3}).want(t, 204)
		e.book(q3, tok3, e.lawyer, e.start.Add(time.Hour), "").want(t, 404, "not_found")
	})
}

func TestIdempotencyKey(t *testing.T) {
	e := newBookingEnv(t)
	key := "6f9a1c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"
	first := e.book(e.qid, e.tok, e.lawyer, e.start, key).want(t, 201)
	id := first.str("id")
	t.Run("SameKeyAfterChange", func(t *testing.T) {
		e.act(id, "decline", e.lawyerTok(), "", map[string]any{"reason": "出差"}).want(t, 200)
		r := e.book(e.qid, e.tok, e.lawyer, e.start, key).want(t, 201)
		if r.str("id") != id || r.str("status") != "declined" || r.header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("replay = %s", r.raw)
		}
	})
	t.Run("ErrSameKeyOtherBody", func(t *testing.T) {
		e.book(e.qid, e.tok, e.lawyer, e.start.Add(time.Hour), key).want(t, 409, "conflict")
	})
	t.Run("ErrKeyTooLong", func(t *testing.T) {
		e.book(e.qid, e.tok, e.lawyer, e.start.Add(time.Hour), strings.Repeat("k", 256)).want(t, 400, "validation_failed")
	})
	t.Run("KeyExpires", func(t *testing.T) {
		// After 24 hours the key is forgotten (and TTL may not have deleted it yet).
		e.setNow(time.Now().Add(25 * time.Hour))
		defer e.setNow(time.Now())
		r := e.book(e.qid, e.tok, e.lawyer, e.start.Add(time.Hour), key).want(t, 201)
		if r.str("id") == id {
			t.Fatal("an expired key replayed the old booking")
		}
	})
}

// The same request with the same key, fired concurrently: one booking.
func TestIdempotencyKeyConcurrent(t *testing.T) {
	e := newBookingEnv(t)
	const n = 20
	ids := make([]string, n)
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r := e.book(e.qid, e.tok, e.lawyer, e.start, "same-key-123")
			ids[i], codes[i] = r.str("id"), r.status
		}(i)
	}
	wg.Wait()
	for i := range ids {
		if codes[i] != 201 || ids[i] != ids[0] {
			t.Fatalf("request %d: %d %q, want 201 %q", i, codes[i], ids[i], ids[0])
		}
	}
	page := e.do(req{method: "GET", path: "/lawyer/bookings", token: e.lawyerTok()}).want(t, 200)
	if len(page.items()) != 1 {
		t.Fatalf("%d bookings exist, want 1", len(page.items()))
	}
}

// Sixty visitors race for six slots of three lawyers: exactly one winner
// per slot, every loser a 409, no pending booking without its held slot
// and no held slot without its pending booking.
func TestConcurrentBookings(t *testing.T) {
	// What is proven is who wins, not how fast: DynamoDB Local runs one
	// transaction at a time, and sixty at once queue behind each other on
	// a busy machine, so the request deadline is not what this tests.
	e := newEnv(t, nil, func(c *app.Config, d *api.Deps) { c.QuestionRateLimit, d.Timeout = 0, time.Minute })
	firm := e.mustFirm("南京")
	start := time.Now().Add(48 * time.Hour).Truncate(time.Hour)
	type slot struct {
		lawyer string
		start  time.Time
	}
	var slots []slot
	for i := 0; i < 3; i++ {
		l := e.mustLawyer(firm, "南京", "labor")
		for k := 0; k < 2; k++ {
			s := slot{l, start.Add(time.Duration(k) * time.Hour)}
			e.slotAt(l, firm, s.start)
			slots = append(slots, s)
		}
	}
	const visitors = 60
	type visitor struct{ qid, tok string }
	vs := make([]visitor, visitors)
	for i := range vs {
		vs[i].qid, vs[i].tok = e.mustQuestion(map[string]any{"area": "labor", "phone": fmt.Sprintf("1390000%04d", i)})
	}
	results := make([]response, visitors)
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for i := range vs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-gate
			s := slots[i%len(slots)]
			// A 503 is DynamoDB Local overwhelmed (one transaction at a
			// time, each call given 5 s): the visitor tries again, as
			// Retry-After says, with the same key — the answer is then
			// the booking if the first try made it, whatever the race.
			key := fmt.Sprintf("visitor-%d", i)
			for try := 0; ; try++ {
				results[i] = e.book(vs[i].qid, vs[i].tok, s.lawyer, s.start, key)
				if results[i].status != 503 || try == 5 {
					break
				}
				time.Sleep(time.Second)
			}
		}(i)
	}
	close(gate)
	wg.Wait()
	winners := map[string]string{} // slot → booking
	for i, r := range results {
		s := slots[i%len(slots)]
		key := s.lawyer + s.start.String()
		switch r.status {
		case 201:
			if prev, ok := winners[key]; ok {
				t.Fatalf("slot %v won twice: %s and %s", s, prev, r.str("id"))
			}
			winners[key] = r.str("id")
		case 409:
			if r.code() != "slot_unavailable" {
				t.Fatalf("loser %d: %s", i, r.raw)
			}
		default:
			t.Fatalf("visitor %d: %d %s", i, r.status, r.raw)
		}
	}
	if len(winners) != len(slots) {
		t.Fatalf("%d winners for %d slots", len(winners), len(slots))
	}
	// Invariants, read from the store.
	ctx := context.Background()
	held := 0
	for _, s := range slots {
		page, err := e.store.FindSlots(ctx, domain.SlotFilter{LawyerID: s.lawyer, From: start.Add(-time.Hour), To: start.Add(3 * time.Hour), Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		for _, sl := range page.Items {
			if !sl.Start.Equal(s.start) {
				continue
			}
			if sl.Status != domain.SlotHeld {
				t.Fatalf("slot %v is %s, want held", s, sl.Status)
			}
			held++
			b, err := e.store.FindBookingByID(ctx, winners[s.lawyer+s.start.String()])
			if err != nil || b.Status != domain.BookingPending || b.LawyerID != s.lawyer || !b.Start.Equal(s.start) {
				t.Fatalf("held slot %v without its pending booking: %+v, %v", s, b, err)
			}
		}
		page2, err := e.store.FindLawyerBookings(ctx, domain.BookingFilter{LawyerID: s.lawyer, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(page2.Items) != 2 {
			t.Fatalf("lawyer %s has %d bookings, want 2", s.lawyer, len(page2.Items))
		}
	}
	if held != len(slots) {
		t.Fatalf("%d held slots, want %d", held, len(slots))
	}
}

func TestTransitionsThroughTheAPI(t *testing.T) {
	e := newBookingEnv(t)
	peer := e.env.lawyer(e.peer, e.firm)
	outside := e.env.lawyer(e.outside, e.otherFirm)
	id := e.book(e.qid, e.tok, e.lawyer, e.start, "").want(t, 201).str("id")
	t.Run("ErrOthersMayNot", func(t *testing.T) {
		for _, tok := range []string{peer, outside, e.staff(e.firm), e.admin()} {
			e.act(id, "accept", tok, "", nil).want(t, 403, "forbidden")
		}
		e.act(id, "accept", "", e.tok, nil).want(t, 401, "unauthenticated") // no bearer: the authorizer refuses
		e.act(id, "cancel", peer, "", nil).want(t, 403, "forbidden")
		e.act(id, "cancel", "", "", nil).want(t, 401, "unauthenticated")
		e.act("01NOPE", "accept", e.lawyerTok(), "", nil).want(t, 404, "not_found")
	})
	t.Run("ErrDeclineNeedsReason", func(t *testing.T) {
		e.act(id, "decline", e.lawyerTok(), "", map[string]any{}).want(t, 400, "validation_failed")
		e.act(id, "decline", e.lawyerTok(), "", nil).want(t, 400, "validation_failed")
	})
	t.Run("ErrCompleteBeforeConfirmed", func(t *testing.T) {
		e.act(id, "complete", e.lawyerTok(), "", nil).want(t, 409, "invalid_state")
	})
	t.Run("Accept", func(t *testing.T) {
		r := e.act(id, "accept", e.lawyerTok(), "", nil).want(t, 200)
		if r.str("status") != "confirmed" || r.str("respondBy") != "" {
			t.Fatalf("accepted = %s", r.raw)
		}
		e.act(id, "accept", e.lawyerTok(), "", nil).want(t, 409, "invalid_state")
		e.act(id, "decline", e.lawyerTok(), "", map[string]any{"reason": "x"}).want(t, 409, "invalid_state")
		// Staff of the firm see the booking with the visitor's full contact now.
		v := e.do(req{method: "GET", path: "/bookings/" + id, token: e.staff(e.firm)}).want(t, 200)
		visitor, _ := v.body["visitor"].(map[string]any)
		if visitor["phone"] != "13800138000" {
			t.Fatalf("staff view after confirmation = %s", v.raw)
		}
		e.do(req{method: "GET", path: "/bookings/" + id, token: e.staff(e.otherFirm)}).want(t, 403, "forbidden")
	})
	t.Run("ErrCompleteBeforeStart", func(t *testing.T) {
		e.act(id, "complete", e.lawyerTok(), "", nil).want(t, 409, "invalid_state")
	})
	t.Run("Complete", func(t *testing.T) {
		e.setNow(e.start.Add(40 * time.Minute))
		defer e.setNow(time.Now())
		e.act(id, "cancel", "", e.tok, nil).want(t, 403, "forbidden") // too late for the visitor
		r := e.act(id, "complete", e.lawyerTok(), "", nil).want(t, 200)
		if r.str("status") != "completed" {
			t.Fatalf("completed = %s", r.raw)
		}
		e.act(id, "complete", e.lawyerTok(), "", nil).want(t, 409, "invalid_state")
		e.act(id, "cancel", e.lawyerTok(), "", nil).want(t, 409, "invalid_state")
		l := e.do(req{method: "GET", path: "/lawyers/" + e.lawyer}).want(t, 200)
		if l.body["helpedCount"] != float64(1) {
			t.Fatalf("helpedCount after completion = %v", l.body["helpedCount"])
		}
		// The area card carries it too: the directory by area shows it.
		list := e.do(req{method: "GET", path: "/lawyers?area=family&city=南京"}).want(t, 200)
		for _, it := range list.items() {
			if it["id"] == e.lawyer && it["helpedCount"] != float64(1) {
				t.Fatalf("area card helpedCount = %v", it["helpedCount"])
			}
		}
		q := e.do(req{method: "GET", path: "/questions/" + e.qid, visitor: e.tok}).want(t, 200)
		if q.str("status") != "completed" || q.str("openBookingId") != "" {
			t.Fatalf("question after completion = %s", q.raw)
		}
	})
}

func TestDeclineAndCancelFreeTheSlot(t *testing.T) {
	e := newBookingEnv(t)
	open := func() int {
		return len(e.do(req{method: "GET", path: "/lawyers/" + e.lawyer + "/slots"}).want(t, 200).items())
	}
	id := e.book(e.qid, e.tok, e.lawyer, e.start, "").want(t, 201).str("id")
	if open() != 1 {
		t.Fatal("held slot listed")
	}
	r := e.act(id, "decline", e.lawyerTok(), "", map[string]any{"reason": "那天出差"}).want(t, 200)
	if r.str("status") != "declined" || r.str("declineReason") != "那天出差" || open() != 2 {
		t.Fatalf("declined = %s; open slots %d", r.raw, open())
	}
	e.act(id, "cancel", "", e.tok, nil).want(t, 409, "invalid_state")
	// The question may book again; the visitor cancels a confirmed booking.
	id2 := e.book(e.qid, e.tok, e.lawyer, e.start, "").want(t, 201).str("id")
	e.act(id2, "accept", e.lawyerTok(), "", nil).want(t, 200)
	r = e.act(id2, "cancel", "", e.tok, map[string]any{"reason": "问题已解决"}).want(t, 200)
	if r.str("status") != "cancelled" || r.str("cancelledBy") != "visitor" || open() != 2 {
		t.Fatalf("cancelled = %s", r.raw)
	}
	// The lawyer may cancel too, even late.
	id3 := e.book(e.qid, e.tok, e.lawyer, e.start, "").want(t, 201).str("id")
	e.setNow(e.start.Add(-time.Hour))
	defer e.setNow(time.Now())
	e.act(id3, "cancel", "", e.tok, nil).want(t, 403, "forbidden")
	r = e.act(id3, "cancel", e.lawyerTok(), "", nil).want(t, 200)
	if r.str("cancelledBy") != "lawyer" {
		t.Fatalf("lawyer's cancellation = %s", r.raw)
	}
}

func TestExpiry(t *testing.T) {
	e := newBookingEnv(t, func(c *app.Config, _ *api.Deps) { c.BookingPendingTTL = time.Hour })
	id := e.book(e.qid, e.tok, e.lawyer, e.start, "").want(t, 201).str("id")
	t.Run("AcceptTooLate", func(t *testing.T) {
		e.setNow(time.Now().Add(2 * time.Hour))
		defer e.setNow(time.Now())
		e.act(id, "accept", e.lawyerTok(), "", nil).want(t, 409, "invalid_state")
		b := e.do(req{method: "GET", path: "/bookings/" + id, visitor: e.tok}).want(t, 200)
		if b.str("status") != "expired" {
			t.Fatalf("booking after a late accept = %s", b.raw)
		}
	})
	t.Run("Sweep", func(t *testing.T) {
		id2 := e.book(e.qid, e.tok, e.lawyer, e.start, "").want(t, 201).str("id")
		e.setNow(time.Now().Add(2 * time.Hour))
		defer e.setNow(time.Now())
		rep, err := e.svc.Sweep(context.Background())
		if err != nil || rep.BookingsExpired != 1 {
			t.Fatalf("sweep = %+v, %v", rep, err)
		}
		if b := e.do(req{method: "GET", path: "/bookings/" + id2, visitor: e.tok}).want(t, 200); b.str("status") != "expired" {
			t.Fatalf("after the sweep = %s", b.raw)
		}
		if n := len(e.do(req{method: "GET", path: "/lawyers/" + e.lawyer + "/slots"}).want(t, 200).items()); n != 2 {
			t.Fatalf("%d open slots after expiry, want 2", n)
		}
		if rep, _ := e.svc.Sweep(context.Background()); rep.BookingsExpired != 0 {
			t.Fatal("a second sweep expired again")
		}
	})
}

func TestLawyerBookingsAndICS(t *testing.T) {
	e := newBookingEnv(t)
	id := e.book(e.qid, e.tok, e.lawyer, e.start.Add(time.Hour), "").want(t, 201).str("id")
	q2, tok2 := e.mustQuestion(map[string]any{"area": "family", "phone": "13800135678", "name": "韩梅梅"})
	id2 := e.book(q2, tok2, e.lawyer, e.start, "").want(t, 201).str("id")
	r := e.do(req{method: "GET", path: "/lawyer/bookings?status=pending", token: e.lawyerTok()}).want(t, 200)
	items := r.items()
	if len(items) != 2 || items[0]["id"] != id2 || items[1]["id"] != id {
		t.Fatalf("pending, soonest first = %s", r.raw)
	}
	visitor, _ := items[0]["visitor"].(map[string]any)
	if visitor["phone"] != "138****5678" || visitor["name"] != "韩**" || strings.Contains(r.raw, "13800135678") || strings.Contains(r.raw, "lilei@example.com") {
		t.Fatalf("pending bookings show the visitor unmasked: %s", r.raw)
	}
	e.do(req{method: "GET", path: "/lawyer/bookings?status=weird", token: e.lawyerTok()}).want(t, 400, "validation_failed")
	e.do(req{method: "GET", path: "/lawyer/bookings", token: e.staff(e.firm)}).want(t, 403, "forbidden")
	if n := len(e.do(req{method: "GET", path: "/lawyer/bookings", token: e.env.lawyer(e.peer, e.firm)}).want(t, 200).items()); n != 0 {
		t.Fatalf("a peer sees %d of the lawyer's bookings", n)
	}
	t.Run("ICS", func(t *testing.T) {
		hr := e.do(req{method: "GET", path: "/bookings/" + id + ".ics", visitor: e.tok}).want(t, 200)
		if !strings.HasPrefix(hr.header.Get("Content-Type"), "text/calendar") || !strings.Contains(hr.raw, "DTSTART:"+e.start.Add(time.Hour).UTC().Format("20060102T150405Z")) {
			t.Fatalf("ics = %s %s", hr.header.Get("Content-Type"), hr.raw)
		}
		e.do(req{method: "GET", path: "/bookings/" + id + ".ics", visitor: tok2}).want(t, 403, "forbidden")
		e.do(req{method: "GET", path: "/bookings/" + id + ".ics"}).want(t, 401, "unauthenticated")
	})
}

// A lawyer in New York: slots across the spring DST change keep their
// local time, and the visitor's cancellation notice counts real hours, not
// wall-clock ones.
func TestDST(t *testing.T) {
	e := newEnv(t, nil)
	firm := e.mustFirm("New York")
	r := e.do(req{method: "POST", path: "/lawyers", token: e.admin(), body: map[string]any{
		"firmId": firm, "name": "Emily Chen", "areas": []string{"family"}, "city": "New York", "licenseNo": "NY-0000123",
		"phone": "+12125550123", "timeZone": "America/New_York"}}).want(t, 201)
	lawyer := r.str("id")
	ny, _ := time.LoadLocation("America/New_York")
	// Sunday 14 March 2027: clocks go from 02:00 EST to 03:00 EDT.
	before := time.Date(2027, 3, 13, 9, 0, 0, 0, ny)
	after := time.Date(2027, 3, 14, 9, 0, 0, 0, ny)
	early := time.Date(2027, 3, 14, 3, 30, 0, 0, ny)
	e.setNow(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC))
	defer e.setNow(time.Now())
	slots := e.do(req{method: "POST", path: "/lawyers/" + lawyer + "/slots", token: e.staff(firm), body: map[string]any{"slots": []map[string]any{
		{"start": before.Format(time.RFC3339), "minutes": 60}, {"start": after.Format(time.RFC3339), "minutes": 60}, {"start": early.Format(time.RFC3339), "minutes": 30},
	}}}).want(t, 201).items()
	if slots[0]["startLocal"] != "2027-03-13T09:00:00-05:00" || slots[1]["startLocal"] != "2027-03-14T09:00:00-04:00" ||
		slots[0]["start"] != "2027-03-13T14:00:00Z" || slots[1]["start"] != "2027-03-14T13:00:00Z" {
		t.Fatalf("slots across DST = %v", slots)
	}
	qid, tok := e.mustQuestion(map[string]any{"area": "family", "city": "New York"})
	b := e.book(qid, tok, lawyer, early, "").want(t, 201)
	if b.str("startLocal") != "2027-03-14T03:30:00-04:00" {
		t.Fatalf("booking = %s", b.raw)
	}
	e.act(b.str("id"), "accept", e.lawyer(lawyer, firm), "", nil).want(t, 200)
	// 01:20 EST is 2h10m before 03:30 EDT on the wall clock, but only 1h10m
	// in real time: the 2-hour notice refuses it.
	e.setNow(time.Date(2027, 3, 14, 1, 20, 0, 0, ny))
	e.act(b.str("id"), "cancel", "", tok, nil).want(t, 403, "forbidden")
	e.setNow(time.Date(2027, 3, 14, 0, 20, 0, 0, ny)) // 2h10m before, really
	e.act(b.str("id"), "cancel", "", tok, nil).want(t, 200)
}
