package api_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

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
