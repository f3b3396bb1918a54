// Package awsnotify sends the product's notifications in AWS: e-mail with
// Amazon SES (v2; a confirmed booking's e-mail carries its .ics invitation)
// and text messages with Amazon SNS. Only the notify and sweeper functions
// import it, so the other bootstraps stay small.
package awsnotify

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"mime"
	"mime/multipart"
	"net/textproto"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	sestypes "github.com/aws/aws-sdk-go-v2/service/sesv2/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// SES is the part of the SES v2 client used.
type SES interface {
	SendEmail(context.Context, *sesv2.SendEmailInput, ...func(*sesv2.Options)) (*sesv2.SendEmailOutput, error)
}

// SNS is the part of the SNS client used.
type SNS interface {
	Publish(context.Context, *sns.PublishInput, ...func(*sns.Options)) (*sns.PublishOutput, error)
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
		_, err = n.SES.SendEmail(ctx, &sesv2.SendEmailInput{
			FromEmailAddress: aws.String(n.From),
			Destination:      &sestypes.Destination{ToAddresses: []string{m.Address}},
			Content:          &sestypes.EmailContent{Raw: &sestypes.RawMessage{Data: raw}},
		})
		return err
	case "sms":
		if !n.SMS {
			return nil
		}
		_, err := n.SNS.Publish(ctx, &sns.PublishInput{
			PhoneNumber: aws.String(E164(m.Address)),
			Message:     aws.String(m.Text),
			MessageAttributes: map[string]snstypes.MessageAttributeValue{
				"AWS.SNS.SMS.SMSType": {DataType: aws.String("String"), StringValue: aws.String("Transactional")},
			},
		})
		return err
	}
	return fmt.Errorf("unknown channel %q", m.Channel)
}

// E164 writes a Chinese mobile number with its country code.
func E164(phone string) string {
	if strings.HasPrefix(phone, "+") {
		return phone
	}
	return "+86" + phone
}

// MIME renders m as a multipart e-mail: the text, and the .ics invitation
// when there is one (its part names the calendar's METHOD: PUBLISH, or
// CANCEL for a cancellation).
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
			"Content-Type":              {"text/calendar; charset=utf-8; method=" + m.ICSMethod()},
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
