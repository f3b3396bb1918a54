package api

import (
	"net/http"
	"slices"

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
)

var routes = []Route{
	{"GET", "/healthz", FnDirectory, false, (*handlers).health},
	{"GET", "/practice-areas", FnDirectory, false, (*handlers).practiceAreas},
	{"POST", "/firms", FnDirectory, true, (*handlers).createFirm},
	{"GET", "/firms/{id}", FnDirectory, false, (*handlers).getFirm},
	{"POST", "/lawyers", FnDirectory, true, (*handlers).createLawyer},
	{"GET", "/lawyers", FnDirectory, false, (*handlers).listLawyers},
	{"GET", "/lawyers/{id}", FnDirectory, false, (*handlers).getLawyer},
	{"PATCH", "/lawyers/{id}", FnDirectory, true, (*handlers).updateLawyer},

	{"POST", "/lawyers/{id}/slots", FnSlots, true, (*handlers).publishSlots},
	{"GET", "/lawyers/{id}/slots", FnSlots, false, (*handlers).listSlots},

	{"POST", "/practice-areas/classify", FnClassify, false, (*handlers).classify},

	{"POST", "/questions", FnQuestions, false, (*handlers).submitQuestion},
	{"GET", "/questions", FnQuestions, false, (*handlers).listQuestions},
	{"GET", "/questions/{id}", FnQuestions, false, (*handlers).getQuestion},
	{"DELETE", "/questions/{id}", FnQuestions, false, (*handlers).eraseQuestion},
	{"POST", "/questions/{id}/offers/{offerId}/accept", FnQuestions, false, answerOffer(true)},
	{"POST", "/questions/{id}/offers/{offerId}/decline", FnQuestions, false, answerOffer(false)},

	{"GET", "/questions/{id}/matches", FnMatches, false, (*handlers).matches},

	{"POST", "/bookings", FnBookings, false, (*handlers).createBooking},
	{"GET", "/bookings/{id}", FnBookings, false, (*handlers).getBooking}, // also {id}.ics
	{"POST", "/bookings/{id}/cancel", FnBookings, false, changeBooking(domain.ActCancel)},

	{"POST", "/bookings/{id}/accept", FnRespond, true, changeBooking(domain.ActAccept)},
	{"POST", "/bookings/{id}/decline", FnRespond, true, changeBooking(domain.ActDecline)},
	{"POST", "/bookings/{id}/complete", FnRespond, true, changeBooking(domain.ActComplete)},
	{"GET", "/lawyer/bookings", FnRespond, true, (*handlers).lawyerBookings},

	{"GET", "/bookings/{id}/contact", FnContact, false, (*handlers).contact},
	{"GET", "/questions/{id}/access-log", FnContact, false, (*handlers).accessLog},

	{"GET", "/leads", FnLeads, true, (*handlers).leads},
	{"GET", "/leads.csv", FnLeads, true, (*handlers).leadsCSV},
	{"GET", "/leads/stats", FnLeads, true, (*handlers).leadStats},
	{"POST", "/leads/{questionId}/assign", FnLeads, true, (*handlers).assignLead},

	{"GET", "/audit", FnAudit, true, (*handlers).audit},
}

// Routes returns the route table.
func Routes() []Route { return append([]Route(nil), routes...) }

// Functions returns the names of the functions serving routes, in order.
func Functions() []string {
	var out []string
	for _, r := range routes {
		if !slices.Contains(out, r.Function) {
			out = append(out, r.Function)
		}
	}
	return out
}
