package localserver_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lawdesk/lawdesk/infra/localserver"
	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/auth"
)

// TestGatewayAnswersOnlyLoopbackHosts: a page on another site can make a
// developer's browser reach 127.0.0.1 under its own name (DNS rebinding)
// and, being same-origin then, read the answers — POST /local/token would
// hand it an admin token. The local server answers only requests that
// name it by a loopback host.
func TestGatewayAnswersOnlyLoopbackHosts(t *testing.T) {
	srv := httptest.NewServer(localserver.NewGateway(api.NewHandler(api.Deps{}), auth.NewLocalSigner([]byte("test-secret-0123456789abcdef0123456789")), nil))
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	send := func(host, method, path, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.Host = host
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, host := range []string{"127.0.0.1" + port, "localhost" + port, "LocalHost" + port, "[::1]" + port, "127.0.0.1", "localhost", "[::1]"} {
		if status, body := send(host, "POST", "/local/token", `{"role":"admin"}`); status != 200 || !strings.Contains(body, `"token"`) {
			t.Errorf("Host %q: POST /local/token = %d %s, want 200 and a token", host, status, body)
		}
	}
	for _, host := range []string{
		"rebind.example", "rebind.example" + port, "127.0.0.1.rebind.example" + port, "localhost.rebind.example",
		"app.localhost" + port, "127.0.0.2" + port, "0.0.0.0" + port, "[::2]" + port, "192.168.1.10" + port,
		"localhost." + port, "127.1" + port, "2130706433" + port,
	} {
		for _, r := range []struct{ method, path, body string }{
			{"POST", "/local/token", `{"role":"admin"}`}, {"GET", "/", ""}, {"GET", "/config.json", ""}, {"GET", "/healthz", ""},
		} {
			status, body := send(host, r.method, r.path, r.body)
			var env struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if status != 403 || json.Unmarshal([]byte(body), &env) != nil || env.Error.Code != "forbidden" || strings.Contains(body, "token\"") {
				t.Errorf("Host %q: %s %s = %d %s, want 403 forbidden in the envelope", host, r.method, r.path, status, body)
			}
		}
	}
}
