package api_test

import (
	"testing"

	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/app"
)

// TestPhoneCannotBeLockedOut: nobody confirms the phone a question names,
// so questions from one address with someone else's phone must not stop
// that person asking from their own address. The per-address limit still
// holds.
func TestPhoneCannotBeLockedOut(t *testing.T) {
	e := newEnv(t, nil, func(c *app.Config, d *api.Deps) { c.QuestionRateLimit = 10; d.OriginVerify = "cf-secret-123" })
	// The viewer's address as CloudFront names it (see TestRateLimitBehindCloudFront).
	ask := func(viewer, phone string) response {
		return e.do(req{method: "POST", path: "/questions", header: map[string]string{"X-Forwarded-For": viewer, "X-Origin-Verify": "cf-secret-123"},
			body: map[string]any{"title": "公司拖欠工资怎么办", "name": "李雷", "phone": phone, "consent": true}})
	}
	const attacker, victim, phone = "203.0.113.9", "198.51.100.7", "13800138000"
	for i := 0; i < 10; i++ {
		ask(attacker, phone).want(t, 201)
	}
	ask(attacker, phone).want(t, 429, "rate_limited")
	ask(attacker, "13800138001").want(t, 429, "rate_limited") // the address is spent, whatever the phone
	ask(victim, phone).want(t, 201)
}
