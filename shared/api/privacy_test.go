package api_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/app"
)

// world is two firms and their people around one confirmed booking:
// firm A (南京) with lawyers la1 (who holds the booking) and la2, firm B
// (上海) with lawyer lb; visitor 1 asked q1 and booked la1 (b1, confirmed);
// visitor 2 asked q2.
type world struct {
	*env
	firmA, firmB    string
	la1, la2, lb    string
	q1, tok1, b1    string
	q2, tok2        string
	start           time.Time
	visitor1Secrets []string // what only visitor 1's counterparts may see
	lawyerSecrets   []string // la1's direct contact
}

func newWorld(t *testing.T) *world {
	w := &world{env: newEnv(t, nil, func(c *app.Config, _ *api.Deps) { c.QuestionRateLimit = 0 })}
	w.firmA, w.firmB = w.mustFirm("南京"), w.mustFirm("上海")
	w.la1 = w.mustLawyer(w.firmA, "南京", "family", "labor")
	w.la2 = w.mustLawyer(w.firmA, "南京", "family")
	w.lb = w.mustLawyer(w.firmB, "上海", "family")
	w.start = time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	w.slotAt(w.la1, w.firmA, w.start)
	w.slotAt(w.la1, w.firmA, w.start.Add(time.Hour))
	w.q1, w.tok1 = w.mustQuestion(map[string]any{"title": "离婚后孩子抚养权归谁", "area": "family", "body": "前夫不让我见孩子"})
	w.q2, w.tok2 = w.mustQuestion(map[string]any{"title": "男朋友分手要我退彩礼", "area": "family", "name": "韩梅梅",
		"phone": "13800138001", "email": "hanmeimei@example.com", "body": "彩礼十万"})
	w.b1 = w.book(w.q1, w.tok1, w.la1, w.start, "").want(t, 201).str("id")
	w.act(w.b1, "accept", w.lawyer(w.la1, w.firmA), "", nil).want(t, 200)
	w.visitor1Secrets = []string{"13800138000", "lilei@example.com", "李雷"}
	w.lawyerSecrets = []string{"13912345678", "wang@example.com"}
	return w
}

func contains(raw string, secrets []string) string {
	for _, s := range secrets {
		if strings.Contains(raw, s) {
			return s
		}
	}
	return ""
}

func TestContact(t *testing.T) {
	w := newWorld(t)
	path := "/bookings/" + w.b1 + "/contact"
	t.Run("Visitor", func(t *testing.T) {
		r := w.do(req{method: "GET", path: path, visitor: w.tok1}).want(t, 200)
		lawyer, _ := r.body["lawyer"].(map[string]any)
		if lawyer["phone"] != "13912345678" || lawyer["email"] != "wang@example.com" || r.body["visitor"] != nil {
			t.Fatalf("visitor's view = %s", r.raw)
		}
	})
	for name, tok := range map[string]string{"Lawyer": w.lawyer(w.la1, w.firmA), "StaffOfFirm": w.staff(w.firmA)} {
		t.Run(name, func(t *testing.T) {
			r := w.do(req{method: "GET", path: path, token: tok}).want(t, 200)
			v, _ := r.body["visitor"].(map[string]any)
			if v["phone"] != "13800138000" || v["name"] != "李雷" || v["email"] != "lilei@example.com" || r.body["lawyer"] != nil {
				t.Fatalf("%s's view = %s", name, r.raw)
			}
		})
	}
	t.Run("ErrLocked", func(t *testing.T) {
		q3, tok3 := w.mustQuestion(map[string]any{"area": "family", "phone": "13800138003"})
		b3 := w.book(q3, tok3, w.la1, w.start.Add(time.Hour), "").want(t, 201).str("id")
		w.do(req{method: "GET", path: "/bookings/" + b3 + "/contact", visitor: tok3}).want(t, 403, "contact_locked")
		w.do(req{method: "GET", path: "/bookings/" + b3 + "/contact", token: w.lawyer(w.la1, w.firmA)}).want(t, 403, "contact_locked")
		if r := w.do(req{method: "GET", path: "/bookings/" + b3, token: w.staff(w.firmA)}).want(t, 200); !strings.Contains(r.raw, "138****8003") || strings.Contains(r.raw, "13800138003") {
			t.Fatalf("pending booking shows the visitor: %s", r.raw)
		}
	})
	t.Run("AuditAndAccessLog", func(t *testing.T) {
		r := w.do(req{method: "GET", path: "/questions/" + w.q1 + "/access-log", visitor: w.tok1}).want(t, 200)
		routes := map[string]int{}
		for _, it := range r.items() {
			routes[it["route"].(string)]++
			if it["actor"] == "lawyer:"+w.la1 && !strings.Contains(it["who"].(string), "王晓明") {
				t.Errorf("the visitor cannot tell who the lawyer was: %v", it)
			}
			if fields := fmt.Sprint(it["fields"]); !strings.Contains(fields, "phone") {
				t.Errorf("audit entry without the fields seen: %v", it)
			}
		}
		// The lawyer's and the staff's contact views; the accept answer kept
		// the contact masked (a change is one write, not two).
		if routes["GET /bookings/{id}/contact"] != 2 || len(routes) != 1 {
			t.Fatalf("access log routes = %v: %s", routes, r.raw)
		}
		if secret := contains(r.raw, w.visitor1Secrets); secret != "" {
			t.Fatalf("the audit log holds the value %q", secret)
		}
		w.do(req{method: "GET", path: "/questions/" + w.q1 + "/access-log", visitor: w.tok2}).want(t, 403, "forbidden")
		// The firm's trail holds those and the visitor's look at the
		// lawyer's contact (the Visitor run above), which is no look at the
		// visitor's data and stays out of their access log.
		a := w.do(req{method: "GET", path: "/audit?subject=" + w.q1, token: w.staff(w.firmA)}).want(t, 200)
		visitorLooks := 0
		for _, it := range a.items() {
			if it["actor"] == "visitor" {
				visitorLooks++
				if it["route"] != "GET /bookings/{id}/contact" || it["role"] != "visitor" || it["bookingId"] != w.b1 || it["firm"] != nil ||
					!strings.Contains(fmt.Sprint(it["fields"]), "phone") {
					t.Errorf("the visitor's look at the lawyer's contact = %v", it)
				}
			}
		}
		if visitorLooks != 1 || len(a.items()) != len(r.items())+1 {
			t.Fatalf("staff audit %d entries (%d the visitor's), access log %d: %s", len(a.items()), visitorLooks, len(r.items()), a.raw)
		}
		if secret := contains(a.raw, []string{"13912345678", "wang@example.com"}); secret != "" {
			t.Fatalf("the audit log holds the lawyer's %q", secret)
		}
		w.do(req{method: "GET", path: "/audit?subject=" + w.q1, token: w.staff(w.firmB)}).want(t, 403, "forbidden")
		if n := len(w.do(req{method: "GET", path: "/audit", token: w.staff(w.firmB)}).want(t, 200).items()); n != 0 {
			t.Fatalf("firm B's audit trail has %d entries of firm A's views", n)
		}
		if n := len(w.do(req{method: "GET", path: "/audit", token: w.staff(w.firmA)}).want(t, 200).items()); n < 2 {
			t.Fatalf("firm A's audit trail has %d entries", n)
		}
	})
}

func TestErasure(t *testing.T) {
	w := newWorld(t)
	staffA := w.staff(w.firmA)
	before := len(w.do(req{method: "GET", path: "/audit?subject=" + w.q1, token: staffA}).want(t, 200).items())
	w.do(req{method: "GET", path: "/leads", token: staffA}).want(t, 200) // one more audited view
	w.do(req{method: "DELETE", path: "/questions/" + w.q1, visitor: w.tok1}).want(t, 204)
	// The open booking was cancelled, the slot is open again.
	b := w.do(req{method: "GET", path: "/bookings/" + w.b1, token: w.lawyer(w.la1, w.firmA)}).want(t, 200)
	if b.str("status") != "cancelled" || b.str("questionTitle") != "" || contains(b.raw, w.visitor1Secrets) != "" || b.body["visitor"] != nil {
		t.Fatalf("booking after erasure = %s", b.raw)
	}
	w.do(req{method: "GET", path: "/bookings/" + w.b1 + "/contact", token: staffA}).want(t, 403, "contact_locked")
	leads := w.do(req{method: "GET", path: "/leads", token: staffA}).want(t, 200)
	if s := contains(leads.raw, append(w.visitor1Secrets, "离婚后孩子抚养权归谁", "前夫不让我见孩子")); s != "" {
		t.Fatalf("leads still show %q after erasure: %s", s, leads.raw)
	}
	var erased bool
	for _, it := range leads.items() {
		erased = erased || (it["questionId"] == w.q1 && it["erased"] == true)
	}
	if !erased {
		t.Fatalf("the erased lead is not marked: %s", leads.raw)
	}
	csv := w.do(req{method: "GET", path: "/leads.csv", token: staffA}).want(t, 200)
	if s := contains(csv.raw, append(w.visitor1Secrets, "离婚后孩子抚养权归谁")); s != "" {
		t.Fatalf("the CSV still shows %q after erasure", s)
	}
	// The audit trail stays, without the values; the funnel keeps its counts.
	a := w.do(req{method: "GET", path: "/audit?subject=" + w.q1, token: staffA}).want(t, 200)
	if len(a.items()) != before+1 || contains(a.raw, w.visitor1Secrets) != "" {
		t.Fatalf("audit after erasure: %d entries (want %d): %s", len(a.items()), before+1, a.raw)
	}
	stats := w.do(req{method: "GET", path: "/leads/stats", token: staffA}).want(t, 200)
	if total, _ := stats.body["total"].(map[string]any); total["confirmed"] != float64(1) || total["booked"] != float64(1) {
		t.Fatalf("the funnel lost the erased lead: %s", stats.raw)
	}
}

func TestLeads(t *testing.T) {
	w := newWorld(t)
	staffA, staffB := w.staff(w.firmA), w.staff(w.firmB)
	// q2 is booked with la2 and still pending; q3 is in nobody's hands.
	w.slotAt(w.la2, w.firmA, w.start)
	w.book(w.q2, w.tok2, w.la2, w.start, "").want(t, 201)
	q3, tok3 := w.mustQuestion(map[string]any{"title": "=HYPERLINK(\"http://evil.example.com\")", "area": "family", "name": "+张三", "phone": "13800138004", "email": "zs@example.com"})
	q4, _ := w.mustQuestion(map[string]any{"title": "被公司辞退了没有补偿", "area": "labor", "phone": "13800138005"})

	byID := func(r response) map[string]map[string]any {
		m := map[string]map[string]any{}
		for _, it := range r.items() {
			m[it["questionId"].(string)] = it
		}
		return m
	}
	t.Run("FirmLeads", func(t *testing.T) {
		r := w.do(req{method: "GET", path: "/leads", token: staffA}).want(t, 200)
		m := byID(r)
		if len(m) != 2 || m[w.q1]["contactMasked"] != false || m[w.q2]["contactMasked"] != true {
			t.Fatalf("firm A's leads = %s", r.raw)
		}
		if v, _ := m[w.q1]["visitor"].(map[string]any); v["phone"] != "13800138000" {
			t.Fatalf("confirmed lead without contact: %v", m[w.q1])
		}
		if v, _ := m[w.q2]["visitor"].(map[string]any); v["phone"] != "138****8001" || strings.Contains(r.raw, "13800138001") {
			t.Fatalf("pending lead not masked: %v", m[w.q2])
		}
		if n := len(w.do(req{method: "GET", path: "/leads", token: staffB}).want(t, 200).items()); n != 0 {
			t.Fatalf("firm B sees %d of firm A's leads", n)
		}
	})
	t.Run("Filters", func(t *testing.T) {
		for q, want := range map[string]int{
			"?status=confirmed": 1, "?status=booked": 1, "?area=family": 2, "?area=labor": 0,
			"?lawyer=" + w.la2: 1, "?from=2000-01-01": 2, "?to=2000-01-01": 0, "?limit=1": 1,
		} {
			if n := len(w.do(req{method: "GET", path: "/leads" + q, token: staffA}).want(t, 200).items()); n != want {
				t.Errorf("GET /leads%s: %d leads, want %d", q, n, want)
			}
		}
		first := w.do(req{method: "GET", path: "/leads?limit=1", token: staffA}).want(t, 200)
		next := w.do(req{method: "GET", path: "/leads?limit=1&cursor=" + first.str("nextCursor"), token: staffA}).want(t, 200)
		if first.items()[0]["questionId"] != w.q2 || next.items()[0]["questionId"] != w.q1 {
			t.Fatalf("pages not newest first: %s / %s", first.raw, next.raw)
		}
		for _, q := range []string{"?status=weird", "?area=nope", "?from=yesterday", "?scope=all", "?from=2026-02-01&to=2026-01-01"} {
			w.do(req{method: "GET", path: "/leads" + q, token: staffA}).want(t, 400, "validation_failed")
		}
	})
	t.Run("Unassigned", func(t *testing.T) {
		r := w.do(req{method: "GET", path: "/leads?scope=unassigned", token: staffA}).want(t, 200)
		m := byID(r)
		// Firm A practises family and labor; q1 and q2 are taken.
		if len(m) != 2 || m[q3] == nil || m[q4] == nil || strings.Contains(r.raw, "13800138004") {
			t.Fatalf("firm A's unassigned pool = %s", r.raw)
		}
		if r := w.do(req{method: "GET", path: "/leads?scope=unassigned", token: staffB}).want(t, 200); len(byID(r)) != 1 || byID(r)[q3] == nil {
			t.Fatalf("firm B (family only) pool = %s", r.raw)
		}
	})
	t.Run("Assign", func(t *testing.T) {
		w.do(req{method: "POST", path: "/leads/" + q3 + "/assign", token: staffA, body: map[string]any{"lawyerId": w.lb}}).want(t, 400, "validation_failed")
		w.do(req{method: "POST", path: "/leads/" + q4 + "/assign", token: staffA, body: map[string]any{"lawyerId": w.la2}}).want(t, 400, "validation_failed") // la2 does not practise labor
		w.do(req{method: "POST", path: "/leads/" + q3 + "/assign", token: w.lawyer(w.la1, w.firmA), body: map[string]any{"lawyerId": w.la1}}).want(t, 403, "forbidden")
		// Assigning a pool question is an offer: no contact.
		r := w.do(req{method: "POST", path: "/leads/" + q3 + "/assign", token: staffA, body: map[string]any{"lawyerId": w.la1}}).want(t, 200)
		if r.str("status") != "offered" || r.body["contactMasked"] != true || strings.Contains(r.raw, "13800138004") || strings.Contains(r.raw, "zs@example.com") {
			t.Fatalf("offered = %s", r.raw)
		}
		// Several firms may offer; the question stays in the pool until the visitor answers.
		w.do(req{method: "POST", path: "/leads/" + q3 + "/assign", token: staffB, body: map[string]any{"lawyerId": w.lb}}).want(t, 200)
		if byID(w.do(req{method: "GET", path: "/leads?scope=unassigned", token: staffB}).want(t, 200))[q3] == nil {
			t.Fatal("an offered question left the pool before the visitor answered")
		}
		v := w.do(req{method: "GET", path: "/questions/" + q3, visitor: tok3}).want(t, 200)
		offers, _ := v.body["offers"].([]any)
		if len(offers) != 2 {
			t.Fatalf("the visitor sees %d offers: %s", len(offers), v.raw)
		}
		var offerA string
		for _, o := range offers {
			o := o.(map[string]any)
			firm, _ := o["firm"].(map[string]any)
			if firm["id"] == w.firmA {
				offerA = o["id"].(string)
			}
		}
		accepted := w.do(req{method: "POST", path: "/questions/" + q3 + "/offers/" + offerA + "/accept", visitor: tok3}).want(t, 200)
		if accepted.str("status") != "accepted" {
			t.Fatalf("accepted offer = %s", accepted.raw)
		}
		// Firm A now sees the contact; firm B's offer was declined with it.
		mine := byID(w.do(req{method: "GET", path: "/leads", token: staffA}).want(t, 200))[q3]
		if c, _ := mine["visitor"].(map[string]any); mine["contactMasked"] != false || c["phone"] != "13800138004" {
			t.Fatalf("firm A's lead after the visitor accepted = %v", mine)
		}
		theirs := w.do(req{method: "GET", path: "/leads", token: staffB}).want(t, 200)
		if it := byID(theirs)[q3]; it["status"] != "offer_declined" || strings.Contains(theirs.raw, "13800138004") {
			t.Fatalf("firm B's lead after the visitor took firm A's offer = %s", theirs.raw)
		}
		w.do(req{method: "POST", path: "/leads/" + q3 + "/assign", token: staffB, body: map[string]any{"lawyerId": w.lb}}).want(t, 409, "conflict")
		if byID(w.do(req{method: "GET", path: "/leads?scope=unassigned", token: staffB}).want(t, 200))[q3] != nil {
			t.Fatal("a taken question is still in the pool")
		}
		// Re-assigning within the firm is fine.
		w.do(req{method: "POST", path: "/leads/" + q3 + "/assign", token: staffA, body: map[string]any{"lawyerId": w.la2}}).want(t, 200)
		w.do(req{method: "POST", path: "/leads/01NOPE/assign", token: staffA, body: map[string]any{"lawyerId": w.la1}}).want(t, 404, "not_found")
	})
	t.Run("CSV", func(t *testing.T) {
		r := w.do(req{method: "GET", path: "/leads.csv", token: staffA}).want(t, 200)
		if !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") || !strings.HasPrefix(r.raw, "\uFEFFquestion,submitted,area") {
			t.Fatalf("csv head = %q", r.raw[:min(80, len(r.raw))])
		}
		if !strings.Contains(r.raw, `'=HYPERLINK`) || strings.Contains(r.raw, `,=HYPERLINK`) || !strings.Contains(r.raw, ",'+张三,") {
			t.Fatalf("formulas not neutralised:\n%s", r.raw)
		}
		if !strings.Contains(r.raw, "13800138000") || strings.Contains(r.raw, "13800138001") || !strings.Contains(r.raw, "138****8001") {
			t.Fatalf("csv contact rules broken:\n%s", r.raw)
		}
		a := w.do(req{method: "GET", path: "/audit?subject=" + w.q1, token: staffA}).want(t, 200)
		if !strings.Contains(a.raw, "GET /leads.csv") {
			t.Fatalf("the CSV export is not in the audit log: %s", a.raw)
		}
		w.do(req{method: "GET", path: "/leads.csv?status=nope", token: staffA}).want(t, 400, "validation_failed")
	})
	t.Run("Stats", func(t *testing.T) {
		r := w.do(req{method: "GET", path: "/leads/stats", token: staffA}).want(t, 200)
		total, _ := r.body["total"].(map[string]any)
		// Firm A: q1 (booked, confirmed), q2 (booked), q3 (assigned): all submitted.
		if total["submitted"] != float64(3) || total["booked"] != float64(2) || total["confirmed"] != float64(1) || total["completed"] != float64(0) {
			t.Fatalf("firm A's funnel = %s", r.raw)
		}
		admin := w.do(req{method: "GET", path: "/leads/stats", token: w.admin()}).want(t, 200)
		at, _ := admin.body["total"].(map[string]any)
		if at["submitted"] != float64(4) || at["booked"] != float64(2) {
			t.Fatalf("platform funnel = %s", admin.raw)
		}
		areas, _ := admin.body["byArea"].([]any)
		if len(areas) != 2 {
			t.Fatalf("byArea = %v", areas)
		}
		w.do(req{method: "GET", path: "/leads/stats?from=2026-02-01&to=2026-01-01", token: staffA}).want(t, 400, "validation_failed")
		w.do(req{method: "GET", path: "/leads/stats", token: w.lawyer(w.la1, w.firmA)}).want(t, 403, "forbidden")
	})
	t.Run("Admin", func(t *testing.T) {
		w.do(req{method: "GET", path: "/leads", token: w.admin()}).want(t, 400, "validation_failed")
		r := w.do(req{method: "GET", path: "/leads?firm=" + w.firmA, token: w.admin()}).want(t, 200)
		if len(r.items()) != 3 || contains(r.raw, w.visitor1Secrets) != "" {
			t.Fatalf("admin's view of firm A = %s", r.raw)
		}
	})
}
