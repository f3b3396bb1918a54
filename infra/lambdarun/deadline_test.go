package lambdarun_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/lawdesk/lawdesk/infra/lambdarun"
)

// A request's budget is the invocation's deadline — the function's
// Timeout — less api.DeadlineMargin, not a fixed 8 s: against a DynamoDB
// that never answers, the leads function given 3 s answers 503 before
// its deadline, and given 11 s it is still waiting for the store after 8 s
// and answers 503 before 11 s. Never a Lambda timeout.
func TestRequestBudgetFollowsTheDeadline(t *testing.T) {
	bins := build(t)
	// A DynamoDB that takes every connection and never answers.
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			go func() { _, _ = io.Copy(io.Discard, c) }()
		}
	}()
	env := []string{"TABLE_NAME=lawdesk-deadline", "APP_SECRET=" + secret, "APP_SECRET_ARN=", "DYNAMODB_ENDPOINT=http://" + silent.Addr().String(),
		"AWS_REGION=us-east-1", "AWS_ACCESS_KEY_ID=local", "AWS_SECRET_ACCESS_KEY=local"}
	payload, _ := json.Marshal(loadEvent(t, "leads"))
	var wg sync.WaitGroup
	for _, c := range []struct {
		timeout, after time.Duration
	}{{3 * time.Second, 1500 * time.Millisecond}, {11 * time.Second, 8500 * time.Millisecond}} {
		wg.Go(func() {
			rt, err := lambdarun.Start(bins["leads"], env)
			if err != nil {
				t.Error(err)
				return
			}
			defer rt.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			res, err := rt.InvokeWithTimeout(ctx, payload, c.timeout)
			if err != nil {
				t.Errorf("timeout %v: %v", c.timeout, err)
				return
			}
			var resp events.APIGatewayV2HTTPResponse
			if err := json.Unmarshal(res.Payload, &resp); err != nil || res.Error != nil {
				t.Errorf("timeout %v: %s %s (%v)", c.timeout, res.Payload, res.Error, err)
				return
			}
			if resp.StatusCode != 503 || resp.Headers["Retry-After"] == "" {
				t.Errorf("timeout %v: %d %v %s, want 503 with Retry-After", c.timeout, resp.StatusCode, resp.Headers, resp.Body)
			}
			if res.Duration >= c.timeout || res.Duration < c.after {
				t.Errorf("timeout %v: answered after %v, want between %v and the deadline", c.timeout, res.Duration.Round(time.Millisecond), c.after)
			}
		})
	}
	wg.Wait()
}
