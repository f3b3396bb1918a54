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
// lang, contrast).
func TestPhoneLayout(t *testing.T) {
	s := startSite(t)
	lawyer := s.lawyerID(t, "Emily Chen")
	id, token := s.ask(t, "离婚后孩子抚养费怎么计算", "上海")
	// A firm's offer on it, so that the question page shows one.
	s.offer(t, id, lawyer)
	for _, lang := range []string{"zh-CN", "en-US"} {
		t.Run(lang, func(t *testing.T) {
			p := newTab(t, s, tabOptions{view: phone, lang: lang, tz: "America/New_York"})
			pages := []struct{ path, wait string }{
				{"/", "main ol li"},
				{"/#/ask", "#ask-submit"},
				{"/#/questions", "main ol li"},
				{"/#/areas/labor", "main ol li"},
				{"/#/lawyers", "#directory-results article"},
				{"/#/lawyers/" + lawyer, ".slot-list li"},
				{"/#/mine", "main form"},
				{fmt.Sprintf("/#/q/%s?t=%s", id, token), "#matches article.lawyer"},
				{fmt.Sprintf("/#/q/%s", id), "#offers article.offer [data-action=accept]"},
				{"/#/signin?role=staff", "#signin-submit"},
				{"/#/signin?role=lawyer", "#signin-submit"},
			}
			for _, pg := range pages {
				p.open(pg.path)
				p.waitVisible(pg.wait)
				p.fitsWidth(pg.path)
				p.accessible(pg.path)
			}
			signIn(t, p, "/#/lawyer/availability", "lawyer", "Emily Chen")
			p.waitVisible("#open-slots li")
			p.fitsWidth("/#/lawyer/availability")
			p.accessible("/#/lawyer/availability")
		})
	}
}
