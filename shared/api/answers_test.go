package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// qaWorld: two firms, three lawyers (two of firm A), a public question
// whose asker wrote their name, phone and ID number into it, and a
// private one.
type qaWorld struct {
	*env
	firmA, firmB      string
	la1, la2, lb      string
	pub, pubTok       string
	priv, privTok     string
	askerSecrets      []string
	answerBodyWithTag string
}

const answerBody = "您好，王小明先生：对方泄露您的个人信息，可以依据《个人信息保护法》第六十九条要求赔偿，必要时向网信部门投诉。"

func newQAWorld(t *testing.T) *qaWorld {
	w := &qaWorld{env: newEnv(t, nil, func(c *app.Config, _ *api.Deps) { c.QuestionRateLimit, c.WebOrigin = 0, "https://lawdesk.example.com" })}
	w.firmA, w.firmB = w.mustFirm("南京"), w.mustFirm("上海")
	w.la1 = w.mustLawyer(w.firmA, "南京", "privacy", "family")
	w.la2 = w.mustLawyer(w.firmA, "南京", "privacy")
	w.lb = w.mustLawyer(w.firmB, "上海", "privacy")
	w.pub, w.pubTok = w.mustQuestion(map[string]any{"title": "我叫王小明，快递公司泄露了我的个人信息怎么办", "area": "privacy", "name": "王小明",
		"phone": "13800138008", "email": "wxm@example.com", "public": true,
		"body": "我的电话138 0013 8008和身份证号320102199001011232被快递公司泄露了，现在天天接到骚扰电话。"})
	w.priv, w.privTok = w.mustQuestion(map[string]any{"title": "公司泄露了我的个人信息", "area": "privacy"})
	w.askerSecrets = []string{"王小明", "138 0013 8008", "13800138008", "320102199001011232", "wxm@example.com"}
	return w
}

func (w *qaWorld) answer(qid, lawyerID, firmID, body string) response {
	w.t.Helper()
	return w.do(req{method: "POST", path: "/questions/" + qid + "/answers", token: w.lawyer(lawyerID, firmID), body: map[string]any{"body": body}})
}

func (w *qaWorld) profile(lawyerID string) response {
	w.t.Helper()
	return w.do(req{method: "GET", path: "/lawyers/" + lawyerID}).want(w.t, 200)
}

func num(r response, key string) int {
	f, _ := r.body[key].(float64)
	return int(f)
}

func TestAnswers(t *testing.T) {
	w := newQAWorld(t)
	a := w.answer(w.pub, w.la1, w.firmA, answerBody).want(t, 201)
	aid := a.str("id")
	lawyer, _ := a.body["lawyer"].(map[string]any)
	if a.str("questionId") != w.pub || lawyer["id"] != w.la1 || lawyer["firmName"] != "明德律师事务所" || lawyer["licenseNo"] == "" ||
		lawyer["answerCount"] != float64(1) || a.body["helpful"] != false || a.body["firm"] == nil {
		t.Fatalf("answer = %s", a.raw)
	}
	if s := contains(a.raw, w.askerSecrets); s != "" || !strings.Contains(a.raw, "[已隐藏]先生") {
		t.Fatalf("the answer as published shows %q (the asker's name must be hidden): %s", s, a.raw)
	}
	if got := num(w.profile(w.la1), "answerCount"); got != 1 {
		t.Fatalf("the profile's answerCount = %d, want 1", got)
	}

	t.Run("Refused", func(t *testing.T) {
		path := "/questions/" + w.pub + "/answers"
		body := map[string]any{"body": answerBody}
		w.do(req{method: "POST", path: path, body: body}).want(t, 401, "unauthenticated")
		w.do(req{method: "POST", path: path, body: body, token: w.staff(w.firmA)}).want(t, 403, "forbidden")
		w.do(req{method: "POST", path: path, body: body, visitor: w.pubTok}).want(t, 401, "unauthenticated")
		w.answer(w.pub, w.la1, w.firmA, answerBody).want(t, 409, "conflict")
		w.answer(w.priv, w.la2, w.firmA, answerBody).want(t, 404, "not_found")
		w.answer("01ABCDEFGHJKMNPQRSTVWXYZ00", w.la2, w.firmA, answerBody).want(t, 404, "not_found")
		r := w.answer(w.pub, w.la2, w.firmA, "太短了").want(t, 400, "validation_failed")
		if fc, _ := r.body["error"].(map[string]any)["fieldCodes"].(map[string]any); fc["body"] != domain.CodeTooShort {
			t.Fatalf("too short: %s", r.raw)
		}
		for _, contact := range []string{"请直接打我电话 139 1234 5678 详细沟通一下您的情况", "欢迎发邮件到 lawyer@example.com 详细说明您遇到的情况",
			"请提供身份证号 320102199001011232 以便我们核实您的身份信息"} {
			r := w.answer(w.pub, w.la2, w.firmA, contact).want(t, 400, "validation_failed")
			if fc, _ := r.body["error"].(map[string]any)["fieldCodes"].(map[string]any); fc["body"] != domain.CodeContactData {
				t.Fatalf("contact data %q: %s", contact, r.raw)
			}
		}
		// Statute articles, case numbers and amounts are no contact data.
		w.answer(w.pub, w.lb, w.firmB, "依据刑法第二百五十三条和（2023）苏01民终1234号判决，赔偿可达5000元以上，建议先固定证据。").want(t, 201)
		w.do(req{method: "PATCH", path: "/lawyers/" + w.la2, token: w.admin(), body: map[string]any{"active": false}}).want(t, 200)
		w.answer(w.pub, w.la2, w.firmA, answerBody).want(t, 403, "forbidden")
		w.do(req{method: "PATCH", path: "/lawyers/" + w.la2, token: w.admin(), body: map[string]any{"active": true}}).want(t, 200)
	})

	t.Run("List", func(t *testing.T) {
		pub := w.do(req{method: "GET", path: "/questions/" + w.pub + "/answers"}).want(t, 200)
		items := pub.items()
		if len(items) != 2 || items[0]["id"] != aid || items[1]["lawyer"].(map[string]any)["id"] != w.lb {
			t.Fatalf("answers = %s", pub.raw)
		}
		if s := contains(pub.raw, append(w.askerSecrets, "13912345678", "wang@example.com")); s != "" {
			t.Fatalf("the public answers show %q: %s", s, pub.raw)
		}
		mine := w.do(req{method: "GET", path: "/questions/" + w.pub + "/answers", visitor: w.pubTok}).want(t, 200)
		if mine.items()[0]["body"] != answerBody {
			t.Fatalf("the asker reads %v, want the answer as written", mine.items()[0]["body"])
		}
		w.do(req{method: "GET", path: "/questions/" + w.pub + "/answers", visitor: w.privTok}).want(t, 403, "forbidden")
		w.do(req{method: "GET", path: "/questions/" + w.priv + "/answers"}).want(t, 404, "not_found")
		own := w.do(req{method: "GET", path: "/questions/" + w.priv + "/answers", visitor: w.privTok}).want(t, 200)
		if len(own.items()) != 0 {
			t.Fatalf("a private question's answers = %s", own.raw)
		}
		list := w.do(req{method: "GET", path: "/questions?area=privacy"}).want(t, 200)
		for _, it := range list.items() {
			if it["id"] == w.pub && it["answerCount"] != float64(2) {
				t.Fatalf("the list's answerCount = %v, want 2", it["answerCount"])
			}
		}
		answered := w.do(req{method: "GET", path: "/questions?answered=true"}).want(t, 200)
		if len(answered.items()) != 1 || answered.items()[0]["id"] != w.pub {
			t.Fatalf("answered=true lists %s", answered.raw)
		}
		w.do(req{method: "GET", path: "/questions?answered=maybe"}).want(t, 400, "validation_failed")
	})

	t.Run("Replies", func(t *testing.T) {
		path := "/answers/" + aid + "/replies"
		ask := "我叫王小明，快递公司不承认怎么办？我的手机13800138008还在被骚扰"
		r := w.do(req{method: "POST", path: path, visitor: w.pubTok, body: map[string]any{"body": ask}}).want(t, 201)
		if r.str("author") != domain.AuthorAsker || r.str("body") != ask {
			t.Fatalf("the asker's follow-up = %s", r.raw)
		}
		w.do(req{method: "POST", path: path, token: w.lawyer(w.la1, w.firmA), body: map[string]any{"body": "可以先向快递公司书面要求说明情况。"}}).want(t, 201)
		w.do(req{method: "POST", path: path, token: w.lawyer(w.la1, w.firmA), body: map[string]any{"body": "或者打我电话13912345678"}}).want(t, 400, "validation_failed")
		w.do(req{method: "POST", path: path, body: map[string]any{"body": "路人甲的追问"}}).want(t, 401, "unauthenticated")
		w.do(req{method: "POST", path: path, token: w.lawyer(w.lb, w.firmB), body: map[string]any{"body": "别的律师的追问"}}).want(t, 403, "forbidden")
		w.do(req{method: "POST", path: path, token: w.staff(w.firmA), body: map[string]any{"body": "律所员工的追问"}}).want(t, 403, "forbidden")
		w.do(req{method: "POST", path: path, visitor: w.privTok, body: map[string]any{"body": "另一个访客的追问"}}).want(t, 403, "forbidden")
		w.do(req{method: "POST", path: "/answers/nonsense/replies", visitor: w.pubTok, body: map[string]any{"body": "追问一下"}}).want(t, 404, "not_found")
		pub := w.do(req{method: "GET", path: "/questions/" + w.pub + "/answers"}).want(t, 200)
		replies, _ := pub.items()[0]["replies"].([]any)
		if len(replies) != 2 || replies[0].(map[string]any)["author"] != "asker" || replies[1].(map[string]any)["author"] != "lawyer" {
			t.Fatalf("replies = %s", pub.raw)
		}
		if s := contains(pub.raw, w.askerSecrets); s != "" {
			t.Fatalf("the public thread shows %q: %s", s, pub.raw)
		}
	})

	t.Run("Helpful", func(t *testing.T) {
		before := num(w.profile(w.la1), "helpedCount")
		path := "/answers/" + aid + "/helpful"
		w.do(req{method: "POST", path: path}).want(t, 401, "unauthenticated")
		w.do(req{method: "POST", path: path, visitor: w.privTok}).want(t, 403, "forbidden")
		w.do(req{method: "POST", path: path, token: w.lawyer(w.la1, w.firmA)}).want(t, 401, "unauthenticated")
		r := w.do(req{method: "POST", path: path, visitor: w.pubTok}).want(t, 200)
		if r.body["helpful"] != true || r.body["lawyer"].(map[string]any)["helpedCount"] != float64(before+1) {
			t.Fatalf("marked helpful: %s", r.raw)
		}
		w.do(req{method: "POST", path: path, visitor: w.pubTok}).want(t, 200)
		if got := num(w.profile(w.la1), "helpedCount"); got != before+1 {
			t.Fatalf("helpedCount = %d after marking twice, want %d", got, before+1)
		}
	})

	t.Run("Remove", func(t *testing.T) {
		other := w.answer(w.pub, w.la2, w.firmA, "这种情况可以先收集骚扰电话的记录，再向快递公司和监管部门投诉。").want(t, 201).str("id")
		path := "/answers/" + other
		w.do(req{method: "DELETE", path: path}).want(t, 401, "unauthenticated")
		w.do(req{method: "DELETE", path: path, token: w.lawyer(w.la1, w.firmA)}).want(t, 403, "forbidden")
		w.do(req{method: "DELETE", path: path, token: w.staff(w.firmB)}).want(t, 403, "forbidden")
		w.do(req{method: "DELETE", path: path, token: w.staff(w.firmA)}).want(t, 204)
		w.do(req{method: "DELETE", path: path, token: w.staff(w.firmA)}).want(t, 404, "not_found")
		if got := num(w.profile(w.la2), "answerCount"); got != 0 {
			t.Fatalf("answerCount after removal = %d", got)
		}
		for _, it := range w.do(req{method: "GET", path: "/questions/" + w.pub + "/answers"}).want(t, 200).items() {
			if it["id"] == other {
				t.Fatal("a removed answer is still listed")
			}
		}
		// The lawyer may answer again, and remove their own.
		again := w.answer(w.pub, w.la2, w.firmA, "这种情况可以先收集骚扰电话的记录，再向快递公司和监管部门投诉。").want(t, 201).str("id")
		w.do(req{method: "DELETE", path: "/answers/" + again, token: w.lawyer(w.la2, w.firmA)}).want(t, 204)
		theirs := w.answer(w.pub, w.la2, w.firmA, "第三次回答：先保存证据，再向监管部门投诉，必要时起诉。").want(t, 201).str("id")
		w.do(req{method: "DELETE", path: "/answers/" + theirs, token: w.admin()}).want(t, 204)
	})

	t.Run("LawyerLists", func(t *testing.T) {
		mine := w.do(req{method: "GET", path: "/lawyers/" + w.la1 + "/answers"}).want(t, 200)
		if len(mine.items()) != 1 || mine.items()[0]["questionId"] != w.pub || mine.items()[0]["questionTitle"] == "" ||
			strings.Contains(mine.raw, "王小明") {
			t.Fatalf("the lawyer's answers = %s", mine.raw)
		}
		q2, _ := w.mustQuestion(map[string]any{"title": "邻居装摄像头对着我家门口拍", "area": "privacy", "public": true})
		q3, _ := w.mustQuestion(map[string]any{"title": "离婚后孩子抚养费怎么算", "area": "family", "public": true})
		q4, _ := w.mustQuestion(map[string]any{"title": "被公司拖欠工资三个月", "area": "labor", "public": true})
		inbox := w.do(req{method: "GET", path: "/lawyer/questions", token: w.lawyer(w.la1, w.firmA)}).want(t, 200)
		var ids []string
		for _, it := range inbox.items() {
			ids = append(ids, it["id"].(string))
		}
		if want := []string{q3, q2}; fmt.Sprint(ids) != fmt.Sprint(want) {
			t.Fatalf("the Q&A inbox = %v, want %v (newest first, the lawyer's areas, not answered by them; not %s)", ids, want, q4)
		}
		one := w.do(req{method: "GET", path: "/lawyer/questions?area=family&limit=1", token: w.lawyer(w.la1, w.firmA)}).want(t, 200)
		if len(one.items()) != 1 || one.items()[0]["id"] != q3 {
			t.Fatalf("the inbox of one area = %s", one.raw)
		}
		w.do(req{method: "GET", path: "/lawyer/questions?area=labor", token: w.lawyer(w.la1, w.firmA)}).want(t, 400, "validation_failed")
		w.do(req{method: "GET", path: "/lawyer/questions", token: w.staff(w.firmA)}).want(t, 403, "forbidden")
		w.do(req{method: "GET", path: "/lawyer/questions"}).want(t, 401, "unauthenticated")
	})
}

// Related questions: same area first, then the most shared terms, then
// the newest; never the question itself, a private or an erased one.
func TestRelated(t *testing.T) {
	w := newQAWorld(t)
	mk := func(title, area string, public bool) (string, string) {
		return w.mustQuestion(map[string]any{"title": title, "area": area, "public": public})
	}
	self, _ := mk("男朋友分手了要我退还彩礼怎么办", "family", true)
	close1, _ := mk("订婚后分手彩礼要退吗", "family", true)
	far, _ := mk("离婚后孩子抚养费怎么算", "family", true)
	other, _ := mk("分手后前男友要我退彩礼还威胁我", "criminal", true)
	hidden, _ := mk("分手彩礼纠纷退不退", "family", false)
	gone, goneTok := mk("彩礼退还的标准是什么分手了", "family", true)
	w.do(req{method: "DELETE", path: "/questions/" + gone, visitor: goneTok}).want(t, 204)
	r := w.do(req{method: "GET", path: "/questions/" + self + "/related"}).want(t, 200)
	var ids []string
	for _, it := range r.items() {
		ids = append(ids, it["id"].(string))
	}
	want := []string{close1, far, other}
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Fatalf("related = %v, want %v (same area first, then shared terms; not %s itself, private %s, erased %s)", ids, want, self, hidden, gone)
	}
	if lim := w.do(req{method: "GET", path: "/questions/" + self + "/related?limit=1"}).want(t, 200); len(lim.items()) != 1 {
		t.Fatalf("limit=1 gave %s", lim.raw)
	}
	w.do(req{method: "GET", path: "/questions/" + self + "/related?limit=11"}).want(t, 400, "validation_failed")
	w.do(req{method: "GET", path: "/questions/" + hidden + "/related"}).want(t, 404, "not_found")
	w.do(req{method: "GET", path: "/questions/" + gone + "/related"}).want(t, 404, "not_found")
}

// An erased question takes its answers and follow-ups with it at once:
// off every list, its thread deleted, the lawyers' counts back.
func TestEraseTakesTheThread(t *testing.T) {
	w := newQAWorld(t)
	aid := w.answer(w.pub, w.la1, w.firmA, answerBody).want(t, 201).str("id")
	w.do(req{method: "POST", path: "/answers/" + aid + "/replies", visitor: w.pubTok, body: map[string]any{"body": "我叫王小明，谢谢律师"}}).want(t, 201)
	w.do(req{method: "DELETE", path: "/questions/" + w.pub, visitor: w.pubTok}).want(t, 204)
	w.do(req{method: "GET", path: "/questions/" + w.pub + "/answers"}).want(t, 404, "not_found")
	if mine := w.do(req{method: "GET", path: "/lawyers/" + w.la1 + "/answers"}).want(t, 200); len(mine.items()) != 0 {
		t.Fatalf("the lawyer still lists an answer to an erased question: %s", mine.raw)
	}
	if got := num(w.profile(w.la1), "answerCount"); got != 0 {
		t.Fatalf("answerCount after erasure = %d", got)
	}
	w.do(req{method: "POST", path: "/answers/" + aid + "/replies", token: w.lawyer(w.la1, w.firmA), body: map[string]any{"body": "还在吗"}}).want(t, 404, "not_found")
	snap := (&faultWorld{env: w.env}).snapshot()
	for _, typ := range []string{"answer", "reply", "question_text", "term"} {
		if n := len(snap.ofType(typ)); n != 0 && typ != "term" {
			t.Errorf("%d %s items remain after the erasure", n, typ)
		}
	}
	for _, it := range snap.ofType("term") {
		if it.str("questionId") == w.pub {
			t.Errorf("a term posting of the erased question remains: %v", it)
		}
	}
	if raw := fmt.Sprint(snap); strings.Contains(raw, "王小明") || strings.Contains(raw, "320102199001011232") {
		t.Fatal("the erased asker's words remain in the table")
	}
}

// The asker hears of answers and follow-ups at most once an hour, and of
// none too late: a second answer within the hour is held back until the
// hour is up, and tells of both.
func TestAnswerNotices(t *testing.T) {
	w := newQAWorld(t)
	ctx := context.Background()
	rec := &recorder{}
	now := time.Now().UTC()
	w.setNow(now)
	if _, err := w.svc.DeliverPending(ctx, rec, 0, 100); err != nil { // the submissions' private links
		t.Fatal(err)
	}
	rec.sent = nil
	aid := w.answer(w.pub, w.la1, w.firmA, answerBody).want(t, 201).str("id")
	w.answer(w.pub, w.lb, w.firmB, "可以要求快递公司删除您的信息并赔礼道歉，必要时提起诉讼。").want(t, 201)
	w.do(req{method: "POST", path: "/answers/" + aid + "/replies", token: w.lawyer(w.la1, w.firmA), body: map[string]any{"body": "补充一点：注意保存通话记录。"}}).want(t, 201)
	w.setNow(now.Add(time.Second))
	if _, err := w.svc.DeliverPending(ctx, rec, 0, 100); err != nil {
		t.Fatal(err)
	}
	told := func() (n int) {
		for _, m := range rec.sent {
			if m.Kind == domain.NoticeAnswerPosted && m.Channel == "sms" {
				n++
				if m.Address != "13800138008" || !strings.Contains(m.Text, "https://lawdesk.example.com/#/q/"+w.pub+"?t=") || strings.Contains(m.Text, "快递") {
					t.Errorf("message = %+v", m)
				}
			}
		}
		return n
	}
	if n := told(); n != 1 {
		t.Fatalf("%d messages at once, want 1 (the first answer)", n)
	}
	w.setNow(now.Add(59 * time.Minute))
	if _, err := w.svc.DeliverPending(ctx, rec, 0, 100); err != nil || told() != 1 {
		t.Fatalf("a held-back message went before the hour was up: %d, %v", told(), err)
	}
	w.setNow(now.Add(61 * time.Minute))
	if _, err := w.svc.DeliverPending(ctx, rec, 0, 100); err != nil || told() != 2 {
		t.Fatalf("after the hour: %d messages, %v; want 2 (the one held back tells of the rest)", told(), err)
	}
	// The asker's follow-up tells the lawyer.
	w.do(req{method: "POST", path: "/answers/" + aid + "/replies", visitor: w.pubTok, body: map[string]any{"body": "请问要多久？"}}).want(t, 201)
	w.setNow(now.Add(62 * time.Minute))
	if _, err := w.svc.DeliverPending(ctx, rec, 0, 100); err != nil {
		t.Fatal(err)
	}
	lawyerTold := 0
	for _, m := range rec.sent {
		if m.Kind == domain.NoticeFollowUp && m.To == domain.RoleLawyer && m.Address == "wang@example.com" {
			lawyerTold++
		}
	}
	if lawyerTold != 1 {
		t.Fatalf("the lawyer was told %d times of the follow-up", lawyerTold)
	}
}

// A follow-up thread holds at most domain.MaxReplies.
func TestThreadIsBounded(t *testing.T) {
	w := newQAWorld(t)
	aid := w.answer(w.pub, w.la1, w.firmA, answerBody).want(t, 201).str("id")
	for i := 0; i < domain.MaxReplies; i++ {
		w.do(req{method: "POST", path: "/answers/" + aid + "/replies", visitor: w.pubTok, body: map[string]any{"body": fmt.Sprintf("第%d次追问", i+1)}}).want(t, 201)
	}
	w.do(req{method: "POST", path: "/answers/" + aid + "/replies", visitor: w.pubTok, body: map[string]any{"body": "再追问一次"}}).want(t, 409, "conflict")
	// And the whole thread goes in one removal.
	w.do(req{method: "DELETE", path: "/answers/" + aid, token: w.lawyer(w.la1, w.firmA)}).want(t, 204)
	if n := len((&faultWorld{env: w.env}).snapshot().ofType("reply")); n != 0 {
		t.Fatalf("%d follow-ups remain after the answer's removal", n)
	}
}
