package domain

import (
	"strings"
	"testing"
	"time"
)

// Every action from every state: allowed exactly as API.md's state machine.
func TestTransitions(t *testing.T) {
	type move struct {
		from BookingStatus
		act  Action
	}
	allowed := map[move]BookingStatus{
		{BookingPending, ActAccept}:     BookingConfirmed,
		{BookingPending, ActDecline}:    BookingDeclined,
		{BookingPending, ActExpire}:     BookingExpired,
		{BookingPending, ActCancel}:     BookingCancelled,
		{BookingConfirmed, ActCancel}:   BookingCancelled,
		{BookingConfirmed, ActComplete}: BookingCompleted,
		{BookingConfirmed, ActNoShow}:   BookingNoShow,
		// The visitor's reschedule (the lawyer's keeps the state: below).
		{BookingPending, ActReschedule}:   BookingPending,
		{BookingConfirmed, ActReschedule}: BookingPending,
	}
	if len(Actions) != len(transitions) {
		t.Fatalf("Actions lists %d actions, the table has %d", len(Actions), len(transitions))
	}
	for _, st := range BookingStates {
		for _, act := range Actions {
			to, err := Transition(st, act)
			want, ok := allowed[move{st, act}]
			switch {
			case ok && (err != nil || to != want):
				t.Errorf("%s %s = %q, %v; want %q", st, act, to, err, want)
			case !ok && ErrorCode(err) != EInvalidState:
				t.Errorf("%s %s = %q, %v; want invalid_state", st, act, to, err)
			}
		}
	}
	if _, err := Transition(BookingPending, "reopen"); ErrorCode(err) != EInvalidState {
		t.Fatal("unknown action accepted")
	}
	// A reschedule: the visitor's puts the booking back to pending, the
	// lawyer's keeps its state; never of a booking that is not open.
	for _, st := range BookingStates {
		for _, by := range []Role{RoleVisitor, RoleLawyer} {
			to, err := RescheduledState(st, by)
			switch want := map[Role]BookingStatus{RoleVisitor: BookingPending, RoleLawyer: st}[by]; {
			case Open(st) && (err != nil || to != want):
				t.Errorf("%s rescheduled by %s = %q, %v; want %q", st, by, to, err, want)
			case !Open(st) && ErrorCode(err) != EInvalidState:
				t.Errorf("%s rescheduled by %s = %q, %v; want invalid_state", st, by, to, err)
			}
		}
	}
}

func TestStatesFollowTheBooking(t *testing.T) {
	for st, want := range map[BookingStatus][2]string{
		BookingPending:   {SlotHeld, QuestionBooked},
		BookingConfirmed: {SlotBooked, QuestionConfirmed},
		BookingCompleted: {SlotBooked, QuestionCompleted},
		BookingNoShow:    {SlotBooked, QuestionNoShow},
		BookingDeclined:  {SlotOpen, QuestionMatched},
		BookingExpired:   {SlotOpen, QuestionMatched},
		BookingCancelled: {SlotOpen, QuestionMatched},
	} {
		if SlotStateFor(st) != want[0] || QuestionStateFor(st) != want[1] {
			t.Errorf("%s: slot %s question %s, want %v", st, SlotStateFor(st), QuestionStateFor(st), want)
		}
	}
}

func TestBookingInput(t *testing.T) {
	in := BookingInput{QuestionID: " q ", LawyerID: "l", Start: "2026-12-01T09:00:00+08:00", Mode: "video"}
	start, err := in.Validate()
	if err != nil || !start.Equal(time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)) || in.QuestionID != "q" {
		t.Fatalf("Validate = %v, %v", start, err)
	}
	bad := BookingInput{Start: "tomorrow", Mode: "fax"}
	_, err = bad.Validate()
	for _, f := range []string{"questionId", "lawyerId", "start", "mode"} {
		if e := AsError(err); e == nil || e.Fields[f] == "" {
			t.Errorf("no error for %s: %v", f, err)
		}
	}
}

func TestMessages(t *testing.T) {
	respond := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	b := Booking{ID: "B1", Start: time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC), Minutes: 30, TimeZone: "Asia/Shanghai",
		Mode: ModePhone, Status: BookingConfirmed, RespondBy: &respond}
	lawyer := Lawyer{Name: "王晓明"}
	lc := Contact{Name: "王晓明", Phone: "13912345678", Email: "wang@example.com"}
	visitor := Contact{Name: "李雷", Phone: "13800138000", Email: "lilei@example.com"}
	firm := FirmContact{Name: "明德律师事务所", Phone: "025-83331234"}
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	ms := Messages(NoticeConfirmed, b, lawyer, lc, visitor, firm, now)
	if len(ms) != 2 || ms[0].Address != "lilei@example.com" || ms[1].Address != "13800138000" || ms[0].To != "visitor" {
		t.Fatalf("confirmed messages = %+v", ms)
	}
	if len(ms[0].ICS) == 0 || ms[1].ICS != nil || !strings.Contains(ms[0].Text, "2026-12-01 09:00 (Asia/Shanghai)") {
		t.Fatalf("confirmed e-mail = %+v", ms[0])
	}
	if ms := Messages(NoticeCreated, b, lawyer, lc, visitor, firm, now); len(ms) != 2 || ms[0].To != "lawyer" || ms[0].Address != "wang@example.com" {
		t.Fatalf("created messages = %+v", ms)
	}
	b.CancelledBy = "visitor"
	if ms := Messages(NoticeCancelled, b, lawyer, lc, visitor, firm, now); ms[0].To != "lawyer" {
		t.Fatalf("a visitor's cancellation tells the lawyer: %+v", ms)
	}
	// An erased visitor gets nothing.
	if ms := Messages(NoticeDeclined, b, lawyer, lc, Contact{}, firm, now); len(ms) != 0 {
		t.Fatalf("messages to nobody: %+v", ms)
	}
	for _, m := range Messages(NoticeConfirmed, b, lawyer, lc, visitor, firm, now) {
		if strings.Contains(m.Text, "李雷") || strings.Contains(m.Subject, "李雷") {
			t.Fatal("a message repeats the visitor's name")
		}
	}
}

func TestICS(t *testing.T) {
	b := Booking{ID: "B1", Start: time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC), Minutes: 45, Mode: ModeVideo, Status: BookingConfirmed}
	cal := string(ICS(b, Lawyer{Name: "王晓明"}, FirmContact{Name: "明德律师事务所, 南京; 总所", Phone: "025-83331234", Website: "https://example.com"}, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)))
	for _, want := range []string{"BEGIN:VCALENDAR\r\n", "UID:B1@lawdesk\r\n", "DTSTART:20261201T010000Z\r\n", "DTEND:20261201T014500Z\r\n", "STATUS:CONFIRMED\r\n", `南京\; 总所`, "END:VCALENDAR\r\n"} {
		if !strings.Contains(cal, want) {
			t.Errorf("ics lacks %q:\n%s", want, cal)
		}
	}
	for _, line := range strings.Split(cal, "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
	}
}
