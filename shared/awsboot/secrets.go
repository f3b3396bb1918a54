package awsboot

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/lawdesk/lawdesk/shared/awssecrets"
	"github.com/lawdesk/lawdesk/shared/config"
)

// secretsTimeout bounds reading the secrets at init, retries included,
// well inside Lambda's 10 s init phase.
const secretsTimeout = 5 * time.Second

// readSecrets reads the secrets whose ARNs env names (APP_SECRET_ARN and,
// in the HTTP functions, ORIGIN_VERIFY_ARN) from Secrets Manager, both at
// once, and sets their values in env. It runs once per process, at init:
// the values live in the process only (never in the function's
// configuration, where anyone allowed to read it would read them too).
// Each error names the variable, the secret and what to do.
func readSecrets(ctx context.Context, cfg aws.Config, env *config.Env) error {
	ctx, cancel := context.WithTimeout(ctx, secretsTimeout)
	defer cancel()
	type want struct {
		name, arn string
		set       func(string) error
	}
	var wants []want
	if env.AppSecretARN != "" {
		wants = append(wants, want{"APP_SECRET_ARN", env.AppSecretARN, env.SetAppSecret})
	}
	if env.OriginVerifyARN != "" {
		wants = append(wants, want{"ORIGIN_VERIFY_ARN", env.OriginVerifyARN, func(s string) error {
			if s == "" {
				// Empty would serve every request, through CloudFront or not.
				return errors.New("it is empty")
			}
			env.OriginVerify = s
			return nil
		}})
	}
	values := make([]string, len(wants))
	errs := make([]error, len(wants))
	var wg sync.WaitGroup
	for i, w := range wants {
		wg.Go(func() { values[i], errs[i] = awssecrets.GetSecretValue(ctx, cfg, w.arn) })
	}
	wg.Wait()
	for i, w := range wants {
		if errs[i] != nil {
			return fmt.Errorf("%s: %w", w.name, errs[i])
		}
		if err := w.set(values[i]); err != nil {
			return fmt.Errorf("%s: the secret %s: %w", w.name, w.arn, err)
		}
	}
	return nil
}
