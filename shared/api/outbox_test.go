package api_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// recorder is a stand-in for SES and SNS (the senders are tested against
// moto in shared/awsnotify); it records or refuses what it is given.
type recorder struct {
	mu   sync.Mutex
	sent []domain.Message
	fail bool
}

func (r *recorder) Send(_ context.Context, m domain.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail {
		return errors.New("smtp down")
	}
	r.sent = append(r.sent, m)
	return nil
}

func TestOutbox(t *testing.T) {
	e := newBookingEnv(t)
	ctx := context.Background()
	rec := &recorder{}
	id := e.book(e.qid, e.tok, e.lawyer, e.start, "").want(t, 201).str("id")
	n, err := e.svc.DeliverPending(ctx, rec, 0, 10)
	if err != nil || n != 1 {
		t.Fatalf("DeliverPending = %d, %v", n, err)
	}
	if len(rec.sent) != 2 || rec.sent[0].To != "lawyer" || rec.sent[0].Address != "wang@example.com" || rec.sent[1].Address != "13912345678" || rec.sent[0].Kind != domain.NoticeCreated {
		t.Fatalf("sent = %+v", rec.sent)
	}
	if n, _ := e.svc.DeliverPending(ctx, rec, 0, 10); n != 0 {
		t.Fatal("a sent notification was sent again")
	}
	t.Run("ConfirmedCarriesICS", func(t *testing.T) {
		e.act(id, "accept", e.lawyerTok(), "", nil).want(t, 200)
		rec.sent = nil
		if _, err := e.svc.DeliverPending(ctx, rec, 0, 10); err != nil {
			t.Fatal(err)
		}
		if len(rec.sent) != 2 || rec.sent[0].To != "visitor" || !strings.Contains(string(rec.sent[0].ICS), "BEGIN:VEVENT") {
			t.Fatalf("sent = %+v", rec.sent)
		}
	})
	t.Run("FailedSendIsRetriedAndNeverBlocks", func(t *testing.T) {
		rec.fail = true
		r := e.act(id, "cancel", e.lawyerTok(), "", map[string]any{"reason": "生病"}).want(t, 200) // the booking goes on
		if r.str("status") != "cancelled" {
			t.Fatal(r.raw)
		}
		for i := 1; i <= 5; i++ {
			if _, err := e.svc.DeliverPending(ctx, rec, 0, 10); err != nil {
				t.Fatal(err)
			}
			items, _ := e.store.FindPendingOutbox(ctx, time.Now().Add(time.Minute), 10)
			if want := 1; i == 5 {
				if len(items) != 0 {
					t.Fatalf("after %d failures the item is still pending", i)
				}
			} else if len(items) != want || items[0].Attempts != i {
				t.Fatalf("after %d failures: %+v", i, items)
			}
		}
		// Given up: the sweeper leaves it; the booking is untouched.
		rec.fail = false
		if n, _ := e.svc.DeliverPending(ctx, rec, 0, 10); n != 0 {
			t.Fatal("a failed notification was retried after giving up")
		}
		if b := e.do(req{method: "GET", path: "/bookings/" + id, visitor: e.tok}).want(t, 200); b.str("status") != "cancelled" {
			t.Fatal(b.raw)
		}
	})
	t.Run("ErasedVisitorGetsNothing", func(t *testing.T) {
		q2, tok2 := e.mustQuestion(map[string]any{"area": "family", "phone": "13800138007"})
		id2 := e.book(q2, tok2, e.lawyer, e.start.Add(time.Hour), "").want(t, 201).str("id")
		_, _ = e.svc.DeliverPending(ctx, rec, 0, 10)
		e.act(id2, "decline", e.lawyerTok(), "", map[string]any{"reason": "x"}).want(t, 200)
		e.do(req{method: "DELETE", path: "/questions/" + q2, visitor: tok2}).want(t, 204)
		rec.sent = nil
		if _, err := e.svc.DeliverPending(ctx, rec, 0, 10); err != nil {
			t.Fatal(err)
		}
		if len(rec.sent) != 0 {
			t.Fatalf("an erased visitor was written to: %+v", rec.sent)
		}
	})
}

// A submitted question's private link reaches the visitor by e-mail and
// text message: the token is derived again by the sender and stored
// nowhere; nothing to an erased visitor; a few a day to any one phone.
func TestPrivateLinkOnSubmission(t *testing.T) {
	const origin = "https://lawdesk.example.com"
	e := newEnv(t, nil, func(c *app.Config, _ *api.Deps) { c.WebOrigin = origin })
	ctx := context.Background()
	rec := &recorder{}
	r := e.do(req{method: "POST", path: "/questions", header: map[string]string{"X-Forwarded-For": "x"}, body: map[string]any{
		"title": "公司拖欠工资三个月了怎么办", "name": "李雷", "phone": "13800138000", "email": "lilei@example.com", "consent": true,
	}}).want(t, 201)
	id, tok := r.str("id"), r.str("accessToken")
	if got := fmt.Sprint(r.body["linkSentTo"]); got != "[map[channel:email to:l***@example.com] map[channel:sms to:138****8000]]" {
		t.Fatalf("linkSentTo = %s", got)
	}
	pending, err := e.store.FindPendingOutbox(ctx, time.Now().Add(time.Minute), 10)
	if err != nil || len(pending) != 1 || pending[0].Kind != domain.NoticeSubmitted {
		t.Fatalf("outbox = %+v, %v: want one link to send", pending, err)
	}
	// The token is stored nowhere: not in the outbox item, not in any
	// item of the question.
	if raw := fmt.Sprint((&faultWorld{env: e}).snapshot()); strings.Contains(raw, tok) {
		t.Fatalf("the visitor token is stored: %s", raw)
	}
	if _, err := e.svc.DeliverPending(ctx, rec, 0, 10); err != nil {
		t.Fatal(err)
	}
	link := origin + "/#/q/" + id + "?t=" + url.QueryEscape(tok)
	if len(rec.sent) != 2 || rec.sent[0].Channel != "email" || rec.sent[1].Channel != "sms" {
		t.Fatalf("sent = %+v", rec.sent)
	}
	for _, m := range rec.sent {
		if !strings.Contains(m.Text, link+" ") || strings.Contains(m.Text, "拖欠工资") || strings.Contains(m.Text, "李雷") {
			t.Fatalf("%s text = %q: want the link %s and nothing of the question", m.Channel, m.Text, link)
		}
	}
	// The link opens the question.
	u, _ := url.Parse(strings.Replace(link, "/#/", "/", 1))
	e.do(req{method: "GET", path: "/questions/" + id, visitor: u.Query().Get("t")}).want(t, 200)
	if it, err := e.store.FindOutboxItem(ctx, pending[0].ID); err != nil || it.Status != domain.OutboxSent {
		t.Fatalf("after sending: %+v, %v: want sent", it, err)
	}

	t.Run("ErasedFirst", func(t *testing.T) {
		id, tok := e.mustQuestion(map[string]any{"phone": "13800138001"})
		e.do(req{method: "DELETE", path: "/questions/" + id, visitor: tok}).want(t, 204)
		rec.sent = nil
		if _, err := e.svc.DeliverPending(ctx, rec, 0, 10); err != nil {
			t.Fatal(err)
		}
		if len(rec.sent) != 0 {
			t.Fatalf("an erased visitor was sent the link: %+v", rec.sent)
		}
	})
	t.Run("FewADayToOnePhone", func(t *testing.T) {
		rec.sent = nil
		for i := 0; i < domain.LinkSendsPerDay+2; i++ {
			e.mustQuestion(map[string]any{"phone": "13800138002", "email": ""})
		}
		if _, err := e.svc.DeliverPending(ctx, rec, 0, 10); err != nil {
			t.Fatal(err)
		}
		if len(rec.sent) != domain.LinkSendsPerDay {
			t.Fatalf("one phone got %d links for %d questions, want %d", len(rec.sent), domain.LinkSendsPerDay+2, domain.LinkSendsPerDay)
		}
		if n, _ := e.svc.DeliverPending(ctx, rec, 0, 10); n != 0 {
			t.Fatal("links held back by the cap stay pending")
		}
	})
	t.Run("NoOriginNoLink", func(t *testing.T) {
		e := newEnv(t, nil)
		r := e.do(req{method: "POST", path: "/questions", header: map[string]string{"X-Forwarded-For": "x"}, body: map[string]any{
			"title": "公司拖欠工资三个月了怎么办", "name": "李雷", "phone": "13800138000", "consent": true,
		}}).want(t, 201)
		if got, ok := r.body["linkSentTo"].([]any); !ok || len(got) != 0 {
			t.Fatalf("linkSentTo = %v without WEB_ORIGIN", r.body["linkSentTo"])
		}
		if items, _ := e.store.FindPendingOutbox(ctx, time.Now().Add(time.Minute), 10); len(items) != 0 {
			t.Fatalf("outbox = %+v without WEB_ORIGIN", items)
		}
	})
}

// providerRefusal fails every send as SES and SNS refuse one, echoing the
// recipient: "Email address is not verified. The following identities
// failed the check in region …: <address>" (a sandboxed account), "Invalid
// parameter: PhoneNumber Reason: +86… is not valid to publish to".
type providerRefusal struct{}

func (providerRefusal) Send(_ context.Context, m domain.Message) error {
	if m.Channel == "email" {
		return fmt.Errorf("operation error SESv2: SendEmail, https response error StatusCode: 400, RequestID: 1f2e, MessageRejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: %s", m.Address)
	}
	return fmt.Errorf("operation error SNS: Publish, https response error StatusCode: 400, RequestID: 3c4d, api error InvalidParameter: Invalid parameter: PhoneNumber Reason: +86%s is not valid to publish to", m.Address)
}

// A refused send is recorded on the outbox item for the operator, who
// learns which message failed and why, but not the address the provider
// echoed: the item names no address (it is kept 30 days, and an erasure
// does not reach it).
func TestSendFailureKeepsNoAddress(t *testing.T) {
	e := newBookingEnv(t, withOrigin)
	ctx := context.Background()
	e.book(e.qid, e.tok, e.lawyer, e.start, "").want(t, 201)                                 // the lawyer's e-mail and phone
	e.mustQuestion(map[string]any{"phone": "13800138009", "email": "hanmeimei@example.com"}) // the visitor's private link
	if _, err := e.svc.DeliverPending(ctx, providerRefusal{}, 0, 10); err != nil {
		t.Fatal(err)
	}
	outbox := (&faultWorld{env: e.env}).snapshot().ofType("outbox")
	failed := 0
	for _, o := range outbox {
		last := o.str("lastError")
		if last == "" {
			continue
		}
		failed++
		if m := phonePattern.FindString(last); m != "" || emailPattern.MatchString(last) || strings.Contains(last, "13800138009") {
			t.Errorf("outbox item %s (%s) keeps the address: lastError = %q", o.str("pk"), o.str("kind"), last)
		}
		if !strings.Contains(last, "MessageRejected") || !strings.Contains(last, "InvalidParameter") || !strings.Contains(last, "email") || !strings.Contains(last, "sms") {
			t.Errorf("outbox item %s: lastError = %q does not say which message failed and why", o.str("pk"), last)
		}
	}
	if failed < 2 {
		t.Fatalf("%d failed notifications recorded, want the booking's and the link's: %v", failed, outbox)
	}
}
