package localserver_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestContract walks ../shared/API.md, the binding HTTP contract, section
// by section against the local server, over HTTP only: every route of
// every table with every identity its "who" column names and at least
// one it excludes, the documented shapes (field names and JSON types),
// statuses, error codes and headers. What the server serves beyond the
// contract is allowed; what contradicts it fails here. On every answer the
// client checks what the conventions say of all of them (client.do): no
// 5xx but 503, every error in the envelope, every time in UTC.
//
// The server is the one `make run` runs, in this process so that the
// clock can move (contractServer); the rate limits are read from the
// environment by the built binary (TestContractRateLimits).
func TestContract(t *testing.T) {
	srv := startContractServer(t, "QUESTION_RATE_LIMIT=100000", "CLASSIFY_RATE_LIMIT=100000", "SWEEP_INTERVAL=1s")
	c := client{base: srv.base}
	w := newWorld(t, c)

	t.Run("Conventions", func(t *testing.T) { conventions(t, c, w) })
	t.Run("LocalToken", func(t *testing.T) { localToken(t, c, w) })
	t.Run("PracticeAreas", func(t *testing.T) { practiceAreas(t, c) })
	t.Run("Directory", func(t *testing.T) { directory(t, c, w) })
	t.Run("Slots", func(t *testing.T) { slotRoutes(t, c, w) })
	t.Run("Questions", func(t *testing.T) { questionRoutes(t, c, w) })
	t.Run("Bookings", func(t *testing.T) { bookingRoutes(t, c, w, srv) })
	t.Run("Leads", func(t *testing.T) { leadRoutes(t, c, w) })
	t.Run("Offers", func(t *testing.T) { offerRoutes(t, c, w) })
	t.Run("QA", func(t *testing.T) { qaRoutes(t, c, w) })
	t.Run("PublicPages", func(t *testing.T) { publicPages(t, c, w) })
	t.Run("Lifecycle", func(t *testing.T) { lifecycleRoutes(t, c, w, srv) })
	t.Run("Erasure", func(t *testing.T) { erasure(t, c, w) })
	t.Run("Notifications", func(t *testing.T) { notifications(t, c) })
	t.Run("RateLimits", func(t *testing.T) { rateLimits(t, srv) })

	// No answer and no log line carried the visitors' data.
	logs := srv.logs.String()
	for _, pii := range []string{"13812345678", "13800138000", "13700137000", "韩梅梅", "hmm@example.com", "l1@example.com"} {
		if strings.Contains(logs, pii) {
			t.Errorf("the server logged %q", pii)
		}
	}
}

// world is what the walk sets up through the API: two firms, their staff,
// three lawyers in intellectual property in 南京 (an area with few demo
// lawyers) and their slots.
type world struct {
	admin, staffA, staffB party
	l1, l2, lb            party
	firmA, firmB          string
	l1ID, l2ID, lbID      string
	// l1Slots are L1's slots, day 3 to 14 at 10:00 Beijing time, as
	// published (with an offset) and as the API returns them (UTC).
	l1Local, l1Slots []string
	// l2Slots are 25 half-hour slots of L2 on day 3 (for pagination).
	l2Slots []string
	// completed and noShow are L1's bookings that ended so (Bookings).
	completed, noShow booked
	// rescheduled is the booking moved twice and cancelled (Bookings).
	rescheduled string
	// publicQ (with personal data in its body), publicQ2 and privateQ are
	// the QA walk's questions, in ip.
	publicQ, publicQ2, privateQ visitorQuestion
}

var beijing = time.FixedZone("CST", 8*3600)

func newWorld(t *testing.T, c client) *world {
	w := &world{}
	token := func(body map[string]any) string {
		t.Helper()
		m := c.want(t, anyone, "POST", "/local/token", body, 200)
		shape(t, "POST /local/token", m, map[string]string{"token": "string"})
		return m["token"].(string)
	}
	w.admin = bearerParty("admin", token(map[string]any{"role": "admin"}))
	firm := func(name, phone string) string {
		f := c.want(t, w.admin, "POST", "/firms", map[string]any{"name": name, "phone": phone, "website": "https://" + strconv.Itoa(len(name)) + ".example.com", "city": "南京"}, 201)
		return f["id"].(string)
	}
	w.firmA, w.firmB = firm("契约律师事务所", "025-87654321"), firm("对照律师事务所", "025-87654322")
	w.staffA = bearerParty("staff of firm A", token(map[string]any{"role": "staff", "firmId": w.firmA}))
	w.staffB = bearerParty("staff of firm B", token(map[string]any{"role": "staff", "firmId": w.firmB}))
	lawyer := func(by party, firm, name, license, phone, email string) (string, party) {
		l := c.want(t, by, "POST", "/lawyers", map[string]any{"firmId": firm, "name": name, "areas": []string{"ip"}, "city": "南京",
			"languages": []string{"zh", "en"}, "bio": "商标与著作权。", "licenseNo": license, "phone": phone, "email": email, "timeZone": "Asia/Shanghai"}, 201)
		id := l["id"].(string)
		return id, bearerParty("lawyer "+name, token(map[string]any{"role": "lawyer", "lawyerId": id}))
	}
	w.l1ID, w.l1 = lawyer(w.staffA, w.firmA, "周律师", "32010201810000001", "13700137000", "l1@example.com")
	w.l2ID, w.l2 = lawyer(w.admin, w.firmA, "吴律师", "32010201810000002", "13700137001", "l2@example.com")
	w.lbID, w.lb = lawyer(w.staffB, w.firmB, "郑律师", "32010201810000003", "13700137002", "lb@example.com")
	// The tokens are JWTs with the claims API.md names.
	for _, tc := range []struct {
		p             party
		group, lawyer string
		firm          string
	}{{w.l1, "lawyers", w.l1ID, w.firmA}, {w.staffA, "staff", "", w.firmA}, {w.admin, "admins", "", ""}} {
		claims := jwtClaims(t, tc.p)
		groups, _ := claims["cognito:groups"].([]any)
		if !slices.Contains(groups, any(tc.group)) || tc.lawyer != "" && claims["custom:lawyerId"] != tc.lawyer || tc.firm != "" && claims["custom:firmId"] != tc.firm {
			t.Errorf("%s's token claims %v, want group %s, custom:lawyerId %q, custom:firmId %q", tc.p.name, claims, tc.group, tc.lawyer, tc.firm)
		}
	}

	day := time.Now().In(beijing).AddDate(0, 0, 3)
	var slots []map[string]any
	for d := 0; d < 12; d++ {
		at := time.Date(day.Year(), day.Month(), day.Day()+d, 10, 0, 0, 0, beijing)
		w.l1Local = append(w.l1Local, at.Format(time.RFC3339))
		w.l1Slots = append(w.l1Slots, at.UTC().Format(time.RFC3339))
		slots = append(slots, map[string]any{"start": at.Format(time.RFC3339), "minutes": 30})
	}
	c.want(t, w.l1, "POST", "/lawyers/"+w.l1ID+"/slots", map[string]any{"slots": slots}, 201)
	slots = nil
	for i := 0; i < 25; i++ {
		at := time.Date(day.Year(), day.Month(), day.Day(), 8, 0, 0, 0, beijing).Add(time.Duration(i) * 30 * time.Minute)
		w.l2Slots = append(w.l2Slots, at.UTC().Format(time.RFC3339))
		slots = append(slots, map[string]any{"start": at.Format(time.RFC3339), "minutes": 30})
	}
	c.want(t, w.staffA, "POST", "/lawyers/"+w.l2ID+"/slots", map[string]any{"slots": slots}, 201)
	at := time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, beijing)
	c.want(t, w.lb, "POST", "/lawyers/"+w.lbID+"/slots", map[string]any{"slots": []map[string]any{{"start": at.Format(time.RFC3339), "minutes": 30}}}, 201)
	return w
}

// jwtClaims decodes the claims of p's bearer token (a JWT).
func jwtClaims(t *testing.T, p party) map[string]any {
	t.Helper()
	parts := strings.Split(strings.TrimPrefix(p.h["Authorization"], "Bearer "), ".")
	if len(parts) != 3 {
		t.Fatalf("%s's token is not a JWT", p.name)
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	var claims map[string]any
	if err == nil {
		err = json.Unmarshal(b, &claims)
	}
	if err != nil {
		t.Fatalf("%s's token's claims: %v", p.name, err)
	}
	return claims
}

// visitorQuestion is a submitted question: its id and the visitor's party.
type visitorQuestion struct {
	id string
	v  party
}

// ask submits a question (area ip unless body names one) and returns it.
func ask(t *testing.T, c client, body map[string]any) visitorQuestion {
	t.Helper()
	in := map[string]any{"title": "别人抢注了我们店的商标怎么办", "body": "我们的店名用了五年，被别人注册成了商标。", "area": "ip", "city": "南京",
		"name": "韩梅梅", "phone": "13800138000", "email": "hmm@example.com", "consent": true}
	for k, v := range body {
		if v == nil {
			delete(in, k)
		} else {
			in[k] = v
		}
	}
	q := c.want(t, anyone, "POST", "/questions", in, 201)
	return visitorQuestion{id: q["id"].(string), v: visitorParty("visitor of "+q["id"].(string), q["accessToken"].(string))}
}

// book books start of lawyer for q: the booking's id.
func book(t *testing.T, c client, q visitorQuestion, lawyer, start string) string {
	t.Helper()
	b := c.want(t, q.v, "POST", "/bookings", map[string]any{"questionId": q.id, "lawyerId": lawyer, "start": start, "mode": "phone"}, 201)
	return b["id"].(string)
}

func status(t *testing.T, c client, p party, booking string) string {
	t.Helper()
	s, _ := c.want(t, p, "GET", "/bookings/"+booking, nil, 200)["status"].(string)
	return s
}

func openSlots(t *testing.T, c client, lawyer string) []string {
	t.Helper()
	var out []string
	for _, s := range items(t, "slots", c.want(t, anyone, "GET", "/lawyers/"+lawyer+"/slots?limit=100&to="+url.QueryEscape(time.Now().AddDate(0, 0, 40).UTC().Format(time.RFC3339)), nil, 200)) {
		out = append(out, s["start"].(string))
	}
	return out
}

// ------------------------------------------------------------ Conventions

func conventions(t *testing.T, c client, w *world) {
	valid := []byte(`{"title":"别人抢注了我们店的商标怎么办","area":"ip","name":"韩梅梅","phone":"13800138000","consent":true}`)
	t.Run("415 without application/json", func(t *testing.T) {
		c.deny(t, anyone, "POST", "/questions", rawBody{b: valid}, 415, "unsupported_media_type")
		c.deny(t, anyone, "POST", "/questions", rawBody{b: valid, ctype: "text/plain"}, 415, "unsupported_media_type")
		c.deny(t, w.admin, "POST", "/firms", rawBody{b: []byte(`{"name":"某某律师事务所","phone":"025-87654329","city":"南京"}`)}, 415, "unsupported_media_type")
		c.deny(t, anyone, "POST", "/practice-areas/classify", rawBody{b: []byte(`{"text":"商标"}`), ctype: "application/x-www-form-urlencoded"}, 415, "unsupported_media_type")
		// With a charset it is still JSON.
		c.want(t, anyone, "POST", "/questions", rawBody{b: valid, ctype: "application/json; charset=utf-8"}, 201)
	})
	t.Run("413 over 64 KiB", func(t *testing.T) {
		big := func(n int) []byte {
			return []byte(`{"title":"别人抢注了我们店的商标怎么办","body":"` + strings.Repeat("a", n) + `","name":"韩梅梅","phone":"13800138000","consent":true}`)
		}
		c.deny(t, anyone, "POST", "/questions", rawBody{b: big(64 << 10), ctype: "application/json"}, 413, "payload_too_large")
		c.deny(t, w.l1, "POST", "/lawyers/"+w.l1ID+"/slots", rawBody{b: big(70 << 10), ctype: "application/json"}, 413, "payload_too_large")
		// Just under the limit the body is read, and judged on its fields.
		c.deny(t, anyone, "POST", "/questions", rawBody{b: big(60 << 10), ctype: "application/json"}, 400, "validation_failed")
	})
	t.Run("400 on unknown fields and malformed JSON", func(t *testing.T) {
		r := c.deny(t, anyone, "POST", "/questions", rawBody{b: []byte(`{"title":"别人抢注了我们店的商标怎么办","name":"韩梅梅","phone":"13800138000","consent":true,"nickname":"x"}`), ctype: "application/json"}, 400, "validation_failed")
		if e := obj(t, "error", r.JSON["error"]); obj(t, "fields", e["fields"])["nickname"] == nil {
			t.Errorf("the unknown field is not named: %s", r.Body)
		}
		for _, body := range []string{`{"title":`, `{"title":"x"}{}`, `[1,2]`, `"text"`, `null`, ``, `{"title":"x",}`, "{\"title\":\"\xff\"}"} {
			c.deny(t, anyone, "POST", "/questions", rawBody{b: []byte(body), ctype: "application/json"}, 400, "validation_failed")
		}
		c.deny(t, w.admin, "POST", "/firms", rawBody{b: []byte(`{"name":1}`), ctype: "application/json"}, 400, "validation_failed")
		c.deny(t, w.l1, "POST", "/bookings/01ARZ3NDEKTSV4RRFFQ69G5FAV/decline", rawBody{b: []byte(`{"reason":`), ctype: "application/json"}, 400, "validation_failed")
	})
	t.Run("fields and fieldCodes", func(t *testing.T) {
		r := c.deny(t, anyone, "POST", "/questions", map[string]any{"title": "商标", "name": "", "phone": "123", "email": "x@", "consent": false}, 400, "validation_failed")
		e := obj(t, "error", r.JSON["error"])
		want := map[string]string{"title": "too_short", "name": "required", "phone": "phone_format", "email": "email_format", "consent": "must_accept"}
		codes := obj(t, "fieldCodes", e["fieldCodes"])
		for f, code := range want {
			if codes[f] != code {
				t.Errorf("fieldCodes.%s = %v, want %s (%s)", f, codes[f], code, r.Body)
			}
		}
		r = c.deny(t, anyone, "POST", "/questions", map[string]any{"title": strings.Repeat("商", 200), "name": "韩梅梅", "phone": "13800138000", "consent": true}, 400, "validation_failed")
		if got := obj(t, "fieldCodes", obj(t, "error", r.JSON["error"])["fieldCodes"])["title"]; got != "too_long" {
			t.Errorf("fieldCodes.title = %v, want too_long", got)
		}
	})
	t.Run("no 5xx for malformed requests", func(t *testing.T) {
		for _, path := range []string{"/lawyers?limit=abc", "/lawyers?limit=99999999999999999999", "/lawyers?cursor=%00%ff", "/lawyers?area=nope",
			"/lawyers/" + strings.Repeat("x", 300), "/lawyers/a%2Fb", "/lawyers/../firms", "/lawyers/" + w.l1ID + "/slots?from=yesterday",
			"/lawyers/" + w.l1ID + "/slots?from=0001-01-01T00:00:00Z", "/questions?answered=maybe", "/bookings/%20", "/q/%ff", "/sitemaps/1999-99",
			"/leads?from=2026-13-45", "/nope", "/questions/x/related?limit=-1"} {
			r := c.do(t, w.staffA, "GET", path, nil)
			if r.Status < 400 || r.Status >= 500 {
				t.Errorf("GET %s: status %d, want a 4xx: %s", path, r.Status, r.Body)
			}
		}
		c.deny(t, anyone, "GET", "/no/such/route", nil, 404, "not_found")
		c.deny(t, anyone, "DELETE", "/practice-areas", nil, 405, "method_not_allowed")
	})
	t.Run("times in UTC, input with an offset", func(t *testing.T) {
		// L1's slots were published as 10:00+08:00; they come back as 02:00Z.
		slots := items(t, "slots", c.want(t, anyone, "GET", "/lawyers/"+w.l1ID+"/slots", nil, 200))
		if len(slots) == 0 || slots[0]["start"] != w.l1Slots[0] {
			t.Fatalf("first slot = %v, want start %s (published as %s)", slots, w.l1Slots[0], w.l1Local[0])
		}
		shape(t, "slot", slots[0], map[string]string{"start": "time", "end": "time", "minutes": "int", "lawyerId": "id"})
		// A query time may carry an offset too.
		from := url.QueryEscape(w.l1Local[1])
		got := items(t, "slots from", c.want(t, anyone, "GET", "/lawyers/"+w.l1ID+"/slots?from="+from, nil, 200))
		if len(got) == 0 || got[0]["start"] != w.l1Slots[1] {
			t.Errorf("slots from %s start with %v, want %s", w.l1Local[1], got, w.l1Slots[1])
		}
	})
	t.Run("IDs are opaque strings", func(t *testing.T) {
		a, b := ask(t, c, nil), ask(t, c, nil)
		for _, id := range []string{a.id, b.id, w.firmA, w.l1ID} {
			if !isKind(id, "id") {
				t.Errorf("id %q is not an opaque string", id)
			}
		}
		if a.id == b.id {
			t.Error("two questions got one id")
		}
	})
	t.Run("pagination", func(t *testing.T) {
		base := "/lawyers/" + w.l2ID + "/slots"
		all := items(t, "limit=100", c.want(t, anyone, "GET", base+"?limit=100", nil, 200))
		if len(all) != 25 {
			t.Fatalf("L2 has %d open slots, want 25", len(all))
		}
		def := c.want(t, anyone, "GET", base, nil, 200)
		if n := len(items(t, "default", def)); n != 20 {
			t.Errorf("default page holds %d items, want 20", n)
		}
		shape(t, "a page with more after it", def, map[string]string{"items": "array", "nextCursor": "string"})
		if m := c.want(t, anyone, "GET", base+"?limit=100", nil, 200); m["nextCursor"] != nil {
			t.Errorf("the last page has nextCursor %v; it must be absent", m["nextCursor"])
		}
		shape(t, "the last page", c.want(t, anyone, "GET", base+"?limit=100", nil, 200), map[string]string{"nextCursor": "absent"})
		// The cursor round trip: 10 + 10 + 5, in order, nothing twice.
		var walked []any
		path := base + "?limit=10"
		for pages := 0; ; pages++ {
			m := c.want(t, anyone, "GET", path, nil, 200)
			for _, it := range items(t, path, m) {
				walked = append(walked, it["start"])
			}
			cur, ok := m["nextCursor"].(string)
			if !ok {
				shape(t, "the last page", m, map[string]string{"nextCursor": "absent"})
				break
			}
			if pages > 5 {
				t.Fatal("the cursor never ends")
			}
			path = base + "?limit=10&cursor=" + url.QueryEscape(cur)
		}
		for i, it := range all {
			if i >= len(walked) || walked[i] != it["start"] {
				t.Fatalf("walked %v, want the starts of %v", walked, all)
			}
		}
		if len(walked) != len(all) {
			t.Fatalf("walked %d items, want %d", len(walked), len(all))
		}
		// limit is 1–100 (infra/openapi.yaml): above, below or not a number is 400.
		for _, l := range []string{"101", "0x10", "-1", "1000"} {
			r := c.deny(t, anyone, "GET", base+"?limit="+l, nil, 400, "validation_failed")
			if f := obj(t, "error", r.JSON["error"])["fields"]; f == nil || obj(t, "fields", f)["limit"] == nil {
				t.Errorf("limit=%s: fields.limit not named: %s", l, r.Body)
			}
		}
		c.want(t, anyone, "GET", base+"?limit=1", nil, 200)
		// Other lists page the same way: the directory and public questions.
		for _, list := range []string{"/lawyers", "/questions"} {
			var ids []any
			path := list + "?limit=3"
			for {
				m := c.want(t, anyone, "GET", path, nil, 200)
				for _, it := range items(t, path, m) {
					ids = append(ids, it["id"])
				}
				cur, ok := m["nextCursor"].(string)
				if !ok {
					break
				}
				path = list + "?limit=3&cursor=" + url.QueryEscape(cur)
			}
			var want []any
			for _, it := range items(t, list, c.want(t, anyone, "GET", list+"?limit=100", nil, 200)) {
				want = append(want, it["id"])
			}
			if !slices.Equal(ids, want) {
				t.Errorf("%s walked by 3 = %v, want %v", list, ids, want)
			}
		}
		// A cursor of another list is refused, not followed.
		cur := def["nextCursor"].(string)
		c.deny(t, anyone, "GET", "/lawyers?cursor="+url.QueryEscape(cur), nil, 400, "validation_failed")
	})
}

// ------------------------------------------------------------ Local token

func localToken(t *testing.T, c client, w *world) {
	for _, body := range []map[string]any{{"role": "root"}, {"role": "lawyer"}, {"role": "lawyer", "lawyerId": "01ARZ3NDEKTSV4RRFFQ69G5FAV"},
		{"role": "staff"}, {"role": "staff", "firmId": "01ARZ3NDEKTSV4RRFFQ69G5FAV"}, {"role": "admin", "extra": 1}} {
		c.deny(t, anyone, "POST", "/local/token", body, 400, "validation_failed")
	}
	// A bad or missing token on a signed-in route is 401.
	c.deny(t, anyone, "GET", "/lawyer/bookings", nil, 401, "unauthenticated")
	c.deny(t, bearerParty("forged", "abc.def.ghi"), "GET", "/lawyer/bookings", nil, 401, "unauthenticated")
	c.deny(t, bearerParty("forged", "abc.def.ghi"), "GET", "/bookings/01ARZ3NDEKTSV4RRFFQ69G5FAV", nil, 401, "unauthenticated")
}

// ------------------------------------------------------------ Practice areas

func practiceAreas(t *testing.T, c client) {
	want := map[string]string{"family": "婚姻家庭", "labor": "劳动纠纷", "criminal": "刑事辩护", "traffic": "交通事故", "medical": "医疗纠纷",
		"contract": "合同纠纷", "real_estate": "房产纠纷", "debt": "债权债务", "corporate": "公司法务", "ip": "知识产权",
		"administrative": "行政诉讼", "privacy": "个人信息保护", "consumer": "消费维权", "finance": "金融保险"}
	list := items(t, "practice areas", c.want(t, anyone, "GET", "/practice-areas", nil, 200))
	if len(list) != len(want) {
		t.Errorf("%d practice areas, want %d", len(list), len(want))
	}
	for _, a := range list {
		shape(t, "area", a, map[string]string{"code": "string", "zh": "string", "en": "string"})
		if code, _ := a["code"].(string); want[code] != a["zh"] {
			t.Errorf("area %v: want zh %q", a, want[code])
		}
	}
	if f := find(list, "code", "family"); f == nil || f["en"] != "Family & divorce" {
		t.Errorf("family = %v, want en %q", f, "Family & divorce")
	}

	text := "男朋友分手要我退彩礼"
	m := c.want(t, anyone, "POST", "/practice-areas/classify", map[string]any{"text": text}, 200)
	cands := m["candidates"].([]any)
	var prev = 2.0
	for i, it := range cands {
		cand := obj(t, "candidate", it)
		shape(t, fmt.Sprintf("candidates[%d]", i), cand, map[string]string{"area": "string", "score": "number"})
		if want[cand["area"].(string)] == "" {
			t.Errorf("candidate area %v is no practice area", cand["area"])
		}
		if s := cand["score"].(float64); s > prev || s < 0 || s > 1 {
			t.Errorf("scores not ranked in [0,1]: %v", cands)
		} else {
			prev = s
		}
	}
	if len(cands) == 0 || obj(t, "best", cands[0])["area"] != "family" {
		t.Fatalf("classify(%q) = %v, want family first", text, cands)
	}
	// POST /questions without area uses the same router.
	q := c.want(t, anyone, "POST", "/questions", map[string]any{"title": text, "name": "韩梅梅", "phone": "13800138000", "consent": true}, 201)
	if q["area"] != "family" || q["areaSource"] != "inferred" {
		t.Errorf("the question's area = %v (%v), want family inferred", q["area"], q["areaSource"])
	}
	if !slices.EqualFunc(q["areaCandidates"].([]any), cands, func(a, b any) bool { return obj(t, "a", a)["area"] == obj(t, "b", b)["area"] }) {
		t.Errorf("areaCandidates %v differ from classify's %v", q["areaCandidates"], cands)
	}
	c.deny(t, anyone, "POST", "/practice-areas/classify", map[string]any{"text": ""}, 400, "validation_failed")
	c.deny(t, anyone, "POST", "/practice-areas/classify", map[string]any{"text": "x", "lang": "zh"}, 400, "validation_failed")
}

// ------------------------------------------------------------ Directory

func directory(t *testing.T, c client, w *world) {
	shape(t, "healthz", c.want(t, anyone, "GET", "/healthz", nil, 200), map[string]string{})

	t.Run("POST /firms", func(t *testing.T) {
		in := map[string]any{"name": "新设律师事务所", "phone": "025-87654323", "website": "https://new.example.com", "city": "苏州"}
		f := c.want(t, w.admin, "POST", "/firms", in, 201)
		shape(t, "firm", f, map[string]string{"id": "id", "name": "string", "phone": "string", "website": "string", "city": "string"})
		if f["name"] != in["name"] || f["phone"] != in["phone"] || f["website"] != in["website"] || f["city"] != in["city"] {
			t.Errorf("firm = %v, want %v", f, in)
		}
		c.deny(t, anyone, "POST", "/firms", in, 401, "unauthenticated")
		c.deny(t, w.staffA, "POST", "/firms", in, 403, "forbidden")
		c.deny(t, w.l1, "POST", "/firms", in, 403, "forbidden")
		c.deny(t, w.admin, "POST", "/firms", map[string]any{"name": "x"}, 400, "validation_failed")
	})
	t.Run("GET /firms/{id}", func(t *testing.T) {
		f := c.want(t, anyone, "GET", "/firms/"+w.firmA, nil, 200)
		shape(t, "firm contact block", f, map[string]string{"name": "string", "phone": "string", "website": "string", "city": "string"})
		if f["name"] != "契约律师事务所" || f["phone"] != "025-87654321" || f["city"] != "南京" {
			t.Errorf("firm = %v", f)
		}
		c.deny(t, anyone, "GET", "/firms/01ARZ3NDEKTSV4RRFFQ69G5FAV", nil, 404, "not_found")
	})
	t.Run("POST /lawyers", func(t *testing.T) {
		in := func(license string, firm string) map[string]any {
			return map[string]any{"firmId": firm, "name": "钱律师", "areas": []string{"ip", "contract"}, "city": "南京", "languages": []string{"zh"},
				"bio": "合同。", "licenseNo": license, "phone": "13700137009", "email": "qian@example.com", "timeZone": "Asia/Shanghai"}
		}
		// admin and the firm's staff (the world made two that way); the shape:
		l := c.want(t, w.staffA, "POST", "/lawyers", in("32010201810000009", w.firmA), 201)
		shape(t, "lawyer", l, map[string]string{"id": "id", "firmId": "id", "name": "string", "areas": "array", "city": "string",
			"languages": "array", "bio": "string", "licenseNo": "string", "phone": "string", "email": "string", "timeZone": "string"})
		if l["firmId"] != w.firmA || l["phone"] != "13700137009" || l["email"] != "qian@example.com" || l["licenseNo"] != "32010201810000009" {
			t.Errorf("lawyer = %v", l)
		}
		c.deny(t, w.staffB, "POST", "/lawyers", in("32010201810000010", w.firmA), 403, "forbidden")
		c.deny(t, w.l1, "POST", "/lawyers", in("32010201810000011", w.firmA), 403, "forbidden")
		c.deny(t, anyone, "POST", "/lawyers", in("32010201810000012", w.firmA), 401, "unauthenticated")
		c.deny(t, w.admin, "POST", "/lawyers", map[string]any{"firmId": w.firmA, "name": "钱律师"}, 400, "validation_failed")
	})
	t.Run("GET /lawyers", func(t *testing.T) {
		r := c.do(t, anyone, "GET", "/lawyers?area=ip&city="+url.QueryEscape("南京")+"&limit=100", nil)
		list := items(t, "directory", r.JSON)
		l := find(list, "id", w.l1ID)
		if l == nil {
			t.Fatalf("L1 is not in the directory for ip in 南京: %s", r.Body)
		}
		for _, it := range list {
			if !slices.Contains(it["areas"].([]any), any("ip")) || it["city"] != "南京" {
				t.Errorf("the filter let through %v", it)
			}
			shape(t, "directory item", it, map[string]string{"phone": "absent", "email": "absent", "id": "id", "name": "string"})
		}
		for _, own := range []string{"13700137000", "l1@example.com", "13700137001", "13700137002"} {
			if bytes.Contains(r.Body, []byte(own)) {
				t.Errorf("the directory shows a lawyer's own contact %s", own)
			}
		}
		// The demo data: a dozen lawyers across areas and cities, with open
		// slots, beside ours.
		areas, cities, demo := map[any]bool{}, map[any]bool{}, 0
		for _, l := range items(t, "all", c.want(t, anyone, "GET", "/lawyers?limit=100", nil, 200)) {
			if l["firmId"] == w.firmA || l["firmId"] == w.firmB {
				continue
			}
			demo++
			cities[l["city"]] = true
			for _, a := range l["areas"].([]any) {
				areas[a] = true
			}
			if l["nextOpenSlot"] == nil {
				t.Errorf("demo lawyer %v has no open slot", l["name"])
			}
			if f, _ := l["firm"].(map[string]any); f["name"] == nil || f["phone"] == nil {
				t.Errorf("demo lawyer %v's firm has no contact block: %v", l["name"], l["firm"])
			}
		}
		if demo != 12 || len(areas) < 5 || len(cities) < 3 {
			t.Errorf("the demo data holds %d lawyers in %d areas and %d cities, want a dozen across areas and cities", demo, len(areas), len(cities))
		}
		c.deny(t, anyone, "GET", "/lawyers?area=astrology", nil, 400, "validation_failed")
	})
	t.Run("GET /lawyers/{id}", func(t *testing.T) {
		r := c.do(t, anyone, "GET", "/lawyers/"+w.l1ID, nil)
		l := r.JSON
		shape(t, "profile", l, map[string]string{"id": "id", "name": "string", "helpedCount": "int", "firm": "object", "licenseNo": "string",
			"answerCount": "int", "rating": "object", "responseMinutesMedian": "null", "phone": "absent", "email": "absent"})
		shape(t, "profile.firm", obj(t, "firm", l["firm"]), map[string]string{"name": "string", "phone": "string", "website": "string", "city": "string"})
		shape(t, "profile.rating", obj(t, "rating", l["rating"]), map[string]string{"average": "null", "count": "int"})
		if bytes.Contains(r.Body, []byte("13700137000")) || bytes.Contains(r.Body, []byte("l1@example.com")) {
			t.Errorf("the profile shows the lawyer's own contact: %s", r.Body)
		}
		c.deny(t, anyone, "GET", "/lawyers/01ARZ3NDEKTSV4RRFFQ69G5FAV", nil, 404, "not_found")
	})
}

// ------------------------------------------------------------ Slots

func slotRoutes(t *testing.T, c client, w *world) {
	day := time.Now().In(beijing).AddDate(0, 0, 20)
	slot := func(h int) map[string]any {
		return map[string]any{"slots": []map[string]any{{"start": time.Date(day.Year(), day.Month(), day.Day(), h, 0, 0, 0, beijing).Format(time.RFC3339), "minutes": 30}}}
	}
	// That lawyer, staff of the firm: 201 with the slots.
	m := c.want(t, w.l1, "POST", "/lawyers/"+w.l1ID+"/slots", slot(9), 201)
	shape(t, "published", obj(t, "slot", items(t, "published", m)[0]), map[string]string{"start": "time", "minutes": "int"})
	c.want(t, w.staffA, "POST", "/lawyers/"+w.l1ID+"/slots", slot(11), 201)
	// Overlapping: 409.
	c.deny(t, w.l1, "POST", "/lawyers/"+w.l1ID+"/slots", slot(9), 409, "conflict")
	c.deny(t, w.l1, "POST", "/lawyers/"+w.l1ID+"/slots", map[string]any{"slots": []map[string]any{
		{"start": time.Date(day.Year(), day.Month(), day.Day(), 9, 15, 0, 0, beijing).Format(time.RFC3339), "minutes": 30}}}, 409, "conflict")
	// Excluded: another lawyer, another firm's staff, an admin, anyone.
	c.deny(t, w.l2, "POST", "/lawyers/"+w.l1ID+"/slots", slot(13), 403, "forbidden")
	c.deny(t, w.staffB, "POST", "/lawyers/"+w.l1ID+"/slots", slot(13), 403, "forbidden")
	c.deny(t, w.admin, "POST", "/lawyers/"+w.l1ID+"/slots", slot(13), 403, "forbidden")
	c.deny(t, anyone, "POST", "/lawyers/"+w.l1ID+"/slots", slot(13), 401, "unauthenticated")
	c.deny(t, w.l1, "POST", "/lawyers/"+w.l1ID+"/slots", map[string]any{"slots": []map[string]any{{"start": "2020-01-01T09:00:00Z", "minutes": 30}}}, 400, "validation_failed")

	// Anyone: open, bookable, future slots, within from and to.
	from, to := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, beijing), time.Date(day.Year(), day.Month(), day.Day(), 23, 0, 0, 0, beijing)
	got := items(t, "slots", c.want(t, anyone, "GET", "/lawyers/"+w.l1ID+"/slots?from="+url.QueryEscape(from.Format(time.RFC3339))+"&to="+url.QueryEscape(to.Format(time.RFC3339)), nil, 200))
	if len(got) != 2 {
		t.Fatalf("slots of day 20 = %v, want the two published", got)
	}
	for _, s := range got {
		shape(t, "open slot", s, map[string]string{"start": "time", "end": "time", "minutes": "int", "status": "string"})
		if s["status"] != "open" {
			t.Errorf("listed slot %v is not open", s)
		}
	}
	c.deny(t, anyone, "GET", "/lawyers/01ARZ3NDEKTSV4RRFFQ69G5FAV/slots", nil, 404, "not_found")

	// MIN_NOTICE (default 2h): a slot an hour ahead is published but
	// neither listed nor bookable (400, fields.start).
	soon := time.Now().Add(time.Hour).Truncate(time.Minute).Add(time.Minute).UTC().Format(time.RFC3339)
	c.want(t, w.lb, "POST", "/lawyers/"+w.lbID+"/slots", map[string]any{"slots": []map[string]any{{"start": soon, "minutes": 20}}}, 201)
	if slices.Contains(openSlots(t, c, w.lbID), soon) {
		t.Errorf("a slot starting within MIN_NOTICE is listed")
	}
	q := ask(t, c, map[string]any{"phone": "13800138011"})
	r := c.deny(t, q.v, "POST", "/bookings", map[string]any{"questionId": q.id, "lawyerId": w.lbID, "start": soon, "mode": "phone"}, 400, "validation_failed")
	if f, _ := obj(t, "error", r.JSON["error"])["fields"].(map[string]any); f["start"] == nil {
		t.Errorf("booking a slot within MIN_NOTICE does not name fields.start: %s", r.Body)
	}
}

// ------------------------------------------------------------ Questions

func questionRoutes(t *testing.T, c client, w *world) {
	t.Run("POST /questions", func(t *testing.T) {
		in := map[string]any{"title": "别人抢注了我们店的商标怎么办", "body": "我们的店名用了五年。", "area": "ip", "city": "南京", "name": "韩梅梅",
			"phone": "13800138000", "email": "hmm@example.com", "consent": true, "public": false}
		q := c.want(t, anyone, "POST", "/questions", in, 201)
		spec := map[string]string{"id": "id", "area": "string", "areaSource": "string", "areaCandidates": "array", "status": "string", "accessToken": "string"}
		shape(t, "submitted", q, spec)
		if q["area"] != "ip" || q["areaSource"] != "visitor" {
			t.Errorf("with an area: area %v, areaSource %v; want ip, visitor", q["area"], q["areaSource"])
		}
		for i, it := range q["areaCandidates"].([]any) {
			shape(t, fmt.Sprintf("areaCandidates[%d]", i), obj(t, "candidate", it), map[string]string{"area": "string", "score": "number"})
		}
		delete(in, "area")
		q = c.want(t, anyone, "POST", "/questions", in, 201)
		shape(t, "submitted without area", q, spec)
		if q["area"] != "ip" || q["areaSource"] != "inferred" {
			t.Errorf("without an area: area %v, areaSource %v; want ip, inferred", q["area"], q["areaSource"])
		}
		// The visitor's area wins even where the router hears nothing:
		// areaCandidates is still there, an empty ranking.
		q = c.want(t, anyone, "POST", "/questions", map[string]any{"title": "请问这个怎么处理呢", "area": "ip", "name": "韩梅梅", "phone": "13800138000", "consent": true}, 201)
		shape(t, "submitted with an area and no signal", q, spec)
		c.deny(t, anyone, "POST", "/questions", map[string]any{"title": "请问这个怎么处理呢", "name": "韩梅梅", "phone": "13800138000", "consent": true}, 400, "validation_failed")
		c.deny(t, anyone, "POST", "/questions", map[string]any{"title": "别人抢注了我们店的商标怎么办", "area": "astrology", "name": "韩梅梅", "phone": "13800138000", "consent": true}, 400, "validation_failed")
	})

	pub := ask(t, c, map[string]any{"public": true, "title": "商标被抢注了，韩梅梅该怎么维权", "phone": "13800138000"})
	priv := ask(t, c, map[string]any{"title": "私密的商标问题不公开的", "phone": "13800138000"})
	t.Run("GET /questions", func(t *testing.T) {
		r := c.do(t, anyone, "GET", "/questions?area=ip&limit=100", nil)
		list := items(t, "public questions", r.JSON)
		it := find(list, "id", pub.id)
		if it == nil {
			t.Fatalf("the public question is not listed: %s", r.Body)
		}
		shape(t, "public list item", it, map[string]string{"id": "id", "title": "string", "area": "string", "city": "string", "createdAt": "time",
			"name": "absent", "phone": "absent", "email": "absent", "accessToken": "absent"})
		if find(list, "id", priv.id) != nil {
			t.Error("a private question is listed")
		}
		for _, pii := range []string{"13800138000", "hmm@example.com", "韩梅梅"} {
			if bytes.Contains(r.Body, []byte(pii)) {
				t.Errorf("the public list shows %s", pii)
			}
		}
		for i, it := range list {
			if it["area"] != "ip" {
				t.Errorf("area=ip listed %v", it)
			}
			if i > 0 && parseTime(t, it["createdAt"]).After(parseTime(t, list[i-1]["createdAt"])) {
				t.Errorf("the public questions are not latest first: %v after %v", it, list[i-1])
			}
		}
		c.deny(t, anyone, "GET", "/questions?area=astrology", nil, 400, "validation_failed")
	})
	t.Run("GET /questions/{id}", func(t *testing.T) {
		// Anyone, for a public question: no personal data.
		r := c.do(t, anyone, "GET", "/questions/"+pub.id, nil)
		shape(t, "public view", r.JSON, map[string]string{"id": "id", "title": "string", "body": "string", "area": "string", "status": "string",
			"name": "absent", "phone": "absent", "email": "absent", "accessToken": "absent"})
		if bytes.Contains(r.Body, []byte("韩梅梅")) || bytes.Contains(r.Body, []byte("13800138000")) {
			t.Errorf("the public view shows personal data: %s", r.Body)
		}
		// The visitor: their own data; the token is never shown again.
		m := c.want(t, pub.v, "GET", "/questions/"+pub.id, nil, 200)
		shape(t, "visitor's view", m, map[string]string{"title": "string", "body": "string", "area": "string", "status": "string",
			"name": "string", "phone": "string", "email": "string", "accessToken": "absent"})
		if m["name"] != "韩梅梅" || m["phone"] != "13800138000" || m["email"] != "hmm@example.com" || m["title"] != "商标被抢注了，韩梅梅该怎么维权" {
			t.Errorf("the visitor's view = %v", m)
		}
		// A private question: 404 to anyone, refused to another visitor.
		c.deny(t, anyone, "GET", "/questions/"+priv.id, nil, 404, "not_found")
		c.deny(t, pub.v, "GET", "/questions/"+priv.id, nil, 403, "forbidden")
		c.want(t, priv.v, "GET", "/questions/"+priv.id, nil, 200)
		c.deny(t, anyone, "GET", "/questions/01ARZ3NDEKTSV4RRFFQ69G5FAV", nil, 404, "not_found")
	})
	t.Run("GET /questions/{id}/matches", func(t *testing.T) {
		m := c.want(t, priv.v, "GET", "/questions/"+priv.id+"/matches", nil, 200)
		list := items(t, "matches", m)
		var mine map[string]any
		for i, it := range list {
			if i > 0 && it["score"].(float64) > list[i-1]["score"].(float64) {
				t.Errorf("matches are not ranked: %v after %v", it["score"], list[i-1]["score"])
			}
			shape(t, fmt.Sprintf("match %d", i), it, map[string]string{"lawyer": "object", "score": "number", "reasons": "array", "nextOpenSlot": "object|null"})
			l := obj(t, "lawyer", it["lawyer"])
			shape(t, "matched lawyer", l, map[string]string{"id": "id", "name": "string", "phone": "absent", "email": "absent"})
			for _, r := range it["reasons"].([]any) {
				if _, ok := r.(string); !ok {
					t.Errorf("reason %v is not a string", r)
				}
			}
			if l["id"] == w.l1ID {
				mine = it
			}
		}
		if mine == nil {
			t.Fatalf("L1 (ip, 南京, open slots) is not among the matches: %v", list)
		}
		shape(t, "L1's next open slot", obj(t, "nextOpenSlot", mine["nextOpenSlot"]), map[string]string{"start": "time"})
		c.deny(t, anyone, "GET", "/questions/"+priv.id+"/matches", nil, 401, "unauthenticated")
		c.deny(t, pub.v, "GET", "/questions/"+priv.id+"/matches", nil, 403, "forbidden")
		c.deny(t, w.l1, "GET", "/questions/"+priv.id+"/matches", nil, 401, "unauthenticated")
	})
}

// ------------------------------------------------------------ Bookings

func bookingRoutes(t *testing.T, c client, w *world, srv *contractServer) {
	q1 := ask(t, c, map[string]any{"phone": "13812345678"})
	other := ask(t, c, map[string]any{"phone": "13800138001"})
	path := "/bookings/"
	var b1 string
	t.Run("POST /bookings", func(t *testing.T) {
		in := map[string]any{"questionId": q1.id, "lawyerId": w.l1ID, "start": w.l1Local[0], "mode": "phone"}
		keyed := q1.v.with("Idempotency-Key", "contract-b1")
		b := c.want(t, keyed, "POST", "/bookings", in, 201)
		shape(t, "booking", b, map[string]string{"id": "id", "status": "string", "start": "time", "lawyerId": "id", "questionId": "id", "mode": "string"})
		if b["status"] != "pending" || b["start"] != w.l1Slots[0] {
			t.Fatalf("booking = %v, want pending at %s", b, w.l1Slots[0])
		}
		b1 = b["id"].(string)
		w.rescheduled = b1
		// The Idempotency-Key is honoured: the same booking again.
		if again := c.want(t, keyed, "POST", "/bookings", in, 201); again["id"] != b1 {
			t.Errorf("the repeated request made booking %v, want %s", again["id"], b1)
		}
		// The slot is taken: 409 slot_unavailable, and it is no longer listed.
		c.deny(t, other.v, "POST", "/bookings", map[string]any{"questionId": other.id, "lawyerId": w.l1ID, "start": w.l1Local[0], "mode": "video"}, 409, "slot_unavailable")
		if slices.Contains(openSlots(t, c, w.l1ID), w.l1Slots[0]) {
			t.Error("a held slot is listed as open")
		}
		// Only the question's visitor books for it.
		c.deny(t, anyone, "POST", "/bookings", map[string]any{"questionId": other.id, "lawyerId": w.l1ID, "start": w.l1Local[1], "mode": "video"}, 401, "unauthenticated")
		c.deny(t, q1.v, "POST", "/bookings", map[string]any{"questionId": other.id, "lawyerId": w.l1ID, "start": w.l1Local[1], "mode": "video"}, 403, "forbidden")
		c.deny(t, other.v, "POST", "/bookings", map[string]any{"questionId": other.id, "lawyerId": w.l1ID, "start": w.l1Local[1], "mode": "carrier pigeon"}, 400, "validation_failed")
	})
	if b1 == "" {
		t.FailNow()
	}
	t.Run("GET /bookings/{id}", func(t *testing.T) {
		for _, p := range []party{q1.v, w.l1, w.staffA} {
			b := c.want(t, p, "GET", path+b1, nil, 200)
			shape(t, "booking for "+p.name, b, map[string]string{"id": "id", "status": "string", "start": "time"})
			if b["id"] != b1 {
				t.Errorf("%s got booking %v", p.name, b["id"])
			}
		}
		c.deny(t, anyone, "GET", path+b1, nil, 401, "unauthenticated")
		for _, p := range []party{other.v, w.l2, w.lb, w.staffB} {
			c.deny(t, p, "GET", path+b1, nil, 403, "forbidden")
		}
		c.deny(t, q1.v, "GET", path+"01ARZ3NDEKTSV4RRFFQ69G5FAV", nil, 404, "not_found")
	})
	t.Run("contact locked before confirmed", func(t *testing.T) {
		c.deny(t, q1.v, "GET", path+b1+"/contact", nil, 403, "contact_locked")
		c.deny(t, w.l1, "GET", path+b1+"/contact", nil, 403, "contact_locked")
		c.deny(t, w.staffA, "GET", path+b1+"/contact", nil, 403, "contact_locked")
	})
	t.Run("GET /lawyer/bookings masks until confirmed", func(t *testing.T) {
		list := items(t, "lawyer bookings", c.want(t, w.l1, "GET", "/lawyer/bookings?status=pending", nil, 200))
		b := find(list, "id", b1)
		if b == nil {
			t.Fatalf("the pending booking is not in the lawyer's list: %v", list)
		}
		if v := obj(t, "visitor", b["visitor"]); v["phone"] != "138****5678" {
			t.Errorf("the pending booking's visitor phone = %v, want 138****5678", v["phone"])
		}
		for _, it := range list {
			if it["status"] != "pending" || it["lawyerId"] != w.l1ID {
				t.Errorf("status=pending listed %v", it)
			}
		}
		c.deny(t, anyone, "GET", "/lawyer/bookings", nil, 401, "unauthenticated")
		c.deny(t, w.staffA, "GET", "/lawyer/bookings", nil, 403, "forbidden")
		c.deny(t, w.admin, "GET", "/lawyer/bookings", nil, 403, "forbidden")
		c.deny(t, w.l1, "GET", "/lawyer/bookings?status=lost", nil, 400, "validation_failed")
	})
	t.Run("accept", func(t *testing.T) {
		c.deny(t, q1.v, "POST", path+b1+"/accept", nil, 401, "unauthenticated")
		c.deny(t, w.l2, "POST", path+b1+"/accept", nil, 403, "forbidden")
		c.deny(t, w.staffA, "POST", path+b1+"/accept", nil, 403, "forbidden")
		if b := c.want(t, w.l1, "POST", path+b1+"/accept", nil, 200); b["status"] != "confirmed" {
			t.Errorf("accepted booking = %v", b["status"])
		}
		// confirmed → confirmed is no transition.
		c.deny(t, w.l1, "POST", path+b1+"/accept", nil, 409, "invalid_state")
		c.deny(t, w.l1, "POST", path+b1+"/decline", map[string]any{"reason": "太忙"}, 409, "invalid_state")
		// Before its time, a confirmed booking cannot be completed or missed.
		c.deny(t, w.l1, "POST", path+b1+"/complete", nil, 409, "invalid_state")
		c.deny(t, w.l1, "POST", path+b1+"/no-show", nil, 409, "invalid_state")
		list := items(t, "confirmed", c.want(t, w.l1, "GET", "/lawyer/bookings?status=confirmed", nil, 200))
		if b := find(list, "id", b1); b == nil || obj(t, "visitor", b["visitor"])["phone"] != "13812345678" {
			t.Errorf("the confirmed booking's visitor in the lawyer's list = %v, want the phone as written", b)
		}
	})
	t.Run("contact after confirmed, audited", func(t *testing.T) {
		m := c.want(t, q1.v, "GET", path+b1+"/contact", nil, 200)
		l := obj(t, "lawyer", m["lawyer"])
		if l["phone"] != "13700137000" || l["email"] != "l1@example.com" {
			t.Errorf("the visitor's view of the lawyer's contact = %v", m)
		}
		for _, p := range []party{w.l1, w.staffA} {
			v := obj(t, "visitor", c.want(t, p, "GET", path+b1+"/contact", nil, 200)["visitor"])
			if v["name"] != "韩梅梅" || v["phone"] != "13812345678" || v["email"] != "hmm@example.com" {
				t.Errorf("%s's view of the visitor's contact = %v", p.name, v)
			}
		}
		c.deny(t, anyone, "GET", path+b1+"/contact", nil, 401, "unauthenticated")
		for _, p := range []party{w.admin, w.staffB, w.l2, other.v} {
			c.deny(t, p, "GET", path+b1+"/contact", nil, 403, "forbidden")
		}
		// Each reveal to the firm is in the audit log: who, when, which route.
		for _, p := range []party{w.staffA, w.admin} {
			list := items(t, "audit", c.want(t, p, "GET", "/audit?subject="+q1.id, nil, 200))
			var lawyerSaw, staffSaw, visitorSaw bool
			for _, e := range list {
				shape(t, "audit entry", e, map[string]string{"actor": "string", "route": "string", "at": "time"})
				if e["route"] == "GET /bookings/{id}/contact" {
					lawyerSaw = lawyerSaw || e["actor"] == "lawyer:"+w.l1ID
					staffSaw = staffSaw || strings.HasPrefix(e["actor"].(string), "staff")
					visitorSaw = visitorSaw || e["actor"] == "visitor"
				}
			}
			// Every reveal, the visitor's of the lawyer's contact too.
			if !lawyerSaw || !staffSaw || !visitorSaw {
				t.Errorf("%s's audit of the question does not hold the lawyer's, the staff's and the visitor's views of the contact: %v", p.name, list)
			}
		}
		r := c.do(t, w.staffB, "GET", "/audit?subject="+q1.id, nil)
		if r.Status == 200 && len(items(t, "other firm's audit", r.JSON)) > 0 || r.Status != 200 && r.Status != 403 && r.Status != 404 {
			t.Errorf("another firm's staff read the audit of this firm's visitor: %d %s", r.Status, r.Body)
		}
		c.deny(t, w.l1, "GET", "/audit?subject="+q1.id, nil, 403, "forbidden")
		c.deny(t, anyone, "GET", "/audit", nil, 401, "unauthenticated")
	})
	t.Run("reschedule", func(t *testing.T) {
		// The lawyer's keeps it confirmed; the old slot opens again.
		b := c.want(t, w.l1, "POST", path+b1+"/reschedule", map[string]any{"start": w.l1Local[1]}, 200)
		if b["id"] != b1 || b["status"] != "confirmed" || b["start"] != w.l1Slots[1] {
			t.Errorf("after the lawyer's reschedule: %v", b)
		}
		open := openSlots(t, c, w.l1ID)
		if !slices.Contains(open, w.l1Slots[0]) || slices.Contains(open, w.l1Slots[1]) {
			t.Errorf("after the reschedule open slots are %v: want %s open again and %s held", open, w.l1Slots[0], w.l1Slots[1])
		}
		// The visitor's puts it back to pending.
		b = c.want(t, q1.v, "POST", path+b1+"/reschedule", map[string]any{"start": w.l1Local[2]}, 200)
		if b["id"] != b1 || b["status"] != "pending" || b["start"] != w.l1Slots[2] {
			t.Errorf("after the visitor's reschedule: %v", b)
		}
		// A taken slot: 409 slot_unavailable, nothing changed.
		b3q := ask(t, c, map[string]any{"phone": "13800138003"})
		b3 := c.want(t, b3q.v, "POST", "/bookings", map[string]any{"questionId": b3q.id, "lawyerId": w.l1ID, "start": w.l1Local[3], "mode": "in_person"}, 201)["id"].(string)
		// pending → completed and pending → no_show are no transitions.
		c.deny(t, w.l1, "POST", path+b3+"/complete", nil, 409, "invalid_state")
		c.deny(t, w.l1, "POST", path+b3+"/no-show", nil, 409, "invalid_state")
		c.deny(t, q1.v, "POST", path+b1+"/reschedule", map[string]any{"start": w.l1Local[3]}, 409, "slot_unavailable")
		if got := c.want(t, q1.v, "GET", path+b1, nil, 200); got["start"] != w.l1Slots[2] || got["status"] != "pending" {
			t.Errorf("a refused reschedule changed the booking: %v", got)
		}
		c.deny(t, anyone, "POST", path+b1+"/reschedule", map[string]any{"start": w.l1Local[4]}, 401, "unauthenticated")
		for _, p := range []party{w.l2, w.staffA, other.v} {
			c.deny(t, p, "POST", path+b1+"/reschedule", map[string]any{"start": w.l1Local[4]}, 403, "forbidden")
		}
		// The other side is told, with the updated .ics: same UID, higher SEQUENCE.
		eventually(t, func() string {
			msgs := items(t, "notifications", c.want(t, anyone, "GET", "/local/notifications?booking="+b1, nil, 200))
			var firstUID, lastUID string
			seqs := map[string]int{}
			for _, m := range msgs {
				ics, _ := m["ics"].(string)
				uid, seq := icsField(ics, "UID"), icsField(ics, "SEQUENCE")
				if uid == "" {
					continue
				}
				if firstUID == "" {
					firstUID = uid
				}
				lastUID = uid
				n, _ := strconv.Atoi(seq)
				seqs[m["kind"].(string)] = max(seqs[m["kind"].(string)], n)
			}
			if seqs["rescheduled"] < 1 || firstUID != lastUID {
				return fmt.Sprintf("no rescheduled notice with the same UID and a higher SEQUENCE: %v", msgs)
			}
			// The lawyer's move is told to the visitor, the visitor's to the lawyer.
			to := map[any]bool{}
			for _, m := range msgs {
				if m["kind"] == "rescheduled" {
					to[m["to"]] = true
				}
			}
			if !to["visitor"] || !to["lawyer"] {
				return fmt.Sprintf("rescheduled notices went to %v, want the visitor and the lawyer", to)
			}
			return ""
		})
		// b3: the visitor cancels a pending booking; staff may not.
		c.deny(t, w.staffA, "POST", path+b3+"/cancel", nil, 403, "forbidden")
		if s := c.want(t, b3q.v, "POST", path+b3+"/cancel", nil, 200)["status"]; s != "cancelled" {
			t.Errorf("the visitor's cancel of a pending booking: %v", s)
		}
		if !slices.Contains(openSlots(t, c, w.l1ID), w.l1Slots[3]) {
			t.Error("a cancelled booking's slot is not open again")
		}
		c.deny(t, b3q.v, "POST", path+b3+"/accept", nil, 401, "unauthenticated")
		c.deny(t, w.l1, "POST", path+b3+"/accept", nil, 409, "invalid_state")
	})
	t.Run("cancel confirmed", func(t *testing.T) {
		c.want(t, w.l1, "POST", path+b1+"/accept", nil, 200)
		c.deny(t, anyone, "POST", path+b1+"/cancel", nil, 401, "unauthenticated")
		c.deny(t, w.lb, "POST", path+b1+"/cancel", nil, 403, "forbidden")
		if s := c.want(t, w.l1, "POST", path+b1+"/cancel", map[string]any{"reason": "临时出差"}, 200)["status"]; s != "cancelled" {
			t.Errorf("the lawyer's cancel of a confirmed booking: %v", s)
		}
		if !slices.Contains(openSlots(t, c, w.l1ID), w.l1Slots[2]) {
			t.Error("a cancelled booking's slot is not open again")
		}
		c.deny(t, q1.v, "POST", path+b1+"/cancel", nil, 409, "invalid_state")
		c.deny(t, w.l1, "POST", path+b1+"/accept", nil, 409, "invalid_state")
	})
	t.Run("decline", func(t *testing.T) {
		q := ask(t, c, map[string]any{"phone": "13800138004"})
		b := book(t, c, q, w.l1ID, w.l1Local[4])
		c.deny(t, w.l1, "POST", path+b+"/decline", nil, 400, "validation_failed")
		c.deny(t, w.l2, "POST", path+b+"/decline", map[string]any{"reason": "不擅长"}, 403, "forbidden")
		c.deny(t, q.v, "POST", path+b+"/decline", map[string]any{"reason": "不擅长"}, 401, "unauthenticated")
		if s := c.want(t, w.l1, "POST", path+b+"/decline", map[string]any{"reason": "这一类案件我不擅长"}, 200)["status"]; s != "declined" {
			t.Errorf("declined booking = %v", s)
		}
		if !slices.Contains(openSlots(t, c, w.l1ID), w.l1Slots[4]) {
			t.Error("a declined booking's slot is not open again")
		}
		c.deny(t, w.l1, "POST", path+b+"/accept", nil, 409, "invalid_state")
		c.deny(t, q.v, "POST", path+b+"/cancel", nil, 409, "invalid_state")
	})
	t.Run("complete and no-show once begun", func(t *testing.T) {
		// Made and accepted with the clock five hours back, the bookings
		// began an hour and two hours ago.
		done, missed := pastBooking(t, c, w, srv, time.Hour, "13800138005"), pastBooking(t, c, w, srv, 2*time.Hour, "13800138006")
		helped := c.want(t, anyone, "GET", "/lawyers/"+w.l1ID, nil, 200)["helpedCount"].(float64)
		c.deny(t, done.q.v, "POST", path+done.id+"/complete", nil, 401, "unauthenticated")
		c.deny(t, w.l2, "POST", path+done.id+"/complete", nil, 403, "forbidden")
		c.deny(t, w.staffA, "POST", path+done.id+"/complete", nil, 403, "forbidden")
		if s := c.want(t, w.l1, "POST", path+done.id+"/complete", nil, 200)["status"]; s != "completed" {
			t.Errorf("completed booking = %v", s)
		}
		if got := c.want(t, anyone, "GET", "/lawyers/"+w.l1ID, nil, 200)["helpedCount"].(float64); got != helped+1 {
			t.Errorf("helpedCount after a completed consultation = %v, want %v", got, helped+1)
		}
		c.deny(t, w.l2, "POST", path+missed.id+"/no-show", nil, 403, "forbidden")
		if s := c.want(t, w.l1, "POST", path+missed.id+"/no-show", nil, 200)["status"]; s != "no_show" {
			t.Errorf("missed booking = %v", s)
		}
		for _, b := range []string{done.id, missed.id} {
			for _, act := range []string{"accept", "cancel", "complete", "no-show"} {
				c.deny(t, w.l1, "POST", path+b+"/"+act, nil, 409, "invalid_state")
			}
		}
		w.completed, w.noShow = done, missed
	})
}

// booked is a booking and its question.
type booked struct {
	id string
	q  visitorQuestion
}

// pastBooking is a confirmed booking of L1's that began ago: slot,
// booking and acceptance made with the server's clock ago and four hours
// back (MIN_NOTICE ahead of the start).
func pastBooking(t *testing.T, c client, w *world, srv *contractServer, ago time.Duration, phone string) booked {
	t.Helper()
	start := time.Now().Add(-ago).Truncate(time.Minute).UTC().Format(time.RFC3339)
	srv.shift(-ago - 4*time.Hour)
	defer srv.shift(0)
	c.want(t, w.l1, "POST", "/lawyers/"+w.l1ID+"/slots", map[string]any{"slots": []map[string]any{{"start": start, "minutes": 30}}}, 201)
	q := ask(t, c, map[string]any{"phone": phone})
	id := book(t, c, q, w.l1ID, start)
	c.want(t, w.l1, "POST", "/bookings/"+id+"/accept", nil, 200)
	return booked{id: id, q: q}
}

var icsLine = regexp.MustCompile(`(?m)^([A-Z-]+)(?:;[^:\r\n]*)?:([^\r\n]*)`)

// icsField is the value of the first line of name in an iCalendar text.
func icsField(ics, name string) string {
	for _, m := range icsLine.FindAllStringSubmatch(ics, -1) {
		if m[1] == name {
			return m[2]
		}
	}
	return ""
}
