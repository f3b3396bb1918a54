package store

import (
	"context"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// NewClient returns a DynamoDB client. With an endpoint (DynamoDB Local)
// it uses static local credentials. Retries are few and short: a request
// must answer 503 well inside the API Gateway and Lambda time limits
// rather than time out.
func NewClient(ctx context.Context, endpoint string) (*dynamodb.Client, error) {
	cfg, err := LoadConfig(ctx, endpoint)
	if err != nil {
		return nil, err
	}
	return NewClientFromConfig(cfg, endpoint), nil
}

// LoadConfig loads the AWS configuration the clients share — few, short
// retries and a bounded HTTP client; static local credentials with an
// endpoint (DynamoDB Local) — once per process: a function that also sends
// e-mail and SMS builds those clients from it too.
func LoadConfig(ctx context.Context, endpoint string) (aws.Config, error) {
	opts := []func(*awsconfig.LoadOptions) error{
		awsconfig.WithRetryer(func() aws.Retryer { return retry.NewStandard(RetryOptions) }),
		// Buildable, so that AWS_CA_BUNDLE still applies.
		awsconfig.WithHTTPClient(awshttp.NewBuildableClient().WithTimeout(5 * time.Second)),
	}
	if endpoint != "" {
		opts = append(opts,
			awsconfig.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("local", "local", "")),
			awsconfig.WithRegion(orDefault(os.Getenv("AWS_REGION"), "us-east-1")))
	}
	return awsconfig.LoadDefaultConfig(ctx, opts...)
}

// NewClientFromConfig returns the DynamoDB client of cfg, pointed at
// endpoint when one is given.
func NewClientFromConfig(cfg aws.Config, endpoint string) *dynamodb.Client {
	return dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
			// DynamoDB Local's CRC32 of some error bodies is wrong.
			o.DisableValidateResponseChecksum = true
		}
	})
}

// RetryOptions are the retries of every client NewClient builds: three
// attempts, at most half a second apart.
func RetryOptions(o *retry.StandardOptions) {
	o.MaxAttempts = 3
	o.MaxBackoff = 500 * time.Millisecond
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
