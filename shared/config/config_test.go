package config

import (
	"strings"
	"testing"
	"time"
)

func TestFromEnv(t *testing.T) {
	t.Setenv("TABLE_NAME", "t")
	t.Setenv("APP_SECRET", strings.Repeat("s", 32))
	t.Setenv("QUESTION_RATE_LIMIT", "3")
	t.Setenv("PII_RETENTION", "30d")
	e, err := FromEnv(true)
	if err != nil {
		t.Fatal(err)
	}
	if e.App.QuestionRateLimit != 3 || e.App.ClassifyRateLimit != 120 || e.App.PIIRetention != 30*24*time.Hour {
		t.Fatalf("env = %+v", e.App)
	}
	for name, val := range map[string]string{"QUESTION_RATE_LIMIT": "many", "CLASSIFY_RATE_LIMIT": "-1", "PII_RETENTION": "forever", "APP_SECRET": "short"} {
		t.Run(name, func(t *testing.T) {
			t.Setenv(name, val)
			if _, err := FromEnv(true); err == nil || !strings.Contains(err.Error(), name) {
				t.Fatalf("FromEnv = %v, want an error naming %s", err, name)
			}
		})
	}
	t.Run("SecretRequired", func(t *testing.T) {
		t.Setenv("APP_SECRET", "")
		if _, err := FromEnv(true); err == nil || !strings.Contains(err.Error(), "APP_SECRET_ARN is not set") {
			t.Fatalf("FromEnv = %v, want APP_SECRET_ARN named", err)
		}
		if _, err := FromEnv(false); err != nil {
			t.Fatalf("local server needs no APP_SECRET: %v", err)
		}
	})
	// In AWS the template passes the secrets' ARNs: the values are read at
	// init (awsboot), never set beside them.
	t.Run("ARNs", func(t *testing.T) {
		t.Setenv("APP_SECRET", "")
		t.Setenv("APP_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf")
		t.Setenv("ORIGIN_VERIFY_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:origin-AbCdEf")
		e, err := FromEnv(true)
		if err != nil || e.AppSecretARN == "" || e.OriginVerifyARN == "" || e.App.Secret != nil {
			t.Fatalf("FromEnv = %+v, %v", e, err)
		}
		if err := e.SetAppSecret("short"); err == nil {
			t.Error("a short secret read from its ARN is taken")
		}
		t.Setenv("APP_SECRET", strings.Repeat("s", 32))
		if _, err := FromEnv(true); err == nil || !strings.Contains(err.Error(), "both") {
			t.Errorf("APP_SECRET beside APP_SECRET_ARN: %v, want an error", err)
		}
		t.Setenv("APP_SECRET", "")
		t.Setenv("ORIGIN_VERIFY", "x")
		if _, err := FromEnv(true); err == nil || !strings.Contains(err.Error(), "both") {
			t.Errorf("ORIGIN_VERIFY beside ORIGIN_VERIFY_ARN: %v, want an error", err)
		}
	})
}

// WEB_ORIGIN starts the private links sent to visitors: an https origin,
// or http on the loopback only, and nothing after the host.
func TestWebOrigin(t *testing.T) {
	t.Setenv("TABLE_NAME", "t")
	t.Setenv("APP_SECRET", strings.Repeat("s", 32))
	for val, want := range map[string]string{
		"": "", "https://lawdesk.example.com/": "https://lawdesk.example.com", "https://d1.cloudfront.net": "https://d1.cloudfront.net",
		"http://127.0.0.1:8080": "http://127.0.0.1:8080", "http://localhost:3000": "http://localhost:3000",
	} {
		t.Setenv("WEB_ORIGIN", val)
		if e, err := FromEnv(true); err != nil || e.App.WebOrigin != want {
			t.Errorf("WEB_ORIGIN=%q: %q, %v; want %q", val, e.App.WebOrigin, err, want)
		}
	}
	for _, val := range []string{"http://lawdesk.example.com", "lawdesk.example.com", "https://lawdesk.example.com/app", "https://x.example.com/?a=1",
		"https://u:p@lawdesk.example.com", "javascript:alert(1)"} {
		t.Setenv("WEB_ORIGIN", val)
		if _, err := FromEnv(true); err == nil || !strings.Contains(err.Error(), "WEB_ORIGIN") {
			t.Errorf("WEB_ORIGIN=%q: %v, want an error naming it", val, err)
		}
	}
}
