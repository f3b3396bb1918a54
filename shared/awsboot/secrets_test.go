package awsboot

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/lawdesk/lawdesk/infra/motoserver"
	"github.com/lawdesk/lawdesk/shared/config"
	"github.com/lawdesk/lawdesk/shared/store"
)

// readSecrets sets APP_SECRET and ORIGIN_VERIFY from the secrets their
// ARNs name, and refuses a value the configuration would refuse, naming
// the variable.
func TestReadSecrets(t *testing.T) {
	endpoint := motoserver.Start(t)
	t.Setenv("SECRETS_ENDPOINT", endpoint)
	var app, origin, empty struct{ ARN string }
	motoserver.Call(t, endpoint, "secretsmanager", "secretsmanager.CreateSecret",
		map[string]any{"Name": "app", "SecretString": strings.Repeat("a", 48)}, &app)
	motoserver.Call(t, endpoint, "secretsmanager", "secretsmanager.CreateSecret",
		map[string]any{"Name": "origin", "SecretString": "origin-secret-0123456789"}, &origin)
	motoserver.Call(t, endpoint, "secretsmanager", "secretsmanager.CreateSecret",
		map[string]any{"Name": "empty", "SecretString": ""}, &empty)
	ctx := context.Background()
	cfg, err := store.LoadConfig(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Region = "us-east-1"
	cfg.Credentials = aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider("test", "test", ""))

	env := config.Env{AppSecretARN: app.ARN, OriginVerifyARN: origin.ARN}
	if err := readSecrets(ctx, cfg, &env); err != nil {
		t.Fatal(err)
	}
	if string(env.App.Secret) != strings.Repeat("a", 48) || env.OriginVerify != "origin-secret-0123456789" {
		t.Fatalf("read %q and %q", env.App.Secret, env.OriginVerify)
	}
	for name, tc := range map[string]struct {
		env  config.Env
		want []string
	}{
		"AppSecretTooShort": {config.Env{AppSecretARN: origin.ARN}, []string{"APP_SECRET_ARN", "32 characters"}},
		"OriginVerifyEmpty": {config.Env{OriginVerifyARN: empty.ARN}, []string{"ORIGIN_VERIFY_ARN", "empty"}},
		"AppSecretNotFound": {config.Env{AppSecretARN: strings.Replace(app.ARN, ":secret:app", ":secret:nope", 1)}, []string{"APP_SECRET_ARN", "does not exist"}},
		"OriginVerifyNoARN": {config.Env{OriginVerifyARN: "origin"}, []string{"ORIGIN_VERIFY_ARN", "not the ARN"}},
	} {
		t.Run(name, func(t *testing.T) {
			err := readSecrets(ctx, cfg, &tc.env)
			for _, w := range tc.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Fatalf("readSecrets = %v, want %q", err, w)
				}
			}
		})
	}
}
