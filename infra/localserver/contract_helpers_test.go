package localserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lawdesk/lawdesk/infra/localserver"
	"github.com/lawdesk/lawdesk/infra/testclient"
	"github.com/lawdesk/lawdesk/shared/awsboot"
	"github.com/lawdesk/lawdesk/shared/config"
)

// The helpers of TestContract (contract_test.go): a local server whose
// clock the test can move, the callers of the contract's identities, and
// assertions on the documented shapes.

// contractServer is the local server as `make run` runs it — the
// configuration read from the environment by config.FromEnv, demo data
// seeded, DynamoDB Local started in its data folder — but in this process,
// so that the test can move the service's clock (as the browser tests do):
// a booking whose time has come is one made with the clock hours back,
// and expiry and reminders are the clock moved a day on. Everything else
// goes over HTTP.
type contractServer struct {
	base    string
	dataDir string
	offset  atomic.Int64
	logs    *testclient.LogBuffer
}

func (s *contractServer) now() time.Time { return time.Now().Add(time.Duration(s.offset.Load())) }

// shift moves the server's clock d from the real time (0 puts it back).
func (s *contractServer) shift(d time.Duration) { s.offset.Store(int64(d)) }

// startContractServer starts the server with env (NAME=value) set as
// `make run` would read it, and stops it when t ends.
func startContractServer(t *testing.T, env ...string) *contractServer {
	t.Helper()
	// What the machine's environment might hold must not reach the
	// server: its own DynamoDB Local, table and secret, the defaults.
	for _, name := range []string{"DYNAMODB_ENDPOINT", "TABLE_NAME", "APP_SECRET", "APP_SECRET_ARN", "ORIGIN_VERIFY", "ORIGIN_VERIFY_ARN",
		"QUESTION_RATE_LIMIT", "CLASSIFY_RATE_LIMIT", "BOOKING_PENDING_TTL", "CANCEL_NOTICE", "MIN_NOTICE", "REMINDERS",
		"SWEEP_INTERVAL", "WEB_ORIGIN", "PII_RETENTION"} {
		t.Setenv(name, "")
	}
	for _, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		t.Setenv(name, value)
	}
	cfg, err := config.FromEnv(false)
	if err != nil {
		t.Fatal(err)
	}
	s := &contractServer{dataDir: t.TempDir(), logs: &testclient.LogBuffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() {
		done <- localserver.Run(ctx, localserver.Config{
			Addr: "127.0.0.1:0", DataDir: s.dataDir, SeedDemo: true, Env: cfg,
			Logger: slog.New(awsboot.NewLogHandler(s.logs, slog.LevelInfo)), SweepEvery: cfg.SweepInterval, Now: s.now,
			Ready: func(addr string) { ready <- addr },
		})
	}()
	select {
	case addr := <-ready:
		s.base = "http://" + addr
	case err := <-done:
		cancel()
		t.Fatalf("the local server did not start: %v\n%s", err, s.logs)
	case <-time.After(2 * time.Minute):
		cancel()
		t.Fatalf("the local server is not serving after 2 minutes:\n%s", s.logs)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("the local server stopped with %v", err)
		}
	})
	return s
}

// ddbEndpoint is the DynamoDB Local the server started.
func (s *contractServer) ddbEndpoint(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.dataDir, "dynamodb-port"))
	if err != nil {
		t.Fatal(err)
	}
	return "http://127.0.0.1:" + strings.TrimSpace(string(b))
}

// party is one caller of the contract: the headers that prove who it is.
type party struct {
	name string
	h    map[string]string
}

// anyone presents nothing.
var anyone = party{name: "anyone"}

func bearerParty(name, token string) party {
	return party{name: name, h: map[string]string{"Authorization": "Bearer " + token}}
}

func visitorParty(name, token string) party {
	return party{name: name, h: map[string]string{"X-Visitor-Token": token}}
}

// with returns p with one more header.
func (p party) with(k, v string) party {
	h := map[string]string{k: v}
	for key, val := range p.h {
		h[key] = val
	}
	return party{name: p.name, h: h}
}

// rawBody is a request body sent as it is, with Content-Type ctype (none
// when empty).
type rawBody struct {
	b     []byte
	ctype string
}

// client calls one server and checks, on every answer, what the contract
// says of all of them: no 5xx but 503; every error in the envelope; every
// time in UTC.
type client struct {
	base string
	hc   *http.Client
}

func (c client) do(t *testing.T, p party, method, path string, body any) testclient.Response {
	t.Helper()
	var (
		resp testclient.Response
		err  error
	)
	if rb, ok := body.(rawBody); ok {
		h := map[string]string{}
		for k, v := range p.h {
			h[k] = v
		}
		if rb.ctype != "" {
			h["Content-Type"] = rb.ctype
		}
		resp, err = testclient.DoRaw(context.Background(), c.hc, c.base, method, path, h, rb.b)
	} else {
		resp, err = testclient.Do(context.Background(), c.hc, c.base, method, path, p.h, body)
	}
	if err != nil {
		t.Fatalf("%s %s (%s): %v", method, path, p.name, err)
	}
	if resp.Status >= 500 && resp.Status != 503 {
		t.Errorf("%s %s (%s): %d, and no request gets a 5xx other than 503: %s", method, path, p.name, resp.Status, resp.Body)
	}
	if resp.Status >= 400 && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := testclient.CheckError(resp, resp.Status, ""); err != nil {
			t.Errorf("%s %s (%s): the error is not the contract's envelope: %v", method, path, p.name, err)
		}
	}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		var v any
		if err := json.Unmarshal(resp.Body, &v); err != nil {
			t.Errorf("%s %s (%s): the JSON answer does not decode: %v", method, path, p.name, err)
		}
		timesUTC(t, method+" "+path, "", v)
	}
	return resp
}

// want calls and fails t unless the status is status; the JSON object
// answered.
func (c client) want(t *testing.T, p party, method, path string, body any, status int) map[string]any {
	t.Helper()
	r := c.do(t, p, method, path, body)
	if r.Status != status {
		t.Fatalf("%s %s (%s): status %d, want %d: %s", method, path, p.name, r.Status, status, r.Body)
	}
	return r.JSON
}

// deny calls and fails t unless the answer is the envelope of status and
// code ("" for any code of that status).
func (c client) deny(t *testing.T, p party, method, path string, body any, status int, code string) testclient.Response {
	t.Helper()
	r := c.do(t, p, method, path, body)
	if err := testclient.CheckError(r, status, code); err != nil {
		t.Errorf("%s %s (%s): %v", method, path, p.name, err)
	}
	return r
}

// timesUTC fails t for any RFC 3339 time in v that is not in UTC, but
// for the fields that say they are not (startLocal: the lawyer's zone).
func timesUTC(t *testing.T, where, key string, v any) {
	t.Helper()
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			timesUTC(t, where, k, x)
		}
	case []any:
		for _, x := range v {
			timesUTC(t, where, key, x)
		}
	case string:
		if key == "startLocal" || len(v) < 20 {
			return
		}
		if _, err := time.Parse(time.RFC3339, v); err == nil && !strings.HasSuffix(v, "Z") {
			t.Errorf("%s: %s = %q is not in UTC", where, key, v)
		}
	}
}

// shape fails t unless m has each field of want, of the JSON type named:
// string, id (an opaque non-empty string, not a number), time (RFC 3339,
// UTC), int, number, bool, array, object or null, or alternatives joined
// by "|"; "absent" means m must not have the field.
func shape(t *testing.T, what string, m map[string]any, want map[string]string) {
	t.Helper()
	for field, kinds := range want {
		v, ok := m[field]
		if kinds == "absent" {
			if ok {
				t.Errorf("%s: has %s = %v, which it must not", what, field, v)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: no field %s (want %s) in %v", what, field, kinds, m)
			continue
		}
		if !slices.ContainsFunc(strings.Split(kinds, "|"), func(k string) bool { return isKind(v, k) }) {
			t.Errorf("%s: %s = %#v, want %s", what, field, v, kinds)
		}
	}
}

func isKind(v any, kind string) bool {
	switch kind {
	case "null":
		return v == nil
	case "string":
		_, ok := v.(string)
		return ok
	case "id":
		s, ok := v.(string)
		_, err := strconv.ParseInt(s, 10, 64)
		return ok && s != "" && err != nil
	case "time":
		s, ok := v.(string)
		_, err := time.Parse(time.RFC3339, s)
		return ok && err == nil && strings.HasSuffix(s, "Z")
	case "int":
		f, ok := v.(float64)
		return ok && f == float64(int64(f))
	case "number":
		_, ok := v.(float64)
		return ok
	case "bool":
		_, ok := v.(bool)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	}
	panic("shape: unknown kind " + kind)
}

// parseTime is v as an RFC 3339 time (failing t when it is not one).
func parseTime(t *testing.T, v any) time.Time {
	t.Helper()
	s, _ := v.(string)
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("%#v is not an RFC 3339 time", v)
	}
	return at
}

// obj is v as a JSON object (failing t when it is not one).
func obj(t *testing.T, what string, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s = %#v, want an object", what, v)
	}
	return m
}

// items is the items array of a list answer, each an object.
func items(t *testing.T, what string, m map[string]any) []map[string]any {
	t.Helper()
	arr, ok := m["items"].([]any)
	if !ok {
		t.Fatalf("%s: items = %#v, want an array", what, m["items"])
	}
	out := make([]map[string]any, len(arr))
	for i, it := range arr {
		out[i] = obj(t, fmt.Sprintf("%s: items[%d]", what, i), it)
	}
	return out
}

// find returns the item whose field is value, or nil.
func find(list []map[string]any, field string, value any) map[string]any {
	for _, it := range list {
		if it[field] == value {
			return it
		}
	}
	return nil
}

// eventually calls f every 200 ms until it returns "" or 15 s have
// passed, then fails t with what f said last: for what the sweeper and
// the notifier do in the background.
func eventually(t *testing.T, f func() string) {
	t.Helper()
	var last string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if last = f(); last == "" {
			return
		}
	}
	t.Fatal(last)
}

// clientFrom is an HTTP client whose requests leave from the loopback
// address ip (another source address for the rate limits).
func clientFrom(ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext}, Timeout: 30 * time.Second}
}
