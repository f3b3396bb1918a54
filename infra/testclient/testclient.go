// Package testclient is the JSON client of the code that talks to a
// running server over HTTP (the tests of the built local server, the
// browser tests' site, the soak benchmark): one request, its JSON answer
// decoded; Call also checks the status for a test.
package testclient

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
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
	if hc == nil {
		hc = http.DefaultClient
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return Response{}, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, base+path, rd)
	if err != nil {
		return Response{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
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
