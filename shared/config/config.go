// Package config reads the environment every entry point shares (Lambda
// functions and the local server) and fails fast with a message naming the
// variable at fault.
package config

import (
	"fmt"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/lawdesk/lawdesk/shared/app"
)

// Env is the configuration read from the environment.
type Env struct {
	// Table is the DynamoDB table (TABLE_NAME).
	Table string
	// DynamoDBEndpoint points the client at DynamoDB Local
	// (DYNAMODB_ENDPOINT); empty in AWS.
	DynamoDBEndpoint string
	// CognitoIssuer and CognitoClientID identify the user pool and app
	// client whose ID tokens are accepted (COGNITO_ISSUER, COGNITO_CLIENT_ID).
	CognitoIssuer   string
	CognitoClientID string
	// OriginVerify is the secret CloudFront adds to the requests it passes
	// on (ORIGIN_VERIFY; see api.Deps.OriginVerify).
	OriginVerify string
	// AppSecretARN and OriginVerifyARN name the Secrets Manager secrets
	// that hold APP_SECRET and ORIGIN_VERIFY in AWS (APP_SECRET_ARN,
	// ORIGIN_VERIFY_ARN): the template passes the ARNs, never the values,
	// so that reading a function's configuration reveals neither. The
	// entry point reads them once at init (awsboot) and sets the values
	// with SetAppSecret and OriginVerify. A variable and its ARN are never
	// both set.
	AppSecretARN    string
	OriginVerifyARN string
	// App holds the rules' settings (rate limits, retention, secret).
	App app.Config
}

// FromEnv reads the environment. secretRequired is false for the local
// server, which keeps its own secret.
func FromEnv(secretRequired bool) (Env, error) {
	e := Env{
		Table:            os.Getenv("TABLE_NAME"),
		DynamoDBEndpoint: os.Getenv("DYNAMODB_ENDPOINT"),
		CognitoIssuer:    os.Getenv("COGNITO_ISSUER"),
		CognitoClientID:  os.Getenv("COGNITO_CLIENT_ID"),
		OriginVerify:     os.Getenv("ORIGIN_VERIFY"),
		AppSecretARN:     strings.TrimSpace(os.Getenv("APP_SECRET_ARN")),
		OriginVerifyARN:  strings.TrimSpace(os.Getenv("ORIGIN_VERIFY_ARN")),
		App:              app.DefaultConfig(),
	}
	var err error
	if e.App.QuestionRateLimit, err = intVar("QUESTION_RATE_LIMIT", e.App.QuestionRateLimit); err != nil {
		return e, err
	}
	if e.App.ClassifyRateLimit, err = intVar("CLASSIFY_RATE_LIMIT", e.App.ClassifyRateLimit); err != nil {
		return e, err
	}
	if e.App.PIIRetention, err = durationVar("PII_RETENTION", e.App.PIIRetention); err != nil {
		return e, err
	}
	if e.App.BookingPendingTTL, err = durationVar("BOOKING_PENDING_TTL", e.App.BookingPendingTTL); err != nil {
		return e, err
	}
	if e.App.CancelNotice, err = durationVar("CANCEL_NOTICE", e.App.CancelNotice); err != nil {
		return e, err
	}
	if e.App.WebOrigin, err = originVar("WEB_ORIGIN"); err != nil {
		return e, err
	}
	if e.AppSecretARN != "" && os.Getenv("APP_SECRET") != "" {
		return e, fmt.Errorf("APP_SECRET and APP_SECRET_ARN are both set: give the secret or its ARN, not both")
	}
	if e.OriginVerifyARN != "" && e.OriginVerify != "" {
		return e, fmt.Errorf("ORIGIN_VERIFY and ORIGIN_VERIFY_ARN are both set: give the secret or its ARN, not both")
	}
	if s := os.Getenv("APP_SECRET"); s != "" {
		if err := e.SetAppSecret(s); err != nil {
			return e, err
		}
	} else if secretRequired && e.AppSecretARN == "" {
		return e, fmt.Errorf("APP_SECRET_ARN is not set (in AWS the template passes the ARN of the stack's AppSecret; elsewhere give APP_SECRET itself)")
	}
	if secretRequired && e.Table == "" {
		return e, fmt.Errorf("TABLE_NAME is not set")
	}
	return e, nil
}

// SetAppSecret sets the secret that keys the rate-limit hashes and seals
// cursors and private links: from APP_SECRET, or from the secret
// APP_SECRET_ARN names once it is read. It must have 32 characters at
// least.
func (e *Env) SetAppSecret(s string) error {
	if len(s) < 32 {
		return fmt.Errorf("APP_SECRET must be at least 32 characters")
	}
	e.App.Secret = []byte(s)
	return nil
}

// originVar reads an origin: https://host[:port], or http:// on a
// loopback host (the local server); no path, query or fragment.
func originVar(name string) (string, error) {
	s := strings.TrimSuffix(strings.TrimSpace(os.Getenv(name)), "/")
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	bad := err != nil || u.Host == "" || u.User != nil || u.Path != "" || u.RawQuery != "" || u.Fragment != "" ||
		!(u.Scheme == "https" || u.Scheme == "http" && isLoopback(u.Hostname()))
	if bad {
		return "", fmt.Errorf("%s must be an origin like https://lawdesk.example.com (http only on localhost), not %q", name, s)
	}
	return u.Scheme + "://" + u.Host, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

func intVar(name string, def int) (int, error) {
	s := strings.TrimSpace(os.Getenv(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s must be a whole number ≥ 0, not %q", name, s)
	}
	return n, nil
}

func durationVar(name string, def time.Duration) (time.Duration, error) {
	s := strings.TrimSpace(os.Getenv(name))
	if s == "" {
		return def, nil
	}
	d, err := ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s must be a positive duration like 24h or 180d, not %q", name, s)
	}
	return d, nil
}

// ParseDuration is time.ParseDuration that also takes whole days ("180d").
func ParseDuration(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err != nil {
			return 0, err
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}
