package lambdarun_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/lawdesk/lawdesk/infra/lambdarun"
	"github.com/lawdesk/lawdesk/infra/motoserver"
)

// secretReads counts the GetSecretValue calls that pass through to moto,
// by secret.
type secretReads struct {
	mu    sync.Mutex
	count map[string]int
}

func (s *secretReads) get(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count[id]
}

// TestBootstrapReadsSecretsAtInit runs the directory function's bootstrap
// as the template configures it in AWS — the secrets' ARNs in its
// environment, never their values — against moto's Secrets Manager with
// IAM authentication on: it reads each secret once, during init, and
// serves with them (the ORIGIN_VERIFY it read is what requests must
// carry) without reading them again; a function whose role lacks
// secretsmanager:GetSecretValue stops at init, saying so.
func TestBootstrapReadsSecretsAtInit(t *testing.T) {
	bins := build(t)
	moto := motoserver.Start(t)
	const appSecret, originSecret = "app-secret-from-secrets-manager-0123456789ab", "origin-verify-from-secrets-manager-0123"
	var app, origin struct{ ARN string }
	motoserver.Call(t, moto, "secretsmanager", "secretsmanager.CreateSecret", map[string]any{"Name": "lawdesk-app", "SecretString": appSecret}, &app)
	motoserver.Call(t, moto, "secretsmanager", "secretsmanager.CreateSecret", map[string]any{"Name": "lawdesk-origin", "SecretString": originSecret}, &origin)
	// moto evaluates Secrets Manager calls against the resource "*" (see
	// motoserver.User); the template scopes the real policy to the secret.
	allowedKey, allowedSecret := motoserver.User(t, moto, "fn-with-secrets",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}]}`)
	deniedKey, deniedSecret := motoserver.User(t, moto, "fn-without-secrets",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Query"],"Resource":"*"}]}`)
	motoserver.EnableAuth(t, moto)

	// Every GetSecretValue goes through here on its way to moto, counted.
	// The Host header is kept, so that moto checks the signature as sent.
	reads := &secretReads{count: map[string]int{}}
	target, _ := url.Parse(moto)
	proxy := httputil.NewSingleHostReverseProxy(target)
	counting := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if r.Header.Get("X-Amz-Target") == "secretsmanager.GetSecretValue" {
			var in struct{ SecretId string }
			_ = json.Unmarshal(body, &in)
			reads.mu.Lock()
			reads.count[in.SecretId]++
			reads.mu.Unlock()
		}
		proxy.ServeHTTP(w, r)
	}))
	defer counting.Close()

	env := func(key, secret string) []string {
		return []string{
			"TABLE_NAME=lawdesk-secrets-test", "APP_SECRET=", "ORIGIN_VERIFY=", "DYNAMODB_ENDPOINT=",
			"APP_SECRET_ARN=" + app.ARN, "ORIGIN_VERIFY_ARN=" + origin.ARN, "SECRETS_ENDPOINT=" + counting.URL,
			"AWS_REGION=us-east-1", "AWS_ACCESS_KEY_ID=" + key, "AWS_SECRET_ACCESS_KEY=" + secret, "AWS_SESSION_TOKEN=",
			"AWS_PROFILE=", "AWS_CONFIG_FILE=/nonexistent", "AWS_SHARED_CREDENTIALS_FILE=/nonexistent", "AWS_EC2_METADATA_DISABLED=true",
		}
	}

	t.Run("ReadOnceAtInit", func(t *testing.T) {
		rt, err := lambdarun.Start(bins["directory"], env(allowedKey, allowedSecret))
		if err != nil {
			t.Fatal(err)
		}
		defer rt.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := rt.Init(ctx); err != nil {
			t.Fatal(err)
		}
		if got := [2]int{reads.get(app.ARN), reads.get(origin.ARN)}; got != [2]int{1, 1} {
			t.Fatalf("during init the function read APP_SECRET %d and ORIGIN_VERIFY %d times, want once each", got[0], got[1])
		}
		ev := loadEvent(t, "directory")
		ev.RawPath, ev.RequestContext.HTTP.Path, ev.RouteKey = "/practice-areas", "/practice-areas", "GET /practice-areas"
		for i, c := range []struct {
			verify string
			status int
		}{{"", 403}, {originSecret, 200}, {"not-the-secret", 403}, {originSecret, 200}} {
			ev.Headers = map[string]string{"x-origin-verify": c.verify}
			payload, _ := json.Marshal(ev)
			res, err := rt.Invoke(ctx, payload)
			if err != nil {
				t.Fatal(err)
			}
			var resp events.APIGatewayV2HTTPResponse
			if err := json.Unmarshal(res.Payload, &resp); err != nil || resp.StatusCode != c.status {
				t.Fatalf("request %d with X-Origin-Verify %q: %d %s (%v), want %d", i, c.verify, resp.StatusCode, resp.Body, err, c.status)
			}
		}
		if got := [2]int{reads.get(app.ARN), reads.get(origin.ARN)}; got != [2]int{1, 1} {
			t.Fatalf("after four requests the secrets were read %v times, want once each, at init", got)
		}
		if logs := rt.Logs(); strings.Contains(logs, appSecret) || strings.Contains(logs, originSecret) {
			t.Errorf("a secret's value is in the logs: %s", logs)
		}
	})

	t.Run("NoPermission", func(t *testing.T) {
		rt, err := lambdarun.Start(bins["directory"], env(deniedKey, deniedSecret))
		if err != nil {
			t.Fatal(err)
		}
		defer rt.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, err = rt.Init(ctx)
		t.Logf("init: %v", err)
		for _, want := range []string{"cannot start", "APP_SECRET_ARN", app.ARN, "needs secretsmanager:GetSecretValue"} {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("Init = %v, want the bootstrap to exit at init saying %q", err, want)
			}
		}
	})
}
