package webtest

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestSignInFollowsOnlyInAppPaths: the sign-in page's next comes from the
// address bar, so anyone can write a link with one. After signing in, the
// page goes on only to a route of this app (#/…); an address elsewhere
// (an open redirect to a look-alike page) or a javascript: URL gives way
// to the default page — on the local sign-in and on the return from
// Cognito's hosted UI alike.
func TestSignInFollowsOnlyInAppPaths(t *testing.T) {
	s := startSite(t)
	foreign := []string{"https://evil.example/", "//evil.example", "http:evil.example", "javascript:document.title='pwned'", "/\\evil.example", "#https://evil.example"}

	t.Run("Local", func(t *testing.T) {
		for _, next := range append(foreign, "#/lawyers") {
			want := "#/staff"
			if next == "#/lawyers" {
				want = next
			}
			tb := newTab(t, s, tabOptions{})
			tb.open("/#/signin?role=staff&next=" + url.QueryEscape(next))
			tb.waitVisible("select[name=firmId]")
			tb.choose("select[name=firmId]", "明德律师事务所")
			tb.click("#signin-submit")
			tb.waitFor(fmt.Sprintf(`location.origin === %q && location.hash === %q && document.title !== 'pwned'`, s.base, want),
				fmt.Sprintf("next=%s to end at %s", next, want))
			tb.waitVisible("main h1")
		}
	})

	// Cognito's side is played in the page: /config.json names a hosted UI,
	// its token endpoint answers with a local staff token, and the tab
	// comes back from the hosted UI with ?code=…&state=… and the next the
	// sign-in page kept.
	t.Run("HostedUI", func(t *testing.T) {
		token := s.call(t, "POST", "/local/token", nil, map[string]any{"role": "staff", "firmId": firmID(t, s, "明德律师事务所")}, 200)["token"].(string)
		for _, next := range append(foreign, "#/staff") {
			want := "#/"
			if next == "#/staff" {
				want = next
			}
			tb := newTab(t, s, tabOptions{})
			hosted := fmt.Sprintf(`(() => {
				if (location.origin !== %q) return;
				const real = window.fetch.bind(window);
				window.fetch = (input, init) => {
					const u = String(input && input.url || input);
					if (u.endsWith('/config.json')) return Promise.resolve(new Response('{"auth":"cognito","domain":"auth.example","clientId":"web"}'));
					if (u === 'https://auth.example/oauth2/token') return Promise.resolve(new Response(JSON.stringify({ id_token: %q })));
					return real(input, init);
				};
				if (location.search.includes('code=') && !sessionStorage.getItem('test.returned')) {
					sessionStorage.setItem('test.returned', '1');
					sessionStorage.setItem('lawdesk.pkce', JSON.stringify({ verifier: 'v', state: 's1', next: %q }));
				}
			})()`, s.base, token, next)
			tb.must(chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: hosted}))
			tb.do(chromedp.Navigate(s.base + "/?code=abc&state=s1#/"))
			tb.waitFor(fmt.Sprintf(`location.origin === %q && location.hash === %q && !location.search && document.title !== 'pwned' && document.body.dataset.ready === '1'`, s.base, want),
				fmt.Sprintf("next=%s to end at %s", next, want))
			if got := eval[string](tb, `sessionStorage.getItem('lawdesk.session') || ''`); got != token {
				t.Errorf("next=%s: the hosted UI's token is not kept", next)
			}
		}
	})
}

// firmID finds a demo firm by name in the directory.
func firmID(t *testing.T, s *site, name string) string {
	t.Helper()
	for _, it := range s.call(t, "GET", "/lawyers?limit=100", nil, nil, 200)["items"].([]any) {
		if f, ok := it.(map[string]any)["firm"].(map[string]any); ok && f["name"] == name {
			return f["id"].(string)
		}
	}
	t.Fatalf("no demo firm %s", name)
	return ""
}
