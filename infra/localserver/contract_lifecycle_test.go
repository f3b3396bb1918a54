package localserver_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lawdesk/lawdesk/infra/testclient"
)

// The booking lifecycle additions of TestContract (review, reviews,
// slot withdrawal, expiry and reminders), erasure, the local
// notifications and the rate limits.

func lifecycleRoutes(t *testing.T, c client, w *world, srv *contractServer) {
	done, missed := w.completed, w.noShow
	if done.id == "" {
		t.Fatal("no completed booking from the Bookings walk")
	}
	t.Run("POST /bookings/{id}/review", func(t *testing.T) {
		path := "/bookings/" + done.id + "/review"
		for _, in := range []map[string]any{{"stars": 0}, {"stars": 6}, {"text": "很好"}, {"stars": 5, "text": strings.Repeat("好", 1001)}, {"stars": "5"}} {
			c.deny(t, done.q.v, "POST", path, in, 400, "validation_failed")
		}
		c.deny(t, anyone, "POST", path, map[string]any{"stars": 5}, 401, "unauthenticated")
		c.deny(t, missed.q.v, "POST", path, map[string]any{"stars": 1}, 403, "forbidden")
		c.deny(t, w.l1, "POST", path, map[string]any{"stars": 5}, 403, "forbidden")
		// Only completed bookings: a missed one is 409.
		c.deny(t, missed.q.v, "POST", "/bookings/"+missed.id+"/review", map[string]any{"stars": 1}, 409, "")
		rv := c.want(t, done.q.v, "POST", path, map[string]any{"stars": 5, "text": "周律师很专业。我是韩梅梅，有事打13800138005。"}, 201)
		shape(t, "review", rv, map[string]string{"stars": "int", "text": "string", "area": "string", "createdAt": "time"})
		if rv["stars"] != 5.0 || strings.Contains(rv["text"].(string), "13800138005") || strings.Contains(rv["text"].(string), "韩梅梅") {
			t.Errorf("review = %v, want 5 stars and the text redacted", rv)
		}
		// Once.
		c.deny(t, done.q.v, "POST", path, map[string]any{"stars": 4}, 409, "conflict")
		second := pastBooking(t, c, w, srv, 4*time.Hour, "13800138014")
		c.want(t, w.l1, "POST", "/bookings/"+second.id+"/complete", nil, 200)
		c.want(t, second.q.v, "POST", "/bookings/"+second.id+"/review", map[string]any{"stars": 3, "text": strings.Repeat("好", 1000)}, 201)
	})
	t.Run("GET /lawyers/{id}/reviews", func(t *testing.T) {
		list := items(t, "reviews", c.want(t, anyone, "GET", "/lawyers/"+w.l1ID+"/reviews", nil, 200))
		if len(list) != 2 || list[0]["stars"] != 3.0 || list[1]["stars"] != 5.0 {
			t.Fatalf("reviews = %v, want the 3-star then the 5-star (newest first)", list)
		}
		for _, rv := range list {
			for k := range rv {
				if !slices.Contains([]string{"stars", "text", "area", "createdAt"}, k) {
					t.Errorf("a review has %s = %v: never who wrote it", k, rv[k])
				}
			}
			shape(t, "listed review", rv, map[string]string{"stars": "int", "text": "string", "area": "string", "createdAt": "time"})
		}
		if text := list[1]["text"].(string); strings.Contains(text, "13800138005") || strings.Contains(text, "韩梅梅") || !strings.Contains(text, "[已隐藏]") {
			t.Errorf("the review's text is not redacted: %s", text)
		}
		rating := obj(t, "rating", c.want(t, anyone, "GET", "/lawyers/"+w.l1ID, nil, 200)["rating"])
		if rating["average"] != 4.0 || rating["count"] != 2.0 {
			t.Errorf("rating after a 5-star and a 3-star review = %v", rating)
		}
		c.deny(t, anyone, "GET", "/lawyers/01ARZ3NDEKTSV4RRFFQ69G5FAV/reviews", nil, 404, "not_found")
	})

	// A confirmed booking (slot 5, booked) and a pending one (slot 6, held).
	qr := ask(t, c, map[string]any{"phone": "13800138012"})
	br := book(t, c, qr, w.l1ID, w.l1Local[5])
	c.want(t, w.l1, "POST", "/bookings/"+br+"/accept", nil, 200)
	qp := ask(t, c, map[string]any{"phone": "13800138013"})
	bp := book(t, c, qp, w.l1ID, w.l1Local[6])
	t.Run("DELETE /lawyers/{id}/slots/{start}", func(t *testing.T) {
		del := func(start string) string { return "/lawyers/" + w.l1ID + "/slots/" + url.PathEscape(start) }
		c.deny(t, w.l1, "DELETE", del(w.l1Slots[5]), nil, 409, "invalid_state")
		c.deny(t, w.l1, "DELETE", del(w.l1Slots[6]), nil, 409, "invalid_state")
		for _, p := range []party{w.l2, w.staffB, w.admin} {
			c.deny(t, p, "DELETE", del(w.l1Slots[9]), nil, 403, "forbidden")
		}
		c.deny(t, anyone, "DELETE", del(w.l1Slots[9]), nil, 401, "unauthenticated")
		// The lawyer, with the start as published (+08:00, escaped); staff, in UTC.
		c.want(t, w.l1, "DELETE", "/lawyers/"+w.l1ID+"/slots/"+strings.ReplaceAll(w.l1Local[7], "+", "%2B"), nil, 204)
		c.want(t, w.staffA, "DELETE", del(w.l1Slots[8]), nil, 204)
		open := openSlots(t, c, w.l1ID)
		if slices.Contains(open, w.l1Slots[7]) || slices.Contains(open, w.l1Slots[8]) || !slices.Contains(open, w.l1Slots[9]) {
			t.Errorf("open slots after withdrawing 7 and 8: %v", open)
		}
		c.deny(t, w.l1, "DELETE", del("yesterday"), nil, 400, "validation_failed")
	})
	t.Run("expiry and reminders", func(t *testing.T) {
		// A confirmed booking cannot complete before its time.
		c.deny(t, w.l1, "POST", "/bookings/"+br+"/complete", nil, 409, "invalid_state")
		// 23 hours before the confirmed booking's start, a day after the
		// pending one was made: the 24h reminder is due, the pending booking
		// expires and frees its slot.
		// BOOKING_PENDING_TTL is 24h by default: 23 hours on, the
		// booking still waits for the lawyer.
		srv.shift(23 * time.Hour)
		time.Sleep(1500 * time.Millisecond) // a sweep or two
		if s := status(t, c, qp.v, bp); s != "pending" {
			t.Errorf("a booking 23 hours old is %s, want still pending", s)
		}
		start, _ := time.Parse(time.RFC3339, w.l1Slots[5])
		srv.shift(time.Until(start.Add(-23 * time.Hour)))
		defer srv.shift(0)
		eventually(t, func() string {
			if s := status(t, c, qp.v, bp); s != "expired" {
				return "the unanswered booking is " + s + ", want expired"
			}
			return ""
		})
		if !slices.Contains(openSlots(t, c, w.l1ID), w.l1Slots[6]) {
			t.Error("an expired booking's slot is not open again")
		}
		c.deny(t, w.l1, "POST", "/bookings/"+bp+"/accept", nil, 409, "invalid_state")
		c.deny(t, qp.v, "POST", "/bookings/"+bp+"/cancel", nil, 409, "invalid_state")
		reminders := func() map[string]int {
			n := map[string]int{}
			for _, m := range items(t, "notifications", c.want(t, anyone, "GET", "/local/notifications?booking="+br, nil, 200)) {
				if m["kind"] == "reminder" {
					n[fmt.Sprint(m["to"], "/", m["channel"])]++
				}
			}
			return n
		}
		var seen map[string]int
		eventually(t, func() string {
			seen = reminders()
			if seen["visitor/sms"] == 0 || seen["lawyer/sms"] == 0 {
				return fmt.Sprintf("reminders = %v, want the visitor and the lawyer reminded", seen)
			}
			return ""
		})
		time.Sleep(3 * time.Second) // three more sweeps, and a delivery
		if again := reminders(); fmt.Sprint(again) != fmt.Sprint(seen) {
			t.Errorf("reminders went out again: %v, then %v", seen, again)
		}
		for k, n := range seen {
			if n != 1 {
				t.Errorf("%d reminders %s, want exactly one (the 24h; the 1h is not due)", n, k)
			}
		}
		// None for a booking no longer confirmed, or moved away from a time.
		for _, m := range items(t, "notifications", c.want(t, anyone, "GET", "/local/notifications?booking="+w.rescheduled, nil, 200)) {
			if m["kind"] == "reminder" {
				t.Errorf("a cancelled booking was reminded: %v", m)
			}
		}
	})
}

func erasure(t *testing.T, c client, w *world) {
	q := ask(t, c, map[string]any{"public": true, "phone": "13800138009", "title": "商标被抢注了能不能要求赔偿"})
	b := book(t, c, q, w.l1ID, w.l1Local[10])
	if r := c.do(t, anyone, "GET", "/q/"+q.id, nil); r.Status != 200 {
		t.Fatalf("the public page before erasure: %d", r.Status)
	}
	c.deny(t, anyone, "DELETE", "/questions/"+q.id, nil, 401, "unauthenticated")
	c.deny(t, w.publicQ.v, "DELETE", "/questions/"+q.id, nil, 403, "forbidden")
	c.deny(t, w.l1, "DELETE", "/questions/"+q.id, nil, 401, "unauthenticated")
	c.want(t, q.v, "DELETE", "/questions/"+q.id, nil, 204)

	m := c.want(t, q.v, "GET", "/questions/"+q.id, nil, 200)
	for _, f := range []string{"name", "phone", "email", "body"} {
		if v, ok := m[f]; ok && v != "" {
			t.Errorf("after erasure the question still has %s = %v", f, v)
		}
	}
	if s := status(t, c, q.v, b); s != "cancelled" {
		t.Errorf("the erased question's open booking = %s, want cancelled", s)
	}
	if !slices.Contains(openSlots(t, c, w.l1ID), w.l1Slots[10]) {
		t.Error("the erased question's booking did not free its slot")
	}
	c.deny(t, anyone, "GET", "/questions/"+q.id, nil, 404, "not_found")
	if r := c.do(t, anyone, "GET", "/q/"+q.id, nil); r.Status != 404 || strings.Contains(string(r.Body), "能不能要求赔偿") {
		t.Errorf("the erased question's page = %d", r.Status)
	}
	if r := c.do(t, anyone, "GET", "/sitemap.xml", nil); strings.Contains(string(r.Body), q.id) {
		t.Error("the sitemap lists an erased question")
	}
	c.want(t, q.v, "DELETE", "/questions/"+q.id, nil, 204)
}

func notifications(t *testing.T, c client) {
	all := items(t, "notifications", c.want(t, anyone, "GET", "/local/notifications", nil, 200))
	if len(all) == 0 {
		t.Fatal("nothing was sent")
	}
	var last time.Time
	for i, m := range all {
		shape(t, fmt.Sprintf("notification %d", i), m, map[string]string{"kind": "string", "to": "string", "channel": "string", "at": "time", "text": "string"})
		for _, f := range []string{"bookingId", "questionId", "subject"} {
			if v, ok := m[f]; ok && !isKind(v, "string") {
				t.Errorf("notification %d: %s = %v", i, f, v)
			}
		}
		if !slices.Contains([]any{"visitor", "lawyer", "staff"}, m["to"]) || !slices.Contains([]any{"email", "sms"}, m["channel"]) {
			t.Errorf("notification %d goes to %v by %v", i, m["to"], m["channel"])
		}
		at, _ := time.Parse(time.RFC3339, m["at"].(string))
		if at.Before(last) {
			t.Errorf("notification %d is older than the one before: not oldest first", i)
		}
		last = at
	}
	// The filters.
	b, _ := all[len(all)-1]["bookingId"].(string)
	for _, m := range all {
		if id, _ := m["bookingId"].(string); id != "" {
			b = id
			break
		}
	}
	for _, m := range items(t, "by booking", c.want(t, anyone, "GET", "/local/notifications?booking="+b, nil, 200)) {
		if m["bookingId"] != b {
			t.Errorf("?booking=%s gave %v", b, m)
		}
	}
	var q string
	for _, m := range all {
		if id, _ := m["questionId"].(string); id != "" {
			q = id
		}
	}
	byQuestion := items(t, "by question", c.want(t, anyone, "GET", "/local/notifications?question="+q, nil, 200))
	if len(byQuestion) == 0 {
		t.Errorf("?question=%s gave nothing", q)
	}
	for _, m := range byQuestion {
		if m["questionId"] != q {
			t.Errorf("?question=%s gave %v", q, m)
		}
	}
	if r := c.do(t, anyone, "GET", "/local/inbox", nil); r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		t.Errorf("GET /local/inbox = %d %s", r.Status, r.Header.Get("Content-Type"))
	}
}

// rateLimits runs the built server (`make run`'s binary) with small limits
// from its environment, on the walk's DynamoDB Local in a table of its own.
func rateLimits(t *testing.T, srv *contractServer) {
	bin := buildServer(t)
	s := startServer(t, bin, t.TempDir(), "SEED_DEMO=0", "QUESTION_RATE_LIMIT=2", "CLASSIFY_RATE_LIMIT=3",
		"DYNAMODB_ENDPOINT="+srv.ddbEndpoint(t), fmt.Sprintf("TABLE_NAME=ratelimit%d", time.Now().UnixNano()))
	defer s.stop()
	c := client{base: s.base}
	// SEED_DEMO=0: no demo data.
	if list := items(t, "directory", c.want(t, anyone, "GET", "/lawyers", nil, 200)); len(list) != 0 {
		t.Errorf("with SEED_DEMO=0 the directory holds %v", list)
	}
	ask := func(phone string) map[string]any {
		return map[string]any{"title": "别人抢注了我们店的商标怎么办", "area": "ip", "name": "韩梅梅", "phone": phone, "consent": true}
	}
	// limited sends limit requests that pass, then one that is 429 with
	// Retry-After. The limits count in fixed windows (an hour, a minute):
	// should a window end amid the run, it is run once more in the next.
	limited := func(what string, limit int, send func(i int) testclient.Response) {
		t.Helper()
		for try := 0; try < 2; try++ {
			for i := 0; i < limit; i++ {
				if r := send(try*10 + i); r.Status == 429 {
					t.Fatalf("%s %d of %d is refused: %s", what, i+1, limit, r.Body)
				}
			}
			r := send(try*10 + limit)
			if r.Status == 429 {
				if err := testclient.CheckError(r, 429, "rate_limited"); err != nil {
					t.Error(err)
				}
				return
			}
		}
		t.Errorf("%s: more than %d in one window are served", what, limit)
	}
	limited("questions", 2, func(i int) testclient.Response {
		return c.do(t, anyone, "POST", "/questions", ask(fmt.Sprintf("138001381%02d", i)))
	})
	// Another source address has a count of its own.
	other := client{base: s.base, hc: clientFrom("127.0.0.2")}
	other.want(t, anyone, "POST", "/questions", ask("13800138199"), 201)
	limited("classify calls", 3, func(int) testclient.Response {
		return c.do(t, anyone, "POST", "/practice-areas/classify", map[string]any{"text": "商标被抢注"})
	})
}
