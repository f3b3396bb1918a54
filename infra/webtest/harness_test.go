package webtest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/lawdesk/lawdesk/infra/ddblocal"
	"github.com/lawdesk/lawdesk/infra/ddbtest"
	"github.com/lawdesk/lawdesk/infra/localserver"
	"github.com/lawdesk/lawdesk/infra/testclient"
	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/awsboot"
	"github.com/lawdesk/lawdesk/shared/config"
)

// ChromiumPath is where Debian's chromium package puts the browser.
const ChromiumPath = "/usr/bin/chromium"

// stepTimeout bounds each browser step; a page that hangs fails its test
// instead of the whole run.
const stepTimeout = 20 * time.Second

func TestMain(m *testing.M) { ddbtest.Main(m, stopSite, stopBrowser) }

// ------------------------------------------------------------------ site

// site is the local server as `make run` serves it (demo data seeded),
// started once per test binary in this process.
type site struct {
	base string
	log  *testclient.LogBuffer
}

var (
	siteOnce sync.Once
	theSite  *site
	siteErr  error
	siteStop func()
)

func startSite(t *testing.T) *site {
	t.Helper()
	endpoint := ddbtest.Endpoint(t)
	siteOnce.Do(func() { theSite, siteErr = launchSite(endpoint) })
	if siteErr != nil {
		t.Fatalf("local server: %v", siteErr)
	}
	return theSite
}

func launchSite(endpoint string) (*site, error) {
	dir, err := os.MkdirTemp("", "lawdesk-webtest-")
	if err != nil {
		return nil, err
	}
	cfg := app.DefaultConfig()
	// One test machine asks many questions from one address.
	cfg.QuestionRateLimit, cfg.ClassifyRateLimit = 1000, 10000
	logs := &testclient.LogBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- localserver.Run(ctx, localserver.Config{
			Addr: "127.0.0.1:0", DataDir: dir, SeedDemo: true,
			Env:    config.Env{Table: fmt.Sprintf("web%d", os.Getpid()), DynamoDBEndpoint: endpoint, App: cfg},
			Logger: slog.New(awsboot.NewLogHandler(logs, slog.LevelDebug)),
			Ready:  func(addr string) { ready <- addr }, SweepEvery: time.Hour, Now: siteNow,
		})
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		cancel()
		return nil, err
	case <-time.After(2 * time.Minute):
		cancel()
		return nil, errors.New("not serving after 2 minutes")
	}
	s := &site{base: "http://" + addr, log: logs}
	siteStop = func() {
		cancel()
		<-done
		_ = os.RemoveAll(dir)
	}
	return s, nil
}

func stopSite() error {
	if siteStop != nil {
		siteStop()
	}
	return nil
}

// call sends a request to the site (as a client other than the browser,
// to prepare or check state) and decodes the JSON answer.
func (s *site) call(t *testing.T, method, path string, headers map[string]string, body any, want int) map[string]any {
	t.Helper()
	return testclient.Call(t, s.base, method, path, headers, body, want)
}

// lawyerID finds a demo lawyer by name in the directory.
func (s *site) lawyerID(t *testing.T, name string) string {
	t.Helper()
	for _, it := range s.call(t, "GET", "/lawyers?limit=100", nil, nil, 200)["items"].([]any) {
		l := it.(map[string]any)
		if l["name"] == name {
			return l["id"].(string)
		}
	}
	t.Fatalf("no demo lawyer %s", name)
	return ""
}

// ask submits a question through the API and returns its id and token.
func (s *site) ask(t *testing.T, title, city string) (id, token string) {
	t.Helper()
	q := s.call(t, "POST", "/questions", nil, map[string]any{"title": title, "city": city, "name": "测试访客", "phone": "13800138001",
		"email": "visitor@example.com", "consent": true}, 201)
	return q["id"].(string), q["accessToken"].(string)
}

// --------------------------------------------------------------- browser

var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
	browserStop func()
)

// startBrowser launches one headless Chromium for the test binary; each
// tab gets its own browser context (its own storage), like a separate
// person on a separate device.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	browserOnce.Do(func() {
		if _, err := os.Stat(ChromiumPath); err != nil {
			browserErr = fmt.Errorf("Chromium is missing at %s: install Debian's chromium (apt-get install -y chromium; .ci/run does it)", ChromiumPath)
			return
		}
		dir, err := os.MkdirTemp("", "lawdesk-chromium-")
		if err != nil {
			browserErr = err
			return
		}
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(ChromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
			chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(dir),
			// The machine's network is closed: no background connections.
			chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-default-apps", true), chromedp.Flag("disable-extensions", true),
			chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("hide-scrollbars", true),
			chromedp.WindowSize(1280, 900))
		ctx, cancel := chromedp.NewContext(alloc)
		if err := chromedp.Do(ctx); err != nil {
			cancel()
			cancelAlloc()
			browserErr = fmt.Errorf("Chromium at %s does not start: %w", ChromiumPath, err)
			return
		}
		browserCtx = ctx
		browserStop = func() {
			cancel()
			cancelAlloc()
			_ = os.RemoveAll(dir)
		}
	})
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	return browserCtx
}

func stopBrowser() error {
	if browserStop != nil {
		browserStop()
	}
	return nil
}

// viewport sizes of the tests: a 360-px phone and a desktop.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var (
	phone   = viewport{"phone", 360, 740, true}
	desktop = viewport{"desktop", 1280, 900, false}
)

// tab is one browser tab in a fresh browser context.
type tab struct {
	t        *testing.T
	ctx      context.Context
	site     *site
	view     viewport
	download string

	mu       sync.Mutex
	requests []string
	problems []string
}

type tabOptions struct {
	view viewport
	// lang is the browser's language list (navigator.languages and
	// Accept-Language), e.g. "zh-CN" or "en-US,en".
	lang string
	// tz is the browser's time zone.
	tz string
}

func newTab(t *testing.T, s *site, o tabOptions) *tab {
	t.Helper()
	if o.view.width == 0 {
		o.view = desktop
	}
	if o.lang == "" {
		o.lang = "zh-CN"
	}
	if o.tz == "" {
		o.tz = "Asia/Shanghai"
	}
	ctx, cancel := chromedp.NewContext(startBrowser(t), chromedp.WithNewBrowserContext())
	_ = os.Remove(filepath.Join(screenshotDir(t), failedShot(t)+".png"))
	tb := &tab{t: t, ctx: ctx, site: s, download: t.TempDir()}
	t.Cleanup(func() {
		tb.finish()
		cancel()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	console := chromedp.Console(ctx)
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			// Failed API calls (4xx the page handles) are logged by the
			// browser and are not problems; exceptions and refused loads are.
			if m.IsException() || strings.Contains(m.Text, "Content Security Policy") || strings.Contains(m.Text, "Refused to") {
				tb.mu.Lock()
				tb.problems = append(tb.problems, m.String())
				tb.mu.Unlock()
			}
		}
	}()
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.requests = append(tb.requests, ev.Request.URL)
			tb.mu.Unlock()
		}
	}()
	bc := chromedp.FromContext(ctx).BrowserContextID
	tb.must(chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent:      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36 LawDeskWebTest",
		AcceptLanguage: o.lang,
	}))
	tb.must(chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: o.tz}))
	tb.must(chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, BrowserContextID: bc, DownloadPath: tb.download, EventsEnabled: new(true),
	}))
	tb.resize(o.view)
	return tb
}

// failedShot names the screenshot of a failed test.
func failedShot(t *testing.T) string { return "failed-" + strings.ReplaceAll(t.Name(), "/", "-") }

func (tb *tab) must(_ any, err error) {
	tb.t.Helper()
	if err != nil {
		tb.t.Fatal(err)
	}
}

// finish saves a screenshot of a failed test and checks that the page
// threw nothing, broke no CSP rule and asked no other origin.
func (tb *tab) finish() {
	if tb.t.Failed() {
		tb.screenshot(failedShot(tb.t))
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, p := range tb.problems {
		tb.t.Errorf("the page reported: %s", p)
	}
	for _, u := range tb.requests {
		if !strings.HasPrefix(u, tb.site.base+"/") && !strings.HasPrefix(u, "blob:") && !strings.HasPrefix(u, "data:") && u != "about:blank" {
			tb.t.Errorf("the page requested another origin: %s", u)
		}
	}
}

// requested returns the URLs the tab has requested so far.
func (tb *tab) requested() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.requests...)
}

func (tb *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.t.Fatalf("browser: %v", err)
	}
}

// eval runs a JavaScript expression (awaiting a promise) and decodes it.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("eval %s: %v", js, err)
	}
	return v
}

// resize emulates a viewport: a phone (mobile, touch-sized) or a desktop.
func (tb *tab) resize(v viewport) {
	tb.t.Helper()
	tb.view = v
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
	if v.mobile {
		opts = append(opts, chromedp.EmulateMobile)
	}
	tb.do(chromedp.EmulateViewport(v.width, v.height, opts...))
}

// open loads a page of the site afresh and waits until it has rendered.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate("about:blank"), chromedp.Navigate(tb.site.base+path))
	tb.waitVisible(`body[data-ready="1"] main h1`)
}

func (tb *tab) waitVisible(sel string) {
	tb.t.Helper()
	tb.do(chromedp.WaitVisible(chromedp.CSS(sel)))
}

// waitText waits until the text of the first element matching sel holds
// want.
func (tb *tab) waitText(sel, want string) string {
	tb.t.Helper()
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? e.innerText : ""; })()`, sel)
	deadline := time.Now().Add(stepTimeout)
	got := ""
	for time.Now().Before(deadline) {
		got = eval[string](tb, js)
		if strings.Contains(got, want) {
			return got
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.t.Fatalf("%s: text %q does not hold %q", sel, got, want)
	return ""
}

// waitFor polls a JavaScript condition until it is true.
func (tb *tab) waitFor(js, what string) {
	tb.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for time.Now().Before(deadline) {
		if eval[bool](tb, "!!("+js+")") {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.t.Fatalf("timed out waiting for %s (%s)", what, js)
}

func (tb *tab) text(sel string) string {
	tb.t.Helper()
	return eval[string](tb, fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? e.innerText : ""; })()`, sel))
}

func (tb *tab) click(sel string) {
	tb.t.Helper()
	tb.do(chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

// typeInto focuses a field, clears it and types like a person (key events,
// so input listeners run).
func (tb *tab) typeInto(sel, text string) {
	tb.t.Helper()
	tb.do(chromedp.Focus(chromedp.CSS(sel)), chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).select && document.querySelector(%q).select()`, sel, sel)))
	if eval[string](tb, fmt.Sprintf(`document.querySelector(%q).value`, sel)) != "" {
		tb.do(chromedp.KeyEvent("\b"))
	}
	tb.do(chromedp.SendKeys(chromedp.CSS(sel), text))
}

// choose sets a select to the option whose text holds label (or whose
// value is label), as a person picking it would.
func (tb *tab) choose(sel, label string) {
	tb.t.Helper()
	ok := eval[bool](tb, fmt.Sprintf(`(() => {
		const s = document.querySelector(%q);
		const o = [...s.options].find((o) => o.value === %q || o.text.includes(%q));
		if (!o) return false;
		s.focus(); s.value = o.value;
		s.dispatchEvent(new Event('input', {bubbles: true}));
		s.dispatchEvent(new Event('change', {bubbles: true}));
		return true;
	})()`, sel, label, label))
	if !ok {
		tb.t.Fatalf("%s has no option %q", sel, label)
	}
}

// check sets a checkbox or radio to on (true) or off.
func (tb *tab) check(sel string, on bool) {
	tb.t.Helper()
	if eval[bool](tb, fmt.Sprintf(`document.querySelector(%q).checked`, sel)) != on {
		tb.click(sel)
	}
}

func (tb *tab) hash() string {
	tb.t.Helper()
	return eval[string](tb, "location.hash")
}

var screenshotsOnce sync.Once

// screenshotDir is test-artifacts/screenshots/ in the checkout (ignored by git).
func screenshotDir(t *testing.T) string {
	root, err := ddblocal.Root()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "test-artifacts", "screenshots")
	screenshotsOnce.Do(func() { _ = os.MkdirAll(dir, 0o755) })
	return dir
}

// screenshot saves the whole page as <name>.png.
func (tb *tab) screenshot(name string) {
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(screenshotDir(tb.t), name+".png"), buf, 0o644); err != nil {
		tb.t.Errorf("screenshot %s: %v", name, err)
	}
}

// shot saves the page at the tab's viewport as <name>-<phone|desktop>.png.
func (tb *tab) shot(name string) {
	tb.t.Helper()
	tb.screenshot(name + "-" + tb.view.name)
}

// fitsWidth fails when the page scrolls sideways.
func (tb *tab) fitsWidth(where string) {
	tb.t.Helper()
	w := eval[[]int](tb, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`)
	if w[0] > w[1] {
		wide := eval[[]string](tb, `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 5).map((e) => e.tagName + '.' + e.className)`)
		tb.t.Errorf("%s at %d px: the page is %d px wide (scrolls sideways); too wide: %v", where, tb.view.width, w[0], wide)
	}
}

// a11yProblems lists what makes the page hard to use with a keyboard or a
// screen reader, or hard to read: unlabelled controls, nameless buttons and
// links, not exactly one h1, a wrong lang, images without alt, duplicate
// ids, and text below WCAG AA contrast against its background.
const a11yJS = `(() => {
	const out = [];
	const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
	for (const e of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
		if (!(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')) out.push('unlabelled control ' + e.outerHTML.slice(0, 80));
	}
	for (const e of document.querySelectorAll('button, a[href]')) {
		if (!(e.textContent.trim() || e.getAttribute('aria-label') || e.querySelector('img[alt]:not([alt=""])'))) out.push('nameless ' + e.outerHTML.slice(0, 80));
	}
	const h1 = [...document.querySelectorAll('h1')].filter(shown).length;
	if (h1 !== 1) out.push(h1 + ' visible h1');
	if (!['zh-CN', 'en'].includes(document.documentElement.lang)) out.push('html lang ' + document.documentElement.lang);
	for (const e of document.querySelectorAll('img:not([alt])')) out.push('img without alt ' + e.src);
	const ids = new Set();
	for (const e of document.querySelectorAll('[id]')) { if (ids.has(e.id)) out.push('duplicate id ' + e.id); ids.add(e.id); }
	const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
	const lum = ([r, g, b]) => { const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
	const bgOf = (e) => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0.5) return c.slice(0, 3); } return [255, 255, 255]; };
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	const seen = new Set();
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const e = n.parentElement;
		if (!n.textContent.trim() || seen.has(e) || !shown(e) || e.closest('svg, .sr-only, option, [hidden]')) continue;
		seen.add(e);
		const cs = getComputedStyle(e);
		const fg = rgb(cs.color).slice(0, 3);
		const bg = bgOf(e);
		const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
		const ratio = (a + 0.05) / (b + 0.05);
		const size = parseFloat(cs.fontSize);
		const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
		if (ratio < (large ? 3 : 4.5) && !e.closest('button:disabled, .btn[disabled]')) out.push('contrast ' + ratio.toFixed(2) + ' ' + e.tagName + '.' + e.className + ' "' + n.textContent.trim().slice(0, 30) + '"');
	}
	return out;
})()`

func (tb *tab) accessible(where string) {
	tb.t.Helper()
	for _, p := range eval[[]string](tb, a11yJS) {
		tb.t.Errorf("%s at %d px: %s", where, tb.view.width, p)
	}
}

// localStorage reads a key of the tab's localStorage.
func (tb *tab) localStorage(key string) string {
	tb.t.Helper()
	return eval[string](tb, fmt.Sprintf(`localStorage.getItem(%q) || ""`, key))
}

// keys types text (or keys such as "\t", "\r") into the focused element.
func keys(s string) chromedp.Action[chromedp.Void] { return chromedp.KeyEvent(s) }

// keyTab presses Tab.
func keyTab() chromedp.Action[chromedp.Void] { return chromedp.KeyEvent(kb.Tab) }

// focusSel focuses the first element matching sel.
func focusSel(sel string) chromedp.Action[chromedp.Void] { return chromedp.Focus(chromedp.CSS(sel)) }

// polishJS lists what reads wrong in the page's Chinese (issue 11): a
// space after a full-width colon ("方式： 电话"), spaces padding Chinese
// words such as names inside a sentence ("等待 李静 律师确认"), a zone as
// its IANA name where Chinese readers say 北京时间, and translated
// phrasing. It reads each element's own text nodes, joined with a mark
// where a child element sits, so that a badge beside a word is no space
// inside a sentence; what visitors wrote (titles, details, bios) is theirs.
const polishJS = `(() => {
	const out = [];
	const padded = /[\u3400-\u9fff][ \u00a0]+[\u3400-\u9fff]/;
	for (const e of document.querySelectorAll('body *')) {
		if (e.closest('.q-body, .bio, .q-title, .booking-title, script, style, option, .sr-only, [hidden]') || !e.getClientRects().length) continue;
		let text = '';
		for (const n of e.childNodes) text += n.nodeType === Node.TEXT_NODE ? n.textContent : '\u0000';
		if (!text.trim()) continue;
		if (/：[ \u00a0]/.test(text)) out.push('space after a full-width colon: ' + JSON.stringify(text.replace(/\u0000/g, '⟨…⟩').slice(0, 80)));
		if (padded.test(text)) out.push('spaces padding Chinese words: ' + JSON.stringify(text.replace(/\u0000/g, '⟨…⟩').slice(0, 80)));
	}
	const all = document.body.innerText;
	for (const bad of ['Asia/Shanghai', 'GMT+8', '让我们']) if (all.includes(bad)) out.push('reads ' + JSON.stringify(bad));
	return out;
})()`

// polished fails the test where the page's Chinese reads wrong (see polishJS).
func (tb *tab) polished(where string) {
	tb.t.Helper()
	for _, p := range eval[[]string](tb, polishJS) {
		tb.t.Errorf("%s at %d px: %s", where, tb.view.width, p)
	}
}
