// Package ddbtest gives store and handler tests a real DynamoDB: one
// DynamoDB Local (in memory) per test binary, started on first use, and a
// fresh table per test created from template.yaml. Nothing is faked and
// nothing is skipped: if DynamoDB Local cannot start, the test fails and
// says why.
package ddbtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/lawdesk/lawdesk/infra/ddblocal"
	"github.com/lawdesk/lawdesk/infra/template"
	"github.com/lawdesk/lawdesk/shared/store"
)

var (
	once     sync.Once
	instance *ddblocal.Instance
	client   *dynamodb.Client
	tpl      *template.Template
	startErr error
	tables   atomic.Int64
)

// Main runs the package's tests, then the checks and cleanups (an error
// fails the run), and stops DynamoDB Local. Call it from TestMain.
func Main(m *testing.M, after ...func() error) {
	code := m.Run()
	for _, f := range after {
		if err := f(); err != nil {
			fmt.Fprintln(os.Stderr, "FAIL:", err)
			code = 1
		}
	}
	instance.Stop()
	os.Exit(code)
}

func start() {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	root, err := ddblocal.Root()
	if err != nil {
		startErr = err
		return
	}
	if tpl, err = template.Load(filepath.Join(root, "template.yaml")); err != nil {
		startErr = err
		return
	}
	endpoint := os.Getenv("DYNAMODB_ENDPOINT")
	if endpoint == "" {
		instance, err = ddblocal.Start(ctx, ddblocal.Options{DieWithParent: true})
		if err != nil {
			startErr = err
			return
		}
		endpoint = instance.Endpoint
	}
	client, startErr = store.NewClient(ctx, endpoint)
}

// Endpoint returns DynamoDB Local's endpoint, starting it if need be.
func Endpoint(tb testing.TB) string {
	tb.Helper()
	Client(tb)
	if instance == nil {
		return os.Getenv("DYNAMODB_ENDPOINT")
	}
	return instance.Endpoint
}

// Client returns a client of the test binary's DynamoDB Local.
func Client(tb testing.TB) *dynamodb.Client {
	tb.Helper()
	once.Do(start)
	if startErr != nil {
		tb.Fatalf("DynamoDB Local: %v", startErr)
	}
	return client
}

// NewTable creates a fresh table from template.yaml and returns its name;
// it is deleted when the test ends.
func NewTable(tb testing.TB) string {
	tb.Helper()
	db := Client(tb)
	name := fmt.Sprintf("t%d-%d", os.Getpid(), tables.Add(1))
	ctx := context.Background()
	if err := tpl.Table.EnsureTable(ctx, db, name); err != nil {
		tb.Fatalf("create table: %v", err)
	}
	tb.Cleanup(func() {
		_, _ = db.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	})
	return name
}

// FaultyClient returns a client of the same DynamoDB Local whose every
// call fails with the API error code (e.g. "ThrottlingException",
// "TransactionConflictException"), without retries: DynamoDB Local never
// throttles, so the 503 and 409 paths are proven this way.
func FaultyClient(tb testing.TB, code string) *dynamodb.Client {
	tb.Helper()
	db := Client(tb)
	return dynamodb.New(db.Options(), func(o *dynamodb.Options) {
		o.RetryMaxAttempts = 1
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			return s.Finalize.Add(middleware.FinalizeMiddlewareFunc("inject-fault",
				func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
					return middleware.FinalizeOutput{}, middleware.Metadata{}, &smithy.GenericAPIError{Code: code, Message: "injected by the test", Fault: smithy.FaultServer}
				}), middleware.After)
		})
	})
}
