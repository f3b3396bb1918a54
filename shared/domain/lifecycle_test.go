package domain

import (
	"strings"
	"testing"
	"time"
)

var lifecycleNow = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// Reminders are written for the offsets still ahead at confirmation, and
// sent only while the booking is confirmed with the same sequence.
func TestReminders(t *testing.T) {
	b := Booking{ID: "B1", Start: lifecycleNow.Add(30 * time.Hour), Status: BookingConfirmed, Sequence: 2}
	rs := RemindersFor(b, DefaultReminders, lifecycleNow)
	if len(rs) != 2 || rs[0].Offset != 24*time.Hour || !rs[0].Due.Equal(lifecycleNow.Add(6*time.Hour)) || rs[1].Sequence != 2 {
		t.Fatalf("RemindersFor = %+v", rs)
	}
	// Confirmed 20 hours before: the 24-hour reminder's time has passed.
	if rs := RemindersFor(b, DefaultReminders, lifecycleNow.Add(10*time.Hour)); len(rs) != 1 || rs[0].Offset != time.Hour {
		t.Fatalf("confirmed 20h before: %+v", rs)
	}
	if rs := RemindersFor(b, DefaultReminders, b.Start.Add(-30*time.Minute)); len(rs) != 0 {
		t.Fatalf("confirmed 30 min before: %+v", rs)
	}
	at := b.Start.Add(-time.Hour)
	for _, tc := range []struct {
		name string
		b    Booking
		seq  int
		want bool
	}{
		{"Confirmed", b, 2, true},
		{"Moved", b, 1, false},
		{"Cancelled", Booking{Start: b.Start, Status: BookingCancelled, Sequence: 2}, 2, false},
		{"PendingAgain", Booking{Start: b.Start, Status: BookingPending, Sequence: 2}, 2, false},
		{"Begun", Booking{Start: at, Status: BookingConfirmed, Sequence: 2}, 2, false},
	} {
		if got := StillDue(tc.b, tc.seq, at); got != tc.want {
			t.Errorf("%s: StillDue = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestResponsesMedian(t *testing.T) {
	var r Responses
	for _, m := range []int{30, 10} {
		r = r.With(m)
	}
	if r.Median() != nil {
		t.Fatal("a median from two answers")
	}
	r = r.With(120)
	if m := r.Median(); m == nil || *m != 30 {
		t.Fatalf("median of 10, 30, 120 = %v", m)
	}
	r = r.With(40)
	if m := r.Median(); *m != 35 || r.Count != 4 {
		t.Fatalf("median of 10, 30, 40, 120 = %d (count %d)", *m, r.Count)
	}
	for i := 0; i < 100; i++ {
		r = r.With(1000 + i)
	}
	if len(r.Minutes) != ResponsesKept || r.Minutes[0] != 1050 || r.Count != 104 {
		t.Fatalf("kept %d minutes from %d, count %d", len(r.Minutes), r.Minutes[0], r.Count)
	}
	b := Booking{CreatedAt: lifecycleNow, RequestedAt: lifecycleNow.Add(time.Hour)}
	if m := ResponseMinutes(b, lifecycleNow.Add(90*time.Minute)); m != 30 {
		t.Fatalf("ResponseMinutes from the request = %d", m)
	}
}

func TestReviewInput(t *testing.T) {
	for _, tc := range []struct {
		in    ReviewInput
		field string
	}{
		{ReviewInput{Stars: 5, Text: "  很专业  "}, ""},
		{ReviewInput{Stars: 1}, ""},
		{ReviewInput{}, "stars"},
		{ReviewInput{Stars: 6}, "stars"},
		{ReviewInput{Stars: -1}, "stars"},
		{ReviewInput{Stars: 3, Text: strings.Repeat("好", ReviewMaxTextRune+1)}, "text"},
	} {
		err := tc.in.Validate()
		switch e := AsError(err); {
		case tc.field == "" && err != nil:
			t.Errorf("%+v: %v", tc.in, err)
		case tc.field != "" && (e == nil || e.Fields[tc.field] == ""):
			t.Errorf("%+v: %v, want an error on %s", tc.in, err, tc.field)
		}
	}
	in := ReviewInput{Stars: 4, Text: "李雷觉得王律师很耐心，有事打13800138000"}
	r := NewReviewOf(Booking{ID: "B1", LawyerID: "L1", Area: "family"}, Lawyer{ID: "L1"}, in, "李雷", lifecycleNow)
	if strings.Contains(r.Review.Text, "李雷") || strings.Contains(r.Review.Text, "13800138000") || r.Review.Area != "family" {
		t.Fatalf("review text = %q", r.Review.Text)
	}
}

// The .ics of a booking keeps its UID as it is moved and cancelled, with
// a SEQUENCE that grows; a cancellation is METHOD:CANCEL.
func TestICSSequence(t *testing.T) {
	b := Booking{ID: "B1", Start: lifecycleNow.Add(48 * time.Hour), Minutes: 30, Mode: ModePhone, Status: BookingConfirmed}
	first := string(ICS(b, Lawyer{Name: "王晓明"}, FirmContact{Name: "明德"}, lifecycleNow))
	prev := b.Start
	b.Start, b.Sequence, b.PreviousStart = b.Start.Add(time.Hour), 1, &prev
	moved := string(ICS(b, Lawyer{Name: "王晓明"}, FirmContact{Name: "明德"}, lifecycleNow))
	b.Status = BookingCancelled
	cancelled := string(ICS(b, Lawyer{Name: "王晓明"}, FirmContact{Name: "明德"}, lifecycleNow))
	for _, tc := range []struct {
		cal  string
		want []string
	}{
		{first, []string{"METHOD:PUBLISH\r\n", "UID:B1@lawdesk\r\n", "SEQUENCE:0\r\n", "STATUS:CONFIRMED\r\n", "DTSTART:20261127T000000Z\r\n"}},
		{moved, []string{"METHOD:PUBLISH\r\n", "UID:B1@lawdesk\r\n", "SEQUENCE:1\r\n", "DTSTART:20261127T010000Z\r\n"}},
		{cancelled, []string{"METHOD:CANCEL\r\n", "UID:B1@lawdesk\r\n", "SEQUENCE:2\r\n", "STATUS:CANCELLED\r\n"}},
	} {
		for _, w := range tc.want {
			if !strings.Contains(tc.cal, w) {
				t.Errorf("ics lacks %q:\n%s", w, tc.cal)
			}
		}
	}
	if m := (Message{ICS: []byte(cancelled)}); m.ICSMethod() != "CANCEL" {
		t.Fatalf("method of a cancellation = %q", m.ICSMethod())
	}
}

// A reminder goes to both sides in each one's zone, says how and with
// whom (the visitor's name masked to the lawyer), and carries the links;
// a reschedule goes to the side that did not make it, with the .ics.
func TestLifecycleMessages(t *testing.T) {
	prev := time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)
	b := Booking{ID: "B1", QuestionID: "Q1", Start: time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC), Minutes: 30, TimeZone: "Asia/Shanghai",
		VisitorTimeZone: "America/New_York", Mode: ModeInPerson, Status: BookingConfirmed, Sequence: 1, PreviousStart: &prev}
	lawyer := Lawyer{Name: "王晓明"}
	lc := Contact{Name: "王晓明", Phone: "13912345678", Email: "wang@example.com"}
	visitor := Contact{Name: "李雷", Phone: "13800138000", Email: "lilei@example.com"}
	firm := FirmContact{Name: "明德律师事务所", Phone: "025-83331234"}
	n := Notice{Kind: NoticeReminder, Offset: 24 * time.Hour, VisitorLink: "https://x.example.com/#/q/Q1?t=tok", LawyerLink: "https://x.example.com/#/lawyer/upcoming"}
	ms := MessagesFor(n, b, lawyer, lc, visitor, firm, lifecycleNow)
	if len(ms) != 4 || ms[0].To != RoleVisitor || ms[2].To != RoleLawyer {
		t.Fatalf("reminder messages = %+v", ms)
	}
	for _, m := range ms {
		if strings.Contains(m.Text, "李雷") {
			t.Fatalf("a reminder names the visitor: %q", m.Text)
		}
	}
	for _, want := range []string{"2026-11-30 21:00 (America/New_York)", "王晓明", "面谈", "明德律师事务所", "24 小时", n.VisitorLink} {
		if !strings.Contains(ms[0].Text, want) {
			t.Errorf("the visitor's reminder lacks %q: %s", want, ms[0].Text)
		}
	}
	for _, want := range []string{"2026-12-01 10:00 (Asia/Shanghai)", "李*", n.LawyerLink} {
		if !strings.Contains(ms[2].Text, want) {
			t.Errorf("the lawyer's reminder lacks %q: %s", want, ms[2].Text)
		}
	}
	moved := MessagesFor(Notice{Kind: NoticeRescheduled, By: RoleVisitor, LawyerLink: n.LawyerLink}, b, lawyer, lc, visitor, firm, lifecycleNow)
	if len(moved) != 2 || moved[0].To != RoleLawyer || !strings.Contains(string(moved[0].ICS), "SEQUENCE:1") ||
		!strings.Contains(moved[0].Text, "2026-12-01 09:00 (Asia/Shanghai)") || !strings.Contains(moved[0].Text, "10:00") {
		t.Fatalf("visitor's reschedule messages = %+v", moved)
	}
	if moved := MessagesFor(Notice{Kind: NoticeRescheduled, By: RoleLawyer}, b, lawyer, lc, visitor, firm, lifecycleNow); len(moved) != 2 || moved[0].To != RoleVisitor {
		t.Fatalf("lawyer's reschedule messages = %+v", moved)
	}
}

func TestFunnelNoShow(t *testing.T) {
	q := Question{ID: "Q1", CountedSteps: []string{StepSubmitted, StepMatched, StepBooked, StepConfirmed}}
	f := FunnelTo(q, &Lead{CountedSteps: []string{StepBooked, StepConfirmed}}, "F1", StepNoShow)
	if len(f.All) != 1 || f.All[0] != StepNoShow || len(f.Firm) != 3 || f.Firm[2] != StepNoShow {
		t.Fatalf("no-show funnel = %+v", f)
	}
	q.CountedSteps = append(q.CountedSteps, StepNoShow)
	if f := FunnelTo(q, nil, "F1", StepNoShow); len(f.All) != 0 {
		t.Fatalf("a second no-show counts again: %+v", f)
	}
}

func TestNoticeOK(t *testing.T) {
	for _, tc := range []struct {
		in   time.Duration
		code string
	}{{-time.Minute, CodePast}, {0, CodePast}, {time.Hour, CodeTooSoon}, {2 * time.Hour, ""}, {3 * time.Hour, ""}} {
		err := NoticeOK(lifecycleNow.Add(tc.in), lifecycleNow, 2*time.Hour)
		if got := ""; err != nil {
			got = AsError(err).FieldCodes["start"]
			if got != tc.code {
				t.Errorf("start in %s: %v, want %s", tc.in, err, tc.code)
			}
		} else if tc.code != "" {
			t.Errorf("start in %s accepted", tc.in)
		}
	}
}
