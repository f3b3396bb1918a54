// Package awssecrets reads secrets from AWS Secrets Manager: one call,
// GetSecretValue, made once per process at init (shared/awsboot). It
// imports only the SDK's core (credentials, signer, retryer, HTTP client),
// so that a bare function (infra/bench/baseline) can link it too.
package awssecrets

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
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// GetSecretValue returns the string value of the secret arn (its current
// version), with Secrets Manager's GetSecretValue signed by the SDK's
// SigV4 signer with cfg's credentials, sent by cfg's HTTP client and
// retried as cfg's retryer says; the secret's region is the ARN's.
// SECRETS_ENDPOINT points it elsewhere (tests, the benchmark).
//
// It is this one call rather than the SDK's generated Secrets Manager
// client because that client adds 0.25 MiB to every bootstrap (measured:
// 10.42 → 10.68 MiB for directory, arm64), against a target of the
// baseline + 1 MiB that several functions already reach, while this adds
// nothing: every part of it is in the binary for DynamoDB already. It
// gives up what one call at init does not need: FIPS and dual-stack
// endpoints and the SDK's middleware hooks.
//
// An access denied names the permission the function's role lacks.
func GetSecretValue(ctx context.Context, cfg aws.Config, arn string) (string, error) {
	parts := strings.SplitN(arn, ":", 7)
	if len(parts) != 7 || parts[0] != "arn" || parts[2] != "secretsmanager" || parts[3] == "" || parts[5] != "secret" {
		return "", fmt.Errorf("%q is not the ARN of a Secrets Manager secret", arn)
	}
	partition, region := parts[1], parts[3]
	endpoint := os.Getenv("SECRETS_ENDPOINT")
	if endpoint == "" {
		suffix := "amazonaws.com"
		if partition == "aws-cn" {
			suffix = "amazonaws.com.cn"
		}
		endpoint = "https://secretsmanager." + region + "." + suffix
	}
	retryer := aws.Retryer(retry.NewStandard())
	if cfg.Retryer != nil {
		retryer = cfg.Retryer()
	}
	client := cfg.HTTPClient
	if client == nil {
		client = awshttp.NewBuildableClient()
	}
	body, _ := json.Marshal(map[string]string{"SecretId": arn})
	for attempt := 1; ; attempt++ {
		value, err := getSecretValueOnce(ctx, cfg, client, endpoint, region, body)
		if err == nil {
			return value, nil
		}
		if attempt >= retryer.MaxAttempts() || !retryer.IsErrorRetryable(err) || ctx.Err() != nil {
			return "", explain(arn, err)
		}
		delay, derr := retryer.RetryDelay(attempt, err)
		if derr != nil {
			return "", explain(arn, err)
		}
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return "", explain(arn, err)
		}
	}
}

func getSecretValueOnce(ctx context.Context, cfg aws.Config, client aws.HTTPClient, endpoint, region string, body []byte) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(endpoint, "/")+"/", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "secretsmanager.GetSecretValue")
	if cfg.Credentials == nil {
		return "", errors.New("no AWS credentials")
	}
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return "", fmt.Errorf("no AWS credentials: %w", err)
	}
	sum := sha256.Sum256(body)
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "secretsmanager", region, time.Now()); err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", &smithyhttp.RequestSendError{Err: err}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", &smithyhttp.RequestSendError{Err: err}
	}
	if resp.StatusCode != http.StatusOK {
		// {"__type": "…#AccessDeniedException", "message": "…"}, as the
		// SDK's JSON protocol reads it; the type may also come as a header.
		var e struct {
			Type     string `json:"__type"`
			Message  string `json:"message"`
			MessageU string `json:"Message"`
		}
		if json.Unmarshal(raw, &e) != nil {
			// An XML error document (moto answers access denied so).
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
		return "", &awshttp.ResponseError{RequestID: resp.Header.Get("X-Amzn-RequestId"),
			ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: resp}, Err: apiErr}}
	}
	var out struct {
		SecretString *string
		SecretBinary []byte
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return "", fmt.Errorf("Secrets Manager's answer is not JSON: %w", err)
	}
	if out.SecretString == nil {
		return "", errors.New("the secret holds no string (a binary secret?)")
	}
	return *out.SecretString, nil
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

// explain turns a failed GetSecretValue into a message that names the
// secret and, when the cause is the function's role, the permission.
func explain(arn string, err error) error {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		switch apiErr.ErrorCode() {
		case "AccessDeniedException", "AccessDenied":
			return fmt.Errorf("not allowed to read the secret %s: the function's role needs secretsmanager:GetSecretValue on it (and kms:Decrypt on its key, if it has a key of its own): %s", arn, apiErr.ErrorMessage())
		case "ResourceNotFoundException":
			return fmt.Errorf("the secret %s does not exist (deleted, or in another region or account): %s", arn, apiErr.ErrorMessage())
		}
		return fmt.Errorf("cannot read the secret %s: %s: %s", arn, apiErr.ErrorCode(), apiErr.ErrorMessage())
	}
	return fmt.Errorf("cannot read the secret %s: %w", arn, err)
}
