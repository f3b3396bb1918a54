package api_test

import (
	"testing"
	"time"
)

// TestQueryDates: a date given in a query is checked whatever it is. The
// lists read a zero time as "not given", so a given year-1 date used to
// slip past the range limits (GET /leads/stats?from=0001-01-01&to=9999-12-31
// answered 200), and a year past 9999 broke the store's key order (500).
// Absent dates keep their defaults.
func TestQueryDates(t *testing.T) {
	e := newEnv(t, nil)
	firm := e.mustFirm("南京")
	lawyer := e.mustLawyer(firm, "南京", "family")
	staff := e.staff(firm)
	day := func(d time.Time) string { return d.UTC().Format(time.DateOnly) }
	now := time.Now().UTC()

	t.Run("ErrGiven", func(t *testing.T) {
		for _, path := range []string{
			"/leads/stats?from=0001-01-01&to=9999-12-31",
			"/leads/stats?from=0001-01-01",
			"/leads/stats?to=0001-01-01",
			"/leads/stats?from=0001-01-01T00:00:00Z&to=0001-01-02",
			"/leads/stats?from=0001-01-01T08:00:00%2B08:00",
			"/leads/stats?from=1969-12-31&to=1970-01-02",
			"/leads/stats?from=9999-12-01&to=9999-12-31",
			"/leads?to=0000-12-31",
			"/leads?from=0001-01-01&to=0000-12-31",
			"/leads?from=2026-01-01&to=9999-12-31",
			"/leads?scope=unassigned&to=1960-01-01",
			"/leads?scope=unassigned&from=2026-01-01&to=9999-12-31",
			"/leads.csv?to=0000-12-31",
			"/lawyers/" + lawyer + "/slots?to=0001-01-01T00:00:00Z",
			"/lawyers/" + lawyer + "/slots?from=9999-12-31T00:00:00Z",
		} {
			r := e.do(req{method: "GET", path: path, token: staff})
			if r.status != 400 || r.code() != "validation_failed" {
				t.Errorf("GET %s: %d %s, want 400 validation_failed", path, r.status, r.raw)
			}
		}
	})
	t.Run("Defaults", func(t *testing.T) {
		r := e.do(req{method: "GET", path: "/leads/stats", token: staff}).want(t, 200)
		if r.str("to") != day(now) || r.str("from") != day(now.AddDate(0, 0, -29)) {
			t.Fatalf("default range %s..%s, want the last 30 days", r.str("from"), r.str("to"))
		}
		to := now.AddDate(0, 0, -100)
		r = e.do(req{method: "GET", path: "/leads/stats?to=" + day(to), token: staff}).want(t, 200)
		if r.str("from") != day(to.AddDate(0, 0, -29)) {
			t.Fatalf("from = %s, want 29 days before the given to", r.str("from"))
		}
		from := now.AddDate(0, 0, -200)
		r = e.do(req{method: "GET", path: "/leads/stats?from=" + day(from), token: staff}).want(t, 200)
		if r.str("from") != day(from) || r.str("to") != day(now) {
			t.Fatalf("range %s..%s, want the given from to today", r.str("from"), r.str("to"))
		}
		for _, path := range []string{
			"/leads/stats?from=1970-01-01&to=1970-12-31",
			"/leads?from=1970-01-01&to=9999-12-30",
			"/leads?scope=unassigned&from=2000-01-01",
			"/lawyers/" + lawyer + "/slots",
		} {
			e.do(req{method: "GET", path: path, token: staff}).want(t, 200)
		}
	})
}
