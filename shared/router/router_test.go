package router

import (
	"errors"
	"math"
	"math/rand"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/router/internal/textfeat"
)

// shared is the router of the embedded tables, or nil when they do not
// decode (TestTablesDecode says why): a test binary that panicked at init
// could not run TestTablesUpToDate -update-tables, which go generate runs
// to write them again after a change of their format.
var shared = func() *Router {
	lx, m, err := decodeTables(tablesBin)
	if err != nil {
		return nil
	}
	return newRouter(lx, m, visitorPrior)
}()

// checkCandidates checks the invariants of every successful Classify.
func checkCandidates(t *testing.T, text string, cands []Candidate) {
	t.Helper()
	if len(cands) != len(domain.Areas) {
		t.Fatalf("%q: %d candidates, want %d", text, len(cands), len(domain.Areas))
	}
	seen := map[string]bool{}
	var sum float64
	for i, c := range cands {
		if !domain.IsArea(c.Area) {
			t.Errorf("%q: unknown area %q", text, c.Area)
		}
		if seen[c.Area] {
			t.Errorf("%q: area %q twice", text, c.Area)
		}
		seen[c.Area] = true
		if c.Score < 0 || c.Score > 1 || math.IsNaN(c.Score) {
			t.Errorf("%q: score %v of %s outside [0,1]", text, c.Score, c.Area)
		}
		if i > 0 && cands[i-1].Score < c.Score {
			t.Errorf("%q: not sorted: %v before %v", text, cands[i-1], c)
		}
		if i > 0 && cands[i-1].Score == c.Score && areaIndex[cands[i-1].Area] > areaIndex[c.Area] {
			t.Errorf("%q: equal scores not in domain.Areas order: %v before %v", text, cands[i-1], c)
		}
		sum += c.Score
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("%q: scores sum to %.15f", text, sum)
	}
}

func TestAreaExamples(t *testing.T) {
	examples := map[string][]string{
		"family":         {"老婆要跟我离婚，孩子抚养权怎么判", "分手了男方要我退彩礼", "how do I get custody of my son after the divorce"},
		"labor":          {"公司三个月没发工资了", "上班时摔伤了算不算工伤", "my employer fired me without paying severance"},
		"criminal":       {"我哥被刑拘了能取保候审吗", "偷东西被抓了会判几年", "my brother was arrested, can we get bail"},
		"traffic":        {"骑电动车被汽车撞了对方逃逸", "交通事故对方全责却不赔钱", "I was injured in a car accident, who pays"},
		"medical":        {"医院手术失误导致我爸瘫痪", "整容失败了能赔多少", "the doctor misdiagnosed my cancer"},
		"contract":       {"房东不退押金", "对方违约不交货怎么办", "the landlord kept my security deposit"},
		"real_estate":    {"开发商逾期交房一年了", "物业费太贵了不想交", "the developer still hasn't handed over our apartment"},
		"debt":           {"朋友借钱不还怎么办", "欠条过了三年还能要回钱吗", "a friend owes me money and won't pay it back"},
		"corporate":      {"股东之间闹矛盾想退股", "注册公司要多少注册资本", "dispute between shareholders over dividends"},
		"ip":             {"别人抢注了我的商标", "我的小说被盗版了", "someone is selling pirated copies of my book"},
		"administrative": {"对行政处罚不服想申请复议", "被城管罚款了能告吗", "how do I appeal a fine from the city government"},
		"privacy":        {"我的个人信息被泄露了", "天天接骚扰电话烦死了", "a company leaked my personal data"},
		"consumer":       {"网购买到假货商家不给退款", "健身房倒闭了会员卡怎么退", "the shop refuses to refund a defective product"},
		"finance":        {"保险公司拒绝理赔", "信用卡被盗刷了", "the bank froze my account"},
	}
	for _, a := range domain.Areas {
		texts := examples[a.Code]
		var zh, en int
		for _, text := range texts {
			if strings.ContainsFunc(text, func(r rune) bool { return r >= 0x4e00 }) {
				zh++
			} else {
				en++
			}
			cands, err := shared.Classify(text)
			if err != nil {
				t.Errorf("%s: %q: %v", a.Code, text, err)
				continue
			}
			checkCandidates(t, text, cands)
			if cands[0].Area != a.Code {
				t.Errorf("%q: got %s (%.2f), want %s", text, cands[0].Area, cands[0].Score, a.Code)
			}
		}
		if zh == 0 || en == 0 {
			t.Errorf("%s: need Chinese and English examples", a.Code)
		}
	}
}

func TestNoSignal(t *testing.T) {
	for _, text := range []string{
		"", " ", "\t\n  \u3000", "？！。，、…", "?!.,;:()[]{}<>/\\|@#$%^&*-_=+~`'\"", "😀😂🙏👍", "⚖️🏠💰",
		"123456", "１２３４５", "2024-01-01 12:30", "13800138000",
		"asdf qwer zxcv", "lorem ipsum dolor sit amet", "xkcd blorp zzz", "hello", "hi there",
		"你好", "谢谢", "哈哈哈哈", "在吗", "我想咨询一下", "今天天气很好", "嗯嗯好的",
		"\xff\xfe\xfd", // invalid UTF-8
	} {
		cands, err := shared.Classify(text)
		if !errors.Is(err, ErrNoSignal) {
			top := ""
			if len(cands) > 0 {
				top = cands[0].Area
			}
			t.Errorf("Classify(%q) = %s, %v; want ErrNoSignal", text, top, err)
		}
		if cands != nil {
			t.Errorf("Classify(%q) returned candidates with ErrNoSignal", text)
		}
	}
}

func TestFullWidthTraditionalAndCase(t *testing.T) {
	pairs := [][2]string{
		{"离婚后孩子抚养费怎么算", "離婚後孩子撫養費怎麼算"},
		{"交强险赔多少", "交強險賠多少"},
		{"app泄露个人信息", "ＡＰＰ泄露个人信息"},
		{"my landlord won't return my deposit", "MY LANDLORD WON’T RETURN MY DEPOSIT!!!"},
	}
	for _, p := range pairs {
		a, err1 := shared.Classify(p[0])
		b, err2 := shared.Classify(p[1])
		if err1 != nil || err2 != nil {
			t.Fatalf("%q: %v, %q: %v", p[0], err1, p[1], err2)
		}
		for i := range a {
			if a[i] != b[i] {
				t.Errorf("%q and %q differ at %d: %v vs %v", p[0], p[1], i, a[i], b[i])
				break
			}
		}
	}
}

// TestTies: equal evidence is ranked in domain.Areas order, whatever the
// order of the words in the text.
func TestTies(t *testing.T) {
	lx, err := parseLexicon("family 2: 离婚, divorce\nlabor 2: 工伤, injury\nfinance 2: 保险\nip 2: 商标")
	if err != nil {
		t.Fatal(err)
	}
	var uniform [numAreas]float64
	for i := range uniform {
		uniform[i] = 1
	}
	r := newRouter(lx, nil, uniform)
	for _, text := range []string{"离婚 工伤", "工伤离婚", "injury divorce", "divorce, injury", "商标保险", "保险商标"} {
		cands, err := r.Classify(text)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		checkCandidates(t, text, cands)
		if cands[0].Score != cands[1].Score {
			t.Fatalf("%q: expected a tie, got %v", text, cands[:2])
		}
		// the tied pair first, in domain order; the rest (no evidence) in domain order
		var want []string
		for _, a := range domain.Areas {
			switch {
			case strings.Contains(text, "离婚") || strings.Contains(text, "divorce"):
				if a.Code == "family" || a.Code == "labor" {
					want = append(want, a.Code)
				}
			default:
				if a.Code == "ip" || a.Code == "finance" {
					want = append(want, a.Code)
				}
			}
		}
		for _, a := range domain.Areas {
			if a.Code != want[0] && a.Code != want[1] {
				want = append(want, a.Code)
			}
		}
		for i, c := range cands {
			if c.Area != want[i] {
				t.Errorf("%q: position %d is %s, want %s (order %v)", text, i, c.Area, want[i], cands)
				break
			}
		}
	}
	// all scores equal: exactly domain.Areas order
	var zero [numAreas]float64
	for i, c := range rank(zero) {
		if c.Area != domain.Areas[i].Code || math.Abs(c.Score-1.0/numAreas) > 1e-15 {
			t.Errorf("rank(zero)[%d] = %v, want %s with 1/14", i, c, domain.Areas[i].Code)
		}
	}
}

func TestLongText(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	var garbage strings.Builder
	for garbage.Len() < 200_000 {
		garbage.WriteRune(rune(rng.Intn(0x9fff-0x20) + 0x20))
	}
	randomBytes := make([]byte, 150_000)
	rng.Read(randomBytes)
	cases := []struct {
		name, text string
		want       string // expected top area; "" = ErrNoSignal; "*" = anything
	}{
		{"signal first", "老公出轨了想离婚孩子归谁。" + strings.Repeat("啊", 120_000), "family"},
		{"signal after the limit", strings.Repeat("啊", 120_000) + "老公出轨了想离婚", ""},
		{"repeated term", strings.Repeat("离婚", 60_000), "family"},
		{"repeated English", strings.Repeat("my landlord kept my deposit ", 5000), "contract"},
		{"random runes", garbage.String(), "*"},
		{"random bytes", string(randomBytes), "*"},
		{"punctuation", strings.Repeat("！？", 60_000), ""},
	}
	for _, c := range cases {
		if len(c.text) < 100_000 {
			t.Fatalf("%s: only %d bytes", c.name, len(c.text))
		}
		start := time.Now()
		cands, err := shared.Classify(c.text)
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Errorf("%s: took %v", c.name, d)
		}
		switch {
		case c.want == "":
			if !errors.Is(err, ErrNoSignal) {
				t.Errorf("%s: err = %v, want ErrNoSignal", c.name, err)
			}
		case err != nil && c.want != "*":
			t.Errorf("%s: %v", c.name, err)
		case err == nil:
			checkCandidates(t, c.name, cands)
			if c.want != "*" && cands[0].Area != c.want {
				t.Errorf("%s: got %s, want %s", c.name, cands[0].Area, c.want)
			}
		}
	}
}

func TestInvariantsOnData(t *testing.T) {
	var texts []string
	for _, f := range []string{"lecoqa-areas.tsv", "colloquial.tsv", "colloquial-holdout.tsv"} {
		for _, s := range loadFile(t, f) {
			texts = append(texts, s.Text)
		}
	}
	// prefixes, as the web form classifies while the visitor types
	for _, s := range loadFile(t, "colloquial.tsv") {
		for i := range s.Text {
			if i > 0 && utf8.RuneStart(s.Text[i]) {
				texts = append(texts, s.Text[:i])
			}
		}
	}
	n := 0
	for _, text := range texts {
		cands, err := shared.Classify(text)
		if err != nil {
			if !errors.Is(err, ErrNoSignal) {
				t.Errorf("%q: %v", text, err)
			}
			continue
		}
		n++
		checkCandidates(t, text, cands)
	}
	if n < len(texts)/2 {
		t.Errorf("only %d of %d texts classified", n, len(texts))
	}
}

func TestDeterministicAndConcurrent(t *testing.T) {
	samples := loadFile(t, "colloquial.tsv")
	want := make([][]Candidate, len(samples))
	for i, s := range samples {
		want[i], _ = shared.Classify(s.Text)
	}
	other := New()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			r := shared
			if g%2 == 1 {
				r = other
			}
			for i, s := range samples {
				got, _ := r.Classify(s.Text)
				if len(got) != len(want[i]) {
					t.Errorf("%q: %d candidates, then %d", s.Text, len(want[i]), len(got))
					return
				}
				for j := range got {
					if got[j] != want[i][j] {
						t.Errorf("%q: not deterministic: %v vs %v", s.Text, got[j], want[i][j])
						return
					}
				}
			}
		}(g)
	}
	wg.Wait()
}

func TestLexiconWellFormed(t *testing.T) {
	lx, err := parseLexicon(lexiconData)
	if err != nil {
		t.Fatal(err)
	}
	var zh, en [numAreas]int
	cue := map[int]bool{}
	for _, r := range lx.rules {
		for _, i := range append(append([]int{}, r.a...), r.b...) {
			cue[i] = true
		}
	}
	for i, tm := range lx.terms {
		if len(tm.weights) == 0 && !cue[i] {
			t.Errorf("term %q has no weight and is in no rule", tm.text)
		}
		_, isHan := lx.han[tm.text]
		for _, aw := range tm.weights {
			if isHan {
				zh[aw.area]++
			} else {
				en[aw.area]++
			}
		}
	}
	for i, a := range domain.Areas {
		if zh[i] < 20 || en[i] < 15 {
			t.Errorf("%s: only %d Chinese and %d English terms", a.Code, zh[i], en[i])
		}
	}
	for _, bad := range []string{"nope 3: x", "family x: 离婚", "family 3 离婚", "family 3: 离婚abc", "family 3: 离婚\nfamily 2: 离婚",
		"rule family 3: 离婚", "rule family 3: 离婚 & 房 & 车", "rule nope 3: 离婚 & 房", "rule family x: 离婚 & 房", "rule family 3: & 房", "rule family 3: 离婚 &", "rule family 3: 离婚abc & 房", "rule family: 离婚 & 房",
		"family 3: house\neveryday: 房子", "family 3: house\neveryday: car", "family 3: house\neveryday: house 房子", "family 3: house\nrule family 2: house & car\neveryday: car"} {
		if _, err := parseLexicon(bad); err == nil {
			t.Errorf("parseLexicon(%q) accepted", bad)
		}
	}
}

func TestModelWellFormed(t *testing.T) {
	m, err := parseModel(modelData)
	if err != nil {
		t.Fatal(err)
	}
	if m.n < 1000 || m.minN != 1 || m.maxN != 3 {
		t.Errorf("model: %d features, n-grams %d..%d", m.n, m.minN, m.maxN)
	}
	for _, bad := range []string{"", "areas\tfamily\nngrams\t1 3\n", "areas\t" + strings.Repeat("x ", 14) + "\nngrams\t1 3\n", "ngrams\t1 3\nareas\tfamily labor criminal traffic medical contract real_estate debt corporate ip administrative privacy consumer finance\n离婚\t0:x\n"} {
		if _, err := parseModel(bad); err == nil {
			t.Errorf("parseModel(%q) accepted", bad)
		}
	}
}

func TestMatchKeepsLongestTerms(t *testing.T) {
	r := shared
	cases := map[string][]string{
		"医疗事故":        {"医疗事故"},
		"劳动合同到期了":     {"劳动合同"},
		"保险公司不赔":      {"保险公司"},
		"hit and run": {"hit and run"},
	}
	for text, want := range cases {
		ev := r.gather(text)
		for _, w := range want {
			found := false
			for _, m := range ev.matched {
				if m == w || strings.Contains(w, " ") && m == strings.Join(strings.Fields(w), " ") {
					found = true
				}
			}
			if !found {
				t.Errorf("%q: matched %q, want %q among them", text, ev.matched, w)
			}
		}
		for _, m := range ev.matched {
			for _, w := range want {
				if m != w && strings.Contains(w, m) {
					t.Errorf("%q: %q counted although inside %q", text, m, w)
				}
			}
		}
	}
}

// A rule adds its weight when both of its sides match, contained matches
// included; a cue (a rule's term that is no lexicon term) counts for rules
// only: no signal, no hiding of the terms inside it.
func TestRules(t *testing.T) {
	lx, err := parseLexicon("family 4: 离婚, 离婚协议\nreal_estate 3: 房子\ntraffic 2: 车\nrule family 2: 离婚 & 房, 车子")
	if err != nil {
		t.Fatal(err)
	}
	r := newRouter(lx, nil, visitorPrior)
	fam, re, tr := areaIndex["family"], areaIndex["real_estate"], areaIndex["traffic"]
	for _, c := range []struct {
		text      string
		fired     bool
		fam, re   float64
		tr        float64
		hits      int
		wantNoSig bool
	}{
		{"离婚了房子怎么分", true, 6, 3, 0, 2, false},
		{"离婚协议里写了房子归我", true, 6, 3, 0, 2, false}, // 离婚 inside 离婚协议
		{"离婚", false, 4, 0, 0, 1, false},
		{"房子漏水", false, 0, 3, 0, 1, false},
		{"离婚后车子归谁", true, 6, 0, 2, 2, false}, // the cue 车子 fires the rule, 车 inside it still counts
		{"车子", false, 0, 0, 2, 1, false},
		{"开裂", false, 0, 0, 0, 0, true},
	} {
		ev := r.gather(c.text)
		if got := len(ev.rules) > 0; got != c.fired {
			t.Errorf("%q: rule fired %v, want %v", c.text, got, c.fired)
		}
		if ev.lex[fam] != c.fam || ev.lex[re] != c.re || ev.lex[tr] != c.tr || ev.hits != c.hits {
			t.Errorf("%q: family %g real_estate %g traffic %g hits %d (%q), want %g %g %g %d", c.text, ev.lex[fam], ev.lex[re], ev.lex[tr], ev.hits, ev.matched, c.fam, c.re, c.tr, c.hits)
		}
		if ev.signal == c.wantNoSig {
			t.Errorf("%q: signal %v", c.text, ev.signal)
		}
	}
	// a text with only the two sides of a rule, both cues, has a signal
	lx, err = parseLexicon("family 4: 离婚\nrule criminal 3: 摸 & 陌生人")
	if err != nil {
		t.Fatal(err)
	}
	if ev := newRouter(lx, nil, visitorPrior).gather("被陌生人摸了"); !ev.signal || ev.hits != 0 || ev.lex[areaIndex["criminal"]] != 3 {
		t.Errorf("cues only: signal %v hits %d lex %v", ev.signal, ev.hits, ev.lex)
	}
}

// Questions that mix two topics go to the one a lawyer would take first
// (issue 11): the divorce before the property, the job before the social
// insurance or the harassment, the challenge of an authority before the
// matter it decided, the developer's false promise before the house.
func TestMixedTopics(t *testing.T) {
	cases := map[string][]string{
		"family":         {"离婚的话我们的房子和存款怎么分", "老婆要离婚还要分我名下的股票", "in the divorce my wife wants half of my company shares"},
		"labor":          {"单位一直不给我们买社保", "入职半年了公司还不交五险一金", "经理经常对我性骚扰 公司不管", "上班路上骑车被撞了 能认定工伤吗", "my boss keeps harassing me at work"},
		"criminal":       {"在公交上被陌生人摸了", "a stranger groped me on the subway"},
		"administrative": {"对人社局的工伤认定不服 想行政诉讼", "被交警罚了两千 不服想复议"},
		"consumer":       {"开发商虚假宣传 说有地铁结果没有", "the developer lied in the advertisement about the park"},
		"corporate":      {"公司注销后还欠着供应商的钱 股东要还吗", "挂名法定代表人要承担公司的债务吗"},
		"ip":             {"技术员跳槽把图纸拷走给了竞争对手"},
		"debt":           {"我给朋友做了担保人 现在债主找我还钱", "拿房子抵押借了二十万 还不上了"},
	}
	for want, texts := range cases {
		for _, text := range texts {
			cands, err := shared.Classify(text)
			if err != nil {
				t.Errorf("%q: %v", text, err)
				continue
			}
			if cands[0].Area != want {
				ev := shared.gather(text)
				t.Errorf("%q: got %s (%.2f), want %s; matched %q, rules %v", text, cands[0].Area, cands[0].Score, want, ev.matched, ev.rules)
			}
		}
	}
}

// In a long English text an everyday term weighs everydayWeight as much,
// a term met in n sentences 1 + repeatWeight·log2 n as much, one in the
// title or a question emphasisWeight as much, and a rule whose sides meet
// in no sentence ruleApart as much; a short text is scored as before.
func TestLongEnglishWeights(t *testing.T) {
	lx, err := parseLexicon("family 4: divorce\nreal_estate 4: house\ncorporate 3: company\nfinance 3: money\neveryday: house, company\nrule family 2: divorce & house")
	if err != nil {
		t.Fatal(err)
	}
	if !lx.terms[lx.en["hous"]].everyday || lx.terms[lx.en["divorc"]].everyday {
		t.Fatalf("everyday flags: %+v", lx.terms)
	}
	r := newRouter(lx, nil, visitorPrior)
	r.ruleApart = 0.5
	fam, re, co, fin := areaIndex["family"], areaIndex["real_estate"], areaIndex["corporate"], areaIndex["finance"]
	filler := strings.Repeat("and then we went on with it all ", 20) // 160 words, none a term
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, c := range []struct {
		name             string
		text             string
		fam, re, co, fin float64
	}{
		// short: as before (the rule fires in full)
		{"short", "divorce and the house", 4 + 2, 4, 0, 0},
		// long, one sentence each, the rule's sides apart
		{"long", "we talk. " + filler + ". the divorce. the house. the company. the money.", 4 + 2*0.5, 4 * everydayWeight, 3 * everydayWeight, 3},
		// met in four sentences
		{"repeated", "we talk. " + filler + ". money. money. money. money.", 0, 0, 0, 3 * (1 + repeatWeight*2)},
		// in a question, and in the title
		{"question", "we talk. " + filler + ". can I keep the money?", 0, 0, 0, 3 * emphasisWeight},
		{"title", "the money\n" + filler, 0, 0, 0, 3 * emphasisWeight},
		// the rule's sides in one sentence
		{"together", "we talk. " + filler + ". the divorce and the house.", 4 + 2, 4 * everydayWeight, 0, 0},
	} {
		ev := r.gather(c.text)
		if !near(ev.lex[fam], c.fam) || !near(ev.lex[re], c.re) || !near(ev.lex[co], c.co) || !near(ev.lex[fin], c.fin) {
			t.Errorf("%s: family %g real_estate %g corporate %g finance %g, want %g %g %g %g", c.name, ev.lex[fam], ev.lex[re], ev.lex[co], ev.lex[fin], c.fam, c.re, c.co, c.fin)
		}
	}
	// longness: 0 up to longFrom words, 1 from longFull, linear between
	for _, c := range []struct {
		words int
		want  float64
	}{{0, 0}, {longFrom, 0}, {longFrom + (longFull-longFrom)/5*2, 0.4}, {longFull, 1}, {10 * longFull, 1}} {
		if got := r.longness(c.words); !near(got, c.want) {
			t.Errorf("longness(%d) = %g, want %g", c.words, got, c.want)
		}
	}
}

// Common English words are no terms: a term's stem must not turn a word
// every post uses into evidence (doored → door, totaled → total,
// questioning → question, booking → book, closing → close).
func TestCommonWordsNeutral(t *testing.T) {
	for _, w := range []string{"question", "questions", "door", "total", "print", "printed", "book", "close", "closed", "closing",
		"idea", "lot", "notice", "state", "back into", "the state", "the city", "i promise", "help", "please", "update", "thanks",
		"advice", "lawyer", "attorney", "legal", "court", "judge", "sue", "lawsuit", "letter", "email", "told", "said", "week", "month", "year"} {
		tx := textfeat.Normalize(w)
		if i, ok := shared.lex.en[strings.Join(tx.Stems, " ")]; ok {
			for _, aw := range shared.lex.terms[i].weights {
				if aw.w > 2 {
					t.Errorf("%q is a term of %s with weight %g", w, domain.Areas[aw.area].Code, aw.w)
				}
			}
		}
	}
}

// A classifier is usable as soon as NewClassifier returns, from several
// goroutines at once, while it loads: each call waits for the load and
// answers as a loaded router does.
func TestClassifierWhileLoading(t *testing.T) {
	want, err := New().Classify("公司拖欠工资三个月了咋办")
	if err != nil {
		t.Fatal(err)
	}
	c := NewClassifier()
	got := make(chan []domain.AreaScore, 4)
	for range cap(got) {
		go func() {
			s, _ := c.Classify("公司拖欠工资三个月了咋办")
			got <- s
		}()
	}
	for range cap(got) {
		s := <-got
		if len(s) != len(want) || s[0].Area != want[0].Area || s[0].Score != want[0].Score {
			t.Fatalf("while loading: %v; loaded: %v", s, want)
		}
	}
	c.Wait()
	if kw := c.Keywords("公司拖欠工资三个月了咋办", 3); len(kw) == 0 {
		t.Error("Keywords found no term once loaded")
	}
}
