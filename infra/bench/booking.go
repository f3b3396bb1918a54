package bench

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/router"
)

// discardNotifier sends nothing and reports success: what a delivery
// costs in DynamoDB, without SES or SNS.
type discardNotifier struct{}

func (discardNotifier) Send(context.Context, domain.Message) error { return nil }

// BookingFigures are the costs of the booking operations and the
// throughput of concurrent bookings.
type BookingFigures struct {
	Book, Accept, Cancel Usage // per operation
	// Submit is a question submitted as deployed (the per-address limit's
	// counter and the private link's outbox item in its transaction);
	// Deliver one notification sent (addresses read, the send recorded).
	Submit, Deliver   Usage
	Deliveries        int
	Ops               int
	Clients, Bookings int
	PerSecond         float64
	P50, P99          float64 // milliseconds
	Losers            int     // bookings refused (should be 0: every client books its own slot)
}

type target struct {
	lawyer, firm string
	start        time.Time
}

type visitor struct{ qid, tok string }

// setupBookings creates lawyers with slots and one question per slot.
func (e *Env) setupBookings(ctx context.Context, lawyers, slotsEach int) ([]target, []visitor, error) {
	var ts []target
	start := time.Now().Add(48 * time.Hour).Truncate(time.Hour)
	for i := 0; i < lawyers; i++ {
		l, err := e.Service.CreateLawyer(ctx, admin, domain.LawyerInput{
			FirmID: e.Firms[i%len(e.Firms)], Name: fmt.Sprintf("律师%03d", i), Areas: []string{"labor"}, City: cities[i%len(cities)],
			LicenseNo: fmt.Sprintf("K%016d", i), Phone: fmt.Sprintf("137%08d", i), Email: fmt.Sprintf("l%d@example.com", i),
		})
		if err != nil {
			return nil, nil, err
		}
		var in domain.SlotsInput
		for k := 0; k < slotsEach; k++ {
			s := start.Add(time.Duration(k) * time.Hour)
			in.Slots = append(in.Slots, domain.SlotInput{Start: s.Format(time.RFC3339), Minutes: 30})
			ts = append(ts, target{l.ID, l.FirmID, s})
		}
		if _, err := e.Service.PublishSlots(ctx, admin2(l.FirmID), l.ID, in); err != nil {
			return nil, nil, err
		}
	}
	vs := make([]visitor, len(ts))
	yes := true
	for i := range vs {
		sub, err := e.Service.SubmitQuestion(ctx, domain.QuestionInput{Title: "公司拖欠工资怎么办", Area: "labor", Name: "访客",
			Phone: fmt.Sprintf("136%08d", i), Email: "v@example.com", Consent: &yes}, "192.0.2.1")
		if err != nil {
			return nil, nil, err
		}
		vs[i] = visitor{sub.ID, sub.AccessToken}
	}
	e.Counter.Reset()
	return ts, vs, nil
}

// MeasureBookings books, accepts and cancels ops slots one at a time,
// counting each operation's DynamoDB calls and capacity; then clients
// concurrent clients book the remaining slots, each its own.
func (e *Env) MeasureBookings(ctx context.Context, ops, clients int) (BookingFigures, error) {
	fig := BookingFigures{Ops: ops, Clients: clients}
	const lawyersN, slotsEach = 100, 12
	ts, vs, err := e.setupBookings(ctx, lawyersN, slotsEach)
	if err != nil {
		return fig, err
	}
	var book, accept, cancel Usage
	for n := 0; n < ops; n++ {
		i := n * slotsEach // one slot of each lawyer
		t, v := ts[i], vs[i]
		e.Counter.Reset()
		b, _, err := e.Service.CreateBooking(ctx, app.Caller{VisitorToken: v.tok},
			domain.BookingInput{QuestionID: v.qid, LawyerID: t.lawyer, Start: t.start.Format(time.RFC3339), Mode: "phone"}, fmt.Sprintf("key-%d", n))
		if err != nil {
			return fig, err
		}
		book = add(book, e.Counter.Reset())
		lawyer := app.Caller{Identity: auth.Identity{Subject: "l", Groups: []string{auth.GroupLawyers}, LawyerID: t.lawyer, FirmID: t.firm}}
		if _, err := e.Service.ChangeBooking(ctx, lawyer, b.ID, domain.ActAccept, domain.ReasonInput{}); err != nil {
			return fig, err
		}
		accept = add(accept, e.Counter.Reset())
		if _, err := e.Service.ChangeBooking(ctx, app.Caller{VisitorToken: v.tok}, b.ID, domain.ActCancel, domain.ReasonInput{}); err != nil {
			return fig, err
		}
		cancel = add(cancel, e.Counter.Reset())
	}
	fig.Book, fig.Accept, fig.Cancel = div(book, ops), div(accept, ops), div(cancel, ops)

	// Questions as the deployed functions submit them: the rate limits on
	// (each from an address of its own, so none is refused) and WEB_ORIGIN
	// set, so that the transaction writes the limit's counter and the
	// private link's notification too.
	deployed := app.DefaultConfig()
	deployed.Secret, deployed.WebOrigin = secret, "https://lawdesk.example.com"
	asDeployed := app.New(e.Store, router.NewClassifier(), deployed)
	yes := true
	e.Counter.Reset()
	for n := 0; n < ops; n++ {
		if _, err := asDeployed.SubmitQuestion(ctx, domain.QuestionInput{Title: "公司拖欠工资怎么办", Area: "labor", Name: "访客",
			Phone: fmt.Sprintf("135%08d", n), Consent: &yes}, fmt.Sprintf("198.51.%d.%d", n/250, 1+n%250)); err != nil {
			return fig, err
		}
	}
	fig.Submit = div(e.Counter.Reset(), ops)
	// Every notification those wrote (links, new requests, confirmations,
	// cancellations), sent as the notify function sends them.
	pending, err := e.Store.FindPendingOutbox(ctx, time.Now().Add(time.Minute), 1000)
	if err != nil {
		return fig, err
	}
	var deliver Usage
	for _, item := range pending {
		e.Counter.Reset()
		if err := e.Service.Deliver(ctx, discardNotifier{}, item); err != nil {
			return fig, err
		}
		deliver = add(deliver, e.Counter.Reset())
	}
	fig.Deliveries = len(pending)
	fig.Deliver = div(deliver, max(1, len(pending)))

	// Throughput: every slot again (those above were cancelled), one per
	// visitor, many clients, taken round the lawyers (slot k of every lawyer, then slot k+1…) as
	// visitors spread over a directory.
	work := make(chan int, len(ts))
	for k := 0; k < slotsEach; k++ {
		for l := 0; l < lawyersN; l++ {
			work <- l*slotsEach + k
		}
	}
	close(work)
	var mu sync.Mutex
	var lat []float64
	var wg sync.WaitGroup
	begin := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				t, v := ts[i], vs[i]
				s := time.Now()
				_, _, err := e.Service.CreateBooking(ctx, app.Caller{VisitorToken: v.tok},
					domain.BookingInput{QuestionID: v.qid, LawyerID: t.lawyer, Start: t.start.Format(time.RFC3339), Mode: "video"}, "")
				ms := float64(time.Since(s).Microseconds()) / 1000
				mu.Lock()
				if err != nil {
					fig.Losers++
				} else {
					lat = append(lat, ms)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(begin)
	fig.Bookings = len(lat)
	fig.PerSecond = float64(len(lat)) / elapsed.Seconds()
	fig.P50, fig.P99 = percentile(lat, 50), percentile(lat, 99)
	return fig, nil
}

func add(a, b Usage) Usage {
	return Usage{Reads: a.Reads + b.Reads, Writes: a.Writes + b.Writes, RCU: a.RCU + b.RCU, WCU: a.WCU + b.WCU, WCUIndexes: a.WCUIndexes + b.WCUIndexes}
}

func div(u Usage, n int) Usage {
	f := float64(n)
	return Usage{Reads: u.Reads / n, Writes: u.Writes / n, RCU: u.RCU / f, WCU: u.WCU / f, WCUIndexes: u.WCUIndexes / f}
}
