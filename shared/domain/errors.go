package domain

import (
	"errors"
	"fmt"
	"time"
)

// Error codes. Each maps to one HTTP status in package api; the codes are
// part of the public contract (API.md).
const (
	EInvalid              = "validation_failed"      // 400
	EUnauthenticated      = "unauthenticated"        // 401
	EForbidden            = "forbidden"              // 403
	EContactLocked        = "contact_locked"         // 403
	ENotFound             = "not_found"              // 404
	EMethodNotAllowed     = "method_not_allowed"     // 405
	EConflict             = "conflict"               // 409
	ESlotUnavailable      = "slot_unavailable"       // 409
	EInvalidState         = "invalid_state"          // 409
	EPayloadTooLarge      = "payload_too_large"      // 413
	EUnsupportedMediaType = "unsupported_media_type" // 415
	ERateLimited          = "rate_limited"           // 429
	EInternal             = "internal"               // 500
	EUnavailable          = "unavailable"            // 503
)

// ErrStale is the store's private signal that a write was refused because
// what it was decided on has changed since it was read (another request
// won the race): the use case reads again and decides again. It never
// reaches a caller (ErrorCode reports it as internal if it escapes).
var ErrStale = errors.New("stale read")

// SlotTakenError is the store's private answer that a booking's slot was
// no longer open when it came to be written: Slot is the slot as it
// stood (the booking holding it), so the use case answers without
// reading it again. It never reaches a caller.
type SlotTakenError struct{ Slot Slot }

func (e *SlotTakenError) Error() string { return "slot taken" }

// Error is the one error type that crosses layers. Message is safe to show
// to the user; internal faults are plain Go errors and surface as EInternal
// with a generic message.
type Error struct {
	Code    string
	Message string
	// Fields names the invalid input fields and why (EInvalid only), in
	// words; FieldCodes gives each the stable reason code (Code*) clients
	// translate.
	Fields     map[string]string
	FieldCodes map[string]string
	// RetryAfter tells the client when to try again (ERateLimited, EUnavailable).
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
// (Not inlined: it is called at some 130 places.)
//
//go:noinline
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, ""
// for nil, and EInternal otherwise.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// AsError returns the *Error inside err, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// Reason codes of invalid fields (Error.FieldCodes): stable, for clients
// to translate; the words beside them may change.
const (
	CodeRequired      = "required"
	CodeTooShort      = "too_short"
	CodeTooLong       = "too_long"
	CodeTooFew        = "too_few"
	CodeTooMany       = "too_many"
	CodePhoneFormat   = "phone_format"
	CodeEmailFormat   = "email_format"
	CodeWebsiteFormat = "website_format"
	CodeTimeFormat    = "time_format"
	CodeFormat        = "format"
	CodeMustAccept    = "must_accept"
	CodeUnknown       = "unknown_value"
	CodeDuplicate     = "duplicate"
	CodeChoice        = "invalid_choice"
	CodeRange         = "out_of_range"
	CodeOrder         = "range_order"
	CodePast          = "in_the_past"
	CodeTooSoon       = "too_soon"
	CodeCharacters    = "invalid_characters"
	CodeNotFound      = "not_found"
	CodeNotPractised  = "not_practised"
	CodeNoSignal      = "no_signal"
	CodeUnknownField  = "unknown_field"
	CodeType          = "wrong_type"
	// CodeContactData: a lawyer's public text holds contact data: a phone
	// number, an e-mail address, an ID number, a WeChat or QQ ID.
	CodeContactData = "contact_data"
)

// ReasonCodes lists every reason code a field may be given.
var ReasonCodes = []string{CodeRequired, CodeTooShort, CodeTooLong, CodeTooFew, CodeTooMany, CodePhoneFormat, CodeEmailFormat,
	CodeWebsiteFormat, CodeTimeFormat, CodeFormat, CodeMustAccept, CodeUnknown, CodeDuplicate, CodeChoice, CodeRange, CodeOrder,
	CodePast, CodeTooSoon, CodeCharacters, CodeNotFound, CodeNotPractised, CodeNoSignal, CodeUnknownField, CodeType, CodeContactData}

// FieldErrors collects field-level validation problems.
type FieldErrors struct {
	why, codes map[string]string
}

// Add records why field is invalid, with its reason code; the first
// reason for a field wins. (Not inlined: the validators call it at forty
// places.)
//
//go:noinline
func (f *FieldErrors) Add(field, code, why string) {
	if f.why == nil {
		f.why, f.codes = map[string]string{}, map[string]string{}
	}
	if _, ok := f.why[field]; !ok {
		f.why[field], f.codes[field] = why, code
	}
}

// Has reports whether field was found invalid.
func (f FieldErrors) Has(field string) bool {
	_, ok := f.why[field]
	return ok
}

// Set records why field is invalid, replacing what was recorded.
func (f *FieldErrors) Set(field, code, why string) {
	if f.why == nil {
		f.why, f.codes = map[string]string{}, map[string]string{}
	}
	f.why[field], f.codes[field] = why, code
}

// Err returns nil when no field is invalid, else an EInvalid *Error.
func (f FieldErrors) Err() error {
	if len(f.why) == 0 {
		return nil
	}
	return &Error{Code: EInvalid, Message: "some fields are invalid", Fields: f.why, FieldCodes: f.codes}
}

// Invalid is the EInvalid error of one field: message for the whole, why
// and code for the field.
func Invalid(field, code, message, why string) *Error {
	return &Error{Code: EInvalid, Message: message, Fields: map[string]string{field: why}, FieldCodes: map[string]string{field: code}}
}
