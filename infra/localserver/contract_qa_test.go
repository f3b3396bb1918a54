package localserver_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// The public questions and answers (问答) of TestContract, and the public
// pages.

// piiBody is a public question's body holding every kind of personal data
// API.md names: the asker's name, a mobile and a landline number, an
// e-mail address, an 18-digit resident ID and a bank card number.
const piiBody = "我叫韩梅梅，手机13800138000，座机025-83331234，邮箱hmm@example.com，身份证11010519491231002X，银行卡4111111111111111。我们的店名用了五年，被别人抢注成了商标。"

var piiParts = []string{"韩梅梅", "13800138000", "025-83331234", "hmm@example.com", "11010519491231002X", "4111111111111111"}

const answerText = "商标抢注可以依据商标法第三十二条提出异议或者申请宣告无效，先保存好您使用店名的证据，比如门头照片和发票。"

func qaRoutes(t *testing.T, c client, w *world) {
	pub := ask(t, c, map[string]any{"public": true, "title": "韩梅梅的店名被抢注成商标怎么办", "body": piiBody})
	pub2 := ask(t, c, map[string]any{"public": true, "title": "商标被抢注后还能继续用店名吗", "body": "店名被别人注册成了商标，对方让我们改名。", "phone": "13800138010"})
	priv := ask(t, c, map[string]any{"title": "不公开的商标问题怎么办", "phone": "13800138010"})
	w.publicQ, w.publicQ2, w.privateQ = pub, pub2, priv

	t.Run("redacted for the public", func(t *testing.T) {
		for _, path := range []string{"/questions/" + pub.id, "/questions?area=ip&limit=100"} {
			r := c.do(t, anyone, "GET", path, nil)
			for _, s := range piiParts {
				if bytes.Contains(r.Body, []byte(s)) {
					t.Errorf("GET %s shows %s: %s", path, s, r.Body)
				}
			}
			if !bytes.Contains(r.Body, []byte("[已隐藏]")) {
				t.Errorf("GET %s: no [已隐藏] where the data was: %s", path, r.Body)
			}
		}
		if m := c.want(t, pub.v, "GET", "/questions/"+pub.id, nil, 200); m["body"] != piiBody {
			t.Errorf("the asker reads %v, want the original", m["body"])
		}
	})
	t.Run("GET /lawyer/questions", func(t *testing.T) {
		list := items(t, "inbox", c.want(t, w.l1, "GET", "/lawyer/questions", nil, 200))
		if find(list, "id", pub.id) == nil || find(list, "id", pub2.id) == nil || find(list, "id", priv.id) != nil {
			t.Errorf("L1's inbox = %v, want both public ip questions and not the private one", list)
		}
		for _, it := range list {
			shape(t, "inbox item", it, map[string]string{"id": "id", "title": "string", "area": "string", "createdAt": "time"})
		}
		if i, j := indexOf(list, pub.id), indexOf(list, pub2.id); i >= 0 && j >= 0 && j > i {
			t.Errorf("the inbox is not newest first: %v", list)
		}
		if ip := items(t, "inbox in ip", c.want(t, w.l1, "GET", "/lawyer/questions?area=ip", nil, 200)); find(ip, "id", pub.id) == nil {
			t.Errorf("L1's inbox in ip = %v", ip)
		}
		c.deny(t, w.l1, "GET", "/lawyer/questions?area=family", nil, 400, "validation_failed")
		c.deny(t, w.staffA, "GET", "/lawyer/questions", nil, 403, "forbidden")
		c.deny(t, anyone, "GET", "/lawyer/questions", nil, 401, "unauthenticated")
	})
	var a1 string
	t.Run("POST /questions/{id}/answers", func(t *testing.T) {
		path := "/questions/" + pub.id + "/answers"
		r := c.deny(t, w.l1, "POST", path, map[string]any{"body": "请拨打13700137000联系我，我可以帮您处理商标的问题。"}, 400, "validation_failed")
		if f, _ := obj(t, "error", r.JSON["error"])["fields"].(map[string]any); f["body"] == nil {
			t.Errorf("an answer with a phone number does not name fields.body: %s", r.Body)
		}
		c.deny(t, w.l1, "POST", path, map[string]any{"body": "邮件联系 l1@example.com 可以详谈商标异议的事。"}, 400, "validation_failed")
		c.deny(t, w.l1, "POST", path, map[string]any{"body": "身份证号是11010519491231002X，可以凭这个去商标局查询。"}, 400, "validation_failed")
		c.deny(t, w.l1, "POST", path, map[string]any{"body": "太短了"}, 400, "validation_failed")
		c.deny(t, w.l1, "POST", path, map[string]any{"body": strings.Repeat("商", 19)}, 400, "validation_failed")
		c.deny(t, w.l1, "POST", path, map[string]any{"body": strings.Repeat("商", 5001)}, 400, "validation_failed")
		c.deny(t, w.l1, "POST", "/questions/"+priv.id+"/answers", map[string]any{"body": answerText}, 404, "not_found")
		c.deny(t, w.staffA, "POST", path, map[string]any{"body": answerText}, 403, "forbidden")
		c.deny(t, anyone, "POST", path, map[string]any{"body": answerText}, 401, "unauthenticated")
		// An inactive lawyer may not answer.
		c.want(t, w.staffA, "PATCH", "/lawyers/"+w.l2ID, map[string]any{"active": false}, 200)
		c.deny(t, w.l2, "POST", path, map[string]any{"body": answerText}, 403, "forbidden")
		c.want(t, w.staffA, "PATCH", "/lawyers/"+w.l2ID, map[string]any{"active": true}, 200)

		a := c.want(t, w.l1, "POST", path, map[string]any{"body": answerText}, 201)
		shape(t, "answer", a, map[string]string{"id": "id", "questionId": "id", "body": "string", "createdAt": "time", "lawyer": "object",
			"helpful": "bool", "replies": "array"})
		shape(t, "answer.lawyer", obj(t, "lawyer", a["lawyer"]), map[string]string{"id": "id", "name": "string", "firmId": "id", "firmName": "string",
			"city": "string", "licenseNo": "string", "helpedCount": "int", "answerCount": "int", "rating": "object", "phone": "absent", "email": "absent"})
		if a["helpful"] != false || len(a["replies"].([]any)) != 0 || a["questionId"] != pub.id || a["body"] != answerText {
			t.Errorf("the new answer = %v", a)
		}
		a1 = a["id"].(string)
		// The visitor is told (kind answer_posted).
		eventually(t, func() string {
			for _, m := range items(t, "notifications", c.want(t, anyone, "GET", "/local/notifications?question="+pub.id, nil, 200)) {
				if m["kind"] == "answer_posted" && m["to"] == "visitor" {
					return ""
				}
			}
			return "the visitor was not told of the answer (kind answer_posted)"
		})
		if list := items(t, "inbox", c.want(t, w.l1, "GET", "/lawyer/questions", nil, 200)); find(list, "id", pub.id) != nil || find(list, "id", pub2.id) == nil {
			t.Errorf("after answering, L1's inbox = %v", list)
		}
	})
	if a1 == "" {
		t.FailNow()
	}
	t.Run("GET /questions/{id}/answers", func(t *testing.T) {
		for _, p := range []party{anyone, pub.v} {
			list := items(t, "answers", c.want(t, p, "GET", "/questions/"+pub.id+"/answers", nil, 200))
			if len(list) != 1 || list[0]["id"] != a1 {
				t.Fatalf("%s reads answers %v", p.name, list)
			}
			shape(t, "listed answer", list[0], map[string]string{"replies": "array", "lawyer": "object", "helpful": "bool"})
		}
		c.deny(t, anyone, "GET", "/questions/"+priv.id+"/answers", nil, 404, "not_found")
		if list := items(t, "private answers", c.want(t, priv.v, "GET", "/questions/"+priv.id+"/answers", nil, 200)); len(list) != 0 {
			t.Errorf("a private question has answers %v", list)
		}
	})
	t.Run("POST /answers/{id}/replies", func(t *testing.T) {
		path := "/answers/" + a1 + "/replies"
		r := c.want(t, pub.v, "POST", path, map[string]any{"body": "谢谢律师，异议要多久？我的手机13800138000，韩梅梅。"}, 201)
		shape(t, "reply", r, map[string]string{"id": "id", "author": "string", "body": "string", "createdAt": "time"})
		if r["author"] != "asker" {
			t.Errorf("the asker's reply has author %v", r["author"])
		}
		if r := c.want(t, w.l1, "POST", path, map[string]any{"body": "一般需要一年左右。"}, 201); r["author"] != "lawyer" {
			t.Errorf("the lawyer's reply has author %v", r["author"])
		}
		c.deny(t, pub.v, "POST", path, map[string]any{"body": "好"}, 400, "validation_failed")
		shortest := c.want(t, pub.v, "POST", path, map[string]any{"body": "好的"}, 201)["id"]
		c.deny(t, pub.v, "POST", path, map[string]any{"body": strings.Repeat("好", 2001)}, 400, "validation_failed")
		for _, p := range []party{w.l2, w.lb, pub2.v, w.staffA} {
			c.deny(t, p, "POST", path, map[string]any{"body": "我也想问一下这个问题"}, 403, "forbidden")
		}
		c.deny(t, anyone, "POST", path, map[string]any{"body": "我也想问一下这个问题"}, 401, "unauthenticated")
		// The asker's follow-up is public text: redacted for anyone, as
		// written for the asker.
		pubR := c.do(t, anyone, "GET", "/questions/"+pub.id+"/answers", nil)
		if strings.Contains(string(pubR.Body), "13800138000") || strings.Contains(string(pubR.Body), "韩梅梅") {
			t.Errorf("the public answers show the asker's data: %s", pubR.Body)
		}
		if own := c.do(t, pub.v, "GET", "/questions/"+pub.id+"/answers", nil); !strings.Contains(string(own.Body), "13800138000") {
			t.Errorf("the asker does not read their follow-up as written: %s", own.Body)
		}
		list := items(t, "answers", pubR.JSON)
		replies := list[0]["replies"].([]any)
		if len(replies) != 3 || obj(t, "reply", replies[0])["author"] != "asker" || obj(t, "reply", replies[1])["author"] != "lawyer" ||
			obj(t, "reply", replies[2])["id"] != shortest {
			t.Errorf("the answer's replies = %v, want the asker's, the lawyer's, the asker's", replies)
		}
	})
	t.Run("POST /answers/{id}/helpful", func(t *testing.T) {
		helped := func() float64 {
			return c.want(t, anyone, "GET", "/lawyers/"+w.l1ID, nil, 200)["helpedCount"].(float64)
		}
		before := helped()
		c.deny(t, pub2.v, "POST", "/answers/"+a1+"/helpful", nil, 403, "forbidden")
		c.deny(t, w.l1, "POST", "/answers/"+a1+"/helpful", nil, 401, "unauthenticated")
		c.deny(t, anyone, "POST", "/answers/"+a1+"/helpful", nil, 401, "unauthenticated")
		if a := c.want(t, pub.v, "POST", "/answers/"+a1+"/helpful", nil, 200); a["helpful"] != true {
			t.Errorf("the answer marked helpful = %v", a)
		}
		if got := helped(); got != before+1 {
			t.Errorf("helpedCount after the first helpful = %v, want %v", got, before+1)
		}
		c.want(t, pub.v, "POST", "/answers/"+a1+"/helpful", nil, 200)
		if got := helped(); got != before+1 {
			t.Errorf("helpedCount after marking again = %v, want %v", got, before+1)
		}
	})
	t.Run("DELETE /answers/{id}", func(t *testing.T) {
		other := "香港注册的商标在内地并不当然受保护，建议尽快在内地提出异议并准备好在先使用的证据。"
		aB := c.want(t, w.lb, "POST", "/questions/"+pub.id+"/answers", map[string]any{"body": other}, 201)["id"].(string)
		// Oldest first.
		if list := items(t, "answers", c.want(t, anyone, "GET", "/questions/"+pub.id+"/answers", nil, 200)); len(list) != 2 || list[0]["id"] != a1 || list[1]["id"] != aB {
			t.Errorf("answers = %v, want %s then %s", list, a1, aB)
		}
		c.deny(t, w.staffA, "DELETE", "/answers/"+aB, nil, 403, "forbidden")
		c.deny(t, w.l1, "DELETE", "/answers/"+aB, nil, 403, "forbidden")
		c.deny(t, pub.v, "DELETE", "/answers/"+aB, nil, 401, "unauthenticated")
		c.deny(t, anyone, "DELETE", "/answers/"+aB, nil, 401, "unauthenticated")
		c.want(t, w.staffB, "DELETE", "/answers/"+aB, nil, 204)
		if list := items(t, "answers", c.want(t, anyone, "GET", "/questions/"+pub.id+"/answers", nil, 200)); find(list, "id", aB) != nil {
			t.Error("a removed answer is still listed under its question")
		}
		if list := items(t, "answers", c.want(t, anyone, "GET", "/lawyers/"+w.lbID+"/answers", nil, 200)); find(list, "id", aB) != nil {
			t.Error("a removed answer is still listed under its lawyer")
		}
		a2 := c.want(t, w.l2, "POST", "/questions/"+pub2.id+"/answers", map[string]any{"body": strings.Repeat("商", 20)}, 201)["id"].(string)
		c.want(t, w.admin, "DELETE", "/answers/"+a2, nil, 204)
		a3 := c.want(t, w.l1, "POST", "/questions/"+pub2.id+"/answers", map[string]any{"body": other}, 201)["id"].(string)
		c.want(t, w.l1, "DELETE", "/answers/"+a3, nil, 204)
		if list := items(t, "answers", c.want(t, anyone, "GET", "/questions/"+pub2.id+"/answers", nil, 200)); len(list) != 0 {
			t.Errorf("answers after removing both = %v", list)
		}
	})
	t.Run("GET /questions/{id}/related", func(t *testing.T) {
		list := items(t, "related", c.want(t, anyone, "GET", "/questions/"+pub.id+"/related", nil, 200))
		if len(list) == 0 || len(list) > 10 || find(list, "id", pub.id) != nil {
			t.Fatalf("related = %v, want up to 10 others", list)
		}
		for _, it := range list {
			shape(t, "related item", it, map[string]string{"id": "id", "title": "string", "area": "string", "answerCount": "int", "createdAt": "time"})
		}
		if list[0]["area"] != "ip" || find(list, "id", pub2.id) == nil {
			t.Errorf("related = %v, want the same area first, with the other ip question", list)
		}
		if find(list, "id", priv.id) != nil {
			t.Error("a private question is related")
		}
		if list := items(t, "related", c.want(t, anyone, "GET", "/questions/"+pub.id+"/related?limit=1", nil, 200)); len(list) != 1 {
			t.Errorf("related?limit=1 = %v", list)
		}
		c.deny(t, anyone, "GET", "/questions/"+priv.id+"/related", nil, 404, "not_found")
	})
	t.Run("GET /questions?answered=", func(t *testing.T) {
		yes := items(t, "answered", c.want(t, anyone, "GET", "/questions?area=ip&answered=true&limit=100", nil, 200))
		no := items(t, "unanswered", c.want(t, anyone, "GET", "/questions?area=ip&answered=false&limit=100", nil, 200))
		if it := find(yes, "id", pub.id); it == nil || it["answerCount"] != 1.0 || find(yes, "id", pub2.id) != nil {
			t.Errorf("answered=true = %v, want the answered question with answerCount 1", yes)
		}
		if find(no, "id", pub2.id) == nil || find(no, "id", pub.id) != nil {
			t.Errorf("answered=false = %v", no)
		}
		for _, it := range append(yes, no...) {
			shape(t, "listed question", it, map[string]string{"answerCount": "int"})
		}
	})
	t.Run("GET /lawyers/{id}/answers", func(t *testing.T) {
		later := c.want(t, w.l1, "POST", "/questions/"+pub2.id+"/answers", map[string]any{"body": answerText}, 201)["id"].(string)
		list := items(t, "lawyer's answers", c.want(t, anyone, "GET", "/lawyers/"+w.l1ID+"/answers", nil, 200))
		if len(list) != 2 || list[0]["id"] != later || list[1]["id"] != a1 {
			t.Fatalf("L1's answers = %v, want newest first", list)
		}
		for _, it := range list {
			shape(t, "lawyer's answer", it, map[string]string{"id": "id", "questionId": "id", "questionTitle": "string", "body": "string", "createdAt": "time"})
		}
		if title := list[1]["questionTitle"].(string); strings.Contains(title, "韩梅梅") {
			t.Errorf("the question's title in a public list is not redacted: %s", title)
		}
		c.deny(t, anyone, "GET", "/lawyers/01ARZ3NDEKTSV4RRFFQ69G5FAV/answers", nil, 404, "not_found")
	})
	t.Run("GET /lawyers/{id} additions", func(t *testing.T) {
		l := c.want(t, anyone, "GET", "/lawyers/"+w.l1ID, nil, 200)
		// L1 has answered bookings five times by now (Bookings).
		shape(t, "profile", l, map[string]string{"licenseNo": "string", "answerCount": "int", "rating": "object", "responseMinutesMedian": "int"})
		if l["answerCount"] != 2.0 {
			t.Errorf("answerCount = %v, want 2", l["answerCount"])
		}
		// Every answer came within the minute it was asked for.
		if l["responseMinutesMedian"] != 0.0 {
			t.Errorf("responseMinutesMedian = %v, want 0", l["responseMinutesMedian"])
		}
		shape(t, "a profile with fewer than 3 answers", c.want(t, anyone, "GET", "/lawyers/"+w.lbID, nil, 200), map[string]string{"responseMinutesMedian": "null"})
	})
}

func indexOf(list []map[string]any, id string) int {
	for i, it := range list {
		if it["id"] == id {
			return i
		}
	}
	return -1
}

var scriptTag = regexp.MustCompile(`<script\b[^>]*>`)

func publicPages(t *testing.T, c client, w *world) {
	pub, priv := w.publicQ, w.privateQ
	if pub.id == "" {
		t.Fatal("no public question from the QA walk")
	}
	page := func(t *testing.T, path string, status int) string {
		t.Helper()
		r := c.do(t, anyone, "GET", path, nil)
		if r.Status != status || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("GET %s = %d %s, want %d text/html: %.300s", path, r.Status, r.Header.Get("Content-Type"), status, r.Body)
		}
		return string(r.Body)
	}
	t.Run("GET /q/{id}", func(t *testing.T) {
		zh := page(t, "/q/"+pub.id, 200)
		helped := fmt.Sprintf("已帮助 %.0f 人", c.want(t, anyone, "GET", "/lawyers/"+w.l1ID, nil, 200)["helpedCount"].(float64))
		for _, want := range []string{`<html lang="zh`, "<title>", `<meta name="description"`, `rel="canonical"`, `application/ld+json`, "QAPage",
			"周律师", "契约律师事务所", "32010201810000001", helped, "025-87654321", "[已隐藏]", "/q/" + w.publicQ2.id, w.l1ID} {
			if !strings.Contains(zh, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		for _, s := range piiParts {
			if strings.Contains(zh, s) {
				t.Errorf("the public page shows %s", s)
			}
		}
		for _, tag := range scriptTag.FindAllString(zh, -1) {
			if !strings.Contains(tag, "application/ld+json") {
				t.Errorf("the page needs a script: %s", tag)
			}
		}
		en := page(t, "/q/"+pub.id+"?lang=en", 200)
		if !strings.Contains(en, `<html lang="en"`) || en == zh {
			t.Errorf("?lang=en is not the English page: %.300s", en)
		}
		for _, path := range []string{"/q/" + priv.id, "/q/01ARZ3NDEKTSV4RRFFQ69G5FAV", "/q/" + priv.id + "?lang=en"} {
			body := page(t, path, 404)
			if strings.Contains(body, "不公开的商标问题") || strings.Contains(body, priv.id) {
				t.Errorf("GET %s: the 404 page tells of the question", path)
			}
		}
	})
	t.Run("GET /sitemap.xml and /robots.txt", func(t *testing.T) {
		r := c.do(t, anyone, "GET", "/sitemap.xml", nil)
		if r.Status != 200 || !strings.Contains(r.Header.Get("Content-Type"), "xml") {
			t.Fatalf("GET /sitemap.xml = %d %s", r.Status, r.Header.Get("Content-Type"))
		}
		if !bytes.Contains(r.Body, []byte("/q/"+pub.id+"</loc>")) || bytes.Contains(r.Body, []byte("/q/"+priv.id)) {
			t.Errorf("the sitemap lists %s, want the public question's page and not the private one's", r.Body)
		}
		robots := c.do(t, anyone, "GET", "/robots.txt", nil)
		if robots.Status != 200 || !regexp.MustCompile(`(?m)^Sitemap: \S+/sitemap\.xml$`).Match(robots.Body) {
			t.Errorf("GET /robots.txt = %d %s, want it to point to the sitemap", robots.Status, robots.Body)
		}
	})
}
