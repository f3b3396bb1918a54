package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/lawdesk/lawdesk/infra/ddbtest"
	"github.com/lawdesk/lawdesk/shared/cursor"
	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store"
)

func TestMain(m *testing.M) { ddbtest.Main(m) }

var ctx = context.Background()

// MustStore returns a store on a fresh table of DynamoDB Local.
func MustStore(tb testing.TB) *store.Store {
	tb.Helper()
	return store.New(ddbtest.Client(tb), ddbtest.NewTable(tb), cursor.New([]byte("0123456789abcdef0123456789abcdef")))
}

func MustFirm(tb testing.TB, s *store.Store, city string) domain.Firm {
	tb.Helper()
	f := domain.Firm{ID: domain.NewID(), Name: "明德律师事务所", Phone: "025-83331234", City: city, CreatedAt: time.Now()}
	if err := s.CreateFirm(ctx, f); err != nil {
		tb.Fatalf("CreateFirm: %v", err)
	}
	return f
}

var licences int

// lawyerContact is every test lawyer's direct contact (fake).
var lawyerContact = domain.Contact{Phone: "13800138000", Email: "wang@example.com"}

func MustLawyer(tb testing.TB, s *store.Store, firmID, city string, areas ...string) domain.Lawyer {
	tb.Helper()
	licences++
	l := domain.Lawyer{
		ID: domain.NewID(), FirmID: firmID, Name: "王律师", Areas: areas, City: city, Languages: []string{"zh"},
		LicenseNo: fmt.Sprintf("L%09d", licences), TimeZone: "Asia/Shanghai", Active: true, CreatedAt: time.Now(),
	}
	if err := s.CreateLawyer(ctx, l, lawyerContact); err != nil {
		tb.Fatalf("CreateLawyer: %v", err)
	}
	return l
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := domain.ErrorCode(err); err == nil || got != code {
		t.Fatalf("error = %v (code %q), want code %q", err, got, code)
	}
}

func TestFirms(t *testing.T) {
	s := MustStore(t)
	f := MustFirm(t, s, "南京")
	t.Run("OK", func(t *testing.T) {
		got, err := s.FindFirmByID(ctx, f.ID)
		if err != nil || got.Name != f.Name || got.Phone != f.Phone {
			t.Fatalf("FindFirmByID = %+v, %v", got, err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.FindFirmByID(ctx, "nope")
		wantCode(t, err, domain.ENotFound)
	})
	t.Run("ErrConflict", func(t *testing.T) {
		other := f
		other.Name = "另一个律师事务所"
		wantCode(t, s.CreateFirm(ctx, other), domain.EConflict)
	})
	t.Run("RepeatedWriteIsTheSame", func(t *testing.T) {
		if err := s.CreateFirm(ctx, f); err != nil {
			t.Fatalf("writing the same firm again (an SDK retry) = %v", err)
		}
	})
	t.Run("Batch", func(t *testing.T) {
		g := MustFirm(t, s, "上海")
		got, err := s.FindFirmsByIDs(ctx, []string{f.ID, g.ID, f.ID, "missing", ""})
		if err != nil || len(got) != 2 || got[g.ID].City != "上海" {
			t.Fatalf("FindFirmsByIDs = %v, %v", got, err)
		}
	})
}

func TestCreateLawyer(t *testing.T) {
	s := MustStore(t)
	f := MustFirm(t, s, "南京")
	l := MustLawyer(t, s, f.ID, "南京", "family", "debt")
	t.Run("ProfileHasNoContact", func(t *testing.T) {
		got, err := s.FindLawyerByID(ctx, l.ID)
		if err != nil || got.Name != l.Name || !got.Active {
			t.Fatalf("FindLawyerByID = %+v, %v", got, err)
		}
		c, err := s.FindLawyerContact(ctx, l.ID)
		if err != nil || c != lawyerContact {
			t.Fatalf("FindLawyerContact = %+v %v", c, err)
		}
	})
	t.Run("ErrUnknownFirm", func(t *testing.T) {
		m := l
		m.ID, m.FirmID, m.LicenseNo = domain.NewID(), "nope", "OTHER00001"
		err := s.CreateLawyer(ctx, m, lawyerContact)
		wantCode(t, err, domain.EInvalid)
		if domain.AsError(err).Fields["firmId"] == "" {
			t.Fatalf("fields = %v, want firmId", domain.AsError(err).Fields)
		}
	})
	t.Run("ErrLicenceTaken", func(t *testing.T) {
		m := l
		m.ID = domain.NewID()
		wantCode(t, s.CreateLawyer(ctx, m, lawyerContact), domain.EConflict)
		// Nothing of the refused lawyer was written.
		_, err := s.FindLawyerByID(ctx, m.ID)
		wantCode(t, err, domain.ENotFound)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.FindLawyerByID(ctx, "nope")
		wantCode(t, err, domain.ENotFound)
	})
}

func TestFindLawyers(t *testing.T) {
	s := MustStore(t)
	f := MustFirm(t, s, "南京")
	nj1 := MustLawyer(t, s, f.ID, "南京市", "family")
	nj2 := MustLawyer(t, s, f.ID, "南京", "family", "labor")
	sh := MustLawyer(t, s, f.ID, "上海", "family")
	hz := MustLawyer(t, s, f.ID, "杭州", "labor")
	ids := func(p domain.Page[domain.Lawyer]) map[string]bool {
		m := map[string]bool{}
		for _, l := range p.Items {
			m[l.ID] = true
		}
		return m
	}
	for _, tc := range []struct {
		name       string
		area, city string
		want       []string
	}{
		{"All", "", "", []string{nj1.ID, nj2.ID, sh.ID, hz.ID}},
		{"Area", "family", "", []string{nj1.ID, nj2.ID, sh.ID}},
		{"AreaCity", "family", "南京", []string{nj1.ID, nj2.ID}},
		{"CityOnly", "", "南京市", []string{nj1.ID, nj2.ID}},
		{"None", "ip", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page, err := s.FindLawyers(ctx, domain.LawyerFilter{Area: tc.area, City: tc.city, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			got := ids(page)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d lawyers, want %d", len(got), len(tc.want))
			}
			for _, id := range tc.want {
				if !got[id] {
					t.Fatalf("lawyer %s missing", id)
				}
			}
		})
	}
	t.Run("Pagination", func(t *testing.T) {
		seen := map[string]bool{}
		cur := ""
		for pages := 0; ; pages++ {
			if pages > 5 {
				t.Fatal("pagination does not end")
			}
			page, err := s.FindLawyers(ctx, domain.LawyerFilter{Limit: 3, Cursor: cur})
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range page.Items {
				if seen[l.ID] {
					t.Fatalf("lawyer %s on two pages", l.ID)
				}
				seen[l.ID] = true
			}
			if cur = page.NextCursor; cur == "" {
				break
			}
		}
		if len(seen) != 4 {
			t.Fatalf("saw %d lawyers over the pages, want 4", len(seen))
		}
	})
	t.Run("ErrCursorOfAnotherList", func(t *testing.T) {
		page, err := s.FindLawyers(ctx, domain.LawyerFilter{Area: "family", Limit: 1})
		if err != nil || page.NextCursor == "" {
			t.Fatalf("page = %+v, %v", page, err)
		}
		_, err = s.FindLawyers(ctx, domain.LawyerFilter{Area: "labor", Limit: 1, Cursor: page.NextCursor})
		wantCode(t, err, domain.EInvalid)
		_, err = s.FindLawyers(ctx, domain.LawyerFilter{Limit: 1, Cursor: "garbage!"})
		wantCode(t, err, domain.EInvalid)
	})
}

func slot(start time.Time, minutes int) domain.Slot {
	return domain.Slot{Start: start, Minutes: minutes, Status: domain.SlotOpen}
}

func TestPublishSlots(t *testing.T) {
	s := MustStore(t)
	f := MustFirm(t, s, "南京")
	l := MustLawyer(t, s, f.ID, "南京", "family")
	base := time.Now().UTC().Add(48 * time.Hour).Truncate(time.Hour)
	if err := s.PublishSlots(ctx, l.ID, []domain.Slot{slot(base, 30), slot(base.Add(time.Hour), 60)}, time.Now()); err != nil {
		t.Fatal(err)
	}
	t.Run("ErrOverlapsExisting", func(t *testing.T) {
		// Starts before the first slot and runs into it.
		wantCode(t, s.PublishSlots(ctx, l.ID, []domain.Slot{slot(base.Add(-20*time.Minute), 30)}, time.Now()), domain.EConflict)
		// Starts inside the 60-minute slot.
		wantCode(t, s.PublishSlots(ctx, l.ID, []domain.Slot{slot(base.Add(90*time.Minute), 30)}, time.Now()), domain.EConflict)
	})
	t.Run("AdjacentIsFine", func(t *testing.T) {
		if err := s.PublishSlots(ctx, l.ID, []domain.Slot{slot(base.Add(30*time.Minute), 30)}, time.Now()); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrUnknownLawyer", func(t *testing.T) {
		wantCode(t, s.PublishSlots(ctx, "nope", []domain.Slot{slot(base, 30)}, time.Now()), domain.ENotFound)
	})
	t.Run("FindSlots", func(t *testing.T) {
		page, err := s.FindSlots(ctx, domain.SlotFilter{LawyerID: l.ID, From: base, To: base.Add(24 * time.Hour), Status: domain.SlotOpen, Limit: 2})
		if err != nil || len(page.Items) != 2 || page.NextCursor == "" {
			t.Fatalf("page 1 = %+v, %v", page, err)
		}
		if !page.Items[0].Start.Equal(base) || !page.Items[1].Start.Equal(base.Add(30*time.Minute)) {
			t.Fatalf("page 1 not in start order: %+v", page.Items)
		}
		next, err := s.FindSlots(ctx, domain.SlotFilter{LawyerID: l.ID, From: base, To: base.Add(24 * time.Hour), Status: domain.SlotOpen, Limit: 2, Cursor: page.NextCursor})
		if err != nil || len(next.Items) != 1 || !next.Items[0].Start.Equal(base.Add(time.Hour)) || next.Items[0].Minutes != 60 {
			t.Fatalf("page 2 = %+v, %v", next, err)
		}
		// The range end is exclusive.
		page, err = s.FindSlots(ctx, domain.SlotFilter{LawyerID: l.ID, From: base, To: base.Add(30 * time.Minute), Limit: 10})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("range [base, base+30m) = %+v, %v", page.Items, err)
		}
	})
}

// Two publishes racing with overlapping slots: the slotsVersion condition
// lets exactly one through, whatever the interleaving.
func TestPublishSlotsConcurrent(t *testing.T) {
	s := MustStore(t)
	f := MustFirm(t, s, "南京")
	l := MustLawyer(t, s, f.ID, "南京", "family")
	base := time.Now().UTC().Add(72 * time.Hour).Truncate(time.Hour)
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// Each starts at a different minute, so keys differ but all overlap.
			errs[i] = s.PublishSlots(ctx, l.ID, []domain.Slot{slot(base.Add(time.Duration(i)*time.Minute), 30)}, time.Now())
		}(i)
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case domain.ErrorCode(err) != domain.EConflict:
			t.Fatalf("unexpected error: %v", err)
		}
	}
	page, err := s.FindSlots(ctx, domain.SlotFilter{LawyerID: l.ID, From: base.Add(-time.Hour), To: base.Add(2 * time.Hour), Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	if ok != 1 || len(page.Items) != 1 {
		t.Fatalf("%d publishes succeeded and %d slots exist, want 1 and 1", ok, len(page.Items))
	}
}

func question(public bool, area string) domain.Question {
	now := time.Now().UTC().Truncate(time.Millisecond)
	return domain.Question{
		ID: domain.NewID(), Title: "公司拖欠工资三个月", Body: "老板一直不发工资", Area: area, AreaSource: domain.AreaFromVisitor,
		AreaCandidates: []domain.AreaScore{{Area: area, Score: 1}}, City: "南京", Public: public, Status: domain.QuestionSubmitted,
		CreatedAt: now, Name: "李雷", Phone: "13800138000", Email: "lilei@example.com", ConsentAt: now,
		PIIExpiresAt: now.Add(24 * time.Hour), TokenHash: domain.HashToken("tok"),
	}
}

func TestQuestions(t *testing.T) {
	s := MustStore(t)
	pub := question(true, "labor")
	priv := question(false, "labor")
	other := question(true, "family")
	for _, q := range []domain.Question{pub, priv, other} {
		if err := s.CreateQuestion(ctx, q, nil); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("FindWithPII", func(t *testing.T) {
		got, err := s.FindQuestionByID(ctx, priv.ID, time.Now())
		if err != nil || got.Phone != priv.Phone || got.Name != priv.Name || got.Body != priv.Body || got.TokenHash != priv.TokenHash {
			t.Fatalf("FindQuestionByID = %+v, %v", got, err)
		}
	})
	t.Run("ExpiredPIIIsFiltered", func(t *testing.T) {
		q := question(false, "labor")
		q.PIIExpiresAt = time.Now().Add(-time.Minute)
		if err := s.CreateQuestion(ctx, q, nil); err != nil {
			t.Fatal(err)
		}
		got, err := s.FindQuestionByID(ctx, q.ID, time.Now())
		if err != nil || got.Phone != "" || got.Name != "" || got.Body != "" || got.Title != q.Title {
			t.Fatalf("expired PII still read: %+v, %v", got, err)
		}
	})
	t.Run("PublicLists", func(t *testing.T) {
		all, err := s.FindPublicQuestions(ctx, domain.QuestionFilter{Limit: 10})
		if err != nil || len(all.Items) != 2 || all.Items[0].ID != other.ID || all.Items[1].ID != pub.ID {
			t.Fatalf("all public = %+v, %v", all.Items, err)
		}
		for _, q := range all.Items {
			if q.Phone != "" || q.Name != "" || q.Email != "" || q.Body != "" {
				t.Fatalf("public list carries personal data: %+v", q)
			}
		}
		labor, err := s.FindPublicQuestions(ctx, domain.QuestionFilter{Area: "labor", Limit: 10})
		if err != nil || len(labor.Items) != 1 || labor.Items[0].ID != pub.ID {
			t.Fatalf("labor public = %+v, %v", labor.Items, err)
		}
	})
	t.Run("Erase", func(t *testing.T) {
		at := time.Now()
		if err := s.EraseQuestion(ctx, domain.Erasure{Question: domain.Question{ID: pub.ID}, At: at}); err != nil {
			t.Fatal(err)
		}
		got, err := s.FindQuestionByID(ctx, pub.ID, time.Now())
		if err != nil || !got.Erased() || got.Phone != "" || got.Name != "" || got.Email != "" || got.Body != "" || got.Title != "" || got.Public {
			t.Fatalf("after erase = %+v, %v", got, err)
		}
		all, err := s.FindPublicQuestions(ctx, domain.QuestionFilter{Limit: 10})
		if err != nil || len(all.Items) != 1 || all.Items[0].ID != other.ID {
			t.Fatalf("erased question still listed: %+v, %v", all.Items, err)
		}
		if err := s.EraseQuestion(ctx, domain.Erasure{Question: domain.Question{ID: pub.ID}, At: at}); err != nil {
			t.Fatalf("erasing twice: %v", err)
		}
		wantCode(t, s.EraseQuestion(ctx, domain.Erasure{Question: domain.Question{ID: "nope"}, At: at}), domain.ENotFound)
	})
}

func TestQuestionRateLimits(t *testing.T) {
	s := MustStore(t)
	now := time.Now()
	ip := domain.NewRateLimit("ip:a", 2, time.Hour, now)
	phone := domain.NewRateLimit("phone:a", 3, time.Hour, now)
	for i := 0; i < 2; i++ {
		if err := s.CreateQuestion(ctx, question(true, "labor"), nil, ip, phone); err != nil {
			t.Fatalf("question %d: %v", i, err)
		}
	}
	refused := question(true, "labor")
	err := s.CreateQuestion(ctx, refused, nil, ip, phone)
	wantCode(t, err, domain.ERateLimited)
	if e := domain.AsError(err); e.RetryAfter <= 0 || e.RetryAfter > time.Hour {
		t.Fatalf("RetryAfter = %v", e.RetryAfter)
	}
	if _, err := s.FindQuestionByID(ctx, refused.ID, time.Now()); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("a refused question was written: %v", err)
	}
	// Another address, same phone: the phone's limit (3) still has room for one.
	ip2 := domain.NewRateLimit("ip:b", 2, time.Hour, now)
	if err := s.CreateQuestion(ctx, question(true, "labor"), nil, ip2, phone); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.CreateQuestion(ctx, question(true, "labor"), nil, ip2, phone), domain.ERateLimited)
	// The next window starts afresh.
	next := domain.NewRateLimit("ip:a", 2, time.Hour, now.Add(time.Hour))
	if err := s.CreateQuestion(ctx, question(true, "labor"), nil, next); err != nil {
		t.Fatalf("next window: %v", err)
	}
	t.Run("HitRateLimit", func(t *testing.T) {
		l := domain.NewRateLimit("classify:a", 1, time.Minute, now)
		if err := s.HitRateLimit(ctx, l, "requests"); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.HitRateLimit(ctx, l, "requests"), domain.ERateLimited)
	})
}

func TestFaults(t *testing.T) {
	table := ddbtest.NewTable(t)
	codec := cursor.New([]byte("0123456789abcdef0123456789abcdef"))
	for _, tc := range []struct{ fault, want string }{
		{"ThrottlingException", domain.EUnavailable},
		{"ProvisionedThroughputExceededException", domain.EUnavailable},
		{"TransactionConflictException", domain.EConflict},
		{"ValidationException", domain.EInternal},
	} {
		t.Run(tc.fault, func(t *testing.T) {
			s := store.New(ddbtest.FaultyClient(t, tc.fault), table, codec)
			_, err := s.FindFirmByID(ctx, "x")
			wantCode(t, err, tc.want)
			if tc.want == domain.EUnavailable && domain.AsError(err).RetryAfter <= 0 {
				t.Fatal("503 without Retry-After")
			}
		})
	}
	// The faults at the HTTP layer, through the SDK's real retries: what
	// each costs in attempts, and the code it ends as.
	t.Run("Injected", func(t *testing.T) {
		db, inj := ddbtest.NewInjector(t)
		s := store.New(db, table, codec)
		f := MustFirm(t, s, "南京")
		every := func(ddbtest.Call) bool { return true }
		for _, tc := range []struct {
			fault    ddbtest.Fault
			want     string
			attempts int
		}{
			{ddbtest.ProvisionedThroughput, domain.EUnavailable, 3},
			{ddbtest.Throttling, domain.EUnavailable, 3},
			{ddbtest.Timeout, domain.EUnavailable, 1},
			{ddbtest.ResetAlways, domain.EUnavailable, 3},
			{ddbtest.Reset, "", 2}, // the SDK's retry gets the answer
		} {
			t.Run(string(tc.fault), func(t *testing.T) {
				deadline := 2 * time.Second // room for the SDK's retries
				if tc.fault == ddbtest.Timeout {
					deadline = 300 * time.Millisecond
				}
				dctx, cancel := context.WithTimeout(ctx, deadline)
				defer cancel()
				inj.Arm(ddbtest.Plan{Fault: tc.fault, Pick: every})
				got, err := s.FindFirmByID(dctx, f.ID)
				calls := inj.Disarm()
				if code := domain.ErrorCode(err); code != tc.want || (err == nil && got.ID != f.ID) {
					t.Fatalf("FindFirmByID = %v, %v (%s), want code %q", got, err, code, tc.want)
				}
				if len(calls) != 1 || calls[0].Op != "GetItem" || calls[0].Attempts != tc.attempts {
					t.Fatalf("calls = %+v, want one GetItem of %d attempts", calls, tc.attempts)
				}
				if tc.want == domain.EUnavailable && domain.AsError(err).RetryAfter <= 0 {
					t.Fatal("503 without Retry-After")
				}
			})
		}
		t.Run("TxConflict", func(t *testing.T) {
			inj.Arm(ddbtest.Plan{Fault: ddbtest.TxConflict, Pick: every})
			err := s.CreateLawyer(ctx, domain.Lawyer{ID: domain.NewID(), FirmID: f.ID, Name: "王律师", Areas: []string{"family"},
				City: "南京", LicenseNo: "TXCONFLICT1", TimeZone: "Asia/Shanghai", Active: true}, lawyerContact)
			calls := inj.Disarm()
			wantCode(t, err, domain.EConflict)
			if len(calls) != 1 || calls[0].Op != "TransactWriteItems" || calls[0].Sent != 0 {
				t.Fatalf("calls = %+v, want one TransactWriteItems that never reached DynamoDB", calls)
			}
		})
		t.Run("ResetAfterWrite", func(t *testing.T) {
			// The first attempt creates the firm; the SDK's retry finds it
			// there (a conditional PutItem is not idempotent), and
			// CreateFirm sees that what stands is its own firm.
			inj.Arm(ddbtest.Plan{Fault: ddbtest.Reset, Pick: func(c ddbtest.Call) bool { return c.Write }})
			g := domain.Firm{ID: domain.NewID(), Name: "明德律师事务所", Phone: "025-83331234", City: "南京", CreatedAt: time.Now()}
			err := s.CreateFirm(ctx, g)
			calls := inj.Disarm()
			if err != nil {
				t.Fatalf("CreateFirm after a reset = %v, want success (the firm is the one written)", err)
			}
			other := g
			other.Name = "另一个律师事务所"
			wantCode(t, s.CreateFirm(ctx, other), domain.EConflict)
			if _, err := s.FindFirmByID(ctx, g.ID); err != nil {
				t.Fatalf("the reset firm was not written: %v", err)
			}
			if len(calls) < 1 || calls[0].Op != "PutItem" || calls[0].Sent != 2 || calls[0].OK != 1 {
				t.Fatalf("calls = %+v, want one PutItem applied once, refused once (then the read of what stands)", calls)
			}
		})
	})
	t.Run("Deadline", func(t *testing.T) {
		s := store.New(ddbtest.Client(t), table, codec)
		dctx, cancel := context.WithTimeout(ctx, time.Nanosecond)
		defer cancel()
		time.Sleep(time.Millisecond)
		_, err := s.FindFirmByID(dctx, "x")
		wantCode(t, err, domain.EUnavailable)
	})
}

// TestPlanNamesTheFailedItem: a cancelled transaction maps back to its
// items by name, whatever their order — on DynamoDB Local, with the item
// whose condition fails first, in the middle and last.
func TestPlanNamesTheFailedItem(t *testing.T) {
	s := MustStore(t)
	for _, pk := range []string{"P#a", "P#b"} {
		if err := s.PutTestItem(ctx, pk); err != nil {
			t.Fatal(err)
		}
	}
	for _, order := range [][]string{{"absent", "a", "b"}, {"a", "absent", "b"}, {"a", "b", "absent"}} {
		pks := make([]string, len(order))
		for i, name := range order {
			pks[i] = "P#" + name // P#absent was never written
		}
		failed, err := s.RunNamedUpdates(ctx, order, pks)
		if err == nil || len(failed) != 1 || failed[0] != "absent" {
			t.Fatalf("%v: failed %v, err %v", order, failed, err)
		}
	}
}
