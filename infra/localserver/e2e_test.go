package localserver_test

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lawdesk/lawdesk/infra/ddblocal"
	"github.com/lawdesk/lawdesk/infra/testclient"
)

// server is the local server binary, run as `make run` runs it.
type server struct {
	t    *testing.T
	data string
	cmd  *exec.Cmd
	base string
	mu   sync.Mutex
	out  *bytes.Buffer
	done chan error
}

func buildServer(t *testing.T) string {
	t.Helper()
	root, err := ddblocal.Root()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "local")
	cmd := exec.Command("go", "build", "-o", bin, "./infra/cmd/local")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, b)
	}
	return bin
}

func startServer(t *testing.T, bin, dataDir string, env ...string) *server {
	t.Helper()
	port, err := ddblocal.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	root, _ := ddblocal.Root()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), append([]string{"PORT=" + strconv.Itoa(port), "DATA_DIR=" + dataDir, "LAWDESK_ROOT=" + root, "DYNAMODB_ENDPOINT="}, env...)...)
	s := &server{t: t, data: dataDir, cmd: cmd, base: fmt.Sprintf("http://127.0.0.1:%d", port), out: &bytes.Buffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = s, s
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.done <- cmd.Wait() }()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if resp, err := http.Get(s.base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s
			}
		}
		select {
		case err := <-s.done:
			t.Fatalf("server exited at start (%v):\n%s", err, s.output())
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("server not healthy in time:\n%s", s.output())
		}
	}
}

// stop sends SIGTERM and asserts a clean exit that also stopped DynamoDB Local.
func (s *server) stop() {
	s.t.Helper()
	ddbPort := s.ddbPort()
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		if err != nil {
			s.t.Fatalf("server exited with %v:\n%s", err, s.output())
		}
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		s.t.Fatalf("server did not stop on SIGTERM:\n%s", s.output())
	}
	if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", ddbPort), time.Second); err == nil {
		c.Close()
		s.t.Fatalf("DynamoDB Local still listens on %d after the server stopped", ddbPort)
	}
}

func (s *server) ddbPort() int {
	b, err := os.ReadFile(filepath.Join(s.data, "dynamodb-port"))
	if err != nil {
		return 0
	}
	p, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return p
}

// output is what the server printed so far.
func (s *server) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}

func (s *server) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.Write(p)
}

// waitLog waits up to 15 s for the server to print needle.
func (s *server) waitLog(t *testing.T, needle string) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if strings.Contains(s.output(), needle) {
			return
		}
	}
	t.Fatalf("the server never printed %s:\n%s", needle, s.output())
}

// raw makes a GET with a bearer token and returns the body; want 0
// accepts any status.
func (s *server) raw(method, path, token string, want int) string {
	s.t.Helper()
	req, _ := http.NewRequest(method, s.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if want != 0 && resp.StatusCode != want {
		s.t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, b)
	}
	return string(b)
}

// demo0Firm returns the ID of a seeded demo firm.
func demo0Firm(t *testing.T, s *server) string {
	t.Helper()
	items := s.call("GET", "/lawyers?limit=1", "", nil, 200)["items"].([]any)
	return items[0].(map[string]any)["firmId"].(string)
}

func (s *server) visitorCall(method, path, visitorToken string, body any, want int) map[string]any {
	s.t.Helper()
	return s.request(method, path, map[string]string{"X-Visitor-Token": visitorToken}, body, want)
}

func (s *server) call(method, path, token string, body any, want int) map[string]any {
	s.t.Helper()
	h := map[string]string{}
	if token != "" {
		h["Authorization"] = "Bearer " + token
	}
	return s.request(method, path, h, body, want)
}

func (s *server) request(method, path string, headers map[string]string, body any, want int) map[string]any {
	s.t.Helper()
	return testclient.Call(s.t, s.base, method, path, headers, body, want)
}

// TestLocalServer walks the README's journey through the built server over
// HTTP — token, firm, lawyer, slots, question — then stops it with SIGTERM,
// starts it again on the same data folder and finds everything still there.
func TestLocalServer(t *testing.T) {
	bin := buildServer(t)
	dataDir := t.TempDir()
	// Bookings expire after 3 s and the sweeper runs every second, so that
	// expiry can be seen end to end.
	s := startServer(t, bin, dataDir, "BOOKING_PENDING_TTL=3s", "SWEEP_INTERVAL=1s")

	// Demo data was seeded into the empty store.
	lawyers := s.call("GET", "/lawyers?limit=100", "", nil, 200)["items"].([]any)
	if len(lawyers) != 12 {
		t.Fatalf("seeded %d lawyers, want 12", len(lawyers))
	}
	demo := lawyers[0].(map[string]any)["id"].(string)
	if slots := s.call("GET", "/lawyers/"+demo+"/slots", "", nil, 200)["items"].([]any); len(slots) == 0 {
		t.Fatal("a demo lawyer has no open slots")
	}

	admin := s.call("POST", "/local/token", "", map[string]any{"role": "admin"}, 200)["token"].(string)
	firm := s.call("POST", "/firms", admin, map[string]any{"name": "端到端律师事务所", "phone": "025-87654321", "city": "南京"}, 201)["id"].(string)
	staff := s.call("POST", "/local/token", "", map[string]any{"role": "staff", "firmId": firm}, 200)["token"].(string)
	lawyer := s.call("POST", "/lawyers", staff, map[string]any{"firmId": firm, "name": "周律师", "areas": []string{"labor"},
		"city": "南京", "licenseNo": "13201201810123456", "phone": "13700137000"}, 201)["id"].(string)
	lawyerTok := s.call("POST", "/local/token", "", map[string]any{"role": "lawyer", "lawyerId": lawyer}, 200)["token"].(string)
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour).Format(time.RFC3339)
	later := time.Now().Add(96 * time.Hour).Truncate(time.Hour).Format(time.RFC3339)
	s.call("POST", "/lawyers/"+lawyer+"/slots", lawyerTok, map[string]any{"slots": []map[string]any{{"start": start, "minutes": 30}}}, 201)
	s.call("POST", "/lawyers/"+lawyer+"/slots", "", map[string]any{"slots": []map[string]any{{"start": start, "minutes": 30}}}, 401)
	q := s.call("POST", "/questions", "", map[string]any{"title": "被公司辞退了没有补偿怎么办", "name": "韩梅梅", "phone": "13800138000", "consent": true}, 201)
	if q["area"] != "labor" || q["accessToken"] == "" {
		t.Fatalf("question = %v", q)
	}
	s.call("POST", "/local/token", "", map[string]any{"role": "lawyer", "lawyerId": "01NOPE"}, 400)

	// The visitor books, the lawyer accepts; both notifications are sent
	// (printed, without personal data) and marked sent.
	qid, vtok := q["id"].(string), q["accessToken"].(string)
	booking := s.visitorCall("POST", "/bookings", vtok, map[string]any{"questionId": qid, "lawyerId": lawyer, "start": start, "mode": "phone"}, 201)
	bid := booking["id"].(string)
	s.call("POST", "/bookings/"+bid+"/accept", lawyerTok, nil, 200)
	s.waitLog(t, `"kind":"booking_created","booking":"`+bid+`"`)
	s.waitLog(t, `"kind":"booking_confirmed","booking":"`+bid+`"`)

	// The local inbox shows what was "sent", as the recipient reads it:
	// the lawyer's request, the visitor's confirmation with its .ics.
	sent := s.call("GET", "/local/notifications?booking="+bid, "", nil, 200)["items"].([]any)
	kinds := map[string]bool{}
	for _, it := range sent {
		m := it.(map[string]any)
		kinds[m["kind"].(string)+"/"+m["to"].(string)+"/"+m["channel"].(string)] = true
		if m["bookingId"] != bid || m["text"] == "" {
			t.Fatalf("inbox item = %v", m)
		}
		if m["kind"] == "booking_confirmed" && m["channel"] == "sms" && !strings.Contains(m["text"].(string), "周律师") {
			t.Fatalf("the confirmation's text = %v", m["text"])
		}
	}
	if !kinds["booking_created/lawyer/sms"] || !kinds["booking_confirmed/visitor/sms"] {
		t.Fatalf("inbox for the booking = %v", sent)
	}
	if page := s.raw("GET", "/local/inbox?booking="+bid, "", 200); !strings.Contains(page, "周律师") || !strings.Contains(page, "booking_confirmed") ||
		!strings.Contains(page, "本地收件箱") || strings.Contains(page, "<script") {
		t.Fatalf("inbox page = %s", page)
	}

	// Both see each other's contact; staff of the firm see the lead with it
	// and an audit trail naming the lawyer's view; another firm never does.
	if c := s.visitorCall("GET", "/bookings/"+bid+"/contact", vtok, nil, 200)["lawyer"].(map[string]any); c["phone"] != "13700137000" {
		t.Fatalf("the visitor's view of the lawyer = %v", c)
	}
	if c := s.call("GET", "/bookings/"+bid+"/contact", lawyerTok, nil, 200)["visitor"].(map[string]any); c["phone"] != "13800138000" {
		t.Fatalf("the lawyer's view of the visitor = %v", c)
	}
	leads := s.raw("GET", "/leads", staff, 200)
	if !strings.Contains(leads, "13800138000") {
		t.Fatalf("the firm's staff do not see their confirmed lead's contact: %s", leads)
	}
	audit := s.raw("GET", "/audit?subject="+qid, staff, 200)
	if !strings.Contains(audit, `"actor":"lawyer:`+lawyer+`"`) || !strings.Contains(audit, `"route":"GET /bookings/{id}/contact"`) {
		t.Fatalf("the audit trail does not name the lawyer's view: %s", audit)
	}
	otherFirm := demo0Firm(t, s)
	otherStaff := s.call("POST", "/local/token", "", map[string]any{"role": "staff", "firmId": otherFirm}, 200)["token"].(string)
	for _, path := range []string{"/leads", "/leads?scope=unassigned", "/leads.csv", "/bookings/" + bid, "/bookings/" + bid + "/contact", "/audit?subject=" + qid} {
		if body := s.raw("GET", path, otherStaff, 0); strings.Contains(body, "13800138000") {
			t.Fatalf("staff of another firm see the phone on %s: %s", path, body)
		}
	}
	// Expiry: a second question's booking nobody answers expires within
	// seconds and frees its slot; the visitor is told.
	q2 := s.call("POST", "/questions", "", map[string]any{"title": "被公司辞退了没有补偿怎么办", "name": "韩梅梅", "phone": "13800138001", "consent": true}, 201)
	s.call("POST", "/lawyers/"+lawyer+"/slots", lawyerTok, map[string]any{"slots": []map[string]any{{"start": later, "minutes": 30}}}, 201)
	b2 := s.visitorCall("POST", "/bookings", q2["accessToken"].(string), map[string]any{"questionId": q2["id"], "lawyerId": lawyer, "start": later, "mode": "video"}, 201)
	s.waitLog(t, `"kind":"booking_expired","booking":"`+b2["id"].(string)+`"`)
	if got := s.visitorCall("GET", "/bookings/"+b2["id"].(string), q2["accessToken"].(string), nil, 200)["status"]; got != "expired" {
		t.Fatalf("unanswered booking = %v, want expired", got)
	}
	if open := s.call("GET", "/lawyers/"+lawyer+"/slots", "", nil, 200)["items"].([]any); len(open) != 1 {
		t.Fatalf("open slots after expiry = %v", open)
	}
	s.stop()
	if out := s.output(); strings.Contains(out, "13800138000") || strings.Contains(out, "韩梅梅") || strings.Contains(out, "13700137000") {
		t.Fatalf("the server logged personal data:\n%s", s.out)
	}

	// Same data folder: nothing lost, nothing seeded twice.
	s = startServer(t, bin, dataDir)
	defer s.stop()
	if got := s.call("GET", "/firms/"+firm, "", nil, 200)["name"]; got != "端到端律师事务所" {
		t.Fatalf("firm after restart = %v", got)
	}
	if n := len(s.call("GET", "/lawyers?limit=100", "", nil, 200)["items"].([]any)); n != 13 {
		t.Fatalf("%d lawyers after restart, want 13", n)
	}
	slots := s.call("GET", "/lawyers/"+lawyer+"/slots", "", nil, 200)["items"].([]any)
	if len(slots) != 1 {
		t.Fatalf("slots after restart = %v", slots)
	}
	// A token signed before the restart still verifies: the secret persists.
	s.call("POST", "/lawyers/"+lawyer+"/slots", lawyerTok, map[string]any{"slots": []map[string]any{{"start": start, "minutes": 30}}}, 409)
	s.call("GET", "/questions/"+q["id"].(string), "", nil, 404)
	if got := s.visitorCall("GET", "/bookings/"+bid, vtok, nil, 200)["status"]; got != "confirmed" {
		t.Fatalf("booking after restart = %v", got)
	}

	// The visitor erases the question: the data is gone from the leads, the
	// CSV and the contact routes; the audit trail stays, without values.
	s.visitorCall("DELETE", "/questions/"+qid, vtok, nil, 204)
	for _, path := range []string{"/leads", "/leads.csv", "/bookings/" + bid, "/bookings/" + bid + "/contact", "/audit?subject=" + qid} {
		if body := s.raw("GET", path, staff, 0); strings.Contains(body, "13800138000") || strings.Contains(body, "韩梅梅") {
			t.Fatalf("%s still shows the erased visitor: %s", path, body)
		}
	}
	if got := s.visitorCall("GET", "/bookings/"+bid, vtok, nil, 200)["status"]; got != "cancelled" {
		t.Fatalf("the erased question's booking = %v, want cancelled", got)
	}
}
