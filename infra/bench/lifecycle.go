package bench

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// LifecycleFigures are what the booking lifecycle's work costs: a
// reschedule by each side, and one sweep over many confirmed bookings of
// which a few have a reminder due.
type LifecycleFigures struct {
	// Reschedule by the visitor (back to pending) and by the lawyer (stays
	// confirmed, writes the new time's reminders): per request, averaged
	// over Ops; VisitorDepth and LawyerDepth are the calls waited for in
	// series with a delay added to every call.
	Visitor, Lawyer           Usage
	VisitorDepth, LawyerDepth int
	Ops                       int
	// The sweep: Bookings confirmed, Due of them with a reminder due; the
	// sweep's usage, its messages sent, how long it took, and how long the
	// seeding took.
	Bookings, Due int
	Sweep         Usage
	SweepSent     int
	SweepMillis   float64
	SeedSeconds   float64
}

// nullNotifier counts the messages it is given and sends nothing.
type nullNotifier struct{ n atomic.Int64 }

func (c *nullNotifier) Send(context.Context, domain.Message) error { c.n.Add(1); return nil }

// lifecycleLawyers is how many lawyers the sweep's bookings are spread
// over; each holds one due booking.
const lifecycleLawyers = 100

// MeasureLifecycle measures ops reschedules of each kind, then seeds
// bookings confirmed bookings (due of them starting 30 hours ahead, the
// rest from 31 hours on: at the sweep's time, 6 hours on, exactly the due
// ones have a reminder due) and times one sweep. The notices the bookings
// wrote when made and accepted are marked sent first, as the table's
// stream would have sent them.
func (e *Env) MeasureLifecycle(ctx context.Context, ops, bookings, due int, delay time.Duration) (LifecycleFigures, error) {
	fig := LifecycleFigures{Ops: ops, Bookings: bookings, Due: due}
	if err := e.measureReschedules(ctx, ops, delay, &fig); err != nil {
		return fig, err
	}
	return fig, e.measureSweep(ctx, bookings, due, &fig)
}

func lawyerCaller(l domain.Lawyer) app.Caller {
	return app.Caller{Identity: auth.Identity{Subject: "l-" + l.ID, Groups: []string{auth.GroupLawyers}, LawyerID: l.ID, FirmID: l.FirmID}}
}

// measureReschedules books and confirms ops bookings, moves each by its
// visitor and then by its lawyer, and averages each kind's usage; one more
// of each runs with delay added to every call, for the depth.
func (e *Env) measureReschedules(ctx context.Context, ops int, delay time.Duration, fig *LifecycleFigures) error {
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	l, err := e.Service.CreateLawyer(ctx, admin, domain.LawyerInput{FirmID: e.Firms[0], Name: "改期律师", Areas: []string{"labor"}, City: "南京",
		LicenseNo: "M0000000000000001", Phone: "13500000001", Email: "m@example.com"})
	if err != nil {
		return err
	}
	n := ops + 1
	var in domain.SlotsInput
	for k := 0; k < 3*n; k++ {
		in.Slots = append(in.Slots, domain.SlotInput{Start: start.Add(time.Duration(k) * time.Hour).Format(time.RFC3339), Minutes: 30})
	}
	for i := 0; i < len(in.Slots); i += domain.MaxSlotsPerCall {
		if _, err := e.Service.PublishSlots(ctx, admin2(l.FirmID), l.ID, domain.SlotsInput{Slots: in.Slots[i:min(i+domain.MaxSlotsPerCall, len(in.Slots))]}); err != nil {
			return err
		}
	}
	lawyer := lawyerCaller(l.Lawyer)
	yes := true
	var visitor, byLawyer Usage
	for i := 0; i < n; i++ {
		sub, err := e.Service.SubmitQuestion(ctx, domain.QuestionInput{Title: "公司拖欠工资怎么办", Area: "labor", Name: "访客",
			Phone: fmt.Sprintf("134%08d", i), Email: "v@example.com", Consent: &yes}, "192.0.2.3")
		if err != nil {
			return err
		}
		v := app.Caller{VisitorToken: sub.AccessToken}
		b, _, err := e.Service.CreateBooking(ctx, v, domain.BookingInput{QuestionID: sub.ID, LawyerID: l.ID, Start: start.Add(time.Duration(3*i) * time.Hour).Format(time.RFC3339), Mode: "phone"}, "")
		if err != nil {
			return err
		}
		if _, err := e.Service.ChangeBooking(ctx, lawyer, b.ID, domain.ActAccept, domain.ReasonInput{}); err != nil {
			return err
		}
		last := i == ops // the one timed with the delay
		if last {
			e.Counter.Delay = delay
		}
		e.Counter.Reset()
		if _, err := e.Service.RescheduleBooking(ctx, v, b.ID, domain.RescheduleInput{Start: start.Add(time.Duration(3*i+1) * time.Hour).Format(time.RFC3339)}); err != nil {
			return err
		}
		u := e.Counter.Reset()
		if last {
			fig.VisitorDepth = u.Depth
		} else {
			visitor = add(visitor, u)
		}
		e.Counter.Delay = 0
		if _, err := e.Service.ChangeBooking(ctx, lawyer, b.ID, domain.ActAccept, domain.ReasonInput{}); err != nil {
			return err
		}
		if last {
			e.Counter.Delay = delay
		}
		e.Counter.Reset()
		if _, err := e.Service.RescheduleBooking(ctx, lawyer, b.ID, domain.RescheduleInput{Start: start.Add(time.Duration(3*i+2) * time.Hour).Format(time.RFC3339)}); err != nil {
			return err
		}
		u = e.Counter.Reset()
		if last {
			fig.LawyerDepth = u.Depth
		} else {
			byLawyer = add(byLawyer, u)
		}
		e.Counter.Delay = 0
	}
	fig.Visitor, fig.Lawyer = div(visitor, ops), div(byLawyer, ops)
	return nil
}

// measureSweep seeds the confirmed bookings and times one sweep at the
// time the due ones' 24-hour reminders fall due.
func (e *Env) measureSweep(ctx context.Context, bookings, due int, fig *LifecycleFigures) error {
	begin := time.Now()
	now := begin.Truncate(time.Minute)
	t0 := now.Add(30 * time.Hour)
	perLawyer := (bookings + lifecycleLawyers - 1) / lifecycleLawyers
	type job struct {
		lawyer domain.Lawyer
		start  time.Time
	}
	// Jobs by slot then lawyer: concurrent bookings of one lawyer's
	// calendar are serialised, so the workers book different lawyers.
	grid := make([][]job, perLawyer)
	for i := 0; i < lifecycleLawyers; i++ {
		l, err := e.Service.CreateLawyer(ctx, admin, domain.LawyerInput{FirmID: e.Firms[i%len(e.Firms)], Name: fmt.Sprintf("提醒律师%03d", i), Areas: []string{"family"},
			City: cities[i%len(cities)], LicenseNo: fmt.Sprintf("S%016d", i), Phone: fmt.Sprintf("133%08d", i), Email: fmt.Sprintf("s%d@example.com", i)})
		if err != nil {
			return err
		}
		// Slot 0 at t0 (due when the lawyer is among the first due), the
		// others from t0 + 1 h, half an hour apart.
		var slots []domain.SlotInput
		for k := 0; k < perLawyer; k++ {
			st := t0
			if k > 0 {
				st = t0.Add(time.Hour + time.Duration(k-1)*30*time.Minute)
			}
			slots = append(slots, domain.SlotInput{Start: st.Format(time.RFC3339), Minutes: 30})
			if k > 0 || i < due {
				grid[k] = append(grid[k], job{l.Lawyer, st})
			}
		}
		for j := 0; j < len(slots); j += domain.MaxSlotsPerCall {
			if _, err := e.Service.PublishSlots(ctx, admin2(l.FirmID), l.ID, domain.SlotsInput{Slots: slots[j:min(j+domain.MaxSlotsPerCall, len(slots))]}); err != nil {
				return err
			}
		}
	}
	// The first `due` bookings (slot 0 of the first `due` lawyers) are the
	// due ones; fill up to `bookings` with the later slots.
	var jobs []job
	for _, row := range grid {
		jobs = append(jobs, row...)
	}
	if len(jobs) > bookings {
		jobs = jobs[:bookings]
	}
	yes := true
	var seq atomic.Int64
	if err := parallel(ctx, 8, len(jobs), func(i int) error {
		j := jobs[i]
		sub, err := e.Service.SubmitQuestion(ctx, domain.QuestionInput{Title: "离婚后孩子抚养权归谁", Area: "family", Name: "访客",
			Phone: fmt.Sprintf("132%08d", seq.Add(1)), Email: "v@example.com", Consent: &yes}, "192.0.2.4")
		if err != nil {
			return err
		}
		b, _, err := e.Service.CreateBooking(ctx, app.Caller{VisitorToken: sub.AccessToken},
			domain.BookingInput{QuestionID: sub.ID, LawyerID: j.lawyer.ID, Start: j.start.Format(time.RFC3339), Mode: "video"}, "")
		if err != nil {
			return err
		}
		_, err = e.Service.ChangeBooking(ctx, lawyerCaller(j.lawyer), b.ID, domain.ActAccept, domain.ReasonInput{})
		return err
	}); err != nil {
		return err
	}
	// The stream sent what the bookings told at once: mark those sent
	// (the reminders, due hours later, stay).
	for {
		items, err := e.Store.FindPendingOutbox(ctx, now.Add(2*time.Hour), 100)
		if err != nil {
			return err
		}
		if len(items) == 0 {
			break
		}
		if err := parallel(ctx, 8, len(items), func(i int) error {
			id := items[i].ID
			claim := domain.NewID()
			if _, err := e.Store.ClaimOutbox(ctx, id, claim, time.Now(), time.Now().Add(time.Minute)); err != nil {
				return err
			}
			return e.Store.MarkOutbox(ctx, domain.OutboxMark{ID: id, ClaimID: claim, Status: domain.OutboxSent, At: time.Now()})
		}); err != nil {
			return err
		}
	}
	fig.Bookings, fig.SeedSeconds = len(jobs), time.Since(begin).Seconds()
	// The sweep, six hours and a minute on.
	n := &nullNotifier{}
	at := now.Add(6*time.Hour + time.Minute)
	e.Service.Now = func() time.Time { return at }
	e.Service.Notifier = n
	defer func() { e.Service.Now, e.Service.Notifier = time.Now, nil }()
	e.Counter.Reset()
	s := time.Now()
	rep, err := e.Service.Sweep(ctx)
	fig.SweepMillis = float64(time.Since(s).Microseconds()) / 1000
	fig.Sweep, fig.SweepSent = e.Counter.Reset(), int(n.n.Load())
	if err != nil {
		return err
	}
	if rep.NotificationsRetried != due {
		return fmt.Errorf("the sweep tried %d notifications, want the %d due reminders", rep.NotificationsRetried, due)
	}
	return nil
}

// parallel runs f(0..n-1) on workers goroutines and returns the first
// error.
func parallel(ctx context.Context, workers, n int, f func(i int) error) error {
	work := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if err := f(i); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	var err error
loop:
	for i := 0; i < n; i++ {
		select {
		case work <- i:
		case err = <-errs:
			break loop
		case <-ctx.Done():
			err = ctx.Err()
			break loop
		}
	}
	close(work)
	wg.Wait()
	select {
	case e := <-errs:
		if err == nil {
			err = e
		}
	default:
	}
	return err
}
