package api

import (
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/awslabs/aws-lambda-go-api-proxy/core"

	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// Deps is what the handlers need.
type Deps struct {
	Service *app.Service
	// Verifier checks bearer tokens on routes without the API Gateway
	// authorizer (those visitors share with lawyers and staff).
	Verifier auth.Verifier
	Logger   *slog.Logger
	// Timeout bounds each request that carries no deadline of its own (the
	// local server's), so that a slow store answers 503 rather than hang.
	// In Lambda the invocation's deadline (the function's Timeout) sets
	// the budget instead: see Budget.
	Timeout time.Duration
	// OriginVerify is the secret CloudFront adds (X-Origin-Verify) to the
	// requests it passes to the API. Set, it is required: the API's own
	// endpoint stays reachable beside CloudFront (an HTTP API has no
	// resource policy, and CloudFront needs some endpoint to reach it by),
	// and a request sent there would skip the edge — so every request
	// without the secret is refused (403). Behind CloudFront, API Gateway
	// sees the edge as the source; a request with the secret names its
	// viewer in the X-Forwarded-For entry CloudFront appended, which the
	// per-address rate limits then use. Empty (the local server): every
	// request is served, with the source as API Gateway saw it.
	OriginVerify string
}

// DefaultTimeout is the request deadline when Deps.Timeout is zero and
// the request carries none.
const DefaultTimeout = 8 * time.Second

// DeadlineMargin is what a request leaves of its deadline for answering:
// writing the 503 of a store that did not answer in time, and handing the
// response back through the adapter and Lambda's Runtime API before
// Lambda stops the function.
const DeadlineMargin = time.Second

// MaxBudget bounds a request whatever the function's Timeout: API Gateway
// waits at most 30 s for an HTTP API's integration, then answers the
// client itself.
const MaxBudget = 29 * time.Second

// Budget is how long a request may run: with a deadline in ctx (in
// Lambda, the invocation's, which the function's configured Timeout
// sets), the time left to it less DeadlineMargin — half the time left when
// less than twice the margin remains — and at most MaxBudget; without one
// (the local server), fallback. So the leads CSV of a 29 s function has
// 28 s, and a 10 s function 9 s.
func Budget(ctx context.Context, fallback time.Duration) time.Duration {
	deadline, ok := ctx.Deadline()
	if !ok {
		return fallback
	}
	left := time.Until(deadline)
	b := left - DeadlineMargin
	if left < 2*DeadlineMargin {
		b = left / 2
	}
	return max(0, min(b, MaxBudget))
}

type handlers struct {
	Deps
}

// NewHandler returns the handler serving every route (the local
// server's), with the envelope for unknown routes and methods, panic
// recovery, a deadline and request logging.
func NewHandler(d Deps) http.Handler { return NewFunctionHandler(d, Functions()...) }

// NewFunctionHandler is NewHandler serving only the routes of the given
// functions: a Lambda function's share, which is all its bootstrap links.
func NewFunctionHandler(d Deps, functions ...Function) http.Handler {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Timeout == 0 {
		d.Timeout = DefaultTimeout
	}
	h := &handlers{Deps: d}
	m := newMux()
	for _, rt := range routesOf(functions) {
		handle, wildcards := rt.handle, wildcardsOf(rt.Path)
		m.handle(rt.Method, rt.Path, func(w http.ResponseWriter, r *http.Request) {
			for _, name := range wildcards {
				if name == "start" {
					continue // a slot's start is a time, parsed by its handler
				}
				// GET /bookings/{id}.ics is the one id with a suffix.
				if !validID(strings.TrimSuffix(r.PathValue(name), ".ics")) {
					WriteError(w, r, notFound("no such resource"))
					return
				}
			}
			if err := handle(h, w, r); err != nil {
				WriteError(w, r, err)
			}
		})
	}
	return h.middleware(m)
}

func routesOf(functions []Function) []Route {
	var out []Route
	for _, f := range functions {
		out = append(out, f.Routes()...)
	}
	return out
}

// wildcardsOf names the path parameters of a route pattern.
func wildcardsOf(path string) []string {
	var out []string
	for _, seg := range strings.Split(path, "/") {
		if wildcard(seg) {
			out = append(out, seg[1:len(seg)-1])
		}
	}
	return out
}

func notFound(msg string) error { return domain.Errorf(domain.ENotFound, "%s", msg) }

// validID reports whether id can be one of ours (ULIDs and the like):
// anything else is not found, and never reaches the store's key limits.
func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !('0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// middleware wraps m with what every request gets.
func (h *handlers) middleware(m *mux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rid := requestID(r)
		log := h.Logger.With("requestId", rid)
		ctx, cancel := context.WithTimeout(context.WithValue(r.Context(), loggerKey{}, log), Budget(r.Context(), h.Timeout))
		defer cancel()
		r = r.WithContext(ctx)
		sw := &statusWriter{ResponseWriter: w}
		rt, segs, allow := m.match(r)
		pattern := ""
		if rt != nil {
			pattern = rt.pattern
		}
		defer func() {
			if p := recover(); p != nil {
				log.Error("panic", "panic", p)
				if sw.status == 0 {
					WriteError(sw, r, errors.New("panic"))
				}
			}
			// Only the route pattern: paths and queries may carry ids.
			log.Info("request", "method", r.Method, "route", pattern, "status", sw.status,
				"ms", time.Since(start).Milliseconds())
		}()
		if h.OriginVerify != "" && !h.viaEdge(r) {
			WriteError(sw, r, domain.Errorf(domain.EForbidden, "this API answers only through the product's web address"))
			return
		}
		if rt == nil {
			notRouted(sw, r, allow)
			return
		}
		rt.serve(sw, r, segs)
	})
}

// notRouted answers a request no route matches: 405 with Allow when the
// path exists under other methods, else 404; both in the envelope.
func notRouted(w http.ResponseWriter, r *http.Request, allow []string) {
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		WriteError(w, r, domain.Errorf(domain.EMethodNotAllowed, "%s is not allowed here", r.Method))
		return
	}
	WriteError(w, r, domain.Errorf(domain.ENotFound, "no such route"))
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// gatewayContext returns the API Gateway request context of r, present in
// Lambda and in the local server alike.
func gatewayContext(r *http.Request) (events.APIGatewayV2HTTPRequestContext, bool) {
	return core.GetAPIGatewayV2ContextFromContext(r.Context())
}

func requestID(r *http.Request) string {
	if lc, ok := lambdacontext.FromContext(r.Context()); ok && lc.AwsRequestID != "" {
		return lc.AwsRequestID
	}
	if rc, ok := gatewayContext(r); ok {
		return rc.RequestID
	}
	return ""
}

// viaEdge reports whether r came through our CloudFront: it carries the
// origin secret (compared in constant time), and one is configured.
func (h *handlers) viaEdge(r *http.Request) bool {
	got := r.Header.Get("X-Origin-Verify")
	return h.OriginVerify != "" && subtle.ConstantTimeCompare([]byte(got), []byte(h.OriginVerify)) == 1
}

// sourceIP is the caller's address: as API Gateway saw it, or, for a
// request that came through our CloudFront (it carries the origin secret),
// the viewer CloudFront named — the last X-Forwarded-For entry before the
// edge's own (entries further left are the viewer's to forge).
func (h *handlers) sourceIP(r *http.Request) string {
	src := r.RemoteAddr
	if rc, ok := gatewayContext(r); ok && rc.HTTP.SourceIP != "" {
		src = rc.HTTP.SourceIP
	}
	if !h.viaEdge(r) {
		return src
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		for _, hop := range strings.Split(v, ",") {
			if hop = strings.TrimSpace(hop); hop != "" {
				hops = append(hops, hop)
			}
		}
	}
	if n := len(hops); n > 0 && hops[n-1] == src {
		hops = hops[:n-1]
	}
	if n := len(hops); n > 0 {
		return hops[n-1]
	}
	return src
}

// identity returns who the caller is: the claims the JWT authorizer placed
// in the request context, or else a bearer token checked by the verifier
// (routes without the authorizer). No token is Anonymous; a bad token is
// EUnauthenticated.
func (h *handlers) identity(r *http.Request) (auth.Identity, error) {
	if rc, ok := gatewayContext(r); ok && rc.Authorizer != nil && rc.Authorizer.JWT != nil && len(rc.Authorizer.JWT.Claims) > 0 {
		return auth.FromClaims(rc.Authorizer.JWT.Claims), nil
	}
	token, ok := bearer(r)
	if !ok {
		return auth.Anonymous, nil
	}
	if h.Verifier == nil {
		return auth.Anonymous, domain.Errorf(domain.EUnauthenticated, "bearer tokens are not accepted here")
	}
	claims, err := h.Verifier.Verify(r.Context(), token)
	if errors.Is(err, auth.ErrKeysUnavailable) {
		return auth.Anonymous, &domain.Error{Code: domain.EUnavailable, Message: "cannot check the token right now; try again", RetryAfter: 2 * time.Second}
	}
	if err != nil {
		return auth.Anonymous, domain.Errorf(domain.EUnauthenticated, "the bearer token is invalid or expired; sign in again")
	}
	return auth.FromClaims(claims), nil
}

// bearer returns the token of an "Authorization: Bearer" header.
func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:]), true
	}
	return "", false
}

// visitorToken returns the X-Visitor-Token header.
func visitorToken(r *http.Request) string {
	return strings.TrimSpace(r.Header.Get("X-Visitor-Token"))
}
