package webtest

// The journeys across the booking lifecycle, the visitor's privacy and the
// firm's lead desk: a visitor books and a lawyer (in another browser)
// accepts or declines; firm staff work the leads.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// firstSlot is a lawyer's soonest open slot (from the API).
func firstSlot(t *testing.T, s *site, lawyer string) string {
	t.Helper()
	items := s.call(t, "GET", "/lawyers/"+lawyer+"/slots?limit=20", nil, nil, 200)["items"].([]any)
	if len(items) == 0 {
		t.Fatalf("lawyer %s has no open slot", lawyer)
	}
	return items[0].(map[string]any)["start"].(string)
}

// book books a lawyer's soonest slot for a question through the API.
func book(t *testing.T, s *site, question, token, lawyer string) string {
	t.Helper()
	b := s.call(t, "POST", "/bookings", map[string]string{"X-Visitor-Token": token, "Idempotency-Key": question + lawyer},
		map[string]any{"questionId": question, "lawyerId": lawyer, "start": firstSlot(t, s, lawyer), "mode": "phone"}, 201)
	return b["id"].(string)
}

func lawyerToken(t *testing.T, s *site, lawyer string) string {
	t.Helper()
	return s.call(t, "POST", "/local/token", nil, map[string]any{"role": "lawyer", "lawyerId": lawyer}, 200)["token"].(string)
}

// keptBooking is the last booking id the visitor's browser keeps for a question.
func keptBooking(t *testing.T, v *tab, question string) string {
	t.Helper()
	var kept map[string]struct {
		Bookings []string `json:"bookings"`
	}
	if err := json.Unmarshal([]byte(v.localStorage("lawdesk.questions")), &kept); err != nil || len(kept[question].Bookings) == 0 {
		t.Fatalf("the browser keeps no booking for the question: %v", err)
	}
	b := kept[question].Bookings
	return b[len(b)-1]
}

// The visitor's whole journey: question → matches → booking (pending) →
// the lawyer, in another browser, sees it in the inbox with the contact
// masked and accepts → the lawyer sees the full contact → the visitor sees
// the booking confirmed with the lawyer's direct contact and an .ics file,
// and in "my data" that the lawyer saw their contact.
func TestVisitorBooksAndLawyerAccepts(t *testing.T) {
	s := startSite(t)
	lawyer := s.lawyerID(t, "李静")
	v := newTab(t, s, tabOptions{view: desktop, lang: "zh-CN", tz: "Europe/Berlin"})
	id, _ := visitorAsks(t, v, "公司拖欠工资三个月了，还不给加班费", "南京", false)

	card := fmt.Sprintf(`#matches article[data-lawyer=%q]`, lawyer)
	v.waitVisible(card + " input[name=start]")
	v.click(card + " label.slot")
	v.click(card + ` input[name=mode][value=video]`)
	v.click(card + " button[type=submit]")
	v.waitText("#booking", "待确认")
	v.waitText("#booking", "李静")
	v.waitFor(`document.getElementById('matches').hidden`, "the matches to give way to the booking")
	booking := keptBooking(t, v, id)
	if link := eval[string](v, `document.getElementById('private-link').value`); !strings.Contains(link, "&b="+booking) {
		t.Errorf("the private link does not carry the booking: %s", link)
	}
	v.shot("visitor-booking-pending")
	v.polished("pending booking")

	// The lawyer, in a second browser context.
	l := newTab(t, s, tabOptions{view: desktop, lang: "zh-CN", tz: "Asia/Shanghai"})
	signIn(t, l, "/#/lawyer/inbox", "lawyer", "李静")
	item := fmt.Sprintf(`article[data-booking=%q]`, booking)
	l.waitVisible(item)
	inbox := l.text(item)
	for _, want := range []string{"公司拖欠工资三个月了，还不给加班费", "视频", "138****8000", "韩**", "h***@example.com", "请在",
		"问题详情（个人信息已隐藏）", "公司三个月没发工资，老板一直说再等等"} {
		if !strings.Contains(inbox, want) {
			t.Errorf("inbox item lacks %q:\n%s", want, inbox)
		}
	}
	if strings.Contains(inbox, "13800138000") || strings.Contains(inbox, "hanmeimei") || strings.Contains(inbox, "韩梅梅") {
		t.Errorf("the inbox shows the visitor's contact before the booking is confirmed:\n%s", inbox)
	}
	l.shot("lawyer-inbox")
	l.accessible("inbox")
	l.polished("inbox")
	l.resize(phone)
	l.fitsWidth("inbox")
	l.shot("lawyer-inbox")
	l.resize(desktop)
	l.click(item + " [data-action=accept]")
	l.waitText(item, "已接受")
	// The badge follows the answer at once.
	if badges := l.text(item + " .meta"); !strings.Contains(badges, "已确认") || strings.Contains(badges, "待确认") {
		t.Errorf("after accepting, the card's badge reads %q, want 已确认", badges)
	}
	l.click(`.subnav a[href="#/lawyer/upcoming"]`)
	l.waitText(item+" .visitor-contact", "13800138000")
	l.waitText(item+" .visitor-contact", "hanmeimei@example.com")
	// Confirmed: the question as written.
	l.waitText(item+" .q-text", "问题详情")
	l.waitText(item+" .q-body", visitorBody)
	l.shot("lawyer-upcoming")
	l.polished("upcoming")
	l.resize(phone)
	l.fitsWidth("upcoming")
	l.accessible("upcoming")
	l.shot("lawyer-upcoming")
	l.resize(desktop)
	if eval[bool](l, fmt.Sprintf(`document.querySelector('%s [data-action=complete]').disabled`, item)) != true {
		t.Error("a consultation that has not started can be marked completed")
	}

	// The visitor sees the confirmation.
	v.click("#booking-refresh")
	v.waitText("#booking", "已确认")
	v.waitVisible(`#lawyer-contact a[href^="tel:"]`)
	v.click("#ics")
	name, ics := v.downloaded(`\.ics$`)
	if !bytes.Contains(ics, []byte("BEGIN:VCALENDAR")) || !bytes.Contains(ics, []byte("BEGIN:VEVENT")) {
		t.Errorf("%s is not a calendar:\n%s", name, ics)
	}
	// "My data": the lawyer's look at the contact and the question is on
	// record, said so a visitor can read it — one look, one row.
	v.waitText("#access-log", "李静（律师，明德律师事务所）")
	v.waitText("#access-log", "在律师工作台的咨询列表中看到称呼、电话、邮箱、问题原文")
	if rows := eval[int](v, `document.querySelectorAll('#access-log tbody tr').length`); rows != 1 {
		t.Errorf("the lawyer looked once; the access log has %d rows:\n%s", rows, v.text("#access-log"))
	}
	v.shot("visitor-booking-confirmed")
	v.accessible("booking confirmed")
	v.polished("booking confirmed")
	v.resize(phone)
	v.fitsWidth("booking confirmed")
	v.shot("visitor-booking-confirmed")

	// Opened again later, the page shows the same.
	v.open("/#/q/" + id)
	v.waitText("#booking", "已确认")
	v.waitText("#access-log", "律师")

	// Through booking, acceptance and both reveals, no personal data went
	// into a URL or the server's log.
	for _, tb := range []*tab{v, l} {
		for _, u := range tb.requested() {
			if strings.Contains(u, "13800138000") || strings.Contains(u, "hanmeimei") {
				t.Errorf("a request URL holds personal data: %s", u)
			}
		}
	}
	for _, secret := range []string{"13800138000", "韩梅梅", "hanmeimei@example.com"} {
		if strings.Contains(s.log.String(), secret) {
			t.Errorf("the server logged %q", secret)
		}
	}
}

// A lawyer declines with a reason (required, said beside the field); the
// visitor sees the reason and the other lawyers to book instead.
func TestLawyerDeclinesAndVisitorSeesOthers(t *testing.T) {
	s := startSite(t)
	lawyer := s.lawyerID(t, "郑凯")
	id, token := s.ask(t, "被公司无故辞退没有赔偿", "上海")
	booking := book(t, s, id, token, lawyer)

	v := newTab(t, s, tabOptions{view: phone, lang: "zh-CN"})
	v.open(fmt.Sprintf("/#/q/%s?t=%s&b=%s", id, token, booking))
	v.waitText("#booking", "待确认")

	l := newTab(t, s, tabOptions{view: phone, lang: "zh-CN"})
	signIn(t, l, "/#/lawyer/inbox", "lawyer", "郑凯")
	item := fmt.Sprintf(`article[data-booking=%q]`, booking)
	l.click(item + " [data-action=decline]")
	l.waitVisible(item + " textarea[name=reason]")
	l.click(item + " form button[type=submit]")
	l.waitText(item+" [data-field=reason] .field-error", "请写明原因")
	l.typeInto(item+" textarea[name=reason]", "这个时间有庭审，请预约其他律师")
	l.click(item + " form button[type=submit]")
	l.waitText(item, "已拒绝，时间已重新开放")
	if badges := l.text(item + " .meta"); !strings.Contains(badges, "已拒绝") || strings.Contains(badges, "待确认") {
		t.Errorf("after declining, the card's badge reads %q, want 已拒绝", badges)
	}
	l.fitsWidth("declined")

	v.click("#booking-refresh")
	v.waitText("#booking", "已拒绝")
	v.waitText("#booking", "这个时间有庭审")
	v.waitText("#matches h2", "其他可以预约的律师")
	v.waitVisible("#matches article.lawyer")
	if eval[bool](v, fmt.Sprintf(`!!document.querySelector('#matches article[data-lawyer=%q]')`, lawyer)) {
		t.Error("the lawyer who declined is offered again")
	}
	v.fitsWidth("declined booking")

	// The visitor books the next lawyer, then cancels (two steps).
	v.waitVisible("#matches li:first-child label.slot")
	v.click("#matches li:first-child label.slot")
	v.click("#matches li:first-child button[type=submit]")
	v.waitText("#booking", "待确认")
	if next := keptBooking(t, v, id); next == booking {
		t.Fatal("the new booking was not kept")
	}
	v.click("#booking-cancel")
	v.waitText("#booking .confirm", "确定要取消")
	v.click("#booking .confirm .btn.danger")
	v.waitText("#booking", "预约已取消")
	v.waitText("#matches h2", "为您匹配的律师")
}

// Firm staff work the leads: filter, page, the funnel chart, the CSV,
// and a lead's audit trail. (The unassigned pool and offers:
// offers_test.go.)
func TestStaffLeadDesk(t *testing.T) {
	s := startSite(t)
	li, wang := s.lawyerID(t, "李静"), s.lawyerID(t, "王晓明")
	q1, t1 := s.ask(t, "工伤认定被公司拒绝怎么办", "南京")
	q2, t2 := s.ask(t, "离婚时房子怎么分", "南京")
	b1 := book(t, s, q1, t1, li)
	book(t, s, q2, t2, wang)
	// The labour lead is confirmed, and its lawyer looks at the contact.
	lt := lawyerToken(t, s, li)
	s.call(t, "POST", "/bookings/"+b1+"/accept", map[string]string{"Authorization": "Bearer " + lt}, map[string]any{}, 200)
	s.call(t, "GET", "/bookings/"+b1+"/contact", map[string]string{"Authorization": "Bearer " + lt}, nil, 200)

	st := newTab(t, s, tabOptions{view: desktop, lang: "zh-CN"})
	signIn(t, st, "/#/staff", "staff", "明德律师事务所")
	st.waitVisible("#leads tbody tr")
	st.waitText("#leads", "工伤认定被公司拒绝怎么办")
	st.waitText("#leads", "离婚时房子怎么分")
	st.click("#funnel-panel summary")
	st.waitVisible("#funnel svg.funnel")
	if n := eval[int](st, `document.querySelectorAll('#funnel svg.funnel rect.bar').length`); n != 5 {
		t.Errorf("the funnel has %d bars, want 5", n)
	}

	// Filter: labour leads that are confirmed.
	st.choose("#lead-filters select[name=area]", "labor")
	st.choose("#lead-filters select[name=status]", "confirmed")
	st.click("#lead-filters button[type=submit]")
	st.waitFor(`!document.querySelector('#leads').innerText.includes('离婚时房子怎么分')`, "the family lead to be filtered out")
	st.waitText("#leads", "工伤认定被公司拒绝怎么办")
	row := fmt.Sprintf(`tr[data-lead=%q]`, q1)
	st.waitText(row, "13800138001") // confirmed: the firm sees the contact
	st.shot("staff-leads")
	st.accessible("lead desk")

	// The CSV of the same filter: UTF-8 with a BOM, a header, the lead.
	st.click("#csv")
	_, csv := st.downloaded(`^leads-.*\.csv$`)
	if !bytes.HasPrefix(csv, []byte("\xef\xbb\xbf")) {
		t.Error("the CSV has no UTF-8 BOM (Excel would garble the Chinese)")
	}
	if !bytes.Contains(csv, []byte("工伤认定被公司拒绝怎么办")) || bytes.Contains(csv, []byte("离婚时房子怎么分")) {
		t.Errorf("the CSV does not follow the filter:\n%s", csv)
	}
	if lines := bytes.Count(bytes.TrimSpace(csv), []byte("\n")); lines < 1 {
		t.Errorf("the CSV has no header and row:\n%s", csv)
	}

	// The audit trail of the lead: the lawyer's look at the contact.
	st.click(row + " button[aria-controls]")
	// The audit trail: who (name, role, firm) and what they saw, in words.
	audit := fmt.Sprintf("#audit-%s", q1)
	st.waitText(audit, "李静（律师，明德律师事务所）")
	st.waitText(audit, "打开联系方式时看到称呼、电话、邮箱")
	st.waitText(audit, staffName+"（工作人员，明德律师事务所）")
	st.waitText(audit, "在律所线索台上看到")
	for _, raw := range []string{"GET /", "local-", "lawyer:", "staff:"} {
		if strings.Contains(st.text(audit), raw) {
			t.Errorf("the audit trail shows %q:\n%s", raw, st.text(audit))
		}
	}
	st.polished("lead desk with an audit trail")

	// The status filter holds the offer's states too.
	for _, v := range []string{"offered", "offer_declined"} {
		if !eval[bool](st, fmt.Sprintf(`!!document.querySelector('#lead-filters select[name=status] option[value=%q]')`, v)) {
			t.Errorf("the status filter lacks %s", v)
		}
	}

	// Dates: a window in the past holds none of today's leads.
	past := time.Now().AddDate(0, 0, -30)
	st.choose("#lead-filters select[name=status]", "")
	st.choose("#lead-filters select[name=area]", "")
	eval[bool](st, fmt.Sprintf(`(() => { const f = document.getElementById('lead-filters'); f.elements.from.value = %q; f.elements.to.value = %q; return true; })()`,
		past.Format("2006-01-02"), past.AddDate(0, 0, 1).Format("2006-01-02")))
	st.click("#lead-filters button[type=submit]")
	st.waitText("#leads", "没有符合条件的线索")

	st.resize(phone)
	st.open("/#/staff")
	st.waitVisible("#leads tbody tr")
	st.fitsWidth("lead desk")
	st.accessible("lead desk")
	st.shot("staff-leads")
}

// downloaded waits for a downloaded file named like re and returns its bytes.
func (tb *tab) downloaded(re string) (string, []byte) {
	tb.t.Helper()
	pat := regexp.MustCompile(re)
	deadline := time.Now().Add(stepTimeout)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(tb.download)
		for _, e := range entries {
			if pat.MatchString(e.Name()) && !strings.HasSuffix(e.Name(), ".crdownload") {
				b, err := os.ReadFile(filepath.Join(tb.download, e.Name()))
				if err == nil && len(b) > 0 {
					return e.Name(), b
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.t.Fatalf("no download like %s in %s", re, tb.download)
	return "", nil
}

// linesJS counts the lines an element's text takes (distinct tops of its
// text's boxes).
const linesJS = `((e) => { const r = document.createRange(); r.selectNodeContents(e); return new Set([...r.getClientRects()].filter((b) => b.width > 1).map((b) => Math.round(b.top))).size; })`

// The lead desk at 1280 px (issue 11, item 8): the leads come first — the
// first row on the first screen — and the funnel waits in a folded panel;
// dates, areas, statuses, lawyers' names and phone numbers never wrap,
// even beside a long question; a confirmed lead offers no 分配. Opened,
// the funnel's steps only fall (item 9: each a subset of the one before).
func TestLeadDeskLayout(t *testing.T) {
	s := startSite(t)
	li, wang := s.lawyerID(t, "李静"), s.lawyerID(t, "王晓明")
	long := "我在一家物流公司的仓库做了三年，上周五主管突然通知我周一不用来了，没有书面通知，也没有说原因，最后两个月的工资也没发。" +
		"我有劳动合同、工资条和聊天记录。请问公司这样做合法吗？我能要回拖欠的工资、按工作年限的经济补偿，还有公司没交的社保吗？是不是要先去劳动仲裁？"
	q1, t1 := s.askWith(t, map[string]any{"title": "被物流公司突然辞退，两个月工资没发", "area": "labor", "city": "南京", "body": long,
		"name": "赵磊磊", "phone": "13800138006", "email": "zhaoleilei.long.address@example.com"})
	q2, t2 := s.askWith(t, map[string]any{"title": "离婚时共同房产怎么分割", "area": "family", "city": "南京", "body": long,
		"name": "钱多多", "phone": "13800138007"})
	b1 := book(t, s, q1, t1, li)
	book(t, s, q2, t2, wang)
	s.call(t, "POST", "/bookings/"+b1+"/accept", map[string]string{"Authorization": "Bearer " + lawyerToken(t, s, li)}, map[string]any{}, 200)

	for _, lang := range []string{"zh-CN", "en-US,en"} {
		t.Run(lang, func(t *testing.T) {
			st := newTab(t, s, tabOptions{view: desktop, lang: lang})
			signIn(t, st, "/#/staff", "staff", "明德律师事务所")
			r1, r2 := fmt.Sprintf(`tr[data-lead=%q]`, q1), fmt.Sprintf(`tr[data-lead=%q]`, q2)
			st.waitText(r1, "13800138006")
			st.waitVisible(r2)
			if !eval[bool](st, `(() => { const l = document.getElementById('leads'), f = document.getElementById('funnel-panel'); return !!f && f.tagName === 'DETAILS' && !f.open && !!(l.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING); })()`) {
				t.Error("the funnel is not a folded panel after the leads")
			}
			if top := eval[float64](st, `document.querySelector('#leads tbody tr').getBoundingClientRect().top`); top > 900-60 {
				t.Errorf("the first lead starts at %.0f px: not on the first screen (900 px)", top)
			}
			for _, sel := range []string{r1 + " .c-when", r1 + " .status-text", r1 + " .lead-lawyer", r1 + " a.phone", r2 + " .c-when", r2 + " .status-text", r2 + " .lead-lawyer", r2 + " .phone"} {
				if n := eval[int](st, fmt.Sprintf(`%s(document.querySelector(%q))`, linesJS, sel)); n != 1 {
					t.Errorf("%s takes %d lines at 1280 px, want one: %q", sel, n, st.text(sel))
				}
			}
			if eval[bool](st, fmt.Sprintf(`!!document.querySelector('%s form.assign')`, r1)) {
				t.Error("a confirmed lead offers to be assigned")
			}
			if !eval[bool](st, fmt.Sprintf(`!!document.querySelector('%s form.assign')`, r2)) {
				t.Error("a lead waiting for its lawyer offers no assigning")
			}
			st.fitsWidth("lead desk")
			if w := eval[[]int](st, `(() => { const e = document.querySelector('#leads .table-wrap'); return [e.scrollWidth, e.clientWidth]; })()`); w[0] > w[1] {
				t.Errorf("the leads table is %d px wide in %d px: it scrolls sideways", w[0], w[1])
			}
			st.accessible("lead desk")
			if lang == "zh-CN" {
				st.polished("lead desk")
			}
			st.shot("staff-desk-" + lang[:2])

			st.click("#funnel-panel summary")
			st.waitVisible("#funnel svg.funnel rect.bar")
			st.click("#funnel details summary")
			rows := eval[[][]int](st, `[...document.querySelectorAll('#funnel table tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent)))`)
			if len(rows) == 0 || rows[0][0] < 2 {
				t.Fatalf("the funnel table reads %v", rows)
			}
			sum := 0
			for _, r := range rows[1:] {
				sum += r[0]
			}
			if sum != rows[0][0] {
				t.Errorf("the areas' funnels submitted %d questions, all areas %d: %v", sum, rows[0][0], rows)
			}
			for _, r := range rows {
				for i := 1; i < len(r); i++ {
					if r[i] > r[i-1] {
						t.Errorf("a funnel step counts more than the one before: %v", r)
					}
				}
			}
			st.shot("staff-funnel-" + lang[:2])
			st.resize(phone)
			st.fitsWidth("lead desk with the funnel")
			st.accessible("lead desk with the funnel")
			st.shot("staff-desk-" + lang[:2])
		})
	}
}
