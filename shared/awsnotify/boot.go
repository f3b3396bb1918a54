package awsnotify

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// FromEnv builds the notifier on the process's SDK configuration cfg:
// SENDER_EMAIL (a verified SES identity; empty turns e-mail off),
// SMS_ENABLED ("true" turns text messages on), and, for tests,
// SES_ENDPOINT and SNS_ENDPOINT.
func FromEnv(cfg aws.Config) Notifier {
	c := Client{Config: cfg, SESEndpoint: os.Getenv("SES_ENDPOINT"), SNSEndpoint: os.Getenv("SNS_ENDPOINT")}
	return Notifier{
		From: os.Getenv("SENDER_EMAIL"),
		SMS:  strings.EqualFold(os.Getenv("SMS_ENABLED"), "true"),
		SES:  c,
		SNS:  c,
	}
}

// StreamHandler returns the notify function's handler: every outbox item
// the table's stream reports as inserted is delivered (app.Service.Deliver).
// A record whose delivery could not even be recorded is reported as a
// batch item failure, so Lambda retries it alone; a failed send is
// recorded on the item and retried by the sweeper, never blocking the
// stream.
func StreamHandler(svc *app.Service, n Notifier, log *slog.Logger) func(context.Context, events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
	if log == nil {
		log = slog.Default()
	}
	return func(ctx context.Context, ev events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
		var resp events.DynamoDBEventResponse
		for _, rec := range ev.Records {
			item, ok := outboxOf(rec)
			if !ok {
				continue
			}
			if err := svc.Deliver(ctx, n, item); err != nil {
				log.Error("deliver failed", "outbox", item.ID, "err", err.Error())
				resp.BatchItemFailures = append(resp.BatchItemFailures, events.DynamoDBBatchItemFailure{ItemIdentifier: rec.Change.SequenceNumber})
				continue
			}
			log.Info("delivered", "outbox", item.ID, "kind", item.Kind, "booking", item.BookingID, "question", item.QuestionID)
		}
		return resp, nil
	}
}

// outboxOf reads an inserted outbox item from a stream record.
func outboxOf(rec events.DynamoDBEventRecord) (domain.OutboxItem, bool) {
	img := rec.Change.NewImage
	if rec.EventName != "INSERT" || img["type"].DataType() != events.DataTypeString || img["type"].String() != "outbox" {
		return domain.OutboxItem{}, false
	}
	str := func(k string) string {
		if v, ok := img[k]; ok && v.DataType() == events.DataTypeString {
			return v.String()
		}
		return ""
	}
	it := domain.OutboxItem{ID: str("pk"), Kind: str("kind"), BookingID: str("bookingId"), QuestionID: str("questionId"),
		LawyerID: str("lawyerId"), Status: str("status")}
	if t, err := time.Parse(time.RFC3339Nano, str("notBefore")); err == nil {
		it.NotBefore = &t // held back: Deliver leaves it to the sweep
	}
	return it, it.ID != "" && (it.BookingID != "" || it.QuestionID != "")
}
