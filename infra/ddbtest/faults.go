package ddbtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go/middleware"

	"github.com/lawdesk/lawdesk/shared/store"
)

// Fault is what an injected failure does to every attempt of one DynamoDB
// call. The SDK's own retries run as in production: a fault the SDK
// retries is met again on each attempt unless it says otherwise.
type Fault string

// The faults DynamoDB Local never produces by itself.
const (
	// ProvisionedThroughput answers each attempt 400
	// ProvisionedThroughputExceededException, nothing applied.
	ProvisionedThroughput Fault = "ProvisionedThroughput"
	// Throttling answers each attempt 400 ThrottlingException.
	Throttling Fault = "Throttling"
	// TxConflict answers a TransactWriteItems with TransactionCanceledException
	// whose first reason is TransactionConflict (the rest None), and any
	// other write with TransactionConflictException: another transaction
	// held an item. Nothing applied. It does not apply to reads.
	TxConflict Fault = "TxConflict"
	// Timeout lets the request reach DynamoDB (a write is applied), then
	// withholds the answer until the call's context ends: the request's
	// deadline passes while the store is waited for.
	Timeout Fault = "Timeout"
	// Reset lets the first attempt reach DynamoDB (a write is applied),
	// then fails it with "connection reset by peer" in place of the
	// answer; the SDK's retries go through untouched.
	Reset Fault = "Reset"
	// ResetAlways is Reset on every attempt: each reaches DynamoDB, none
	// gets its answer.
	ResetAlways Fault = "Reset*"
)

// Call is one DynamoDB operation (with all its attempts) made while an
// injector is armed.
type Call struct {
	// N counts the calls since Arm, from 1; OpN the calls of this Op.
	// Calls a request makes at the same time (reads in one round) start
	// in any order: OpN names a call the same way every run.
	N   int
	OpN int
	Op  string // "GetItem", "TransactWriteItems", …
	// Write is true for PutItem, UpdateItem, DeleteItem, BatchWriteItem and
	// TransactWriteItems.
	Write bool
	// Writes counts the write calls since Arm, this one included.
	Writes int
	// ReadsAfterWrite counts the reads since the first write, this one
	// included (0 before any write).
	ReadsAfterWrite int
	// Fault is the fault injected into this call ("" for none).
	Fault Fault
	// Attempts is how many HTTP attempts the SDK made; Sent how many of
	// them were handed to DynamoDB; Answered how many answers DynamoDB gave
	// (whether or not the client got them), of which OK were 200 — for a
	// write: applied, or found applied already (a transaction's token).
	Attempts, Sent, Answered, OK int
}

// MayHaveApplied reports whether the call is a write that DynamoDB applied
// or may have: it answered 200, or an attempt reached it and its answer
// never came.
func (c Call) MayHaveApplied() bool {
	return c.Write && (c.OK > 0 || c.Sent > c.Answered)
}

// Plan says which calls fail and how.
type Plan struct {
	Fault Fault
	// Pick chooses the calls that fail; nil fails none (the calls are
	// only recorded).
	Pick func(Call) bool
}

// Injector fails chosen calls of one DynamoDB client, between Arm and
// Disarm, at the HTTP layer beneath the SDK: calls made while it is not
// armed (a test's setup) pass untouched.
type Injector struct {
	// Waiting, when set, is told that a Timeout fault has begun to wait for
	// ctx, the call's context, to end: a test may end the request's
	// deadline then rather than wait for it.
	Waiting func(ctx context.Context)

	mu    sync.Mutex
	armed bool
	plan  Plan
	calls []*Call
}

// NewInjector returns a client of the test binary's DynamoDB Local that
// an Injector controls. It keeps the production client's retries
// (store.RetryOptions) and HTTP timeout, except the SDK's client-wide retry
// quota: it would carry over from one injected fault to the next, where
// production meets each fault with whatever quota the traffic left.
func NewInjector(tb testing.TB) (*dynamodb.Client, *Injector) {
	tb.Helper()
	base := Client(tb).Options()
	in := &Injector{}
	transport, timeout := http.DefaultTransport.(*http.Transport).Clone(), 5*time.Second
	if bc, ok := base.HTTPClient.(*awshttp.BuildableClient); ok {
		transport, timeout = bc.GetTransport(), bc.GetTimeout()
	}
	db := dynamodb.New(base, func(o *dynamodb.Options) {
		o.Retryer = retry.NewStandard(store.RetryOptions, func(o *retry.StandardOptions) { o.RateLimiter = ratelimit.None })
		o.HTTPClient = &http.Client{Transport: &faultTransport{base: transport}, Timeout: timeout}
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			return s.Initialize.Add(middleware.InitializeMiddlewareFunc("fault-plan", in.initialize), middleware.After)
		})
	})
	return db, in
}

// Arm starts a plan: the calls from now on are counted from 1, recorded,
// and failed where plan.Pick says.
func (in *Injector) Arm(plan Plan) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.armed, in.plan, in.calls = true, plan, nil
}

// Disarm ends the plan and returns the calls made under it, in order.
func (in *Injector) Disarm() []Call {
	in.mu.Lock()
	defer in.mu.Unlock()
	out := make([]Call, len(in.calls))
	for i, c := range in.calls {
		out[i] = *c
	}
	in.armed, in.plan, in.calls = false, Plan{}, nil
	return out
}

// callKey carries a call's *callState to the transport.
type callKey struct{}

type callState struct {
	in    *Injector
	call  *Call
	fault Fault
}

var writeOps = map[string]bool{"PutItem": true, "UpdateItem": true, "DeleteItem": true, "BatchWriteItem": true, "TransactWriteItems": true}

// initialize runs once per call, before the SDK's retry loop: it numbers
// the call and decides its fault.
func (in *Injector) initialize(ctx context.Context, input middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	in.mu.Lock()
	if !in.armed {
		in.mu.Unlock()
		return next.HandleInitialize(ctx, input)
	}
	op := awsmiddleware.GetOperationName(ctx)
	c := &Call{N: len(in.calls) + 1, Op: op, Write: writeOps[op]}
	for _, x := range in.calls {
		if x.Op == op {
			c.OpN++
		}
	}
	c.OpN++
	if len(in.calls) > 0 {
		prev := in.calls[len(in.calls)-1]
		c.Writes, c.ReadsAfterWrite = prev.Writes, prev.ReadsAfterWrite
	}
	if c.Write {
		c.Writes++
	} else if c.Writes > 0 {
		c.ReadsAfterWrite++
	}
	st := &callState{in: in, call: c}
	if in.plan.Pick != nil && in.plan.Fault != "" && (c.Write || in.plan.Fault != TxConflict) && in.plan.Pick(*c) {
		st.fault, c.Fault = in.plan.Fault, in.plan.Fault
	}
	in.calls = append(in.calls, c)
	in.mu.Unlock()
	return next.HandleInitialize(context.WithValue(ctx, callKey{}, st), input)
}

// faultTransport carries out a call's fault on each of its attempts.
type faultTransport struct {
	base http.RoundTripper
}

func (t *faultTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	st, _ := req.Context().Value(callKey{}).(*callState)
	if st == nil {
		return t.base.RoundTrip(req)
	}
	st.in.mu.Lock()
	st.call.Attempts++
	attempt := st.call.Attempts
	st.in.mu.Unlock()
	switch st.fault {
	case ProvisionedThroughput:
		return apiError(req, "ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded.", nil)
	case Throttling:
		return apiError(req, "ThrottlingException", "Rate of requests exceeds the allowed throughput.", nil)
	case TxConflict:
		if st.call.Op != "TransactWriteItems" {
			return apiError(req, "TransactionConflictException", "Transaction is ongoing for the item", nil)
		}
		n, err := transactItems(req)
		if err != nil {
			return nil, err
		}
		reasons := make([]map[string]string, n)
		codes := make([]string, n)
		for i := range reasons {
			reasons[i], codes[i] = map[string]string{"Code": "None"}, "None"
		}
		reasons[0] = map[string]string{"Code": "TransactionConflict", "Message": "Transaction is ongoing for the item"}
		codes[0] = "TransactionConflict"
		return apiError(req, "TransactionCanceledException",
			"Transaction cancelled, please refer cancellation reasons for specific reasons ["+strings.Join(codes, ", ")+"]",
			map[string]any{"CancellationReasons": reasons})
	}
	st.in.mu.Lock()
	st.call.Sent++
	st.in.mu.Unlock()
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	st.in.mu.Lock()
	st.call.Answered++
	if resp.StatusCode == http.StatusOK {
		st.call.OK++
	}
	st.in.mu.Unlock()
	switch {
	case st.fault == Timeout:
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if st.in.Waiting != nil {
			st.in.Waiting(req.Context())
		}
		select {
		case <-req.Context().Done():
			return nil, req.Context().Err()
		case <-time.After(time.Minute):
			return nil, fmt.Errorf("ddbtest: a Timeout fault waited a minute for a context without deadline")
		}
	case st.fault == ResetAlways, st.fault == Reset && attempt == 1:
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		addr, _ := net.ResolveTCPAddr("tcp", req.URL.Host)
		return nil, &net.OpError{Op: "read", Net: "tcp", Addr: addr, Err: os.NewSyscallError("read", syscall.ECONNRESET)}
	}
	return resp, nil
}

// apiError is DynamoDB's answer of an error code, as the service sends it.
func apiError(req *http.Request, code, message string, extra map[string]any) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	body := map[string]any{"__type": "com.amazonaws.dynamodb.v20120810#" + code, "message": message}
	for k, v := range extra {
		body[k] = v
	}
	raw, _ := json.Marshal(body)
	h := http.Header{}
	h.Set("Content-Type", "application/x-amz-json-1.0")
	h.Set("X-Amzn-Requestid", "fault-injected")
	return &http.Response{
		Status: "400 Bad Request", StatusCode: http.StatusBadRequest, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(bytes.NewReader(raw)), ContentLength: int64(len(raw)), Request: req,
	}, nil
}

// transactItems counts the items of a TransactWriteItems request.
func transactItems(req *http.Request) (int, error) {
	raw, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return 0, err
	}
	var in struct{ TransactItems []json.RawMessage }
	if err := json.Unmarshal(raw, &in); err != nil || len(in.TransactItems) == 0 {
		return 0, fmt.Errorf("ddbtest: cannot read the TransactWriteItems request: %v", err)
	}
	return len(in.TransactItems), nil
}
