package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/lawdesk/lawdesk/infra/ddblocal"
	"github.com/lawdesk/lawdesk/shared/api"
)

// Server is the local server of `make run` (infra/cmd/local), built and
// run as a child process on a free port with a data folder of its own, so
// the soak measures the binary a newcomer runs — HTTP, the API Gateway
// adapter, DynamoDB Local on disk — and can read its memory from /proc.
type Server struct {
	Base    string // http://127.0.0.1:port
	Dir     string // holds the binary, DATA_DIR and the server's log
	LogPath string

	cmd  *exec.Cmd
	log  *os.File
	done chan struct{}
	err  error // cmd.Wait's, once done is closed
}

// StartServer builds infra/cmd/local from the checkout root into dir and
// starts it with DATA_DIR in dir, SEED_DEMO=1 and env (NAME=value) added,
// then waits until GET /healthz answers 200. The server's output goes to
// LogPath, not to the benchmark's table.
func StartServer(ctx context.Context, root, dir string, env ...string) (*Server, error) {
	bin := filepath.Join(dir, "local")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./infra/cmd/local")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("build the local server: %v\n%s", err, out)
	}
	port, err := ddblocal.FreePort()
	if err != nil {
		return nil, err
	}
	s := &Server{Base: fmt.Sprintf("http://127.0.0.1:%d", port), Dir: dir, LogPath: filepath.Join(dir, "server.log"), done: make(chan struct{})}
	if s.log, err = os.Create(s.LogPath); err != nil {
		return nil, err
	}
	s.cmd = exec.Command(bin)
	s.cmd.Env = append(os.Environ(), append([]string{
		"PORT=" + strconv.Itoa(port), "DATA_DIR=" + filepath.Join(dir, "data"), "LAWDESK_ROOT=" + root,
		"DYNAMODB_ENDPOINT=", "SEED_DEMO=1",
	}, env...)...)
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	// SIGTERM, not SIGKILL, if the benchmark dies: the server then stops
	// the DynamoDB Local it started, which lives in a process group of its
	// own and would otherwise be left running.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := s.cmd.Start(); err != nil {
		s.log.Close()
		return nil, err
	}
	go func() { s.err = s.cmd.Wait(); close(s.done) }()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		if resp, err := http.Get(s.Base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		select {
		case <-s.done:
			return nil, fmt.Errorf("the local server exited at start (%v); its log is %s", s.err, s.LogPath)
		case <-ctx.Done():
			s.Stop()
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("the local server was not healthy within 3 minutes; its log is %s", s.LogPath)
		}
	}
}

// PID is the server's process id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// Stop sends SIGTERM and waits for the server, which stops its DynamoDB
// Local first; after 30 s it kills both.
func (s *Server) Stop() error {
	defer s.log.Close()
	java := childPID(s.PID(), "java")
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
		return s.err
	case <-time.After(30 * time.Second):
	}
	_ = s.cmd.Process.Kill()
	if java > 0 {
		_ = syscall.Kill(java, syscall.SIGKILL)
	}
	<-s.done
	return errors.New("the local server did not stop within 30 s of SIGTERM and was killed")
}

// LogSummary is what the server's log says of the soak: lines at level
// ERROR (where an internal fault leaves its cause), and the requests it
// answered 5xx, with how many of those ran into the request deadline
// (api.DefaultTimeout) — the store being too slow, rather than a fault.
type LogSummary struct {
	ErrorLines, Answered5xx, AtDeadline int
}

// Log reads the server's log.
func (s *Server) Log() LogSummary {
	var sum LogSummary
	f, err := os.Open(s.LogPath)
	if err != nil {
		return sum
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		var line struct {
			Level  string `json:"level"`
			Msg    string `json:"msg"`
			Status int    `json:"status"`
			MS     int64  `json:"ms"`
		}
		if json.Unmarshal(sc.Bytes(), &line) != nil {
			continue
		}
		switch {
		case line.Level == "ERROR":
			sum.ErrorLines++
		case line.Msg == "request" && line.Status >= 500:
			sum.Answered5xx++
			if time.Duration(line.MS)*time.Millisecond >= api.DefaultTimeout {
				sum.AtDeadline++
			}
		}
	}
	return sum
}

// ProcUsage is one process's resident memory (/proc/<pid>/status) and
// the CPU time it has used (/proc/<pid>/stat, every thread).
type ProcUsage struct {
	PID      int
	RSS, HWM int64 // bytes: VmRSS now, VmHWM the peak so far
	CPU      time.Duration
}

// Usage reads the usage of the server (the Go process) and of the
// DynamoDB Local it started (its java child; PID 0 when not found).
func (s *Server) Usage() (server, dynamo ProcUsage, err error) {
	if server, err = procUsage(s.PID()); err != nil {
		return server, dynamo, err
	}
	if java := childPID(s.PID(), "java"); java > 0 {
		dynamo, err = procUsage(java)
	}
	return server, dynamo, err
}

// clockTick is the unit of /proc/<pid>/stat's CPU times (USER_HZ, 100 on
// every Linux this runs on).
const clockTick = 10 * time.Millisecond

func procUsage(pid int) (ProcUsage, error) {
	u := ProcUsage{PID: pid}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return u, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		name, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		// "VmRSS:	  123456 kB"
		kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 10, 64)
		switch name {
		case "VmRSS":
			u.RSS = kb << 10
		case "VmHWM":
			u.HWM = kb << 10
		}
	}
	if b, err = os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err != nil {
		return u, err
	}
	// After "pid (comm)": state ppid … utime stime are the 12th and 13th.
	if f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:])); len(f) > 12 {
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		u.CPU = time.Duration(ut+st) * clockTick
	}
	return u, nil
}

// childPID returns the pid of parent's child process named comm, or 0.
// DynamoDB Local is the server's only java child.
func childPID(parent int, comm string) int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		// "pid (comm) state ppid …"; comm may hold spaces and parentheses.
		s := string(b)
		open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || end < open {
			continue
		}
		fields := strings.Fields(s[end+1:])
		if len(fields) < 2 || s[open+1:end] != comm {
			continue
		}
		if ppid, _ := strconv.Atoi(fields[1]); ppid == parent {
			pid, _ := strconv.Atoi(strings.TrimSpace(s[:open]))
			return pid
		}
	}
	return 0
}
