// Package pages renders the public pages search engines and visitors
// read without JavaScript: a public question with its answers (GET
// /q/{id}), the 404 page, the sitemap and robots.txt. Everything it is
// given is redacted already (app.FindPublicThread); it only lays it out,
// in Chinese or English, with the page's metadata (title, description,
// canonical and alternate addresses, Open Graph, JSON-LD QAPage). It
// imports no AWS SDK. The markup is written by hand, every text escaped,
// rather than with html/template, whose reflection on method calls keeps
// every method of every type in the binary: 4 MiB more in the bootstrap.
package pages

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	stdhtml "html"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// CacheControl is what every public page says of caching: a minute, in
// browsers and CloudFront alike, so that a new answer or an erasure shows
// within a minute.
const CacheControl = "public, max-age=60"

// ContentSecurityPolicy allows the pages nothing but their own inline
// style (by its hash) and images of the product: no script runs on them
// (JSON-LD is data, which the policy does not execute).
// The hash is of a constant: worked out once, on the first page served.
func ContentSecurityPolicy() string {
	csp.Do(func() {
		sum := sha256.Sum256([]byte(css))
		csp.policy = "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
			"'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	})
	return csp.policy
}

// csp and shanghai are worked out on first use. They are a sync.Once
// beside a value rather than a package-level sync.OnceValue(func …), whose
// closure package init would build, linking what it uses (the style
// sheet, the time zone database) into every function that imports pages
// (every HTTP function, through api) rather than only the pages function.
var (
	csp struct {
		sync.Once
		policy string
	}
	shanghaiZone struct {
		sync.Once
		loc *time.Location
	}
)

// Lang picks the page language from the lang query parameter: "en", else
// Chinese.
func Lang(param string) string {
	if param == "en" {
		return "en"
	}
	return "zh"
}

// Question writes the public page of thread t in lang ("zh" or "en"),
// with absolute addresses on origin ("" gives relative ones).
func Question(w io.Writer, t domain.PublicThread, lang, origin string) error {
	tx := texts[lang]
	q := t.Question
	area, _ := domain.AreaByCode(q.Area)
	areaName := area.ZH
	if lang == "en" {
		areaName = area.EN
	}
	path := "/q/" + q.ID
	canonical := origin + path + langQuery(lang)
	description := describe(q, t.Answers)
	ld, err := jsonLD(t, canonical, origin, lang)
	if err != nil {
		return err
	}
	var p html
	p.head(tx)
	p.el("title", q.Title+" - "+areaName+tx.titleSuffix)
	p.raw(`<meta name="description" content="`).attr(description).raw(`">`)
	p.raw(`<link rel="canonical" href="`).attr(canonical).raw(`">`)
	p.raw(`<link rel="alternate" hreflang="zh-CN" href="`).attr(origin + path).raw(`">`)
	p.raw(`<link rel="alternate" hreflang="en" href="`).attr(origin + path + "?lang=en").raw(`">`)
	p.raw(`<link rel="alternate" hreflang="x-default" href="`).attr(origin + path).raw(`">`)
	p.meta("og:type", "article").meta("og:site_name", tx.siteName).meta("og:title", q.Title).meta("og:description", description).
		meta("og:url", canonical).meta("og:locale", tx.ogLocale)
	// json.Marshal escapes <, > and &: the data cannot end its element.
	p.raw(`<script type="application/ld+json">`).raw(string(ld)).raw("</script>\n</head><body>\n")
	p.header(tx, lang, otherLang(lang, path))
	p.raw("<main>\n")
	p.raw(`<p class="small"><a href="/">`).text(tx.home).raw(`</a> › <a href="/#/areas/`).attr(q.Area).raw(`">`).text(areaName).raw("</a></p>\n")
	p.raw("<article>\n")
	p.el("h1", q.Title)
	p.raw(`<p class="meta"><span class="tag">`).text(areaName).raw("</span>")
	if q.City != "" {
		p.raw(" · ").text(q.City)
	}
	p.raw(" · ").text(tx.askedOn + " " + day(q.CreatedAt, lang)).raw("</p>\n")
	p.paragraphs(q.Body)
	p.raw("<h2>").text(fmt.Sprintf("%s (%d)", tx.answers, len(t.Answers))).raw("</h2>\n")
	for _, a := range t.Answers {
		p.answer(a, tx, lang)
	}
	if len(t.Answers) == 0 {
		p.raw(`<p class="card">`).text(tx.noAnswers).raw("</p>\n")
	}
	p.raw("</article>\n")
	p.raw(`<p class="card">`).text(tx.askCTA).raw(` <a href="/#/ask">`).text(tx.ask).raw("</a></p>\n")
	p.list(tx.related, t.Related, lang)
	if len(t.Latest) > 0 {
		p.list(tx.latest+" · "+areaName, t.Latest, lang)
		p.raw(`<p><a href="/#/areas/`).attr(q.Area).raw(`">`).text(tx.areaLink).raw("</a></p>\n")
	}
	p.raw("</main>\n<footer><p>").text(tx.privacy).raw("</p></footer>\n</body></html>\n")
	_, err = io.WriteString(w, p.String())
	return err
}

// NotFound writes the 404 page: it says nothing of what was asked for.
func NotFound(w io.Writer, lang string) error {
	tx := texts[lang]
	var p html
	p.head(tx)
	p.el("title", tx.notFound+" | LawDesk")
	p.raw(`<meta name="robots" content="noindex"></head><body>` + "\n")
	// Its language link leads to the pages' home, which keeps its own choice.
	p.header(tx, lang, "/")
	p.raw("<main>").el("h1", tx.notFound).el("p", tx.notFoundText)
	p.raw(`<p><a href="/">`).text(tx.home).raw(`</a> · <a href="/#/ask">`).text(tx.ask).raw("</a></p></main>\n</body></html>\n")
	_, err := io.WriteString(w, p.String())
	return err
}

// Sitemap writes a sitemap of the public questions' pages (at most 50,000
// entries; see app.Sitemap).
func Sitemap(w io.Writer, origin string, entries []domain.SitemapEntry) error {
	var p html
	p.raw(xmlHeader + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, e := range entries {
		p.raw("<url><loc>").text(origin + "/q/" + e.QuestionID).raw("</loc><lastmod>").raw(e.CreatedAt.UTC().Format("2006-01-02")).raw("</lastmod></url>")
	}
	p.raw("</urlset>\n")
	_, err := io.WriteString(w, p.String())
	return err
}

// SitemapIndex writes a sitemap index of the months' sitemaps
// (/sitemaps/2026-12).
func SitemapIndex(w io.Writer, origin string, months []string) error {
	var p html
	p.raw(xmlHeader + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, m := range months {
		p.raw("<sitemap><loc>").text(origin + "/sitemaps/" + m).raw("</loc></sitemap>")
	}
	p.raw("</sitemapindex>\n")
	_, err := io.WriteString(w, p.String())
	return err
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// Robots is robots.txt: the public pages are open, the API's JSON is not
// for crawling, and the sitemap is named.
func Robots(origin string) string {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /q/\n")
	for _, p := range []string{"/questions", "/answers", "/bookings", "/lawyer/", "/leads", "/audit", "/local/"} {
		b.WriteString("Disallow: " + p + "\n")
	}
	b.WriteString("Sitemap: " + origin + "/sitemap.xml\n")
	return b.String()
}

// html builds a page: text and attributes escaped, markup as given.
type html struct{ strings.Builder }

func (p *html) raw(s string) *html { p.WriteString(s); return p }

// text writes s escaped for an element's content (and an attribute's
// value: quotes are escaped too).
func (p *html) text(s string) *html { p.WriteString(stdhtml.EscapeString(s)); return p }

func (p *html) attr(s string) *html { return p.text(s) }

// el writes <tag>s</tag>.
func (p *html) el(tag, s string) *html { return p.raw("<" + tag + ">").text(s).raw("</" + tag + ">\n") }

func (p *html) meta(property, content string) *html {
	return p.raw(`<meta property="`).attr(property).raw(`" content="`).attr(content).raw(`">`)
}

func (p *html) head(tx text) {
	p.raw("<!doctype html>\n" + `<html lang="` + tx.htmlLang + `"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width,initial-scale=1"><style>` + css + "</style>\n")
}

func (p *html) header(tx text, lang, other string) {
	otherLang := "en"
	if lang == "en" {
		otherLang = "zh-CN"
	}
	p.raw(`<header><a href="/">`).text(tx.siteName).raw(`</a><nav><a href="/#/ask">`).text(tx.ask).raw(`</a><a href="`).attr(other).
		raw(`" lang="` + otherLang + `">`).text(tx.switchLang).raw("</a></nav></header>\n")
}

func (p *html) paragraphs(s string) {
	for _, para := range paragraphs(s) {
		p.el("p", para)
	}
}

func (p *html) list(title string, items []domain.QuestionListItem, lang string) {
	if len(items) == 0 {
		return
	}
	p.el("h2", title).raw(`<ul class="list">`)
	for _, it := range items {
		p.raw(`<li><a href="/q/`).attr(it.ID + langQuery(lang)).raw(`">`).text(it.Title).raw("</a></li>")
	}
	p.raw("</ul>\n")
}

// answer writes one answer: the lawyer's badge, the text, the follow-ups,
// the firm's contact block and the link to book the lawyer.
func (p *html) answer(a domain.AnswerView, tx text, lang string) {
	p.raw(`<section class="card" id="a-`).attr(a.ID).raw(`">` + "\n")
	p.raw(`<div class="badge"><strong>`).text(a.Lawyer.Name).raw("</strong><span>").text(tx.lawyerTitle).raw("</span>")
	p.raw(`<span class="small">`).text(a.Lawyer.FirmName).raw(`</span><span class="small">`).text(tx.license + " " + a.Lawyer.LicenseNo).raw("</span>")
	helped := tx.newcomer
	if n := a.Lawyer.HelpedCount; n > 0 {
		helped = fmt.Sprintf(tx.helped, n)
	}
	p.raw(`<span class="tag">`).text(helped).raw("</span>")
	if r := a.Lawyer.Rating; r.Average != nil {
		p.raw(`<span class="small">`).text(fmt.Sprintf(tx.rating, *r.Average, r.Count)).raw("</span>")
	}
	if a.Helpful {
		p.raw(`<span class="tag ok">`).text(tx.helpful).raw("</span>")
	}
	p.raw("</div>\n")
	p.paragraphs(a.Body)
	p.raw(`<p class="small">`).text(day(a.CreatedAt, lang)).raw("</p>\n")
	if len(a.Replies) > 0 {
		p.raw(`<div class="thread"><p class="small">`).text(tx.followUps).raw("</p>")
		for _, r := range a.Replies {
			who := tx.lawyer
			if r.Author == domain.AuthorAsker {
				who = tx.asker
			}
			p.raw(`<div><p class="small">`).text(who + " · " + day(r.CreatedAt, lang)).raw("</p>")
			p.paragraphs(r.Body)
			p.raw("</div>")
		}
		p.raw("</div>\n")
	}
	if f := a.Firm; f != nil {
		p.raw(`<div class="firm"><strong>`).text(f.Name).raw("</strong>")
		if f.Slogan != "" {
			p.raw(" · ").text(f.Slogan)
		}
		p.raw("<br>").text(tx.phone + tx.colon + f.Phone)
		if f.Website != "" {
			p.raw(" · ").text(tx.website + tx.colon).raw(`<a href="`).attr(f.Website).raw(`" rel="nofollow noopener">`).text(f.Website).raw("</a>")
		}
		p.raw(" · ").text(tx.city + tx.colon + f.City).raw("</div>\n")
	}
	p.raw(`<a class="cta" href="/#/lawyers/`).attr(a.Lawyer.ID).raw(`">`).text(tx.book + " · " + a.Lawyer.Name).raw("</a>\n</section>\n")
}

// describe is the page's meta description: the question's text (or its
// first answer's), cut at about 150 characters.
func describe(q domain.QuestionView, answers []domain.AnswerView) string {
	s := q.Body
	if strings.TrimSpace(s) == "" && len(answers) > 0 {
		s = answers[0].Body
	}
	if strings.TrimSpace(s) == "" {
		s = q.Title
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 150 {
		s = string([]rune(s)[:150]) + "…"
	}
	return s
}

func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// shanghai is Beijing's time zone (see csp above).
func shanghai() *time.Location {
	shanghaiZone.Do(func() {
		loc, err := domain.LoadLocation(domain.DefaultTimeZone)
		if err != nil {
			loc = time.FixedZone("CST", 8*3600)
		}
		shanghaiZone.loc = loc
	})
	return shanghaiZone.loc
}

// day is a date as the page's readers write it (Beijing time).
func day(t time.Time, lang string) string {
	t = t.In(shanghai())
	if lang == "en" {
		return t.Format("2 Jan 2006")
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

func langQuery(lang string) string {
	if lang == "en" {
		return "?lang=en"
	}
	return ""
}

// otherLang is the address of the same page in the other language.
func otherLang(lang, path string) string {
	if lang == "en" {
		return path
	}
	return path + "?lang=en"
}

// jsonLD is the page as schema.org QAPage: the question, its answers
// (the helpful ones as accepted), each under its lawyer's name.
func jsonLD(t domain.PublicThread, url, origin, lang string) ([]byte, error) {
	type person struct {
		Type     string `json:"@type"`
		Name     string `json:"name"`
		JobTitle string `json:"jobTitle,omitempty"`
		URL      string `json:"url,omitempty"`
	}
	type answer struct {
		Type        string `json:"@type"`
		Text        string `json:"text"`
		DateCreated string `json:"dateCreated"`
		URL         string `json:"url"`
		UpvoteCount int    `json:"upvoteCount"`
		Author      person `json:"author"`
	}
	type question struct {
		Type            string   `json:"@type"`
		Name            string   `json:"name"`
		Text            string   `json:"text"`
		AnswerCount     int      `json:"answerCount"`
		DateCreated     string   `json:"dateCreated"`
		Author          person   `json:"author"`
		AcceptedAnswer  []answer `json:"acceptedAnswer,omitempty"`
		SuggestedAnswer []answer `json:"suggestedAnswer,omitempty"`
	}
	tx := texts[lang]
	q := question{Type: "Question", Name: t.Question.Title, Text: t.Question.Body, AnswerCount: len(t.Answers),
		DateCreated: t.Question.CreatedAt.UTC().Format(time.RFC3339), Author: person{Type: "Person", Name: tx.asker}}
	if q.Text == "" {
		q.Text = q.Name
	}
	for _, a := range t.Answers {
		x := answer{Type: "Answer", Text: a.Body, DateCreated: a.CreatedAt.UTC().Format(time.RFC3339), URL: url + "#a-" + a.ID,
			Author: person{Type: "Person", Name: a.Lawyer.Name, JobTitle: tx.lawyerTitle, URL: origin + "/#/lawyers/" + a.Lawyer.ID}}
		if a.Helpful {
			x.UpvoteCount = 1
			q.AcceptedAnswer = append(q.AcceptedAnswer, x)
		} else {
			q.SuggestedAnswer = append(q.SuggestedAnswer, x)
		}
	}
	// json.Marshal escapes <, > and &: the data cannot close its script
	// element.
	return json.Marshal(struct {
		Context    string   `json:"@context"`
		Type       string   `json:"@type"`
		MainEntity question `json:"mainEntity"`
	}{"https://schema.org", "QAPage", q})
}
