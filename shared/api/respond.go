// Package api is the HTTP face of the product: one set of net/http
// handlers, served by every Lambda function (through the API Gateway v2
// adapter) and by the local server alike. It owns the one error envelope,
// the one JSON decoder and the one way to learn who the caller is.
package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// MaxBodyBytes is the largest request body accepted (413 beyond).
const MaxBodyBytes = 64 << 10

// statusOf maps each error code to its HTTP status.
var statusOf = map[string]int{
	domain.EInvalid:              http.StatusBadRequest,
	domain.EUnauthenticated:      http.StatusUnauthorized,
	domain.EForbidden:            http.StatusForbidden,
	domain.EContactLocked:        http.StatusForbidden,
	domain.ENotFound:             http.StatusNotFound,
	domain.EMethodNotAllowed:     http.StatusMethodNotAllowed,
	domain.EConflict:             http.StatusConflict,
	domain.ESlotUnavailable:      http.StatusConflict,
	domain.EInvalidState:         http.StatusConflict,
	domain.EPayloadTooLarge:      http.StatusRequestEntityTooLarge,
	domain.EUnsupportedMediaType: http.StatusUnsupportedMediaType,
	domain.ERateLimited:          http.StatusTooManyRequests,
	domain.EInternal:             http.StatusInternalServerError,
	domain.EUnavailable:          http.StatusServiceUnavailable,
}

type envelope struct {
	Error envelopeError `json:"error"`
}

type envelopeError struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	// FieldCodes gives each field of Fields its stable reason code
	// (domain.Code*), which clients translate instead of the words.
	FieldCodes map[string]string `json:"fieldCodes,omitempty"`
}

// WriteJSON writes v as the JSON body with status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// WriteError writes err in the error envelope. Only internal faults are
// logged (never with request data); their message to the user is generic.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	e := domain.AsError(err)
	if e == nil || statusOf[e.Code] == 0 {
		logger(r).Error("internal error", "err", err.Error())
		e = &domain.Error{Code: domain.EInternal, Message: "something went wrong on our side; it has been logged"}
	}
	if e.RetryAfter > 0 {
		secs := int(e.RetryAfter.Seconds() + 0.999)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
	}
	WriteJSON(w, statusOf[e.Code], envelope{Error: envelopeError{Code: e.Code, Message: e.Message, Fields: e.Fields, FieldCodes: fieldCodes(e)}})
}

// fieldCodes are e's reason codes, one for each field it names (an error
// built without codes says "format" for its fields).
func fieldCodes(e *domain.Error) map[string]string {
	if len(e.Fields) == 0 {
		return nil
	}
	out := make(map[string]string, len(e.Fields))
	for f := range e.Fields {
		out[f] = domain.CodeFormat
		if c, ok := e.FieldCodes[f]; ok {
			out[f] = c
		}
	}
	return out
}

// Decode reads the JSON body into dst: application/json only (415), at most
// MaxBodyBytes (413), UTF-8 (400, field "body"), one object, no unknown
// fields (400).
func Decode(w http.ResponseWriter, r *http.Request, dst any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return domain.Errorf(domain.EUnsupportedMediaType, "send the body as JSON with Content-Type: application/json")
	}
	// The body is small, so it is read whole and checked as bytes first:
	// encoding/json would turn bytes that are not UTF-8 into U+FFFD, and a
	// question would be stored that the visitor never wrote.
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		return decodeError(err)
	}
	if !utf8.Valid(raw) {
		return domain.Invalid("body", domain.CodeCharacters, "the body is not valid UTF-8; send JSON encoded in UTF-8", "must be valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return domain.Errorf(domain.EInvalid, "the body must hold exactly one JSON object")
	}
	// encoding/json decodes null into a struct as "nothing to do"; every
	// other value but an object fails above.
	if bytes.TrimLeft(raw, " \t\r\n")[0] != '{' {
		return domain.Errorf(domain.EInvalid, "the body must be a JSON object")
	}
	return nil
}

func decodeError(err error) error {
	var (
		tooLarge *http.MaxBytesError
		syntax   *json.SyntaxError
		typ      *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &tooLarge):
		return domain.Errorf(domain.EPayloadTooLarge, "the body is larger than %d KiB", MaxBodyBytes>>10)
	case errors.Is(err, io.EOF):
		return domain.Errorf(domain.EInvalid, "the body is empty; send a JSON object")
	case errors.As(err, &syntax):
		return domain.Errorf(domain.EInvalid, "malformed JSON at byte %d", syntax.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return domain.Errorf(domain.EInvalid, "malformed JSON: the body ends too early")
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return domain.Errorf(domain.EInvalid, "the body must be a JSON object")
		}
		return domain.Invalid(field, domain.CodeType, "some fields have the wrong type", "must be "+jsonKind(typ.Type))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return domain.Invalid(name, domain.CodeUnknownField, "the body has a field this route does not know", "is not a known field")
	}
	return domain.Errorf(domain.EInvalid, "malformed JSON body")
}

func jsonKind(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "of another type"
}

// logger returns the request's logger (with its request id).
func logger(r *http.Request) *slog.Logger {
	if l, ok := r.Context().Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

type loggerKey struct{}
