package api

// Fuzz targets of what the handlers read before any use case runs: the body
// (Decode, with every request type) and the query parameters. Both meet
// whatever a client sends, and API.md promises that no request, however
// malformed, gets a 5xx. They need no DynamoDB, so they run in package api
// beside the handler tests of package api_test.

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/ast"
	"go/token"
	"go/types"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/internal/gosource"
)

type requestType struct {
	name string
	new  func() any
}

// requestTypes are the types the handlers Decode bodies into, named as in
// their `var in T` declarations; TestRequestTypesComplete keeps the list in
// step with the handlers.
var requestTypes = []requestType{
	{"assignInput", func() any { return new(assignInput) }},
	{"classifyInput", func() any { return new(classifyInput) }},
	{"domain.BookingInput", func() any { return new(domain.BookingInput) }},
	{"domain.FirmInput", func() any { return new(domain.FirmInput) }},
	{"domain.LawyerInput", func() any { return new(domain.LawyerInput) }},
	{"domain.LawyerPatch", func() any { return new(domain.LawyerPatch) }},
	{"domain.QuestionInput", func() any { return new(domain.QuestionInput) }},
	{"domain.ReasonInput", func() any { return new(domain.ReasonInput) }},
	{"domain.RescheduleInput", func() any { return new(domain.RescheduleInput) }},
	{"domain.ReviewInput", func() any { return new(domain.ReviewInput) }},
	{"domain.SlotsInput", func() any { return new(domain.SlotsInput) }},
	{"domain.TextInput", func() any { return new(domain.TextInput) }},
}

// TestRequestTypesComplete finds every Decode(w, r, &v) of the package's
// handlers and checks that v's declared type is in requestTypes, so that a
// new route's body is fuzzed from the day it is added.
func TestRequestTypesComplete(t *testing.T) {
	fset, files, err := gosource.Files(".")
	if err != nil {
		t.Fatal(err)
	}
	decoded := map[string]bool{}
	for _, file := range files {
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			declared := map[string]string{} // variable → type, within fn
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.ValueSpec:
					if n.Type != nil {
						for _, id := range n.Names {
							declared[id.Name] = types.ExprString(n.Type)
						}
					}
				case *ast.CallExpr:
					if id, ok := n.Fun.(*ast.Ident); !ok || id.Name != "Decode" || len(n.Args) != 3 {
						return true
					}
					pos := fset.Position(n.Pos())
					addr, ok := n.Args[2].(*ast.UnaryExpr)
					v, _ := addr.X.(*ast.Ident)
					if !ok || addr.Op != token.AND || v == nil || declared[v.Name] == "" {
						t.Errorf("%s: Decode into %s: declare the destination as `var in T` before it", pos, types.ExprString(n.Args[2]))
						return true
					}
					decoded[declared[v.Name]] = true
				}
				return true
			})
		}
	}
	if len(decoded) == 0 {
		t.Fatal("found no call of Decode")
	}
	for typ := range decoded {
		if !slices.ContainsFunc(requestTypes, func(rt requestType) bool { return rt.name == typ }) {
			t.Errorf("the handlers decode %s, which requestTypes (FuzzDecode) lacks", typ)
		}
	}
	for _, rt := range requestTypes {
		if !decoded[rt.name] {
			t.Errorf("requestTypes lists %s, which no handler decodes", rt.name)
		}
	}
}

// FuzzDecode feeds Decode any Content-Type and body into each request type.
// It must never panic; it refuses only with 400, 413 or 415 in the
// envelope, never an internal error; a JSON body that is not UTF-8 (API.md:
// "JSON bodies in UTF-8") is refused with validation_failed rather than
// stored with U+FFFD in place of its bytes; and what it accepts is one JSON
// object, which decodes to the same value when encoded again.
func FuzzDecode(f *testing.F) {
	// One realistic body per request type (in requestTypes order), each
	// also with a byte that is not UTF-8 in its first string.
	valid := []string{
		`{"lawyerId":"01JL"}`,
		`{"text":"my landlord won't return my deposit"}`,
		`{"questionId":"01JQ","lawyerId":"01JL","start":"2026-12-01T09:00:00+08:00","mode":"video"}`,
		`{"name":"金陵律师事务所","phone":"025-83331234","website":"https://example.com","city":"南京","slogan":""}`,
		`{"firmId":"01JF","name":"王律师","areas":["family","debt"],"city":"南京","languages":["zh","en"],"bio":"","licenseNo":"13201201011234567","phone":"+86 139 0000 0000","email":"wang@example.com","timeZone":"Asia/Shanghai"}`,
		`{"active":false,"bio":null,"languages":["zh"]}`,
		`{"title":"离婚后孩子抚养权归谁","body":"前夫不让我见孩子。\n孩子五岁。","name":"张三","phone":"13800138000","email":"visitor@example.com","consent":true,"public":false}`,
		`{"reason":"那天出差"}`,
		`{"slots":[{"start":"2026-12-01T09:00:00+08:00","minutes":30},{"start":"2026-12-01T09:30:00+08:00","minutes":30}]}`,
	}
	for i, body := range valid {
		for _, b := range []string{body, strings.Replace(body, `":"`, "\":\"\xff", 1)} {
			f.Add(uint8(i), "application/json", []byte(b))
		}
	}
	// Malformed bodies, each with every request type.
	for _, body := range []string{
		``, `{"title":`, `[]`, `"hello"`, `null`, ` null `, `{} {}`, `{}x`, `{"zzz":1}`, `{"TEXT":"大小写"}`,
		`{"title":1,"name":[],"phone":{},"consent":"yes","slots":"x","areas":"family","text":5,"role":9}`,
		`{"text":"\ud800"}`, "\xef\xbb\xbf{}", "{\"text\":\"a\"}\n\xff", "{\"text\":\"\xc0\xaf\"}",
	} {
		for i := range requestTypes {
			f.Add(uint8(i), "application/json; charset=utf-8", []byte(body))
		}
	}
	f.Add(uint8(0), "text/plain", []byte(`{}`))
	f.Add(uint8(0), "", []byte(`{}`))
	f.Add(uint8(0), "application/json; charset=", []byte(`{}`))
	f.Add(uint8(1), "application/json", []byte(`{"text":"`+strings.Repeat("长", MaxBodyBytes/3)+`"}`))
	f.Add(uint8(1), "application/json", []byte(`{"text":x`+strings.Repeat(" ", MaxBodyBytes)))
	f.Fuzz(func(t *testing.T, kind uint8, contentType string, body []byte) {
		rt := requestTypes[int(kind)%len(requestTypes)]
		dst := rt.new()
		err := decodeBody(contentType, body, dst)
		mt, _, mtErr := mime.ParseMediaType(contentType)
		isJSON := mtErr == nil && mt == "application/json"
		if err != nil {
			var e *domain.Error
			if !errors.As(err, &e) || e.Message == "" {
				t.Fatalf("%s: error %v (%T) is not a *domain.Error with a message", rt.name, err, err)
			}
			want := http.StatusBadRequest
			switch {
			case !isJSON:
				want = http.StatusUnsupportedMediaType
			case len(body) > MaxBodyBytes:
				want = http.StatusRequestEntityTooLarge
			}
			if got := statusOf[e.Code]; got != want {
				t.Fatalf("%s: %q, %d bytes: %v (status %d), want status %d", rt.name, contentType, len(body), err, got, want)
			}
			return
		}
		if !isJSON || len(body) > MaxBodyBytes {
			t.Fatalf("%s: accepted %d bytes of %q", rt.name, len(body), contentType)
		}
		if !utf8.Valid(body) {
			t.Fatalf("%s: accepted a body that is not UTF-8: %q", rt.name, body)
		}
		if !json.Valid(body) || !bytes.HasPrefix(bytes.TrimLeft(body, " \t\r\n"), []byte("{")) {
			t.Fatalf("%s: accepted %q, which is not one JSON object", rt.name, body)
		}
		again, err := json.Marshal(dst)
		if err != nil {
			t.Fatal(err)
		}
		dst2 := rt.new()
		if err := decodeBody("application/json", again, dst2); err != nil || !reflect.DeepEqual(dst2, dst) {
			t.Fatalf("%s: %q decoded to %+v, encoded as %s, decoded again to %+v, %v", rt.name, body, dst, again, dst2, err)
		}
	})
}

// FuzzQueryParams reads a raw query string as the list handlers do (limit,
// times and days, strings): never a panic, a refusal only as
// validation_failed naming the parameters, a time or date accepted is
// never the zero time (which the lists read as "not given"), and a date
// accepted as the end of a range reaches the end of that day.
func FuzzQueryParams(f *testing.F) {
	for _, q := range []string{
		"", "limit=20&cursor=abc", "limit=abc", "limit=1e9", "limit=-1", "limit=99999999999999999999", "limit=%20%2B7%20",
		"from=2026-11-25&to=2026-11-30", "from=2026-13-45T00:00:00Z&to=0", "from=2026-12-01T09:00:00%2B08:00",
		"at=2026-12-01T09:00:00.123456789Z", "area=family&city=%E5%8D%97%E4%BA%AC", "city=%FF", "cursor=%", "a=1;b=2", "to=2026-02-29",
		"from=0001-01-01&to=9999-12-31", "at=0001-01-01T00:00:00Z", "to=1969-12-31", "from=9999-12-30&to=9999-12-30",
	} {
		f.Add(q)
	}
	known := map[string]bool{"limit": true, "at": true, "from": true, "to": true}
	f.Fuzz(func(t *testing.T, rawQuery string) {
		p := queryOf(&http.Request{URL: &url.URL{RawQuery: rawQuery}})
		limit := p.int("limit")
		at := p.time("at")
		from, to := p.day("from", false), p.day("to", true)
		city := p.str("city")
		if city != strings.TrimSpace(city) {
			t.Fatalf("str gave %q untrimmed", city)
		}
		if err := p.err(); err != nil {
			var e *domain.Error
			if !errors.As(err, &e) || e.Code != domain.EInvalid || len(e.Fields) == 0 {
				t.Fatalf("%q: error %v, want %s with fields", rawQuery, err, domain.EInvalid)
			}
			for field := range e.Fields {
				if !known[field] {
					t.Fatalf("%q: error names %q", rawQuery, field)
				}
			}
		}
		if bad := p.f.Has("limit"); !bad && p.str("limit") == "" && limit != 0 {
			t.Fatalf("%q: no limit read as %d", rawQuery, limit)
		}
		if bad := p.f.Has("at"); !bad && p.str("at") != "" && !at.Equal(mustParse(t, time.RFC3339, p.str("at"))) {
			t.Fatalf("%q: at read as %v", rawQuery, at)
		}
		for name, v := range map[string]time.Time{"at": at, "from": from, "to": to} {
			if bad := p.f.Has(name); !bad && p.str(name) != "" && v.IsZero() {
				t.Fatalf("%q: %s=%s accepted as the zero time, which reads as not given", rawQuery, name, p.str(name))
			}
		}
		if bad := p.f.Has("to"); !bad {
			if d, err := time.Parse(time.DateOnly, p.str("to")); err == nil && !to.Equal(d.AddDate(0, 0, 1)) {
				t.Fatalf("%q: to=%s read as %v, want the end of that day", rawQuery, p.str("to"), to)
			}
		}
		if bad := p.f.Has("from"); !bad {
			if d, err := time.Parse(time.DateOnly, p.str("from")); err == nil && !from.Equal(d) {
				t.Fatalf("%q: from=%s read as %v, want the start of that day", rawQuery, p.str("from"), from)
			}
		}
	})
}

func mustParse(t *testing.T, layout, s string) time.Time {
	t.Helper()
	v, err := time.Parse(layout, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
