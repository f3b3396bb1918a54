package pages

// text is the words of the pages in one language.
type text struct {
	htmlLang, siteName, titleSuffix, home, ask, askCTA, askedOn, answers, noAnswers    string
	lawyerTitle, license, helped, newcomer, rating, helpful, followUps, asker, lawyer  string
	book, firm, phone, website, city, related, latest, privacy, notFound, notFoundText string
	switchLang, area, areaLink, colon                                                  string
}

// Methods for the templates (unexported fields are not reachable there).
func (t text) SiteName() string     { return t.siteName }
func (t text) Home() string         { return t.home }
func (t text) Ask() string          { return t.ask }
func (t text) AskCTA() string       { return t.askCTA }
func (t text) AskedOn() string      { return t.askedOn }
func (t text) Answers() string      { return t.answers }
func (t text) NoAnswers() string    { return t.noAnswers }
func (t text) LawyerTitle() string  { return t.lawyerTitle }
func (t text) License() string      { return t.license }
func (t text) Helpful() string      { return t.helpful }
func (t text) FollowUps() string    { return t.followUps }
func (t text) Asker() string        { return t.asker }
func (t text) Lawyer() string       { return t.lawyer }
func (t text) Book() string         { return t.book }
func (t text) Firm() string         { return t.firm }
func (t text) Phone() string        { return t.phone }
func (t text) Website() string      { return t.website }
func (t text) City() string         { return t.city }
func (t text) Related() string      { return t.related }
func (t text) Latest() string       { return t.latest }
func (t text) Privacy() string      { return t.privacy }
func (t text) NotFound() string     { return t.notFound }
func (t text) NotFoundText() string { return t.notFoundText }
func (t text) SwitchLang() string   { return t.switchLang }
func (t text) AreaLink() string     { return t.areaLink }
func (t text) Colon() string        { return t.colon }

var texts = map[string]text{
	"zh": {
		htmlLang: "zh-CN", siteName: "LawDesk 律师咨询", titleSuffix: "法律咨询 | LawDesk", home: "首页", ask: "我要提问",
		askCTA: "有类似的问题？免费提问，律师书面解答；也可以直接预约律师电话、视频或面谈。", askedOn: "提问于",
		answers: "律师解答", noAnswers: "还没有律师解答。律师会在这里书面回复；着急的话可以直接预约律师。",
		lawyerTitle: "执业律师", license: "执业证号", helped: "已帮助 %d 人", newcomer: "新入驻", rating: "评分 %.1f（%d 条评价）",
		helpful: "提问者采纳", followUps: "追问", asker: "提问者", lawyer: "律师", book: "预约这位律师",
		firm: "律所", phone: "电话", website: "网址", city: "城市", related: "相关问题", latest: "最新问题",
		privacy:  "为保护提问者，手机号、邮箱、身份证号、银行卡号和提问者姓名都已隐藏。",
		notFound: "页面不存在", notFoundText: "这个页面不存在，或已被提问者删除。",
		switchLang: "English", areaLink: "更多该领域问题", colon: "：",
	},
	"en": {
		htmlLang: "en", siteName: "LawDesk legal Q&A", titleSuffix: " legal question | LawDesk", home: "Home", ask: "Ask a question",
		askCTA: "A similar worry? Ask for free and lawyers answer in writing, or book a lawyer by phone, video or in person.", askedOn: "Asked on",
		answers: "Lawyers' answers", noAnswers: "No lawyer has answered yet. Answers appear here; if it is urgent, book a lawyer.",
		lawyerTitle: "Practising lawyer", license: "Licence no.", helped: "Helped %d people", newcomer: "New on LawDesk", rating: "Rated %.1f (%d reviews)",
		helpful: "Marked helpful by the asker", followUps: "Follow-ups", asker: "Asker", lawyer: "Lawyer", book: "Book this lawyer",
		firm: "Firm", phone: "Phone", website: "Website", city: "City", related: "Related questions", latest: "Latest questions",
		privacy:  "To protect the asker, phone numbers, e-mail addresses, ID and card numbers and the asker's name are hidden.",
		notFound: "Page not found", notFoundText: "This page does not exist, or the asker removed it.",
		switchLang: "中文", areaLink: "More questions of this area", colon: ": ",
	},
}

// css is the pages' whole style, inline (no request before the first
// paint), mobile first; the policy allows it by its hash.
const css = `*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2937;background:#f6f7f9}` +
	`a{color:#0b57d0}header,main,footer{max-width:760px;margin:0 auto;padding:12px 16px}header{display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap}` +
	`header a{text-decoration:none;font-weight:600}nav a{margin-left:12px;font-weight:400}h1{font-size:1.35rem;line-height:1.4;margin:.2em 0 .4em}h2{font-size:1.1rem;margin:1.4em 0 .6em}` +
	`.meta,.small{color:#5f6b7a;font-size:.875rem}.card{background:#fff;border:1px solid #e3e6ea;border-radius:10px;padding:14px 16px;margin:12px 0}` +
	`.badge{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline}.badge strong{font-size:1.05rem}.tag{display:inline-block;padding:0 8px;border-radius:999px;background:#e8f0fe;color:#0b57d0;font-size:.8rem}` +
	`.ok{background:#e6f4ea;color:#137333}.thread{border-left:3px solid #e3e6ea;margin:8px 0 0;padding:0 0 0 12px}.firm{background:#f8fafc;border-radius:8px;padding:8px 12px;margin-top:10px;font-size:.9rem}` +
	`.cta{display:inline-block;margin-top:10px;padding:8px 14px;border-radius:8px;background:#0b57d0;color:#fff;text-decoration:none}ul.list{padding-left:1.1em}ul.list li{margin:.35em 0}` +
	`p{margin:.5em 0;overflow-wrap:anywhere}footer{color:#5f6b7a;font-size:.85rem}@media(min-width:720px){h1{font-size:1.6rem}}`

const layout = `
{{define "head"}}<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><style>{{css}}</style>{{end}}
{{define "header"}}<header><a href="/">{{.T.SiteName}}</a><nav><a href="/#/ask">{{.T.Ask}}</a><a href="{{.Other}}" lang="{{if eq .Lang "en"}}zh-CN{{else}}en{{end}}">{{.T.SwitchLang}}</a></nav></header>{{end}}
{{define "question"}}<!doctype html>
<html lang="{{.HTMLLang}}"><head>{{template "head"}}
<title>{{.Title}}</title>
<meta name="description" content="{{.Description}}">
<link rel="canonical" href="{{.Canonical}}">
<link rel="alternate" hreflang="zh-CN" href="{{.AltZH}}"><link rel="alternate" hreflang="en" href="{{.AltEN}}"><link rel="alternate" hreflang="x-default" href="{{.AltZH}}">
<meta property="og:type" content="article"><meta property="og:site_name" content="{{.T.SiteName}}"><meta property="og:title" content="{{.Q.Title}}"><meta property="og:description" content="{{.Description}}"><meta property="og:url" content="{{.Canonical}}"><meta property="og:locale" content="{{if eq .Lang "en"}}en_US{{else}}zh_CN{{end}}">
<script type="application/ld+json">{{.JSONLD}}</script>
</head><body>
{{template "header" .}}
<main>
<p class="small"><a href="/">{{.T.Home}}</a> › <a href="/#/areas/{{.Q.Area}}">{{.AreaName}}</a></p>
<article>
<h1>{{.Q.Title}}</h1>
<p class="meta"><span class="tag">{{.AreaName}}</span>{{with .Q.City}} · {{.}}{{end}} · {{.T.AskedOn}} {{.Asked}}</p>
{{range .Paragraphs}}<p>{{.}}</p>{{end}}
<h2>{{.T.Answers}} ({{len .Answers}})</h2>
{{range .Answers}}<section class="card" id="a-{{.ID}}">
<div class="badge"><strong>{{.Lawyer.Name}}</strong><span>{{$.T.LawyerTitle}}</span><span class="small">{{.Lawyer.FirmName}}</span><span class="small">{{$.T.License}} {{.Lawyer.LicenseNo}}</span><span class="tag">{{.Helped}}</span>{{with .Rating}}<span class="small">{{.}}</span>{{end}}{{if .Helpful}}<span class="tag ok">{{$.T.Helpful}}</span>{{end}}</div>
{{range .Paragraphs}}<p>{{.}}</p>{{end}}
<p class="small">{{.When}}</p>
{{if .Replies}}<div class="thread"><p class="small">{{$.T.FollowUps}}</p>{{range .Replies}}<div><p class="small">{{if .Asker}}{{$.T.Asker}}{{else}}{{$.T.Lawyer}}{{end}} · {{.When}}</p>{{range .Paragraphs}}<p>{{.}}</p>{{end}}</div>{{end}}</div>{{end}}
{{with .Firm}}<div class="firm"><strong>{{.Name}}</strong>{{with .Slogan}} · {{.}}{{end}}<br>{{$.T.Phone}}{{$.T.Colon}}{{.Phone}}{{with .Website}} · {{$.T.Website}}{{$.T.Colon}}<a href="{{.}}" rel="nofollow noopener">{{.}}</a>{{end}} · {{$.T.City}}{{$.T.Colon}}{{.City}}</div>{{end}}
<a class="cta" href="/#/lawyers/{{.Lawyer.ID}}">{{$.T.Book}} · {{.Lawyer.Name}}</a>
</section>{{else}}<p class="card">{{.T.NoAnswers}}</p>{{end}}
</article>
<p class="card">{{.T.AskCTA}} <a href="/#/ask">{{.T.Ask}}</a></p>
{{if .Related}}<h2>{{.T.Related}}</h2><ul class="list">{{range .Related}}<li><a href="/q/{{.ID}}{{$.LangQuery}}">{{.Title}}</a></li>{{end}}</ul>{{end}}
{{if .Latest}}<h2>{{.T.Latest}} · {{.AreaName}}</h2><ul class="list">{{range .Latest}}<li><a href="/q/{{.ID}}{{$.LangQuery}}">{{.Title}}</a></li>{{end}}</ul><p><a href="/#/areas/{{.Q.Area}}">{{.T.AreaLink}}</a></p>{{end}}
</main>
<footer><p>{{.T.Privacy}}</p></footer>
</body></html>
{{end}}
{{define "notfound"}}<!doctype html>
<html lang="{{.HTMLLang}}"><head>{{template "head"}}<title>{{.T.NotFound}} | LawDesk</title><meta name="robots" content="noindex"></head><body>
{{template "header" .}}
<main><h1>{{.T.NotFound}}</h1><p>{{.T.NotFoundText}}</p><p><a href="/">{{.T.Home}}</a> · <a href="/#/ask">{{.T.Ask}}</a></p></main>
</body></html>
{{end}}`
