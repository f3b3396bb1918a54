package webtest

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// staffName is the name firm staff sign in with (the token's name claim).
const staffName = "周小红"

// signIn signs a tab in on the local server's sign-in page (the chooser
// that gets a token from POST /local/token), starting from a page that
// needs it, and waits to be sent back there. Staff give their name.
func signIn(t *testing.T, tb *tab, page, role, who string) {
	t.Helper()
	tb.open(page)
	tb.waitFor(`location.hash.startsWith('#/signin')`, "the sign-in page")
	sel := "select[name=lawyerId]"
	if role == "staff" {
		sel = "select[name=firmId]"
	}
	tb.waitVisible(sel)
	tb.choose(sel, who)
	if role == "staff" {
		tb.typeInto("input[name=name]", staffName)
	}
	tb.click("#signin-submit")
	tb.waitFor(fmt.Sprintf(`location.hash === %q`, strings.TrimPrefix(page, "/")), "the page after sign-in")
	tb.waitVisible("main h1")
}

// openSlotsAt counts a lawyer's open slots (from the API) that start at
// hh:mm in zone on the given weekdays, in the next 62 days.
func openSlotsAt(t *testing.T, s *site, lawyer string, zone *time.Location, hhmm string, days ...time.Weekday) int {
	t.Helper()
	now := time.Now()
	q := url.Values{"from": {now.UTC().Format(time.RFC3339)}, "to": {now.Add(61 * 24 * time.Hour).UTC().Format(time.RFC3339)}, "limit": {"100"}}
	n := 0
	for cursor := ""; ; {
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		page := s.call(t, "GET", "/lawyers/"+lawyer+"/slots?"+q.Encode(), nil, nil, 200)
		for _, it := range page["items"].([]any) {
			st, _ := time.Parse(time.RFC3339, it.(map[string]any)["start"].(string))
			local := st.In(zone)
			for _, d := range days {
				if local.Weekday() == d && local.Format("15:04") == hhmm {
					n++
				}
			}
		}
		next, _ := page["nextCursor"].(string)
		if next == "" {
			return n
		}
		cursor = next
	}
}

// A lawyer signs in and publishes slots: a weekly pattern expanded into
// the next two weeks (publishing it twice adds nothing), and one single
// slot; a malformed time is refused beside its field.
func TestLawyerPublishesSlots(t *testing.T) {
	s := startSite(t)
	lawyer := s.lawyerID(t, "陈芳")
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	l := newTab(t, s, tabOptions{view: desktop, lang: "zh-CN", tz: "Asia/Shanghai"})
	signIn(t, l, "/#/lawyer/availability", "lawyer", "陈芳")
	l.waitText("main h1", "陈芳的工作台")
	l.waitText("#open-slots", "共")

	// Weekends only (the demo slots are on weekdays), 08:00 and 08:30.
	for d := 0; d <= 6; d++ {
		l.check(fmt.Sprintf(`input[name=days][value="%d"]`, d), d == 0 || d == 6)
	}
	l.typeInto("input[name=times]", "8:00，8:30 25:00")
	l.click("#publish-pattern")
	l.waitText("[data-field=times] .field-error", "09:00 的格式")
	l.typeInto("input[name=times]", "08:00, 08:30")
	l.choose("#pattern-form select[name=minutes]", "30")
	l.choose("#pattern-form select[name=weeks]", "2")
	l.waitText("#pattern-preview", "将发布 8 个时间")
	l.click("#publish-pattern")
	l.waitText("#pattern-result", "已发布 8 个时间；0 个已存在")
	if got := openSlotsAt(t, s, lawyer, shanghai, "08:00", time.Saturday, time.Sunday) + openSlotsAt(t, s, lawyer, shanghai, "08:30", time.Saturday, time.Sunday); got != 8 {
		t.Errorf("the API lists %d weekend slots at 08:00/08:30 Shanghai, want 8", got)
	}
	// The same pattern again: nothing new, nothing refused.
	l.click("#publish-pattern")
	l.waitText("#pattern-result", "已发布 0 个时间；8 个已存在")
	l.shot("lawyer-availability")
	l.accessible("availability")

	// One slot, in the evening three days ahead.
	day := time.Now().In(shanghai).AddDate(0, 0, 3)
	l.do(focusSel("#one-form input[name=date]"))
	eval[bool](l, fmt.Sprintf(`(() => { const f = document.querySelector('#one-form'); f.elements.date.value = %q; f.elements.time.value = '20:15'; return true; })()`, day.Format("2006-01-02")))
	l.click("#publish-one")
	l.waitText("#one-result", "已发布")
	if got := openSlotsAt(t, s, lawyer, shanghai, "20:15", day.Weekday()); got != 1 {
		t.Errorf("the API lists %d slots at 20:15 on %s, want 1", got, day.Format("2006-01-02"))
	}
	l.waitText("#open-slots", "20:15")
	// The same slot again overlaps: refused, said so.
	l.click("#publish-one")
	l.waitText("#one-result", "重叠")

	l.resize(phone)
	l.fitsWidth("availability")
	l.accessible("availability")
	l.shot("lawyer-availability")
}
