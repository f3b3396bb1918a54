// Package motoserver runs moto's server mode (python3 -m moto.server) on a
// free loopback port for tests of the code that talks to SES, SNS,
// Cognito and Secrets Manager: real AWS APIs on the wire, no account. moto is on the machine
// image with boto3; when it is missing the test fails and says so.
package motoserver

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Start runs moto until the test ends and returns its endpoint.
func Start(tb testing.TB) string {
	tb.Helper()
	if err := exec.Command("python3", "-c", "import moto.server").Run(); err != nil {
		tb.Fatalf("moto is missing: these tests need moto's server mode (pip install 'moto[server]'): %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	endpoint := fmt.Sprintf("http://127.0.0.1:%d", port)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(endpoint + "/moto-api/"); err == nil {
			resp.Body.Close()
			return endpoint
		}
	}
	tb.Fatalf("moto did not answer on %s", endpoint)
	return ""
}

// Call sends one request of a JSON-protocol AWS API (Secrets Manager, …)
// to moto: target is the X-Amz-Target ("secretsmanager.CreateSecret"),
// service the signing name. It is signed with moto's default test
// credentials, valid before EnableAuth. The answer is decoded into out.
func Call(tb testing.TB, endpoint, service, target string, in, out any) {
	tb.Helper()
	body, err := json.Marshal(in)
	if err != nil {
		tb.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, endpoint+"/", bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", target)
	sign(tb, req, body, service)
	do(tb, req, target, out, json.Unmarshal)
}

// User creates an IAM user allowed what policy (an IAM policy document)
// allows, and returns its access key. moto checks these once EnableAuth
// has turned its IAM authentication on. (moto evaluates Secrets Manager
// requests against the resource "*", so a policy scoped to one secret's
// ARN denies them there; the scoping itself is checked in infra/checks.)
func User(tb testing.TB, endpoint, name, policy string) (keyID, secret string) {
	tb.Helper()
	query := func(form url.Values, out any) {
		form.Set("Version", "2010-05-08")
		body := []byte(form.Encode())
		req, err := http.NewRequest(http.MethodPost, endpoint+"/", bytes.NewReader(body))
		if err != nil {
			tb.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		sign(tb, req, body, "iam")
		do(tb, req, form.Get("Action"), out, xml.Unmarshal)
	}
	query(url.Values{"Action": {"CreateUser"}, "UserName": {name}}, nil)
	query(url.Values{"Action": {"PutUserPolicy"}, "UserName": {name}, "PolicyName": {name}, "PolicyDocument": {policy}}, nil)
	var key struct {
		AccessKeyID     string `xml:"CreateAccessKeyResult>AccessKey>AccessKeyId"`
		SecretAccessKey string `xml:"CreateAccessKeyResult>AccessKey>SecretAccessKey"`
	}
	query(url.Values{"Action": {"CreateAccessKey"}, "UserName": {name}}, &key)
	if key.AccessKeyID == "" {
		tb.Fatalf("moto made no access key for %s", name)
	}
	return key.AccessKeyID, key.SecretAccessKey
}

// EnableAuth turns moto's IAM authentication on: from now on every request
// must be signed by a user's key (User) and be allowed by its policy.
func EnableAuth(tb testing.TB, endpoint string) {
	tb.Helper()
	resp, err := http.Post(endpoint+"/moto-api/reset-auth", "text/plain", strings.NewReader("0"))
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("moto reset-auth: %s", resp.Status)
	}
}

func sign(tb testing.TB, req *http.Request, body []byte, service string) {
	tb.Helper()
	sum := sha256.Sum256(body)
	creds := aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test"}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), service, "us-east-1", time.Now()); err != nil {
		tb.Fatal(err)
	}
}

func do(tb testing.TB, req *http.Request, what string, out any, decode func([]byte, any) error) {
	tb.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("moto %s: %s: %s", what, resp.Status, raw)
	}
	if out != nil {
		if err := decode(raw, out); err != nil {
			tb.Fatalf("moto %s: %v: %s", what, err, raw)
		}
	}
}
