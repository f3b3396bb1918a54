package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/lawdesk/lawdesk/shared/api"
)

// Every route, fed every kind of malformed request, answers 4xx in the
// envelope — never a 5xx (env.do fails the test on any 5xx but 503).
func TestMalformedRequests(t *testing.T) {
	e := newEnv(t, nil)
	firm := e.mustFirm("南京")
	lawyer := e.mustLawyer(firm, "南京", "family")
	qid, _ := e.mustQuestion(nil)
	ids := map[string]string{"/firms/{id}": firm, "/lawyers/{id}": lawyer, "/lawyers/{id}/slots": lawyer, "/questions/{id}": qid}
	bodies := []struct {
		name, body, ct string
		want           int
	}{
		{"WrongContentType", `{}`, "text/plain", 415},
		{"NoContentType", `{}`, "-", 415},
		{"Empty", ``, "", 400},
		{"Truncated", `{"title":`, "", 400},
		{"Array", `[]`, "", 400},
		{"String", `"hello"`, "", 400},
		{"Null", `null`, "", 400},
		{"TwoObjects", `{} {}`, "", 400},
		{"UnknownField", `{"zzz":1}`, "", 400},
		{"WrongTypes", `{"title":1,"name":[],"phone":{},"consent":"yes","slots":"x","areas":"family","text":5,"role":9}`, "", 400},
		{"InvalidUTF8", "{\"title\":\"\xff\xfe\"}", "", 400},
		{"TooLarge", `{"title":"` + strings.Repeat("长", 30000) + `"}`, "", 413},
	}
	tokens := []string{"", e.admin(), e.staff(firm), e.lawyer(lawyer, firm)}
	for _, rt := range api.Routes() {
		path := rt.Path
		if id, ok := ids[rt.Path]; ok {
			path = strings.Replace(rt.Path, "{id}", id, 1)
		}
		t.Run(rt.Method+" "+rt.Path, func(t *testing.T) {
			if rt.Method == http.MethodPost {
				for _, b := range bodies {
					for _, tok := range tokens {
						ct := b.ct
						if ct == "-" {
							ct = "application/octet-stream"
						}
						r := e.do(req{method: rt.Method, path: path, body: b.body, contentType: ct, token: tok})
						// Routes refuse the caller (401/403) before reading a body, or the body.
						if r.status != b.want && r.status != 401 && r.status != 403 && r.status != 404 {
							t.Errorf("%s with token %v: status %d, want %d: %s", b.name, tok != "", r.status, b.want, r.raw)
						}
					}
				}
			}
			for _, bad := range []string{"%00", "..%2F..%2Fetc", strings.Repeat("A", 3000), "%E4%B8%AD%E6%96%87", "x%20y"} {
				if strings.Contains(rt.Path, "{id}") {
					e.do(req{method: rt.Method, path: strings.Replace(rt.Path, "{id}", bad, 1), body: `{}`, token: e.admin()})
				}
			}
			for _, q := range []string{"?limit=abc", "?limit=1e9", "?cursor=" + strings.Repeat("A", 5000), "?area=%23", "?city=" + strings.Repeat("城", 600),
				"?from=2026-13-45T00:00:00Z", "?to=0", "?area=family&city=a%23b", "?cursor=%FF"} {
				e.do(req{method: rt.Method, path: path + q, body: `{}`, token: e.admin()})
			}
			for _, h := range []map[string]string{
				{"Authorization": "Bearer"}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer a.b.c"},
				{"X-Visitor-Token": strings.Repeat("x", 4000)},
			} {
				e.do(req{method: rt.Method, path: path, body: `{}`, header: h})
			}
		})
	}
}

// Unknown routes and methods answer in the envelope too.
func TestUnrouted(t *testing.T) {
	e := newEnv(t, nil)
	e.do(req{method: "GET", path: "/nope"}).want(t, 404, "not_found")
	// GET / is the web pages' (infra/localserver/web.go); other methods stay the API's.
	e.do(req{method: "POST", path: "/"}).want(t, 404, "not_found")
	r := e.do(req{method: "PUT", path: "/lawyers"}).want(t, 405, "method_not_allowed")
	if allow := r.header.Get("Allow"); !strings.Contains(allow, "GET") || !strings.Contains(allow, "POST") {
		t.Fatalf("Allow = %q", allow)
	}
	e.do(req{method: "PATCH", path: "/questions/01ABC"}).want(t, 405, "method_not_allowed")
	e.do(req{method: "GET", path: "/local/token"}).want(t, 404, "not_found")
}
