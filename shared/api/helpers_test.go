package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/lawdesk/lawdesk/infra/ddbtest"
	"github.com/lawdesk/lawdesk/infra/localserver"
	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/awsboot"
	"github.com/lawdesk/lawdesk/shared/cursor"
	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/router"
	"github.com/lawdesk/lawdesk/shared/store"
)

func TestMain(m *testing.M) { ddbtest.Main(m, logsHoldNoPersonalData) }

// Personal data as it appears in these tests (all fake): phones, e-mail
// addresses, visitors' names and the words of their questions.
var (
	phonePattern = regexp.MustCompile(`(^|[^0-9])(1[3-9][0-9]{9}|\+[1-9][0-9]{9,14})([^0-9]|$)`)
	emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@example\.com`)
	personalText = []string{"李雷", "韩梅梅", "张三", "演示访客", "老板说没钱", "前夫不让我见孩子", "彩礼十万", "离婚后孩子抚养权归谁"}
)

// logsHoldNoPersonalData checks every log line the package's tests made:
// never a phone, an e-mail, a name or a question's words.
func logsHoldNoPersonalData() error {
	out := logs.String()
	if envsMade.Load() == 0 {
		return nil // no handler test ran (go test -run Fuzz, go test -fuzz): nothing was served
	}
	if !strings.Contains(out, `"msg":"request"`) {
		return fmt.Errorf("no request was logged: the log check saw nothing")
	}
	for _, line := range strings.Split(out, "\n") {
		if m := phonePattern.FindString(line); m != "" {
			return fmt.Errorf("a log line holds a phone number: %s", line)
		}
		if m := emailPattern.FindString(line); m != "" {
			return fmt.Errorf("a log line holds an e-mail address: %s", line)
		}
		for _, s := range personalText {
			if strings.Contains(line, s) {
				return fmt.Errorf("a log line holds %q: %s", s, line)
			}
		}
	}
	return nil
}

// envsMade counts newEnv's APIs: when none was made, no line is expected.
var envsMade atomic.Int64

// logs collects every log line of the package's tests (see TestLogsHoldNoPersonalData).
var logs syncBuffer

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var secret = []byte("test-secret-0123456789abcdef0123456789")

// env is one API served over HTTP by the local gateway, on a fresh table.
type env struct {
	t      *testing.T
	url    string
	signer *auth.LocalSigner
	svc    *app.Service
	store  *store.Store
	table  string
}

type option func(*app.Config, *api.Deps)

// newEnv serves the whole API on a fresh table; db replaces the client
// (fault injection) when not nil.
func newEnv(t *testing.T, db *dynamodb.Client, opts ...option) *env {
	t.Helper()
	return newEnvWrapped(t, db, nil, opts...)
}

// newEnvWrapped is newEnv with the local gateway wrapped in wrap (when not
// nil): to give requests what the gateway does not, such as a deadline.
func newEnvWrapped(t *testing.T, db *dynamodb.Client, wrap func(http.Handler) http.Handler, opts ...option) *env {
	t.Helper()
	if db == nil {
		db = ddbtest.Client(t)
	}
	return newEnvOn(t, db, ddbtest.NewTable(t), wrap, opts...)
}

// newEnvOn is newEnvWrapped on table, which db reaches (a DynamoDB Local
// of the test's own, say).
func newEnvOn(t *testing.T, db *dynamodb.Client, table string, wrap func(http.Handler) http.Handler, opts ...option) *env {
	t.Helper()
	envsMade.Add(1)
	cfg := app.DefaultConfig()
	cfg.Secret = secret
	st := store.New(db, table, cursor.New(secret))
	signer := auth.NewLocalSigner(secret)
	deps := api.Deps{Verifier: signer, Logger: slog.New(awsboot.NewLogHandler(&logs, slog.LevelInfo))}
	for _, o := range opts {
		o(&cfg, &deps)
	}
	svc := app.New(st, router.NewClassifier(), cfg)
	deps.Service = svc
	var h http.Handler = localserver.NewGateway(api.NewHandler(deps), signer, st)
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &env{t: t, url: srv.URL, signer: signer, svc: svc, store: st, table: table}
}

// response is a decoded answer.
type response struct {
	status int
	header http.Header
	raw    string
	body   map[string]any
}

// req describes one request.
type req struct {
	method, path string
	body         any // string sent as is; anything else as JSON
	token        string
	visitor      string
	contentType  string
	header       map[string]string
}

func (e *env) do(r req) response {
	e.t.Helper()
	out, err := send(e.url, r)
	if err != nil {
		e.t.Fatal(err)
	}
	if out.status >= 500 && out.status != 503 {
		e.t.Errorf("%s %s answered %d: %s", r.method, r.path, out.status, out.raw)
	}
	if out.status >= 400 && !strings.HasPrefix(out.header.Get("Content-Type"), "text/html") {
		// Errors are in the envelope, but for the public pages' 404 page.
		checkEnvelope(e.t, r, out)
	}
	return out
}

// send makes request r of the API at base and decodes the answer.
func send(base string, r req) (response, error) {
	var body io.Reader
	ct := r.contentType
	switch b := r.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
		if ct == "" {
			ct = "application/json"
		}
	case []byte:
		body = bytes.NewReader(b)
	default:
		raw, _ := json.Marshal(b)
		body = bytes.NewReader(raw)
		if ct == "" {
			ct = "application/json"
		}
	}
	hr, err := http.NewRequest(r.method, base+r.path, body)
	if err != nil {
		return response{}, err
	}
	if ct != "" {
		hr.Header.Set("Content-Type", ct)
	}
	if r.token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.token)
	}
	if r.visitor != "" {
		hr.Header.Set("X-Visitor-Token", r.visitor)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := response{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &out.body)
	return out, nil
}

// checkEnvelope asserts the one error shape.
func checkEnvelope(t *testing.T, r req, resp response) {
	t.Helper()
	if problem := envelopeProblem(resp); problem != "" {
		t.Errorf("%s %s: %d %s: %s", r.method, r.path, resp.status, problem, resp.raw)
	}
}

// envelopeProblem says what is wrong with an error answer's shape ("" for
// nothing): the envelope, and Retry-After on rate_limited and unavailable.
func envelopeProblem(resp response) string {
	e, ok := resp.body["error"].(map[string]any)
	if !ok || e["code"] == "" || e["message"] == "" || len(resp.body) != 1 {
		return "without the error envelope"
	}
	if code, _ := e["code"].(string); (code == "rate_limited" || code == "unavailable") && resp.header.Get("Retry-After") == "" {
		return code + " without Retry-After"
	}
	// Every field named has its reason code, one of the documented ones.
	fields, _ := e["fields"].(map[string]any)
	codes, _ := e["fieldCodes"].(map[string]any)
	if len(fields) != len(codes) {
		return fmt.Sprintf("fields %v with fieldCodes %v", fields, codes)
	}
	for f := range fields {
		if c, _ := codes[f].(string); !slices.Contains(domain.ReasonCodes, c) {
			return fmt.Sprintf("field %q with reason code %q", f, c)
		}
	}
	return ""
}

// want asserts the status (and, for errors, the code).
func (r response) want(t *testing.T, status int, code ...string) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.raw)
	}
	if len(code) > 0 && r.code() != code[0] {
		t.Fatalf("code %q, want %q: %s", r.code(), code[0], r.raw)
	}
	return r
}

func (r response) code() string {
	e, _ := r.body["error"].(map[string]any)
	c, _ := e["code"].(string)
	return c
}

func (r response) fields() map[string]any {
	e, _ := r.body["error"].(map[string]any)
	f, _ := e["fields"].(map[string]any)
	return f
}

func (r response) str(key string) string {
	s, _ := r.body[key].(string)
	return s
}

func (r response) items() []map[string]any {
	raw, _ := r.body["items"].([]any)
	out := make([]map[string]any, len(raw))
	for i, x := range raw {
		out[i], _ = x.(map[string]any)
	}
	return out
}

// tokens.
func (e *env) admin() string {
	return e.sign(auth.Identity{Subject: "admin-1", Groups: []string{auth.GroupAdmins}})
}

func (e *env) staff(firmID string) string {
	return e.sign(auth.Identity{Subject: "staff-" + firmID, Groups: []string{auth.GroupStaff}, FirmID: firmID})
}

func (e *env) lawyer(lawyerID, firmID string) string {
	return e.sign(auth.Identity{Subject: "lawyer-" + lawyerID, Groups: []string{auth.GroupLawyers}, LawyerID: lawyerID, FirmID: firmID})
}

func (e *env) sign(id auth.Identity) string {
	tok, err := e.signer.Sign(id, time.Hour)
	if err != nil {
		e.t.Fatal(err)
	}
	return tok
}

var seq atomic.Int64

// mustFirm creates a firm and returns its id.
func (e *env) mustFirm(city string) string {
	e.t.Helper()
	r := e.do(req{method: "POST", path: "/firms", token: e.admin(), body: map[string]any{
		"name": "明德律师事务所", "phone": "025-83331234", "website": "https://example.com", "city": city,
	}}).want(e.t, 201)
	return r.str("id")
}

// mustLawyer creates a lawyer and returns its id.
func (e *env) mustLawyer(firmID, city string, areas ...string) string {
	e.t.Helper()
	r := e.do(req{method: "POST", path: "/lawyers", token: e.admin(), body: map[string]any{
		"firmId": firmID, "name": "王晓明", "areas": areas, "city": city, "languages": []string{"zh"},
		"bio": "婚姻家庭", "licenseNo": fmt.Sprintf("1320120181%07d", seq.Add(1)), "phone": "13912345678",
		"email": "wang@example.com", "timeZone": "Asia/Shanghai",
	}}).want(e.t, 201)
	return r.str("id")
}

// mustQuestion submits a question and returns its id and visitor token.
func (e *env) mustQuestion(body map[string]any) (id, token string) {
	e.t.Helper()
	q := map[string]any{"title": "公司拖欠工资三个月了怎么办", "body": "老板说没钱", "name": "李雷", "phone": "13800138000",
		"email": "lilei@example.com", "consent": true, "city": "南京"}
	for k, v := range body {
		q[k] = v
	}
	r := e.do(req{method: "POST", path: "/questions", body: q, header: map[string]string{"X-Forwarded-For": "x"}}).want(e.t, 201)
	return r.str("id"), r.str("accessToken")
}

var bg = context.Background()

// setNow moves the clock (the service's: the store has none; tokens keep
// the real clock).
func (e *env) setNow(t time.Time) {
	e.svc.Now = func() time.Time { return t }
}

// slotAt publishes one 30-minute slot at start for lawyer.
func (e *env) slotAt(lawyer, firm string, start time.Time) {
	e.t.Helper()
	e.do(req{method: "POST", path: "/lawyers/" + lawyer + "/slots", token: e.staff(firm),
		body: map[string]any{"slots": []map[string]any{{"start": start.Format(time.RFC3339), "minutes": 30}}}}).want(e.t, 201)
}

// book books lawyer's slot at start for question id and returns the response.
func (e *env) book(qid, tok, lawyer string, start time.Time, key string) response {
	e.t.Helper()
	h := map[string]string{}
	if key != "" {
		h["Idempotency-Key"] = key
	}
	return e.do(req{method: "POST", path: "/bookings", visitor: tok, header: h,
		body: map[string]any{"questionId": qid, "lawyerId": lawyer, "start": start.Format(time.RFC3339), "mode": "phone"}})
}
