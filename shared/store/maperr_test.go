package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// TestMapErr holds mapErr to the errors the SDK returns, built as the SDK
// builds them (operation error → retries exhausted → send error → url
// error → net error), so that every way DynamoDB can fail has its code.
func TestMapErr(t *testing.T) {
	op := func(err error) error {
		return &smithy.OperationError{ServiceID: "DynamoDB", OperationName: "TransactWriteItems", Err: err}
	}
	exhausted := func(err error) error { return op(&retry.MaxAttemptsError{Attempt: 3, Err: err}) }
	sent := func(err error) error {
		return &smithyhttp.RequestSendError{Err: &url.Error{Op: "Post", URL: "http://127.0.0.1:8000/", Err: err}}
	}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
	api := func(code string, status int) error {
		return &awshttp.ResponseError{ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}},
			Err:      &smithy.GenericAPIError{Code: code, Message: "x"}}}
	}
	quota := ratelimit.QuotaExceededError{Available: 0, Requested: 5}
	cancelled := func(codes ...string) error {
		tc := &types.TransactionCanceledException{}
		for _, c := range codes {
			tc.CancellationReasons = append(tc.CancellationReasons, types.CancellationReason{Code: &c})
		}
		return op(tc)
	}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"ConnectionReset", exhausted(sent(reset)), domain.EUnavailable},
		{"ConnectionRefused", exhausted(sent(&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)})), domain.EUnavailable},
		{"BrokenPipe", exhausted(sent(&net.OpError{Op: "write", Net: "tcp", Err: os.NewSyscallError("write", syscall.EPIPE)})), domain.EUnavailable},
		{"ClosedConnection", exhausted(sent(fmt.Errorf("read: %w", net.ErrClosed))), domain.EUnavailable},
		{"HTTPClientTimeout", exhausted(sent(timeoutErr{})), domain.EUnavailable},
		{"ResetWhileReadingBody", op(&smithy.DeserializationError{Err: fmt.Errorf("read body: %w", reset)}), domain.EUnavailable},
		{"BodyCutShort", op(&smithy.DeserializationError{Err: io.ErrUnexpectedEOF}), domain.EUnavailable},
		{"RetryQuotaSpentOnResets", op(errors.Join(sent(reset), quota)), domain.EUnavailable},
		{"RetryQuotaSpentOnThrottling", op(errors.Join(api("ThrottlingException", 400), quota)), domain.EUnavailable},
		{"DeadlineWhileSending", op(&smithy.CanceledError{Err: context.DeadlineExceeded}), domain.EUnavailable},
		{"Throttled", exhausted(api("ProvisionedThroughputExceededException", 400)), domain.EUnavailable},
		{"UnknownServerError", exhausted(api("InternalFailure", 500)), domain.EUnavailable},
		{"TransactionConflict", op(api("TransactionConflictException", 400)), domain.EConflict},
		{"CancelledOnConflict", cancelled("None", "TransactionConflict"), domain.EConflict},
		{"CancelledOnThrottling", cancelled("ThrottlingError", "None"), domain.EUnavailable},
		{"Validation", op(api("ValidationException", 400)), domain.EInternal},
		{"ResourceNotFound", op(api("ResourceNotFoundException", 400)), domain.EInternal},
		{"NotFoundHost", exhausted(sent(&net.DNSError{Err: "no such host", Name: "dynamodb.invalid", IsNotFound: true})), domain.EUnavailable},
		{"Unknown", errors.New("boom"), domain.EInternal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := mapErr(tc.err)
			if got := domain.ErrorCode(err); got != tc.want {
				t.Fatalf("mapErr(%v) = %v (%s), want %s", tc.err, err, got, tc.want)
			}
			if tc.want == domain.EUnavailable && domain.AsError(err).RetryAfter <= 0 {
				t.Fatalf("503 without Retry-After: %v", err)
			}
		})
	}
}

// timeoutErr is the shape of net/http's "Client.Timeout exceeded".
type timeoutErr struct{}

func (timeoutErr) Error() string {
	return "net/http: request canceled (Client.Timeout exceeded while awaiting headers)"
}
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }
