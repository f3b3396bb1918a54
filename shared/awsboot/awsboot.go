// Package awsboot builds, once per process, what every entry point needs:
// the configuration from the environment, the DynamoDB client, the store,
// the service and the logger. Wire is the one composition root, shared by
// the Lambda functions (through MustDeps) and the local server. It is the
// only package besides store that imports the AWS SDK's configuration;
// functions/<name>/main.go call it and start the handler.
package awsboot

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"

	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/config"
	"github.com/lawdesk/lawdesk/shared/cursor"
	"github.com/lawdesk/lawdesk/shared/store"
)

// Logger returns the JSON logger, at the level Lambda's logging config
// (AWS_LAMBDA_LOG_LEVEL) or LOG_LEVEL names, writing to stdout.
func Logger() *slog.Logger {
	level := slog.LevelInfo
	name := os.Getenv("AWS_LAMBDA_LOG_LEVEL")
	if name == "" {
		name = os.Getenv("LOG_LEVEL")
	}
	_ = level.UnmarshalText([]byte(strings.ToUpper(name)))
	return slog.New(NewLogHandler(os.Stdout, level))
}

// NewLogHandler is the JSON handler of every log line: slog's, with the
// time under "timestamp" (RFC 3339) instead of "time". Lambda's log-level
// filtering (LoggingConfig ApplicationLogLevel, JSON format) reads a line's
// level only when it carries a valid "timestamp"; without one it files the
// line as INFO, so raising LogLevel to WARN would drop nothing and an ERROR
// line would not show as one.
func NewLogHandler(w io.Writer, level slog.Leveler) slog.Handler {
	return slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level, ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if len(groups) == 0 && a.Key == slog.TimeKey {
			a.Key = "timestamp"
		}
		return a
	}})
}

// Deps is what an entry point serves with, built once at start.
type Deps struct {
	Env config.Env
	// AWS is the SDK configuration the process's clients share (loaded
	// once: the notifier's SES and SNS clients are built from it too).
	AWS     aws.Config
	DB      *dynamodb.Client
	Store   *store.Store
	Service *app.Service
	// API is what the HTTP handlers need, but for the Verifier: each entry
	// point has its own (the Cognito pool's in Lambda, see HTTP; the local
	// server's signer).
	API    api.Deps
	Logger *slog.Logger
}

// Wire is the one composition root: from the configuration and a DynamoDB
// client it builds the store, the service and the handlers' dependencies.
// classifier is nil where no text is routed (see MustDeps).
func Wire(env config.Env, db *dynamodb.Client, classifier app.Classifier, log *slog.Logger) Deps {
	st := store.New(db, env.Table, cursor.New(env.App.Secret))
	svc := app.New(st, classifier, env.App)
	return Deps{Env: env, DB: db, Store: st, Service: svc, Logger: log,
		API: api.Deps{Service: svc, Logger: log, OriginVerify: env.OriginVerify}}
}

// MustDeps reads the environment and the secrets whose ARNs it names
// (APP_SECRET_ARN, ORIGIN_VERIFY_ARN: read once, kept for the process) and
// builds the clients, or exits with a message naming what is wrong. classifier is router.NewClassifier() in
// the function that routes text (classify) and nil in the
// others, which then neither load nor link the router's model. A
// classifier that loads in the background (a Waiter, as router's does,
// while this reads the secrets) is waited for before MustDeps returns, so
// that init, not the first request, carries the load.
func MustDeps(classifier app.Classifier) Deps {
	log := Logger()
	slog.SetDefault(log)
	env, err := config.FromEnv(true)
	if err != nil {
		fail(log, err)
	}
	cfg, err := store.LoadConfig(context.Background(), env.DynamoDBEndpoint)
	if err != nil {
		fail(log, err)
	}
	// APP_SECRET and ORIGIN_VERIFY from Secrets Manager: once, here.
	if err := readSecrets(context.Background(), cfg, &env); err != nil {
		fail(log, err)
	}
	d := Wire(env, store.NewClientFromConfig(cfg, env.DynamoDBEndpoint), classifier, log)
	d.AWS = cfg
	if w, ok := classifier.(Waiter); ok {
		w.Wait()
	}
	return d
}

// Waiter is a dependency loaded in the background from its constructor
// (router.Classifier): Wait returns once it is ready.
type Waiter interface{ Wait() }

// Must exits with a message when err is not nil (start-up only).
func Must(log *slog.Logger, err error) {
	if err != nil {
		fail(log, err)
	}
}

func fail(log *slog.Logger, err error) {
	log.Error("cannot start: " + err.Error())
	os.Exit(1)
}

// HTTP returns the Lambda handler serving the routes of the given
// functions (api.Bookings, …) through the API Gateway v2 adapter. Bearer
// tokens on routes without the authorizer are checked against the Cognito
// user pool.
func HTTP(d Deps, functions ...api.Function) func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	deps := d.API
	if d.Env.CognitoIssuer != "" && d.Env.CognitoClientID != "" {
		deps.Verifier = auth.NewCognitoVerifier(d.Env.CognitoIssuer, d.Env.CognitoClientID)
	} else {
		d.Logger.Warn("COGNITO_ISSUER or COGNITO_CLIENT_ID not set: bearer tokens are refused on routes without the authorizer")
	}
	return httpadapter.NewV2(api.NewFunctionHandler(deps, functions...)).ProxyWithContext
}

// Sweeper returns the handler of the scheduled sweeper function: one
// Service.Sweep per EventBridge event, its counts logged.
func Sweeper(d Deps) func(context.Context, json.RawMessage) error {
	return func(ctx context.Context, _ json.RawMessage) error {
		rep, err := d.Service.Sweep(ctx)
		d.Logger.Info("sweep", "bookingsExpired", rep.BookingsExpired, "nextSlotsMended", rep.NextSlotsMended,
			"notificationsRetried", rep.NotificationsRetried)
		return err
	}
}
