package webtest

import (
	"fmt"
	"testing"
)

// The language follows the browser (its first Chinese or English
// language), the switch changes it everywhere, html's lang follows, and
// the choice outlives a reload.
func TestLanguageSwitch(t *testing.T) {
	s := startSite(t)
	for _, tc := range []struct {
		accept, lang, h1 string
	}{
		{"en-US,en", "en", "A legal worry? Book a lawyer"},
		{"zh-CN,zh", "zh-CN", "有法律问题？直接约律师"},
		{"fr-FR,en;q=0.8,zh;q=0.5", "en", "A legal worry? Book a lawyer"},
		{"zh-TW", "zh-CN", "有法律问题？直接约律师"},
	} {
		t.Run(tc.accept, func(t *testing.T) {
			p := newTab(t, s, tabOptions{view: desktop, lang: tc.accept})
			p.open("/")
			p.waitText("main h1", tc.h1)
			if got := eval[string](p, "document.documentElement.lang"); got != tc.lang {
				t.Errorf("html lang = %q, want %q", got, tc.lang)
			}
		})
	}

	p := newTab(t, s, tabOptions{view: desktop, lang: "en-US"})
	p.open("/#/ask")
	p.waitText("main h1", "Ask a lawyer")
	p.waitText("label[for^=title]", "Question")
	p.waitText("nav", "Lawyers")
	p.click("#lang-switch")
	p.waitText("main h1", "咨询律师")
	p.waitText("nav", "律师名录")
	p.waitText("label[for^=title]", "问题标题")
	p.waitText("select[name=area]", "婚姻家庭")
	if got := eval[string](p, "document.documentElement.lang"); got != "zh-CN" {
		t.Errorf("html lang after the switch = %q", got)
	}
	if got := eval[string](p, "document.getElementById('lang-switch').lang"); got != "en" {
		t.Errorf("the switch is labelled in %q, want en (the language it switches to)", got)
	}
	p.open("/#/ask")
	p.waitText("main h1", "咨询律师")
	p.click("#lang-switch")
	p.waitText("main h1", "Ask a lawyer")
}

// Every page fits a 360-px phone without sideways scrolling, in both
// languages, and passes the accessibility checks (labels, names, one h1,
// lang, contrast); its Chinese reads right (tab.polished). Each page is
// saved as tour-<page>-<lang>-<phone|desktop>.png, at 1280 px too.
func TestPhoneLayout(t *testing.T) {
	s := startSite(t)
	lawyer := s.lawyerID(t, "Emily Chen")
	id, token := s.ask(t, "离婚后孩子抚养费怎么计算", "上海")
	// A firm's offer on it, so that the question page shows one.
	s.offer(t, id, lawyer)
	for _, lang := range []string{"zh-CN", "en-US"} {
		t.Run(lang, func(t *testing.T) {
			p := newTab(t, s, tabOptions{view: phone, lang: lang, tz: "America/New_York"})
			pages := []struct{ name, path, wait string }{
				{"home", "/", "main ol li"},
				{"ask", "/#/ask", "#ask-submit"},
				{"questions", "/#/questions", "main ol li"},
				{"area", "/#/areas/labor", "main ol li"},
				{"directory", "/#/lawyers", "#directory-results article"},
				{"profile", "/#/lawyers/" + lawyer, "#profile-picker input[name=start]"},
				{"mine", "/#/mine", "main form"},
				{"question", fmt.Sprintf("/#/q/%s?t=%s", id, token), "#matches article.lawyer"},
				{"offers", fmt.Sprintf("/#/q/%s", id), "#offers article.offer [data-action=accept]"},
				{"signin-staff", "/#/signin?role=staff", "#signin-submit"},
				{"signin-lawyer", "/#/signin?role=lawyer", "#signin-submit"},
			}
			check := func(name, where string) {
				t.Helper()
				p.fitsWidth(where)
				p.accessible(where)
				if lang == "zh-CN" {
					p.polished(where)
				}
				p.shot("tour-" + name + "-" + lang[:2])
			}
			for _, view := range []viewport{phone, desktop} {
				p.resize(view)
				for _, pg := range pages {
					p.open(pg.path)
					p.waitVisible(pg.wait)
					check(pg.name, pg.path)
				}
			}
			p.resize(phone)
			signIn(t, p, "/#/lawyer/availability", "lawyer", "Emily Chen")
			p.waitVisible("#open-slots li")
			check("availability", "/#/lawyer/availability")
			p.resize(desktop)
			check("availability", "/#/lawyer/availability")
			// The Q&A tab: the inbox of public questions and the lawyer's answers.
			p.open("/#/lawyer/qa")
			p.waitVisible("#qa-inbox article.qa-question [data-action=answer]")
			p.waitVisible("#qa-mine h2")
			p.click("#qa-inbox article.qa-question [data-action=answer]")
			p.waitVisible("#qa-inbox textarea[name=answer]")
			check("qa", "/#/lawyer/qa")
			p.resize(phone)
			check("qa", "/#/lawyer/qa")
		})
	}
}

// At 360 px the header is one row — brand, language switch, menu button —
// and the links open under it from the menu (issue 11: they took two to
// three rows); from 760 px they show inline and the button is gone.
func TestPhoneNavigation(t *testing.T) {
	s := startSite(t)
	for _, lang := range []string{"zh-CN", "en-US"} {
		t.Run(lang, func(t *testing.T) {
			p := newTab(t, s, tabOptions{view: phone, lang: lang})
			p.open("/#/lawyers")
			rows := `(() => { const tops = new Set(); for (const e of document.querySelectorAll('#top a, #top button')) { const r = e.getBoundingClientRect(); if (r.width && r.height) tops.add(Math.round(r.top + r.height / 2)); } return [...tops].length; })()`
			if n, h := eval[int](p, rows), eval[int](p, `Math.round(document.getElementById('top').getBoundingClientRect().height)`); n != 1 || h > 64 {
				t.Errorf("the header at 360 px: its controls sit on %d rows, %d px high; want one row", n, h)
			}
			if eval[bool](p, `!!document.querySelector('#main-nav a[href="#/ask"]').getClientRects().length`) {
				t.Error("the links show before the menu is opened")
			}
			p.fitsWidth("header")
			p.accessible("header")
			p.shot("nav-closed-" + lang[:2])
			p.click("#menu-toggle")
			p.waitVisible(`#main-nav a[href="#/ask"]`)
			if got := eval[string](p, `document.getElementById('menu-toggle').getAttribute('aria-expanded')`); got != "true" {
				t.Errorf("the open menu's button says aria-expanded=%s", got)
			}
			p.fitsWidth("open menu")
			p.accessible("open menu")
			p.shot("nav-open-" + lang[:2])
			// Escape closes it and gives the focus back to the button.
			p.do(focusSel(`#main-nav a[href="#/ask"]`), keys("\x1b"))
			p.waitFor(`!document.querySelector('#main-nav a[href="#/ask"]').getClientRects().length`, "Escape to close the menu")
			if id := eval[string](p, `document.activeElement.id`); id != "menu-toggle" {
				t.Errorf("after Escape the focus is on %q, want the menu button", id)
			}
			// A link goes there and closes the menu.
			p.click("#menu-toggle")
			p.click(`#main-nav a[href="#/ask"]`)
			p.waitFor(`location.hash === '#/ask'`, "the ask page")
			p.waitFor(`!document.querySelector('#main-nav a[href="#/ask"]').getClientRects().length`, "the menu to close")

			p.resize(desktop)
			p.open("/#/lawyers")
			if eval[bool](p, `!!document.getElementById('menu-toggle').getClientRects().length`) || !eval[bool](p, `!!document.querySelector('#main-nav a[href="#/ask"]').getClientRects().length`) {
				t.Error("at 1280 px the links are not shown inline, or the menu button shows")
			}
		})
	}
}
