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

// The rest of a booking's life through the API (issue 13): reschedule,
// reminders, no-show, reviews, minimum notice, withdrawing slots.

const webOrigin = "https://lawdesk.example.com"

func withOrigin(c *app.Config, _ *api.Deps) { c.WebOrigin = webOrigin }

// confirmedAt books the lawyer's slot at start for a fresh question (its
// own phone) and accepts it: the booking, the question and its token.
func (e *bookingEnv) confirmedAt(start time.Time) (id, qid, tok string) {
	e.t.Helper()
	qid, tok = e.mustQuestion(map[string]any{"area": "family", "phone": fmt.Sprintf("1380%07d", seq.Add(1))})
	id = e.book(qid, tok, e.lawyer, start, "").want(e.t, 201).str("id")
	e.act(id, "accept", e.lawyerTok(), "", nil).want(e.t, 200)
	return id, qid, tok
}

func (e *env) reschedule(id, token, visitor string, start time.Time) response {
	return e.do(req{method: "POST", path: "/bookings/" + id + "/reschedule", token: token, visitor: visitor,
		body: map[string]any{"start": start.Format(time.RFC3339)}})
}

// slotOf reads one slot of lawyer from the table.
func (e *env) slotOf(lawyer string, start time.Time) tableItem {
	return (&faultWorld{env: e}).snapshot().get("LAWYER#"+lawyer, "SLOT#"+start.UTC().Format("2006-01-02T15:04Z"))
}

// nextOpen is the lawyer's next open slot as the profile stores it.
func (e *env) nextOpen(lawyer string) string {
	return (&faultWorld{env: e}).snapshot().get("LAWYER#"+lawyer, "LAWYER").str("nextOpenSlot")
}

// outboxOf lists the outbox items of a booking of one kind.
func (e *env) outboxOf(booking, kind string) []tableItem {
	var out []tableItem
	for _, o := range (&faultWorld{env: e}).snapshot().ofType("outbox") {
		if o.str("bookingId") == booking && o.str("kind") == kind {
			out = append(out, o)
		}
	}
	return out
}

func TestReschedule(t *testing.T) {
	e := newBookingEnv(t, withOrigin)
	s1, s2, s3 := e.start, e.start.Add(time.Hour), e.start.Add(2*time.Hour)
	e.slotAt(e.lawyer, e.firm, s3)
	id := e.book(e.qid, e.tok, e.lawyer, s1, "").want(t, 201).str("id")
	e.act(id, "accept", e.lawyerTok(), "", nil).want(t, 200)
	rec := &recorder{}
	if _, err := e.svc.DeliverPending(bg, rec, 0, 100); err != nil {
		t.Fatal(err)
	}
	t.Run("Errors", func(t *testing.T) {
		e.reschedule(id, e.staff(e.firm), "", s2).want(t, 403, "forbidden")
		e.reschedule(id, e.env.lawyer(e.peer, e.firm), "", s2).want(t, 403, "forbidden")
		e.reschedule(id, "", "", s2).want(t, 401, "unauthenticated")
		e.reschedule(id, "", e.tok, s1.Add(30*time.Minute)).want(t, 404, "not_found")
		if r := e.reschedule(id, "", e.tok, s1).want(t, 400, "validation_failed"); r.fields()["start"] == nil {
			t.Fatalf("the booking's own time: %s", r.raw)
		}
		e.do(req{method: "POST", path: "/bookings/" + id + "/reschedule", visitor: e.tok, body: map[string]any{"start": "tomorrow"}}).want(t, 400, "validation_failed")
		// Within the cancellation notice the visitor may not move it away.
		e.setNow(s1.Add(-time.Hour))
		e.reschedule(id, "", e.tok, s2).want(t, 403, "forbidden")
		e.setNow(time.Now())
		// A slot sooner than the minimum notice.
		soon := time.Now().Add(time.Hour).Truncate(time.Minute)
		e.slotAt(e.lawyer, e.firm, soon)
		if r := e.reschedule(id, "", e.tok, soon).want(t, 400, "validation_failed"); r.fields()["start"] == nil {
			t.Fatalf("too soon: %s", r.raw)
		}
		e.do(req{method: "DELETE", path: "/lawyers/" + e.lawyer + "/slots/" + soon.UTC().Format(time.RFC3339), token: e.lawyerTok()}).want(t, 204)
		// A slot another booking holds: 409 and nothing changed.
		q2, tok2 := e.mustQuestion(map[string]any{"area": "family", "phone": "13800138111"})
		other := e.book(q2, tok2, e.lawyer, s2, "").want(t, 201).str("id")
		before := (&faultWorld{env: e.env}).snapshot()
		e.reschedule(id, "", e.tok, s2).want(t, 409, "slot_unavailable")
		if d := before.diff((&faultWorld{env: e.env}).snapshot()); d != "" {
			t.Fatalf("a refused reschedule changed the table: %s", d)
		}
		e.act(other, "cancel", "", tok2, nil).want(t, 200)
	})
	t.Run("ByTheVisitor", func(t *testing.T) {
		r := e.reschedule(id, "", e.tok, s3).want(t, 200)
		if r.str("status") != "pending" || !sameTime(r.str("start"), s3) || r.body["sequence"] != float64(1) ||
			!sameTime(r.str("previousStart"), s1) || r.str("rescheduledBy") != "visitor" || r.str("respondBy") == "" {
			t.Fatalf("moved = %s", r.raw)
		}
		if sl := e.slotOf(e.lawyer, s1); sl.str("status") != domain.SlotOpen || sl.has("bookingId") {
			t.Fatalf("old slot = %v", sl)
		}
		if sl := e.slotOf(e.lawyer, s3); sl.str("status") != domain.SlotHeld || sl.str("bookingId") != id {
			t.Fatalf("new slot = %v", sl)
		}
		// The old slot is the lawyer's next open slot again.
		if next := e.nextOpen(e.lawyer); !sameTime(next, s1) {
			t.Fatalf("next open slot %q, want %s", next, s1)
		}
		// The same move again (a retry after a lost answer) is answered
		// with the booking as it stands, and tells nobody twice.
		e.reschedule(id, "", e.tok, s3).want(t, 200)
		if n := len(e.outboxOf(id, domain.NoticeRescheduled)); n != 1 {
			t.Fatalf("%d reschedule notices", n)
		}
		// The lawyer hears of it, with the .ics moved: same UID, SEQUENCE 1.
		rec.sent = nil
		if _, err := e.svc.DeliverPending(bg, rec, 0, 100); err != nil {
			t.Fatal(err)
		}
		var mail *domain.Message
		for i, m := range rec.sent {
			if m.Kind == domain.NoticeRescheduled && m.Channel == "email" {
				mail = &rec.sent[i]
			}
		}
		if mail == nil || mail.To != domain.RoleLawyer || !strings.Contains(string(mail.ICS), "UID:"+id+"@lawdesk\r\n") ||
			!strings.Contains(string(mail.ICS), "SEQUENCE:1\r\n") || !strings.Contains(mail.Text, webOrigin+"/#/lawyer/inbox") {
			t.Fatalf("reschedule messages = %+v", rec.sent)
		}
		// The lawyer confirms the new time; the visitor's confirmation
		// carries the same event, SEQUENCE 1.
		e.act(id, "accept", e.lawyerTok(), "", nil).want(t, 200)
		rec.sent = nil
		if _, err := e.svc.DeliverPending(bg, rec, 0, 100); err != nil {
			t.Fatal(err)
		}
		if len(rec.sent) == 0 || rec.sent[0].Kind != domain.NoticeConfirmed || !strings.Contains(string(rec.sent[0].ICS), "SEQUENCE:1\r\n") {
			t.Fatalf("confirmation after the move = %+v", rec.sent)
		}
	})
	t.Run("ByTheLawyer", func(t *testing.T) {
		r := e.reschedule(id, e.lawyerTok(), "", s1).want(t, 200)
		if r.str("status") != "confirmed" || !sameTime(r.str("start"), s1) || r.body["sequence"] != float64(2) || r.str("rescheduledBy") != "lawyer" {
			t.Fatalf("moved by the lawyer = %s", r.raw)
		}
		if sl := e.slotOf(e.lawyer, s1); sl.str("status") != domain.SlotBooked || sl.str("bookingId") != id {
			t.Fatalf("new slot = %v", sl)
		}
		ics := e.do(req{method: "GET", path: "/bookings/" + id + ".ics", visitor: e.tok}).want(t, 200)
		if !strings.Contains(ics.raw, "UID:"+id+"@lawdesk\r\n") || !strings.Contains(ics.raw, "SEQUENCE:2\r\n") || !strings.Contains(ics.raw, "METHOD:PUBLISH\r\n") {
			t.Fatalf("ics = %s", ics.raw)
		}
		rec.sent = nil
		if _, err := e.svc.DeliverPending(bg, rec, 0, 100); err != nil {
			t.Fatal(err)
		}
		if len(rec.sent) != 2 || rec.sent[0].To != domain.RoleVisitor || rec.sent[0].Kind != domain.NoticeRescheduled ||
			!strings.Contains(string(rec.sent[0].ICS), "SEQUENCE:2\r\n") || !strings.Contains(rec.sent[0].Text, webOrigin+"/#/q/"+e.qid+"?t=") {
			t.Fatalf("the visitor's messages = %+v", rec.sent)
		}
	})
	t.Run("CancelledICS", func(t *testing.T) {
		e.act(id, "cancel", e.lawyerTok(), "", nil).want(t, 200)
		ics := e.do(req{method: "GET", path: "/bookings/" + id + ".ics", visitor: e.tok}).want(t, 200)
		if !strings.Contains(ics.raw, "METHOD:CANCEL\r\n") || !strings.Contains(ics.raw, "SEQUENCE:3\r\n") || !strings.Contains(ics.raw, "UID:"+id+"@lawdesk\r\n") {
			t.Fatalf("ics of the cancelled booking = %s", ics.raw)
		}
		e.reschedule(id, "", e.tok, s2).want(t, 409, "invalid_state")
	})
	if p := consistent((&faultWorld{env: e.env}).snapshot()); len(p) > 0 {
		t.Fatalf("inconsistent after the moves: %v", p)
	}
}

// Two visitors race for one slot: one moves a booking there while the
// other moves theirs there too, or books it. One wins; the other's
// booking is as it was.
func TestRescheduleContention(t *testing.T) {
	e := newBookingEnv(t)
	type booking struct{ id, tok string }
	for round := 0; round < 4; round++ {
		base := e.start.Add(time.Duration(4+round*4) * time.Hour)
		a, b, target := base, base.Add(time.Hour), base.Add(2*time.Hour)
		for _, s := range []time.Time{a, b, target} {
			e.slotAt(e.lawyer, e.firm, s)
		}
		qa, ta := e.mustQuestion(map[string]any{"area": "family", "phone": fmt.Sprintf("1380%07d", seq.Add(1))})
		qb, tb := e.mustQuestion(map[string]any{"area": "family", "phone": fmt.Sprintf("1380%07d", seq.Add(1))})
		A := booking{e.book(qa, ta, e.lawyer, a, "").want(t, 201).str("id"), ta}
		var B booking
		bookB := round%2 == 1 // odd rounds: B books the target instead of moving to it
		if !bookB {
			B = booking{e.book(qb, tb, e.lawyer, b, "").want(t, 201).str("id"), tb}
		}
		beforeA := (&faultWorld{env: e.env}).snapshot().get("BOOKING#"+A.id, "BOOKING")
		var beforeB tableItem
		if !bookB {
			beforeB = (&faultWorld{env: e.env}).snapshot().get("BOOKING#"+B.id, "BOOKING")
		}
		var wg sync.WaitGroup
		var ra, rb response
		wg.Add(2)
		go func() { defer wg.Done(); ra, _ = send(e.url, moveReq(A.id, A.tok, target)) }()
		go func() {
			defer wg.Done()
			if bookB {
				rb, _ = send(e.url, req{method: "POST", path: "/bookings", visitor: tb,
					body: map[string]any{"questionId": qb, "lawyerId": e.lawyer, "start": target.Format(time.RFC3339), "mode": "phone"}})
			} else {
				rb, _ = send(e.url, moveReq(B.id, B.tok, target))
			}
		}()
		wg.Wait()
		okB := map[bool]int{true: 201, false: 200}[bookB]
		if (ra.status == 200) == (rb.status == okB) {
			t.Fatalf("round %d: both or neither won: %d %s / %d %s", round, ra.status, ra.raw, rb.status, rb.raw)
		}
		after := (&faultWorld{env: e.env}).snapshot()
		held := after.get("LAWYER#"+e.lawyer, "SLOT#"+target.UTC().Format("2006-01-02T15:04Z"))
		switch {
		case ra.status == 200:
			if rb.code() != "slot_unavailable" {
				t.Fatalf("round %d: the loser answered %d %s", round, rb.status, rb.raw)
			}
			if held.str("bookingId") != A.id {
				t.Fatalf("round %d: target held by %q, want A", round, held.str("bookingId"))
			}
			if !bookB && fmt.Sprint(after.get("BOOKING#"+B.id, "BOOKING")) != fmt.Sprint(beforeB) {
				t.Fatalf("round %d: the loser's booking changed", round)
			}
			if !bookB && after.get("LAWYER#"+e.lawyer, "SLOT#"+b.UTC().Format("2006-01-02T15:04Z")).str("bookingId") != B.id {
				t.Fatalf("round %d: the loser's slot is no longer held for it", round)
			}
		default:
			if ra.code() != "slot_unavailable" {
				t.Fatalf("round %d: A answered %d %s", round, ra.status, ra.raw)
			}
			if fmt.Sprint(after.get("BOOKING#"+A.id, "BOOKING")) != fmt.Sprint(beforeA) ||
				after.get("LAWYER#"+e.lawyer, "SLOT#"+a.UTC().Format("2006-01-02T15:04Z")).str("bookingId") != A.id {
				t.Fatalf("round %d: A lost but its booking or slot changed", round)
			}
		}
		if p := consistent(after); len(p) > 0 {
			t.Fatalf("round %d: %v", round, p)
		}
		t.Logf("round %d (the other %s): A %d, B %d", round, map[bool]string{true: "books", false: "moves"}[bookB], ra.status, rb.status)
	}
}

func moveReq(id, tok string, start time.Time) req {
	return req{method: "POST", path: "/bookings/" + id + "/reschedule", visitor: tok, body: map[string]any{"start": start.Format(time.RFC3339)}}
}

// counter counts what it sends per outbox notification's kind, booking,
// recipient and channel; it sends slowly (so that concurrent senders
// overlap) and fails the sends failOnce names, the first time only.
type counter struct {
	mu       sync.Mutex
	sent     map[string]int
	texts    map[string]string
	failOnce map[string]bool
}

func newCounter(failOnce ...string) *counter {
	c := &counter{sent: map[string]int{}, texts: map[string]string{}, failOnce: map[string]bool{}}
	for _, k := range failOnce {
		c.failOnce[k] = true
	}
	return c
}

func (c *counter) Send(_ context.Context, m domain.Message) error {
	time.Sleep(15 * time.Millisecond)
	c.mu.Lock()
	defer c.mu.Unlock()
	k := m.Kind + "|" + m.BookingID + "|" + m.MessageKey()
	if c.failOnce[k] {
		delete(c.failOnce, k)
		return errors.New("sms gateway down")
	}
	c.sent[k]++
	c.texts[k] = m.Text
	return nil
}

// reminders returns how often each of booking's reminder messages went.
func (c *counter) reminders(booking string) map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]int{}
	for k, n := range c.sent {
		if strings.HasPrefix(k, domain.NoticeReminder+"|"+booking+"|") {
			out[strings.TrimPrefix(k, domain.NoticeReminder+"|"+booking+"|")] = n
		}
	}
	return out
}

// Reminders are sent exactly once each — with two sweeps overlapping and
// a send that failed retried — never after a cancel or a move, and not
// for an offset already past at confirmation.
func TestRemindersExactlyOnce(t *testing.T) {
	e := newBookingEnv(t, withOrigin)
	cfg := app.DefaultConfig()
	cfg.Secret, cfg.WebOrigin = secret, webOrigin
	// A second sweeper: another process over the same table.
	other := app.New(e.store, nil, cfg)
	sweeps := func(at time.Time, n app.Notifier, both bool) {
		t.Helper()
		e.setNow(at)
		other.Now = e.svc.Now
		defer e.setNow(time.Now())
		var wg sync.WaitGroup
		var errs [2]error
		for i, svc := range []*app.Service{e.svc, other}[:map[bool]int{true: 2, false: 1}[both]] {
			wg.Add(1)
			go func() { defer wg.Done(); _, errs[i] = svc.DeliverPending(bg, n, 0, 100) }()
		}
		wg.Wait()
		if err := errors.Join(errs[:]...); err != nil {
			t.Fatal(err)
		}
	}
	s := e.start // 72 hours ahead
	for _, extra := range []time.Duration{2, 3, 4, 5, 6} {
		e.slotAt(e.lawyer, e.firm, s.Add(extra*time.Hour))
	}
	kept, _, _ := e.confirmedAt(s)
	cancelled, _, _ := e.confirmedAt(s.Add(time.Hour))
	moved, _, _ := e.confirmedAt(s.Add(2 * time.Hour))
	movedByVisitor, _, vtok := e.confirmedAt(s.Add(3 * time.Hour))
	e.act(cancelled, "cancel", e.lawyerTok(), "", nil).want(t, 200)
	e.reschedule(moved, e.lawyerTok(), "", s.Add(5*time.Hour)).want(t, 200)
	e.reschedule(movedByVisitor, "", vtok, s.Add(6*time.Hour)).want(t, 200)
	if n := len(e.outboxOf(kept, domain.NoticeReminder)); n != 2 {
		t.Fatalf("a booking confirmed 72 h ahead has %d reminders, want 2", n)
	}
	n := newCounter(domain.NoticeReminder + "|" + kept + "|lawyer/sms")
	// Nothing is due yet.
	sweeps(time.Now(), n, true)
	if got := n.reminders(kept); len(got) != 0 {
		t.Fatalf("reminders sent before they were due: %v", got)
	}
	// 24 hours before: two sweeps at once, the lawyer's text message fails
	// (the second sweep may meet the item claimed, or already released
	// for a retry: it then sends only that message).
	sweeps(s.Add(-24*time.Hour+time.Minute), n, true)
	if got := n.reminders(kept); got["visitor/email"] != 1 || got["visitor/sms"] != 1 || got["lawyer/email"] != 1 || got["lawyer/sms"] > 1 {
		t.Fatalf("24 h reminders after the first sweeps: %v", got)
	}
	// The next sweeps retry only the message that failed.
	sweeps(s.Add(-24*time.Hour+6*time.Minute), n, true)
	if got := n.reminders(kept); fmt.Sprint(got) != "map[lawyer/email:1 lawyer/sms:1 visitor/email:1 visitor/sms:1]" {
		t.Fatalf("24 h reminders after the retry: %v", got)
	}
	k := domain.NoticeReminder + "|" + kept + "|visitor/sms"
	if txt := n.texts[k]; !strings.Contains(txt, "王晓明") || !strings.Contains(txt, "电话咨询") || !strings.Contains(txt, webOrigin+"/#/q/") || !strings.Contains(txt, "24 小时") {
		t.Fatalf("the visitor's reminder = %q", txt)
	}
	// 1 hour before: once more each, and the 24-hour one not again.
	sweeps(s.Add(-time.Hour+time.Minute), n, true)
	sweeps(s.Add(-time.Hour+2*time.Minute), n, true)
	if got := n.reminders(kept); fmt.Sprint(got) != "map[lawyer/email:2 lawyer/sms:2 visitor/email:2 visitor/sms:2]" {
		t.Fatalf("after both reminders: %v (each channel once per offset)", got)
	}
	attempts := 0
	for _, o := range e.outboxOf(kept, domain.NoticeReminder) {
		if o.str("status") != domain.OutboxSent || o.has("gsi3pk") || o.has("claimId") {
			t.Fatalf("reminder %s left %v", o.str("pk"), o)
		}
		attempts += o.num("attempts")
	}
	if attempts != 3 || len(n.failOnce) != 0 {
		t.Fatalf("the two reminders took %d attempts (want 3: one failed send retried)", attempts)
	}
	// None after a cancel; none at the old time of a booking moved, and
	// the lawyer's move has its own at the new time; the visitor's move
	// waits for the lawyer to confirm again.
	sweeps(s.Add(4*time.Hour+time.Minute), n, true) // past every old due time and the moved booking's new ones, before its new start
	for _, id := range []string{cancelled, movedByVisitor} {
		if got := n.reminders(id); len(got) != 0 {
			t.Fatalf("booking %s reminded: %v", id, got)
		}
	}
	for _, o := range append(e.outboxOf(cancelled, domain.NoticeReminder), e.outboxOf(movedByVisitor, domain.NoticeReminder)...) {
		if o.str("status") != domain.OutboxDropped {
			t.Fatalf("reminder %s of a cancelled or moved booking is %s", o.str("pk"), o.str("status"))
		}
	}
	if got := n.reminders(moved); fmt.Sprint(got) != "map[lawyer/email:2 lawyer/sms:2 visitor/email:2 visitor/sms:2]" {
		// Moved from s+2h to s+5h at the real now: both offsets of the new
		// time were ahead; the sweeps from s-1h sent its 24-hour reminder,
		// the one at s+4h its 1-hour one.
		t.Fatalf("the booking the lawyer moved: %v", got)
	}
	if txt := n.texts[domain.NoticeReminder+"|"+moved+"|visitor/email"]; !strings.Contains(txt, s.Add(5*time.Hour).In(mustZone(t, "Asia/Shanghai")).Format("15:04")) {
		t.Fatalf("the moved booking's reminder tells another time: %q", txt)
	}
	// Confirmed 20 hours before the start: only the 1-hour reminder.
	late := time.Now().Add(20 * time.Hour).Truncate(time.Hour)
	e.slotAt(e.lawyer, e.firm, late)
	lateID, _, _ := e.confirmedAt(late)
	if rs := e.outboxOf(lateID, domain.NoticeReminder); len(rs) != 1 || rs[0].num("offsetSeconds") != 3600 {
		t.Fatalf("confirmed 20 h ahead: %v", rs)
	}
	if p := consistent((&faultWorld{env: e.env}).snapshot()); len(p) > 0 {
		t.Fatal(p)
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	loc, err := domain.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestNoShow(t *testing.T) {
	e := newBookingEnv(t)
	id, qid, tok := e.confirmedAt(e.start)
	e.act(id, "no-show", e.lawyerTok(), "", nil).want(t, 409, "invalid_state") // not begun
	e.setNow(e.start.Add(10 * time.Minute))
	e.act(id, "no-show", "", tok, nil).want(t, 401, "unauthenticated")
	e.act(id, "no-show", e.staff(e.firm), "", nil).want(t, 403, "forbidden")
	r := e.act(id, "no-show", e.lawyerTok(), "", nil).want(t, 200)
	if r.str("status") != "no_show" {
		t.Fatalf("no-show = %s", r.raw)
	}
	e.act(id, "complete", e.lawyerTok(), "", nil).want(t, 409, "invalid_state")
	e.setNow(time.Now())
	// The funnel and the lead desk count it.
	stats := e.do(req{method: "GET", path: "/leads/stats", token: e.staff(e.firm)}).want(t, 200)
	total, _ := stats.body["total"].(map[string]any)
	if total["no_show"] != float64(1) || total["confirmed"] != float64(1) || total["completed"] != float64(0) {
		t.Fatalf("funnel = %s", stats.raw)
	}
	leads := e.do(req{method: "GET", path: "/leads?status=no_show", token: e.staff(e.firm)}).want(t, 200).items()
	if len(leads) != 1 || leads[0]["questionId"] != qid {
		t.Fatalf("no-show leads = %v", leads)
	}
	// The question may book again.
	if q := e.do(req{method: "GET", path: "/questions/" + qid, visitor: tok}).want(t, 200); q.str("status") != "no_show" || q.str("openBookingId") != "" {
		t.Fatalf("question after a no-show = %s", q.raw)
	}
	e.book(qid, tok, e.lawyer, e.start.Add(time.Hour), "").want(t, 201)
	if p := consistent((&faultWorld{env: e.env}).snapshot()); len(p) > 0 {
		t.Fatal(p)
	}
}

func TestReviews(t *testing.T) {
	e := newBookingEnv(t)
	id, _, tok := e.confirmedAt(e.start)
	review := func(token, visitor string, body any) response {
		return e.do(req{method: "POST", path: "/bookings/" + id + "/review", token: token, visitor: visitor, body: body})
	}
	review("", tok, map[string]any{"stars": 5}).want(t, 409, "invalid_state") // not completed
	e.setNow(e.start.Add(40 * time.Minute))
	e.act(id, "complete", e.lawyerTok(), "", nil).want(t, 200)
	e.setNow(time.Now())
	review(e.lawyerTok(), "", map[string]any{"stars": 5}).want(t, 403, "forbidden")
	_, other := e.mustQuestion(nil)
	review("", other, map[string]any{"stars": 5}).want(t, 403, "forbidden")
	for _, bad := range []any{map[string]any{}, map[string]any{"stars": 0}, map[string]any{"stars": 6}, map[string]any{"stars": 4.5},
		map[string]any{"stars": 3, "text": strings.Repeat("好", 1001)}, map[string]any{"stars": 3, "who": "x"}} {
		review("", tok, bad).want(t, 400, "validation_failed")
	}
	r := review("", tok, map[string]any{"stars": 4, "text": "王律师很耐心。李雷以后还会来，电话13800138000"}).want(t, 201)
	if r.body["stars"] != float64(4) || strings.Contains(r.raw, "李雷") || strings.Contains(r.raw, "13800138000") || r.str("area") != "family" {
		t.Fatalf("review = %s", r.raw)
	}
	review("", tok, map[string]any{"stars": 1}).want(t, 409, "conflict") // once
	if b := e.do(req{method: "GET", path: "/bookings/" + id, visitor: tok}).want(t, 200); b.body["reviewed"] != true {
		t.Fatalf("booking after review = %s", b.raw)
	}
	// A second completed consultation, reviewed 2 stars: the average is 3.
	id, _, tok = e.confirmedAt(e.start.Add(time.Hour))
	e.setNow(e.start.Add(100 * time.Minute))
	e.act(id, "complete", e.lawyerTok(), "", nil).want(t, 200)
	e.setNow(time.Now())
	review("", tok, map[string]any{"stars": 2}).want(t, 201)
	l := e.do(req{method: "GET", path: "/lawyers/" + e.lawyer}).want(t, 200)
	if rating, _ := l.body["rating"].(map[string]any); rating["average"] != float64(3) || rating["count"] != float64(2) {
		t.Fatalf("profile rating = %s", l.raw)
	}
	list := e.do(req{method: "GET", path: "/lawyers/" + e.lawyer + "/reviews"}).want(t, 200)
	items := list.items()
	if len(items) != 2 || items[0]["stars"] != float64(2) || items[1]["stars"] != float64(4) {
		t.Fatalf("reviews, newest first = %s", list.raw)
	}
	for _, it := range items {
		for k := range it {
			if k != "stars" && k != "text" && k != "area" && k != "createdAt" {
				t.Fatalf("a public review carries %q: %v", k, it)
			}
		}
	}
	if strings.Contains(list.raw, "李雷") || strings.Contains(list.raw, "13800138000") || !strings.Contains(list.raw, "王律师很耐心") {
		t.Fatalf("public reviews = %s", list.raw)
	}
	e.do(req{method: "GET", path: "/lawyers/01NOPE/reviews"}).want(t, 404, "not_found")
	if p := consistent((&faultWorld{env: e.env}).snapshot()); len(p) > 0 {
		t.Fatal(p)
	}
}

// Slots sooner than MIN_NOTICE are neither listed nor bookable.
func TestMinNotice(t *testing.T) {
	e := newBookingEnv(t)
	soon, later := time.Now().Add(90*time.Minute).Truncate(time.Minute), time.Now().Add(150*time.Minute).Truncate(time.Minute)
	e.slotAt(e.lawyer, e.firm, soon)
	e.slotAt(e.lawyer, e.firm, later)
	for _, it := range e.do(req{method: "GET", path: "/lawyers/" + e.lawyer + "/slots"}).want(t, 200).items() {
		if sameTime(it["start"].(string), soon) {
			t.Fatalf("a slot 90 minutes ahead is listed")
		}
	}
	r := e.book(e.qid, e.tok, e.lawyer, soon, "").want(t, 400, "validation_failed")
	if codes, _ := r.body["error"].(map[string]any)["fieldCodes"].(map[string]any); codes["start"] != domain.CodeTooSoon {
		t.Fatalf("booking 90 minutes ahead = %s", r.raw)
	}
	e.book(e.qid, e.tok, e.lawyer, later, "").want(t, 201)
}

func TestWithdrawSlot(t *testing.T) {
	e := newBookingEnv(t)
	path := func(start time.Time) string {
		return "/lawyers/" + e.lawyer + "/slots/" + url.PathEscape(start.Format(time.RFC3339))
	}
	s1, s2 := e.start, e.start.Add(time.Hour)
	if next := e.nextOpen(e.lawyer); !sameTime(next, s1) {
		t.Fatalf("next open slot %q", next)
	}
	e.do(req{method: "DELETE", path: path(s1), token: e.env.lawyer(e.peer, e.firm)}).want(t, 403, "forbidden")
	e.do(req{method: "DELETE", path: path(s1)}).want(t, 401, "unauthenticated")
	e.do(req{method: "DELETE", path: "/lawyers/" + e.lawyer + "/slots/tomorrow", token: e.lawyerTok()}).want(t, 400, "validation_failed")
	e.do(req{method: "DELETE", path: path(s1.Add(10 * time.Minute)), token: e.lawyerTok()}).want(t, 404, "not_found")
	// The open next slot goes, and the one after it becomes the next.
	e.do(req{method: "DELETE", path: path(s1.In(mustZone(t, "Asia/Shanghai"))), token: e.lawyerTok()}).want(t, 204)
	if next := e.nextOpen(e.lawyer); !sameTime(next, s2) {
		t.Fatalf("next open slot after withdrawing it: %q", next)
	}
	e.do(req{method: "DELETE", path: path(s1), token: e.lawyerTok()}).want(t, 404, "not_found")
	// Held and booked slots stay.
	id := e.book(e.qid, e.tok, e.lawyer, s2, "").want(t, 201).str("id")
	e.do(req{method: "DELETE", path: path(s2), token: e.staff(e.firm)}).want(t, 409, "invalid_state")
	e.act(id, "accept", e.lawyerTok(), "", nil).want(t, 200)
	e.do(req{method: "DELETE", path: path(s2), token: e.lawyerTok()}).want(t, 409, "invalid_state")
	// The firm's staff may withdraw too.
	s3 := e.start.Add(3 * time.Hour)
	e.slotAt(e.lawyer, e.firm, s3)
	e.do(req{method: "DELETE", path: path(s3), token: e.staff(e.firm)}).want(t, 204)
	if next := e.nextOpen(e.lawyer); next != "" {
		t.Fatalf("no open slot left, next = %q", next)
	}
	if p := consistent((&faultWorld{env: e.env}).snapshot()); len(p) > 0 {
		t.Fatal(p)
	}
}

// The profile's median response time: from the booking to the lawyer's
// answer, over the last 50; null below 3.
func TestResponseMinutesMedian(t *testing.T) {
	e := newBookingEnv(t)
	median := func() any {
		return e.do(req{method: "GET", path: "/lawyers/" + e.lawyer}).want(t, 200).body["responseMinutesMedian"]
	}
	now := time.Now()
	for i, wait := range []time.Duration{10 * time.Minute, 2 * time.Hour, 30 * time.Minute} {
		if m := median(); m != nil {
			t.Fatalf("median after %d answers = %v", i, m)
		}
		start := e.start.Add(time.Duration(2+i) * time.Hour)
		e.slotAt(e.lawyer, e.firm, start)
		e.setNow(now)
		q, tok := e.mustQuestion(map[string]any{"area": "family", "phone": fmt.Sprintf("1380%07d", seq.Add(1))})
		id := e.book(q, tok, e.lawyer, start, "").want(t, 201).str("id")
		e.setNow(now.Add(wait))
		if i == 1 {
			e.act(id, "decline", e.lawyerTok(), "", map[string]any{"reason": "时间冲突"}).want(t, 200)
		} else {
			e.act(id, "accept", e.lawyerTok(), "", nil).want(t, 200)
		}
		e.setNow(time.Now())
	}
	if m := median(); m != float64(30) {
		t.Fatalf("median of 10, 120 and 30 minutes = %v", m)
	}
}
