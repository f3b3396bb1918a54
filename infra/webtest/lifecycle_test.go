package webtest

// The rest of a booking's life in the pages (issue 13): the visitor moves
// a booking and the lawyer confirms the new time; the lawyer moves one
// from the upcoming list; the lawyer marks a no-show; the visitor reviews
// a completed consultation and the lawyer's profile shows the rating and
// the usual reply time.

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// clockOffset moves the site's clock (the service's; the browser keeps
// the real one): a test makes a booking whose time has come by making it
// hours in the past, then puts the clock back. The tests run one at a
// time.
var clockOffset atomic.Int64

func siteNow() time.Time { return time.Now().Add(time.Duration(clockOffset.Load())) }

// lifecycleLawyer adds an intellectual-property lawyer in 南京 to a demo
// firm — an area no other browser test counts the lawyers of, so that
// what they read of the demo data stays as it was — with open slots 3, 4
// and 5 days ahead at 10:00 Beijing time: the lawyer's id and token.
func lifecycleLawyer(t *testing.T, s *site, name string) (id, token string) {
	t.Helper()
	admin := s.call(t, "POST", "/local/token", nil, map[string]any{"role": "admin"}, 200)["token"].(string)
	firm := s.call(t, "GET", "/lawyers?limit=1", nil, nil, 200)["items"].([]any)[0].(map[string]any)["firmId"].(string)
	id = s.call(t, "POST", "/lawyers", map[string]string{"Authorization": "Bearer " + admin}, map[string]any{
		"firmId": firm, "name": name, "areas": []string{"ip"}, "city": "南京", "languages": []string{"zh"},
		"licenseNo": fmt.Sprintf("1320120%010d", time.Now().UnixNano()%1e10), "phone": "13912340000", "email": "lawyer13@example.com",
		"timeZone": "Asia/Shanghai",
	}, 201)["id"].(string)
	token = lawyerToken(t, s, id)
	day := time.Now().In(beijing(t)).AddDate(0, 0, 3)
	var slots []map[string]any
	for d := 0; d < 3; d++ {
		at := time.Date(day.Year(), day.Month(), day.Day()+d, 10, 0, 0, 0, beijing(t))
		slots = append(slots, map[string]any{"start": at.Format(time.RFC3339), "minutes": 30})
	}
	s.call(t, "POST", "/lawyers/"+id+"/slots", map[string]string{"Authorization": "Bearer " + token}, map[string]any{"slots": slots}, 201)
	return id, token
}

func beijing(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// ipQuestion submits an intellectual-property question through the API
// (its visitor 韩梅梅): its id and token.
func ipQuestion(t *testing.T, s *site) (id, token string) {
	t.Helper()
	q := s.call(t, "POST", "/questions", nil, map[string]any{"title": "别人抢注了我们店的商标怎么办", "body": "我们的店名用了五年，被别人注册成了商标", "area": "ip",
		"city": "南京", "name": "韩梅梅", "phone": "13800138000", "email": "hanmeimei@example.com", "consent": true}, 201)
	return q["id"].(string), q["accessToken"].(string)
}

// confirmedBooking books start for a new question and accepts it (API):
// the booking, the question and its token.
func confirmedBooking(t *testing.T, s *site, lawyer, lawyerTok, start string) (booking, question, token string) {
	t.Helper()
	question, token = ipQuestion(t, s)
	booking = s.call(t, "POST", "/bookings", map[string]string{"X-Visitor-Token": token},
		map[string]any{"questionId": question, "lawyerId": lawyer, "start": start, "mode": "phone", "timeZone": "Asia/Shanghai"}, 201)["id"].(string)
	s.call(t, "POST", "/bookings/"+booking+"/accept", map[string]string{"Authorization": "Bearer " + lawyerTok}, nil, 200)
	return booking, question, token
}

// startedBooking is a confirmed booking of lawyer's that began an hour
// ago: made and accepted with the site's clock five hours back.
func startedBooking(t *testing.T, s *site, lawyer, lawyerTok string) (booking, question, token string) {
	t.Helper()
	start := time.Now().Add(-time.Hour).Truncate(time.Minute).UTC().Format(time.RFC3339)
	clockOffset.Store(int64(-5 * time.Hour))
	defer clockOffset.Store(0)
	s.call(t, "POST", "/lawyers/"+lawyer+"/slots", map[string]string{"Authorization": "Bearer " + lawyerTok},
		map[string]any{"slots": []map[string]any{{"start": start, "minutes": 30}}}, 201)
	return confirmedBooking(t, s, lawyer, lawyerTok, start)
}

// bookingStart is a booking's start as the API gives it (to the visitor).
func bookingStart(t *testing.T, s *site, booking, token string) (string, string) {
	t.Helper()
	b := s.call(t, "GET", "/bookings/"+booking, map[string]string{"X-Visitor-Token": token}, nil, 200)
	return b["start"].(string), b["status"].(string)
}

func TestVisitorReschedulesAndLawyerConfirms(t *testing.T) {
	s := startSite(t)
	lawyer, ltok := lifecycleLawyer(t, s, "赵改期")
	slots := s.call(t, "GET", "/lawyers/"+lawyer+"/slots", nil, nil, 200)["items"].([]any)
	first, second := slots[0].(map[string]any)["start"].(string), slots[1].(map[string]any)["start"].(string)
	booking, question, token := confirmedBooking(t, s, lawyer, ltok, first)

	v := newTab(t, s, tabOptions{view: desktop, lang: "zh-CN", tz: "Asia/Shanghai"})
	v.open("/#/q/" + question + "?t=" + token + "&b=" + booking)
	v.waitText("#booking", "已确认")
	v.click("#booking [data-action=reschedule]")
	v.waitVisible(".reschedule-form input[name=start]")
	// The booking's own time is not offered; the next one is.
	if offered := eval[[]string](v, `[...document.querySelectorAll('.reschedule-form input[name=start]')].map((i) => i.value)`); len(offered) == 0 ||
		offered[0] != second || strings.Contains(strings.Join(offered, " "), first) {
		t.Fatalf("times offered %v, want %s first and never %s", offered, second, first)
	}
	v.shot("visitor-reschedule-pick")
	v.accessible("reschedule")
	v.polished("reschedule")
	v.resize(phone)
	v.fitsWidth("reschedule")
	v.shot("visitor-reschedule-pick")
	v.resize(desktop)
	v.click(fmt.Sprintf(`.reschedule-form label.slot:has(input[value=%q])`, second))
	v.click(".reschedule-form button[type=submit]")
	v.waitText("#booking", "待确认")
	v.waitText("#booking", "您已改到新的时间，正在等赵改期律师确认")
	if start, status := bookingStart(t, s, booking, token); start != second || status != "pending" {
		t.Fatalf("after the visitor's move: %s %s, want %s pending", start, status, second)
	}
	v.shot("visitor-rescheduled")
	v.polished("rescheduled")
	v.resize(phone)
	v.fitsWidth("rescheduled")
	v.shot("visitor-rescheduled")
	v.resize(desktop)

	// The lawyer, told with the moved .ics (same UID, SEQUENCE 1), confirms
	// the new time in the inbox.
	waitInbox(t, s, booking, "rescheduled", "lawyer", "SEQUENCE:1")
	l := newTab(t, s, tabOptions{view: desktop, lang: "zh-CN", tz: "Asia/Shanghai"})
	signIn(t, l, "/#/lawyer/inbox", "lawyer", "赵改期")
	item := fmt.Sprintf(`article[data-booking=%q]`, booking)
	l.waitVisible(item)
	l.click(item + " [data-action=accept]")
	l.waitText(item, "已接受")
	v.click("#booking-refresh")
	v.waitText("#booking", "已确认")
	if start, status := bookingStart(t, s, booking, token); start != second || status != "confirmed" {
		t.Fatalf("after the lawyer confirmed: %s %s", start, status)
	}
	v.shot("visitor-reschedule-confirmed")
	v.resize(phone)
	v.fitsWidth("reschedule confirmed")
	v.shot("visitor-reschedule-confirmed")

	// The lawyer moves it again from the upcoming list: it stays
	// confirmed, and the visitor hears of it with SEQUENCE 2.
	l.click(`.subnav a[href="#/lawyer/upcoming"]`)
	l.waitVisible(item + " [data-action=reschedule]")
	l.click(item + " [data-action=reschedule]")
	l.waitVisible(".reschedule-form input[name=start]")
	l.shot("lawyer-reschedule-pick")
	l.resize(phone)
	l.fitsWidth("lawyer reschedule")
	l.shot("lawyer-reschedule-pick")
	l.resize(desktop)
	l.click(fmt.Sprintf(`.reschedule-form label.slot:has(input[value=%q])`, first))
	l.click(".reschedule-form button[type=submit]")
	l.waitFor(fmt.Sprintf(`document.querySelector(%q) && !document.querySelector('.reschedule-form')`, item), "the card at its new time")
	if start, status := bookingStart(t, s, booking, token); start != first || status != "confirmed" {
		t.Fatalf("after the lawyer's move: %s %s", start, status)
	}
	waitInbox(t, s, booking, "rescheduled", "visitor", "SEQUENCE:2")
	v.click("#booking-refresh")
	v.waitText("#booking", "赵改期律师把咨询改到了这个时间")

	// The local inbox page shows those messages as their recipients read
	// them, with the .ics attached (no script, the pages' CSP).
	in := newTab(t, s, tabOptions{view: desktop, lang: "zh-CN", tz: "Asia/Shanghai"})
	in.do(chromedp.Navigate(s.base + "/local/inbox?booking=" + booking))
	in.waitVisible("main h1")
	in.waitText("main", "咨询时间已更改")
	in.waitFor(`document.querySelector('main').textContent.includes('SEQUENCE:2')`, "the moved .ics attached")
	in.accessible("local inbox")
	in.shot("local-inbox")
	in.resize(phone)
	in.fitsWidth("local inbox")
	in.shot("local-inbox")
}

// waitInbox waits until the local inbox holds an e-mail of kind about
// booking to whom, its .ics holding ics.
func waitInbox(t *testing.T, s *site, booking, kind, to, ics string) {
	t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for time.Now().Before(deadline) {
		for _, it := range s.call(t, "GET", "/local/notifications?booking="+booking, nil, nil, 200)["items"].([]any) {
			m := it.(map[string]any)
			if m["kind"] == kind && m["to"] == to && m["channel"] == "email" && strings.Contains(fmt.Sprint(m["ics"]), ics) &&
				strings.Contains(fmt.Sprint(m["ics"]), "UID:"+booking+"@lawdesk") {
				return
			}
		}
		time.Sleep(300 * time.Millisecond)
	}
	t.Fatalf("no %s e-mail to the %s of booking %s with %s in the local inbox", kind, to, booking, ics)
}

func TestLawyerMarksNoShow(t *testing.T) {
	s := startSite(t)
	lawyer, ltok := lifecycleLawyer(t, s, "钱未到")
	booking, question, token := startedBooking(t, s, lawyer, ltok)
	l := newTab(t, s, tabOptions{view: desktop, lang: "zh-CN", tz: "Asia/Shanghai"})
	signIn(t, l, "/#/lawyer/upcoming", "lawyer", "钱未到")
	item := fmt.Sprintf(`article[data-booking=%q]`, booking)
	l.waitVisible(item + " [data-action=no-show]")
	if eval[bool](l, fmt.Sprintf(`document.querySelector('%s [data-action=no-show]').disabled`, item)) {
		t.Fatal("a consultation that began an hour ago cannot be marked a no-show")
	}
	l.shot("lawyer-no-show")
	l.resize(phone)
	l.fitsWidth("no-show")
	l.shot("lawyer-no-show")
	l.resize(desktop)
	l.click(item + " [data-action=no-show]")
	l.click(item + " .confirm button.danger")
	l.waitText(item, "已记录未到场")
	l.waitText(item+" .meta", "未到场")
	l.shot("lawyer-no-show-recorded")
	l.accessible("no-show recorded")
	l.polished("no-show recorded")
	l.resize(phone)
	l.fitsWidth("no-show recorded")
	l.shot("lawyer-no-show-recorded")
	if _, status := bookingStart(t, s, booking, token); status != "no_show" {
		t.Fatalf("booking after the no-show = %s", status)
	}
	// The visitor reads it, and may book again.
	v := newTab(t, s, tabOptions{view: phone, lang: "zh-CN", tz: "Asia/Shanghai"})
	v.open("/#/q/" + question + "?t=" + token + "&b=" + booking)
	v.waitText("#booking", "未到场")
	v.waitText("#booking", "钱未到律师记录您没有参加这次咨询")
	v.waitVisible("#matches")
	v.fitsWidth("visitor after a no-show")
	v.shot("visitor-no-show")
}

func TestVisitorReviewsAndProfileShowsRating(t *testing.T) {
	s := startSite(t)
	lawyer, ltok := lifecycleLawyer(t, s, "孙评价")
	booking, question, token := startedBooking(t, s, lawyer, ltok)
	s.call(t, "POST", "/bookings/"+booking+"/complete", map[string]string{"Authorization": "Bearer " + ltok}, nil, 200)
	// Two more answers, so that the profile has a usual reply time.
	for _, it := range s.call(t, "GET", "/lawyers/"+lawyer+"/slots", nil, nil, 200)["items"].([]any)[:2] {
		confirmedBooking(t, s, lawyer, ltok, it.(map[string]any)["start"].(string))
	}

	v := newTab(t, s, tabOptions{view: desktop, lang: "zh-CN", tz: "Asia/Shanghai"})
	v.open("/#/q/" + question + "?t=" + token + "&b=" + booking)
	v.waitText("#booking", "已完成")
	v.waitVisible("#review input[name=stars]")
	v.shot("visitor-review")
	v.accessible("review")
	v.polished("review")
	v.resize(phone)
	v.fitsWidth("review")
	v.shot("visitor-review")
	v.resize(desktop)
	// Without stars the form says what is missing.
	v.click("#review button[type=submit]")
	v.waitText("#review .form-alert", "请选择 1 到 5 星")
	v.click(`#review label.star:has(input[value="5"])`)
	v.typeInto("#review-text", "孙律师很耐心，讲得很清楚。韩梅梅的电话13800138000")
	v.click("#review button[type=submit]")
	v.waitText("#review", "谢谢您的评价")
	got := v.text("#review")
	if strings.Contains(got, "13800138000") || strings.Contains(got, "韩梅梅") || !strings.Contains(got, "孙律师很耐心") {
		t.Errorf("the review as published = %q: the name and phone must be hidden", got)
	}
	v.shot("visitor-reviewed")
	v.resize(phone)
	v.fitsWidth("reviewed")
	v.shot("visitor-reviewed")
	// Opened again: reviewed once, no second form.
	v.open("/#/q/" + question)
	v.waitText("#review", "您已经评价过这次咨询")

	// Anyone's view of the lawyer's profile: the rating, the usual reply
	// time, the review — anonymous and redacted.
	p := newTab(t, s, tabOptions{view: desktop, lang: "zh-CN", tz: "Asia/Shanghai"})
	p.open("/#/lawyers/" + lawyer)
	p.waitText("#lawyer-stats", "评分 5.0（1 条评价）")
	p.waitText("#lawyer-stats", "通常 1 分钟内回复")
	p.waitText("#reviews-list", "孙律师很耐心")
	if list := p.text("#reviews"); strings.Contains(list, "13800138000") || strings.Contains(list, "韩梅梅") || !strings.Contains(list, "★★★★★") {
		t.Errorf("the profile's reviews = %q", list)
	}
	p.shot("profile-rating")
	p.accessible("profile with reviews")
	p.polished("profile with reviews")
	p.resize(phone)
	p.fitsWidth("profile with reviews")
	p.shot("profile-rating")
	// In English too.
	e := newTab(t, s, tabOptions{view: desktop, lang: "en-US,en", tz: "Asia/Shanghai"})
	e.open("/#/lawyers/" + lawyer)
	e.waitText("#lawyer-stats", "Rated 5.0 (1 review)")
	e.waitText("#lawyer-stats", "Usually replies within a minute")
	e.shot("profile-rating-en")
}
