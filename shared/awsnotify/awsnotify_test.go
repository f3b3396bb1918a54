package awsnotify_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/lawdesk/lawdesk/infra/ddbtest"
	"github.com/lawdesk/lawdesk/infra/motoserver"
	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/awsnotify"
	"github.com/lawdesk/lawdesk/shared/cursor"
	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/router"
	"github.com/lawdesk/lawdesk/shared/store"
)

func TestMain(m *testing.M) { ddbtest.Main(m) }

// moto returns a notifier on a fresh moto with a verified sender.
func moto(t *testing.T) (awsnotify.Notifier, string) {
	endpoint := motoserver.Start(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("SES_ENDPOINT", endpoint)
	t.Setenv("SNS_ENDPOINT", endpoint)
	t.Setenv("SENDER_EMAIL", "no-reply@example.com")
	t.Setenv("SMS_ENABLED", "true")
	cfg, err := awsconfig.LoadDefaultConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := awsnotify.FromEnv(cfg)
	// The sender's identity, verified (moto verifies at once) with the
	// SDK's own client: the notifier's signed calls must meet what it set.
	ses := sesv2.NewFromConfig(cfg, func(o *sesv2.Options) { o.BaseEndpoint = aws.String(endpoint) })
	if _, err := ses.CreateEmailIdentity(context.Background(), &sesv2.CreateEmailIdentityInput{EmailIdentity: aws.String("no-reply@example.com")}); err != nil {
		t.Fatal(err)
	}
	return n, endpoint
}

// sent reads what moto received: raw e-mails and text messages.
func sent(t *testing.T, endpoint string) (emails []string, sms []map[string]any) {
	resp, err := http.Get(endpoint + "/moto-api/data.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var data struct {
		SES struct {
			RawMessage []struct {
				RawData string `json:"raw_data"`
			} `json:"RawMessage"`
		} `json:"ses"`
		SNS struct {
			SMS []map[string]any `json:"SMS"`
		} `json:"sns"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&data); err != nil {
		t.Fatal(err)
	}
	for _, m := range data.SES.RawMessage {
		emails = append(emails, m.RawData)
	}
	return emails, data.SNS.SMS
}

func TestSend(t *testing.T) {
	n, endpoint := moto(t)
	ctx := context.Background()
	ics := []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
	if err := n.Send(ctx, domain.Message{Channel: "email", Address: "lilei@example.com", Subject: "预约已确认 Booking confirmed", Text: "王律师已确认", ICS: ics}); err != nil {
		t.Fatal(err)
	}
	if err := n.Send(ctx, domain.Message{Channel: "sms", Address: "13800138000", Text: "王律师已确认"}); err != nil {
		t.Fatal(err)
	}
	emails, sms := sent(t, endpoint)
	if len(emails) != 1 || !strings.Contains(emails[0], "text/calendar") || !strings.Contains(emails[0], base64.StdEncoding.EncodeToString(ics)[:20]) ||
		!strings.Contains(emails[0], "To: lilei@example.com") {
		t.Fatalf("e-mails = %q", emails)
	}
	if len(sms) != 1 || sms[0]["phone_number"] != "+8613800138000" || sms[0]["message"] != "王律师已确认" {
		t.Fatalf("sms = %v", sms)
	}
	t.Run("Disabled", func(t *testing.T) {
		off := n
		off.From, off.SMS = "", false
		_ = off.Send(ctx, domain.Message{Channel: "email", Address: "x@example.com"})
		_ = off.Send(ctx, domain.Message{Channel: "sms", Address: "13800138000"})
		if e, s := sent(t, endpoint); len(e) != 1 || len(s) != 1 {
			t.Fatalf("a disabled channel sent: %d e-mails %d sms", len(e), len(s))
		}
	})
	t.Run("Refused", func(t *testing.T) {
		bad := n
		bad.From = "unverified@example.com"
		if err := bad.Send(ctx, domain.Message{Channel: "email", Address: "x@example.com", Subject: "s", Text: "t"}); err == nil {
			t.Fatal("an unverified sender was accepted")
		}
	})
}

// The notify function's handler, fed the stream record of a real outbox
// item, sends through SES and SNS (moto) and marks the item sent.
func TestStreamHandler(t *testing.T) {
	n, endpoint := moto(t)
	ctx := context.Background()
	svc, st, q := bookedWorld(t, ddbtest.NewTable(t))
	pending, err := st.FindPendingOutbox(ctx, time.Now().Add(time.Minute), 10)
	// The visitor's private link and the lawyer's new request.
	if err != nil || len(pending) != 2 {
		t.Fatalf("pending = %v, %v", pending, err)
	}
	ev := events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{{EventName: "MODIFY", Change: events.DynamoDBStreamRecord{SequenceNumber: "1"}}}}
	for i, item := range pending {
		img := map[string]events.DynamoDBAttributeValue{
			"pk": events.NewStringAttribute(item.ID), "type": events.NewStringAttribute("outbox"), "kind": events.NewStringAttribute(item.Kind),
			"questionId": events.NewStringAttribute(item.QuestionID), "status": events.NewStringAttribute("pending"),
		}
		if item.BookingID != "" {
			img["bookingId"] = events.NewStringAttribute(item.BookingID)
		}
		ev.Records = append(ev.Records, events.DynamoDBEventRecord{EventName: "INSERT", Change: events.DynamoDBStreamRecord{SequenceNumber: fmt.Sprint(i + 2), NewImage: img}})
	}
	resp, err := awsnotify.StreamHandler(svc, n, nil)(ctx, ev)
	if err != nil || len(resp.BatchItemFailures) != 0 {
		t.Fatalf("handler = %+v, %v", resp, err)
	}
	emails, sms := sent(t, endpoint)
	phones := map[string]string{}
	for _, m := range sms {
		phones[fmt.Sprint(m["phone_number"])] = fmt.Sprint(m["message"])
	}
	link := "https://lawdesk.example.com/#/q/" + q.ID + "?t=" + q.AccessToken
	if len(emails) != 1 || !strings.Contains(emails[0], "To: wang@example.com") || len(sms) != 2 || phones["+8613912345678"] == "" ||
		!strings.Contains(phones["+8613800138000"], link) {
		t.Fatalf("sent %q and %v", emails, sms)
	}
	for _, item := range pending {
		if got, _ := st.FindOutboxItem(ctx, item.ID); got.Status != "sent" {
			t.Fatalf("outbox item = %+v", got)
		}
	}
}

// bookedWorld is a service on table whose store holds a firm, a lawyer
// with one slot, a question (its private link due) and a pending booking
// of that slot (the lawyer's new request due): two notifications pending.
func bookedWorld(t *testing.T, table string) (*app.Service, *store.Store, app.Submitted) {
	t.Helper()
	ctx := context.Background()
	secret := []byte("0123456789abcdef0123456789abcdef")
	st := store.New(ddbtest.Client(t), table, cursor.New(secret))
	cfg := app.DefaultConfig()
	cfg.Secret = secret
	cfg.WebOrigin = "https://lawdesk.example.com"
	svc := app.New(st, router.NewClassifier(), cfg)
	admin := auth.Identity{Subject: "a", Groups: []string{auth.GroupAdmins}}
	f, err := svc.CreateFirm(ctx, admin, domain.FirmInput{Name: "明德律师事务所", Phone: "025-83331234", City: "南京"})
	if err != nil {
		t.Fatal(err)
	}
	l, err := svc.CreateLawyer(ctx, admin, domain.LawyerInput{FirmID: f.ID, Name: "王晓明", Areas: []string{"family"}, City: "南京",
		LicenseNo: "13201201810000001", Phone: "13912345678", Email: "wang@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().Add(48 * time.Hour).Truncate(time.Hour)
	staff := auth.Identity{Subject: "s", Groups: []string{auth.GroupStaff}, FirmID: f.ID}
	if _, err := svc.PublishSlots(ctx, staff, l.ID, domain.SlotsInput{Slots: []domain.SlotInput{{Start: start.Format(time.RFC3339), Minutes: 30}}}); err != nil {
		t.Fatal(err)
	}
	yes := true
	q, err := svc.SubmitQuestion(ctx, domain.QuestionInput{Title: "离婚后孩子抚养权归谁", Area: "family", Name: "李雷", Phone: "13800138000", Consent: &yes}, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.CreateBooking(ctx, app.Caller{VisitorToken: q.AccessToken}, domain.BookingInput{QuestionID: q.ID, LawyerID: l.ID, Start: start.Format(time.RFC3339), Mode: "phone"}, ""); err != nil {
		t.Fatal(err)
	}
	return svc, st, q
}
