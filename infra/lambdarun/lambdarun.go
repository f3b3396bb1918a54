// Package lambdarun runs a built function bootstrap the way Lambda does:
// it serves the documented Lambda Runtime API
// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) on
// loopback, starts the bootstrap with AWS_LAMBDA_RUNTIME_API pointing at
// it, and hands it events one at a time. The AWS Runtime Interface
// Emulator is not available here; this is the small harness in its place.
package lambdarun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

const prefix = "/2018-06-01/runtime/"

// Result is what the function answered to one invocation.
type Result struct {
	// Payload is the response body (invocation/{id}/response).
	Payload []byte
	// Error is the error document (invocation/{id}/error), if any.
	Error []byte
	// Duration is from handing out the event to receiving the answer.
	Duration time.Duration
}

type invocation struct {
	id      string
	payload []byte
	// timeout is the function's Timeout: the deadline handed out with the
	// event (Lambda-Runtime-Deadline-Ms) is this long after it is sent.
	timeout time.Duration
	sent    time.Time
	done    chan Result
}

// DefaultTimeout is the function timeout Invoke hands events out with.
const DefaultTimeout = 10 * time.Second

// Runtime is one running bootstrap behind the Runtime API.
type Runtime struct {
	srv     *http.Server
	ln      net.Listener
	cmd     *exec.Cmd
	queue   chan *invocation
	mu      sync.Mutex
	pending map[string]*invocation
	initErr chan []byte
	exited  chan error
	seq     int
	// started is when the bootstrap process was started; asked closes
	// at its first GET invocation/next, when askedAt is set: its init is
	// over.
	started time.Time
	asked   chan struct{}
	askOnce sync.Once
	askedAt time.Time
	// Output collects what the bootstrap wrote to stdout and stderr.
	Output *bytes.Buffer
	outMu  sync.Mutex
}

// Start serves the Runtime API and starts bootstrap with env added to the
// Lambda variables.
func Start(bootstrap string, env []string) (*Runtime, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	rt := &Runtime{ln: ln, queue: make(chan *invocation), pending: map[string]*invocation{},
		initErr: make(chan []byte, 1), exited: make(chan error, 1), asked: make(chan struct{}), Output: &bytes.Buffer{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+prefix+"invocation/next", rt.next)
	mux.HandleFunc("POST "+prefix+"invocation/{id}/response", rt.answer(false))
	mux.HandleFunc("POST "+prefix+"invocation/{id}/error", rt.answer(true))
	mux.HandleFunc("POST "+prefix+"init/error", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rt.initErr <- b
		w.WriteHeader(http.StatusAccepted)
	})
	rt.srv = &http.Server{Handler: mux}
	go func() { _ = rt.srv.Serve(ln) }()

	rt.cmd = exec.Command(bootstrap)
	rt.cmd.Env = append(append(os.Environ(),
		"AWS_LAMBDA_RUNTIME_API="+ln.Addr().String(),
		"AWS_LAMBDA_FUNCTION_NAME=test-function",
		"AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=256",
		"AWS_LAMBDA_LOG_FORMAT=JSON",
		"_HANDLER=bootstrap",
	), env...)
	w := &lockedWriter{rt: rt}
	rt.cmd.Stdout, rt.cmd.Stderr = w, w
	rt.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	rt.started = time.Now()
	if err := rt.cmd.Start(); err != nil {
		rt.srv.Close()
		return nil, err
	}
	go func() { rt.exited <- rt.cmd.Wait() }()
	return rt, nil
}

type lockedWriter struct{ rt *Runtime }

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.rt.outMu.Lock()
	defer l.rt.outMu.Unlock()
	return l.rt.Output.Write(p)
}

// Logs returns what the bootstrap has written so far.
func (rt *Runtime) Logs() string {
	rt.outMu.Lock()
	defer rt.outMu.Unlock()
	return rt.Output.String()
}

// next hands the bootstrap the next event, with the headers Lambda sends.
func (rt *Runtime) next(w http.ResponseWriter, r *http.Request) {
	rt.askOnce.Do(func() {
		rt.askedAt = time.Now()
		close(rt.asked)
	})
	select {
	case inv := <-rt.queue:
		h := w.Header()
		h.Set("Lambda-Runtime-Aws-Request-Id", inv.id)
		h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(time.Now().Add(inv.timeout).UnixMilli(), 10))
		h.Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:test-function")
		h.Set("Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1")
		h.Set("Content-Type", "application/json")
		inv.sent = time.Now()
		_, _ = w.Write(inv.payload)
	case <-r.Context().Done():
	}
}

func (rt *Runtime) answer(isErr bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rt.mu.Lock()
		inv := rt.pending[r.PathValue("id")]
		delete(rt.pending, r.PathValue("id"))
		rt.mu.Unlock()
		if inv == nil {
			http.Error(w, `{"errorMessage":"unknown request id"}`, http.StatusBadRequest)
			return
		}
		res := Result{Duration: time.Since(inv.sent)}
		if isErr {
			res.Error = b
		} else {
			res.Payload = b
		}
		inv.done <- res
		w.WriteHeader(http.StatusAccepted)
	}
}

// Init waits until the bootstrap asks for its first event and returns how
// long its init took: from starting the process to its first GET
// invocation/next, as Lambda's Init phase ends. It fails when the
// bootstrap reports an init error or exits first.
func (rt *Runtime) Init(ctx context.Context) (time.Duration, error) {
	select {
	case <-rt.asked:
		return rt.askedAt.Sub(rt.started), nil
	case b := <-rt.initErr:
		return 0, fmt.Errorf("init error: %s", b)
	case err := <-rt.exited:
		return 0, fmt.Errorf("bootstrap exited (%v): %s", err, tail(rt.Logs()))
	case <-ctx.Done():
		return 0, fmt.Errorf("bootstrap never asked for an event: %w: %s", ctx.Err(), tail(rt.Logs()))
	}
}

// Invoke hands payload to the function, with a deadline DefaultTimeout
// away, and waits for its answer.
func (rt *Runtime) Invoke(ctx context.Context, payload []byte) (Result, error) {
	return rt.InvokeWithTimeout(ctx, payload, DefaultTimeout)
}

// InvokeWithTimeout is Invoke for a function whose Timeout is timeout: the
// event's deadline (Lambda-Runtime-Deadline-Ms, the context deadline the
// handler sees) is that long after it is handed out.
func (rt *Runtime) InvokeWithTimeout(ctx context.Context, payload []byte, timeout time.Duration) (Result, error) {
	rt.mu.Lock()
	rt.seq++
	inv := &invocation{id: fmt.Sprintf("req-%d-%d", time.Now().UnixNano(), rt.seq), payload: payload, timeout: timeout, done: make(chan Result, 1)}
	rt.pending[inv.id] = inv
	rt.mu.Unlock()
	select {
	case rt.queue <- inv:
	case b := <-rt.initErr:
		return Result{}, fmt.Errorf("init error: %s", b)
	case err := <-rt.exited:
		return Result{}, fmt.Errorf("bootstrap exited (%v): %s", err, tail(rt.Logs()))
	case <-ctx.Done():
		return Result{}, fmt.Errorf("bootstrap never asked for the event: %w: %s", ctx.Err(), tail(rt.Logs()))
	}
	select {
	case res := <-inv.done:
		return res, nil
	case err := <-rt.exited:
		return Result{}, fmt.Errorf("bootstrap exited (%v) during the invocation: %s", err, tail(rt.Logs()))
	case <-ctx.Done():
		return Result{}, errors.Join(ctx.Err(), errors.New(tail(rt.Logs())))
	}
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	return strings.Join(lines, "\n")
}

// Close stops the bootstrap and the Runtime API.
func (rt *Runtime) Close() {
	if rt.cmd.Process != nil {
		_ = rt.cmd.Process.Kill()
	}
	_ = rt.srv.Close()
}
