package api_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
	"time"
)

var (
	styleRE  = regexp.MustCompile(`(?s)<style>(.*?)</style>`)
	jsonLDRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
)

// The public page of a question reads without script, carries what search
// engines read, and shows nothing of the asker's personal data.
func TestQuestionPage(t *testing.T) {
	w := newQAWorld(t)
	aid := w.answer(w.pub, w.la1, w.firmA, answerBody).want(t, 201).str("id")
	w.do(req{method: "POST", path: "/answers/" + aid + "/replies", visitor: w.pubTok, body: map[string]any{"body": "我叫王小明，快递公司不认账，电话13800138008还在被骚扰"}}).want(t, 201)
	w.do(req{method: "POST", path: "/answers/" + aid + "/helpful", visitor: w.pubTok}).want(t, 200)
	near, _ := w.mustQuestion(map[string]any{"title": "网购平台泄露了我的个人信息", "area": "privacy", "public": true})

	zh := w.do(req{method: "GET", path: "/q/" + w.pub}).want(t, 200)
	if ct := zh.header.Get("Content-Type"); ct != "text/html; charset=utf-8" || zh.header.Get("Cache-Control") != "public, max-age=60" {
		t.Fatalf("headers: %v", zh.header)
	}
	if s := contains(zh.raw, append(w.askerSecrets, "13912345678", "wang@example.com")); s != "" {
		t.Fatalf("the public page shows %q", s)
	}
	for _, want := range []string{
		`<html lang="zh-CN">`, "<title>我叫[已隐藏]，快递公司泄露了我的个人信息怎么办", `<meta name="description" content="我的电话[已隐藏]`,
		`<link rel="canonical" href="https://lawdesk.example.com/q/` + w.pub + `">`,
		`hreflang="en" href="https://lawdesk.example.com/q/` + w.pub + `?lang=en"`, `<meta property="og:title"`,
		"执业律师", "明德律师事务所", "执业证号", "已帮助 1 人", "提问者采纳", "追问", "025-83331234",
		`href="/#/lawyers/` + w.la1 + `"`, "预约这位律师", `href="/q/` + near + `"`, "相关问题", "最新问题",
	} {
		if !strings.Contains(zh.raw, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := len(zh.raw); n > 50*1024 {
		t.Errorf("the page weighs %d bytes, more than 50 KB", n)
	}
	// The inline style is the one the policy allows, and no script runs.
	css := styleRE.FindStringSubmatch(zh.raw)
	sum := sha256.Sum256([]byte(css[1]))
	csp := zh.header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'") || strings.Contains(csp, "script-src") || !strings.Contains(csp, "default-src 'none'") {
		t.Fatalf("CSP %q does not allow exactly the page's style", csp)
	}
	if strings.Contains(strings.ReplaceAll(zh.raw, `<script type="application/ld+json">`, ""), "<script") {
		t.Fatal("the page has a script")
	}
	var ld struct {
		Type       string `json:"@type"`
		MainEntity struct {
			Type           string `json:"@type"`
			Name           string `json:"name"`
			AnswerCount    int    `json:"answerCount"`
			AcceptedAnswer []struct {
				Text   string `json:"text"`
				Author struct {
					Name string `json:"name"`
				} `json:"author"`
			} `json:"acceptedAnswer"`
		} `json:"mainEntity"`
	}
	if err := json.Unmarshal([]byte(jsonLDRE.FindStringSubmatch(zh.raw)[1]), &ld); err != nil {
		t.Fatal(err)
	}
	if ld.Type != "QAPage" || ld.MainEntity.Type != "Question" || ld.MainEntity.AnswerCount != 1 || len(ld.MainEntity.AcceptedAnswer) != 1 ||
		ld.MainEntity.AcceptedAnswer[0].Author.Name != "王晓明" || strings.Contains(ld.MainEntity.AcceptedAnswer[0].Text, "王小明") {
		t.Fatalf("JSON-LD = %+v", ld)
	}

	en := w.do(req{method: "GET", path: "/q/" + w.pub + "?lang=en"}).want(t, 200)
	for _, want := range []string{`<html lang="en">`, "Practising lawyer", "Helped 1 people", "Book this lawyer",
		`<link rel="canonical" href="https://lawdesk.example.com/q/` + w.pub + `?lang=en">`, `href="/q/` + near + `?lang=en"`} {
		if !strings.Contains(en.raw, want) {
			t.Errorf("the English page lacks %q", want)
		}
	}
	if s := contains(en.raw, w.askerSecrets); s != "" {
		t.Fatalf("the English page shows %q", s)
	}

	t.Run("NotFound", func(t *testing.T) {
		for _, id := range []string{w.priv, "01ABCDEFGHJKMNPQRSTVWXYZ00"} {
			r := w.do(req{method: "GET", path: "/q/" + id}).want(t, 404)
			if !strings.Contains(r.header.Get("Content-Type"), "text/html") || strings.Contains(r.raw, "泄露") || !strings.Contains(r.raw, "noindex") {
				t.Fatalf("404 page for %s: %s", id, r.raw)
			}
		}
	})

	t.Run("Sitemap", func(t *testing.T) {
		r := w.do(req{method: "GET", path: "/sitemap.xml"}).want(t, 200)
		var set struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal([]byte(r.raw), &set); err != nil {
			t.Fatal(err)
		}
		var locs []string
		for _, u := range set.URLs {
			locs = append(locs, u.Loc)
		}
		want := []string{"https://lawdesk.example.com/q/" + near, "https://lawdesk.example.com/q/" + w.pub}
		if strings.Join(locs, " ") != strings.Join(want, " ") {
			t.Fatalf("sitemap = %v, want %v (public ones only, newest first)", locs, want)
		}
		robots := w.do(req{method: "GET", path: "/robots.txt"}).want(t, 200)
		if !strings.Contains(robots.raw, "Sitemap: https://lawdesk.example.com/sitemap.xml") || !strings.Contains(robots.raw, "Disallow: /questions") {
			t.Fatalf("robots.txt = %s", robots.raw)
		}
		month := w.do(req{method: "GET", path: "/sitemaps/" + time.Now().UTC().Format("2006-01")}).want(t, 200)
		if !strings.Contains(month.raw, w.pub) || !strings.Contains(month.raw, near) {
			t.Fatalf("this month's sitemap = %s", month.raw)
		}
		if last := w.do(req{method: "GET", path: "/sitemaps/2020-01"}).want(t, 200); strings.Contains(last.raw, "<url>") {
			t.Fatalf("a month without questions lists %s", last.raw)
		}
		w.do(req{method: "GET", path: "/sitemaps/1969-01"}).want(t, 404)
		w.do(req{method: "GET", path: "/sitemaps/2026-13"}).want(t, 404)
	})

	t.Run("Erased", func(t *testing.T) {
		w.do(req{method: "DELETE", path: "/questions/" + w.pub, visitor: w.pubTok}).want(t, 204)
		r := w.do(req{method: "GET", path: "/q/" + w.pub}).want(t, 404)
		if strings.Contains(r.raw, "快递") || strings.Contains(r.raw, "王晓明") {
			t.Fatalf("the erased question's page shows it: %s", r.raw)
		}
		if sm := w.do(req{method: "GET", path: "/sitemap.xml"}).want(t, 200); strings.Contains(sm.raw, w.pub) {
			t.Fatal("the sitemap still lists the erased question")
		}
		if page := w.do(req{method: "GET", path: "/q/" + near}).want(t, 200); strings.Contains(page.raw, w.pub) {
			t.Fatal("another page still links the erased question")
		}
	})
}
