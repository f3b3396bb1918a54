package api

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func TestMuxMatches(t *testing.T) {
	m := newMux()
	var got string
	for _, p := range []string{"GET /bookings/{id}", "POST /bookings/{id}/accept", "POST /bookings", "GET /leads.csv",
		"GET /lawyers/{id}/slots", "DELETE /lawyers/{id}/slots/{start}", "PATCH /lawyers/{id}"} {
		method, path, _ := strings.Cut(p, " ")
		m.handle(method, path, func(w http.ResponseWriter, r *http.Request) {
			got = p + " id=" + r.PathValue("id") + " start=" + r.PathValue("start")
		})
	}
	for _, c := range []struct{ method, path, want string }{
		{"GET", "/bookings/01ABC", "GET /bookings/{id} id=01ABC start="},
		{"HEAD", "/bookings/01ABC", "GET /bookings/{id} id=01ABC start="},
		{"GET", "/bookings/01ABC.ics", "GET /bookings/{id} id=01ABC.ics start="},
		{"POST", "/bookings/01ABC/accept", "POST /bookings/{id}/accept id=01ABC start="},
		{"POST", "/bookings", "POST /bookings id= start="},
		{"GET", "/leads.csv", "GET /leads.csv id= start="},
		// A wildcard's value is its segment unescaped.
		{"DELETE", "/lawyers/L1/slots/2026-12-03T09:00:00%2B08:00", "DELETE /lawyers/{id}/slots/{start} id=L1 start=2026-12-03T09:00:00+08:00"},
		{"GET", "/lawyers/%E5%BC%A0/slots", "GET /lawyers/{id}/slots id=张 start="},
	} {
		got = ""
		r := httptest.NewRequest(c.method, "http://x"+c.path, nil)
		rt, segs, allow := m.match(r)
		if rt == nil {
			t.Errorf("%s %s: no route (allow %v)", c.method, c.path, allow)
			continue
		}
		rt.serve(httptest.NewRecorder(), r, segs)
		if got != c.want {
			t.Errorf("%s %s: %q, want %q", c.method, c.path, got, c.want)
		}
	}
	for _, c := range []struct {
		method, path string
		allow        []string
	}{
		{"GET", "/bookings", []string{"POST"}},
		{"PUT", "/bookings/01ABC", []string{"GET", "HEAD"}},
		{"GET", "/lawyers/L1", []string{"PATCH"}},
		{"GET", "/bookings/", nil},        // a wildcard matches no empty segment
		{"GET", "/bookings//accept", nil}, // nor here
		{"POST", "/bookings/01ABC/", nil}, // no trailing slash
		{"GET", "/bookings/01ABC/x", nil}, // no such path
		{"GET", "//bookings/01ABC", nil},  // not redirected: not found
		{"POST", "/bookings/a/b/accept", nil},
	} {
		r := httptest.NewRequest(c.method, "http://x/", nil)
		r.URL.Path = c.path // NewRequest reads "//bookings" as a host
		rt, _, allow := m.match(r)
		if rt != nil || !slices.Equal(allow, c.allow) {
			t.Errorf("%s %s: route %v, allow %v; want none, allow %v", c.method, c.path, rt != nil, allow, c.allow)
		}
	}
}

func TestMuxRefusesConflicts(t *testing.T) {
	for _, pair := range [][2]string{
		{"/bookings/{id}", "/bookings/{other}"},
		{"/bookings/{id}", "/bookings/mine"},
		{"/a/{x}/c", "/a/b/{y}"},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s and %s both registered", pair[0], pair[1])
				}
			}()
			m := newMux()
			m.handle("GET", pair[0], nil)
			m.handle("GET", pair[1], nil)
		}()
	}
	m := newMux() // the same path under two methods, or two lengths, is no conflict
	m.handle("GET", "/bookings/{id}", nil)
	m.handle("POST", "/bookings/{id}", nil)
	m.handle("GET", "/bookings/{id}/x", nil)
}

// Every function's share of the table, and the whole of it (the local
// server's), registers without a conflict.
func TestRouteTableHasNoConflicts(t *testing.T) {
	for _, f := range append(Functions(), Function{"all", func() []Route { return Routes() }}) {
		m := newMux()
		for _, rt := range f.Routes() {
			m.handle(rt.Method, rt.Path, nil)
		}
	}
}
