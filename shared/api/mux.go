package api

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// mux matches a request to a route of the table. It stands in for
// net/http's ServeMux, whose pattern parser, conflict checks, redirects and
// its Go 1.21 twin weighed more in every bootstrap than the rest of the
// HTTP server (issue 10), for the one kind of pattern the table holds:
// literal segments and whole-segment {name} wildcards, as API Gateway
// routes them.
//
// Two routes of one method never match the same path (newMux panics, as
// ServeMux does on a conflict), so no precedence is needed. A wildcard
// matches a non-empty segment; its value is the segment unescaped, set
// with SetPathValue so that handlers read it with PathValue. GET routes
// answer HEAD too. A path no route matches is not redirected elsewhere,
// whatever its slashes: API Gateway sends paths as they were asked.
type mux struct{ routes []muxRoute }

type muxRoute struct {
	method  string
	pattern string   // "GET /bookings/{id}", as ServeMux names it
	segs    []string // "bookings", "{id}"
	handler http.HandlerFunc
}

func newMux() *mux { return &mux{} }

// handle adds the route method path.
func (m *mux) handle(method, path string, h http.HandlerFunc) {
	rt := muxRoute{method: method, pattern: method + " " + path, segs: strings.Split(strings.TrimPrefix(path, "/"), "/"), handler: h}
	for _, other := range m.routes {
		if other.method == method && overlap(other.segs, rt.segs) {
			panic("api: " + rt.pattern + " conflicts with " + other.pattern)
		}
	}
	m.routes = append(m.routes, rt)
}

func wildcard(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }

// overlap reports whether some path matches both a and b.
func overlap(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !wildcard(a[i]) && !wildcard(b[i]) {
			return false
		}
	}
	return true
}

// match finds r's route, or else the methods the path answers (for 405).
func (m *mux) match(r *http.Request) (*muxRoute, []string, []string) {
	segs := strings.Split(strings.TrimPrefix(r.URL.EscapedPath(), "/"), "/")
	for i, s := range segs {
		u, err := url.PathUnescape(s)
		if err != nil {
			return nil, nil, nil
		}
		segs[i] = u
	}
	var allow []string
	for i := range m.routes {
		rt := &m.routes[i]
		if !matches(rt.segs, segs) {
			continue
		}
		if rt.method == r.Method || rt.method == http.MethodGet && r.Method == http.MethodHead {
			return rt, segs, nil
		}
		allow = append(allow, rt.method)
		if rt.method == http.MethodGet {
			allow = append(allow, http.MethodHead)
		}
	}
	slices.Sort(allow)
	return nil, nil, allow
}

func matches(pattern, segs []string) bool {
	if len(pattern) != len(segs) {
		return false
	}
	for i, p := range pattern {
		if wildcard(p) {
			if segs[i] == "" {
				return false
			}
		} else if p != segs[i] {
			return false
		}
	}
	return true
}

// serve runs rt's handler with its path values set.
func (rt *muxRoute) serve(w http.ResponseWriter, r *http.Request, segs []string) {
	for i, p := range rt.segs {
		if wildcard(p) {
			r.SetPathValue(p[1:len(p)-1], segs[i])
		}
	}
	rt.handler(w, r)
}
