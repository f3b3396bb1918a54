package webtest

import (
	"strings"
	"testing"
)

// What anyone sees: the latest questions (titles only), one area's
// questions, the directory with its filters, and a lawyer's profile with
// the firm's contact block.
func TestPublicPages(t *testing.T) {
	s := startSite(t)
	p := newTab(t, s, tabOptions{view: desktop, lang: "en-US,en"})

	p.open("/")
	p.waitText("main h1", "A legal worry? Book a lawyer")
	p.waitText("main", "My landlord won't return my deposit")
	latest := p.text("main")
	for _, want := range []string{"男朋友分手了要我退彩礼，必须全退吗", "公司拖欠工资三个月了怎么办", "Family & divorce"} {
		if !strings.Contains(latest, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if strings.Contains(latest, "演示访客") || strings.Contains(latest, "13900139") {
		t.Error("the public list shows personal data")
	}
	p.accessible("home")

	// One area's questions.
	p.click(`a[href="#/areas/family"]`)
	p.waitText("main h1", "Family & divorce: latest questions")
	p.waitText("main ol", "男朋友分手了要我退彩礼")
	if strings.Contains(p.text("main ol"), "拖欠工资") {
		t.Error("the family list shows a labour question")
	}

	// The directory, filtered by area, then by city too.
	p.open("/#/lawyers")
	p.waitVisible("#directory-results article")
	p.choose("select[name=area]", "family")
	p.click("form.filters button[type=submit]")
	p.waitText("main [role=status]", "3 lawyers shown")
	names := p.text("#directory-results")
	for _, want := range []string{"王晓明", "郑凯", "Emily Chen", "Harbour & Bell LLP", "明德律师事务所"} {
		if !strings.Contains(names, want) {
			t.Errorf("family lawyers lack %q:\n%s", want, names)
		}
	}
	if hash := p.hash(); hash != "#/lawyers?area=family" {
		t.Errorf("filters in the address = %q", hash)
	}
	p.typeInto("input[name=city]", "南京")
	p.click("form.filters button[type=submit]")
	p.waitText("main [role=status]", "1 lawyer shown")
	p.shot("directory")
	p.accessible("directory")

	// A profile: the firm's block and open times in the viewer's zone.
	p.click(`#directory-results a[href^="#/lawyers/"]`)
	p.waitText("main h1", "王晓明")
	p.waitVisible("#profile-picker input[name=start]")
	profile := p.text("main")
	for _, want := range []string{"明德律师事务所", "专业 · 守信 · 为您", "025-83331234", "mingde.example.com", "New on LawDesk", "Times in your time zone: Beijing time (GMT+8)",
		"Licence no. 132012018100"} {
		if !strings.Contains(profile, want) {
			t.Errorf("profile lacks %q", want)
		}
	}
	if strings.Contains(profile, "lawyer01@example.com") || strings.Contains(profile, "13800138010") {
		t.Error("the profile shows the lawyer's direct contact")
	}
	p.accessible("profile")
}
