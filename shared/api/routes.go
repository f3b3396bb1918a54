package api

import (
	"net/http"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// Route is one route of the HTTP API. The table below is the one list of
// routes: the Lambda functions serve their share of it, the local server
// all of it, and a test holds template.yaml to it (method, path, function,
// authorizer).
type Route struct {
	Method string
	// Path in API Gateway's form, which is also net/http's: /lawyers/{id}.
	Path string
	// Function is the Lambda function serving the route: functions/<name>.
	Function string
	// Authorizer is true when API Gateway's Cognito JWT authorizer guards
	// the route (lawyer, staff and admin only routes). Routes visitors use
	// have none; their handlers check a bearer token themselves.
	Authorizer bool
	handle     func(*handlers, http.ResponseWriter, *http.Request) error
}

// Lambda functions behind the HTTP API.
const (
	FnDirectory = "directory"
	FnSlots     = "slots"
	FnQuestions = "questions"
	FnClassify  = "classify"
	FnMatches   = "matches"
	FnBookings  = "bookings"
	FnRespond   = "respond"
	FnContact   = "contact"
	FnLeads     = "leads"
	FnAudit     = "audit"
	FnAnswers   = "answers"
	FnPages     = "pages"
)

// The route table, one group per Lambda function. A group is a function
// returning its routes rather than data, so that a function's bootstrap,
// which names only its own group (functions/<name>/main.go), links only
// that group's handlers and, through them, only the use cases and store
// calls it serves: the linker drops the rest (issue 10). The local server
// and the checks take every group (Functions, Routes).
var (
	Directory = Function{FnDirectory, func() []Route {
		return []Route{
			{"GET", "/healthz", FnDirectory, false, (*handlers).health},
			{"GET", "/practice-areas", FnDirectory, false, (*handlers).practiceAreas},
			{"POST", "/firms", FnDirectory, true, (*handlers).createFirm},
			{"GET", "/firms/{id}", FnDirectory, false, (*handlers).getFirm},
			{"POST", "/lawyers", FnDirectory, true, (*handlers).createLawyer},
			{"GET", "/lawyers", FnDirectory, false, (*handlers).listLawyers},
			{"GET", "/lawyers/{id}", FnDirectory, false, (*handlers).getLawyer},
			{"GET", "/lawyers/{id}/reviews", FnDirectory, false, (*handlers).lawyerReviews},
			{"PATCH", "/lawyers/{id}", FnDirectory, true, (*handlers).updateLawyer},
		}
	}}
	Slots = Function{FnSlots, func() []Route {
		return []Route{
			{"POST", "/lawyers/{id}/slots", FnSlots, true, (*handlers).publishSlots},
			{"GET", "/lawyers/{id}/slots", FnSlots, false, (*handlers).listSlots},
			{"DELETE", "/lawyers/{id}/slots/{start}", FnSlots, true, (*handlers).withdrawSlot},
		}
	}}
	Classify = Function{FnClassify, func() []Route {
		return []Route{
			{"POST", "/practice-areas/classify", FnClassify, false, (*handlers).classify},
			// A question is routed as it is submitted: here, where the router is,
			// and warm from the ask form's suggestions as the visitor typed.
			{"POST", "/questions", FnClassify, false, (*handlers).submitQuestion},
		}
	}}
	Questions = Function{FnQuestions, func() []Route {
		return []Route{
			{"GET", "/questions", FnQuestions, false, (*handlers).listQuestions},
			{"GET", "/questions/{id}", FnQuestions, false, (*handlers).getQuestion},
			{"DELETE", "/questions/{id}", FnQuestions, false, (*handlers).eraseQuestion},
			{"POST", "/questions/{id}/offers/{offerId}/accept", FnQuestions, false, answerOffer(true)},
			{"POST", "/questions/{id}/offers/{offerId}/decline", FnQuestions, false, answerOffer(false)},
		}
	}}
	Matches = Function{FnMatches, func() []Route {
		return []Route{
			{"GET", "/questions/{id}/matches", FnMatches, false, (*handlers).matches},
		}
	}}
	Bookings = Function{FnBookings, func() []Route {
		return []Route{
			{"POST", "/bookings", FnBookings, false, (*handlers).createBooking},
			{"GET", "/bookings/{id}", FnBookings, false, (*handlers).getBooking}, // also {id}.ics
			{"POST", "/bookings/{id}/reschedule", FnBookings, false, (*handlers).rescheduleBooking},
			{"POST", "/bookings/{id}/review", FnBookings, false, (*handlers).reviewBooking},
		}
	}}
	Respond = Function{FnRespond, func() []Route {
		return []Route{
			{"POST", "/bookings/{id}/accept", FnRespond, true, changeBooking(domain.ActAccept)},
			{"POST", "/bookings/{id}/decline", FnRespond, true, changeBooking(domain.ActDecline)},
			// Cancel is the visitor's (or the lawyer's) transition: here with the
			// others, which share its code (app.ChangeBooking).
			{"POST", "/bookings/{id}/cancel", FnRespond, false, changeBooking(domain.ActCancel)},
			{"POST", "/bookings/{id}/complete", FnRespond, true, changeBooking(domain.ActComplete)},
			{"POST", "/bookings/{id}/no-show", FnRespond, true, changeBooking(domain.ActNoShow)},
			{"GET", "/lawyer/bookings", FnRespond, true, (*handlers).lawyerBookings},
		}
	}}
	Contact = Function{FnContact, func() []Route {
		return []Route{
			{"GET", "/bookings/{id}/contact", FnContact, false, (*handlers).contact},
			{"GET", "/questions/{id}/access-log", FnContact, false, (*handlers).accessLog},
		}
	}}
	Leads = Function{FnLeads, func() []Route {
		return []Route{
			{"GET", "/leads", FnLeads, true, (*handlers).leads},
			{"GET", "/leads.csv", FnLeads, true, (*handlers).leadsCSV},
			{"GET", "/leads/stats", FnLeads, true, (*handlers).leadStats},
			{"POST", "/leads/{questionId}/assign", FnLeads, true, (*handlers).assignLead},
		}
	}}
	Audit = Function{FnAudit, func() []Route {
		return []Route{
			{"GET", "/audit", FnAudit, true, (*handlers).audit},
		}
	}}
	Answers = Function{FnAnswers, func() []Route {
		return []Route{
			{"POST", "/questions/{id}/answers", FnAnswers, true, (*handlers).postAnswer},
			{"GET", "/questions/{id}/answers", FnAnswers, false, (*handlers).listAnswers},
			{"GET", "/questions/{id}/related", FnAnswers, false, (*handlers).related},
			{"POST", "/answers/{id}/replies", FnAnswers, false, (*handlers).postReply},
			{"POST", "/answers/{id}/helpful", FnAnswers, false, (*handlers).markHelpful},
			{"DELETE", "/answers/{id}", FnAnswers, true, (*handlers).removeAnswer},
			{"GET", "/lawyers/{id}/answers", FnAnswers, false, (*handlers).lawyerAnswers},
			{"GET", "/lawyer/questions", FnAnswers, true, (*handlers).lawyerQuestions},
		}
	}}
	// Pages are the public HTML pages and what search engines read.
	Pages = Function{FnPages, func() []Route {
		return []Route{
			{"GET", "/q/{id}", FnPages, false, (*handlers).questionPage},
			{"GET", "/sitemap.xml", FnPages, false, (*handlers).sitemap},
			{"GET", "/sitemaps/{month}", FnPages, false, (*handlers).sitemapMonth},
			{"GET", "/robots.txt", FnPages, false, (*handlers).robots},
		}
	}}
)

// Function is one Lambda function behind the HTTP API and its share of
// the route table.
type Function struct {
	// Name is the function's folder: functions/<Name>.
	Name   string
	routes func() []Route
}

// Routes returns the function's routes.
func (f Function) Routes() []Route { return f.routes() }

// Functions returns every function behind the HTTP API, in the table's
// order. A Lambda function's code must not call it (nor Routes), or it
// links every handler.
func Functions() []Function {
	return []Function{Directory, Slots, Classify, Questions, Matches, Bookings, Respond, Contact, Leads, Audit, Answers, Pages}
}

// Routes returns the route table: every function's routes.
func Routes() []Route { return routesOf(Functions()) }
