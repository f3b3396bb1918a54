package api_test

import (
	"testing"

	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/app"
)

// TestOriginVerify: when CloudFront fronts the API (ORIGIN_VERIFY is set),
// a request that did not come through it — straight to the execute-api
// endpoint, bypassing the edge and its viewer address — is refused in the
// envelope, on every route; one carrying the secret is served. Without
// the setting (the local server) nothing changes.
func TestOriginVerify(t *testing.T) {
	const secret = "cf-secret-123"
	e := newEnv(t, nil, func(_ *app.Config, d *api.Deps) { d.OriginVerify = secret })
	question := map[string]any{"title": "公司拖欠工资怎么办", "name": "李雷", "phone": "13800138000", "consent": true}
	for _, r := range []req{
		{method: "GET", path: "/healthz"},
		{method: "GET", path: "/practice-areas"},
		{method: "GET", path: "/lawyers"},
		{method: "POST", path: "/questions", body: question},
		{method: "GET", path: "/leads", token: e.admin()},
		{method: "GET", path: "/no-such-route"},
	} {
		for _, verify := range []string{"", "wrong", secret + "x", "cf-secret-12"} {
			r := r
			r.header = map[string]string{"X-Origin-Verify": verify, "X-Forwarded-For": "203.0.113.9"}
			e.do(r).want(t, 403, "forbidden")
		}
	}
	via := map[string]string{"X-Origin-Verify": secret}
	e.do(req{method: "GET", path: "/healthz", header: via}).want(t, 200)
	e.do(req{method: "GET", path: "/practice-areas", header: via}).want(t, 200)
	e.do(req{method: "POST", path: "/questions", body: question, header: via}).want(t, 201)
	e.do(req{method: "GET", path: "/no-such-route", header: via}).want(t, 404, "not_found")

	local := newEnv(t, nil)
	local.do(req{method: "GET", path: "/healthz"}).want(t, 200)
	local.do(req{method: "POST", path: "/questions", body: question}).want(t, 201)
}
