package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// params reads query parameters, collecting field errors.
type params struct {
	v url.Values
	f domain.FieldErrors
}

func queryOf(r *http.Request) *params { return &params{v: r.URL.Query(), f: domain.FieldErrors{}} }

func (p *params) str(name string) string { return strings.TrimSpace(p.v.Get(name)) }

func (p *params) int(name string) int {
	s := p.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		p.f.Add(name, domain.CodeRange, "must be a whole number")
	}
	return n
}

// boolean reads true or false; nil when absent.
func (p *params) boolean(name string) *bool {
	switch p.str(name) {
	case "":
		return nil
	case "true", "1":
		v := true
		return &v
	case "false", "0":
		v := false
		return &v
	}
	p.f.Add(name, domain.CodeChoice, "must be true or false")
	return nil
}

// The lists read a zero time as "not given" and keep times in their keys
// as ULIDs (from 1970) and as RFC 3339 text, whose order holds only for
// four-digit years. A given time is therefore held to [firstTime,
// endOfTime): it can never read as "not given" (year 1 is the zero time)
// and always compares correctly with the keys.
var (
	firstTime = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	endOfTime = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC) // the end of 9999-12-31 would be year 10000
)

// time reads an RFC 3339 time; zero when absent.
func (p *params) time(name string) time.Time {
	s := p.str(name)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		p.f.Add(name, domain.CodeTimeFormat, "must be an RFC 3339 time like 2026-12-01T09:00:00+08:00")
		return time.Time{}
	}
	return p.bounded(name, t)
}

// bounded returns t when it lies in [firstTime, endOfTime), else records
// a field error.
func (p *params) bounded(name string, t time.Time) time.Time {
	if t.Before(firstTime) || !t.Before(endOfTime) {
		p.f.Add(name, domain.CodeRange, "must lie between 1970-01-01 and 9999-12-30")
		return time.Time{}
	}
	return t
}

func (p *params) err() error { return p.f.Err() }

// day reads a date (2026-11-25, a UTC day) or an RFC 3339 time; zero when
// absent. A bare date given as the end of a range (end) means the end of
// that day.
func (p *params) day(name string, end bool) time.Time {
	s := p.str(name)
	if s == "" {
		return time.Time{}
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		if d = p.bounded(name, d); end && !d.IsZero() {
			return d.AddDate(0, 0, 1)
		}
		return d
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		p.f.Add(name, domain.CodeTimeFormat, "must be a date like 2026-11-25 or an RFC 3339 time")
		return time.Time{}
	}
	return p.bounded(name, t)
}
