package localserver_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lawdesk/lawdesk/infra/localserver"
	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// webDir builds a small web folder: what the handler may serve and what it
// must not.
func webDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":         "<!doctype html><title>x</title>",
		"assets/app.js":      "export const x = 1;",
		"assets/app.css":     "body{}",
		"assets/icon.svg":    "<svg xmlns='http://www.w3.org/2000/svg'/>",
		"assets/.secret.js":  "no",
		"assets/notes.md":    "no",
		"assets/sub/page.js": "export {};",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestWebServesPagesWithHeaders(t *testing.T) {
	srv := httptest.NewServer(localserver.NewWeb(webDir(t)))
	defer srv.Close()
	for _, tc := range []struct {
		method, path string
		status       int
		ctype, body  string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "<!doctype html>"},
		{"HEAD", "/", 200, "text/html; charset=utf-8", ""},
		{"GET", "/assets/app.js", 200, "text/javascript; charset=utf-8", "export const x"},
		{"GET", "/assets/app.css", 200, "text/css; charset=utf-8", "body{}"},
		{"GET", "/assets/icon.svg", 200, "image/svg+xml", "<svg"},
		{"GET", "/assets/sub/page.js", 200, "text/javascript; charset=utf-8", "export {}"},
		{"GET", "/config.json", 200, "application/json; charset=utf-8", `{"auth":"local"}`},
		{"GET", "/assets/.secret.js", 404, "application/json; charset=utf-8", `"not_found"`},
		{"GET", "/assets/notes.md", 404, "application/json; charset=utf-8", `"not_found"`},
		{"GET", "/assets/sub", 404, "application/json; charset=utf-8", `"not_found"`},
		{"GET", "/assets/nope.js", 404, "application/json; charset=utf-8", `"not_found"`},
		{"GET", "/assets/%2e%2e/index.html", 404, "application/json; charset=utf-8", `"not_found"`},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if got, want := resp.StatusCode, tc.status; got != want {
				t.Fatalf("status = %d, want %d: %s", got, want, body)
			}
			if got := resp.Header.Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type = %q, want %q", got, tc.ctype)
			}
			if !strings.Contains(string(body), tc.body) {
				t.Errorf("body = %q, want it to hold %q", body, tc.body)
			}
			h := resp.Header
			if got := h.Get("Content-Security-Policy"); !strings.Contains(got, "default-src 'self'") || strings.Contains(got, "unsafe") {
				t.Errorf("Content-Security-Policy = %q", got)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" {
				t.Errorf("headers = %v", h)
			}
			if tc.status == 200 && h.Get("Cache-Control") == "" {
				t.Error("no Cache-Control")
			}
		})
	}
}

// A second request with the ETag answers 304: the pages revalidate cheaply.
func TestWebRevalidates(t *testing.T) {
	srv := httptest.NewServer(localserver.NewWeb(webDir(t)))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/assets/app.js")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	etag := resp.Header.Get("ETag")
	if etag == "" || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("ETag %q, Cache-Control %q", etag, resp.Header.Get("Cache-Control"))
	}
	req, _ := http.NewRequest("GET", srv.URL+"/assets/app.js", nil)
	req.Header.Set("If-None-Match", etag)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Fatalf("status = %d, want 304", resp.StatusCode)
	}
}

// In the gateway the pages take only /, /assets/ and /config.json: every
// other path is still the API's, with its envelope.
func TestGatewayServesPagesBesideTheAPI(t *testing.T) {
	srv := httptest.NewServer(localserver.NewGateway(api.NewHandler(api.Deps{}), nil, nil))
	defer srv.Close()
	for _, tc := range []struct {
		method, path string
		status       int
		json         bool
	}{
		{"GET", "/", 200, false},
		{"GET", "/assets/icon.svg", 200, false},
		{"GET", "/config.json", 200, true},
		{"GET", "/no-such-route", 404, true},
		{"GET", "/index.html", 404, true},
		{"POST", "/", 404, true},
		{"DELETE", "/assets/icon.svg", 404, true},
		{"GET", "/questions/x/nope", 404, true},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s: status %d, want %d: %s", tc.method, tc.path, resp.StatusCode, tc.status, body)
			continue
		}
		if tc.json && !json.Valid(body) {
			t.Errorf("%s %s: body is not JSON: %s", tc.method, tc.path, body)
		}
		if tc.status == 404 && !strings.Contains(string(body), `"code":"not_found"`) {
			t.Errorf("%s %s: want the not_found envelope, got %s", tc.method, tc.path, body)
		}
	}
}

// The local inbox shows every message as its recipient reads it,
// filtered by booking or question, escaped (a text is never markup), the
// address masked; only on a loopback host, as everything local.
func TestInbox(t *testing.T) {
	in := localserver.NewInbox(nil)
	for _, m := range []domain.Message{
		{Kind: domain.NoticeConfirmed, BookingID: "B1", QuestionID: "Q1", To: domain.RoleVisitor, Channel: "email", Address: "lilei@example.com",
			Subject: "LawDesk · 预约已确认", Text: "王晓明 律师已确认 <script>alert(1)</script>", ICS: []byte("BEGIN:VCALENDAR\r\nSEQUENCE:0\r\n")},
		{Kind: domain.NoticeReminder, BookingID: "B2", QuestionID: "Q2", To: domain.RoleLawyer, Channel: "sms", Address: "13912345678", Text: "提醒"},
	} {
		if err := in.Send(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(localserver.NewGateway(api.NewHandler(api.Deps{}), nil, nil, in))
	defer srv.Close()
	get := func(path string) (int, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	var got struct {
		Items []localserver.InboxItem `json:"items"`
	}
	_, body := get("/local/notifications?booking=B1")
	if err := json.Unmarshal([]byte(body), &got); err != nil || len(got.Items) != 1 || got.Items[0].Address != "l***@example.com" ||
		!strings.Contains(got.Items[0].ICS, "SEQUENCE:0") || got.Items[0].To != domain.RoleVisitor {
		t.Fatalf("notifications of B1 = %s (%v)", body, err)
	}
	if _, body := get("/local/notifications?question=Q2"); !strings.Contains(body, `"kind":"reminder"`) || strings.Contains(body, "B1") {
		t.Fatalf("notifications of Q2 = %s", body)
	}
	status, page := get("/local/inbox")
	if status != 200 || strings.Contains(page, "<script>alert") || !strings.Contains(page, "&lt;script&gt;") ||
		!strings.Contains(page, "139****5678") || strings.Contains(page, "13912345678") || strings.Index(page, "提醒") > strings.Index(page, "王晓明") {
		t.Fatalf("inbox page (newest first, escaped, masked) = %d %s", status, page)
	}
}
