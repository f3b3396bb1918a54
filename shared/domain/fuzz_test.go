package domain

// Fuzz targets of the validators. Every input type's Validate and the phone
// and e-mail helpers must hold for any input, not only for the examples of
// the table tests: they never panic, they refuse only with validation_failed
// naming the fields by their JSON names (the web form maps those names back
// to its inputs), and what they accept, normalised in place, is accepted
// again unchanged — the store and the rate limits key on the normalised
// values, so normalising twice must not give a second form of one value.
//
// go test runs the seeds below and those in testdata/fuzz/; make fuzz
// explores further.

import (
	"errors"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// jsonNames returns the JSON names of the fields of the struct v points to.
func jsonNames(v any) func(string) bool {
	names := map[string]bool{}
	t := reflect.TypeOf(v).Elem()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		names[name] = true
	}
	return func(field string) bool { return names[field] }
}

// checkInvalid fails unless err is a validation_failed *Error naming at
// least one field, each one known and with a reason.
func checkInvalid(t *testing.T, err error, known func(string) bool) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Code != EInvalid {
		t.Fatalf("error %v (%T), want %s", err, err, EInvalid)
	}
	if len(e.Fields) == 0 {
		t.Fatalf("%v names no field", err)
	}
	for field, why := range e.Fields {
		if !known(field) || why == "" {
			t.Fatalf("field %q (%q) is not a field of the input", field, why)
		}
	}
}

// splitList turns a fuzzed string into a JSON array's worth of strings:
// "" is the empty array.
func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

var digitsPhone = regexp.MustCompile(`^\+?[0-9]+$`)

func FuzzPhone(f *testing.F) {
	for _, s := range []string{
		"13800138000", "138 0013 8000", "+86 138-0013-8000", "+86(138)00138000", "\u00a0139\u00a00000\u00a00000 ",
		"+14155552671", "+44 20 7946 0000", "12800138000", "1380013800", "+0123456789", "025-83331234",
		"+86+8613800138000", "+8612800138000", "", " ", "+", "１３８００１３８０００", "\xff13800138000",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizePhone(s)
		field := s
		fe := FieldErrors{}
		phone(&fe, "phone", &field)
		if field != n {
			t.Fatalf("phone() normalised %q to %q, NormalizePhone to %q", s, field, n)
		}
		if !ValidPhone(n) {
			if fe.Err() == nil {
				t.Fatalf("%q (normalised %q) is not a valid phone but phone() accepted it", s, n)
			}
			return
		}
		checkNoError(t, fe.Err())
		if again := NormalizePhone(n); again != n {
			t.Fatalf("NormalizePhone(%q) = %q, again %q", s, n, again)
		}
		if !digitsPhone.MatchString(n) {
			t.Fatalf("valid phone %q holds more than digits and a leading +", n)
		}
		// One mobile, one form: the per-phone rate limit keys on it.
		if rest, ok := strings.CutPrefix(n, "+86"); ok && cnMobile().MatchString(rest) {
			t.Fatalf("NormalizePhone(%q) = %q kept the +86 of a Chinese mobile", s, n)
		}
	})
}

func FuzzEmail(f *testing.F) {
	for _, s := range []string{
		"li@example.com", "li.lei+law@example.com", " li@example.com ", "Li <li@example.com>", "li@example",
		"li example@example.com", "@example.com", "", "\"li lei\"@example.com", "li@[127.0.0.1]",
		"李雷@example.com", "li@例子.example.com", "li@example.com\n", "li@@example.com", "li@example.com.",
		"a@b.c\x00", "\xffli@example.com",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		field := s
		fe := FieldErrors{}
		email(&fe, "email", &field)
		if fe.Err() != nil {
			checkInvalid(t, fe.Err(), func(f string) bool { return f == "email" })
			return
		}
		if field == "" {
			return // optional
		}
		if !ValidEmail(field) {
			t.Fatalf("email() accepted %q, which ValidEmail refuses", field)
		}
		// What is stored is sent to and shown by mail clients: one plain
		// address, valid UTF-8, no invisible characters.
		if len(field) > 254 || !utf8.ValidString(field) || strings.ContainsFunc(field, func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
		}) || !strings.Contains(field, "@") {
			t.Fatalf("ValidEmail accepted %q", field)
		}
		again := field
		email(&fe, "email", &again)
		if fe.Err() != nil || again != field {
			t.Fatalf("email %q re-validated as %q, %v", field, again, fe.Err())
		}
	})
}

func checkNoError(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("normalised input refused when validated again: %v", err)
	}
}

func FuzzQuestionInput(f *testing.F) {
	f.Add("离婚后孩子抚养权归谁", "前夫不让我见孩子，我想争取抚养权。\n孩子今年五岁。", "family", "南京", "张三", "13800138000", "", true, true)
	f.Add("My employer fired me without notice", "Can I get compensation?\tThanks.", "", "Shanghai", "Li Lei", "+14155552671", "li@example.com", true, false)
	f.Add("  公司拖欠工资三个月  ", "", "labor", "南京市", "韩梅梅", "+86 138-0013-8000", " hmm@example.com ", true, false)
	f.Add("短", "", "nope", "a#b", "", "12345", "not-an-email", false, false)
	f.Add("title\x00with a NUL", "body\x1b[31m", "", "", "\xff", "13800138000", "", true, false)
	f.Fuzz(func(t *testing.T, title, body, area, city, name, phone, email string, consent, public bool) {
		in := QuestionInput{Title: title, Body: body, Area: area, City: city, Name: name, Phone: phone, Email: email,
			Consent: &consent, Public: &public}
		if err := in.Validate(); err != nil {
			checkInvalid(t, err, jsonNames(&in))
			return
		}
		again := in
		checkNoError(t, again.Validate())
		if again != in {
			t.Fatalf("validated %+v, again %+v", in, again)
		}
		if !*in.Consent || !ValidPhone(in.Phone) || (in.Area != "" && !IsArea(in.Area)) {
			t.Fatalf("accepted %+v", in)
		}
	})
}

func FuzzFirmInput(f *testing.F) {
	f.Add("金陵律师事务所", "025-83331234", "https://example.com", "南京", "专业 · 诚信")
	f.Add("Example Law LLP", "+862583331234", "", "Shanghai", "")
	f.Add(" X ", "(025) 8333 1234", "javascript:alert(1)", "南京#1", "\x07")
	f.Add("律所", "12", "http://", "", "")
	f.Add("南京律师事务所", "025-83331234", " www.nj64.com/关于 ", "南京", "")
	f.Add("律所", "025-83331234", "https://nj64.com@evil.example", "南京", "")
	f.Fuzz(func(t *testing.T, name, phone, website, city, slogan string) {
		in := FirmInput{Name: name, Phone: phone, Website: website, City: city, Slogan: slogan}
		if err := in.Validate(); err != nil {
			checkInvalid(t, err, jsonNames(&in))
			return
		}
		again := in
		checkNoError(t, again.Validate())
		if again != in {
			t.Fatalf("validated %+v, again %+v", in, again)
		}
	})
}

func FuzzLawyerInput(f *testing.F) {
	f.Add("01FIRM", "李律师", "family,labor", "南京", "zh,en", "十年婚姻家庭执业经验。\n擅长调解。", "13201201011234567", "13800138000", "lawyer@example.com", "")
	f.Add("01FIRM", "Jane Doe", "ip", "Shanghai", "", "", "A1234-567", "+14155552671", "", "America/New_York")
	f.Add("", "", "", "", "", "", "", "", "", "")
	f.Add(" 01FIRM ", "王", "family,family", "北京市", " zh ", "", "12345", "+86 138 0013 8000", "", "Local")
	f.Add("01FIRM", "王", "family,tax,ip,labor,debt,contract", "a#b", "zh,en,fr,de,es,it,ja,ko,ru,ar,pt", "\x00", "!!!", "1", "x@", "../../etc/passwd")
	f.Fuzz(func(t *testing.T, firmID, name, areas, city, languages, bio, licenseNo, phone, email, timeZone string) {
		in := LawyerInput{FirmID: firmID, Name: name, Areas: splitList(areas), City: city, Languages: splitList(languages),
			Bio: bio, LicenseNo: licenseNo, Phone: phone, Email: email, TimeZone: timeZone}
		if err := in.Validate(); err != nil {
			checkInvalid(t, err, jsonNames(&in))
			return
		}
		again := in
		again.Areas, again.Languages = slices.Clone(in.Areas), slices.Clone(in.Languages)
		checkNoError(t, again.Validate())
		if !reflect.DeepEqual(again, in) {
			t.Fatalf("validated %+v, again %+v", in, again)
		}
		if _, err := time.LoadLocation(in.TimeZone); err != nil || len(in.Languages) == 0 {
			t.Fatalf("accepted %+v", in)
		}
	})
}

var slotField = regexp.MustCompile(`^slots(\[[0-9]+\]\.(start|minutes))?$`)

func FuzzSlotsInput(f *testing.F) {
	f.Add("2026-06-02T09:00:00+08:00", 60, "2026-06-02T10:00:00+08:00", 30, true)
	f.Add("2026-06-02T01:00:00Z", 60, "2026-06-02T09:30:00+08:00", 30, true) // overlap
	f.Add("2026-06-02T09:00:30+08:00", 5, "", 0, false)
	f.Add("2025-01-01T09:00:00Z", 241, "2027-01-01T09:00:00Z", 10, true)
	f.Add("2026-06-02 09:00", 60, "not a time", 60, true)
	f.Add("2026-06-01T00:00:00.000000001Z", 60, "", 0, false)
	f.Fuzz(func(t *testing.T, start1 string, minutes1 int, start2 string, minutes2 int, two bool) {
		now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
		in := SlotsInput{Slots: []SlotInput{{start1, minutes1}}}
		if two {
			in.Slots = append(in.Slots, SlotInput{start2, minutes2})
		}
		slots, err := in.Validate("01LAWYER", now)
		if err != nil {
			if ErrorCode(err) == EConflict && two {
				return // the two slots overlap
			}
			checkInvalid(t, err, slotField.MatchString)
			return
		}
		if len(slots) != len(in.Slots) {
			t.Fatalf("%d slots from %d", len(slots), len(in.Slots))
		}
		var again SlotsInput
		for i, s := range slots {
			if s.Start.Location() != time.UTC || !s.Start.After(now) || s.Start.After(now.AddDate(0, 0, SlotMaxAheadDays)) ||
				s.Start.Second() != 0 || s.Start.Nanosecond() != 0 || s.Minutes < SlotMinMinutes || s.Minutes > SlotMaxMinutes ||
				s.LawyerID != "01LAWYER" || s.Status != SlotOpen {
				t.Fatalf("accepted slot %+v from %+v", s, in.Slots[i])
			}
			for _, o := range slots[i+1:] {
				if s.Overlaps(o) {
					t.Fatalf("accepted overlapping slots %+v and %+v", s, o)
				}
			}
			again.Slots = append(again.Slots, SlotInput{s.Start.Format(time.RFC3339), s.Minutes})
		}
		slots2, err := again.Validate("01LAWYER", now)
		checkNoError(t, err)
		if !reflect.DeepEqual(slots2, slots) {
			t.Fatalf("validated %+v, again %+v", slots, slots2)
		}
	})
}

func FuzzBookingInput(f *testing.F) {
	f.Add("01QUESTION", "01LAWYER", "2026-12-01T09:00:00+08:00", "video")
	f.Add(" 01QUESTION ", " 01LAWYER ", " 2026-12-01T01:00:00Z ", " in_person ")
	f.Add("", "", "tomorrow", "fax")
	f.Add("q", "l", "2026-12-01T09:00:00.5-23:59", "phone")
	f.Fuzz(func(t *testing.T, questionID, lawyerID, start, mode string) {
		in := BookingInput{QuestionID: questionID, LawyerID: lawyerID, Start: start, Mode: mode}
		at, err := in.Validate()
		if err != nil {
			checkInvalid(t, err, jsonNames(&in))
			return
		}
		if at.Location() != time.UTC {
			t.Fatalf("start %v is not in UTC", at)
		}
		again := in
		at2, err := again.Validate()
		checkNoError(t, err)
		if again != in || !at2.Equal(at) {
			t.Fatalf("validated %+v at %v, again %+v at %v", in, at, again, at2)
		}
		again.Start = at.Format(time.RFC3339Nano)
		if at3, err := again.Validate(); err != nil || !at3.Equal(at) {
			t.Fatalf("start %v formatted and validated again: %v, %v", at, at3, err)
		}
	})
}

func FuzzReasonInput(f *testing.F) {
	f.Add("临时有事，改天再约", true)
	f.Add("Sorry, I have a hearing that day.\nCould we move it?", false)
	f.Add("", true)
	f.Add("   ", false)
	f.Add("\x00", false)
	f.Fuzz(func(t *testing.T, reason string, required bool) {
		in := ReasonInput{Reason: reason}
		if err := in.Validate(required); err != nil {
			checkInvalid(t, err, jsonNames(&in))
			return
		}
		again := in
		checkNoError(t, again.Validate(required))
		if again != in || (required && in.Reason == "") {
			t.Fatalf("validated %+v, again %+v", in, again)
		}
	})
}

func FuzzLawyerPatch(f *testing.F) {
	f.Add(true, false, false, "", false, "")
	f.Add(false, false, true, "  执业十年。\n擅长劳动纠纷。 ", true, "zh, en")
	f.Add(false, false, false, "", false, "")
	f.Add(false, false, false, "", true, "")
	f.Add(false, false, true, "\x1b", true, "zh,\xff")
	f.Fuzz(func(t *testing.T, hasActive, active, hasBio bool, bio string, hasLanguages bool, languages string) {
		var p LawyerPatch
		if hasActive {
			p.Active = &active
		}
		if hasBio {
			p.Bio = &bio
		}
		if hasLanguages {
			l := splitList(languages)
			p.Languages = &l
		}
		if err := p.Validate(); err != nil {
			checkInvalid(t, err, jsonNames(&p))
			return
		}
		again := p
		if p.Bio != nil {
			b := *p.Bio
			again.Bio = &b
		}
		if p.Languages != nil {
			l := slices.Clone(*p.Languages)
			again.Languages = &l
		}
		checkNoError(t, again.Validate())
		if !reflect.DeepEqual(again, p) {
			t.Fatalf("validated %+v, again %+v", p, again)
		}
	})
}

func FuzzTextInput(f *testing.F) {
	f.Add("可以先申请劳动仲裁，仲裁不收费，准备好劳动合同和考勤记录。", 0)
	f.Add("请打我电话 139 1234 5678 详细说", 0)
	f.Add("追问：要多久？", 1)
	f.Add("我的电话13800138000", 2)
	f.Add("\x00\xff", 1)
	f.Fuzz(func(t *testing.T, body string, kind int) {
		in := TextInput{Body: body}
		kind = (kind%3 + 3) % 3 // an answer, a lawyer's follow-up, an asker's
		validate := func(in *TextInput) error {
			switch kind {
			case 0:
				return in.ValidateAnswer()
			case 1:
				return in.ValidateReply(true)
			}
			return in.ValidateReply(false)
		}
		if err := validate(&in); err != nil {
			checkInvalid(t, err, jsonNames(&in))
			return
		}
		if kind != 2 && ContainsContact(in.Body) {
			t.Fatalf("a lawyer's text with contact data was taken: %q", in.Body)
		}
		again := in
		checkNoError(t, validate(&again))
		if again != in {
			t.Fatalf("validated %+v, again %+v", in, again)
		}
	})
}
