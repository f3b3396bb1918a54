package app

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// The use cases' decisions, tested without a store: what they decide from
// what was read.

var (
	t0    = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	start = t0.Add(72 * time.Hour)
)

func lawyerFixture() domain.Lawyer {
	next := domain.Slot{LawyerID: "L1", Start: start, Minutes: 30, Status: domain.SlotOpen}
	return domain.Lawyer{ID: "L1", FirmID: "F1", Areas: []string{"labor"}, City: "南京", TimeZone: "Asia/Shanghai", Active: true,
		NextOpenSlot: &next, SlotsVersion: 7}
}

func questionFixture() domain.Question {
	return domain.Question{ID: "Q1", Title: "工资", Area: "labor", Status: domain.QuestionMatched, CreatedAt: t0.Add(-time.Hour),
		Name: "李雷", Phone: "13800138000", PIIExpiresAt: t0.Add(180 * 24 * time.Hour),
		CountedSteps: []string{domain.StepSubmitted, domain.StepMatched}}
}

func batchFixture(slotStatus string) domain.Batch {
	l := lawyerFixture()
	return domain.Batch{Lawyers: map[string]domain.Lawyer{l.ID: l},
		Slots: []domain.Slot{{LawyerID: "L1", Start: start, Minutes: 30, Status: slotStatus}}}
}

func request() bookingRequest {
	return bookingRequest{in: domain.BookingInput{QuestionID: "Q1", LawyerID: "L1", Mode: domain.ModePhone}, start: start}
}

func TestDecideBooking(t *testing.T) {
	cfg := DefaultConfig()
	t.Run("OK", func(t *testing.T) {
		d, err := decideBooking(questionFixture(), batchFixture(domain.SlotOpen), request(), cfg, t0)
		if err != nil {
			t.Fatal(err)
		}
		nb := d.booking
		if nb.Booking.Status != domain.BookingPending || nb.Booking.Minutes != 30 || !nb.Booking.RespondBy.Equal(t0.Add(24*time.Hour)) {
			t.Fatalf("booking = %+v", nb.Booking)
		}
		// The lawyer's stored next open slot is this one: it must be read.
		if !d.findNext || nb.Next != nil {
			t.Fatalf("findNext = %v, next = %v", d.findNext, nb.Next)
		}
		// The platform counted submitted and matched; a first lead of the
		// firm counts them too, with booked, on the question's day.
		f := nb.Funnel
		if !slices.Equal(f.All, []string{domain.StepBooked}) || !slices.Equal(f.Firm, []string{domain.StepSubmitted, domain.StepMatched, domain.StepBooked}) ||
			f.FirmID != "F1" || !f.Cohort.Equal(questionFixture().CreatedAt) || nb.Notice != domain.NoticeCreated {
			t.Fatalf("funnel = %+v, notice %q", f, nb.Notice)
		}
		if want := start.Add(30 * time.Minute).Add(cfg.PIIRetention); !nb.PIIUntil.Equal(want) {
			t.Fatalf("PIIUntil = %v, want %v", nb.PIIUntil, want)
		}
	})
	t.Run("InPersonOnlyInTheCity", func(t *testing.T) {
		q := questionFixture()
		q.City = "杭州" // the lawyer works in 南京
		r := request()
		r.in.Mode = domain.ModeInPerson
		if _, err := decideBooking(q, batchFixture(domain.SlotOpen), r, cfg, t0); domain.AsError(err) == nil || domain.AsError(err).FieldCodes["mode"] != domain.CodeChoice {
			t.Fatalf("in person with a lawyer in another city: %v", err)
		}
		q.City = "南京"
		if _, err := decideBooking(q, batchFixture(domain.SlotOpen), r, cfg, t0); err != nil {
			t.Fatalf("in person in the lawyer's city: %v", err)
		}
		q.City = "杭州"
		r.in.Mode = domain.ModeVideo
		if _, err := decideBooking(q, batchFixture(domain.SlotOpen), r, cfg, t0); err != nil {
			t.Fatalf("by video from another city: %v", err)
		}
	})
	t.Run("NextStaysWhenAnotherSlot", func(t *testing.T) {
		got := batchFixture(domain.SlotOpen)
		l := got.Lawyers["L1"]
		sooner := domain.Slot{LawyerID: "L1", Start: start.Add(-time.Hour), Minutes: 30, Status: domain.SlotOpen}
		l.NextOpenSlot = &sooner
		got.Lawyers["L1"] = l
		d, err := decideBooking(questionFixture(), got, request(), cfg, t0)
		if err != nil || d.findNext || d.booking.SetNext || d.booking.Next == nil || !d.booking.Next.Start.Equal(sooner.Start) {
			t.Fatalf("decision = %+v, %v", d, err)
		}
	})
	t.Run("ABookingAgainCountsNothing", func(t *testing.T) {
		// Declined once: the platform and the firm counted booked already.
		q := questionFixture()
		q.CountedSteps = append(q.CountedSteps, domain.StepBooked)
		q.Leads = []domain.Lead{{FirmID: "F1", QuestionID: "Q1", BookingID: "B0", CountedSteps: []string{domain.StepSubmitted, domain.StepMatched, domain.StepBooked}}}
		d, err := decideBooking(q, batchFixture(domain.SlotOpen), request(), cfg, t0)
		if err != nil || len(d.booking.Funnel.All) != 0 || len(d.booking.Funnel.Firm) != 0 || d.booking.Lead == nil {
			t.Fatalf("decision = %+v, %v", d.booking, err)
		}
	})
	t.Run("BookedUnmatchedCountsMatched", func(t *testing.T) {
		// Booked straight from a profile: the booking counts matched too,
		// so that booked never exceeds matched.
		q := questionFixture()
		q.Status, q.CountedSteps = domain.QuestionSubmitted, []string{domain.StepSubmitted}
		q.Leads = []domain.Lead{{FirmID: "F1", QuestionID: "Q1", Offer: &domain.Offer{ID: "O1", Status: domain.OfferWaiting}}}
		d, err := decideBooking(q, batchFixture(domain.SlotOpen), request(), cfg, t0)
		if err != nil || !slices.Equal(d.booking.Funnel.All, []string{domain.StepMatched, domain.StepBooked}) || len(d.booking.Funnel.Firm) != 3 {
			t.Fatalf("funnel = %+v, %v", d.booking.Funnel, err)
		}
	})
	t.Run("Replay", func(t *testing.T) {
		r := request()
		r.idemKey, r.reqHash = "k", "h"
		got := batchFixture(domain.SlotHeld)
		got.Idempotency = &domain.IdempotencyRecord{BookingID: "B9", RequestHash: "h"}
		d, err := decideBooking(questionFixture(), got, r, cfg, t0)
		if err != nil || d.existing != "B9" || d.own {
			t.Fatalf("decision = %+v, %v", d, err)
		}
		got.Idempotency.RequestHash = "other"
		if _, err := decideBooking(questionFixture(), got, r, cfg, t0); domain.ErrorCode(err) != domain.EConflict {
			t.Fatalf("another body with the key: %v", err)
		}
	})
	t.Run("OwnHold", func(t *testing.T) {
		got := batchFixture(domain.SlotHeld)
		got.Slots[0].QuestionID, got.Slots[0].BookingID = "Q1", "B1"
		d, err := decideBooking(questionFixture(), got, request(), cfg, t0)
		if err != nil || d.existing != "B1" || !d.own {
			t.Fatalf("decision = %+v, %v", d, err)
		}
	})
	for _, tc := range []struct {
		name   string
		change func(q *domain.Question, got *domain.Batch, r *bookingRequest)
		want   string
	}{
		{"ErrErased", func(q *domain.Question, _ *domain.Batch, _ *bookingRequest) { q.ErasedAt = &t0 }, domain.ENotFound},
		{"ErrPIIExpired", func(q *domain.Question, _ *domain.Batch, _ *bookingRequest) { q.PIIExpiresAt = t0 }, domain.ENotFound},
		{"ErrNoLawyer", func(_ *domain.Question, got *domain.Batch, _ *bookingRequest) { delete(got.Lawyers, "L1") }, domain.ENotFound},
		{"ErrInactive", func(_ *domain.Question, got *domain.Batch, _ *bookingRequest) {
			l := got.Lawyers["L1"]
			l.Active = false
			got.Lawyers["L1"] = l
		}, domain.ENotFound},
		{"ErrArea", func(q *domain.Question, _ *domain.Batch, _ *bookingRequest) { q.Area = "family" }, domain.EInvalid},
		{"ErrPast", func(_ *domain.Question, _ *domain.Batch, r *bookingRequest) { r.start = t0.Add(-time.Minute) }, domain.EInvalid},
		{"ErrNoSlot", func(_ *domain.Question, got *domain.Batch, _ *bookingRequest) { got.Slots = nil }, domain.ENotFound},
		{"ErrTaken", func(_ *domain.Question, got *domain.Batch, _ *bookingRequest) {
			got.Slots[0].Status, got.Slots[0].QuestionID, got.Slots[0].BookingID = domain.SlotHeld, "Q2", "B2"
		}, domain.ESlotUnavailable},
		{"ErrOpenBooking", func(q *domain.Question, _ *domain.Batch, _ *bookingRequest) { q.OpenBooking = "B3" }, domain.EConflict},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, got, r := questionFixture(), batchFixture(domain.SlotOpen), request()
			tc.change(&q, &got, &r)
			_, err := decideBooking(q, got, r, cfg, t0)
			if code := domain.ErrorCode(err); code != tc.want {
				t.Fatalf("code %q, want %q (%v)", code, tc.want, err)
			}
		})
	}
}

func TestDecideChange(t *testing.T) {
	cfg := DefaultConfig()
	respondBy := t0.Add(time.Hour)
	pending := domain.Booking{ID: "B1", QuestionID: "Q1", LawyerID: "L1", FirmID: "F1", Start: start, Minutes: 30,
		Status: domain.BookingPending, Version: 1, RespondBy: &respondBy}
	l := lawyerFixture()
	later := domain.Slot{LawyerID: "L1", Start: start.Add(time.Hour), Minutes: 30, Status: domain.SlotOpen}
	l.NextOpenSlot = &later // this booking's slot is held, the next is later
	t.Run("Accept", func(t *testing.T) {
		c, err := decideChange(pending, domain.RoleLawyer, domain.ActAccept, domain.ReasonInput{}, l, questionFixture(), nil, domain.Responses{}, cfg, t0)
		if err != nil || c.To != domain.BookingConfirmed || !slices.Contains(c.Funnel.All, domain.StepConfirmed) || c.Index || c.Lawyer != nil {
			t.Fatalf("change = %+v, %v", c, err)
		}
	})
	t.Run("DeclineFreesTheSlotAsTheNext", func(t *testing.T) {
		c, err := decideChange(pending, domain.RoleLawyer, domain.ActDecline, domain.ReasonInput{Reason: "没空"}, l, questionFixture(), nil, domain.Responses{}, cfg, t0)
		if err != nil || !c.Index || !c.SetNext || c.Next == nil || !c.Next.Start.Equal(start) || c.Next.Status != domain.SlotOpen {
			t.Fatalf("change = %+v, %v", c, err)
		}
	})
	t.Run("CompleteCountsHelped", func(t *testing.T) {
		b := pending
		b.Status = domain.BookingConfirmed
		c, err := decideChange(b, domain.RoleLawyer, domain.ActComplete, domain.ReasonInput{}, l, questionFixture(), nil, domain.Responses{}, cfg, start.Add(time.Minute))
		if err != nil || !c.HelpedCountUp || c.Lawyer == nil || c.Index {
			t.Fatalf("change = %+v, %v", c, err)
		}
	})
	t.Run("LateAcceptExpires", func(t *testing.T) {
		if _, err := decideChange(pending, domain.RoleLawyer, domain.ActAccept, domain.ReasonInput{}, l, questionFixture(), nil, domain.Responses{}, cfg, respondBy.Add(time.Second)); !errors.Is(err, errExpiredMeanwhile) {
			t.Fatalf("err = %v", err)
		}
	})
	for _, tc := range []struct {
		name string
		role domain.Role
		act  domain.Action
		in   domain.ReasonInput
		now  time.Time
		want string
	}{
		{"ErrStaffAccepts", domain.RoleStaff, domain.ActAccept, domain.ReasonInput{}, t0, domain.EForbidden},
		{"ErrVisitorAccepts", domain.RoleVisitor, domain.ActAccept, domain.ReasonInput{}, t0, domain.EForbidden},
		{"ErrDeclineWithoutReason", domain.RoleLawyer, domain.ActDecline, domain.ReasonInput{}, t0, domain.EInvalid},
		{"ErrCompletePending", domain.RoleLawyer, domain.ActComplete, domain.ReasonInput{}, t0, domain.EInvalidState},
		{"ErrVisitorCancelsLate", domain.RoleVisitor, domain.ActCancel, domain.ReasonInput{}, start.Add(-time.Hour), domain.EForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decideChange(pending, tc.role, tc.act, tc.in, l, questionFixture(), nil, domain.Responses{}, cfg, tc.now)
			if code := domain.ErrorCode(err); code != tc.want {
				t.Fatalf("code %q, want %q (%v)", code, tc.want, err)
			}
		})
	}
}

func TestRoleOn(t *testing.T) {
	token, hash := domain.NewVisitorToken()
	b := domain.Booking{LawyerID: "L1", FirmID: "F1"}
	q := domain.Question{ID: "Q1", TokenHash: hash}
	for _, tc := range []struct {
		name string
		c    Caller
		want domain.Role
		code string
	}{
		{"Lawyer", Caller{Identity: auth.Identity{Subject: "s", Groups: []string{auth.GroupLawyers}, LawyerID: "L1"}}, domain.RoleLawyer, ""},
		{"Staff", Caller{Identity: auth.Identity{Subject: "s", Groups: []string{auth.GroupStaff}, FirmID: "F1"}}, domain.RoleStaff, ""},
		{"Visitor", Caller{VisitorToken: token}, domain.RoleVisitor, ""},
		{"ErrOtherToken", Caller{VisitorToken: "nope"}, "", domain.EForbidden},
		{"ErrOtherFirm", Caller{Identity: auth.Identity{Subject: "s", Groups: []string{auth.GroupStaff}, FirmID: "F2"}}, "", domain.EForbidden},
		{"ErrNobody", Caller{}, "", domain.EUnauthenticated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := roleOn(tc.c, b, q)
			if got != tc.want || domain.ErrorCode(err) != tc.code {
				t.Fatalf("roleOn = %q, %v; want %q, %q", got, err, tc.want, tc.code)
			}
		})
	}
}

func TestDecideAssign(t *testing.T) {
	l := lawyerFixture()
	t.Run("OfferOnAPoolQuestion", func(t *testing.T) {
		lead, offer, err := decideAssign(questionFixture(), "F1", l, t0)
		if err != nil || !offer || lead.Status != domain.LeadOffered || lead.Offer == nil || lead.Offer.Status != domain.OfferWaiting || lead.ContactAllowed() {
			t.Fatalf("lead = %+v, offer %v, %v", lead, offer, err)
		}
	})
	t.Run("ReassignNeverRevealsTheContact", func(t *testing.T) {
		q := questionFixture()
		q.Leads = []domain.Lead{{FirmID: "F1", QuestionID: "Q1", BookingID: "B1", LawyerID: "L0"}}
		lead, offer, err := decideAssign(q, "F1", l, t0)
		if err != nil || offer || lead.AssignedTo != "L1" || lead.ContactAllowed() {
			t.Fatalf("lead = %+v, offer %v, %v", lead, offer, err)
		}
	})
	t.Run("ErrDeclinedOffer", func(t *testing.T) {
		q := questionFixture()
		q.Leads = []domain.Lead{{FirmID: "F1", QuestionID: "Q1", Offer: &domain.Offer{ID: "O1", Status: domain.OfferDeclined}}}
		if _, _, err := decideAssign(q, "F1", l, t0); domain.ErrorCode(err) != domain.EConflict {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrArea", func(t *testing.T) {
		q := questionFixture()
		q.Area = "family"
		if _, _, err := decideAssign(q, "F1", l, t0); domain.ErrorCode(err) != domain.EInvalid {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestDecideAnswer(t *testing.T) {
	q := questionFixture()
	q.Leads = []domain.Lead{
		{FirmID: "F1", QuestionID: "Q1", Offer: &domain.Offer{ID: "O1", Status: domain.OfferWaiting}},
		{FirmID: "F2", QuestionID: "Q1", Offer: &domain.Offer{ID: "O2", Status: domain.OfferWaiting}},
		{FirmID: "F3", QuestionID: "Q1", BookingID: "B1"},
	}
	a, done, err := decideAnswer(q, "O1", true, t0)
	if err != nil || done || a.Lead.FirmID != "F1" || len(a.Others) != 1 || a.Others[0].FirmID != "F2" ||
		!slices.Equal(a.Funnel.Firm, []string{domain.StepSubmitted, domain.StepMatched}) || len(a.Funnel.All) != 0 {
		t.Fatalf("accept = %+v, %v, %v", a, done, err)
	}
	if a, _, _ := decideAnswer(q, "O1", false, t0); len(a.Others) != 0 || len(a.Funnel.Firm) != 0 {
		t.Fatalf("a decline declines nothing else and counts nothing: %+v", a)
	}
	q.Leads[0].Offer.Status = domain.OfferAccepted
	if _, done, err := decideAnswer(q, "O1", true, t0); !done || err != nil {
		t.Fatalf("accepting again: done %v, %v", done, err)
	}
	if _, _, err := decideAnswer(q, "O1", false, t0); domain.ErrorCode(err) != domain.EInvalidState {
		t.Fatalf("declining an accepted offer: %v", err)
	}
	if _, _, err := decideAnswer(q, "O9", true, t0); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("an unknown offer: %v", err)
	}
}

func publicQuestion() domain.Question {
	q := questionFixture()
	q.ID, q.Public, q.Title = "01JQUESTION000000000000000", true, "李雷的工资被拖欠了"
	return q
}

func TestDecidePostAnswer(t *testing.T) {
	in := domain.TextInput{Body: "李雷您好：可以先申请劳动仲裁，仲裁不收费。"}
	l := lawyerFixture()
	t.Run("OK", func(t *testing.T) {
		na, err := decidePostAnswer(publicQuestion(), l, in, t0)
		switch {
		case err != nil:
			t.Fatal(err)
		case na.Answer.PublicBody != "[已隐藏]您好：可以先申请劳动仲裁，仲裁不收费。" || na.Answer.Body != in.Body:
			t.Fatalf("bodies %q / %q: the public one must hide the asker's name", na.Answer.PublicBody, na.Answer.Body)
		case na.Answer.QuestionTitle != "[已隐藏]的工资被拖欠了":
			t.Fatalf("question title %q", na.Answer.QuestionTitle)
		case na.NoticeAt == nil || !na.NoticeAt.Equal(t0):
			t.Fatalf("notice at %v, want now", na.NoticeAt)
		}
		if q, ok := domain.QuestionOfAnswer(na.Answer.ID); !ok || q != "01JQUESTION000000000000000" {
			t.Fatalf("answer ID %q names question %q", na.Answer.ID, q)
		}
	})
	t.Run("NoticeHeldBack", func(t *testing.T) {
		q := publicQuestion()
		last := t0.Add(-20 * time.Minute)
		q.AnswerNoticeAt = &last
		na, _ := decidePostAnswer(q, l, in, t0)
		if na.NoticeAt == nil || !na.NoticeAt.Equal(last.Add(time.Hour)) {
			t.Fatalf("notice at %v, want an hour after the last (%v)", na.NoticeAt, last)
		}
		ahead := t0.Add(30 * time.Minute)
		q.AnswerNoticeAt = &ahead
		if na, _ := decidePostAnswer(q, l, in, t0); na.NoticeAt != nil {
			t.Fatalf("a notice already scheduled ahead must cover this answer, got another at %v", na.NoticeAt)
		}
	})
	for name, tc := range map[string]struct {
		q    func(domain.Question) domain.Question
		l    func(domain.Lawyer) domain.Lawyer
		code string
	}{
		"ErrPrivate":  {func(q domain.Question) domain.Question { q.Public = false; return q }, nil, domain.ENotFound},
		"ErrErased":   {func(q domain.Question) domain.Question { q.ErasedAt = &t0; return q }, nil, domain.ENotFound},
		"ErrInactive": {nil, func(l domain.Lawyer) domain.Lawyer { l.Active = false; return l }, domain.EForbidden},
		"ErrTwice":    {func(q domain.Question) domain.Question { q.AnsweredBy = []string{"L1"}; return q }, nil, domain.EConflict},
	} {
		t.Run(name, func(t *testing.T) {
			q, l := publicQuestion(), lawyerFixture()
			if tc.q != nil {
				q = tc.q(q)
			}
			if tc.l != nil {
				l = tc.l(l)
			}
			if _, err := decidePostAnswer(q, l, in, t0); domain.ErrorCode(err) != tc.code {
				t.Fatalf("err = %v, want %s", err, tc.code)
			}
		})
	}
}

func TestDecideReply(t *testing.T) {
	q := publicQuestion()
	token, hash := domain.NewVisitorToken()
	q.TokenHash = hash
	a := domain.Answer{ID: q.ID + "-01JANSWER00000000000000000", QuestionID: q.ID, LawyerID: "L1", FirmID: "F1"}
	qa := domain.QA{Answers: []domain.Answer{a}}
	lawyer := Caller{Identity: auth.Identity{Subject: "s", Groups: []string{auth.GroupLawyers}, LawyerID: "L1", FirmID: "F1"}}
	other := Caller{Identity: auth.Identity{Subject: "s2", Groups: []string{auth.GroupLawyers}, LawyerID: "L2", FirmID: "F1"}}
	asker := Caller{VisitorToken: token}
	t.Run("Asker", func(t *testing.T) {
		nr, err := decideReply(q, qa, asker, a.ID, domain.TextInput{Body: "我是李雷，电话13800138000"}, t0)
		if err != nil || nr.Reply.Author != domain.AuthorAsker || nr.Reply.PublicBody != "我是[已隐藏]，电话[已隐藏]" || nr.NoticeAt == nil {
			t.Fatalf("reply %+v, %v", nr.Reply, err)
		}
	})
	t.Run("Lawyer", func(t *testing.T) {
		if nr, err := decideReply(q, qa, lawyer, a.ID, domain.TextInput{Body: "补充一点"}, t0); err != nil || nr.Reply.Author != domain.AuthorLawyer {
			t.Fatalf("reply %+v, %v", nr.Reply, err)
		}
		if _, err := decideReply(q, qa, lawyer, a.ID, domain.TextInput{Body: "打我电话13912345678"}, t0); domain.ErrorCode(err) != domain.EInvalid {
			t.Fatalf("a lawyer's contact data: %v", err)
		}
	})
	t.Run("ErrOthers", func(t *testing.T) {
		for _, c := range []Caller{other, {VisitorToken: "not-the-token"}} {
			if _, err := decideReply(q, qa, c, a.ID, domain.TextInput{Body: "路过"}, t0); domain.ErrorCode(err) != domain.EForbidden {
				t.Fatalf("%+v: %v", c, err)
			}
		}
	})
	t.Run("ErrFull", func(t *testing.T) {
		full := qa
		full.Answers = []domain.Answer{a}
		full.Answers[0].ReplyCount = domain.MaxReplies
		if _, err := decideReply(q, full, asker, a.ID, domain.TextInput{Body: "再问"}, t0); domain.ErrorCode(err) != domain.EConflict {
			t.Fatalf("a full thread: %v", err)
		}
	})
}

func TestDecideHelpful(t *testing.T) {
	q, l := publicQuestion(), lawyerFixture()
	a := domain.Answer{ID: "A", LawyerID: "L1"}
	if m, write := decideHelpful(q, a, l); !write || !m.CountHelped {
		t.Fatalf("first mark: %+v %v, want written and counted", m, write)
	}
	q.Helped = []string{"L1"}
	if m, write := decideHelpful(q, a, l); !write || m.CountHelped {
		t.Fatalf("a lawyer the question counted already: %+v %v, want written, not counted again", m, write)
	}
	a.Helpful = true
	if _, write := decideHelpful(q, a, l); write {
		t.Fatal("an answer marked helpful already is written again")
	}
}

func TestDecideReschedule(t *testing.T) {
	cfg := DefaultConfig()
	l := lawyerFixture()
	later := domain.Slot{LawyerID: "L1", Start: start.Add(2 * time.Hour), Minutes: 45, Status: domain.SlotOpen}
	l.NextOpenSlot = &later
	confirmed := domain.Booking{ID: "B1", QuestionID: "Q1", LawyerID: "L1", FirmID: "F1", Start: start, Minutes: 30,
		Status: domain.BookingConfirmed, Version: 3, CreatedAt: t0.Add(-time.Hour)}
	got := func(st string) domain.Batch {
		return domain.Batch{Lawyers: map[string]domain.Lawyer{"L1": l}, Questions: map[string]domain.Question{"Q1": questionFixture()},
			Slots: []domain.Slot{{LawyerID: "L1", Start: later.Start, Minutes: 45, Status: st}}}
	}
	t.Run("ByTheVisitor", func(t *testing.T) {
		d, err := decideReschedule(confirmed, domain.RoleVisitor, later.Start, got(domain.SlotOpen), cfg, t0)
		nb := d.r.Booking
		if err != nil || nb.Status != domain.BookingPending || nb.Version != 4 || nb.Sequence != 1 || nb.Minutes != 45 || !nb.PreviousStart.Equal(start) ||
			nb.RespondBy == nil || !nb.RequestedAt.Equal(t0) || len(d.r.Reminders) != 0 {
			t.Fatalf("decision = %+v, %v", d, err)
		}
		// The new slot was the next open one: it is read again.
		if !d.findNext {
			t.Fatal("the next open slot is not read again")
		}
	})
	t.Run("ByTheLawyer", func(t *testing.T) {
		d, err := decideReschedule(confirmed, domain.RoleLawyer, later.Start, got(domain.SlotOpen), cfg, t0)
		if err != nil || d.r.Booking.Status != domain.BookingConfirmed || d.r.Booking.RespondBy != nil || len(d.r.Reminders) != 2 || d.r.Reminders[0].Sequence != 1 {
			t.Fatalf("decision = %+v, %v", d, err)
		}
	})
	t.Run("Repeated", func(t *testing.T) {
		moved := confirmed
		moved.Start, moved.Sequence, moved.RescheduledBy = later.Start, 1, domain.RoleVisitor
		if d, err := decideReschedule(moved, domain.RoleVisitor, later.Start, got(domain.SlotHeld), cfg, t0); err != nil || !d.done {
			t.Fatalf("a repeated move = %+v, %v", d, err)
		}
	})
	for _, tc := range []struct {
		name string
		b    domain.Booking
		role domain.Role
		slot string
		at   time.Time
		to   time.Time
		want string
	}{
		{"ErrStaff", confirmed, domain.RoleStaff, domain.SlotOpen, t0, later.Start, domain.EForbidden},
		{"ErrTaken", confirmed, domain.RoleVisitor, domain.SlotHeld, t0, later.Start, domain.ESlotUnavailable},
		{"ErrNoSlot", confirmed, domain.RoleVisitor, domain.SlotOpen, t0, start.Add(5 * time.Hour), domain.ENotFound},
		{"ErrOwnTime", confirmed, domain.RoleLawyer, domain.SlotOpen, t0, start, domain.EInvalid},
		{"ErrVisitorLate", confirmed, domain.RoleVisitor, domain.SlotOpen, start.Add(-time.Hour), later.Start, domain.EForbidden},
		{"ErrBegun", confirmed, domain.RoleLawyer, domain.SlotOpen, start.Add(time.Minute), later.Start, domain.EInvalidState},
		{"ErrTooSoon", domain.Booking{ID: "B1", LawyerID: "L1", Start: start.Add(5 * time.Hour), Status: domain.BookingConfirmed}, domain.RoleLawyer, domain.SlotOpen,
			later.Start.Add(-time.Hour), later.Start, domain.EInvalid},
		{"ErrCancelled", domain.Booking{ID: "B1", LawyerID: "L1", Start: start, Status: domain.BookingCancelled}, domain.RoleVisitor, domain.SlotOpen, t0, later.Start, domain.EInvalidState},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := decideReschedule(tc.b, tc.role, tc.to, got(tc.slot), cfg, tc.at); domain.ErrorCode(err) != tc.want {
				t.Fatalf("err = %v, want %s", err, tc.want)
			}
		})
	}
}

func TestDecideReview(t *testing.T) {
	done := domain.Booking{ID: "B1", QuestionID: "Q1", LawyerID: "L1", Area: "labor", Status: domain.BookingCompleted}
	got := domain.Batch{Lawyers: map[string]domain.Lawyer{"L1": lawyerFixture()}, Questions: map[string]domain.Question{"Q1": questionFixture()}}
	in := domain.ReviewInput{Stars: 5, Text: "李雷说很好，电话13800138000"}
	nr, err := decideReview(done, domain.RoleVisitor, got, in, t0)
	if err != nil || nr.Review.Stars != 5 || nr.Review.Area != "labor" || strings.Contains(nr.Review.Text, "李雷") || strings.Contains(nr.Review.Text, "13800138000") {
		t.Fatalf("review = %+v, %v", nr, err)
	}
	reviewed := done
	reviewed.Reviewed = true
	confirmed := done
	confirmed.Status = domain.BookingConfirmed
	for _, tc := range []struct {
		name string
		b    domain.Booking
		role domain.Role
		want string
	}{
		{"ErrLawyer", done, domain.RoleLawyer, domain.EForbidden},
		{"ErrTwice", reviewed, domain.RoleVisitor, domain.EConflict},
		{"ErrNotCompleted", confirmed, domain.RoleVisitor, domain.EInvalidState},
	} {
		if _, err := decideReview(tc.b, tc.role, got, in, t0); domain.ErrorCode(err) != tc.want {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.want)
		}
	}
}
