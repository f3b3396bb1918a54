package api_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lawdesk/lawdesk/infra/ddbtest"
	"github.com/lawdesk/lawdesk/shared/domain"
)

func TestHealthAndAreas(t *testing.T) {
	e := newEnv(t, nil)
	e.do(req{method: "GET", path: "/healthz"}).want(t, 200)
	areas := e.do(req{method: "GET", path: "/practice-areas"}).want(t, 200).items()
	if len(areas) != 14 || areas[0]["code"] != "family" || areas[0]["zh"] != "婚姻家庭" || areas[0]["en"] == "" {
		t.Fatalf("practice areas = %v", areas)
	}
	t.Run("StoreDown", func(t *testing.T) {
		down := newEnv(t, ddbtest.FaultyClient(t, "ThrottlingException"))
		down.do(req{method: "GET", path: "/healthz"}).want(t, 503, "unavailable")
		// Any route: a throttled store is a 503 with Retry-After, never a 500.
		down.do(req{method: "GET", path: "/lawyers"}).want(t, 503, "unavailable")
	})
}

func TestFirms(t *testing.T) {
	e := newEnv(t, nil)
	body := map[string]any{"name": "明德律师事务所", "phone": "025-83331234", "website": "https://example.com", "city": "南京", "slogan": "专业"}
	t.Run("ErrUnauthenticated", func(t *testing.T) {
		e.do(req{method: "POST", path: "/firms", body: body}).want(t, 401, "unauthenticated")
		e.do(req{method: "POST", path: "/firms", body: body, token: "not-a-jwt"}).want(t, 401, "unauthenticated")
	})
	t.Run("ErrExpiredToken", func(t *testing.T) {
		old := e.signer.Now
		e.signer.Now = func() time.Time { return time.Now().Add(-2 * time.Hour) }
		tok := e.admin()
		e.signer.Now = old
		e.do(req{method: "POST", path: "/firms", body: body, token: tok}).want(t, 401, "unauthenticated")
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		e.do(req{method: "POST", path: "/firms", body: body, token: e.staff("f1")}).want(t, 403, "forbidden")
		e.do(req{method: "POST", path: "/firms", body: body, token: e.lawyer("l1", "f1")}).want(t, 403, "forbidden")
	})
	t.Run("ErrValidation", func(t *testing.T) {
		r := e.do(req{method: "POST", path: "/firms", token: e.admin(), body: map[string]any{"name": "x", "phone": "abc", "website": "ftp://x", "city": ""}}).want(t, 400, "validation_failed")
		for _, f := range []string{"name", "phone", "website", "city"} {
			if r.fields()[f] == nil {
				t.Errorf("no field error for %s: %s", f, r.raw)
			}
		}
	})
	var id string
	t.Run("OK", func(t *testing.T) {
		r := e.do(req{method: "POST", path: "/firms", token: e.admin(), body: body}).want(t, 201)
		id = r.str("id")
		if id == "" || r.header.Get("Location") != "/firms/"+id {
			t.Fatalf("created = %s (Location %q)", r.raw, r.header.Get("Location"))
		}
		got := e.do(req{method: "GET", path: "/firms/" + id}).want(t, 200)
		for k, v := range map[string]string{"name": "明德律师事务所", "phone": "025-83331234", "website": "https://example.com", "city": "南京", "slogan": "专业"} {
			if got.str(k) != v {
				t.Errorf("%s = %q, want %q", k, got.str(k), v)
			}
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		e.do(req{method: "GET", path: "/firms/01NOPE"}).want(t, 404, "not_found")
	})
}

func TestLawyers(t *testing.T) {
	e := newEnv(t, nil)
	firm := e.mustFirm("南京")
	other := e.mustFirm("上海")
	body := func(firmID string, licence string) map[string]any {
		return map[string]any{"firmId": firmID, "name": "李静", "areas": []string{"labor"}, "city": "南京",
			"licenseNo": licence, "phone": "13912345678", "email": "lijing@example.com"}
	}
	var id string
	t.Run("StaffOfFirm", func(t *testing.T) {
		r := e.do(req{method: "POST", path: "/lawyers", token: e.staff(firm), body: body(firm, "13201201810099001")}).want(t, 201)
		id = r.str("id")
		if r.str("timeZone") != "Asia/Shanghai" || r.body["active"] != true {
			t.Fatalf("defaults not applied: %s", r.raw)
		}
	})
	t.Run("ErrStaffOfAnotherFirm", func(t *testing.T) {
		e.do(req{method: "POST", path: "/lawyers", token: e.staff(other), body: body(firm, "13201201810099002")}).want(t, 403, "forbidden")
	})
	t.Run("ErrLawyerMayNotAdd", func(t *testing.T) {
		e.do(req{method: "POST", path: "/lawyers", token: e.lawyer(id, firm), body: body(firm, "13201201810099003")}).want(t, 403, "forbidden")
	})
	t.Run("ErrLicenceTaken", func(t *testing.T) {
		e.do(req{method: "POST", path: "/lawyers", token: e.admin(), body: body(firm, "13201201810099001")}).want(t, 409, "conflict")
	})
	t.Run("ErrUnknownFirm", func(t *testing.T) {
		r := e.do(req{method: "POST", path: "/lawyers", token: e.admin(), body: body("01NOFIRM", "13201201810099004")}).want(t, 400, "validation_failed")
		if r.fields()["firmId"] == nil {
			t.Fatalf("no firmId field error: %s", r.raw)
		}
	})
	t.Run("ErrValidation", func(t *testing.T) {
		r := e.do(req{method: "POST", path: "/lawyers", token: e.admin(), body: map[string]any{
			"firmId": firm, "name": "", "areas": []string{"cooking"}, "city": "南京#1", "licenseNo": "x",
			"phone": "12345", "email": "nope", "timeZone": "Mars/Base"}}).want(t, 400, "validation_failed")
		for _, f := range []string{"name", "areas", "city", "licenseNo", "phone", "email", "timeZone"} {
			if r.fields()[f] == nil {
				t.Errorf("no field error for %s: %s", f, r.raw)
			}
		}
	})
	t.Run("PublicProfile", func(t *testing.T) {
		r := e.do(req{method: "GET", path: "/lawyers/" + id}).want(t, 200)
		if strings.Contains(r.raw, "13912345678") || strings.Contains(r.raw, "lijing@example.com") {
			t.Fatalf("public profile shows the lawyer's direct contact: %s", r.raw)
		}
		firmBlock, _ := r.body["firm"].(map[string]any)
		if r.body["helpedCount"] != float64(0) || firmBlock["phone"] != "025-83331234" || firmBlock["name"] == "" {
			t.Fatalf("profile lacks helpedCount or the firm block: %s", r.raw)
		}
		e.do(req{method: "GET", path: "/lawyers/01NOPE"}).want(t, 404, "not_found")
	})
}

func TestDirectory(t *testing.T) {
	e := newEnv(t, nil)
	firm := e.mustFirm("南京")
	for i := 0; i < 3; i++ {
		e.mustLawyer(firm, "南京", "family")
	}
	e.mustLawyer(firm, "上海", "family", "labor")
	e.mustLawyer(firm, "南京市", "labor")
	count := func(q string) int {
		r := e.do(req{method: "GET", path: "/lawyers" + q}).want(t, 200)
		if strings.Contains(r.raw, "13912345678") || strings.Contains(r.raw, "wang@example.com") {
			t.Fatalf("directory shows direct contact: %s", r.raw)
		}
		return len(r.items())
	}
	for q, want := range map[string]int{"": 5, "?area=family": 4, "?area=family&city=南京": 3, "?city=%E5%8D%97%E4%BA%AC": 4, "?area=labor&city=上海": 1, "?area=ip": 0} {
		if got := count(q); got != want {
			t.Errorf("GET /lawyers%s: %d lawyers, want %d", q, got, want)
		}
	}
	t.Run("Pagination", func(t *testing.T) {
		seen := map[string]bool{}
		path := "/lawyers?limit=2"
		for page := 0; page < 5; page++ {
			r := e.do(req{method: "GET", path: path}).want(t, 200)
			for _, l := range r.items() {
				seen[l["id"].(string)] = true
				if f, _ := l["firm"].(map[string]any); f["phone"] != "025-83331234" {
					t.Fatalf("list item without the firm block: %v", l)
				}
			}
			next := r.str("nextCursor")
			if next == "" {
				break
			}
			path = "/lawyers?limit=2&cursor=" + next
		}
		if len(seen) != 5 {
			t.Fatalf("paged through %d lawyers, want 5", len(seen))
		}
	})
	t.Run("Firm", func(t *testing.T) {
		other := e.mustFirm("上海")
		e.mustLawyer(other, "上海", "family")
		if n := len(e.do(req{method: "GET", path: "/lawyers?firm=" + firm}).want(t, 200).items()); n != 5 {
			t.Fatalf("firm lists %d lawyers, want 5", n)
		}
		if n := len(e.do(req{method: "GET", path: "/lawyers?firm=" + firm + "&area=labor"}).want(t, 200).items()); n != 2 {
			t.Fatalf("firm's labor lawyers: %d, want 2", n)
		}
	})
	t.Run("ErrQuery", func(t *testing.T) {
		for _, q := range []string{"?area=cooking", "?limit=0x", "?limit=101", "?limit=-1", "?cursor=abc"} {
			e.do(req{method: "GET", path: "/lawyers" + q}).want(t, 400, "validation_failed")
		}
	})
}

func TestSlots(t *testing.T) {
	e := newEnv(t, nil)
	firm := e.mustFirm("南京")
	other := e.mustFirm("上海")
	id := e.mustLawyer(firm, "南京", "family")
	peer := e.mustLawyer(firm, "南京", "family")
	day := time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, 2)
	at := func(h, m int) string {
		return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, day.Location()).Format(time.RFC3339)
	}
	path := "/lawyers/" + id + "/slots"
	slots := map[string]any{"slots": []map[string]any{{"start": at(9, 0), "minutes": 30}, {"start": at(10, 0), "minutes": 60}}}
	t.Run("ErrUnauthenticated", func(t *testing.T) {
		e.do(req{method: "POST", path: path, body: slots}).want(t, 401, "unauthenticated")
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		e.do(req{method: "POST", path: path, body: slots, token: e.lawyer(peer, firm)}).want(t, 403, "forbidden")
		e.do(req{method: "POST", path: path, body: slots, token: e.staff(other)}).want(t, 403, "forbidden")
	})
	t.Run("OwnLawyer", func(t *testing.T) {
		r := e.do(req{method: "POST", path: path, body: slots, token: e.lawyer(id, firm)}).want(t, 201)
		items := r.items()
		if len(items) != 2 || items[0]["startLocal"] != at(9, 0) || items[0]["timeZone"] != "Asia/Shanghai" || items[1]["minutes"] != float64(60) {
			t.Fatalf("published = %s", r.raw)
		}
	})
	t.Run("StaffOfFirm", func(t *testing.T) {
		e.do(req{method: "POST", path: path, token: e.staff(firm), body: map[string]any{"slots": []map[string]any{{"start": at(14, 0), "minutes": 30}}}}).want(t, 201)
	})
	t.Run("ErrOverlap", func(t *testing.T) {
		e.do(req{method: "POST", path: path, token: e.lawyer(id, firm), body: map[string]any{"slots": []map[string]any{{"start": at(10, 30), "minutes": 30}}}}).want(t, 409, "conflict")
		e.do(req{method: "POST", path: path, token: e.lawyer(id, firm), body: map[string]any{"slots": []map[string]any{{"start": at(15, 0), "minutes": 30}, {"start": at(15, 15), "minutes": 30}}}}).want(t, 409, "conflict")
	})
	t.Run("ErrPastOrInvalid", func(t *testing.T) {
		past := time.Now().Add(-time.Hour).Truncate(time.Minute).Format(time.RFC3339)
		r := e.do(req{method: "POST", path: path, token: e.lawyer(id, firm), body: map[string]any{"slots": []map[string]any{
			{"start": past, "minutes": 30}, {"start": "tomorrow", "minutes": 30}, {"start": at(18, 0), "minutes": 5}, {"start": at(19, 0) + "x", "minutes": 30},
		}}}).want(t, 400, "validation_failed")
		for _, f := range []string{"slots[0].start", "slots[1].start", "slots[2].minutes", "slots[3].start"} {
			if r.fields()[f] == nil {
				t.Errorf("no field error for %s: %s", f, r.raw)
			}
		}
		e.do(req{method: "POST", path: path, token: e.lawyer(id, firm), body: map[string]any{"slots": []any{}}}).want(t, 400, "validation_failed")
	})
	t.Run("ErrUnknownLawyer", func(t *testing.T) {
		e.do(req{method: "POST", path: "/lawyers/01NOPE/slots", token: e.admin(), body: slots}).want(t, 404, "not_found")
	})
	t.Run("List", func(t *testing.T) {
		r := e.do(req{method: "GET", path: path}).want(t, 200)
		items := r.items()
		if len(items) != 3 || items[0]["startLocal"] != at(9, 0) || items[2]["startLocal"] != at(14, 0) {
			t.Fatalf("open slots = %s", r.raw)
		}
		for _, it := range items {
			if it["status"] != "open" {
				t.Fatalf("listed a slot that is not open: %v", it)
			}
		}
		r = e.do(req{method: "GET", path: path + "?limit=2"}).want(t, 200)
		if len(r.items()) != 2 || r.str("nextCursor") == "" {
			t.Fatalf("page of 2 = %s", r.raw)
		}
		r = e.do(req{method: "GET", path: path + "?limit=2&cursor=" + r.str("nextCursor")}).want(t, 200)
		if len(r.items()) != 1 || r.items()[0]["startLocal"] != at(14, 0) {
			t.Fatalf("page 2 = %s", r.raw)
		}
		from := strings.ReplaceAll(at(9, 30), "+", "%2B")
		r = e.do(req{method: "GET", path: path + "?from=" + from}).want(t, 200)
		if len(r.items()) != 2 {
			t.Fatalf("from 9:30 = %s", r.raw)
		}
	})
	t.Run("ErrQuery", func(t *testing.T) {
		e.do(req{method: "GET", path: path + "?from=yesterday"}).want(t, 400, "validation_failed")
		from := strings.ReplaceAll(at(12, 0), "+", "%2B")
		to := strings.ReplaceAll(at(11, 0), "+", "%2B")
		e.do(req{method: "GET", path: fmt.Sprintf("%s?from=%s&to=%s", path, from, to)}).want(t, 400, "validation_failed")
		e.do(req{method: "GET", path: "/lawyers/01NOPE/slots"}).want(t, 404, "not_found")
	})
}

// A lawyer's bio is public — the directory, the profile, every card of
// the lawyer — and the lawyer's direct contact is shown only to a visitor
// whose booking they accepted: a bio holding a phone number, an e-mail or
// an ID number is refused as an answer holding one is (contact_data), on
// creation and on change, however the number is typed.
func TestLawyerBioHoldsNoContact(t *testing.T) {
	e := newEnv(t, nil)
	firm := e.mustFirm("南京")
	id := e.mustLawyer(firm, "南京", "labor")
	for i, bio := range []string{
		"十年劳动争议经验，直接打我手机 139 1234 5678 预约。",
		"咨询请发邮件 wang@example.com。",
		"手机 139\u200b1234\u200b5678，随时联系。",
	} {
		r := e.do(req{method: "POST", path: "/lawyers", token: e.admin(), body: map[string]any{
			"firmId": firm, "name": "李静", "areas": []string{"labor"}, "city": "南京", "bio": bio,
			"licenseNo": fmt.Sprintf("1320120181009%04d", i), "phone": "13912345678", "email": "lijing@example.com"}}).want(t, 400, "validation_failed")
		if fc, _ := r.body["error"].(map[string]any)["fieldCodes"].(map[string]any); fc["bio"] != domain.CodeContactData {
			t.Errorf("POST /lawyers with bio %q: %s, want fieldCodes.bio %s", bio, r.raw, domain.CodeContactData)
		}
		r = e.do(req{method: "PATCH", path: "/lawyers/" + id, token: e.lawyer(id, firm), body: map[string]any{"bio": bio}}).want(t, 400, "validation_failed")
		if fc, _ := r.body["error"].(map[string]any)["fieldCodes"].(map[string]any); fc["bio"] != domain.CodeContactData {
			t.Errorf("PATCH /lawyers/{id} with bio %q: %s, want fieldCodes.bio %s", bio, r.raw, domain.CodeContactData)
		}
	}
	if r := e.do(req{method: "GET", path: "/lawyers/" + id}).want(t, 200); strings.Contains(r.raw, "13912345678") || strings.Contains(r.raw, "139 1234") || strings.Contains(r.raw, "@example.com") {
		t.Fatalf("the public profile shows the lawyer's direct contact: %s", r.raw)
	}
	// What a bio says stays: years, statutes, the licence number field.
	e.do(req{method: "PATCH", path: "/lawyers/" + id, token: e.lawyer(id, firm), body: map[string]any{"bio": "2010年执业，熟悉《劳动合同法》第47条。"}}).want(t, 200)
}
