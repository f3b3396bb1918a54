// Package pages renders the public pages search engines and visitors
// read without JavaScript: a public question with its answers (GET
// /q/{id}), the 404 page, the sitemap and robots.txt. Everything it is
// given is redacted already (app.FindPublicThread); it only lays it out,
// in Chinese or English, with the page's metadata (title, description,
// canonical and alternate addresses, Open Graph, JSON-LD QAPage). It
// imports no AWS SDK, and parses its templates on first use, so that no
// function but the one serving pages pays for them at init.
package pages

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
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
func ContentSecurityPolicy() string {
	sum := sha256.Sum256([]byte(css))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
}

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
	v := questionPage{
		Lang: lang, HTMLLang: tx.htmlLang, T: tx, Q: q, AreaName: areaName,
		Title:       q.Title + " - " + areaName + tx.titleSuffix,
		Description: describe(q, t.Answers),
		Canonical:   origin + path + langQuery(lang),
		AltZH:       origin + path, AltEN: origin + path + "?lang=en",
		Other: otherLang(lang, path), Paragraphs: paragraphs(q.Body), Asked: day(q.CreatedAt, lang),
		Related: t.Related, Latest: t.Latest, LangQuery: langQuery(lang),
	}
	for _, a := range t.Answers {
		v.Answers = append(v.Answers, answerOf(a, lang))
	}
	ld, err := jsonLD(t, v.Canonical, origin, lang)
	if err != nil {
		return err
	}
	v.JSONLD = template.JS(ld)
	return render(w, "question", v)
}

// NotFound writes the 404 page: it says nothing of what was asked for.
func NotFound(w io.Writer, lang string) error {
	tx := texts[lang]
	// Its language link leads to the pages' home, which keeps its own choice.
	return render(w, "notfound", notFoundPage{Lang: lang, HTMLLang: tx.htmlLang, T: tx, Other: "/"})
}

// Sitemap writes a sitemap of the public questions' pages (at most 50,000
// entries; see app.Sitemap).
func Sitemap(w io.Writer, origin string, entries []domain.SitemapEntry) error {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	}
	set := struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, e := range entries {
		set.URLs = append(set.URLs, url{Loc: origin + "/q/" + e.QuestionID, LastMod: e.CreatedAt.UTC().Format("2006-01-02")})
	}
	return writeXML(w, set)
}

// SitemapIndex writes a sitemap index of the months' sitemaps
// (/sitemaps/2026-12).
func SitemapIndex(w io.Writer, origin string, months []string) error {
	type sitemap struct {
		Loc string `xml:"loc"`
	}
	idx := struct {
		XMLName  xml.Name  `xml:"sitemapindex"`
		NS       string    `xml:"xmlns,attr"`
		Sitemaps []sitemap `xml:"sitemap"`
	}{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, m := range months {
		idx.Sitemaps = append(idx.Sitemaps, sitemap{Loc: origin + "/sitemaps/" + m})
	}
	return writeXML(w, idx)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	return xml.NewEncoder(w).Encode(v)
}

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

type questionPage struct {
	Lang, HTMLLang                 string
	T                              text
	Q                              domain.QuestionView
	AreaName, Title, Description   string
	Canonical, AltZH, AltEN, Other string
	LangQuery                      string
	Paragraphs                     []string
	Asked                          string
	Answers                        []answerView
	Related, Latest                []domain.QuestionListItem
	JSONLD                         template.JS
}

type notFoundPage struct {
	Lang, HTMLLang, Other string
	T                     text
}

type answerView struct {
	domain.AnswerView
	Paragraphs []string
	When       string
	Helped     string
	Rating     string
	Replies    []replyView
}

type replyView struct {
	Asker      bool
	Paragraphs []string
	When       string
}

func answerOf(a domain.AnswerView, lang string) answerView {
	tx := texts[lang]
	v := answerView{AnswerView: a, Paragraphs: paragraphs(a.Body), When: day(a.CreatedAt, lang)}
	if n := a.Lawyer.HelpedCount; n > 0 {
		v.Helped = fmt.Sprintf(tx.helped, n)
	} else {
		v.Helped = tx.newcomer
	}
	if r := a.Lawyer.Rating; r.Average != nil {
		v.Rating = fmt.Sprintf(tx.rating, *r.Average, r.Count)
	}
	for _, r := range a.Replies {
		v.Replies = append(v.Replies, replyView{Asker: r.Author == domain.AuthorAsker, Paragraphs: paragraphs(r.Body), When: day(r.CreatedAt, lang)})
	}
	return v
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

var shanghai = sync.OnceValue(func() *time.Location {
	loc, err := domain.LoadLocation(domain.DefaultTimeZone)
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
})

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

var templates = sync.OnceValues(func() (*template.Template, error) {
	return template.New("pages").Funcs(template.FuncMap{"css": func() template.CSS { return template.CSS(css) }}).Parse(layout)
})

func render(w io.Writer, name string, v any) error {
	t, err := templates()
	if err != nil {
		return err
	}
	// Rendered whole first: a failure midway must not leave half a page
	// with a 200.
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, v); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}
