package webtest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// visitorBody is the details visitorAsks types: personal data in it.
const visitorBody = "我叫韩梅梅，手机13800138000。公司三个月没发工资，老板一直说再等等。"

// visitorAsks fills the question form like a person (live area suggestion,
// a wrong phone first, then right) and returns the new question's id and
// token once the question page shows.
func visitorAsks(t *testing.T, v *tab, title, city string, screenshots bool) (id, token string) {
	t.Helper()
	v.open("/#/ask")
	// The form says the link will come by text message.
	v.waitText("[data-field=phone] .hint", "提交后，我们用短信把您的专属链接发到这个号码")
	v.typeInto("input[name=title]", title)
	// The area is suggested while typing (debounced classify call).
	v.waitText("#area-suggestion", "劳动纠纷")
	if got := eval[string](v, `document.querySelector('select[name=area]').value`); got != "labor" {
		t.Errorf("area select = %q, want the suggestion labor", got)
	}
	// The details name the visitor and their phone, as people do: the
	// lawyer reads them hidden until they accept.
	v.typeInto("textarea[name=body]", visitorBody)
	v.typeInto("input[name=city]", city)
	v.typeInto("input[name=name]", "韩梅梅")
	v.typeInto("input[name=phone]", "12345")
	v.click("#ask-submit")
	// The API's field errors show beside their fields.
	v.waitText("[data-field=phone] .field-error", "11 位手机号")
	v.waitText("[data-field=consent] .field-error", "请勾选同意")
	if eval[string](v, `document.querySelector('input[name=phone]').getAttribute('aria-invalid')`) != "true" {
		t.Error("the phone field is not marked aria-invalid")
	}
	if desc := eval[string](v, `(() => { const i = document.querySelector('input[name=phone]'); return i.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id).textContent).join(' '); })()`); !strings.Contains(desc, "11 位手机号") {
		t.Errorf("the phone error is not tied to the field (aria-describedby): %q", desc)
	}
	if active := eval[string](v, `document.activeElement.name`); active != "consent" && active != "phone" {
		t.Errorf("focus after the errors is on %q, want the first invalid field", active)
	}
	v.waitText(".form-alert", "请修改下面标出的内容")
	if screenshots {
		v.shot("visitor-ask")
		v.resize(phone)
		v.fitsWidth("ask page with errors")
		v.shot("visitor-ask")
		v.resize(desktop)
	}
	v.typeInto("input[name=phone]", "13800138000")
	v.typeInto("input[name=email]", "hanmeimei@example.com")
	v.check("input[name=consent]", true)
	v.click("#ask-submit")
	v.waitFor(`location.hash.startsWith('#/q/')`, "the question page")
	v.waitVisible("#matches article.lawyer")
	id = strings.TrimPrefix(v.hash(), "#/q/")
	var kept map[string]struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal([]byte(v.localStorage("lawdesk.questions")), &kept); err != nil || kept[id].Token == "" {
		t.Fatalf("the visitor token is not in localStorage: %v %v", err, kept)
	}
	return id, kept[id].Token
}

// The visitor's journey up to the matches: the ask form with its live area
// suggestion and field errors, then the ranked lawyer cards with the firm's
// contact block, the helped badge, reasons and open slots in the visitor's
// own zone (Berlin here, Shanghai for the lawyers). The token never leaves
// the browser except in the X-Visitor-Token header.
func TestVisitorAsksAndSeesMatches(t *testing.T) {
	s := startSite(t)
	v := newTab(t, s, tabOptions{view: desktop, lang: "zh-CN", tz: "Europe/Berlin"})
	id, token := visitorAsks(t, v, "公司拖欠工资三个月了怎么办", "南京", true)

	v.waitText("#matches", "为您匹配的律师")
	// The card's open times load after it.
	v.waitVisible("#matches li:first-child .slot-form button[type=submit]")
	first := v.text("#matches li:first-child article")
	for _, want := range []string{"李静", "劳动纠纷", "南京", "新入驻", "明德律师事务所", "025-83331234", "同在南京", "预约李静"} {
		if !strings.Contains(first, want) {
			t.Errorf("first match card lacks %q:\n%s", want, first)
		}
	}
	if strings.Contains(first, "已帮助 0 人") {
		t.Errorf("a lawyer who helped nobody yet shows a zero:\n%s", first)
	}
	if z := v.text("#matches .zone-note"); !strings.Contains(z, "Europe/Berlin") {
		t.Errorf("zone note = %q, want the visitor's zone named", z)
	}
	// A slot's label is its UTC start in the visitor's zone.
	v.waitVisible("#matches li:first-child input[name=start]")
	slot := eval[[]string](v, `(() => { const i = document.querySelector('#matches li:first-child input[name=start]'); return [i.value, i.closest('label').innerText]; })()`)
	start, err := time.Parse(time.RFC3339, slot[0])
	if err != nil {
		t.Fatalf("slot value %q: %v", slot[0], err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	if want := start.In(berlin).Format("15:04"); !strings.Contains(slot[1], want) {
		t.Errorf("slot label %q does not show %s (Berlin) for %s", slot[1], want, slot[0])
	}
	// The reason line tells the same earliest opening in the same zone,
	// and says it is one ("最早可约", not "有空": free of charge?).
	if reasons, want := v.text("#matches li:first-child .reasons"), "最早可约"; !strings.Contains(reasons, want) || !strings.Contains(reasons, start.In(berlin).Format("15:04")) {
		t.Errorf("the reasons %q do not say %s%s, the first slot in the visitor's zone", reasons, want, start.In(berlin).Format("15:04"))
	}
	v.shot("visitor-matches")
	v.accessible("matches")
	v.polished("matches")
	v.resize(phone)
	v.fitsWidth("matches")
	v.accessible("matches")
	v.shot("visitor-matches")

	// The private link carries the token in the fragment only.
	link := eval[string](v, `document.getElementById('private-link').value`)
	if want := fmt.Sprintf("/#/q/%s?t=%s", id, token); !strings.HasSuffix(link, want) {
		t.Errorf("private link = %q, want it to end %q", link, want)
	}
	// The page says the link was texted and e-mailed (masked, to spot a
	// typo), and keeps it open until the visitor copied it.
	v.resize(desktop)
	if !eval[bool](v, `document.getElementById('private-link-box').open`) {
		t.Error("the private link is folded away before the visitor saved it")
	}
	v.waitText("#link-sent", "短信至 138****8000")
	v.waitText("#link-sent", "邮件至 h***@example.com")
	v.click("#copy-link")
	v.waitFor(`document.querySelector('#private-link-box [aria-live]').textContent !== ''`, "the copy to answer")
	// Headless Chromium may refuse the clipboard; the page then selects the
	// link for the visitor to copy, as they would with Ctrl+C.
	eval[bool](v, `document.querySelector('#private-link-box [aria-live]').textContent.includes('已复制') || document.execCommand('copy')`)
	v.waitFor(`JSON.parse(localStorage.getItem('lawdesk.questions'))[`+fmt.Sprintf("%q", id)+`].linkSaved === true`, "the copy to be remembered")
	v.open("/#/q/" + id)
	v.waitVisible("#matches article.lawyer")
	if eval[bool](v, `document.getElementById('private-link-box').open`) {
		t.Error("the private link is still unfolded after the visitor copied it")
	}
	// …and opens the question on another device, dropping the token from
	// the address bar once kept.
	other := newTab(t, s, tabOptions{view: phone, lang: "zh-CN"})
	other.open(strings.TrimPrefix(link, s.base))
	other.waitText("main h1", "公司拖欠工资三个月了怎么办")
	other.waitVisible("#matches article.lawyer")
	if href := eval[string](other, "location.href"); strings.Contains(href, token) {
		t.Errorf("the address bar still holds the token: %s", href)
	}
	if !strings.Contains(other.localStorage("lawdesk.questions"), token) {
		t.Error("the private link's token was not kept")
	}
	if eval[bool](other, `document.getElementById('private-link-box').open`) {
		t.Error("opened through the private link, the page still unfolds the link to save")
	}

	// Neither the token nor the visitor's data ever went into a URL the
	// server saw, nor into the server's log.
	for _, tb := range []*tab{v, other} {
		for _, u := range tb.requested() {
			for _, secret := range []string{token, "13800138000", "hanmeimei", "%E9%9F%A9"} {
				if strings.Contains(u, secret) {
					t.Errorf("a request URL holds personal data or the token: %s", u)
				}
			}
		}
	}
	for _, secret := range []string{token, "13800138000", "韩梅梅", "hanmeimei@example.com"} {
		if strings.Contains(s.log.String(), secret) {
			t.Errorf("the server logged %q", secret)
		}
	}
}

// "My data": what the visitor gave, and erasing the question at once.
func TestVisitorErasesQuestion(t *testing.T) {
	s := startSite(t)
	id, token := s.ask(t, "快递公司泄露了我的手机号怎么办", "杭州")
	v := newTab(t, s, tabOptions{view: phone, lang: "zh-CN"})
	v.open(fmt.Sprintf("/#/q/%s?t=%s", id, token))
	v.waitText("main h1", "快递公司泄露了我的手机号")
	v.click("#mydata summary")
	v.waitText("#mydata", "13800138001")
	v.waitText("#mydata", "visitor@example.com")
	// The data section names what the form asked for with the form's word.
	v.waitText("#mydata dl.contact dt", "称呼")
	v.polished("my data")
	v.click("#erase")
	// A second, explicit step: nothing is erased by one stray tap.
	v.waitText("#mydata .confirm", "确定删除吗")
	v.fitsWidth("erase confirmation")
	v.click("#mydata .confirm .btn.danger")
	v.waitText("main h1", "已删除")
	v.waitText("main", "您的问题和个人信息已删除")
	q := s.call(t, "GET", "/questions/"+id, map[string]string{"X-Visitor-Token": token}, nil, 200)
	if q["erasedAt"] == nil || q["phone"] != nil || q["name"] != nil || q["title"] != "" {
		t.Errorf("after erasing, the question is %v", q)
	}
	if strings.Contains(v.localStorage("lawdesk.questions"), id) {
		t.Error("the browser still keeps the erased question")
	}
	// The private link now says so, on any device.
	other := newTab(t, s, tabOptions{view: desktop, lang: "en-US"})
	other.open(fmt.Sprintf("/#/q/%s?t=%s", id, token))
	other.waitText("main h1", "Erased")
}

// The whole question can be asked with the keyboard alone, and the focus
// is always visible.
func TestKeyboardOnlyQuestion(t *testing.T) {
	s := startSite(t)
	v := newTab(t, s, tabOptions{view: desktop, lang: "en-US"})
	v.open("/#/ask")
	tabTo := func(name string) {
		t.Helper()
		for i := 0; i < 40; i++ {
			v.do(keyTab())
			if eval[string](v, `document.activeElement.name || document.activeElement.id`) == name {
				if eval[string](v, `getComputedStyle(document.activeElement).outlineStyle`) == "none" {
					t.Errorf("%s has focus but no visible outline", name)
				}
				return
			}
		}
		t.Fatalf("Tab never reached %s", name)
	}
	tabTo("title")
	v.do(keys("My employer has not paid my wages for three months"))
	v.waitText("#area-suggestion", "Labour")
	tabTo("name")
	v.do(keys("Li Lei"))
	tabTo("phone")
	v.do(keys("13800138002"))
	tabTo("consent")
	v.do(keys(" "))
	if !eval[bool](v, `document.querySelector('input[name=consent]').checked`) {
		t.Fatal("Space did not tick the consent box")
	}
	tabTo("ask-submit")
	v.do(keys("\r"))
	v.waitFor(`location.hash.startsWith('#/q/')`, "the question page")
	v.waitVisible("#matches article.lawyer")
	if tag := eval[string](v, `document.activeElement.tagName`); tag != "H1" {
		t.Errorf("after the page changed, focus is on %s, want the new page's h1", tag)
	}
	// A slot and a mode are radio buttons: arrows move, Space picks.
	v.do(focusSel("#matches li:first-child input[name=start]"), keys(" "))
	if !eval[bool](v, `document.querySelector('#matches li:first-child input[name=start]').checked`) {
		t.Error("Space did not choose the slot")
	}
}

// The question form says, in both languages and before the consent box,
// exactly who may see what: the contact only to the booked lawyer once
// they accept (and their firm's staff) or a firm whose offer the visitor
// accepts, every view recorded; the area's firms the text with personal
// details hidden; with "public", anyone the title and text with name,
// phones, e-mail, ID and bank card numbers hidden; erasing at any time.
// It fits a 360-px phone.
func TestAskSaysWhoSeesWhat(t *testing.T) {
	s := startSite(t)
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"zh-CN", []string{"谁能看到什么", "您的姓名、电话和邮箱：只给您预约的律师（在其接受预约后）及其律所工作人员，或您接受其提议的律所",
			"每次查看都有记录", "这个领域的律所能看到问题的文字（个人信息已隐藏）", "以便提出跟进",
			"勾选“公开”后，任何人都能看到标题和内容", "您的姓名、电话号码、邮箱、身份证号和银行卡号会自动隐藏", "您可以随时在问题页面删除全部信息"}},
		{"en-US,en", []string{"Who sees what", "Your name, phone and e-mail go only to the lawyer you book, once they accept (and their firm's staff), or to a firm whose offer you accept",
			"Every view is recorded where you can see it", "Firms of the question's area see its text with personal details hidden, so they can offer help",
			`With "Public" ticked, anyone can read the title and text`, "your name, phone numbers, e-mail, ID and bank card numbers are hidden automatically",
			"You can erase everything at any time"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			p := newTab(t, s, tabOptions{view: phone, lang: tc.lang})
			p.open("/#/ask")
			p.waitVisible("#ask-privacy li")
			text := p.text("#ask-privacy")
			for _, want := range tc.want {
				if !strings.Contains(text, want) {
					t.Errorf("who-sees-what lacks %q:\n%s", want, text)
				}
			}
			if !eval[bool](p, `(() => {
				const box = document.getElementById('ask-privacy'), consent = document.querySelector('input[name=consent]');
				return !!(box.compareDocumentPosition(consent) & Node.DOCUMENT_POSITION_FOLLOWING) && consent.getAttribute('aria-describedby').split(' ').includes('ask-privacy');
			})()`) {
				t.Error("who-sees-what does not come before the consent box, or does not describe it")
			}
			p.fitsWidth("ask")
			p.accessible("ask")
			p.shot("visitor-ask-who-sees-" + strings.SplitN(tc.lang, "-", 2)[0])
		})
	}
}

// Field errors are said in the page's language from the API's reason
// codes (fieldCodes): in English no raw API words ("is required", "must
// be true: …"), and a code is translated whatever words come with it.
func TestFieldErrorsFromCodes(t *testing.T) {
	s := startSite(t)
	v := newTab(t, s, tabOptions{view: phone, lang: "en-US,en"})
	v.open("/#/ask")
	v.typeInto("input[name=title]", "Rent")
	v.typeInto("input[name=phone]", "12345")
	v.click("#ask-submit")
	for field, want := range map[string]string{
		"title":   "Use at least 5 characters.",
		"name":    "Tell us what to call you.",
		"phone":   "Enter an 11-digit Chinese mobile number (starting 13–19), or an international number starting with +",
		"consent": "Please tick the box: without it no lawyer can receive your question and contact.",
	} {
		got := v.waitText(fmt.Sprintf("[data-field=%s] .field-error", field), want)
		for _, raw := range []string{"is required", "must be", "characters"} {
			if strings.Contains(got, raw) && !strings.Contains(want, raw) {
				t.Errorf("the %s error shows the API's words: %q", field, got)
			}
		}
	}
	v.fitsWidth("ask with errors")
	v.shot("visitor-ask-errors-en")
	// The words come from the code alone, in either language.
	got := eval[[]string](v, `import('/assets/i18n.js').then((m) => { const out = [m.fieldMessage('phone', 'phone_format', 'whatever the API says')]; m.setLang('zh'); out.push(m.fieldMessage('consent', 'must_accept', 'whatever'), m.fieldMessage('title', 'too_long', ''), m.fieldMessage('x', 'no_such_code', 'w')); m.setLang('en'); return out; })`)
	want := []string{"Enter an 11-digit Chinese mobile number", "请勾选同意", "标题最多 120 个字", "格式不对"}
	for i := range want {
		if i >= len(got) || !strings.Contains(got[i], want[i]) {
			t.Errorf("fieldMessage by code = %q, want %q", got, want)
			break
		}
	}
}

// A visitor in 南京 with a labour question: 李静 works there, 郑凯 in
// 上海. The card of the one elsewhere says so and offers no meeting in
// person; each card labels the lawyer's city and the firm's; with fewer
// than three lawyers the page says why and where else to look (lawyers
// elsewhere by phone or video, the other areas the router saw, the whole
// directory of the area).
func TestMatchesAcrossCities(t *testing.T) {
	s := startSite(t)
	li, zheng := s.lawyerID(t, "李静"), s.lawyerID(t, "郑凯")
	id, token := s.ask(t, "公司拖欠工资三个月了怎么办", "南京")
	m := s.call(t, "GET", "/questions/"+id+"/matches", map[string]string{"X-Visitor-Token": token}, nil, 200)
	others, _ := m["otherAreas"].([]any)
	for _, lang := range []string{"zh-CN", "en-US,en"} {
		t.Run(lang, func(t *testing.T) {
			v := newTab(t, s, tabOptions{view: desktop, lang: lang})
			v.open(fmt.Sprintf("/#/q/%s?t=%s", id, token))
			zh := lang == "zh-CN"
			pick := func(zhText, enText string) string {
				if zh {
					return zhText
				}
				return enText
			}
			far, near := fmt.Sprintf(`#matches article[data-lawyer=%q]`, zheng), fmt.Sprintf(`#matches article[data-lawyer=%q]`, li)
			v.waitVisible(far + " input[name=mode]")
			v.waitVisible(near + " input[name=mode]")
			farText := v.text(far)
			for _, want := range []string{pick("另一城市 · 可电话/视频", "in another city · phone or video"), pick("律师所在城市：上海", "Lawyer's city: 上海"),
				pick("律所所在城市：上海", "Firm's city: 上海"), pick("面谈只在律师所在的城市（上海）", "In person only in the lawyer's city (上海)")} {
				if !strings.Contains(farText, want) {
					t.Errorf("the card of the lawyer elsewhere lacks %q:\n%s", want, farText)
				}
			}
			modes := func(card string) []string {
				return eval[[]string](v, fmt.Sprintf(`[...document.querySelectorAll('%s input[name=mode]')].map((i) => i.value)`, card))
			}
			if got := modes(far); strings.Join(got, ",") != "phone,video" {
				t.Errorf("the lawyer in another city offers %v, want phone and video only", got)
			}
			if got := modes(near); strings.Join(got, ",") != "phone,video,in_person" {
				t.Errorf("the lawyer in the same city offers %v, want in person too", got)
			}
			if nearText := v.text(near); !strings.Contains(nearText, pick("律师所在城市：南京", "Lawyer's city: 南京")) || !strings.Contains(nearText, pick("律所所在城市：南京", "Firm's city: 南京")) {
				t.Errorf("the card in the same city does not label both cities:\n%s", nearText)
			}
			few := v.waitText("#few-matches", pick("近期有可约时间的劳动纠纷律师只有 2 位，其中在南京的有 1 位", "Only 2 Labour"))
			for _, want := range []string{pick("不在南京的律师可以电话或视频咨询", "Lawyers outside 南京 can advise by phone or video"), pick("查看全部劳动纠纷律师", "See all Labour")} {
				if !strings.Contains(few, want) {
					t.Errorf("the few-matches note lacks %q:\n%s", want, few)
				}
			}
			if got := eval[int](v, `document.querySelectorAll('#near-areas a').length`); got != len(others) {
				t.Errorf("the page offers %d other areas, the API names %d", got, len(others))
			}
			if len(others) == 0 {
				t.Error("the router names no other area for this question: the test no longer shows them")
			}
			if href := eval[string](v, `(document.querySelector('#near-areas a') || {}).hash || ''`); !strings.HasPrefix(href, "#/lawyers?area=") {
				t.Errorf("another area links to %q, want the directory of that area", href)
			}
			if zh {
				v.polished("matches across cities")
			}
			v.accessible("matches across cities")
			v.shot("visitor-matches-few-" + lang[:2])
			v.resize(phone)
			v.fitsWidth("matches across cities")
			v.shot("visitor-matches-few-" + lang[:2])
		})
	}
}

// A lawyer's profile builds trust — the licence number, 新入驻 instead of
// "已帮助 0 人" — and books straight away: with no question yet, the chosen
// time and mode go to the ask form, which books them once the question is
// in (in person only with the lawyer's city); with a question of the
// lawyer's area asked from this browser, the profile books it at once.
func TestBookFromProfile(t *testing.T) {
	s := startSite(t)
	li, zheng := s.lawyerID(t, "李静"), s.lawyerID(t, "郑凯")
	v := newTab(t, s, tabOptions{view: phone, lang: "zh-CN"})
	v.open("/#/lawyers/" + li)
	v.waitVisible("#profile-picker input[name=start]")
	profile := v.text("main")
	for _, want := range []string{"执业证号：132012018100", "新入驻", "预约李静律师", "预约前，请先用几句话说明您的问题", "说明问题并预约"} {
		if !strings.Contains(profile, want) {
			t.Errorf("the profile lacks %q:\n%s", want, profile)
		}
	}
	if strings.Contains(profile, "已帮助 0 人") {
		t.Error("the profile of a new lawyer shows 已帮助 0 人")
	}
	if got := eval[[]string](v, `import('/assets/i18n.js').then((m) => [m.helped(0), m.helped(1), m.helped(12)])`); strings.Join(got, "|") != "新入驻|已帮助 1 人|已帮助 12 人" {
		t.Errorf("helped(0, 1, 12) = %q", got)
	}
	v.fitsWidth("profile")
	v.accessible("profile")
	v.polished("profile")
	v.shot("profile")
	v.resize(desktop)
	v.shot("profile")
	v.resize(phone)

	start := eval[string](v, `document.querySelector('#profile-picker input[name=start]').value`)
	v.click("#profile-picker label.slot")
	v.click(`#profile-picker input[name=mode][value=in_person]`)
	v.click("#profile-picker button[type=submit]")
	v.waitFor(`location.hash.startsWith('#/ask?')`, "the ask form")
	v.waitText("#booking-intent", "提交问题后，将为您预约李静律师")
	v.waitText("#booking-intent", "面谈在南京")
	if got := eval[[]string](v, `[...document.querySelector('select[name=area]').options].map((o) => o.value)`); strings.Join(got, ",") != "labor" {
		t.Errorf("the area choices are %v, want only the lawyer's (labor)", got)
	}
	v.typeInto("input[name=title]", "公司拖欠工资还不签劳动合同")
	v.typeInto("input[name=city]", "上海")
	v.typeInto("input[name=name]", "韩梅梅")
	v.typeInto("input[name=phone]", "13800138000")
	v.check("input[name=consent]", true)
	v.click("#ask-submit")
	v.waitText("[data-field=city] .field-error", "面谈只在律师所在的城市（南京）")
	v.fitsWidth("ask to book")
	v.shot("visitor-ask-to-book")
	v.typeInto("input[name=city]", "南京市")
	v.click("#ask-submit")
	v.waitFor(`location.hash.startsWith('#/q/')`, "the question page")
	v.waitText("#booking", "待确认")
	v.waitText("#booking", "李静")
	v.waitText("#booking", "方式：面谈")
	id := strings.TrimPrefix(v.hash(), "#/q/")
	b := s.call(t, "GET", "/bookings/"+keptBooking(t, v, id), map[string]string{"X-Visitor-Token": eval[string](v, fmt.Sprintf(`JSON.parse(localStorage.getItem('lawdesk.questions'))[%q].token`, id))}, nil, 200)
	if b["start"] != start || b["mode"] != "in_person" || b["lawyerId"] != li {
		t.Errorf("the booking is %v %v %v, want %s in_person with 李静", b["start"], b["mode"], b["lawyerId"], start)
	}

	// A question of the lawyer's area already asked here: booked at once.
	q2, tok2 := s.ask(t, "被公司无故辞退没有赔偿", "上海")
	v.open(fmt.Sprintf("/#/q/%s?t=%s", q2, tok2))
	v.waitVisible("#matches article.lawyer")
	v.open("/#/lawyers/" + zheng)
	v.waitVisible("#profile-picker select[name=question]")
	// The booked question is not offered again; the new one is, first.
	if got := eval[[]string](v, `[...document.querySelector('#profile-picker select[name=question]').options].map((o) => o.value)`); len(got) != 2 || got[0] != q2 || got[1] != "" {
		t.Errorf("the questions offered are %v, want [%s, new]", got, q2)
	}
	// Both in 上海: in person is offered.
	if !eval[bool](v, `!!document.querySelector('#profile-picker input[name=mode][value=in_person]')`) {
		t.Error("a question in the lawyer's city is not offered to meet in person")
	}
	v.waitText("#profile-picker button[type=submit]", "预约郑凯")
	v.click("#profile-picker label.slot")
	v.click("#profile-picker button[type=submit]")
	v.waitFor(fmt.Sprintf(`location.hash === '#/q/%s'`, q2), "the question's page")
	v.waitText("#booking", "待确认")
	v.waitText("#booking", "郑凯")
	v.fitsWidth("booked from the profile")
}
