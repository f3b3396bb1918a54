package domain

import (
	"errors"
	"math/rand/v2"
	"net/mail"
	"strings"
	"testing"
	"time"
)

func TestPhone(t *testing.T) {
	for _, tc := range []struct {
		in, norm string
		ok       bool
	}{
		{"13800138000", "13800138000", true},
		{"138 0013 8000", "13800138000", true},
		{"+86 138-0013-8000", "13800138000", true},
		{"+14155552671", "+14155552671", true},
		{"12800138000", "12800138000", false}, // 12x is not a mobile prefix
		{"1380013800", "1380013800", false},   // ten digits
		{"+0123456789", "+0123456789", false},
		{"025-83331234", "02583331234", false},
		{"", "", false},
	} {
		if got := NormalizePhone(tc.in); got != tc.norm || ValidPhone(got) != tc.ok {
			t.Errorf("%q: normalised %q valid %v, want %q %v", tc.in, got, ValidPhone(got), tc.norm, tc.ok)
		}
	}
}

func TestEmail(t *testing.T) {
	for in, want := range map[string]bool{
		"li@example.com": true, "li.lei+law@example.com": true, "Li <li@example.com>": false,
		"li@example": false, "li example@example.com": false, "@example.com": false, "": false,
		"li@exa\u0085mple.com": false, "li@example.com\u00a0": false, "li\u202e@example.com": false, // invisible
		"李雷@例子.example.com": true,
	} {
		if got := ValidEmail(in); got != want {
			t.Errorf("ValidEmail(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestMask(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{MaskPhone("13800135678"), "138****5678"},
		{MaskPhone("+14155552671"), "+14*****2671"},
		{MaskPhone("123"), "***"},
		{MaskEmail("lilei@example.com"), "l***@example.com"},
		{MaskEmail("nope"), "****"},
		{MaskName("李小龙"), "李**"},
		{MaskName("李"), "李*"},
		{MaskName("Alexander"), "A****"},
		{MaskName(""), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestCityKey(t *testing.T) {
	for in, want := range map[string]string{"南京市": "南京", " 南京 ": "南京", "Nanjing": "nanjing", "沙市": "沙市"} {
		if got := CityKey(in); got != want {
			t.Errorf("CityKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQuestionInput(t *testing.T) {
	yes, no := true, false
	valid := func() QuestionInput {
		return QuestionInput{Title: "  公司拖欠工资怎么办 ", Body: "第一行\n第二行", Name: "李雷", Phone: "13800138000", Consent: &yes}
	}
	t.Run("OK", func(t *testing.T) {
		in := valid()
		if err := in.Validate(); err != nil {
			t.Fatal(err)
		}
		if in.Title != "公司拖欠工资怎么办" {
			t.Fatalf("title not trimmed: %q", in.Title)
		}
	})
	for name, tc := range map[string]struct {
		mut   func(*QuestionInput)
		field string
	}{
		"TitleShort":      {func(q *QuestionInput) { q.Title = "救命啊" }, "title"},
		"TitleLong":       {func(q *QuestionInput) { q.Title = strings.Repeat("长", 121) }, "title"},
		"TitleControl":    {func(q *QuestionInput) { q.Title = "标题\x00有零字节" }, "title"},
		"BodyLong":        {func(q *QuestionInput) { q.Body = strings.Repeat("长", 5001) }, "body"},
		"NoConsent":       {func(q *QuestionInput) { q.Consent = nil }, "consent"},
		"ConsentFalse":    {func(q *QuestionInput) { q.Consent = &no }, "consent"},
		"BadPhone":        {func(q *QuestionInput) { q.Phone = "110" }, "phone"},
		"BadEmail":        {func(q *QuestionInput) { q.Email = "x@" }, "email"},
		"UnknownArea":     {func(q *QuestionInput) { q.Area = "tax" }, "area"},
		"NoName":          {func(q *QuestionInput) { q.Name = " " }, "name"},
		"CityWithHash":    {func(q *QuestionInput) { q.City = "a#b" }, "city"},
		"TitleOnlySpaces": {func(q *QuestionInput) { q.Title = "      " }, "title"},
	} {
		t.Run(name, func(t *testing.T) {
			in := valid()
			tc.mut(&in)
			err := in.Validate()
			e := AsError(err)
			if e == nil || e.Code != EInvalid || e.Fields[tc.field] == "" || len(e.Fields) != 1 {
				t.Fatalf("Validate = %v (fields %v), want only %s", err, e, tc.field)
			}
		})
	}
	t.Run("BodyAtLimit", func(t *testing.T) {
		in := valid()
		in.Body = strings.Repeat("长", 5000)
		if err := in.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestLawyerInputDefaults(t *testing.T) {
	in := LawyerInput{FirmID: "f", Name: "王", Areas: []string{"family"}, City: "南京", LicenseNo: "13201201810000001", Phone: "13800138000"}
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
	if in.TimeZone != DefaultTimeZone || len(in.Languages) != 1 || in.Languages[0] != "zh" {
		t.Fatalf("defaults = %q %v", in.TimeZone, in.Languages)
	}
	in.Areas = []string{"family", "family"}
	if e := AsError(in.Validate()); e == nil || e.Fields["areas"] == "" {
		t.Fatalf("duplicate area accepted")
	}
	in.Areas = []string{"family", "labor", "debt", "ip", "medical", "traffic"}
	if e := AsError(in.Validate()); e == nil || e.Fields["areas"] == "" {
		t.Fatalf("six areas accepted")
	}
}

func TestSlotsInput(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	in := SlotsInput{Slots: []SlotInput{
		{Start: "2026-11-26T09:00:00+08:00", Minutes: 30},
		{Start: "2026-11-26T09:30:00+08:00", Minutes: 30},
	}}
	slots, err := in.Validate("l1", now)
	if err != nil {
		t.Fatal(err)
	}
	if got := slots[0].Start; !got.Equal(time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC)) || got.Location() != time.UTC {
		t.Fatalf("start not in UTC: %v", got)
	}
	t.Run("ErrOverlapWithin", func(t *testing.T) {
		in := SlotsInput{Slots: []SlotInput{{Start: "2026-11-26T09:00:00+08:00", Minutes: 60}, {Start: "2026-11-26T09:30:00+08:00", Minutes: 30}}}
		if _, err := in.Validate("l1", now); ErrorCode(err) != EConflict {
			t.Fatalf("err = %v, want conflict", err)
		}
	})
	t.Run("ErrFields", func(t *testing.T) {
		in := SlotsInput{Slots: []SlotInput{
			{Start: "2026-11-25T08:00:00Z", Minutes: 30},      // past
			{Start: "2026-11-26T09:00:30+08:00", Minutes: 30}, // seconds
			{Start: "2027-11-26T09:00:00+08:00", Minutes: 30}, // beyond 180 days
			{Start: "2026-11-27T09:00:00+08:00", Minutes: 241},
		}}
		_, err := in.Validate("l1", now)
		e := AsError(err)
		for _, f := range []string{"slots[0].start", "slots[1].start", "slots[2].start", "slots[3].minutes"} {
			if e == nil || e.Fields[f] == "" {
				t.Errorf("no error for %s: %v", f, err)
			}
		}
	})
	t.Run("ErrTooMany", func(t *testing.T) {
		in := SlotsInput{Slots: make([]SlotInput, MaxSlotsPerCall+1)}
		if _, err := in.Validate("l1", now); ErrorCode(err) != EInvalid {
			t.Fatalf("err = %v", err)
		}
	})
}

// Across the DST change of America/New_York, slot views keep the lawyer's
// wall-clock time and the right offset.
func TestSlotViewAcrossDST(t *testing.T) {
	before := Slot{Start: time.Date(2026, 11, 1, 13, 0, 0, 0, time.UTC), Minutes: 30} // 09:00 EDT
	after := Slot{Start: time.Date(2026, 11, 2, 14, 0, 0, 0, time.UTC), Minutes: 30}  // 09:00 EST
	if got := before.View("America/New_York").StartLocal; got != "2026-11-01T08:00:00-05:00" {
		// 1 Nov 2026 is the change day itself: 13:00 UTC is already EST.
		t.Errorf("before = %s", got)
	}
	if got := after.View("America/New_York").StartLocal; got != "2026-11-02T09:00:00-05:00" {
		t.Errorf("after = %s", got)
	}
	if got := (Slot{Start: time.Date(2026, 10, 31, 13, 0, 0, 0, time.UTC)}).View("America/New_York").StartLocal; got != "2026-10-31T09:00:00-04:00" {
		t.Errorf("EDT = %s", got)
	}
}

func TestOverlaps(t *testing.T) {
	at := func(m int) time.Time { return time.Date(2026, 1, 1, 9, m, 0, 0, time.UTC) }
	a := Slot{Start: at(0), Minutes: 30}
	for _, tc := range []struct {
		b    Slot
		want bool
	}{
		{Slot{Start: at(30), Minutes: 30}, false}, // adjacent
		{Slot{Start: at(29), Minutes: 30}, true},
		{Slot{Start: at(0), Minutes: 10}, true},
		{Slot{Start: time.Date(2026, 1, 1, 8, 30, 0, 0, time.UTC), Minutes: 30}, false},
		{Slot{Start: time.Date(2026, 1, 1, 8, 31, 0, 0, time.UTC), Minutes: 30}, true},
	} {
		if got := a.Overlaps(tc.b); got != tc.want || tc.b.Overlaps(a) != tc.want {
			t.Errorf("Overlaps(%v) = %v, want %v", tc.b.Start, got, tc.want)
		}
	}
}

func TestRateLimitWindow(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 59, 30, 0, time.UTC)
	l := NewRateLimit("ip:x", 10, time.Hour, now)
	if !l.Start.Equal(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)) || l.Key == NewRateLimit("ip:x", 10, time.Hour, now.Add(time.Minute)).Key {
		t.Fatalf("window = %+v", l)
	}
	e := AsError(l.Exceeded(now, "questions"))
	if e.Code != ERateLimited || e.RetryAfter != 30*time.Second {
		t.Fatalf("Exceeded = %+v", e)
	}
}

func TestVisitorToken(t *testing.T) {
	tok, hash := NewVisitorToken()
	tok2, _ := NewVisitorToken()
	if tok == tok2 || len(tok) < 40 || strings.Contains(hash, tok) {
		t.Fatal("tokens are not random or the hash holds the token")
	}
	if !TokenMatches(tok, hash) || TokenMatches(tok2, hash) || TokenMatches("", hash) || TokenMatches(tok, "") {
		t.Fatal("TokenMatches is wrong")
	}
}

func TestErrorCode(t *testing.T) {
	if ErrorCode(Errorf(ENotFound, "x")) != ENotFound || ErrorCode(nil) != "" || ErrorCode(errors.New("x")) != EInternal {
		t.Fatal("ErrorCode")
	}
	if (FieldErrors{}).Err() != nil {
		t.Fatal("empty FieldErrors is an error")
	}
}

// ValidEmail answers as mail.ParseAddress did with the refusals of its
// doc comment (the check it replaced), but for domain literals, which it
// now refuses: over tricky addresses and 200,000 strings of their
// characters.
func TestValidEmailAsNetMail(t *testing.T) {
	was := func(e string) bool {
		if len(e) > 254 || strings.ContainsAny(e, " <>\"") || strings.ContainsFunc(e, invisible) {
			return false
		}
		a, err := mail.ParseAddress(e)
		return err == nil && a.Address == e && strings.Contains(e[strings.LastIndex(e, "@"):], ".")
	}
	inputs := []string{
		"li@example.com", "a.b.c@d.e.f", ".a@example.com", "a.@example.com", "a..b@example.com", "a@.example.com",
		"a@example..com", "a@example.com.", "a@b@example.com", "a(c)@example.com", "a@example.com (Li)", "x:a@example.com;",
		"\"a\"@example.com", "a\\b@example.com", "a,b@example.com", "a;b@example.com", "a@[1.2.3.4]", "a@exa[mple.com",
		"!#$%&'*+-/=?^_`{|}~@example.com", "李雷@例子.公司", "a@例子", "a\x7f@example.com", "a\tb@example.com",
		"a\xff@example.com", "a\uFFFD@example.com", "a\u00ad@example.com", "a\u3000@example.com", "a@b.c" + strings.Repeat("d", 250),
		"@", "a@", "@b.c", ".", "a@b.", "a@.", "ab",
	}
	alphabet := []string{"a", "Z", "0", ".", "@", "-", "_", "+", "(", ")", "<", ">", "[", "]", ":", ";", ",", "\\", "\"", " ", "\t",
		"\x00", "\x7f", "\xff", "李", "\u00a0", "\u200b", "\u202e", "\uFFFD", "~", "'", "!"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200_000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	for _, e := range inputs {
		want := was(e)
		if _, domain, _ := strings.Cut(e, "@"); strings.HasPrefix(domain, "[") {
			want = false // a domain literal: refused now
		}
		if got := ValidEmail(e); got != want {
			t.Errorf("ValidEmail(%q) = %v, net/mail's check %v", e, got, want)
		}
	}
}
