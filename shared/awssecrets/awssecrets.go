// Package awssecrets reads secrets from AWS Secrets Manager: one call,
// GetSecretValue, made once per process at init (shared/awsboot). It
// imports only the SDK's core (credentials, signer, retryer, HTTP client),
// so that a bare function (infra/bench/baseline) can link it too.
package awssecrets

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go"

	"github.com/lawdesk/lawdesk/shared/awscall"
)

// GetSecretValue returns the string value of the secret arn (its current
// version), with Secrets Manager's GetSecretValue signed by the SDK's
// SigV4 signer with cfg's credentials, sent by cfg's HTTP client and
// retried as cfg's retryer says; the secret's region is the ARN's.
// SECRETS_ENDPOINT points it elsewhere (tests, the benchmark).
//
// It is this one call (shared/awscall) rather than the SDK's generated
// Secrets Manager client because that client adds 0.25 MiB to every
// bootstrap (measured: 10.42 → 10.68 MiB for directory, arm64), against a
// target of the baseline + 1 MiB, while this adds nothing: every part of
// it is in the binary for DynamoDB already.
//
// An access denied names the permission the function's role lacks.
func GetSecretValue(ctx context.Context, cfg aws.Config, arn string) (string, error) {
	parts := strings.SplitN(arn, ":", 7)
	if len(parts) != 7 || parts[0] != "arn" || parts[2] != "secretsmanager" || parts[3] == "" || parts[5] != "secret" {
		return "", fmt.Errorf("%q is not the ARN of a Secrets Manager secret", arn)
	}
	region := parts[3]
	body, _ := json.Marshal(map[string]string{"SecretId": arn})
	raw, err := awscall.Do(ctx, cfg, awscall.Request{
		Service: "secretsmanager", Region: region, Endpoint: awscall.Endpoint("secretsmanager", region, os.Getenv("SECRETS_ENDPOINT")),
		ContentType: "application/x-amz-json-1.1", Target: "secretsmanager.GetSecretValue", Body: body,
	})
	if err != nil {
		return "", explain(arn, err)
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
