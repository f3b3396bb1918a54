package domain

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// DefaultTimeZone is the zone of a lawyer who names none.
const DefaultTimeZone = "Asia/Shanghai"

// Limits of the inputs, shared with the API documentation.
const (
	TitleMinRunes    = 5
	TitleMaxRunes    = 120
	BodyMaxRunes     = 5000
	NameMaxRunes     = 50
	CityMaxRunes     = 30
	BioMaxRunes      = 2000
	MaxLawyerAreas   = 5
	MaxLanguages     = 10
	SlotMinMinutes   = 10
	SlotMaxMinutes   = 240
	MaxSlotsPerCall  = 50
	SlotMaxAheadDays = 180
)

var (
	cnMobile      = lazyRegexp(`^1[3-9][0-9]{9}$`)
	e164          = lazyRegexp(`^\+[1-9][0-9]{6,14}$`)
	firmPhone     = lazyRegexp(`^\+?[0-9][0-9 ()-]{4,24}$`)
	licenseNo     = lazyRegexp(`^[0-9A-Za-z-]{5,30}$`)
	phoneSeparate = strings.NewReplacer(" ", "", "-", "", "(", "", ")", "", "\u00a0", "")
)

// lazyRegexp compiles expr on first use rather than at init: a function
// that validates no phone or website never pays for it, and compiling at
// init costs every cold start (hostLabel's Unicode classes alone ~0.4 ms).
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// NormalizePhone strips separators and a +86 prefix from a Chinese mobile
// number. It does not validate.
func NormalizePhone(p string) string {
	p = phoneSeparate.Replace(strings.TrimSpace(p))
	if strings.HasPrefix(p, "+86") && cnMobile().MatchString(p[3:]) {
		return p[3:]
	}
	return p
}

// ValidPhone reports whether p (normalised) is a Chinese mobile number
// (1[3-9] and nine digits) or an E.164 number.
func ValidPhone(p string) bool {
	return cnMobile().MatchString(p) || e164().MatchString(p)
}

// ValidEmail reports whether e is a bare e-mail address: RFC 5322's
// addr-spec as net/mail reads it, a dot-atom, "@" and a dot-atom domain
// with a dot in it; no display name, comment, quoted local part or
// [domain literal]. Atoms take RFC 6532's non-ASCII runes, but control,
// space and format characters (U+0085, U+00A0, the bidi overrides) are
// refused: an address is shown to lawyers and put in CSV exports and mail
// headers, where an invisible character hides or garbles what it is.
// (It was mail.ParseAddress with those refusals, and answers as it did,
// TestValidEmailAsNetMail, without linking net/mail's parser: issue 10.)
func ValidEmail(e string) bool {
	local, domain, ok := strings.Cut(e, "@")
	return ok && len(e) <= 254 && dotAtom(local) && dotAtom(domain) && strings.Contains(domain, ".")
}

// dotAtom reports whether s is atoms of atext joined by single dots.
func dotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return false // not UTF-8
		case r == '.':
		case r >= utf8.RuneSelf:
			if invisible(r) {
				return false
			}
		case r < '!' || r > '~' || strings.ContainsRune(`()<>[]:;@\,"`, r):
			return false // a control character, a space or a special
		}
	}
	return true
}

func invisible(r rune) bool {
	return unicode.IsControl(r) || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
}

// CityKey is the form of a city used in index keys: lower case, without a
// trailing 市, so that "南京市" and "南京" meet.
func CityKey(city string) string {
	c := strings.ToLower(strings.TrimSpace(city))
	if utf8.RuneCountInString(c) > 2 {
		c = strings.TrimSuffix(c, "市")
	}
	return c
}

// clean trims s and reports whether it holds control characters other than
// newlines and tabs (allowed only when multiline).
func clean(s string, multiline bool) (string, bool) {
	s = strings.TrimSpace(s)
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\r' || r == '\t')) {
			return s, false
		}
	}
	return s, true
}

// text validates a free-text field of min..max runes.
func text(f *FieldErrors, field string, s *string, min, max int, multiline bool) {
	v, ok := clean(*s, multiline)
	*s = v
	n := utf8.RuneCountInString(v)
	switch {
	case !ok:
		f.Add(field, CodeCharacters, "must not contain control characters")
	case !utf8.ValidString(v):
		f.Add(field, CodeCharacters, "must be valid UTF-8")
	case n < min && min == 1:
		f.Add(field, CodeRequired, "is required")
	case n < min:
		f.Add(field, CodeTooShort, fmt.Sprintf("must be at least %d characters", min))
	case n > max:
		f.Add(field, CodeTooLong, fmt.Sprintf("must be at most %d characters", max))
	}
}

// bio validates a lawyer's bio: public wherever the lawyer is shown, so,
// as in their answers, no phone number, e-mail or ID number — the
// lawyer's direct contact goes only to a visitor whose booking they
// accepted, and the firm's contact block is shown beside the bio anyway.
func bio(f *FieldErrors, s *string) {
	text(f, "bio", s, 0, BioMaxRunes, true)
	noContactData(f, "bio", *s, "it is public, and the firm's contact block is shown beside it")
}

// noContactData refuses a lawyer's public text s that holds contact data
// (ContainsContact), on field, saying why it may not.
func noContactData(f *FieldErrors, field, s, why string) {
	if !f.Has(field) && ContainsContact(s) {
		f.Add(field, CodeContactData, "must not hold a phone number, an e-mail address, an ID number or a WeChat or QQ ID: "+why)
	}
}

func city(f *FieldErrors, field string, s *string, required bool) {
	min := 0
	if required {
		min = 1
	}
	text(f, field, s, min, CityMaxRunes, false)
	if strings.ContainsAny(*s, "#") {
		f.Add(field, CodeCharacters, "must not contain #")
	}
}

func phone(f *FieldErrors, field string, s *string) {
	*s = NormalizePhone(*s)
	switch {
	case *s == "":
		f.Add(field, CodeRequired, "is required")
	case !ValidPhone(*s):
		f.Add(field, CodePhoneFormat, "must be a Chinese mobile number (11 digits starting 13–19) or an international number like +14155552671")
	}
}

func email(f *FieldErrors, field string, s *string) {
	*s = strings.TrimSpace(*s)
	if *s != "" && !ValidEmail(*s) {
		f.Add(field, CodeEmailFormat, "must be an e-mail address like name@example.com")
	}
}

// FirmInput is what an admin gives to create a firm.
type FirmInput struct {
	Name    string `json:"name"`
	Phone   string `json:"phone"`
	Website string `json:"website"`
	City    string `json:"city"`
	Slogan  string `json:"slogan"`
}

// Validate trims the input in place and returns an EInvalid error naming
// every invalid field.
func (in *FirmInput) Validate() error {
	f := FieldErrors{}
	text(&f, "name", &in.Name, 2, 100, false)
	in.Phone = strings.TrimSpace(in.Phone)
	if in.Phone == "" {
		f.Add("phone", CodeRequired, "is required")
	} else if !firmPhone().MatchString(in.Phone) {
		f.Add("phone", CodePhoneFormat, "must be a phone number like 025-83331234 or +862583331234")
	}
	if w, ok := NormalizeWebsite(in.Website); ok {
		in.Website = w
	} else {
		f.Add("website", CodeWebsiteFormat, "must be a web address like www.example.com or https://www.example.com")
	}
	city(&f, "city", &in.City, true)
	text(&f, "slogan", &in.Slogan, 0, 100, false)
	return f.Err()
}

// WebsiteMaxLen bounds a firm's website as stored.
const WebsiteMaxLen = 200

var (
	// explicitScheme matches an address that names its scheme with "//";
	// anything else is taken as a host typed without one.
	explicitScheme = lazyRegexp(`^[A-Za-z][A-Za-z0-9+.-]*://`)
	hostLabel      = lazyRegexp(`^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$`)
)

// NormalizeWebsite returns a firm's website as stored and linked: an
// http(s) address of a named host. People write a site the way it appears
// on a business card, www.nj64.com, so an address without a scheme gets
// https://; one with a scheme keeps it and must use http or https. The
// host must be a domain name (dot-separated labels, an alphabetic top
// level), because the address becomes a link beside every answer: no
// javascript: or data:, no user@ part that hides the real host, no
// localhost or bare IP. "" (no website) is valid; ok is false otherwise.
func NormalizeWebsite(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\\' }) >= 0 {
		return "", false
	}
	if !explicitScheme().MatchString(s) {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || len(s) > WebsiteMaxLen || u.User != nil || u.Opaque != "" {
		return "", false
	}
	if scheme := strings.ToLower(u.Scheme); scheme != "https" && scheme != "http" {
		return "", false
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "", false
		}
	}
	labels := strings.Split(u.Hostname(), ".")
	if len(labels) < 2 {
		return "", false
	}
	for _, l := range labels {
		if !hostLabel().MatchString(l) {
			return "", false
		}
	}
	if strings.IndexFunc(labels[len(labels)-1], unicode.IsLetter) < 0 {
		return "", false
	}
	return s, true
}

// LawyerInput is what an admin or the firm's staff give to create a lawyer.
type LawyerInput struct {
	FirmID    string   `json:"firmId"`
	Name      string   `json:"name"`
	Areas     []string `json:"areas"`
	City      string   `json:"city"`
	Languages []string `json:"languages"`
	Bio       string   `json:"bio"`
	LicenseNo string   `json:"licenseNo"`
	Phone     string   `json:"phone"`
	Email     string   `json:"email"`
	TimeZone  string   `json:"timeZone"`
}

// Validate normalises the input in place (trimming, default zone and
// language) and returns an EInvalid error naming every invalid field.
func (in *LawyerInput) Validate() error {
	f := FieldErrors{}
	in.FirmID = strings.TrimSpace(in.FirmID)
	if in.FirmID == "" {
		f.Add("firmId", CodeRequired, "is required")
	}
	text(&f, "name", &in.Name, 1, NameMaxRunes, false)
	switch {
	case len(in.Areas) == 0:
		f.Add("areas", CodeTooFew, "must name at least one practice area")
	case len(in.Areas) > MaxLawyerAreas:
		f.Add("areas", CodeTooMany, fmt.Sprintf("must name at most %d practice areas", MaxLawyerAreas))
	default:
		seen := map[string]bool{}
		for _, a := range in.Areas {
			if !IsArea(a) {
				f.Add("areas", CodeUnknown, fmt.Sprintf("unknown practice area %q (see GET /practice-areas)", a))
			} else if seen[a] {
				f.Add("areas", CodeDuplicate, fmt.Sprintf("practice area %q is named twice", a))
			}
			seen[a] = true
		}
	}
	city(&f, "city", &in.City, true)
	if len(in.Languages) == 0 {
		in.Languages = []string{"zh"}
	}
	if len(in.Languages) > MaxLanguages {
		f.Add("languages", CodeTooMany, fmt.Sprintf("must name at most %d languages", MaxLanguages))
	}
	for i := range in.Languages {
		text(&f, "languages", &in.Languages[i], 1, 20, false)
	}
	bio(&f, &in.Bio)
	in.LicenseNo = strings.TrimSpace(in.LicenseNo)
	if !licenseNo().MatchString(in.LicenseNo) {
		f.Add("licenseNo", CodeFormat, "must be the practising licence number (5–30 letters or digits)")
	}
	phone(&f, "phone", &in.Phone)
	email(&f, "email", &in.Email)
	in.TimeZone = strings.TrimSpace(in.TimeZone)
	if in.TimeZone == "" {
		in.TimeZone = DefaultTimeZone
	}
	if _, err := LoadLocation(in.TimeZone); err != nil || in.TimeZone == "Local" {
		f.Add("timeZone", CodeFormat, "must be an IANA time zone like Asia/Shanghai")
	}
	return f.Err()
}

// SlotInput is one slot a lawyer publishes.
type SlotInput struct {
	Start   string `json:"start"`
	Minutes int    `json:"minutes"`
}

// SlotsInput is the body of POST /lawyers/{id}/slots.
type SlotsInput struct {
	Slots []SlotInput `json:"slots"`
}

// Validate parses the slots into UTC slots of lawyerID, checking that each
// is in the future (after now), not too far ahead, of an allowed length,
// and that they do not overlap each other.
func (in SlotsInput) Validate(lawyerID string, now time.Time) ([]Slot, error) {
	f := FieldErrors{}
	switch {
	case len(in.Slots) == 0:
		f.Add("slots", CodeTooFew, "must hold at least one slot")
	case len(in.Slots) > MaxSlotsPerCall:
		f.Add("slots", CodeTooMany, fmt.Sprintf("must hold at most %d slots per request", MaxSlotsPerCall))
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	out := make([]Slot, 0, len(in.Slots))
	for i, s := range in.Slots {
		field := fmt.Sprintf("slots[%d]", i)
		start, err := time.Parse(time.RFC3339, s.Start)
		switch {
		case err != nil:
			f.Add(field+".start", CodeTimeFormat, "must be an RFC 3339 time like 2026-12-01T09:00:00+08:00")
			continue
		case start.Second() != 0 || start.Nanosecond() != 0:
			f.Add(field+".start", CodeTimeFormat, "must be on a whole minute")
		case !start.After(now):
			f.Add(field+".start", CodeRange, "must be in the future")
		case start.After(now.AddDate(0, 0, SlotMaxAheadDays)):
			f.Add(field+".start", CodeRange, fmt.Sprintf("must be within %d days", SlotMaxAheadDays))
		}
		if s.Minutes < SlotMinMinutes || s.Minutes > SlotMaxMinutes {
			f.Add(field+".minutes", CodeRange, fmt.Sprintf("must be between %d and %d", SlotMinMinutes, SlotMaxMinutes))
		}
		out = append(out, Slot{LawyerID: lawyerID, Start: start.UTC(), Minutes: s.Minutes, Status: SlotOpen})
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[i].Overlaps(out[j]) {
				return nil, Errorf(EConflict, "slots %d and %d of the request overlap", i, j)
			}
		}
	}
	return out, nil
}

// QuestionInput is the body of POST /questions.
type QuestionInput struct {
	Title   string `json:"title"`
	Body    string `json:"body"`
	Area    string `json:"area"`
	City    string `json:"city"`
	Name    string `json:"name"`
	Phone   string `json:"phone"`
	Email   string `json:"email"`
	Consent *bool  `json:"consent"`
	Public  *bool  `json:"public"`
}

// Validate normalises the input in place and returns an EInvalid error
// naming every invalid field.
func (in *QuestionInput) Validate() error {
	f := FieldErrors{}
	text(&f, "title", &in.Title, TitleMinRunes, TitleMaxRunes, false)
	if in.Title == "" {
		f.Set("title", CodeRequired, "is required")
	}
	text(&f, "body", &in.Body, 0, BodyMaxRunes, true)
	in.Area = strings.TrimSpace(in.Area)
	if in.Area != "" && !IsArea(in.Area) {
		f.Add("area", CodeUnknown, fmt.Sprintf("unknown practice area %q (see GET /practice-areas)", in.Area))
	}
	city(&f, "city", &in.City, false)
	text(&f, "name", &in.Name, 1, NameMaxRunes, false)
	phone(&f, "phone", &in.Phone)
	email(&f, "email", &in.Email)
	if in.Consent == nil || !*in.Consent {
		f.Add("consent", CodeMustAccept, "must be true: we need your consent to pass your question and contact to a lawyer")
	}
	return f.Err()
}

// LawyerPatch is the body of PATCH /lawyers/{id}: the fields that may
// change after creation. Absent fields stay as they are.
type LawyerPatch struct {
	Active    *bool     `json:"active"`
	Bio       *string   `json:"bio"`
	Languages *[]string `json:"languages"`
}

// Validate normalises the patch in place.
func (p *LawyerPatch) Validate() error {
	f := FieldErrors{}
	if p.Active == nil && p.Bio == nil && p.Languages == nil {
		f.Add("active", CodeTooFew, "name at least one of active, bio, languages")
	}
	if p.Bio != nil {
		bio(&f, p.Bio)
	}
	if p.Languages != nil {
		if len(*p.Languages) == 0 || len(*p.Languages) > MaxLanguages {
			f.Add("languages", CodeTooMany, fmt.Sprintf("must name 1 to %d languages", MaxLanguages))
		}
		for i := range *p.Languages {
			text(&f, "languages", &(*p.Languages)[i], 1, 20, false)
		}
	}
	return f.Err()
}

// Apply returns l with the patch applied.
func (p LawyerPatch) Apply(l Lawyer) Lawyer {
	if p.Active != nil {
		l.Active = *p.Active
	}
	if p.Bio != nil {
		l.Bio = *p.Bio
	}
	if p.Languages != nil {
		l.Languages = *p.Languages
	}
	return l
}
