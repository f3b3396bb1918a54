package domain

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestNextAnswerNotice(t *testing.T) {
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *time.Time { t := now.Add(d); return &t }
	for _, tc := range []struct {
		name string
		last *time.Time
		want *time.Time
	}{
		{"Never", nil, at(0)},
		{"HourAgo", at(-time.Hour), at(0)},
		{"WithinTheHour", at(-10 * time.Minute), at(50 * time.Minute)},
		{"ScheduledAhead", at(30 * time.Minute), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := NextAnswerNotice(tc.last, now)
			if (tc.want == nil) != !ok || (ok && !got.Equal(*tc.want)) {
				t.Fatalf("NextAnswerNotice(%v) = %v, %v; want %v", tc.last, got, ok, tc.want)
			}
		})
	}
}

func TestRankRelated(t *testing.T) {
	got := RankRelated("SELF", "family", []RelatedCandidate{
		{QuestionID: "SELF", Area: "family", Shared: 3},
		{QuestionID: "A1", Area: "criminal", Shared: 2},
		{QuestionID: "F1", Area: "family", Shared: TermWeight(1)},
		{QuestionID: "F2", Area: "family", Shared: TermWeight(0)},
		{QuestionID: "F2", Area: "family", Shared: TermWeight(1)}, // a second shared term
		{QuestionID: "F3", Area: "family"},                        // only among the latest of the area
		{QuestionID: "F4", Area: "family"},
	}, 5)
	var ids []string
	for _, c := range got {
		ids = append(ids, c.QuestionID)
	}
	if want := "[F2 F1 F4 F3 A1]"; fmt.Sprint(ids) != want {
		t.Fatalf("RankRelated = %v, want %s (same area first, then shared terms, then newest; never itself)", ids, want)
	}
}

func TestAnswerText(t *testing.T) {
	for _, tc := range []struct {
		body     string
		byLawyer bool
		code     string
	}{
		{"依据民法典第一千零四十二条，彩礼一般应当返还，具体看共同生活的时间。", true, ""},
		{"太短", true, CodeTooShort},
		{"", true, CodeRequired},
		{"欢迎来电 025-8333 1234 咨询，我们会详细为您分析您的情况。", true, CodeContactData},
		{"发邮件给 lawyer@example.com 也可以，我们会尽快详细回复您。", true, CodeContactData},
	} {
		in := TextInput{Body: tc.body}
		err := in.ValidateAnswer()
		if got := AsError(err); (tc.code == "") != (got == nil) || (got != nil && got.FieldCodes["body"] != tc.code) {
			t.Errorf("ValidateAnswer(%q) = %v, want %q", tc.body, err, tc.code)
		}
	}
	asker := TextInput{Body: "我的电话是13800138000"}
	if err := asker.ValidateReply(false); err != nil {
		t.Fatalf("an asker's follow-up with a phone is taken (and redacted where shown): %v", err)
	}
	if _, ok := QuestionOfAnswer("01JQUESTION000000000000000-01JANSWER00000000000000000"); !ok {
		t.Fatal("QuestionOfAnswer refuses an answer ID")
	}
	for _, bad := range []string{"", "x", "01JQUESTION000000000000000", "a-b", "01JQUESTION000000000000000-"} {
		if _, ok := QuestionOfAnswer(bad); ok {
			t.Errorf("QuestionOfAnswer(%q) is ok", bad)
		}
	}
}

// A new booking's message names the lawyer's deadline while the booking
// waits, and none once it was answered before the message went.
func TestNewBookingMessageDeadline(t *testing.T) {
	by := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	b := Booking{ID: "B1", Start: by.Add(24 * time.Hour), Minutes: 30, TimeZone: DefaultTimeZone, Mode: ModePhone, Status: BookingPending, RespondBy: &by}
	lawyer := Lawyer{ID: "L1", Name: "王晓明", TimeZone: DefaultTimeZone}
	contact := Contact{Email: "wang@example.com", Phone: "13912345678"}
	text := func(b Booking) string {
		var all string
		for _, m := range Messages(NoticeCreated, b, lawyer, contact, Contact{}, FirmContact{}, by.Add(-time.Hour)) {
			all += m.Text
		}
		return all
	}
	if got := text(b); !strings.Contains(got, "请在 12-04 18:00 前接受或拒绝") {
		t.Fatalf("a pending booking's message: %q", got)
	}
	b.Status, b.RespondBy = BookingConfirmed, nil
	if got := text(b); strings.Contains(got, "请在") || strings.Contains(got, " - ") || got == "" {
		t.Fatalf("a booking accepted before its message went: %q", got)
	}
}
