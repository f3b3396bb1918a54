package api_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/infra/ddbtest"
	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/app"
)

func TestSubmitQuestion(t *testing.T) {
	e := newEnv(t, nil)
	t.Run("Inferred", func(t *testing.T) {
		r := e.do(req{method: "POST", path: "/questions", body: map[string]any{
			"title": "男朋友分手要我退彩礼", "name": "韩梅梅", "phone": "+86 138-0013-8000", "consent": true}}).want(t, 201)
		cands, _ := r.body["areaCandidates"].([]any)
		if r.str("area") != "family" || r.str("areaSource") != "inferred" || len(cands) != 14 || r.str("status") != "submitted" {
			t.Fatalf("submitted = %s", r.raw)
		}
		if tok := r.str("accessToken"); len(tok) < 40 || r.str("id") == "" {
			t.Fatalf("no usable access token: %s", r.raw)
		}
		if r.str("phone") != "13800138000" {
			t.Fatalf("phone not normalised: %s", r.str("phone"))
		}
	})
	t.Run("VisitorAreaWins", func(t *testing.T) {
		r := e.do(req{method: "POST", path: "/questions", body: map[string]any{
			"title": "男朋友分手要我退彩礼", "area": "contract", "name": "韩梅梅", "phone": "13800138000", "consent": true}}).want(t, 201)
		cands, _ := r.body["areaCandidates"].([]any)
		first, _ := cands[0].(map[string]any)
		if r.str("area") != "contract" || r.str("areaSource") != "visitor" || first["area"] != "family" {
			t.Fatalf("submitted = %s", r.raw)
		}
	})
	t.Run("TokenStoredOnlyAsHash", func(t *testing.T) {
		id, tok := e.mustQuestion(nil)
		out, err := ddbtest.Client(t).Query(context.Background(), &dynamodb.QueryInput{
			TableName:                 aws.String(e.table),
			KeyConditionExpression:    aws.String("pk = :pk"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: "Q#" + id}},
		})
		if err != nil || len(out.Items) == 0 {
			t.Fatalf("query = %v, %v", out, err)
		}
		for _, it := range out.Items {
			for k, v := range it {
				if s, ok := v.(*types.AttributeValueMemberS); ok && strings.Contains(s.Value, tok) {
					t.Fatalf("attribute %s holds the visitor token", k)
				}
			}
		}
	})
	t.Run("ErrValidation", func(t *testing.T) {
		r := e.do(req{method: "POST", path: "/questions", body: map[string]any{
			"title": "救命", "body": strings.Repeat("长", 5001), "area": "cooking", "name": "", "phone": "12345678901",
			"email": "not-an-email", "consent": false, "city": "南京#"}}).want(t, 400, "validation_failed")
		for _, f := range []string{"title", "body", "area", "name", "phone", "email", "consent", "city"} {
			if r.fields()[f] == nil {
				t.Errorf("no field error for %s: %s", f, r.raw)
			}
		}
		r = e.do(req{method: "POST", path: "/questions", body: map[string]any{"title": "一个正常的标题", "name": "李", "phone": "13800138000"}}).want(t, 400, "validation_failed")
		if r.fields()["consent"] == nil {
			t.Fatalf("missing consent accepted: %s", r.raw)
		}
	})
	t.Run("ErrNoAreaInferred", func(t *testing.T) {
		r := e.do(req{method: "POST", path: "/questions", body: map[string]any{
			"title": "?????!!!!", "name": "李", "phone": "13800138000", "consent": true}}).want(t, 400, "validation_failed")
		if r.fields()["area"] == nil {
			t.Fatalf("no area field error: %s", r.raw)
		}
	})
}

func TestQuestionRateLimit(t *testing.T) {
	e := newEnv(t, nil, func(c *app.Config, _ *api.Deps) { c.QuestionRateLimit = 2 })
	body := func(phone string) map[string]any {
		return map[string]any{"title": "公司拖欠工资怎么办", "name": "李雷", "phone": phone, "consent": true}
	}
	e.do(req{method: "POST", path: "/questions", body: body("13800138000")}).want(t, 201)
	e.do(req{method: "POST", path: "/questions", body: body("13800138001")}).want(t, 201)
	r := e.do(req{method: "POST", path: "/questions", body: body("13800138002")}).want(t, 429, "rate_limited")
	if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s < 1 || s > 3600 {
		t.Fatalf("Retry-After = %q", r.header.Get("Retry-After"))
	}
}

func TestQuestionAccess(t *testing.T) {
	e := newEnv(t, nil)
	pubID, pubTok := e.mustQuestion(map[string]any{"public": true, "title": "公司拖欠工资三个月了怎么办"})
	privID, privTok := e.mustQuestion(nil)
	noPII := func(t *testing.T, r response) {
		t.Helper()
		for _, s := range []string{"13800138000", "lilei@example.com", "李雷", "accessToken", "tokenHash"} {
			if strings.Contains(r.raw, s) {
				t.Fatalf("response holds %q: %s", s, r.raw)
			}
		}
	}
	t.Run("PublicAnonymous", func(t *testing.T) {
		r := e.do(req{method: "GET", path: "/questions/" + pubID}).want(t, 200)
		noPII(t, r)
		if r.str("body") != "老板说没钱" || r.str("area") != "labor" || r.str("status") != "submitted" {
			t.Fatalf("public view = %s", r.raw)
		}
	})
	t.Run("PrivateAnonymous", func(t *testing.T) {
		noPII(t, e.do(req{method: "GET", path: "/questions/" + privID}).want(t, 404, "not_found"))
	})
	t.Run("Visitor", func(t *testing.T) {
		r := e.do(req{method: "GET", path: "/questions/" + privID, visitor: privTok}).want(t, 200)
		if r.str("phone") != "13800138000" || r.str("name") != "李雷" || r.str("email") != "lilei@example.com" {
			t.Fatalf("visitor view = %s", r.raw)
		}
	})
	t.Run("ErrOtherVisitor", func(t *testing.T) {
		noPII(t, e.do(req{method: "GET", path: "/questions/" + privID, visitor: pubTok}).want(t, 403, "forbidden"))
	})
	t.Run("List", func(t *testing.T) {
		r := e.do(req{method: "GET", path: "/questions"}).want(t, 200)
		noPII(t, r)
		if items := r.items(); len(items) != 1 || items[0]["id"] != pubID || items[0]["body"] != nil {
			t.Fatalf("public list = %s", r.raw)
		}
		if len(e.do(req{method: "GET", path: "/questions?area=labor&limit=5"}).want(t, 200).items()) != 1 {
			t.Fatal("area list misses the question")
		}
		if len(e.do(req{method: "GET", path: "/questions?area=family"}).want(t, 200).items()) != 0 {
			t.Fatal("area list shows another area")
		}
		e.do(req{method: "GET", path: "/questions?area=nope"}).want(t, 400, "validation_failed")
	})
	t.Run("Erase", func(t *testing.T) {
		e.do(req{method: "DELETE", path: "/questions/" + pubID}).want(t, 401, "unauthenticated")
		e.do(req{method: "DELETE", path: "/questions/" + pubID, visitor: privTok}).want(t, 403, "forbidden")
		e.do(req{method: "DELETE", path: "/questions/" + pubID, visitor: pubTok}).want(t, 204)
		noPII(t, e.do(req{method: "GET", path: "/questions/" + pubID}).want(t, 404, "not_found"))
		r := e.do(req{method: "GET", path: "/questions/" + pubID, visitor: pubTok}).want(t, 200)
		noPII(t, r)
		if r.str("erasedAt") == "" || r.str("title") != "" || r.str("body") != "" {
			t.Fatalf("visitor view after erasure = %s", r.raw)
		}
		if len(e.do(req{method: "GET", path: "/questions"}).want(t, 200).items()) != 0 {
			t.Fatal("erased question still listed")
		}
		e.do(req{method: "DELETE", path: "/questions/" + pubID, visitor: pubTok}).want(t, 204)
		e.do(req{method: "DELETE", path: "/questions/01NOPE", visitor: pubTok}).want(t, 404, "not_found")
	})
}

func TestClassify(t *testing.T) {
	e := newEnv(t, nil, func(c *app.Config, _ *api.Deps) { c.ClassifyRateLimit = 2 })
	r := e.do(req{method: "POST", path: "/practice-areas/classify", body: map[string]any{"text": "开车撞了人对方要我赔十万"}}).want(t, 200)
	cands, _ := r.body["candidates"].([]any)
	first, _ := cands[0].(map[string]any)
	if len(cands) != 14 || first["area"] != "traffic" {
		t.Fatalf("classify = %s", r.raw)
	}
	// Empty text is refused before it counts; garbage counts (it reached the router).
	e.do(req{method: "POST", path: "/practice-areas/classify", body: map[string]any{"text": "   "}}).want(t, 400, "validation_failed")
	e.do(req{method: "POST", path: "/practice-areas/classify", body: map[string]any{"text": "!!!???"}}).want(t, 400, "validation_failed")
	e.do(req{method: "POST", path: "/practice-areas/classify", body: map[string]any{"text": "被公司辞退了"}}).want(t, 429, "rate_limited")
}

// Behind CloudFront, the per-address limit counts the viewer CloudFront
// names in X-Forwarded-For — requests without the origin secret are
// refused there (TestOriginVerify); where there is no CloudFront (no
// secret configured), X-Forwarded-For is anyone's to forge and ignored.
func TestRateLimitBehindCloudFront(t *testing.T) {
	e := newEnv(t, nil, func(c *app.Config, d *api.Deps) { c.QuestionRateLimit = 1; d.OriginVerify = "cf-secret-123" })
	ask := func(phone, xff, verify string) response {
		return e.do(req{method: "POST", path: "/questions", header: map[string]string{"X-Forwarded-For": xff, "X-Origin-Verify": verify},
			body: map[string]any{"title": "公司拖欠工资怎么办", "name": "李雷", "phone": phone, "consent": true}})
	}
	ask("13800138000", "6.6.6.6, 203.0.113.9", "cf-secret-123").want(t, 201)
	ask("13800138001", "203.0.113.10", "cf-secret-123").want(t, 201) // another viewer
	ask("13800138002", "1.2.3.4, 203.0.113.9", "cf-secret-123").want(t, 429, "rate_limited")
	// Without the secret the request is refused before it counts.
	ask("13800138003", "198.51.100.1", "").want(t, 403, "forbidden")
	ask("13800138004", "198.51.100.2", "wrong").want(t, 403, "forbidden")
	ask("13800138005", "198.51.100.1", "cf-secret-123").want(t, 201)

	// No CloudFront: every request is the test's own address.
	local := newEnv(t, nil, func(c *app.Config, _ *api.Deps) { c.QuestionRateLimit = 1 })
	for i, want := range []int{201, 429} {
		local.do(req{method: "POST", path: "/questions", header: map[string]string{"X-Forwarded-For": fmt.Sprintf("198.51.100.%d", i)},
			body: map[string]any{"title": "公司拖欠工资怎么办", "name": "李雷", "phone": "13800138000", "consent": true}}).want(t, want)
	}
}

// TestFieldCodes: each invalid field comes with a stable reason code
// beside its words, for the pages to translate.
func TestFieldCodes(t *testing.T) {
	e := newEnv(t, nil)
	r := e.do(req{method: "POST", path: "/questions", body: map[string]any{
		"title": "", "name": "李雷", "phone": "12345", "email": "not-an-address", "consent": false, "area": "nope"}}).want(t, 400, "validation_failed")
	e2, _ := r.body["error"].(map[string]any)
	codes, _ := e2["fieldCodes"].(map[string]any)
	for field, want := range map[string]string{"title": "required", "phone": "phone_format", "email": "email_format",
		"consent": "must_accept", "area": "unknown_value"} {
		if codes[field] != want {
			t.Errorf("fieldCodes[%s] = %v, want %s (%s)", field, codes[field], want, r.raw)
		}
	}
	r = e.do(req{method: "POST", path: "/questions", body: map[string]any{"title": "x", "name": "李雷", "phone": "13800138000", "consent": true}}).want(t, 400)
	if c := r.body["error"].(map[string]any)["fieldCodes"].(map[string]any)["title"]; c != "too_short" {
		t.Errorf("a one-character title: %v (%s)", c, r.raw)
	}
}
