package webtest

// The firms' pool and offers (API.md "Leads from the unassigned pool: an
// offer, not a hand-over"): staff see a question nobody booked with its
// personal data hidden and no contact, and offer to follow it up; the
// visitor accepts or declines; only an accepted offer shows the firm the
// contact.

import (
	"fmt"
	"strings"
	"testing"
)

// askWith submits a question with the given fields (consent given) and
// returns its id and visitor token.
func (s *site) askWith(t *testing.T, in map[string]any) (id, token string) {
	t.Helper()
	in["consent"] = true
	q := s.call(t, "POST", "/questions", nil, in, 201)
	return q["id"].(string), q["accessToken"].(string)
}

// firmOf is the id of a demo lawyer's firm.
func (s *site) firmOf(t *testing.T, lawyer string) string {
	t.Helper()
	firm, _ := s.call(t, "GET", "/lawyers/"+lawyer, nil, nil, 200)["firm"].(map[string]any)
	if firm == nil {
		t.Fatalf("lawyer %s has no firm", lawyer)
	}
	return firm["id"].(string)
}

// offer makes the offer of a lawyer's firm on a pool question through the
// API (as its staff) and returns the offer's id.
func (s *site) offer(t *testing.T, question, lawyer string) string {
	t.Helper()
	tok := s.call(t, "POST", "/local/token", nil, map[string]any{"role": "staff", "firmId": s.firmOf(t, lawyer)}, 200)["token"].(string)
	l := s.call(t, "POST", "/leads/"+question+"/assign", map[string]string{"Authorization": "Bearer " + tok}, map[string]any{"lawyerId": lawyer}, 200)
	o, _ := l["offer"].(map[string]any)
	if o == nil || l["contactMasked"] != true {
		t.Fatalf("assigning a pool question made no offer, or showed the contact: %v", l)
	}
	return o["id"].(string)
}

// offerOf is the id of the question's offer from the named firm, as the
// visitor reads it.
func (s *site) offerOf(t *testing.T, question, token, firmName string) string {
	t.Helper()
	q := s.call(t, "GET", "/questions/"+question, map[string]string{"X-Visitor-Token": token}, nil, 200)
	offers, _ := q["offers"].([]any)
	for _, o := range offers {
		o := o.(map[string]any)
		if f, _ := o["firm"].(map[string]any); f != nil && f["name"] == firmName {
			return o["id"].(string)
		}
	}
	t.Fatalf("no offer of %s on the question: %v", firmName, q["offers"])
	return ""
}

// Staff offer to follow up a question from the pool: the pool shows its
// text with personal data hidden and no contact column, and offering
// shows no contact either. The visitor (another browser) sees both firms'
// offers — contact block, lawyer, when — and accepts one, which declines
// the other; the firm's lead then shows the contact, and the visitor's
// access log records that view.
func TestStaffOffersAndVisitorAccepts(t *testing.T) {
	s := startSite(t)
	wang, zheng := s.lawyerID(t, "王晓明"), s.lawyerID(t, "郑凯")
	title := "离婚后前夫两年不付抚养费怎么办"
	id, token := s.askWith(t, map[string]any{"title": title, "area": "family", "city": "南京",
		"body": "我叫韩小梅，手机13800138005，邮箱xiaomei@example.com。前夫两年没付孩子的抚养费，我该怎么起诉？",
		"name": "韩小梅", "phone": "13800138005", "email": "xiaomei@example.com"})
	secrets := []string{"13800138005", "138****8005", "韩小梅", "xiaomei@example.com"}
	hidden := func(where, text string) {
		t.Helper()
		for _, secret := range secrets {
			if strings.Contains(text, secret) {
				t.Errorf("%s shows %q:\n%s", where, secret, text)
			}
		}
	}

	st := newTab(t, s, tabOptions{view: desktop, lang: "zh-CN"})
	signIn(t, st, "/#/staff", "staff", "明德律师事务所")
	st.waitVisible("#leads-count")
	st.choose("#lead-filters select[name=scope]", "unassigned")
	st.choose("#lead-filters select[name=area]", "family")
	st.click("#lead-filters button[type=submit]")
	row := fmt.Sprintf(`tr[data-lead=%q]`, id)
	st.waitText(row, "前夫两年没付孩子的抚养费")
	st.waitText(row, "[已隐藏]")
	hidden("the pool", st.text("#leads"))
	if eval[bool](st, `!!document.querySelector('#leads dl.contact') || [...document.querySelectorAll('#leads th')].some((th) => th.textContent === '咨询人')`) {
		t.Error("the pool has a contact column")
	}
	if got := eval[string](st, fmt.Sprintf(`getComputedStyle(document.querySelector('%s .q-body')).webkitLineClamp`, row)); got != "3" {
		t.Errorf("the pool's text is clamped to %q lines, want 3", got)
	}
	st.waitText(row+" button[data-action=offer]", "提出跟进")
	st.shot("staff-pool")
	st.accessible("pool")

	st.choose(row+" select[name=lawyerId]", "王晓明")
	st.click(row + " button[data-action=offer]")
	st.waitText(row, "已提出，等待访客回复")
	st.waitText(row, "王晓明")
	hidden("the pool after offering", st.text("#leads"))
	// Read again, the pool still says so (the firm's own offers).
	st.click("#lead-filters button[type=submit]")
	st.waitText(row, "已提出，等待访客回复")
	if eval[bool](st, fmt.Sprintf(`!!document.querySelector('%s form.assign')`, row)) {
		t.Error("the pool offers to follow up a question the firm already offered on")
	}
	st.resize(phone)
	st.fitsWidth("pool")
	st.accessible("pool")
	st.shot("staff-pool")
	st.resize(desktop)
	// The firm's leads: the offer, the contact masked until the visitor accepts.
	st.choose("#lead-filters select[name=scope]", "firm")
	st.choose("#lead-filters select[name=status]", "offered")
	st.click("#lead-filters button[type=submit]")
	st.waitText(row, "已提出跟进")
	st.waitText(row, "等待访客回复")
	st.waitText(row, "访客接受本所提议后显示")
	if strings.Contains(st.text(row), "13800138005") {
		t.Error("the firm's offered lead shows the contact")
	}

	// The other firm offers too.
	s.offer(t, id, zheng)
	mingde, harbour := s.offerOf(t, id, token, "明德律师事务所"), s.offerOf(t, id, token, "Harbour & Bell LLP")

	v := newTab(t, s, tabOptions{view: phone, lang: "zh-CN"})
	v.open(fmt.Sprintf("/#/q/%s?t=%s", id, token))
	v.waitVisible("#offers article.offer")
	offers := v.text("#offers")
	for _, want := range []string{"想跟进您问题的律所", "接受一家律所的提议后，这家律所可以看到您的姓名、电话和邮箱", "其他律所的提议会自动谢绝",
		"明德律师事务所", "025-83331234", "王晓明", "Harbour & Bell LLP", "郑凯", "等待您答复", "提出于"} {
		if !strings.Contains(offers, want) {
			t.Errorf("the offers lack %q:\n%s", want, offers)
		}
	}
	v.fitsWidth("offers")
	v.accessible("offers")
	v.shot("visitor-offers")
	v.resize(desktop)
	v.accessible("offers")
	v.shot("visitor-offers")

	mcard, hcard := fmt.Sprintf(`#offers article[data-offer=%q]`, mingde), fmt.Sprintf(`#offers article[data-offer=%q]`, harbour)
	if wantLawyer := eval[string](v, fmt.Sprintf(`document.querySelector('%s article.lawyer').dataset.lawyer`, mcard)); wantLawyer != wang {
		t.Errorf("明德's offer shows lawyer %s, want 王晓明 %s", wantLawyer, wang)
	}
	v.click(mcard + " [data-action=accept]")
	v.waitText(mcard, "已接受")
	v.waitText(mcard, "明德律师事务所现在可以看到您的联系方式")
	// Accepting one declined the other.
	v.waitText(hcard, "已谢绝")
	if eval[bool](v, `!!document.querySelector('#offers [data-action]')`) {
		t.Error("answered offers still have buttons")
	}
	v.shot("visitor-offers-answered")

	// The firm's lead now shows the contact (and the title as written).
	st.choose("#lead-filters select[name=status]", "")
	st.click("#lead-filters button[type=submit]")
	st.waitText(row, "13800138005")
	st.waitText(row, "xiaomei@example.com")
	st.waitText(row, "访客已接受本所的提议")
	st.shot("staff-offer-accepted")
	// …and the question left the pool.
	st.choose("#lead-filters select[name=scope]", "unassigned")
	st.click("#lead-filters button[type=submit]")
	st.waitVisible("#leads-count")
	st.waitFor(fmt.Sprintf(`!document.querySelector('%s')`, row), "the accepted question to leave the pool")

	// The visitor's access record holds the firm's look at the contact.
	v.open("/#/q/" + id)
	v.waitText("#access-log", staffName+"（工作人员，明德律师事务所）")
	v.waitText("#access-log", "在律所线索台上看到称呼、电话、邮箱")
	v.waitText("#offers", "已接受")

	for _, tb := range []*tab{v, st} {
		for _, u := range tb.requested() {
			if strings.Contains(u, "13800138005") || strings.Contains(u, "xiaomei") || strings.Contains(u, token) {
				t.Errorf("a request URL holds personal data or the token: %s", u)
			}
		}
	}
}

// The visitor declines an offer (English this time): the firm never sees
// the contact, its lead says the offer was declined and offers nothing to
// assign, and the pool says the offer cannot be made again.
func TestVisitorDeclinesOffer(t *testing.T) {
	s := startSite(t)
	li := s.lawyerID(t, "李静")
	id, token := s.askWith(t, map[string]any{"title": "My employer fired me without notice or pay", "area": "labor", "city": "南京",
		"body": "My name is Li Lei, call me on 13800138003. I worked three years in a logistics company's warehouse in Nanjing. On Friday my manager told me " +
			"not to come back on Monday, with no written notice, no reason and no pay for the last two months. I have my contract, my pay slips and " +
			"the chat messages. Can they do this, and what can I claim: the missing wages, compensation for the years I worked, the social insurance " +
			"they did not pay? Do I go to labour arbitration first?",
		"name": "Li Lei", "phone": "13800138003", "email": "lilei@example.com"})
	offer := s.offer(t, id, li)

	v := newTab(t, s, tabOptions{view: phone, lang: "en-US,en"})
	v.open(fmt.Sprintf("/#/q/%s?t=%s", id, token))
	card := fmt.Sprintf(`#offers article[data-offer=%q]`, offer)
	v.waitVisible(card)
	v.waitText("#offers h2", "Firms offering to follow up")
	v.waitText("#offers", "If you accept a firm's offer, that firm can see your name, phone and e-mail")
	v.waitText(card, "Waiting for you")
	v.waitText(card, "李静")
	if name := eval[string](v, fmt.Sprintf(`document.querySelector('%s [data-action=decline]').getAttribute('aria-label')`, card)); !strings.Contains(name, "Decline") || !strings.Contains(name, "明德律师事务所") {
		t.Errorf("the decline button is named %q, want the firm in it", name)
	}
	v.click(card + " [data-action=decline]")
	v.waitText(card, "Declined")
	v.waitText(card, "this firm does not see your contact details")
	if eval[bool](v, fmt.Sprintf(`!!document.querySelector('%s [data-action]')`, card)) {
		t.Error("the declined offer still has buttons")
	}
	v.fitsWidth("declined offer")
	v.accessible("declined offer")
	q := s.call(t, "GET", "/questions/"+id, map[string]string{"X-Visitor-Token": token}, nil, 200)
	if o := q["offers"].([]any)[0].(map[string]any); o["status"] != "declined" {
		t.Errorf("after declining, the API shows the offer %v", o["status"])
	}

	st := newTab(t, s, tabOptions{view: desktop, lang: "en-US,en"})
	signIn(t, st, "/#/staff", "staff", "明德律师事务所")
	st.waitVisible("#leads-count")
	st.choose("#lead-filters select[name=status]", "offer_declined")
	st.click("#lead-filters button[type=submit]")
	row := fmt.Sprintf(`tr[data-lead=%q]`, id)
	st.waitText(row, "Offer declined")
	st.waitText(row, "The visitor declined the offer")
	st.waitText(row, "138****8003")
	st.waitText(row, "masked: the visitor declined the offer")
	if text := st.text(row); strings.Contains(text, "13800138003") || strings.Contains(text, "lilei@example.com") {
		t.Errorf("a declined offer shows the contact:\n%s", text)
	}
	if eval[bool](st, fmt.Sprintf(`!!document.querySelector('%s form.assign')`, row)) {
		t.Error("a lead whose offer was declined can be assigned (the API answers 409)")
	}
	st.accessible("declined lead")
	// In the pool the question stays, for other firms; this firm is told why it cannot offer.
	st.choose("#lead-filters select[name=scope]", "unassigned")
	st.choose("#lead-filters select[name=status]", "")
	st.choose("#lead-filters select[name=area]", "labor")
	st.click("#lead-filters button[type=submit]")
	st.waitText(row, "The visitor declined your offer; it cannot be made again.")
	st.waitText(row, "[hidden]")
	if strings.Contains(st.text(row), "13800138003") {
		t.Error("the pool shows the phone number typed into the text")
	}
	// The long text is clamped to a few lines, the rest behind "Show all".
	st.waitVisible(row + " .body-more")
	st.click(row + " .body-more")
	st.waitFor(fmt.Sprintf(`document.querySelector('%s .body-more').getAttribute('aria-expanded') === 'true' && !document.querySelector('%s .q-body').classList.contains('clamp')`, row, row), "the whole text shown")
	st.waitText(row+" .body-more", "Show less")
	st.accessible("pool")
}
