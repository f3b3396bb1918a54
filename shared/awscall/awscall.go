// Package awscall makes one signed call to an AWS service's HTTP API with
// the SDK's core only: the configuration's credentials, the SigV4 signer,
// the HTTP client and the retryer, all of which every function links for
// DynamoDB already. The few calls the product makes besides DynamoDB —
// Secrets Manager's GetSecretValue at init, SES's SendEmail and SNS's
// Publish in the notifier — go through it instead of the SDK's generated
// clients, each of which adds 0.25–0.35 MiB to a bootstrap and time to its
// init (the size and cold-start targets of issue 10). What it gives up is
// what those few calls do not need: FIPS and dual-stack endpoints,
// endpoint rules, the middleware hooks.
package awscall

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// Request is one call.
type Request struct {
	// Service is the signing name (secretsmanager, ses, sns); Region the
	// region signed for.
	Service, Region string
	// Endpoint is the service's address (see Endpoint), Path the request's
	// path on it ("/" for a JSON-RPC or Query API).
	Endpoint, Path string
	// ContentType, and Target for a JSON-RPC API (X-Amz-Target).
	ContentType, Target string
	Body                []byte
}

// Endpoint is the regional endpoint of service host prefix prefix
// (secretsmanager, email, sns) in region, or override when given (tests,
// the benchmark).
func Endpoint(prefix, region, override string) string {
	if override != "" {
		return strings.TrimSuffix(override, "/")
	}
	suffix := "amazonaws.com"
	if strings.HasPrefix(region, "cn-") {
		suffix = "amazonaws.com.cn"
	}
	return "https://" + prefix + "." + region + "." + suffix
}

// Do signs r with cfg's credentials, sends it with cfg's HTTP client and
// retries it as cfg's retryer says (throttling, server errors, a lost
// connection), and returns the body of its 2xx answer. Any other answer is
// an *awshttp.ResponseError around a smithy.APIError whose code and
// message come from the JSON or XML error document, as the SDK's own
// clients report them.
func Do(ctx context.Context, cfg aws.Config, r Request) ([]byte, error) {
	retryer := aws.Retryer(retry.NewStandard())
	if cfg.Retryer != nil {
		retryer = cfg.Retryer()
	}
	client := cfg.HTTPClient
	if client == nil {
		client = awshttp.NewBuildableClient()
	}
	for attempt := 1; ; attempt++ {
		out, err := once(ctx, cfg, client, r)
		if err == nil {
			return out, nil
		}
		if attempt >= retryer.MaxAttempts() || !retryer.IsErrorRetryable(err) || ctx.Err() != nil {
			return nil, err
		}
		delay, derr := retryer.RetryDelay(attempt, err)
		if derr != nil {
			return nil, err
		}
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return nil, err
		}
	}
}

func once(ctx context.Context, cfg aws.Config, client aws.HTTPClient, r Request) ([]byte, error) {
	path := r.Path
	if path == "" {
		path = "/"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.Endpoint+path, bytes.NewReader(r.Body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", r.ContentType)
	if r.Target != "" {
		req.Header.Set("X-Amz-Target", r.Target)
	}
	if cfg.Credentials == nil {
		return nil, errors.New("no AWS credentials")
	}
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return nil, fmt.Errorf("no AWS credentials: %w", err)
	}
	sum := sha256.Sum256(r.Body)
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), r.Service, r.Region, time.Now()); err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, &smithyhttp.RequestSendError{Err: err}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, &smithyhttp.RequestSendError{Err: err}
	}
	if resp.StatusCode/100 == 2 {
		return raw, nil
	}
	// {"__type": "…#AccessDeniedException", "message": "…"} (JSON APIs),
	// or <Error><Code>…</Code><Message>…</Message></Error> (Query APIs,
	// and moto at times); the type may also come as a header.
	var e struct {
		Type     string `json:"__type"`
		Message  string `json:"message"`
		MessageU string `json:"Message"`
	}
	if json.Unmarshal(raw, &e) != nil {
		e.Type, e.Message = xmlError(raw)
	}
	code := e.Type
	if code == "" {
		code = resp.Header.Get("X-Amzn-ErrorType")
	}
	code = code[strings.LastIndex(code, "#")+1:]
	if i := strings.Index(code, ":"); i >= 0 {
		code = code[:i]
	}
	if code == "" {
		code = resp.Status
	}
	fault := smithy.FaultClient
	if resp.StatusCode >= 500 {
		fault = smithy.FaultServer
	}
	apiErr := &smithy.GenericAPIError{Code: code, Message: e.Message + e.MessageU, Fault: fault}
	return nil, &awshttp.ResponseError{RequestID: resp.Header.Get("X-Amzn-RequestId"),
		ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: resp}, Err: apiErr}}
}

// xmlError reads the first Code and Message elements of an XML error.
func xmlError(raw []byte) (code, message string) {
	d := xml.NewDecoder(bytes.NewReader(raw))
	var in string
	for {
		tok, err := d.Token()
		if err != nil {
			return code, message
		}
		switch t := tok.(type) {
		case xml.StartElement:
			in = t.Name.Local
		case xml.EndElement:
			in = ""
		case xml.CharData:
			if in == "Code" && code == "" {
				code = string(t)
			} else if in == "Message" && message == "" {
				message = string(t)
			}
		}
	}
}
