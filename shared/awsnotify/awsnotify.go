// Package awsnotify sends the product's notifications in AWS: e-mail with
// Amazon SES (v2; a confirmed booking's e-mail carries its .ics invitation)
// and text messages with Amazon SNS. Only the notify and sweeper functions
// import it, so the other bootstraps stay small.
package awsnotify

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"mime"
	"mime/multipart"
	"net/textproto"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/lawdesk/lawdesk/shared/awscall"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// SES sends raw e-mails (SES v2 SendEmail with raw content).
type SES interface {
	SendRaw(ctx context.Context, from, to string, raw []byte) error
}

// SNS publishes text messages (SNS Publish to a phone number).
type SNS interface {
	PublishSMS(ctx context.Context, phone, text string) error
}

// Notifier implements app.Notifier with SES and SNS.
type Notifier struct {
	SES SES
	SNS SNS
	// From is the verified sender address; empty turns e-mail off.
	From string
	// SMS turns text messages on.
	SMS bool
}

// Send sends one message. A disabled channel is skipped silently.
func (n Notifier) Send(ctx context.Context, m domain.Message) error {
	switch m.Channel {
	case "email":
		if n.From == "" {
			return nil
		}
		raw, err := MIME(n.From, m)
		if err != nil {
			return err
		}
		return n.SES.SendRaw(ctx, n.From, m.Address, raw)
	case "sms":
		if !n.SMS {
			return nil
		}
		return n.SNS.PublishSMS(ctx, E164(m.Address), m.Text)
	}
	return fmt.Errorf("unknown channel %q", m.Channel)
}

// Client is SES and SNS through signed calls of the SDK's core
// (shared/awscall) rather than the SDK's generated sesv2 and sns clients,
// which weigh 0.6 MiB in the notify and sweeper bootstraps and slow their
// init. Endpoints default to the region's; SESEndpoint and SNSEndpoint
// point elsewhere (tests).
type Client struct {
	Config                   aws.Config
	SESEndpoint, SNSEndpoint string
}

// SendRaw sends one raw MIME message from a verified identity.
func (c Client) SendRaw(ctx context.Context, from, to string, raw []byte) error {
	body, err := json.Marshal(map[string]any{
		"FromEmailAddress": from,
		"Destination":      map[string]any{"ToAddresses": []string{to}},
		"Content":          map[string]any{"Raw": map[string]any{"Data": base64.StdEncoding.EncodeToString(raw)}},
	})
	if err != nil {
		return err
	}
	_, err = awscall.Do(ctx, c.Config, awscall.Request{
		Service: "ses", Region: c.Config.Region, Endpoint: awscall.Endpoint("email", c.Config.Region, c.SESEndpoint),
		Path: "/v2/email/outbound-emails", ContentType: "application/json", Body: body,
	})
	return err
}

// PublishSMS sends one transactional text message to an E.164 number.
func (c Client) PublishSMS(ctx context.Context, phone, text string) error {
	form := url.Values{
		"Action": {"Publish"}, "Version": {"2010-03-31"}, "PhoneNumber": {phone}, "Message": {text},
		"MessageAttributes.entry.1.Name":              {"AWS.SNS.SMS.SMSType"},
		"MessageAttributes.entry.1.Value.DataType":    {"String"},
		"MessageAttributes.entry.1.Value.StringValue": {"Transactional"},
	}
	_, err := awscall.Do(ctx, c.Config, awscall.Request{
		Service: "sns", Region: c.Config.Region, Endpoint: awscall.Endpoint("sns", c.Config.Region, c.SNSEndpoint),
		ContentType: "application/x-www-form-urlencoded; charset=utf-8", Body: []byte(form.Encode()),
	})
	return err
}

// E164 writes a Chinese mobile number with its country code.
func E164(phone string) string {
	if strings.HasPrefix(phone, "+") {
		return phone
	}
	return "+86" + phone
}

// MIME renders m as a multipart e-mail: the text, and the .ics invitation
// when there is one.
func MIME(from string, m domain.Message) ([]byte, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fmt.Fprintf(&buf, "From: %s\r\nTo: %s\r\nSubject: %s\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=%s\r\n\r\n",
		from, m.Address, mime.BEncoding.Encode("utf-8", m.Subject), w.Boundary())
	text, err := w.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {"text/plain; charset=utf-8"},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return nil, err
	}
	if _, err := text.Write([]byte(wrap64(m.Text))); err != nil {
		return nil, err
	}
	if len(m.ICS) > 0 {
		cal, err := w.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {"text/calendar; charset=utf-8; method=PUBLISH"},
			"Content-Disposition":       {`attachment; filename="consultation.ics"`},
			"Content-Transfer-Encoding": {"base64"},
		})
		if err != nil {
			return nil, err
		}
		if _, err := cal.Write([]byte(wrap64(string(m.ICS)))); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// wrap64 is s in base64, in lines of 76 characters.
func wrap64(s string) string {
	enc := base64.StdEncoding.EncodeToString([]byte(s))
	var b strings.Builder
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.String()
}
