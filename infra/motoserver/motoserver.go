// Package motoserver runs moto's server mode (python3 -m moto.server) on a
// free loopback port for tests of the code that talks to SES, SNS and
// Cognito: real AWS APIs on the wire, no account. moto is on the machine
// image with boto3; when it is missing the test fails and says so.
package motoserver

import (
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"syscall"
	"testing"
	"time"
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
