package pages

// text is the words of the pages in one language.
type text struct {
	htmlLang, siteName, titleSuffix, home, ask, askCTA, askedOn, answers, noAnswers    string
	lawyerTitle, license, helped, newcomer, rating, helpful, followUps, asker, lawyer  string
	book, firm, phone, website, city, related, latest, privacy, notFound, notFoundText string
	switchLang, areaLink, colon, ogLocale                                              string
}

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
		switchLang: "English", areaLink: "更多该领域问题", colon: "：", ogLocale: "zh_CN",
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
		switchLang: "中文", areaLink: "More questions of this area", colon: ": ", ogLocale: "en_US",
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
