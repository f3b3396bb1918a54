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
		p.f.Add(name, "must be a whole number")
	}
	return n
}

func (p *params) time(name string) time.Time {
	s := p.str(name)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		p.f.Add(name, "must be an RFC 3339 time like 2026-12-01T09:00:00+08:00")
	}
	return t
}

func (p *params) err() error { return p.f.Err() }

// day reads a date (2026-11-25, a UTC day) or an RFC 3339 time. A bare
// date given as the end of a range (end) means the end of that day.
func (p *params) day(name string, end bool) time.Time {
	s := p.str(name)
	if s == "" {
		return time.Time{}
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		if end {
			return d.AddDate(0, 0, 1)
		}
		return d
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		p.f.Add(name, "must be a date like 2026-11-25 or an RFC 3339 time")
	}
	return t
}
