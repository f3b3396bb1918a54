package api_test

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/lawdesk/lawdesk/infra/ddbtest"
	"github.com/lawdesk/lawdesk/infra/localserver"
	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/awsboot"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// The fault matrix (issue 9): every route that writes — to the store, the
// audit log or a rate counter — is sent once per cell while DynamoDB fails
// one of its calls (ddbtest.NewInjector: at the HTTP layer, beneath the
// SDK's real retries). Each cell must answer its success, 503 with
// Retry-After or 409, in the envelope, never another status; and the table
// read back afterwards must hold every invariant (consistent below) plus
// the route's own (faultRoute.check). Where no write reached DynamoDB the
// table must not have changed at all.
//
// The calls of a route are those of a clean run of it (the "none" column):
// call N fails the Nth (faultTargets says with which faults). A Timeout
// cell's request reaches DynamoDB and waits for its answer until the
// request's deadline passes — at once (passDeadline), not after the
// API's eight seconds.

var faultColumns = []ddbtest.Fault{ddbtest.ProvisionedThroughput, ddbtest.Throttling, ddbtest.TxConflict, ddbtest.Timeout, ddbtest.Reset, ddbtest.ResetAlways}

// faultRoute is one row of the matrix. Adding a route that writes is one
// more of these in faultRoutes.
type faultRoute struct {
	name string // as in routes.go, with a variant after a space when there are two rows
	ok   int    // the status of success
	// opts adjusts the row's API (rate limits).
	opts []option
	// setup runs once per row, before any cell; it may fill w.fixed, what
	// every cell acts on when there is no prep.
	setup func(w *faultWorld)
	// prep makes what one cell's request acts on, fresh for each cell
	// (unless the cell before failed without changing the table).
	prep func(w *faultWorld, c *faultCell)
	// req is the request under test.
	req func(w *faultWorld, c *faultCell) req
	// check returns what is wrong with the route's own invariants after the
	// cell (the table-wide ones are checked for every row).
	check func(w *faultWorld, c *faultCell) []string
}

// knownBroken lists the cells that fail today, by "route|target|fault"
// ("*" for any target or fault), with the invariant they break. Such a
// cell logs KNOWN instead of failing; one that passes fails the test, so
// that its entry is removed when the bug is fixed.
var knownBroken = map[string]string{}

// faultRoutes are the rows: every POST, PATCH and DELETE of routes.go, the
// GETs that write audit records or match records.
var faultRoutes = []faultRoute{
	{name: "POST /firms", ok: 201,
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/firms", token: w.admin(), body: map[string]any{
				"name": "明德律师事务所", "phone": "025-83331234", "website": "https://example.com", "city": "南京"}}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			if c.resp.status == 201 && c.post.get("FIRM#"+c.resp.str("id"), "FIRM") == nil {
				return []string{"201 but the firm is not stored"}
			}
			return nil
		}},
	{name: "POST /lawyers", ok: 201,
		prep: func(w *faultWorld, c *faultCell) { c.key = fmt.Sprintf("3201201810%07d", seq.Add(1)) },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/lawyers", token: w.staff(w.firm), body: map[string]any{
				"firmId": w.firm, "name": "王晓明", "areas": []string{"family", "labor"}, "city": "南京", "languages": []string{"zh"},
				"bio": "婚姻家庭", "licenseNo": c.key, "phone": "13912345678", "email": "wang@example.com", "timeZone": "Asia/Shanghai"}}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			if c.resp.status == 201 && c.post.get("LAWYER#"+c.resp.str("id"), "LAWYER") == nil {
				return []string{"201 but the lawyer is not stored"}
			}
			return nil
		}},
	{name: "PATCH /lawyers/{id}", ok: 200,
		prep: func(w *faultWorld, c *faultCell) { c.key = fmt.Sprintf("婚姻家庭 %d", seq.Add(1)) },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "PATCH", path: "/lawyers/" + w.lawyerID, token: w.lawyerTok(), body: map[string]any{"bio": c.key}}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			before, after := c.pre.get("LAWYER#"+w.lawyerID, "LAWYER").str("bio"), c.post.get("LAWYER#"+w.lawyerID, "LAWYER").str("bio")
			switch {
			case c.resp.status == 200 && after != c.key:
				return []string{"200 but the bio is " + after}
			case after != c.key && after != before:
				return []string{"the bio is neither the old nor the new one: " + after}
			}
			return nil
		}},
	{name: "POST /lawyers/{id}/slots", ok: 201,
		// Each cell publishes a slot sooner than any: it becomes the
		// lawyer's next open slot in the same transaction.
		prep: func(w *faultWorld, c *faultCell) {
			w.published++
			c.start = w.base.Add(-time.Duration(w.published) * time.Hour)
		},
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/lawyers/" + w.lawyerID + "/slots", token: w.staff(w.firm),
				body: map[string]any{"slots": []map[string]any{{"start": c.start.Format(time.RFC3339), "minutes": 30}}}}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			if c.resp.status == 201 && c.post.get("LAWYER#"+w.lawyerID, "SLOT#"+c.start.UTC().Format("2006-01-02T15:04Z")) == nil {
				return []string{"201 but the slot is not stored"}
			}
			return nil
		}},
	{name: "POST /practice-areas/classify", ok: 200,
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/practice-areas/classify", body: map[string]any{"text": "公司拖欠工资三个月了怎么办"}}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			n := c.post.counted("RATE#classify-ip:") - c.pre.counted("RATE#classify-ip:")
			// A counter is one UpdateItem with ADD, which the SDK retries
			// after a lost answer: each attempt that reached DynamoDB may
			// count. Counting a request more than once that way errs on the
			// safe side of a rate limit (never less than once when it was
			// answered); more than the attempts sent is a bug.
			sent := 0
			for _, call := range c.calls {
				if call.MayHaveApplied() {
					sent += call.Sent
				}
			}
			switch {
			case c.resp.status == 200 && n < 1, n > max(sent, 1):
				return []string{fmt.Sprintf("one request counted %d times against the classify rate limit (%d attempts reached DynamoDB)", n, sent)}
			}
			return nil
		}},
	{name: "POST /questions", ok: 201,
		opts: []option{func(c *app.Config, _ *api.Deps) { c.QuestionRateLimit = 1000 }},
		prep: func(w *faultWorld, c *faultCell) { c.key = fmt.Sprintf("1390%07d", seq.Add(1)) },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/questions", body: map[string]any{"title": "公司拖欠工资三个月了怎么办", "body": "老板说没钱",
				"area": "labor", "name": "李雷", "phone": c.key, "consent": true, "city": "南京"}}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			var out []string
			if id := c.resp.str("id"); c.resp.status == 201 && (c.post.get("Q#"+id, "Q") == nil || c.post.get("Q#"+id, "PII") == nil) {
				out = append(out, "201 but the question or its visitor's data is not stored")
			}
			// Each question counts once against its address, in the
			// transaction that stores it (there is no per-phone count: see
			// README, QUESTION_RATE_LIMIT).
			qs := len(c.post.ofType("question"))
			if ip, phone := c.post.counted("RATE#q-ip:"), c.post.counted("RATE#q-phone:"); ip != qs || phone != 0 {
				out = append(out, fmt.Sprintf("%d questions, counted %d times by address and %d by phone", qs, ip, phone))
			}
			return out
		}},
	{name: "DELETE /questions/{id}", ok: 204,
		prep: func(w *faultWorld, c *faultCell) { c.q, c.tok = w.question() },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "DELETE", path: "/questions/" + c.q, visitor: c.tok}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			if c.resp.status == 204 && !c.post.erased(c.q) {
				return []string{"204 but the question is not erased"}
			}
			return nil
		}},
	{name: "DELETE /questions/{id} booked", ok: 204,
		prep: func(w *faultWorld, c *faultCell) {
			c.q, c.tok = w.question()
			c.b, c.start = w.booking(c.q, c.tok)
		},
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "DELETE", path: "/questions/" + c.q, visitor: c.tok}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			erased, status := c.post.erased(c.q), c.post.get("BOOKING#"+c.b, "BOOKING").bookingStatus()
			switch {
			case c.resp.status == 204 && (!erased || status != domain.BookingCancelled):
				return []string{fmt.Sprintf("204 but erased=%v and the booking is %s", erased, status)}
			case erased != (status == domain.BookingCancelled):
				return []string{fmt.Sprintf("half an erasure: the question erased=%v, its booking %s", erased, status)}
			}
			return nil
		}},
	{name: "POST /bookings", ok: 201,
		prep: func(w *faultWorld, c *faultCell) {
			c.q, c.tok = w.question()
			c.start = w.slot()
		},
		req: func(w *faultWorld, c *faultCell) req { return w.bookReq(c, "") },
		check: func(w *faultWorld, c *faultCell) []string {
			return w.checkBooked(c)
		}},
	{name: "POST /bookings Idempotency-Key", ok: 201,
		prep: func(w *faultWorld, c *faultCell) {
			c.q, c.tok = w.question()
			c.start, c.key = w.slot(), fmt.Sprintf("key-%d", seq.Add(1))
		},
		req: func(w *faultWorld, c *faultCell) req { return w.bookReq(c, c.key) },
		check: func(w *faultWorld, c *faultCell) []string {
			out := w.checkBooked(c)
			// A failure that made the booking: the client's retry with the
			// same key (the store answering again) gets that booking.
			had := c.post.bookingsOf(c.q)
			if c.resp.status == 201 || len(had) != 1 {
				return out
			}
			r := w.do(w.bookReq(c, c.key))
			for i := 0; i < 3 && r.status == 503; i++ {
				r = w.do(w.bookReq(c, c.key))
			}
			if r.status != 201 || r.str("id") != had[0] {
				out = append(out, fmt.Sprintf("the retry with the same key answered %d: %s", r.status, r.raw))
			}
			return out
		}},
	{name: "POST /bookings/{id}/accept", ok: 200,
		prep: func(w *faultWorld, c *faultCell) { w.pending(c) },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/bookings/" + c.b + "/accept", token: w.lawyerTok()}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			return c.moved(domain.BookingPending, domain.BookingConfirmed)
		}},
	{name: "POST /bookings/{id}/decline", ok: 200,
		prep: func(w *faultWorld, c *faultCell) { w.pending(c) },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/bookings/" + c.b + "/decline", token: w.lawyerTok(), body: map[string]any{"reason": "时间冲突"}}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			return c.moved(domain.BookingPending, domain.BookingDeclined)
		}},
	{name: "POST /bookings/{id}/cancel", ok: 200,
		prep: func(w *faultWorld, c *faultCell) { w.pending(c) },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/bookings/" + c.b + "/cancel", visitor: c.tok}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			return c.moved(domain.BookingPending, domain.BookingCancelled)
		}},
	{name: "POST /bookings/{id}/complete", ok: 200,
		// The consultation has begun: the clock moves past the start for
		// the request under test, and back.
		prep: func(w *faultWorld, c *faultCell) {
			w.confirmed(c)
			c.now = c.start.Add(time.Hour)
		},
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/bookings/" + c.b + "/complete", token: w.lawyerTok()}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			return c.moved(domain.BookingConfirmed, domain.BookingCompleted)
		}},
	{name: "POST /bookings/{id}/reschedule", ok: 200,
		// The visitor moves a confirmed booking to the lawyer's next open
		// slot: back to pending there, the old slot open again.
		prep: func(w *faultWorld, c *faultCell) {
			w.confirmed(c)
			c.key = w.slot().Format(time.RFC3339)
		},
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/bookings/" + c.b + "/reschedule", visitor: c.tok, body: map[string]any{"start": c.key}}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			b := c.post.get("BOOKING#"+c.b, "BOOKING")
			moved := sameTime(b.str("start"), mustTime(c.key))
			switch {
			case c.resp.status == 200 && (!moved || b.bookingStatus() != domain.BookingPending || b.num("sequence") != 1):
				return []string{fmt.Sprintf("200 but the booking is %s at %s, sequence %d", b.str("status"), b.str("start"), b.num("sequence"))}
			case moved != (b.bookingStatus() == domain.BookingPending):
				return []string{fmt.Sprintf("half a move: the booking is %s at %s", b.str("status"), b.str("start"))}
			}
			return nil
		}},
	{name: "POST /bookings/{id}/no-show", ok: 200,
		prep: func(w *faultWorld, c *faultCell) {
			w.confirmed(c)
			c.now = c.start.Add(time.Hour)
		},
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/bookings/" + c.b + "/no-show", token: w.lawyerTok()}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			return c.moved(domain.BookingConfirmed, domain.BookingNoShow)
		}},
	{name: "POST /bookings/{id}/review", ok: 201,
		prep: func(w *faultWorld, c *faultCell) {
			w.confirmed(c)
			w.setNow(c.start.Add(time.Hour))
			w.act(c.b, "complete", w.lawyerTok(), "", nil).want(w.t, 200)
			w.svc.Now = time.Now
		},
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/bookings/" + c.b + "/review", visitor: c.tok, body: map[string]any{"stars": 4, "text": "很耐心"}}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			if c.resp.status == 201 && !c.post.get("BOOKING#"+c.b, "BOOKING").has("reviewedAt") {
				return []string{"201 but the booking is not reviewed"}
			}
			return nil
		}},
	{name: "DELETE /lawyers/{id}/slots/{start}", ok: 204,
		// The lawyer's next open slot goes: the next one is read and
		// written in the same transaction.
		prep: func(w *faultWorld, c *faultCell) { c.start = w.slot() },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "DELETE", path: "/lawyers/" + w.lawyerID + "/slots/" + c.start.UTC().Format(time.RFC3339), token: w.lawyerTok()}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			sl := c.post.get("LAWYER#"+w.lawyerID, "SLOT#"+c.start.UTC().Format("2006-01-02T15:04Z"))
			switch {
			case c.resp.status == 204 && sl != nil:
				return []string{"204 but the slot is still there"}
			case sl != nil && sl.str("status") != domain.SlotOpen:
				return []string{"the slot is " + sl.str("status")}
			}
			return nil
		}},
	{name: "POST /leads/{questionId}/assign", ok: 200,
		prep: func(w *faultWorld, c *faultCell) { c.q, c.tok = w.question() },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/leads/" + c.q + "/assign", token: w.staff(w.firm), body: map[string]any{"lawyerId": w.lawyerID}}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			lead := c.post.get("Q#"+c.q, "LEAD#"+w.firm)
			var out []string
			if c.resp.status == 200 && (lead == nil || lead.str("assignedTo") != w.lawyerID || lead.str("offerStatus") != domain.OfferWaiting) {
				out = append(out, "200 but the firm's offer is not written")
			}
			// An offer shows no contact: nothing to audit.
			if n := c.audited(app.RouteAssign); n > 0 {
				out = append(out, fmt.Sprintf("%d audit records for an offer, which shows no contact", n))
			}
			return out
		}},
	{name: "POST /questions/{id}/offers/{offerId}/accept", ok: 200,
		prep: func(w *faultWorld, c *faultCell) { c.q, c.tok, c.key = w.offered() },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/questions/" + c.q + "/offers/" + c.key + "/accept", visitor: c.tok}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			lead, q := c.post.get("Q#"+c.q, "LEAD#"+w.firm), c.post.get("Q#"+c.q, "Q")
			if c.resp.status == 200 && (lead.str("offerStatus") != domain.OfferAccepted || q.str("leadFirm") != w.firm) {
				return []string{"200 but the offer is not accepted or the question not the firm's"}
			}
			return nil
		}},
	{name: "POST /questions/{id}/offers/{offerId}/decline", ok: 200,
		prep: func(w *faultWorld, c *faultCell) { c.q, c.tok, c.key = w.offered() },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/questions/" + c.q + "/offers/" + c.key + "/decline", visitor: c.tok}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			lead := c.post.get("Q#"+c.q, "LEAD#"+w.firm)
			if c.resp.status == 200 && lead.str("offerStatus") != domain.OfferDeclined {
				return []string{"200 but the offer is not declined"}
			}
			return nil
		}},
	{name: "GET /bookings/{id}/contact", ok: 200,
		setup: func(w *faultWorld) { w.confirmed(&w.fixed) },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "GET", path: "/bookings/" + c.b + "/contact", token: w.staff(w.firm)}
		},
		check: func(w *faultWorld, c *faultCell) []string { return c.auditedOnce(app.RouteContact, 1) }},
	{name: "GET /bookings/{id}/contact visitor", ok: 200,
		setup: func(w *faultWorld) { w.confirmed(&w.fixed) },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "GET", path: "/bookings/" + c.b + "/contact", visitor: c.tok}
		},
		check: func(w *faultWorld, c *faultCell) []string { return c.auditedOnce(app.RouteContact, 1) }},
	{name: "GET /bookings/{id}", ok: 200,
		setup: func(w *faultWorld) { w.confirmed(&w.fixed) },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "GET", path: "/bookings/" + c.b, token: w.staff(w.firm)}
		},
		check: func(w *faultWorld, c *faultCell) []string { return c.auditedOnce(app.RouteGetBooking, 1) }},
	{name: "GET /leads", ok: 200,
		setup: func(w *faultWorld) { w.confirmed(&w.fixed) },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "GET", path: "/leads", token: w.staff(w.firm)}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			return c.auditedOnce(app.RouteLeads, c.pre.shownLeads(w.firm))
		}},
	{name: "GET /leads.csv", ok: 200,
		setup: func(w *faultWorld) { w.confirmed(&w.fixed) },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "GET", path: "/leads.csv", token: w.staff(w.firm)}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			return c.auditedOnce(app.RouteLeadsCSV, c.pre.shownLeads(w.firm))
		}},
	{name: "GET /lawyer/bookings", ok: 200,
		setup: func(w *faultWorld) { w.confirmed(&w.fixed) },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "GET", path: "/lawyer/bookings", token: w.lawyerTok()}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			return c.auditedOnce(app.RouteLawyerBookings, c.pre.shownBookings(w.lawyerID))
		}},
	{name: "POST /questions/{id}/answers", ok: 201,
		prep: func(w *faultWorld, c *faultCell) { c.q, c.tok = w.publicQuestion() },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/questions/" + c.q + "/answers", token: w.lawyerTok(), body: map[string]any{"body": faultAnswer}}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			if c.resp.status == 201 && c.post.get("QA#"+c.q, "A#"+c.resp.str("id")) == nil {
				return []string{"201 but the answer is not stored"}
			}
			return nil
		}},
	{name: "POST /answers/{id}/replies", ok: 201,
		prep: func(w *faultWorld, c *faultCell) { c.q, c.tok, c.key = w.answered() },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/answers/" + c.key + "/replies", visitor: c.tok, body: map[string]any{"body": "请问要准备哪些材料？"}}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			if c.resp.status == 201 && c.post.get("QA#"+c.q, "A#"+c.key+"#R#"+c.resp.str("id")) == nil {
				return []string{"201 but the follow-up is not stored"}
			}
			return nil
		}},
	{name: "POST /answers/{id}/helpful", ok: 200,
		prep: func(w *faultWorld, c *faultCell) { c.q, c.tok, c.key = w.answered() },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "POST", path: "/answers/" + c.key + "/helpful", visitor: c.tok}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			a := c.post.get("QA#"+c.q, "A#"+c.key)
			if c.resp.status == 200 && (!a.bool("helpful") || c.post.get("Q#"+c.q, "HELPED#"+w.lawyerID) == nil) {
				return []string{"200 but the answer is not helpful or its lawyer not counted"}
			}
			return nil
		}},
	{name: "DELETE /answers/{id}", ok: 204,
		prep: func(w *faultWorld, c *faultCell) { c.q, c.tok, c.key = w.answered() },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "DELETE", path: "/answers/" + c.key, token: w.lawyerTok()}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			if c.resp.status == 204 && c.post.get("QA#"+c.q, "A#"+c.key) != nil {
				return []string{"204 but the answer is still stored"}
			}
			return nil
		}},
	{name: "GET /questions/{id}/matches", ok: 200,
		prep: func(w *faultWorld, c *faultCell) { c.q, c.tok = w.question() },
		req: func(w *faultWorld, c *faultCell) req {
			return req{method: "GET", path: "/questions/" + c.q + "/matches", visitor: c.tok}
		},
		check: func(w *faultWorld, c *faultCell) []string {
			q := c.post.get("Q#"+c.q, "Q")
			if c.resp.status == 200 && (q.str("status") != domain.QuestionMatched || !q.has("matchedAt")) {
				return []string{"200 but the match is not recorded"}
			}
			return nil
		}},
}

func TestFaultMatrix(t *testing.T) {
	results := &faultResults{cells: map[string]map[string]string{}}
	// The rows run side by side, faultRows at a time, whatever -parallel
	// says: much of a row's time is spent waiting (the SDK's backoff,
	// DynamoDB Local).
	var wg sync.WaitGroup
	slots := make(chan struct{}, faultRows)
	for _, rt := range faultRoutes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			t.Run(rt.name, func(t *testing.T) { runFaultRow(t, rt, results) })
		}()
	}
	wg.Wait()
	t.Log("\n" + results.matrix())
}

// faultRows is how many rows run at once.
const faultRows = 4

// runFaultRow runs one route's cells on a table of its own. A cell that
// failed without changing the table leaves its target as it found it: the
// next cell acts on the same target, and its table before is this one's
// after (DynamoDB Local's transactions are what the matrix spends its time
// on).
func runFaultRow(t *testing.T, rt faultRoute, results *faultResults) {
	w := newFaultWorld(t, rt.opts...)
	if rt.setup != nil {
		rt.setup(w)
	}
	// The clean run numbers the calls.
	clean := w.cell(rt, faultTarget{label: "clean"}, "", nil)
	if clean.resp.status != rt.ok {
		t.Errorf("%s without a fault answered %d: %s", rt.name, clean.resp.status, clean.resp.raw)
	}
	results.put(rt.name, "", "none", verdict(t, rt.name+"|clean|none", clean.resp.status, clean.problems(w, rt)))
	// A cell's target serves the next one when the route has no prep, or
	// when the cell failed without changing the table.
	reusable := func(c *faultCell) *faultCell {
		if rt.prep == nil || c.resp.status >= 400 && c.pre.diff(c.post) == "" {
			return c
		}
		return nil
	}
	last := reusable(clean)
	for _, tg := range faultTargets(clean.calls) {
		for _, f := range faultColumns {
			if !tg.faults[f] {
				continue
			}
			c := w.cell(rt, tg, f, last)
			cell := rt.name + "|" + tg.label + "|" + string(f)
			results.put(rt.name, tg.label, string(f), verdict(t, cell, c.resp.status, c.problems(w, rt)))
			last = reusable(c)
		}
	}
}

// verdict judges a cell against knownBroken and returns what the matrix
// shows: the status, with "!" after it for a failure, "K" for a known one.
func verdict(t *testing.T, cell string, status int, problems []string) string {
	t.Helper()
	parts := strings.Split(cell, "|")
	why, known := "", false
	for _, k := range []string{cell, parts[0] + "|*|" + parts[2], parts[0] + "|" + parts[1] + "|*", parts[0] + "|*|*"} {
		if why, known = knownBroken[k]; known {
			break
		}
	}
	shown := fmt.Sprint(status)
	switch {
	case len(problems) == 0 && known:
		t.Errorf("%s: passes now; remove its knownBroken entry (%s)", cell, why)
	case len(problems) > 0 && known:
		t.Logf("KNOWN: %s: %s — %s", cell, why, strings.Join(problems, "; "))
		shown += "K"
	case len(problems) > 0:
		t.Errorf("%s: %s", cell, strings.Join(problems, "; "))
		shown += "!"
	}
	return shown
}

// faultResults collects the matrix from the rows running in parallel.
type faultResults struct {
	mu    sync.Mutex
	order []string                     // "route|target" in the order run
	cells map[string]map[string]string // "route|target" → fault → shown
}

func (r *faultResults) put(route, target, fault, shown string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := route + "|" + target
	if r.cells[k] == nil {
		r.order = append(r.order, k)
		r.cells[k] = map[string]string{}
	}
	r.cells[k][fault] = shown
}

// matrix prints route rows × fault columns, routes in the order of
// faultRoutes.
func (r *faultResults) matrix() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	rank := map[string]int{}
	for i, rt := range faultRoutes {
		rank[rt.name] = i
	}
	keys := slices.Clone(r.order)
	sort.SliceStable(keys, func(i, j int) bool {
		return rank[strings.Split(keys[i], "|")[0]] < rank[strings.Split(keys[j], "|")[0]]
	})
	var b strings.Builder
	cells, routes := 0, 0
	fmt.Fprintf(&b, "%-33s %-26s %-5s", "route", "DynamoDB call that fails", "none")
	for _, f := range faultColumns {
		name := string(f)
		if f == ddbtest.ProvisionedThroughput {
			name = "PTEE"
		}
		fmt.Fprintf(&b, " %-10s", name)
	}
	b.WriteString("\n")
	for _, k := range keys {
		route, target, _ := strings.Cut(k, "|")
		if target == "" {
			fmt.Fprintf(&b, "%-33s %-26s %-5s\n", route, "", r.cells[k]["none"])
			routes++
			continue
		}
		fmt.Fprintf(&b, "%-33s %-26s %-5s", "", target, "")
		for _, f := range faultColumns {
			shown, ok := r.cells[k][string(f)]
			if !ok {
				shown = "·"
			} else {
				cells++
			}
			fmt.Fprintf(&b, " %-10s", shown)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%d routes, %d faulty cells. none: the clean run that numbers the calls. ·: not tried (see faultTargets). "+
		"!: failed. K: known broken (knownBroken).\n", routes, cells)
	return b.String()
}

// faultTarget is a choice of the calls that fail, and the faults tried on
// it.
type faultTarget struct {
	label  string
	n      int    // the call that fails: the n-th call of op (0: each write)
	op     string // its operation
	pick   func(ddbtest.Call) bool
	faults map[ddbtest.Fault]bool
}

// faultTargets derives a route's targets from its clean run. A write
// meets every fault but Reset*, whose outcome there is Timeout's (applied,
// the answer lost: 503); the first call, if a read, the faults that end
// the request before it writes (Reset* there is the lost connection that
// used to be a 500; an SDK retry that recovers from Reset is the clean
// run); the other reads before the first write, and the first after it
// (the write committed, the answer fails), Throttling; later reads
// nothing. "writes" is a transaction conflict on every write, which the
// store's own retries keep meeting. (Each cell that writes costs a fresh
// prep, and transactions are what DynamoDB Local is slowest at.)
func faultTargets(calls []ddbtest.Call) []faultTarget {
	set := func(faults ...ddbtest.Fault) map[ddbtest.Fault]bool {
		m := map[ddbtest.Fault]bool{}
		for _, f := range faults {
			m[f] = true
		}
		return m
	}
	var out []faultTarget
	anyTx := false
	for _, c := range calls {
		var faults map[ddbtest.Fault]bool
		kind := ""
		switch {
		case c.Write:
			faults, kind = set(ddbtest.ProvisionedThroughput, ddbtest.Throttling, ddbtest.TxConflict, ddbtest.Timeout, ddbtest.Reset), " (write)"
			anyTx = anyTx || c.Op == "TransactWriteItems"
		case c.N == 1:
			faults = set(ddbtest.ProvisionedThroughput, ddbtest.Throttling, ddbtest.Timeout, ddbtest.ResetAlways)
		case c.Writes == 0, c.ReadsAfterWrite == 1:
			faults = set(ddbtest.Throttling)
		default:
			continue
		}
		n, op := c.OpN, c.Op
		out = append(out, faultTarget{label: fmt.Sprintf("%s #%d%s", op, n, kind), n: n, op: op, faults: faults,
			pick: func(c ddbtest.Call) bool { return c.Op == op && c.OpN == n }})
	}
	if anyTx {
		out = append(out, faultTarget{label: "writes", faults: set(ddbtest.TxConflict),
			pick: func(c ddbtest.Call) bool { return c.Write }})
	}
	return out
}

// faultWorld is one row's API on its own table: a firm with a lawyer and
// the open slots the row needs, served twice — to set up (env.url) and to
// the requests under test (testURL) — over one store whose DynamoDB client
// an injector controls.
type faultWorld struct {
	*env
	inj       *ddbtest.Injector
	testURL   string
	firm      string
	lawyerID  string
	base      time.Time // the lawyer's first slot; the next ones an hour apart
	slots     int       // slots published from base
	published int       // slots the cells of POST /lawyers/{id}/slots published, each an hour before the last
	fixed     faultCell // what the cells of a row without prep act on
}

func newFaultWorld(t *testing.T, opts ...option) *faultWorld {
	db, inj := ddbtest.NewInjector(t)
	opts = append([]option{func(c *app.Config, _ *api.Deps) { c.QuestionRateLimit = 0 }}, opts...)
	e := newEnv(t, db, opts...)
	// The requests under test: the same API, each request's deadline one
	// that passDeadline can end.
	h := localserver.NewGateway(api.NewHandler(api.Deps{Service: e.svc, Verifier: e.signer, Logger: slog.New(awsboot.NewLogHandler(&logs, slog.LevelInfo))}), e.signer, e.store)
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(rw, r.WithContext(&deadlineCtx{Context: r.Context(), done: make(chan struct{})}))
	}))
	t.Cleanup(srv.Close)
	inj.Waiting = passDeadline
	w := &faultWorld{env: e, inj: inj, testURL: srv.URL}
	w.firm = w.mustFirm("南京")
	w.lawyerID = w.mustLawyer(w.firm, "南京", "family")
	w.base = time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	return w
}

// deadlineCtx is a request's context whose deadline passes when
// passDeadline says: Done closes and Err is context.DeadlineExceeded, and
// so for the API's own deadline, which derives from it.
type deadlineCtx struct {
	context.Context
	once sync.Once
	done chan struct{}
}

type deadlineKey struct{}

func (d *deadlineCtx) Done() <-chan struct{} { return d.done }

func (d *deadlineCtx) Err() error {
	select {
	case <-d.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

func (d *deadlineCtx) Value(key any) any {
	if key == (deadlineKey{}) {
		return d
	}
	return d.Context.Value(key)
}

// passDeadline ends the deadline of the request ctx belongs to.
func passDeadline(ctx context.Context) {
	if d, ok := ctx.Value(deadlineKey{}).(*deadlineCtx); ok {
		d.once.Do(func() { close(d.done) })
	}
}

func (w *faultWorld) lawyerTok() string { return w.lawyer(w.lawyerID, w.firm) }

// slot returns the lawyer's first open slot: each booking takes the
// lawyer's next open slot, as in the clean run, whatever the cells before
// left open, so the store's calls are the same each time. Slots are
// published four at a time, as the row needs them.
func (w *faultWorld) slot() time.Time {
	items := w.do(req{method: "GET", path: "/lawyers/" + w.lawyerID + "/slots?limit=100"}).want(w.t, 200).items()
	if len(items) == 0 {
		var slots []map[string]any
		for range 4 {
			slots = append(slots, map[string]any{"start": w.base.Add(time.Duration(w.slots) * time.Hour).Format(time.RFC3339), "minutes": 30})
			w.slots++
		}
		w.do(req{method: "POST", path: "/lawyers/" + w.lawyerID + "/slots", token: w.staff(w.firm), body: map[string]any{"slots": slots}}).want(w.t, 201)
		return w.slot()
	}
	start, err := time.Parse(time.RFC3339, items[0]["start"].(string))
	if err != nil {
		w.t.Fatal(err)
	}
	return start
}

// question submits a family question with a phone of its own.
func (w *faultWorld) question() (id, token string) {
	return w.mustQuestion(map[string]any{"area": "family", "title": "离婚后孩子抚养权归谁", "body": "前夫不让我见孩子",
		"phone": fmt.Sprintf("1380%07d", seq.Add(1))})
}

// faultAnswer is a lawyer's answer (long enough, no contact data).
const faultAnswer = "可以先和对方协商，协商不成可以向人民法院起诉，注意保存好相关证据。"

// publicQuestion submits a public family question with a phone of its own.
func (w *faultWorld) publicQuestion() (id, token string) {
	return w.mustQuestion(map[string]any{"area": "family", "title": "离婚后孩子抚养权归谁", "body": "前夫不让我见孩子", "public": true,
		"phone": fmt.Sprintf("1380%07d", seq.Add(1))})
}

// answered is a new public question with the lawyer's answer: the
// question, its visitor token and the answer.
func (w *faultWorld) answered() (id, token, answer string) {
	id, token = w.publicQuestion()
	r := w.do(req{method: "POST", path: "/questions/" + id + "/answers", token: w.lawyerTok(), body: map[string]any{"body": faultAnswer}}).want(w.t, 201)
	return id, token, r.str("id")
}

// offered is a new question with the firm's offer on it: the question,
// its visitor token and the offer.
func (w *faultWorld) offered() (id, token, offer string) {
	id, token = w.question()
	r := w.do(req{method: "POST", path: "/leads/" + id + "/assign", token: w.staff(w.firm), body: map[string]any{"lawyerId": w.lawyerID}}).want(w.t, 200)
	o, _ := r.body["offer"].(map[string]any)
	offer, _ = o["id"].(string)
	return id, token, offer
}

func (w *faultWorld) bookReq(c *faultCell, key string) req {
	r := req{method: "POST", path: "/bookings", visitor: c.tok,
		body: map[string]any{"questionId": c.q, "lawyerId": w.lawyerID, "start": c.start.Format(time.RFC3339), "mode": "phone"}}
	if key != "" {
		r.header = map[string]string{"Idempotency-Key": key}
	}
	return r
}

// booking books a fresh slot for question q.
func (w *faultWorld) booking(q, tok string) (string, time.Time) {
	start := w.slot()
	return w.book(q, tok, w.lawyerID, start, "").want(w.t, 201).str("id"), start
}

// pending makes c a pending booking of a fresh question.
func (w *faultWorld) pending(c *faultCell) {
	c.q, c.tok = w.question()
	c.b, c.start = w.booking(c.q, c.tok)
}

// confirmed makes c a confirmed booking of a fresh question.
func (w *faultWorld) confirmed(c *faultCell) {
	w.pending(c)
	w.act(c.b, "accept", w.lawyerTok(), "", nil).want(w.t, 200)
}

// checkBooked: a 201 made the booking it answers with; whatever the
// answer, the question has at most one booking.
func (w *faultWorld) checkBooked(c *faultCell) []string {
	var out []string
	bs := c.post.bookingsOf(c.q)
	if c.resp.status == 201 && (len(bs) != 1 || bs[0] != c.resp.str("id")) {
		out = append(out, fmt.Sprintf("201 with booking %s, stored %v", c.resp.str("id"), bs))
	}
	if len(bs) > 1 {
		out = append(out, fmt.Sprintf("one request made %d bookings", len(bs)))
	}
	return out
}

// faultCell is one request under one plan, and what it left.
type faultCell struct {
	// What the request acts on (prep fills what the route needs).
	q, tok, b, key string
	start          time.Time
	now            time.Time // the clock of the request under test (zero: the real one)

	target    faultTarget
	fault     ddbtest.Fault
	resp      response
	sendErr   error
	calls     []ddbtest.Call
	pre, post tableSnapshot
}

// cell sends the request under test with fault injected into the calls
// target picks, between two snapshots of the table. What it acts on is
// last's when given (the table is as last left it), else prep's, else
// the row's fixed one.
func (w *faultWorld) cell(rt faultRoute, tg faultTarget, fault ddbtest.Fault, last *faultCell) *faultCell {
	c := &faultCell{target: tg, fault: fault}
	switch {
	case last != nil:
		c.q, c.tok, c.b, c.key, c.start, c.now = last.q, last.tok, last.b, last.key, last.start, last.now
		c.pre = last.post
	case rt.prep != nil:
		rt.prep(w, c)
		c.pre = w.snapshot()
	default:
		c.q, c.tok, c.b, c.key, c.start, c.now = w.fixed.q, w.fixed.tok, w.fixed.b, w.fixed.key, w.fixed.start, w.fixed.now
		c.pre = w.snapshot()
	}
	if !c.now.IsZero() {
		w.setNow(c.now)
	}
	w.inj.Arm(ddbtest.Plan{Fault: fault, Pick: tg.pick})
	c.resp, c.sendErr = send(w.testURL, rt.req(w, c))
	c.calls = w.inj.Disarm()
	w.svc.Now = time.Now
	c.post = w.snapshot()
	return c
}

// problems lists what is wrong with the cell.
func (c *faultCell) problems(w *faultWorld, rt faultRoute) []string {
	if c.sendErr != nil {
		return []string{c.sendErr.Error()}
	}
	var out []string
	// The cell tests what it says: the call it fails is the clean run's.
	fired := slices.ContainsFunc(c.calls, func(x ddbtest.Call) bool { return x.Fault != "" })
	switch n := c.target.n; {
	case n > 0 && !slices.ContainsFunc(c.calls, func(x ddbtest.Call) bool { return x.Op == c.target.op && x.OpN == n }):
		out = append(out, fmt.Sprintf("no call is the clean run's %s #%d: %s", c.target.op, n, callOps(c.calls)))
	case c.fault != "" && !fired:
		out = append(out, "the fault met no call: "+callOps(c.calls))
	}
	if s := c.resp.status; s != rt.ok && s != 503 && s != 409 {
		out = append(out, fmt.Sprintf("answered %d: %s", s, c.resp.raw))
	}
	if c.resp.status >= 400 {
		if p := envelopeProblem(c.resp); p != "" {
			out = append(out, p+": "+c.resp.raw)
		}
	}
	was := map[string]bool{}
	for _, p := range consistent(c.pre) {
		was[p] = true
	}
	for _, p := range consistent(c.post) {
		if !was[p] {
			out = append(out, p)
		}
	}
	applied := slices.ContainsFunc(c.calls, ddbtest.Call.MayHaveApplied)
	if c.resp.status >= 400 && !applied {
		if d := c.pre.diff(c.post); d != "" {
			out = append(out, "no write reached DynamoDB, yet the table changed: "+d)
		}
	}
	if rt.check != nil {
		out = append(out, rt.check(w, c)...)
	}
	return out
}

// callOps lists the operations of calls.
func callOps(calls []ddbtest.Call) string {
	ops := make([]string, len(calls))
	for i, c := range calls {
		ops[i] = c.Op
		if c.Fault != "" {
			ops[i] += "(" + string(c.Fault) + ")"
		}
	}
	return strings.Join(ops, " ")
}

// tableSnapshot is every item of a row's table, by "pk|sk".
type tableSnapshot map[string]tableItem

// tableItem is one item, decoded (numbers as float64).
type tableItem map[string]any

// bookingStatus is a booking item's state.
func (it tableItem) bookingStatus() domain.BookingStatus {
	return domain.BookingStatus(it.str("status"))
}

func (it tableItem) str(name string) string { s, _ := it[name].(string); return s }

// set reads a string set.
func (it tableItem) set(name string) []string {
	switch v := it[name].(type) {
	case []string:
		return v
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	return nil
}
func (it tableItem) num(name string) int   { n, _ := it[name].(float64); return int(n) }
func (it tableItem) has(name string) bool  { _, ok := it[name]; return ok }
func (it tableItem) bool(name string) bool { v, _ := it[name].(bool); return v }

// snapshot reads the whole table (a test table of a few hundred items) by
// a consistent scan, past the injector.
func (w *faultWorld) snapshot() tableSnapshot {
	w.t.Helper()
	out := tableSnapshot{}
	p := dynamodb.NewScanPaginator(ddbtest.Client(w.t), &dynamodb.ScanInput{TableName: aws.String(w.table), ConsistentRead: aws.Bool(true)})
	for p.HasMorePages() {
		page, err := p.NextPage(bg)
		if err != nil {
			w.t.Fatalf("scan: %v", err)
		}
		for _, raw := range page.Items {
			var it tableItem
			if err := attributevalue.UnmarshalMap(raw, &it); err != nil {
				w.t.Fatalf("scan: %v", err)
			}
			out[it.str("pk")+"|"+it.str("sk")] = it
		}
	}
	return out
}

func (s tableSnapshot) get(pk, sk string) tableItem { return s[pk+"|"+sk] }

// ofType returns the items of a type, in key order.
func (s tableSnapshot) ofType(typ string) []tableItem {
	var keys []string
	for k, it := range s {
		if it.str("type") == typ {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out := make([]tableItem, len(keys))
	for i, k := range keys {
		out[i] = s[k]
	}
	return out
}

// counted sums the rate counters whose keys start with prefix.
func (s tableSnapshot) counted(prefix string) int {
	n := 0
	for _, it := range s.ofType("rate") {
		if strings.HasPrefix(it.str("pk"), prefix) {
			n += it.num("n")
		}
	}
	return n
}

// erased reports whether question id is erased: its visitor's data gone.
func (s tableSnapshot) erased(id string) bool {
	return s.get("Q#"+id, "Q").has("erasedAt") && s.get("Q#"+id, "PII") == nil
}

// bookingsOf returns the IDs of question q's bookings.
func (s tableSnapshot) bookingsOf(q string) []string {
	var out []string
	for _, b := range s.ofType("booking") {
		if b.str("questionId") == q {
			out = append(out, b.str("id"))
		}
	}
	return out
}

// shownLeads counts the firm's leads whose contact its staff see.
func (s tableSnapshot) shownLeads(firm string) int {
	n := 0
	for _, l := range s.ofType("lead") {
		if l.str("firmId") == firm && (l.bool("bookingConfirmed") || l.str("offerStatus") == domain.OfferAccepted) && s.get("Q#"+l.str("questionId"), "PII") != nil {
			n++
		}
	}
	return n
}

// shownBookings counts the lawyer's bookings whose visitor's contact the
// lawyer sees.
func (s tableSnapshot) shownBookings(lawyer string) int {
	n := 0
	for _, b := range s.ofType("booking") {
		st := b.bookingStatus()
		if b.str("lawyerId") == lawyer && (st == domain.BookingConfirmed || st == domain.BookingCompleted) &&
			s.get("Q#"+b.str("questionId"), "PII") != nil {
			n++
		}
	}
	return n
}

// diff names the first items that differ between s and t ("" for none).
func (s tableSnapshot) diff(t tableSnapshot) string {
	var d []string
	for k, it := range t {
		switch old, ok := s[k]; {
		case !ok:
			d = append(d, "+"+k)
		case !reflect.DeepEqual(old, it):
			d = append(d, "~"+k)
		}
	}
	for k := range s {
		if _, ok := t[k]; !ok {
			d = append(d, "-"+k)
		}
	}
	sort.Strings(d)
	if len(d) > 4 {
		d = append(d[:4], fmt.Sprintf("… %d in all", len(d)))
	}
	return strings.Join(d, " ")
}

// audited counts the audit records the cell added for route.
func (c *faultCell) audited(route string) int {
	n := 0
	for k, it := range c.post {
		if it.str("type") == "audit" && it.str("route") == route && c.pre[k] == nil {
			n++
		}
	}
	return n
}

// auditedOnce: a route that shows want contacts answered 200 with
// exactly want new audit records; any other answer showed nothing, and
// may leave the records written before the failure (a view recorded but
// not shown, never one shown unrecorded), but no more.
func (c *faultCell) auditedOnce(route string, want int) []string {
	n := c.audited(route)
	switch {
	case c.resp.status == 200 && n != want:
		return []string{fmt.Sprintf("showed %d contacts with %d audit records", want, n)}
	case n != 0 && n != want:
		return []string{fmt.Sprintf("%d audit records for %d contacts (answered %d)", n, want, c.resp.status)}
	}
	return nil
}

// moved: the booking went from one state to the other on success, and is
// in one of the two whatever the answer.
func (c *faultCell) moved(from, to domain.BookingStatus) []string {
	st := c.post.get("BOOKING#"+c.b, "BOOKING").bookingStatus()
	switch {
	case c.resp.status == 200 && st != to:
		return []string{"200 but the booking is " + string(st)}
	case st != from && st != to:
		return []string{fmt.Sprintf("the booking is %s, neither %s nor %s", st, from, to)}
	}
	return nil
}

// consistent lists what is wrong with the table as a whole: each
// transaction's items all there or none, and the copies the store keeps
// in step with each other.
func consistent(s tableSnapshot) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	bookings := map[string]tableItem{}
	for _, b := range s.ofType("booking") {
		bookings[b.str("id")] = b
	}
	notices := map[string]map[string]int{}      // booking → kind → items
	offerNotices := map[string]map[string]int{} // question + lawyer → kind → items
	for _, o := range s.ofType("outbox") {
		switch o.str("kind") {
		case domain.NoticeSubmitted, domain.NoticeAnswerPosted, domain.NoticeFollowUp:
			// About a question itself: its private link, its answers.
			if s.get("Q#"+o.str("questionId"), "Q") == nil {
				bad("outbox item %s for question %q that does not exist", o.str("pk"), o.str("questionId"))
			}
			continue
		}
		if o.str("bookingId") == "" {
			// A firm's offer: told to the visitor, answered to the lawyer.
			if s.get("Q#"+o.str("questionId"), "Q") == nil || o.str("lawyerId") == "" {
				bad("outbox item %s for an offer on question %q that does not exist", o.str("pk"), o.str("questionId"))
			}
			k := o.str("questionId") + "|" + o.str("lawyerId")
			if offerNotices[k] == nil {
				offerNotices[k] = map[string]int{}
			}
			offerNotices[k][o.str("kind")]++
			continue
		}
		if bookings[o.str("bookingId")] == nil {
			bad("outbox item %s for booking %s that does not exist", o.str("pk"), o.str("bookingId"))
		}
		if notices[o.str("bookingId")] == nil {
			notices[o.str("bookingId")] = map[string]int{}
		}
		notices[o.str("bookingId")][o.str("kind")]++
	}
	// People helped: each question counts a lawyer once (a completed
	// consultation or a helpful answer), and so does their helpedCount.
	helped := map[string]int{}
	for _, h := range s.ofType("helped") {
		helped[h.str("lawyerId")]++
	}
	for id, b := range bookings {
		st, q := b.bookingStatus(), s.get("Q#"+b.str("questionId"), "Q")
		start, _ := time.Parse(time.RFC3339Nano, b.str("start"))
		sl := s.get("LAWYER#"+b.str("lawyerId"), "SLOT#"+start.UTC().Format("2006-01-02T15:04Z"))
		switch want := domain.SlotStateFor(st); {
		case sl == nil:
			bad("booking %s (%s) without its slot", id, st)
		case want == domain.SlotOpen && sl.str("bookingId") == id:
			bad("booking %s is %s but its slot is still %s for it", id, st, sl.str("status"))
		case want != domain.SlotOpen && (sl.str("status") != want || sl.str("bookingId") != id):
			bad("booking %s is %s but its slot is %s for %q", id, st, sl.str("status"), sl.str("bookingId"))
		}
		switch {
		case q == nil:
			bad("booking %s of a question that does not exist", id)
		case domain.Open(st) && q.str("openBooking") != id:
			bad("booking %s is %s but its question holds %q", id, st, q.str("openBooking"))
		case !domain.Open(st) && q.str("openBooking") == id:
			bad("booking %s is %s but its question still holds it", id, st)
		case q.str("openBooking") == id && q.str("status") != domain.QuestionStateFor(st):
			bad("booking %s is %s but its question is %s", id, st, q.str("status"))
		}
		if s.get("Q#"+b.str("questionId"), "LEAD#"+b.str("firmId")) == nil {
			bad("booking %s without its lead", id)
		}
		// One notice per event: the request once, each reschedule once (the
		// booking's sequence counts them), a confirmation at most once per
		// time it was asked for, every other event once; reminders are
		// checked by their keys below.
		kinds, seq := notices[id], b.num("sequence")
		if kinds[domain.NoticeCreated] != 1 || kinds[domain.NoticeFor(st)] < 1 || kinds[domain.NoticeRescheduled] != seq {
			bad("booking %s (%s, moved %d times) with notifications %v", id, st, seq, kinds)
		}
		for kind, n := range kinds {
			switch kind {
			case domain.NoticeReminder, domain.NoticeRescheduled:
			case domain.NoticeConfirmed:
				if n > seq+1 {
					bad("booking %s (moved %d times) confirmed %d times", id, seq, n)
				}
			default:
				if n > 1 {
					bad("booking %s notified %s %d times", id, kind, n)
				}
			}
		}
		if st == domain.BookingCompleted && s.get("Q#"+b.str("questionId"), "HELPED#"+b.str("lawyerId")) == nil {
			bad("booking %s is completed but its question does not count lawyer %s as having helped", id, b.str("lawyerId"))
		}
		if b.has("reviewedAt") && st != domain.BookingCompleted {
			bad("booking %s is %s but reviewed", id, st)
		}
	}
	// Reminders: one item per booking, sequence and offset (the key says
	// which), never for a sequence the booking has not reached.
	for _, o := range s.ofType("outbox") {
		if o.str("kind") != domain.NoticeReminder {
			continue
		}
		b := bookings[o.str("bookingId")]
		want := fmt.Sprintf("OUTBOX#R%s-%d-%d", o.str("bookingId"), o.num("sequence"), o.num("offsetSeconds"))
		switch {
		case o.str("pk") != want:
			bad("reminder %s is not keyed by its booking, sequence and offset (%s)", o.str("pk"), want)
		case b != nil && o.num("sequence") > b.num("sequence"):
			bad("reminder %s for sequence %d of booking %s, moved %d times", o.str("pk"), o.num("sequence"), o.str("bookingId"), b.num("sequence"))
		case !o.has("notBefore"):
			bad("reminder %s is not held back until its time", o.str("pk"))
		}
	}
	slots := s.ofType("slot")
	for _, sl := range slots {
		if sl.str("status") == domain.SlotOpen {
			if sl.has("bookingId") {
				bad("open slot %s still names booking %s", sl.str("sk"), sl.str("bookingId"))
			}
			continue
		}
		if b := bookings[sl.str("bookingId")]; b == nil || domain.SlotStateFor(b.bookingStatus()) != sl.str("status") {
			bad("slot %s is %s for booking %q, which is %s", sl.str("sk"), sl.str("status"), sl.str("bookingId"), b.str("status"))
		} else if !sameTime(b.str("start"), mustTime(sl.str("start"))) {
			bad("slot %s is %s for booking %s, which starts at %s", sl.str("sk"), sl.str("status"), b.str("id"), b.str("start"))
		}
	}
	questions := s.ofType("question")
	matched := 0
	for _, q := range questions {
		id := q.str("id")
		if ob := q.str("openBooking"); ob != "" && (bookings[ob] == nil || !domain.Open(bookings[ob].bookingStatus())) {
			bad("question %s holds booking %s, which is not open", id, ob)
		}
		pii := s.get("Q#"+id, "PII")
		switch {
		case q.has("erasedAt") && (pii != nil || q.str("title") != "" || q.has("gsi1pk") || q.has("gsi3pk")):
			bad("question %s is erased but keeps its data or its place in a list", id)
		case !q.has("erasedAt") && pii == nil:
			bad("question %s without its visitor's data", id)
		}
		if f := q.str("leadFirm"); f != "" {
			if s.get("Q#"+id, "LEAD#"+f) == nil {
				bad("question %s taken by firm %s without its lead", id, f)
			}
			if q.has("gsi3pk") {
				bad("question %s taken by firm %s but still in the unassigned pool", id, f)
			}
		} else if !q.has("erasedAt") && !q.has("gsi3pk") {
			bad("question %s taken by no firm, yet out of the unassigned pool", id)
		}
		if q.has("matchedAt") {
			matched++
		}
	}
	for _, p := range s.ofType("question_pii") {
		if s.get(p.str("pk"), "Q") == nil {
			bad("visitor's data %s without its question", p.str("pk"))
		}
	}
	leads := map[string]int{}
	for _, l := range s.ofType("lead") {
		q := s.get("Q#"+l.str("questionId"), "Q")
		if q == nil {
			bad("lead of question %s that does not exist", l.str("questionId"))
		}
		if b := l.str("bookingId"); b != "" && bookings[b] == nil {
			bad("lead of question %s names booking %s that does not exist", l.str("questionId"), b)
		}
		id, firm := l.str("questionId"), l.str("firmId")
		if l.bool("bookingConfirmed") {
			if b := bookings[l.str("bookingId")]; b == nil || !domain.ContactShown(b.bookingStatus()) || b.str("firmId") != firm {
				bad("lead of question %s shows its firm the contact, but its booking %q is not a confirmed one of the firm", id, l.str("bookingId"))
			}
		}
		if st := l.str("offerStatus"); st != "" {
			kinds := offerNotices[id+"|"+l.str("offerLawyerId")]
			want := map[string]int{domain.NoticeOffer: 1}
			switch st {
			case domain.OfferAccepted:
				want[domain.NoticeOfferAccepted] = 1
				if q != nil && q.str("leadFirm") != firm {
					bad("firm %s's offer on question %s is accepted, but the question is taken by %q", firm, id, q.str("leadFirm"))
				}
			case domain.OfferDeclined:
				want[domain.NoticeOfferDeclined] = 1
			}
			if !reflect.DeepEqual(kinds, want) {
				bad("firm %s's %s offer on question %s with notifications %v", firm, st, id, kinds)
			}
		}
		// The firm's funnel counts the question once it chose the firm.
		if l.has("bookingId") || l.str("offerStatus") == domain.OfferAccepted {
			leads[firm]++
		}
	}
	for _, r := range s.ofType("idempotency") {
		if bookings[r.str("bookingId")] == nil {
			bad("idempotency record %s for booking %s that does not exist", r.str("pk"), r.str("bookingId"))
		}
	}
	now := time.Now()
	for _, p := range s.ofType("lawyer") {
		id := p.str("id")
		if s.get("LAWYER#"+id, "CONTACT") == nil || s.get("LICENSE#"+p.str("licenseNo"), "_") == nil {
			bad("lawyer %s without its contact or licence item", id)
		}
		var first *time.Time
		for _, sl := range slots {
			t, _ := time.Parse(time.RFC3339Nano, sl.str("start"))
			if sl.str("lawyerId") == id && sl.str("status") == domain.SlotOpen && t.After(now) && (first == nil || t.Before(*first)) {
				first = &t
			}
		}
		next := p.str("nextOpenSlot")
		if (first == nil) != (next == "") || (first != nil && !sameTime(next, *first)) {
			bad("lawyer %s: next open slot %q, the first open slot is %v", id, next, first)
		}
		if p.num("helpedCount") != helped[id] {
			bad("lawyer %s helped %d, %d questions count them as having helped", id, p.num("helpedCount"), helped[id])
		}
		// The rating is the lawyer's reviews', one per reviewed booking.
		stars, reviews, reviewed := 0, 0, 0
		for _, r := range s.ofType("review") {
			if r.str("lawyerId") == id {
				stars, reviews = stars+r.num("stars"), reviews+1
			}
		}
		for _, b := range bookings {
			if b.str("lawyerId") == id && b.has("reviewedAt") {
				reviewed++
			}
		}
		if p.num("ratingSum") != stars || p.num("ratingCount") != reviews || reviews != reviewed {
			bad("lawyer %s rated %d/%d, %d reviews of %d stars, %d bookings reviewed", id, p.num("ratingSum"), p.num("ratingCount"), reviews, stars, reviewed)
		}
		if rs := s.get("LAWYER#"+id, "RESPONSES"); rs != nil {
			if m, _ := rs["minutes"].([]any); len(m) > domain.ResponsesKept || len(m) > rs.num("count") {
				bad("lawyer %s keeps %d response times of %d", id, len(m), rs.num("count"))
			}
		}
		areas, _ := p["areas"].([]any)
		for _, a := range areas {
			card := s.get("LAWYER#"+id, "AREA#"+fmt.Sprint(a))
			switch {
			case card == nil:
				bad("lawyer %s without its %s card", id, a)
			case card.str("nextOpenSlot") != next || card.num("helpedCount") != p.num("helpedCount") || card.bool("active") != p.bool("active") ||
				card.num("ratingSum") != p.num("ratingSum") || card.num("ratingCount") != p.num("ratingCount"):
				bad("lawyer %s's %s card is out of step with the profile", id, a)
			}
		}
	}
	// Answers: each question counts its answers and answerers, each
	// answer its follow-ups, each lawyer their answers.
	answersOf, answersBy := map[string][]string{}, map[string]int{}
	for _, a := range s.ofType("answer") {
		answersOf[a.str("questionId")] = append(answersOf[a.str("questionId")], a.str("lawyerId"))
		answersBy[a.str("lawyerId")]++
		replies := 0
		for _, r := range s.ofType("reply") {
			if r.str("answerId") == a.str("id") {
				replies++
			}
		}
		if a.num("replyCount") != replies {
			bad("answer %s counts %d follow-ups, %d are stored", a.str("id"), a.num("replyCount"), replies)
		}
	}
	for _, r := range s.ofType("reply") {
		if q, _ := domain.QuestionOfAnswer(r.str("answerId")); s.get("QA#"+q, "A#"+r.str("answerId")) == nil {
			bad("follow-up %s under answer %s that does not exist", r.str("id"), r.str("answerId"))
		}
	}
	for _, q := range s.ofType("question") {
		by := answersOf[q.str("id")]
		var set []string
		switch v := q["answeredBy"].(type) {
		case []string:
			set = v
		case []any:
			for _, x := range v {
				set = append(set, fmt.Sprint(x))
			}
		}
		if q.num("answerCount") != len(by) || len(set) != len(by) {
			bad("question %s counts %d answers by %v, %d are stored", q.str("id"), q.num("answerCount"), set, len(by))
		}
	}
	for _, p := range s.ofType("lawyer") {
		if p.num("answerCount") != answersBy[p.str("id")] {
			bad("lawyer %s counts %d answers, %d are stored", p.str("id"), p.num("answerCount"), answersBy[p.str("id")])
		}
	}
	for _, l := range s.ofType("license") {
		if s.get("LAWYER#"+l.str("lawyerId"), "LAWYER") == nil {
			bad("licence %s of a lawyer that does not exist", l.str("pk"))
		}
	}
	// The funnel counts each question once per step and scope, in the
	// event's transaction: the platform's counters are the steps its
	// questions counted, a firm's the steps its leads counted, and each
	// question's and lead's steps run from the first without a gap.
	all, firms := map[string]int{}, map[string]map[string]int{}
	for _, st := range s.ofType("stats") {
		scope := strings.TrimPrefix(st.str("pk"), "STATS#")
		scope = scope[:strings.LastIndex(scope, "#")]
		for _, step := range domain.FunnelCounters {
			if scope == "ALL" {
				all[step] += st.num(step)
			} else if f, ok := strings.CutPrefix(scope, "FIRM#"); ok {
				if firms[f] == nil {
					firms[f] = map[string]int{}
				}
				firms[f][step] += st.num(step)
			}
		}
	}
	// reached is what the bookings of a question (at a firm, "" for any)
	// show it reached.
	reached := func(questionID, firm string) []string {
		out := []string{}
		for id, b := range bookings {
			if b.str("questionId") != questionID || (firm != "" && b.str("firmId") != firm) {
				continue
			}
			out = append(out, domain.StepBooked)
			if notices[id][domain.NoticeConfirmed] > 0 {
				out = append(out, domain.StepConfirmed)
			}
			if b.bookingStatus() == domain.BookingCompleted {
				out = append(out, domain.StepCompleted)
			}
			if b.bookingStatus() == domain.BookingNoShow {
				out = append(out, domain.StepNoShow)
			}
		}
		return out
	}
	checkCounted := func(what string, counted, reached []string) {
		for i, step := range domain.FunnelSteps {
			if !slices.Contains(counted, step) {
				if rest := domain.FunnelSteps[i:]; slices.ContainsFunc(counted, func(c string) bool { return slices.Contains(rest, c) }) {
					bad("%s counted %v: a step before one counted is not", what, counted)
				}
				break
			}
		}
		for _, step := range reached {
			if !slices.Contains(counted, step) {
				bad("%s reached %s, counted %v", what, step, counted)
			}
		}
		for _, step := range []string{domain.StepBooked, domain.StepConfirmed, domain.StepCompleted, domain.StepNoShow} {
			if slices.Contains(counted, step) && !slices.Contains(reached, step) {
				bad("%s counted %s it never reached", what, step)
			}
		}
	}
	want := map[string]int{}
	for _, q := range questions {
		counted := q.set("counted")
		checkCounted("question "+q.str("id"), counted, reached(q.str("id"), ""))
		for _, step := range counted {
			want[step]++
		}
	}
	for _, step := range domain.FunnelCounters {
		if all[step] != want[step] {
			bad("the funnel counts %d %s, the questions counted %d", all[step], step, want[step])
		}
	}
	firmWant := map[string]map[string]int{}
	for _, l := range s.ofType("lead") {
		f, counted := l.str("firmId"), l.set("counted")
		checkCounted("firm "+f+"'s lead of "+l.str("questionId"), counted, reached(l.str("questionId"), f))
		if firmWant[f] == nil {
			firmWant[f] = map[string]int{}
		}
		for _, step := range counted {
			firmWant[f][step]++
		}
	}
	for f, w := range firmWant {
		for _, step := range domain.FunnelCounters {
			if firms[f][step] != w[step] {
				bad("firm %s's funnel counts %d %s, its leads counted %d", f, firms[f][step], step, w[step])
			}
		}
	}
	for _, f := range s.ofType("firm") {
		if f.str("name") == "" {
			bad("firm %s without its name", f.str("id"))
		}
	}
	sort.Strings(out)
	return out
}

// mustTime reads a stored time (zero when it is none).
func mustTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// sameTime reports whether the stored time s is t.
func sameTime(s string, t time.Time) bool {
	got, err := time.Parse(time.RFC3339Nano, s)
	return err == nil && got.Equal(t)
}

// TestConsistentSeesPartialState holds the matrix's table-wide check to
// what it is for: a table one write short of a transaction fails it.
func TestConsistentSeesPartialState(t *testing.T) {
	w := newFaultWorld(t)
	var c faultCell
	w.confirmed(&c)
	q2, _ := w.question()
	w.do(req{method: "POST", path: "/leads/" + q2 + "/assign", token: w.staff(w.firm), body: map[string]any{"lawyerId": w.lawyerID}}).want(t, 200)
	s := w.snapshot()
	if p := consistent(s); len(p) > 0 {
		t.Fatalf("a table the API wrote is inconsistent: %v", p)
	}
	slot := "LAWYER#" + w.lawyerID + "|SLOT#" + c.start.UTC().Format("2006-01-02T15:04Z")
	var outbox string
	for k, it := range s {
		if it.str("type") == "outbox" && it.str("bookingId") == c.b && it.str("kind") == domain.NoticeConfirmed {
			outbox = k
		}
	}
	for _, tc := range []struct {
		name   string
		change func(s tableSnapshot)
	}{
		{"NoSlot", func(s tableSnapshot) { delete(s, slot) }},
		{"SlotOpen", func(s tableSnapshot) { s[slot]["status"] = domain.SlotOpen }},
		{"NoOutboxItem", func(s tableSnapshot) { delete(s, outbox) }},
		{"QuestionNotHeld", func(s tableSnapshot) { delete(s["Q#"+c.q+"|Q"], "openBooking") }},
		{"NoVisitorData", func(s tableSnapshot) { delete(s, "Q#"+c.q+"|PII") }},
		{"NoLead", func(s tableSnapshot) { delete(s, "Q#"+c.q+"|LEAD#"+w.firm) }},
		{"OfferAcceptedNotTaken", func(s tableSnapshot) { s["Q#"+q2+"|LEAD#"+w.firm]["offerStatus"] = domain.OfferAccepted }},
		{"UntakenOutOfPool", func(s tableSnapshot) { delete(s["Q#"+q2+"|Q"], "gsi3pk") }},
		{"NextSlotStale", func(s tableSnapshot) {
			s["LAWYER#"+w.lawyerID+"|LAWYER"]["nextOpenSlot"] = c.start.UTC().Format(time.RFC3339)
		}},
		{"FunnelCountedTwice", func(s tableSnapshot) {
			for _, it := range s {
				if it.str("type") == "stats" && it.num(domain.StepBooked) > 0 {
					it[domain.StepBooked] = float64(it.num(domain.StepBooked) + 1)
					return
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			broken := tableSnapshot{}
			for k, it := range s {
				broken[k] = maps.Clone(it)
			}
			tc.change(broken)
			if p := consistent(broken); len(p) == 0 {
				t.Fatal("consistent sees nothing wrong")
			}
		})
	}
}
