package api

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lawdesk/lawdesk/shared/domain"
)

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, contentType, body string
		code                    string // "" for accepted
		field                   string // named in Fields, when set
	}{
		{"OK", "application/json; charset=utf-8", `{"text":"离婚后孩子抚养权归谁"}`, "", ""},
		{"ErrContentType", "text/plain", `{"text":"x"}`, domain.EUnsupportedMediaType, ""},
		{"ErrNotUTF8", "application/json", "{\"text\":\"离\xff婚\"}", domain.EInvalid, "body"},
		{"ErrOverlongUTF8", "application/json", "{\"text\":\"\xc0\xaf\"}", domain.EInvalid, "body"},
		{"ErrNotUTF8Trailing", "application/json", "{\"text\":\"x\"}\n\xff", domain.EInvalid, "body"},
		{"ErrTooLarge", "application/json", `{"text":"` + strings.Repeat("长", MaxBodyBytes/3) + `"}`, domain.EPayloadTooLarge, ""},
		// Too large wins over malformed: the whole body is read before it is parsed.
		{"ErrTooLargeMalformed", "application/json", `{"text":x` + strings.Repeat(" ", MaxBodyBytes), domain.EPayloadTooLarge, ""},
		{"ErrUnknownField", "application/json", `{"txt":"x"}`, domain.EInvalid, "txt"},
		{"ErrTwoObjects", "application/json", `{} {}`, domain.EInvalid, ""},
		{"ErrNull", "application/json", " null\n", domain.EInvalid, ""},
		{"ErrArray", "application/json", `[]`, domain.EInvalid, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var in classifyInput
			err := decodeBody(tc.contentType, []byte(tc.body), &in)
			if got, want := domain.ErrorCode(err), tc.code; got != want {
				t.Fatalf("Decode = %v, want code %q", err, want)
			}
			if tc.field != "" && domain.AsError(err).Fields[tc.field] == "" {
				t.Fatalf("Decode = %v, fields %v: want field %q", err, domain.AsError(err).Fields, tc.field)
			}
		})
	}
}

// decodeBody runs Decode on a POST of body.
func decodeBody(contentType string, body []byte, dst any) error {
	r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	r.Header.Set("Content-Type", contentType)
	return Decode(httptest.NewRecorder(), r, dst)
}
