package webtest

// Public questions and answers (问答, issue 12) in the pages: a visitor
// asks publicly, a lawyer answers from the Q&A tab (a refused attempt with
// contact details first), the asker follows up and marks the answer
// helpful, the lawyer replies, and the public page /q/<id> shows it all
// without the asker's personal data — in both languages, at 360 px and
// desktop width.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/chromedp/chromedp"

	"github.com/lawdesk/lawdesk/infra/ddbtest"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// The asker of the journeys: fake personal data, written into the question
// as people do, which no public page may show.
const (
	qaName  = "林小雨"
	qaPhone = "13800138012"
	qaEmail = "linxiaoyu@example.com"
)

// qaText is what each language's run types.
type qaText struct {
	title, body, contactAnswer, answer, followUp, reply string
	// answerPiece is a part of the answer without the asker's name.
	answerPiece string
	// What the pages say: the refused contact details, beside the field,
	// and the mark.
	contactError, warning, helpful, published string
}

var qaTexts = map[string]qaText{
	"zh": {
		title:         "我是" + qaName + "，快递公司泄露了我的手机号怎么办",
		body:          "我叫" + qaName + "，手机" + qaPhone + "，邮箱" + qaEmail + "。寄了一次快递以后，每天都接到骚扰电话。",
		contactAnswer: qaName + "您好，这种情况建议先固定证据。请直接打我电话 139 1234 5678，我们详细沟通。",
		answer:        qaName + "您好，快递公司泄露寄件人信息的，可以要求其说明情况并删除信息，向邮政管理部门投诉；有损失的，可以依据《个人信息保护法》要求赔偿。",
		answerPiece:   "向邮政管理部门投诉",
		followUp:      "我叫" + qaName + "，快递公司不承认，我的手机" + qaPhone + "还在被骚扰，怎么办？",
		reply:         "可以先向快递公司寄送书面函件，要求说明信息处理的情况，同时保存好骚扰电话的记录。",
		contactError:  "回答里不能有电话号码、邮箱或证件号",
		warning:       "发布时会被拒绝",
		helpful:       "提问者已采纳",
		published:     "回答已发布",
	},
	"en": {
		title:         "I am " + qaName + " and a courier leaked my phone number",
		body:          "My name is " + qaName + ", phone " + qaPhone + ", e-mail " + qaEmail + ". Since I sent a parcel I get sales calls every day.",
		contactAnswer: "Dear " + qaName + ", keep the evidence first. Call me directly at +86 139-1234-5678 and we can talk it through.",
		answer:        "Dear " + qaName + ", a courier that leaks a sender's details can be asked to explain and delete them; complain to the postal regulator, and claim damages under the Personal Information Protection Law.",
		answerPiece:   "complain to the postal regulator",
		followUp:      "I am " + qaName + " and the courier denies it; my phone " + qaPhone + " still gets calls. What now?",
		reply:         "Send the courier a written request to explain how it handled your data, and keep a log of the calls.",
		contactError:  "An answer may hold no phone number",
		warning:       "which will be refused",
		helpful:       "Marked helpful by the asker",
		published:     "Your answer is published",
	},
}

// askerSecrets are the asker's data as typed: none may be on a public page.
var askerSecrets = []string{qaName, qaPhone, qaEmail, "139 1234 5678", "139-1234-5678"}

func TestQAJourney(t *testing.T) {
	s := startSite(t)
	lawyer := s.lawyerID(t, "赵磊")
	licence := s.call(t, "GET", "/lawyers/"+lawyer, nil, nil, 200)["licenseNo"].(string)
	for _, lang := range []string{"zh-CN", "en-US"} {
		t.Run(lang, func(t *testing.T) { qaJourney(t, s, lang, lawyer, licence) })
	}
}

func qaJourney(t *testing.T, s *site, lang, lawyer, licence string) {
	l2 := lang[:2]
	tx := qaTexts[l2]
	zh := l2 == "zh"
	check := func(tb *tab, name, where string) {
		t.Helper()
		for _, view := range []viewport{desktop, phone} {
			tb.resize(view)
			tb.fitsWidth(where)
			tb.accessible(where)
			if zh {
				tb.polished(where)
			}
			tb.shot(fmt.Sprintf("qa-%s-%s", name, l2))
		}
		tb.resize(desktop)
	}

	// 1. The visitor asks publicly, with their name, phone and e-mail in the text.
	v := newTab(t, s, tabOptions{view: desktop, lang: lang})
	v.open("/#/ask")
	v.typeInto("input[name=title]", tx.title)
	v.typeInto("textarea[name=body]", tx.body)
	v.choose("select[name=area]", "privacy")
	v.typeInto("input[name=city]", "杭州")
	v.typeInto("input[name=name]", qaName)
	v.typeInto("input[name=phone]", qaPhone)
	v.typeInto("input[name=email]", qaEmail)
	v.check("input[name=consent]", true)
	v.check("input[name=public]", true)
	v.click("#ask-submit")
	v.waitFor(`location.hash.startsWith('#/q/')`, "the question page")
	id := strings.TrimPrefix(v.hash(), "#/q/")
	v.waitVisible("#answers #answers-none")
	v.waitVisible("#matches article.lawyer")
	if href := eval[string](v, `document.getElementById('public-page-link').getAttribute('href')`); href != publicHref(id, l2) {
		t.Errorf("the visitor's link to the public page = %q, want %q", href, publicHref(id, l2))
	}
	check(v, "1-asked", "the visitor's page before an answer")

	// 2. The lawyer finds it in the Q&A tab, among their areas.
	l := newTab(t, s, tabOptions{view: desktop, lang: lang})
	signIn(t, l, "/#/lawyer/qa", "lawyer", "赵磊")
	card := fmt.Sprintf("#qa-inbox article[data-question=%q]", id)
	l.waitVisible(card)
	if title := l.text(card + " h3"); strings.Contains(title, qaName) || !strings.Contains(title, "[") {
		t.Errorf("the inbox shows the title %q: the asker's name must be hidden", title)
	}
	if href := eval[string](l, fmt.Sprintf(`document.querySelector(%q).getAttribute('href')`, card+" h3 a")); href != publicHref(id, l2) {
		t.Errorf("the inbox links the question to %q, want its public page %q", href, publicHref(id, l2))
	}
	l.choose("#qa-filter select[name=area]", "consumer")
	l.click("#qa-filter button[type=submit]")
	l.waitFor(fmt.Sprintf(`!document.querySelector(%q) && !document.querySelector('#qa-inbox .loading')`, card), "the consumer questions only")
	l.choose("#qa-filter select[name=area]", "privacy")
	l.click("#qa-filter button[type=submit]")
	l.waitVisible(card)
	l.click(card + " [data-action=answer]")
	l.waitVisible(card + " textarea[name=answer]")
	if body := l.text(card + " .q-body"); strings.Contains(body, qaPhone) || strings.Contains(body, qaEmail) || strings.Contains(body, qaName) || body == "" {
		t.Errorf("the question's text in the answer form = %q: personal data must be hidden", body)
	}
	// Contact details are flagged as they are typed, and the API refuses them.
	l.typeInto(card+" textarea[name=answer]", tx.contactAnswer)
	l.waitVisible(card + " .contact-warning")
	l.waitText(card+" .contact-warning", tx.warning)
	check(l, "2-contact-warning", "the answer form with contact details")
	l.click(card + " form.answer-form button[type=submit]")
	l.waitText(card+" [data-field=answer] .field-error", tx.contactError)
	l.waitText(card+" .form-alert", map[bool]string{true: "请修改", false: "Please correct"}[zh])
	if n := len(s.call(t, "GET", "/questions/"+id+"/answers", nil, nil, 200)["items"].([]any)); n != 0 {
		t.Fatalf("an answer with contact details was published (%d answers)", n)
	}
	check(l, "3-contact-refused", "the answer refused by the API")
	l.typeInto(card+" textarea[name=answer]", tx.answer)
	l.waitFor(fmt.Sprintf(`document.querySelector(%q).hidden`, card+" .contact-warning"), "the warning to go once the number is out")
	l.click(card + " form.answer-form button[type=submit]")
	l.waitText(card, tx.published)
	l.waitVisible("#qa-mine article.my-answer")
	answerID := eval[string](l, fmt.Sprintf(`document.querySelector(%q).dataset.answered`, card))
	l.waitText(fmt.Sprintf("#qa-mine article[data-answer=%q]", answerID), tx.answerPiece)

	// 3. The asker reads the answer as written, with who answered, follows
	// up and marks it helpful.
	v.open("/#/q/" + id)
	a := fmt.Sprintf("#answers article[data-answer=%q]", answerID)
	v.waitVisible(a)
	got := v.text(a)
	for _, want := range []string{"赵磊", "明德律师事务所", licence, "025-83331234", qaName + map[bool]string{true: "您好", false: ""}[zh]} {
		if !strings.Contains(got, want) {
			t.Errorf("the answer on the asker's page lacks %q:\n%s", want, got)
		}
	}
	if !strings.Contains(got, map[bool]string{true: "新入驻", false: "New on LawDesk"}[zh]) && !strings.Contains(got, map[bool]string{true: "已帮助", false: "Helped"}[zh]) {
		t.Errorf("the badge says neither helped nor new:\n%s", got)
	}
	if href := eval[string](v, fmt.Sprintf(`document.querySelector(%q).getAttribute('href')`, a+" a.book-lawyer")); href != "#/lawyers/"+lawyer {
		t.Errorf("book this lawyer links to %q", href)
	}
	helpedBefore := int(s.call(t, "GET", "/lawyers/"+lawyer, nil, nil, 200)["helpedCount"].(float64))
	v.typeInto(a+" textarea[name=reply]", tx.followUp)
	v.click(a + " form.reply-form button[type=submit]")
	v.waitText(a+" .replies li[data-author=asker]", tx.followUp)
	v.click(a + " [data-action=helpful]")
	v.waitText(a+" .helpful-mark", tx.helpful)
	v.waitText(a+" .qa-marks", map[bool]string{true: fmt.Sprintf("已帮助 %d 人", helpedBefore+1), false: fmt.Sprintf("Helped %d", helpedBefore+1)}[zh])
	if eval[bool](v, fmt.Sprintf(`!!document.querySelector(%q)`, a+" [data-action=helpful]")) {
		t.Error("the answer still offers to mark it helpful")
	}
	check(v, "4-followed-up", "the asker's page with the answer")

	// 4. The lawyer sees the follow-up — with the asker's data hidden — and replies.
	l.open("/#/lawyer/qa")
	mine := fmt.Sprintf("#qa-mine article[data-answer=%q]", answerID)
	l.waitVisible(mine + " .replies li[data-author=asker]")
	if f := l.text(mine + " .replies"); strings.Contains(f, qaName) || strings.Contains(f, qaPhone) {
		t.Errorf("the lawyer reads the follow-up with the asker's data: %q", f)
	}
	l.waitText(mine+" .awaiting", map[bool]string{true: "有新的追问", false: "New follow-up"}[zh])
	l.waitText(mine+" .helpful-mark", tx.helpful)
	l.typeInto(mine+" textarea[name=reply]", tx.reply)
	l.click(mine + " form.reply-form button[type=submit]")
	l.waitText(mine+" .replies li[data-author=lawyer]", tx.reply)
	check(l, "5-replied", "the lawyer's answers with the thread")

	// 5. The public page shows it all, and none of the asker's data.
	p := newTab(t, s, tabOptions{view: desktop, lang: lang})
	html := publicPage(t, s, publicHref(id, l2))
	for _, secret := range askerSecrets {
		if strings.Contains(html, secret) {
			t.Errorf("the public page shows the asker's %q", secret)
		}
	}
	for _, want := range []string{"赵磊", licence, "025-83331234", tx.reply, map[bool]string{true: "提问者采纳", false: "Marked helpful by the asker"}[zh],
		map[bool]string{true: `<html lang="zh-CN">`, false: `<html lang="en">`}[zh], `href="/#/lawyers/` + lawyer + `"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the public page lacks %q", want)
		}
	}
	for _, view := range []viewport{desktop, phone} {
		p.resize(view)
		p.do(chromedp.Navigate(s.base + publicHref(id, l2)))
		p.waitVisible("h1")
		p.fitsWidth("the public page")
		if got := eval[string](p, `document.documentElement.outerHTML`); !strings.Contains(got, tx.reply) {
			t.Error("the browser's public page lacks the lawyer's reply")
		}
		p.shot("qa-6-public-" + l2)
	}
}

// publicHref is the path of a question's public page in a language.
func publicHref(id, lang string) string {
	if lang == "en" {
		return "/q/" + id + "?lang=en"
	}
	return "/q/" + id
}

// publicPage reads a public page as a crawler does, without script.
func publicPage(t *testing.T, s *site, path string) string {
	t.Helper()
	res, err := http.Get(s.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET %s: %d %s", path, res.StatusCode, res.Header.Get("Content-Type"))
	}
	return string(b)
}

// The latest-questions pages (#/, #/questions, #/areas/<area>) link each
// question to its public page — a real page, in the app's language — and
// say how many answers it has.
func TestQuestionListsLinkToPublicPages(t *testing.T) {
	s := startSite(t)
	// A demo question with a demo answer.
	var answered map[string]any
	for _, it := range s.call(t, "GET", "/questions?answered=true&limit=50", nil, nil, 200)["items"].([]any) {
		if q := it.(map[string]any); q["area"] == "family" {
			answered = q
		}
	}
	if answered == nil {
		t.Fatal("no answered family question in the demo data")
	}
	id, n := answered["id"].(string), int(answered["answerCount"].(float64))
	for _, lang := range []string{"zh-CN", "en-US"} {
		t.Run(lang, func(t *testing.T) {
			l2 := lang[:2]
			p := newTab(t, s, tabOptions{view: phone, lang: lang})
			count := map[string]string{"zh": fmt.Sprintf("%d 个回答", n), "en": fmt.Sprintf("%d answer", n)}[l2]
			link := fmt.Sprintf(`main a[href=%q]`, publicHref(id, l2))
			for _, page := range []string{"/", "/#/questions", "/#/areas/family"} {
				p.open(page)
				p.waitVisible(link)
				if li := eval[string](p, fmt.Sprintf(`document.querySelector(%q).closest('li').innerText`, link)); !strings.Contains(li, count) {
					t.Errorf("%s: the question's line %q does not say %q", page, li, count)
				}
				if strings.Contains(p.text("main"), "演示访客") {
					t.Errorf("%s shows the demo asker's name", page)
				}
				p.fitsWidth(page)
			}
			p.shot("qa-list-" + l2)
			p.click(link)
			p.waitFor(fmt.Sprintf(`location.pathname === %q && location.search === %q`, "/q/"+id, map[string]string{"zh": "", "en": "?lang=en"}[l2]), "the public page")
			p.waitVisible("h1")
			if got, want := eval[string](p, `document.documentElement.lang`), map[string]string{"zh": "zh-CN", "en": "en"}[l2]; got != want {
				t.Errorf("the public page opened from the %s list is in %q", l2, got)
			}
		})
	}
}

// setRating gives a lawyer a rating as verified reviews would (issue 13
// brings the reviews; here the profile item is written directly).
func setRating(t *testing.T, lawyer string, sum, count int) {
	t.Helper()
	_, err := ddbtest.Client(t).UpdateItem(context.Background(), &dynamodb.UpdateItemInput{
		TableName: aws.String(fmt.Sprintf("web%d", os.Getpid())),
		Key: map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: "LAWYER#" + lawyer}, "sk": &types.AttributeValueMemberS{Value: "LAWYER"},
		},
		UpdateExpression:          aws.String("SET ratingSum = :s, ratingCount = :c"),
		ConditionExpression:       aws.String("attribute_exists(pk)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":s": &types.AttributeValueMemberN{Value: fmt.Sprint(sum)}, ":c": &types.AttributeValueMemberN{Value: fmt.Sprint(count)}},
	})
	if err != nil {
		t.Fatalf("rating lawyer %s: %v", lawyer, err)
	}
}

// A profile lists the lawyer's answers, each linked to its question's
// public page, with the answer count and the rating; the answer's badge
// carries the rating too. Staff of the lawyer's firm may remove an answer
// there; nobody else is offered to.
func TestProfileListsAnswers(t *testing.T) {
	s := startSite(t)
	lawyer := s.lawyerID(t, "何敏")
	id, token := s.askWith(t, map[string]any{"title": "朋友借了我五万元一直不还怎么办", "area": "debt", "public": true,
		"name": qaName, "phone": qaPhone, "email": qaEmail})
	aid := s.call(t, "POST", "/questions/"+id+"/answers", map[string]string{"Authorization": "Bearer " + lawyerToken(t, s, lawyer)},
		map[string]any{"body": "民间借贷有借条或转账记录的，可以先发催款函，再向法院起诉，诉讼时效一般为三年，注意保存证据。"}, 201)["id"].(string)
	setRating(t, lawyer, 9, 2)
	// A thread that holds all the follow-ups it may.
	for i := range domain.MaxReplies {
		s.call(t, "POST", "/answers/"+aid+"/replies", map[string]string{"X-Visitor-Token": token}, map[string]any{"body": fmt.Sprintf("第%d次追问", i+1)}, 201)
	}
	for _, lang := range []string{"zh-CN", "en-US"} {
		t.Run(lang, func(t *testing.T) {
			l2 := lang[:2]
			zh := l2 == "zh"
			p := newTab(t, s, tabOptions{view: desktop, lang: lang})
			p.open("/#/lawyers/" + lawyer)
			link := fmt.Sprintf(`#profile-answers a[href=%q]`, publicHref(id, l2))
			p.waitVisible(link)
			stats := p.text("#lawyer-stats")
			for _, want := range map[bool][]string{true: {"已回答 1 个问题", "评分 4.5（2 条评价）"}, false: {"Answered 1 question", "Rated 4.5 (2 reviews)"}}[zh] {
				if !strings.Contains(stats, want) {
					t.Errorf("the profile's stats %q lack %q", stats, want)
				}
			}
			if eval[bool](p, `!!document.querySelector('#profile-answers .remove-answer')`) {
				t.Error("a visitor is offered to remove an answer")
			}
			p.accessible("profile with answers")
			if zh {
				p.polished("profile with answers")
			}
			p.shot("qa-profile-" + l2)
			p.resize(phone)
			p.fitsWidth("profile with answers")
			p.shot("qa-profile-" + l2)
			p.click(link)
			p.waitFor(fmt.Sprintf(`location.pathname === %q`, "/q/"+id), "the public page")
			p.waitVisible("h1")

			// The asker's page: the badge with the rating.
			v := newTab(t, s, tabOptions{view: desktop, lang: lang})
			v.open(fmt.Sprintf("/#/q/%s?t=%s", id, token))
			v.waitText("#answers article.answer .qa-marks", map[bool]string{true: "评分 4.5（2 条评价）", false: "Rated 4.5 (2 reviews)"}[zh])
			// A full thread says so, in words of the page's own.
			v.typeInto("#answers textarea[name=reply]", map[bool]string{true: "还能再追问吗", false: "One more question"}[zh])
			v.click("#answers form.reply-form button[type=submit]")
			v.waitText("#answers .form-alert", map[bool]string{true: "追问已达上限", false: "holds the most follow-ups"}[zh])
		})
	}

	// Staff of another firm see no remove button; the lawyer's firm's staff remove it.
	other := newTab(t, s, tabOptions{view: desktop})
	signIn(t, other, "/#/staff", "staff", "Harbour & Bell LLP")
	other.open("/#/lawyers/" + lawyer)
	other.waitVisible("#profile-answers article.profile-answer")
	if eval[bool](other, `!!document.querySelector('#profile-answers .remove-answer')`) {
		t.Error("staff of another firm are offered to remove the answer")
	}
	st := newTab(t, s, tabOptions{view: desktop})
	signIn(t, st, "/#/staff", "staff", "明德律师事务所")
	st.open("/#/lawyers/" + lawyer)
	st.click("#profile-answers .remove-answer")
	st.click("#profile-answers .confirm .btn.danger")
	st.waitText("#profile-answers", "回答已删除")
	if items := s.call(t, "GET", "/lawyers/"+lawyer+"/answers", nil, nil, 200)["items"].([]any); len(items) != 0 {
		t.Errorf("the removed answer is still listed: %v", items)
	}
}

// The Q&A inbox: newest first, a page at a time without repeats, and the
// area filter among the lawyer's areas.
func TestLawyerQAInbox(t *testing.T) {
	s := startSite(t)
	lawyer := s.lawyerID(t, "孙悦") // corporate, finance
	var corporate []string
	for i := range 12 {
		id, _ := s.askWith(t, map[string]any{"title": fmt.Sprintf("公司股东第%d次要求查账被拒绝怎么办", i+1), "area": "corporate", "public": true,
			"name": "演示股东", "phone": "13800138013"})
		corporate = append(corporate, id)
	}
	finance, _ := s.askWith(t, map[string]any{"title": "理财产品到期不兑付怎么维权", "area": "finance", "public": true, "name": "演示客户", "phone": "13800138014"})
	p := newTab(t, s, tabOptions{view: desktop})
	signIn(t, p, "/#/lawyer/qa", "lawyer", "孙悦")
	p.waitVisible("#qa-inbox article.qa-question")
	ids := func() []string {
		return eval[[]string](p, `[...document.querySelectorAll('#qa-inbox article.qa-question')].map((a) => a.dataset.question)`)
	}
	first := ids()
	if len(first) != 10 || first[0] != finance || first[1] != corporate[11] {
		t.Fatalf("the first page = %v, want 10, newest first (%s, %s…)", first, finance, corporate[11])
	}
	p.waitText("#qa-inbox-status", "显示 10 个问题")
	p.click("#qa-inbox-more")
	p.waitFor(`document.querySelectorAll('#qa-inbox article.qa-question').length > 10`, "the next page")
	all := ids()
	seen := map[string]bool{}
	for _, id := range all {
		if seen[id] {
			t.Errorf("question %s is listed twice", id)
		}
		seen[id] = true
	}
	for _, id := range append(corporate, finance) {
		if !seen[id] {
			t.Errorf("question %s is missing from the two pages", id)
		}
	}
	p.shot("qa-inbox")
	p.choose("#qa-filter select[name=area]", "finance")
	p.click("#qa-filter button[type=submit]")
	p.waitFor(fmt.Sprintf(`(() => { const a = [...document.querySelectorAll('#qa-inbox article.qa-question')]; return a.length >= 1 && a.every((x) => x.dataset.question !== %q); })()`, corporate[0]), "the finance questions only")
	if got := ids(); got[0] != finance {
		t.Errorf("finance questions = %v", got)
	}
	if options := eval[[]string](p, `[...document.querySelectorAll('#qa-filter select[name=area] option')].map((o) => o.value)`); strings.Join(options, ",") != ",corporate,finance" {
		t.Errorf("the area filter offers %v, want the lawyer's areas", options)
	}

	// The lawyer deletes an answer of theirs: it leaves their list and
	// the question's page, and the question is back in the inbox.
	aid := s.call(t, "POST", "/questions/"+finance+"/answers", map[string]string{"Authorization": "Bearer " + lawyerToken(t, s, lawyer)},
		map[string]any{"body": "理财产品到期不兑付的，先保存合同和宣传材料，向销售机构书面主张，再向金融监管部门投诉。"}, 201)["id"].(string)
	p.open("/#/lawyer/qa")
	mine := fmt.Sprintf("#qa-mine article[data-answer=%q]", aid)
	p.waitVisible(mine)
	if eval[bool](p, fmt.Sprintf(`!!document.querySelector('#qa-inbox article[data-question=%q]')`, finance)) {
		t.Error("an answered question is still in the inbox")
	}
	p.click(mine + " .remove-answer")
	p.click(mine + " .confirm .btn.danger")
	p.waitText(mine, "回答已删除")
	if items := s.call(t, "GET", "/questions/"+finance+"/answers", nil, nil, 200)["items"].([]any); len(items) != 0 {
		t.Errorf("the deleted answer is still on the question: %v", items)
	}
	p.open("/#/lawyer/qa")
	p.waitVisible(fmt.Sprintf("#qa-inbox article[data-question=%q]", finance))
	if eval[bool](p, fmt.Sprintf(`!!document.querySelector(%q)`, mine)) {
		t.Error("the deleted answer is still in the lawyer's list")
	}
}

// The live check for contact details says what the API will refuse: the
// page's containsContact and domain.ContainsContact agree on realistic
// text and on thousands of generated strings of digit groups and
// separators.
func TestContactCheckMatchesServer(t *testing.T) {
	s := startSite(t)
	p := newTab(t, s, tabOptions{view: desktop})
	p.open("/")
	inputs := []string{
		"请直接打我电话 139 1234 5678 详细沟通一下您的情况", "欢迎发邮件到 lawyer@example.com 详细说明", "请提供身份证号 320102199001011232 以便核实",
		"依据刑法第二百五十三条和（2023）苏01民终1234号判决，赔偿可达5000元以上", "联系+86 138 1234 5678", "86-13812345678", "0086 13812345678",
		"电话：１３８００１３８０００", "律所电话025-83331234", "（025）8333 1234", "(010) 6512-3456 ok", "02583331234", "lilei＠example.com",
		"身份证：11010519491231002X", "身份证11010519491231002x。", "320102 19900101 1232", "卡号6217000000000006", "银行卡 6222 0212 3456 7890 128 被盗刷",
		"《民法典》第1032条和第31条", "2024年借给他100000元，利息15000元", "2023-12-01 到 2024-01-15", "赔偿1380013800元", "订单号2023138001380001",
		"编号320102199001011233", "138001380001", "My landlord kept the $2,000 deposit in 2024.", "1381 2345 678", "138—1234—5678", "138　1234　5678",
		"x@y.co", "a@b.c", "(0571)88886666", "0571-8888-6666", "12345678901", "+8613812345678X", "13812345678x1",
		"电话138\u200b0013\u200b8000", "打138\u20600013\u20608000", "手机138\u00ad0013\u00ad8000", "电话138\u20090013\u20098000",
		"电话+86\u202f138\u202f0013\u202f8000", "call 1\u03033\u03038 0013 8000", "li\u200blei@example\u200b.com", "第1032\u200b条",
		"电话一三八〇〇一三八〇〇〇急", "打幺三八零零幺三八零零零找我", "手机138零零138零零零", "电话①③⑧⓪⓪①③⑧⓪⓪⓪", "第一13800138000",
		"电话138.0013.8000", "律所0755.8333.1234", "加我微信 zhang_san88 详聊", "微信：zhangsanfeng", "薇信号是lawyer2024",
		"vx13800138000", "有事加vx zhangsanfeng", "我的是wxid_abc123def", "QQ号：12345678", "扣扣123456789谢谢",
		"my WeChat is zhangsan1990, add me", "WeChat: zhangsanfeng", "根据刑法第二百五十三条之一", "二〇二三年三月一日签的合同",
		"借了三十万，还了一万二", "①借款合同②欠条③转账记录", "利率3.85%，本金100000元", "2023.12.01签的", "微信聊天记录能作为证据吗",
		"通过微信转账20000元", "微信 20000元 转给他了", "微信ID是abc", "my WeChat account was banned", "my WeChat is frozen, can I sue", "WeChat ID zhang_san", "wechat is zhangsanfeng", "QQ号被盗了5次", "QQ 2012年注册的",
	}
	r := rand.New(rand.NewPCG(12, 2026))
	pieces := []string{"1", "3", "8", "0", "2", "5", "9", "X", "x", " ", "-", "(", ")", "+", "—", "　", "１", "（", "@", ".", "a", "com", "中", "号", "86",
		"\u200b", "\u2009", "\u00ad", "一", "三", "八", "〇", "零", "幺", "①", "⑧", "微信", "QQ", "vx", "wxid_", "wechat ", ":", "：",
		"号", "是", "is ", "_", "abcdef", "元", "."}
	for range 3000 {
		var b strings.Builder
		for range 4 + r.IntN(30) {
			if r.IntN(3) == 0 {
				b.WriteString(pieces[r.IntN(len(pieces))])
			} else {
				b.WriteByte(byte('0' + r.IntN(10)))
			}
		}
		inputs = append(inputs, b.String())
	}
	// Identifiers as people type them — grouped, prefixed, full-width,
	// glued to other digits — with right and wrong check digits.
	digits := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		return b.String()
	}
	seps := []string{"", " ", "-", "—", "　", "  ", " - "}
	typed := func(d string) string {
		var b strings.Builder
		for i, c := range d {
			if i > 0 && r.IntN(4) == 0 {
				b.WriteString(seps[r.IntN(len(seps))])
			}
			if r.IntN(8) == 0 {
				b.WriteRune(c + 0xFEE0) // full-width
			} else {
				b.WriteRune(c)
			}
		}
		return b.String()
	}
	around := []string{"", "电话", "打", "号码：", "1", "9", "x", "#", "（", "）", " ", "元"}
	for range 1500 {
		var d string
		switch r.IntN(5) {
		case 0:
			d = "1" + string(rune('0'+r.IntN(10))) + digits(9)
			d = []string{"", "86", "0086", "+86 "}[r.IntN(4)] + d
		case 1:
			d = "0" + digits(2+r.IntN(2)) + digits(7+r.IntN(2))
		case 2:
			d = digits(17)
			d += string("10X98765432"[r.IntN(11)])
		case 3:
			d = "62" + digits(14+r.IntN(4))
		default:
			d = digits(5 + r.IntN(15))
		}
		inputs = append(inputs, around[r.IntN(len(around))]+typed(d)+around[r.IntN(len(around))])
	}
	js, err := json.Marshal(inputs)
	if err != nil {
		t.Fatal(err)
	}
	got := eval[[]bool](p, fmt.Sprintf(`import('/assets/qa.js').then((m) => %s.map((s) => m.containsContact(s)))`, js))
	if len(got) != len(inputs) {
		t.Fatalf("%d answers for %d inputs", len(got), len(inputs))
	}
	agree, flagged := 0, 0
	for i, in := range inputs {
		want := domain.ContainsContact(in)
		if got[i] != want {
			t.Errorf("containsContact(%q) = %v in the page, %v on the server", in, got[i], want)
			continue
		}
		agree++
		if want {
			flagged++
		}
	}
	if flagged < 500 || flagged > len(inputs)-500 {
		t.Errorf("only %d of %d inputs hold contact data: the generated strings test too little", flagged, len(inputs))
	}
	t.Logf("%d inputs, %d with contact data, the page and the server agree on %d", len(inputs), flagged, agree)
}
