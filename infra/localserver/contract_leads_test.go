package localserver_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// The lead desk of TestContract: GET /leads, /leads.csv, /leads/stats,
// POST /leads/{questionId}/assign and the offer flow.

func leadRoutes(t *testing.T, c client, w *world) {
	// The past bookings' questions were asked with the clock up to eight
	// hours back: the range starts the day before.
	since, today := time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly), time.Now().UTC().Format(time.DateOnly)
	done := w.completed.q.id
	if done == "" {
		t.Fatal("no completed booking from the Bookings walk")
	}
	t.Run("GET /leads", func(t *testing.T) {
		r := c.do(t, w.staffA, "GET", "/leads?status=completed&area=ip&from="+since+"&to="+today, nil)
		list := items(t, "leads", r.JSON)
		lead := find(list, "questionId", done)
		if lead == nil {
			t.Fatalf("the completed consultation's question is not among the firm's completed leads: %s", r.Body)
		}
		shape(t, "lead", lead, map[string]string{"questionId": "id", "title": "string", "area": "string", "status": "string", "createdAt": "time"})
		for _, it := range list {
			if it["status"] != "completed" || it["area"] != "ip" {
				t.Errorf("status=completed&area=ip listed %v", it)
			}
		}
		// The visitor chose the firm (its lawyer confirmed): the contact shows.
		if v, _ := lead["visitor"].(map[string]any); v["phone"] != "13800138005" {
			t.Errorf("the confirmed lead's visitor = %v, want the phone as written", lead["visitor"])
		}
		if list := items(t, "leads in 2020", c.want(t, w.staffA, "GET", "/leads?from=2020-01-01&to=2020-01-31", nil, 200)); len(list) != 0 {
			t.Errorf("leads of January 2020 = %v", list)
		}
		c.want(t, w.admin, "GET", "/leads?firm="+w.firmA, nil, 200)
		if r := c.do(t, w.staffB, "GET", "/leads", nil); bytes.Contains(r.Body, []byte(done)) {
			t.Errorf("another firm's staff see the lead: %s", r.Body)
		}
		c.deny(t, w.l1, "GET", "/leads", nil, 403, "forbidden")
		c.deny(t, anyone, "GET", "/leads", nil, 401, "unauthenticated")
		c.deny(t, w.staffA, "GET", "/leads?status=lost", nil, 400, "validation_failed")
	})
	t.Run("POST /leads/{questionId}/assign on the firm's lead", func(t *testing.T) {
		lead := c.want(t, w.staffA, "POST", "/leads/"+done+"/assign", map[string]any{"lawyerId": w.l2ID}, 200)
		if lead["questionId"] != done || lead["assignedTo"] != w.l2ID {
			t.Errorf("the assigned lead = %v, want it assigned to L2", lead)
		}
		c.deny(t, w.staffB, "POST", "/leads/"+done+"/assign", map[string]any{"lawyerId": w.lbID}, 409, "conflict")
	})
	t.Run("GET /leads.csv", func(t *testing.T) {
		for _, p := range []party{w.staffA, w.admin.with("X-Unused", "1")} {
			path := "/leads.csv?area=ip&from=" + since + "&to=" + today
			if p.name == "admin" {
				path += "&firm=" + w.firmA
			}
			r := c.do(t, p, "GET", path, nil)
			if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
				t.Fatalf("%s: GET /leads.csv = %d %s: %s", p.name, r.Status, r.Header.Get("Content-Type"), r.Body)
			}
			if !bytes.HasPrefix(r.Body, []byte("\xEF\xBB\xBF")) {
				t.Errorf("%s: the CSV does not start with the UTF-8 BOM: %q", p.name, r.Body[:min(len(r.Body), 20)])
			}
			if !bytes.Contains(r.Body, []byte(done)) {
				t.Errorf("%s: the CSV lacks the lead %s:\n%s", p.name, done, r.Body)
			}
		}
		// The same filters as GET /leads.
		r := c.do(t, w.staffA, "GET", "/leads.csv?status=completed", nil)
		if !bytes.Contains(r.Body, []byte(done)) || bytes.Contains(r.Body, []byte(w.noShow.q.id)) {
			t.Errorf("the CSV of completed leads:\n%s", r.Body)
		}
		c.deny(t, w.l1, "GET", "/leads.csv", nil, 403, "forbidden")
		c.deny(t, anyone, "GET", "/leads.csv", nil, 401, "unauthenticated")
	})
	t.Run("GET /leads/stats", func(t *testing.T) {
		steps := map[string]string{"submitted": "int", "matched": "int", "booked": "int", "confirmed": "int", "completed": "int"}
		for _, p := range []party{w.staffA, w.admin} {
			m := c.want(t, p, "GET", "/leads/stats?from="+since+"&to="+today, nil, 200)
			total := obj(t, "total", m["total"])
			shape(t, p.name+": funnel", total, steps)
			if total["completed"].(float64) < 1 || total["confirmed"].(float64) < total["completed"].(float64) || total["booked"].(float64) < total["confirmed"].(float64) {
				t.Errorf("%s: funnel = %v, want the completed consultation counted at each step", p.name, total)
			}
			var ip map[string]any
			for _, a := range m["byArea"].([]any) {
				if a := obj(t, "byArea", a); a["area"] == "ip" {
					ip = a
				}
			}
			if ip == nil {
				t.Fatalf("%s: no ip in byArea: %v", p.name, m)
			}
			shape(t, "ip counts", obj(t, "counts", ip["counts"]), steps)
			// A no-show is counted in the funnel.
			if n, _ := total["no_show"].(float64); n < 1 {
				t.Errorf("%s: the funnel does not count the no-show: %v", p.name, total)
			}
		}
		c.deny(t, w.l1, "GET", "/leads/stats", nil, 403, "forbidden")
		c.deny(t, anyone, "GET", "/leads/stats", nil, 401, "unauthenticated")
		c.deny(t, w.staffA, "GET", "/leads/stats?from=someday", nil, 400, "validation_failed")
	})
}

func offerRoutes(t *testing.T, c client, w *world) {
	pool := ask(t, c, map[string]any{"name": "欧阳娜娜", "phone": "13800138007", "email": "pool@example.com", "body": "我叫欧阳娜娜，电话13800138007，店名被人抢注成了商标。"})
	pii := []string{"13800138007", "pool@example.com", "欧阳娜娜"}
	noContact := func(t *testing.T, what string, body []byte) {
		t.Helper()
		for _, s := range pii {
			if bytes.Contains(body, []byte(s)) {
				t.Errorf("%s shows %s: %s", what, s, body)
			}
		}
	}
	t.Run("the pool", func(t *testing.T) {
		r := c.do(t, w.staffA, "GET", "/leads?scope=unassigned&limit=100", nil)
		lead := find(items(t, "pool", r.JSON), "questionId", pool.id)
		if lead == nil {
			t.Fatalf("the unbooked ip question is not in the pool of a firm with ip lawyers: %s", r.Body)
		}
		shape(t, "pool lead", lead, map[string]string{"title": "string", "area": "string", "city": "string", "body": "string"})
		if !strings.Contains(lead["body"].(string), "[已隐藏]") {
			t.Errorf("the pool's body is not redacted: %v", lead["body"])
		}
		noContact(t, "the pool", r.Body)
	})
	var offerA, offerB string
	t.Run("assign makes an offer", func(t *testing.T) {
		body := map[string]any{"lawyerId": w.l1ID}
		c.deny(t, anyone, "POST", "/leads/"+pool.id+"/assign", body, 401, "unauthenticated")
		c.deny(t, w.admin, "POST", "/leads/"+pool.id+"/assign", body, 403, "forbidden")
		c.deny(t, w.l1, "POST", "/leads/"+pool.id+"/assign", body, 403, "forbidden")
		c.deny(t, w.staffA, "POST", "/leads/"+pool.id+"/assign", map[string]any{"lawyerId": w.lbID}, 400, "validation_failed")
		r := c.do(t, w.staffA, "POST", "/leads/"+pool.id+"/assign", body)
		if r.Status != 200 || r.JSON["status"] != "offered" {
			t.Fatalf("the offer: %d %s, want 200 and status offered", r.Status, r.Body)
		}
		noContact(t, "the offered lead", r.Body)
		lead := find(items(t, "leads", c.want(t, w.staffA, "GET", "/leads?limit=100", nil, 200)), "questionId", pool.id)
		if lead == nil || lead["status"] != "offered" {
			t.Errorf("the firm's leads show the offer as %v, want status offered", lead)
		}
		noContact(t, "the firm's leads", c.do(t, w.staffA, "GET", "/leads?limit=100", nil).Body)
		c.want(t, w.staffB, "POST", "/leads/"+pool.id+"/assign", map[string]any{"lawyerId": w.lbID}, 200)
		// The visitor is told (kind offer) and sees both offers.
		eventually(t, func() string {
			for _, m := range items(t, "notifications", c.want(t, anyone, "GET", "/local/notifications?question="+pool.id, nil, 200)) {
				if m["kind"] == "offer" && m["to"] == "visitor" {
					return ""
				}
			}
			return "the visitor was not told of the offer (kind offer)"
		})
		q := c.want(t, pool.v, "GET", "/questions/"+pool.id, nil, 200)
		offers, _ := q["offers"].([]any)
		if len(offers) != 2 {
			t.Fatalf("the visitor sees offers %v, want two", q["offers"])
		}
		for _, o := range offers {
			o := obj(t, "offer", o)
			shape(t, "offer", o, map[string]string{"id": "id", "firm": "object", "lawyer": "object", "createdAt": "time", "status": "string"})
			shape(t, "offer.firm", obj(t, "firm", o["firm"]), map[string]string{"name": "string", "phone": "string"})
			shape(t, "offer.lawyer", obj(t, "lawyer", o["lawyer"]), map[string]string{"id": "id", "name": "string", "phone": "absent", "email": "absent"})
			if o["status"] != "offered" {
				t.Errorf("a new offer's status = %v", o["status"])
			}
			switch obj(t, "firm", o["firm"])["id"] {
			case w.firmA:
				offerA = o["id"].(string)
			case w.firmB:
				offerB = o["id"].(string)
			}
		}
		if offerA == "" || offerB == "" {
			t.Fatalf("the offers do not name their firms: %v", offers)
		}
		if pub := c.do(t, anyone, "GET", "/questions/"+pool.id, nil); pub.Status == 200 && bytes.Contains(pub.Body, []byte(offerA)) {
			t.Errorf("the offers show to anyone: %s", pub.Body)
		}
	})
	if offerA == "" {
		t.FailNow()
	}
	t.Run("accept one, the others are declined", func(t *testing.T) {
		path := "/questions/" + pool.id + "/offers/" + offerA + "/accept"
		c.deny(t, anyone, "POST", path, nil, 401, "unauthenticated")
		c.deny(t, w.completed.q.v, "POST", path, nil, 403, "forbidden")
		c.deny(t, w.staffA, "POST", path, nil, 401, "unauthenticated")
		o := c.want(t, pool.v, "POST", path, nil, 200)
		if o["status"] != "accepted" {
			t.Errorf("the accepted offer = %v", o)
		}
		q := c.want(t, pool.v, "GET", "/questions/"+pool.id, nil, 200)
		for _, o := range q["offers"].([]any) {
			if o := obj(t, "offer", o); o["id"] == offerB && o["status"] != "declined" {
				t.Errorf("the other firm's offer after accepting one = %v, want declined", o)
			}
		}
		// Now the firm sees the contact, audited; the other firm does not.
		r := c.do(t, w.staffA, "GET", "/leads?limit=100", nil)
		if !bytes.Contains(r.Body, []byte("13800138007")) {
			t.Errorf("the firm whose offer was accepted does not see the contact: %s", r.Body)
		}
		audit := items(t, "audit", c.want(t, w.staffA, "GET", "/audit?subject="+pool.id, nil, 200))
		if len(audit) == 0 {
			t.Error("the reveal of an accepted offer's contact is not audited")
		}
		noContact(t, "the other firm's leads", c.do(t, w.staffB, "GET", "/leads?limit=100", nil).Body)
		noContact(t, "the other firm's pool", c.do(t, w.staffB, "GET", "/leads?scope=unassigned&limit=100", nil).Body)
	})
	t.Run("decline withdraws it", func(t *testing.T) {
		q := ask(t, c, map[string]any{"phone": "13800138008", "email": "pool@example.com", "name": "李雷"})
		c.want(t, w.staffA, "POST", "/leads/"+q.id+"/assign", map[string]any{"lawyerId": w.l2ID}, 200)
		offers := c.want(t, q.v, "GET", "/questions/"+q.id, nil, 200)["offers"].([]any)
		if len(offers) != 1 {
			t.Fatalf("offers = %v", offers)
		}
		id := obj(t, "offer", offers[0])["id"].(string)
		if o := c.want(t, q.v, "POST", "/questions/"+q.id+"/offers/"+id+"/decline", nil, 200); o["status"] != "declined" {
			t.Errorf("the declined offer = %v", o)
		}
		if r := c.do(t, w.staffA, "GET", "/leads?limit=100", nil); bytes.Contains(r.Body, []byte("13800138008")) {
			t.Errorf("a declined offer shows the contact: %s", r.Body)
		}
		c.deny(t, q.v, "POST", "/questions/"+q.id+"/offers/"+id+"/accept", nil, 409, "")
		c.deny(t, anyone, "POST", "/questions/"+q.id+"/offers/"+id+"/decline", nil, 401, "unauthenticated")
		c.deny(t, q.v, "POST", "/questions/"+q.id+"/offers/01ARZ3NDEKTSV4RRFFQ69G5FAV/accept", nil, 404, "not_found")
	})
}
