// Package testclient is the JSON client of the code that talks to a
// running server over HTTP (the tests of the built local server, the
// browser tests' site, the soak benchmark): one request, its JSON answer
// decoded; Call also checks the status for a test.
package testclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Response is a server's answer: its status, headers, raw body, and the
// body decoded as a JSON object (empty when it is not one).
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	JSON   map[string]any
}

// ErrorCode is the code of the API's error envelope
// ({"error":{"code":…}}), or "" when the answer carries none.
func (r Response) ErrorCode() string {
	e, _ := r.JSON["error"].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

// Do sends method path to base through hc (http.DefaultClient when nil)
// with headers and body (JSON when not nil) and returns the answer,
// whatever its status: a benchmark counts statuses where a test fails on
// them. The error is only for a request that got no answer.
func Do(ctx context.Context, hc *http.Client, base, method, path string, headers map[string]string, body any) (Response, error) {
	if body == nil {
		return DoRaw(ctx, hc, base, method, path, headers, nil)
	}
	b, err := json.Marshal(body)
	if err != nil {
		return Response{}, err
	}
	h := map[string]string{"Content-Type": "application/json"}
	for k, v := range headers {
		h[k] = v
	}
	return DoRaw(ctx, hc, base, method, path, h, b)
}

// DoRaw is Do with the body sent as given (none when nil) and no
// Content-Type but the one headers name: for the requests a JSON client
// would never make (no media type, malformed or oversized bodies).
func DoRaw(ctx context.Context, hc *http.Client, base, method, path string, headers map[string]string, body []byte) (Response, error) {
	if hc == nil {
		hc = http.DefaultClient
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, base+path, rd)
	if err != nil {
		return Response{}, err
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return Response{}, err
	}
	out := Response{Status: resp.StatusCode, Header: resp.Header, Body: raw, JSON: map[string]any{}}
	_ = json.Unmarshal(raw, &out.JSON)
	return out, nil
}

// Call sends method path to base with headers and body (JSON when not
// nil), fails tb unless the status is want, and returns the decoded JSON
// object (empty when the answer is not one).
func Call(tb testing.TB, base, method, path string, headers map[string]string, body any, want int) map[string]any {
	tb.Helper()
	resp, err := Do(context.Background(), nil, base, method, path, headers, body)
	if err != nil {
		tb.Fatal(err)
	}
	if resp.Status != want {
		tb.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.Status, want, resp.Body)
	}
	return resp.JSON
}

// Statuses of the contract's error codes (../shared/API.md, Conventions;
// contact_locked is the 403 of GET /bookings/{id}/contact, and
// method_not_allowed and internal the envelope's other two).
var Statuses = map[string]int{
	"validation_failed": 400, "unauthenticated": 401, "forbidden": 403, "contact_locked": 403, "not_found": 404,
	"method_not_allowed": 405, "conflict": 409, "slot_unavailable": 409, "invalid_state": 409, "payload_too_large": 413,
	"unsupported_media_type": 415, "rate_limited": 429, "internal": 500, "unavailable": 503,
}

// CheckError reports what is wrong with r as the contract's error answer
// of status and code (any code of that status when code is ""): a JSON
// body that is exactly {"error":{"code","message","fields"?,"fieldCodes"?}},
// a snake_case code of that status, a message, fields only beside
// fieldCodes and with the same keys, Retry-After (whole seconds) on 429
// and 503, and no internal detail. Nil when it is right.
func CheckError(r Response, status int, code string) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("status %d: %s: %s", r.Status, fmt.Sprintf(format, args...), r.Body)
	}
	if r.Status != status {
		return bad("want status %d", status)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return bad("Content-Type %q, want application/json", ct)
	}
	var env map[string]json.RawMessage
	if err := json.Unmarshal(r.Body, &env); err != nil || len(env) != 1 || env["error"] == nil {
		return bad(`the body is not {"error":{…}}`)
	}
	var e map[string]any
	if err := json.Unmarshal(env["error"], &e); err != nil {
		return bad("error is not an object")
	}
	for k := range e {
		if k != "code" && k != "message" && k != "fields" && k != "fieldCodes" {
			return bad("error has a field %q the contract does not name", k)
		}
	}
	got, _ := e["code"].(string)
	switch {
	case !snakeCase(got):
		return bad("code %q is not snake_case", got)
	case code != "" && got != code:
		return bad("code %q, want %q", got, code)
	case Statuses[got] != status:
		return bad("code %q is not a %d code", got, status)
	}
	if msg, _ := e["message"].(string); strings.TrimSpace(msg) == "" {
		return bad("no message")
	}
	fields, hasFields := e["fields"].(map[string]any)
	codes, hasCodes := e["fieldCodes"].(map[string]any)
	if (e["fields"] != nil && !hasFields) || (e["fieldCodes"] != nil && !hasCodes) || hasFields != hasCodes {
		return bad("fields and fieldCodes must be objects and go together")
	}
	if hasFields && got != "validation_failed" {
		return bad("fields on a %s error (only for validation)", got)
	}
	for f, why := range fields {
		if s, ok := why.(string); !ok || s == "" {
			return bad("fields.%s is not a reason", f)
		}
		if c, _ := codes[f].(string); !snakeCase(c) {
			return bad("fieldCodes.%s = %v, want a snake_case reason code", f, codes[f])
		}
	}
	if len(codes) != len(fields) {
		return bad("fieldCodes and fields name different fields")
	}
	if status == 429 || status == 503 {
		if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s < 1 {
			return bad("Retry-After %q, want whole seconds", r.Header.Get("Retry-After"))
		}
	}
	for _, leak := range []string{"goroutine ", ".go:", "panic", "runtime error", "dynamodb", "DynamoDB"} {
		if bytes.Contains(r.Body, []byte(leak)) {
			return bad("internal detail %q in the answer", leak)
		}
	}
	return nil
}

func snakeCase(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// LogBuffer collects a server's log lines written from many goroutines,
// for the tests that read them back (no personal data in any line).
type LogBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *LogBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String is everything written so far.
func (l *LogBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
