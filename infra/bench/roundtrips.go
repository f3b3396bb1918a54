package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// RoundTrip is what one request of a route costs in DynamoDB calls when
// each call takes Delay more: how many it makes, how many it waits for one
// after another (Depth), and how long it took.
type RoundTrip struct {
	Route  string
	Calls  int
	Depth  int
	Millis float64
	// RCU and WCU are its consumed capacity (transactions at AWS's 2 WCU
	// per KB per item), with the benchmark's rate limits off.
	RCU, WCU float64
}

// MeasureRoundTrips runs the hot requests of a visitor's journey once
// each, through the use cases the handlers call, with delay added to every
// DynamoDB call, and returns their calls and sequential depth.
func (e *Env) MeasureRoundTrips(ctx context.Context, delay time.Duration) ([]RoundTrip, error) {
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	var lawyers []domain.Lawyer
	for i := 0; i < 3; i++ {
		l, err := e.Service.CreateLawyer(ctx, admin, domain.LawyerInput{
			FirmID: e.Firms[0], Name: fmt.Sprintf("往返律师%d", i), Areas: []string{"labor"}, City: "南京",
			LicenseNo: fmt.Sprintf("R%016d", i), Phone: fmt.Sprintf("135%08d", i), Email: fmt.Sprintf("r%d@example.com", i),
		})
		if err != nil {
			return nil, err
		}
		var in domain.SlotsInput
		for k := 0; k < 4; k++ {
			in.Slots = append(in.Slots, domain.SlotInput{Start: start.Add(time.Duration(k) * time.Hour).Format(time.RFC3339), Minutes: 30})
		}
		if _, err := e.Service.PublishSlots(ctx, admin2(l.FirmID), l.ID, in); err != nil {
			return nil, err
		}
		lawyers = append(lawyers, l.Lawyer)
	}
	l := lawyers[0]
	lawyer := app.Caller{Identity: auth.Identity{Subject: "l", Groups: []string{auth.GroupLawyers}, LawyerID: l.ID, FirmID: l.FirmID}}
	staff := auth.Identity{Subject: "s", Groups: []string{auth.GroupStaff}, FirmID: l.FirmID}
	yes := true
	submit := func(i int) (app.Submitted, error) {
		return e.Service.SubmitQuestion(ctx, domain.QuestionInput{Title: "公司拖欠工资三个月了怎么办", Body: "老板说没钱", Area: "labor", City: "南京",
			Name: "访客", Phone: fmt.Sprintf("136%08d", 90000+i), Consent: &yes}, "192.0.2.9")
	}

	var out []RoundTrip
	var err error
	measure := func(route string, f func() error) {
		if err != nil {
			return
		}
		e.Counter.Reset()
		e.Counter.Delay = delay
		t0 := time.Now()
		err = f()
		ms := float64(time.Since(t0).Microseconds()) / 1000
		e.Counter.Delay = 0
		u := e.Counter.Reset()
		if err != nil {
			err = fmt.Errorf("%s: %w", route, err)
			return
		}
		out = append(out, RoundTrip{Route: route, Calls: u.Reads + u.Writes, Depth: u.Depth, Millis: ms, RCU: u.RCU, WCU: u.WCU})
	}

	var q app.Submitted
	measure("POST /practice-areas/classify", func() error {
		_, err := e.Service.Classify(ctx, "公司拖欠工资三个月了怎么办", "192.0.2.9")
		return err
	})
	measure("POST /questions", func() error { q, err = submit(0); return err })
	measure("GET /questions/{id} (the visitor)", func() error {
		_, err := e.Service.FindQuestion(ctx, q.ID, q.AccessToken)
		return err
	})
	measure("GET /lawyers/{id}/slots", func() error {
		_, err := e.Service.FindOpenSlots(ctx, app.SlotQuery{LawyerID: l.ID})
		return err
	})
	measure("GET /questions/{id}/matches", func() error {
		_, err := e.Service.FindMatches(ctx, q.ID, q.AccessToken, "zh", "")
		return err
	})
	var b domain.BookingView
	measure("POST /bookings", func() error {
		b, _, err = e.Service.CreateBooking(ctx, app.Caller{VisitorToken: q.AccessToken},
			domain.BookingInput{QuestionID: q.ID, LawyerID: l.ID, Start: start.Format(time.RFC3339), Mode: domain.ModePhone}, "rt-key-1")
		return err
	})
	measure("POST /bookings/{id}/accept", func() error {
		_, err := e.Service.ChangeBooking(ctx, lawyer, b.ID, domain.ActAccept, domain.ReasonInput{})
		return err
	})
	measure("GET /bookings/{id}/contact (visitor)", func() error {
		_, err := e.Service.Contact(ctx, app.Caller{VisitorToken: q.AccessToken}, b.ID)
		return err
	})
	measure("GET /bookings/{id}/contact (lawyer)", func() error {
		_, err := e.Service.Contact(ctx, lawyer, b.ID)
		return err
	})
	measure("POST /bookings/{id}/cancel", func() error {
		_, err := e.Service.ChangeBooking(ctx, app.Caller{VisitorToken: q.AccessToken}, b.ID, domain.ActCancel, domain.ReasonInput{})
		return err
	})
	var q2 app.Submitted
	if err == nil {
		if q2, err = submit(1); err == nil {
			_, _, err = e.Service.CreateBooking(ctx, app.Caller{VisitorToken: q2.AccessToken},
				domain.BookingInput{QuestionID: q2.ID, LawyerID: l.ID, Start: start.Add(time.Hour).Format(time.RFC3339), Mode: domain.ModePhone}, "")
		}
	}
	measure("DELETE /questions/{id} (with a pending booking)", func() error {
		return e.Service.EraseQuestion(ctx, q2.ID, q2.AccessToken)
	})
	var q3 app.Submitted
	if err == nil {
		q3, err = submit(2)
	}
	measure("POST /leads/{questionId}/assign (an offer)", func() error {
		_, err := e.Service.AssignLead(ctx, staff, q3.ID, lawyers[1].ID)
		return err
	})
	return out, err
}
