package awssecrets_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/lawdesk/lawdesk/infra/motoserver"
	"github.com/lawdesk/lawdesk/shared/awssecrets"
	"github.com/lawdesk/lawdesk/shared/store"
)

// GetSecretValue against moto's Secrets Manager: the value of a string
// secret, and errors that name the secret and what is wrong — a missing
// secret, a binary one, not an ARN, and a caller without the permission.
func TestGetSecretValue(t *testing.T) {
	endpoint := motoserver.Start(t)
	t.Setenv("SECRETS_ENDPOINT", endpoint)
	var app, bin struct{ ARN string }
	motoserver.Call(t, endpoint, "secretsmanager", "secretsmanager.CreateSecret",
		map[string]any{"Name": "app", "SecretString": strings.Repeat("a", 48)}, &app)
	motoserver.Call(t, endpoint, "secretsmanager", "secretsmanager.CreateSecret",
		map[string]any{"Name": "bin", "SecretBinary": "AAEC"}, &bin)
	ctx := context.Background()
	cfg := func(key, secret string) aws.Config {
		c, err := store.LoadConfig(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		c.Region = "us-east-1"
		c.Credentials = aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider(key, secret, ""))
		return c
	}
	anyone := cfg("test", "test")
	if got, err := awssecrets.GetSecretValue(ctx, anyone, app.ARN); err != nil || got != strings.Repeat("a", 48) {
		t.Fatalf("GetSecretValue = %q, %v", got, err)
	}
	for name, tc := range map[string]struct{ arn, want string }{
		"NotFound": {strings.Replace(app.ARN, ":secret:app", ":secret:nope", 1), "does not exist"},
		"Binary":   {bin.ARN, "holds no string"},
		"NotAnARN": {"app", "not the ARN"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := awssecrets.GetSecretValue(ctx, anyone, tc.arn); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("GetSecretValue(%s) = %v, want %q", tc.arn, err, tc.want)
			}
		})
	}
	t.Run("AccessDenied", func(t *testing.T) {
		key, secret := motoserver.User(t, endpoint, "no-secrets", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"*"}]}`)
		motoserver.EnableAuth(t, endpoint)
		_, err := awssecrets.GetSecretValue(ctx, cfg(key, secret), app.ARN)
		if err == nil || !strings.Contains(err.Error(), "needs secretsmanager:GetSecretValue") || !strings.Contains(err.Error(), app.ARN) {
			t.Fatalf("GetSecretValue = %v, want the secret and the permission named", err)
		}
	})
}
