//go:build bookingroutes && bookingstub

package webtest

// A stand-in for the booking, contact, access-log, lead and audit routes
// while they are being built on main, with exactly the shapes announced
// for them (see the brief of the web pages): it lets the browser tests of
// booking_test.go run against the pages before the real routes land.
//
//	go test -tags bookingroutes,bookingstub ./infra/webtest   # against this stand-in
//	go test -tags bookingroutes ./infra/webtest               # against the real routes
//
// It sits in front of the local server, answers those routes from memory
// and hands every other request to the server. It checks visitor tokens
// with the server (GET /questions/{id}) but reads bearer tokens without
// checking their signature: it is test scaffolding, to be deleted the day
// the real routes are in the route table.

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

func init() { wrapSite = newStub }

type stubBooking struct {
	ID, QuestionID, LawyerID, FirmID, Area, Mode, Status string
	Start                                                time.Time
	Minutes                                              int
	StartLocal, TimeZone                                 string
	CreatedAt, UpdatedAt, RespondBy                      time.Time
	DeclineReason, CancelledBy                           string
	QuestionTitle, City                                  string
	QuestionAt                                           time.Time
	Lawyer                                               map[string]any
	Visitor                                              map[string]string
}

type stubAudit struct {
	At        time.Time `json:"at"`
	Actor     string    `json:"actor"`
	ActorName string    `json:"actorName,omitempty"`
	Subject   string    `json:"subject"`
	Fields    []string  `json:"fields"`
	Route     string    `json:"route"`
}

type stub struct {
	api      string
	proxy    *httputil.ReverseProxy
	mu       sync.Mutex
	bookings map[string]*stubBooking
	order    []string
	assigned map[string]string
	idem     map[string]string
	taken    map[string]bool
	audit    []stubAudit
}

func newStub(api string) http.Handler {
	u, _ := url.Parse(api)
	s := &stub{api: api, proxy: httputil.NewSingleHostReverseProxy(u), bookings: map[string]*stubBooking{},
		assigned: map[string]string{}, idem: map[string]string{}, taken: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /bookings", s.create)
	mux.HandleFunc("GET /bookings/{id}", s.get)
	mux.HandleFunc("POST /bookings/{id}/{action}", s.act)
	mux.HandleFunc("GET /bookings/{id}/contact", s.contact)
	mux.HandleFunc("GET /lawyer/bookings", s.lawyerBookings)
	mux.HandleFunc("GET /questions/{id}/access-log", s.accessLog)
	mux.HandleFunc("GET /leads", s.leads)
	mux.HandleFunc("GET /leads.csv", s.leadsCSV)
	mux.HandleFunc("GET /leads/stats", s.stats)
	mux.HandleFunc("POST /leads/{id}/assign", s.assign)
	mux.HandleFunc("GET /audit", s.auditLog)
	mux.HandleFunc("GET /lawyers/{id}/slots", s.openSlots)
	mux.Handle("/", s.proxy)
	return mux
}

func stubJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func stubErr(w http.ResponseWriter, status int, code, msg string, fields map[string]string) {
	e := map[string]any{"code": code, "message": msg}
	if fields != nil {
		e["fields"] = fields
	}
	stubJSON(w, status, map[string]any{"error": e})
}

// fetch asks the real server.
func (s *stub) fetch(method, path string, header http.Header) (int, map[string]any) {
	req, _ := http.NewRequest(method, s.api+path, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 502, nil
	}
	defer resp.Body.Close()
	out := map[string]any{}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// claims reads a bearer token's claims (unchecked: a stand-in).
func claims(r *http.Request) map[string]any {
	h := r.Header.Get("Authorization")
	if !strings.HasPrefix(h, "Bearer ") {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(h, "Bearer "), ".")
	if len(parts) != 3 {
		return nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil
	}
	c := map[string]any{}
	if json.Unmarshal(raw, &c) != nil {
		return nil
	}
	return c
}

func str(m map[string]any, k string) string {
	v, _ := m[k].(string)
	return v
}

func groupsOf(c map[string]any) []string {
	var out []string
	if arr, ok := c["cognito:groups"].([]any); ok {
		for _, g := range arr {
			out = append(out, fmt.Sprint(g))
		}
	}
	return out
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func newID() string {
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	return "01STUB" + strings.ToUpper(hex.EncodeToString(b))
}

func maskName(n string) string {
	if n == "" {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(n)
	return string(r) + "**"
}

func maskPhone(p string) string {
	if len(p) < 7 {
		return "****"
	}
	return p[:3] + "****" + p[len(p)-4:]
}

func maskEmail(e string) string {
	at := strings.Index(e, "@")
	if at < 1 {
		return ""
	}
	return e[:1] + "***" + e[at:]
}

func masked(v map[string]string) map[string]string {
	return map[string]string{"name": maskName(v["name"]), "phone": maskPhone(v["phone"]), "email": maskEmail(v["email"])}
}

func (b *stubBooking) view(withVisitor bool) map[string]any {
	out := map[string]any{
		"id": b.ID, "questionId": b.QuestionID, "lawyerId": b.LawyerID, "firmId": b.FirmID, "area": b.Area,
		"start": b.Start.UTC().Format(time.RFC3339), "end": b.Start.Add(time.Duration(b.Minutes) * time.Minute).UTC().Format(time.RFC3339),
		"minutes": b.Minutes, "startLocal": b.StartLocal, "timeZone": b.TimeZone, "mode": b.Mode, "status": b.Status,
		"createdAt": b.CreatedAt.Format(time.RFC3339), "updatedAt": b.UpdatedAt.Format(time.RFC3339),
		"questionTitle": b.QuestionTitle, "lawyer": b.Lawyer,
	}
	if b.Status == "pending" {
		out["respondBy"] = b.RespondBy.Format(time.RFC3339)
	}
	if b.DeclineReason != "" {
		out["declineReason"] = b.DeclineReason
	}
	if b.CancelledBy != "" {
		out["cancelledBy"] = b.CancelledBy
	}
	if withVisitor {
		if b.Status == "confirmed" || b.Status == "completed" {
			out["visitor"] = b.Visitor
		} else {
			out["visitor"] = masked(b.Visitor)
		}
	}
	return out
}

// who is the caller of a booking route: the visitor of its question, its
// lawyer, or staff of its firm.
func (s *stub) who(r *http.Request, b *stubBooking) (role string, c map[string]any) {
	if tok := r.Header.Get("X-Visitor-Token"); tok != "" {
		if st, _ := s.fetch("GET", "/questions/"+b.QuestionID, http.Header{"X-Visitor-Token": {tok}}); st == 200 {
			return "visitor", nil
		}
		return "", nil
	}
	c = claims(r)
	if c == nil {
		return "", nil
	}
	g := groupsOf(c)
	switch {
	case has(g, "lawyers") && str(c, "custom:lawyerId") == b.LawyerID:
		return "lawyer", c
	case has(g, "staff") && str(c, "custom:firmId") == b.FirmID, has(g, "admins"):
		return "staff", c
	}
	return "", c
}

// openSlots is the server's list less the slots booked here (held or
// booked slots are not open).
func (s *stub) openSlots(w http.ResponseWriter, r *http.Request) {
	st, page := s.fetch("GET", r.URL.RequestURI(), nil)
	if st != 200 {
		s.proxy.ServeHTTP(w, r)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	open := []any{}
	for _, it := range page["items"].([]any) {
		if !s.taken[r.PathValue("id")+"|"+str(it.(map[string]any), "start")] {
			open = append(open, it)
		}
	}
	page["items"] = open
	stubJSON(w, 200, page)
}

func (s *stub) create(w http.ResponseWriter, r *http.Request) {
	var in struct{ QuestionID, LawyerID, Start, Mode string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		stubErr(w, 400, "validation_failed", "malformed JSON", nil)
		return
	}
	tok := r.Header.Get("X-Visitor-Token")
	st, q := s.fetch("GET", "/questions/"+in.QuestionID, http.Header{"X-Visitor-Token": {tok}})
	if st != 200 || str(q, "name") == "" {
		stubErr(w, 401, "unauthenticated", "send the question's X-Visitor-Token", nil)
		return
	}
	start, err := time.Parse(time.RFC3339, in.Start)
	fields := map[string]string{}
	if err != nil {
		fields["start"] = "must be an RFC 3339 time"
	}
	if in.Mode != "phone" && in.Mode != "video" && in.Mode != "in_person" {
		fields["mode"] = "must be phone, video or in_person"
	}
	if len(fields) > 0 {
		stubErr(w, 400, "validation_failed", "some fields are invalid", fields)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := r.Header.Get("Idempotency-Key")
	if id, ok := s.idem[key]; ok && key != "" {
		stubJSON(w, 201, s.bookings[id].view(false))
		return
	}
	for _, id := range s.order {
		if b := s.bookings[id]; b.QuestionID == in.QuestionID && (b.Status == "pending" || b.Status == "confirmed") {
			stubErr(w, 409, "conflict", "the question already has an open booking", nil)
			return
		}
	}
	st, lawyer := s.fetch("GET", "/lawyers/"+in.LawyerID, nil)
	if st != 200 {
		stubErr(w, 404, "not_found", "no such lawyer", nil)
		return
	}
	from := url.QueryEscape(start.Add(-time.Minute).Format(time.RFC3339))
	to := url.QueryEscape(start.Add(time.Minute).Format(time.RFC3339))
	_, slots := s.fetch("GET", "/lawyers/"+in.LawyerID+"/slots?from="+from+"&to="+to, nil)
	var slot map[string]any
	for _, it := range slots["items"].([]any) {
		if sl := it.(map[string]any); str(sl, "start") == start.UTC().Format(time.RFC3339) {
			slot = sl
		}
	}
	if slot == nil || s.taken[in.LawyerID+"|"+start.UTC().Format(time.RFC3339)] {
		stubErr(w, 409, "slot_unavailable", "the slot is not open", nil)
		return
	}
	now := time.Now().UTC()
	created, _ := time.Parse(time.RFC3339, str(q, "createdAt"))
	b := &stubBooking{
		ID: newID(), QuestionID: in.QuestionID, LawyerID: in.LawyerID, FirmID: str(lawyer, "firmId"), Area: str(q, "area"),
		Mode: in.Mode, Status: "pending", Start: start.UTC(), Minutes: int(slot["minutes"].(float64)),
		StartLocal: str(slot, "startLocal"), TimeZone: str(slot, "timeZone"), CreatedAt: now, UpdatedAt: now,
		RespondBy: now.Add(24 * time.Hour), QuestionTitle: str(q, "title"), City: str(q, "city"), QuestionAt: created,
		Lawyer: lawyer, Visitor: map[string]string{"name": str(q, "name"), "phone": str(q, "phone"), "email": str(q, "email")},
	}
	s.bookings[b.ID] = b
	s.order = append(s.order, b.ID)
	s.taken[b.LawyerID+"|"+start.UTC().Format(time.RFC3339)] = true
	if key != "" {
		s.idem[key] = b.ID
	}
	stubJSON(w, 201, b.view(false))
}

func (s *stub) get(w http.ResponseWriter, r *http.Request) {
	id, ics := strings.CutSuffix(r.PathValue("id"), ".ics")
	s.mu.Lock()
	b, ok := s.bookings[id]
	s.mu.Unlock()
	if !ok {
		stubErr(w, 404, "not_found", "no such booking", nil)
		return
	}
	role, _ := s.who(r, b)
	if role == "" {
		stubErr(w, 403, "forbidden", "not yours", nil)
		return
	}
	if ics {
		w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
		fmt.Fprintf(w, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//LawDesk//stub//EN\r\nBEGIN:VEVENT\r\nUID:%s@lawdesk\r\nDTSTART:%s\r\nDTEND:%s\r\nSUMMARY:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
			b.ID, b.Start.Format("20060102T150405Z"), b.Start.Add(time.Duration(b.Minutes)*time.Minute).Format("20060102T150405Z"), b.QuestionTitle)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	stubJSON(w, 200, b.view(role != "visitor"))
}

func (s *stub) act(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	b, ok := s.bookings[r.PathValue("id")]
	s.mu.Unlock()
	if !ok {
		stubErr(w, 404, "not_found", "no such booking", nil)
		return
	}
	role, _ := s.who(r, b)
	var in struct{ Reason string }
	_ = json.NewDecoder(r.Body).Decode(&in)
	s.mu.Lock()
	defer s.mu.Unlock()
	move := func(from []string, to string) bool {
		if !has(from, b.Status) {
			stubErr(w, 409, "invalid_state", "the booking is "+b.Status, nil)
			return false
		}
		b.Status, b.UpdatedAt = to, time.Now().UTC()
		return true
	}
	free := func() { delete(s.taken, b.LawyerID+"|"+b.Start.Format(time.RFC3339)) }
	switch r.PathValue("action") {
	case "accept":
		if role != "lawyer" {
			stubErr(w, 403, "forbidden", "only the lawyer", nil)
			return
		}
		if !move([]string{"pending"}, "confirmed") {
			return
		}
	case "decline":
		if role != "lawyer" {
			stubErr(w, 403, "forbidden", "only the lawyer", nil)
			return
		}
		if strings.TrimSpace(in.Reason) == "" {
			stubErr(w, 400, "validation_failed", "give a reason", map[string]string{"reason": "is required"})
			return
		}
		if !move([]string{"pending"}, "declined") {
			return
		}
		b.DeclineReason = in.Reason
		free()
	case "cancel":
		if role != "visitor" && role != "lawyer" {
			stubErr(w, 403, "forbidden", "only the visitor or the lawyer", nil)
			return
		}
		if role == "visitor" && time.Until(b.Start) < 2*time.Hour {
			stubErr(w, 409, "invalid_state", "too close to the start to cancel", nil)
			return
		}
		if !move([]string{"pending", "confirmed"}, "cancelled") {
			return
		}
		b.CancelledBy = role
		free()
	case "complete":
		if role != "lawyer" {
			stubErr(w, 403, "forbidden", "only the lawyer", nil)
			return
		}
		if time.Now().Before(b.Start) {
			stubErr(w, 409, "invalid_state", "not started yet", nil)
			return
		}
		if !move([]string{"confirmed"}, "completed") {
			return
		}
	default:
		stubErr(w, 404, "not_found", "no such route", nil)
		return
	}
	stubJSON(w, 200, b.view(role != "visitor"))
}

func (s *stub) contact(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	b, ok := s.bookings[r.PathValue("id")]
	s.mu.Unlock()
	if !ok {
		stubErr(w, 404, "not_found", "no such booking", nil)
		return
	}
	role, c := s.who(r, b)
	if role == "" {
		stubErr(w, 403, "forbidden", "not yours", nil)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if b.Status != "confirmed" && b.Status != "completed" {
		stubErr(w, 403, "contact_locked", "the contact is shown once the booking is confirmed", nil)
		return
	}
	if role == "visitor" {
		stubJSON(w, 200, map[string]any{"lawyer": map[string]string{"name": str(b.Lawyer, "name"), "phone": "13800138099", "email": "lawyer@example.com"}})
		return
	}
	actor, name := "staff:"+str(c, "sub"), ""
	if role == "lawyer" {
		actor, name = "lawyer:"+b.LawyerID, str(b.Lawyer, "name")
	}
	s.audit = append(s.audit, stubAudit{At: time.Now().UTC(), Actor: actor, ActorName: name, Subject: b.QuestionID,
		Fields: []string{"name", "phone", "email"}, Route: "GET /bookings/{id}/contact"})
	stubJSON(w, 200, map[string]any{"visitor": b.Visitor})
}

func (s *stub) lawyerBookings(w http.ResponseWriter, r *http.Request) {
	c := claims(r)
	if c == nil || !has(groupsOf(c), "lawyers") {
		stubErr(w, 401, "unauthenticated", "sign in", nil)
		return
	}
	status := r.URL.Query().Get("status")
	s.mu.Lock()
	defer s.mu.Unlock()
	items := []map[string]any{}
	var list []*stubBooking
	for _, id := range s.order {
		b := s.bookings[id]
		if b.LawyerID == str(c, "custom:lawyerId") && (status == "" || b.Status == status) {
			list = append(list, b)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Start.Before(list[j].Start) })
	for _, b := range list {
		items = append(items, b.view(true))
	}
	stubJSON(w, 200, map[string]any{"items": items})
}

func (s *stub) accessLog(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if st, _ := s.fetch("GET", "/questions/"+id, http.Header{"X-Visitor-Token": {r.Header.Get("X-Visitor-Token")}}); st != 200 {
		stubErr(w, 401, "unauthenticated", "send the question's X-Visitor-Token", nil)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	items := []stubAudit{}
	for _, a := range s.audit {
		if a.Subject == id {
			items = append(items, a)
		}
	}
	stubJSON(w, 200, map[string]any{"items": items})
}

// staffOf returns the caller's firm ("" for admins) or false.
func staffOf(r *http.Request) (string, bool) {
	c := claims(r)
	if c == nil {
		return "", false
	}
	g := groupsOf(c)
	if has(g, "admins") {
		return "", true
	}
	if has(g, "staff") && str(c, "custom:firmId") != "" {
		return str(c, "custom:firmId"), true
	}
	return "", false
}

// leadList is the firm's leads (latest booking per question), filtered.
func (s *stub) leadList(r *http.Request, firm string) []map[string]any {
	q := r.URL.Query()
	from, _ := time.Parse(time.RFC3339, q.Get("from"))
	to, _ := time.Parse(time.RFC3339, q.Get("to"))
	latest := map[string]*stubBooking{}
	var qs []string
	for _, id := range s.order {
		b := s.bookings[id]
		if _, seen := latest[b.QuestionID]; !seen {
			qs = append(qs, b.QuestionID)
		}
		latest[b.QuestionID] = b
	}
	out := []map[string]any{}
	for i := len(qs) - 1; i >= 0; i-- {
		b := latest[qs[i]]
		if firm != "" && b.FirmID != firm {
			continue
		}
		status := map[string]string{"pending": "booked", "confirmed": "confirmed", "completed": "completed"}[b.Status]
		if status == "" {
			status = "matched"
		}
		assigned := s.assigned[b.QuestionID]
		switch {
		case q.Get("status") != "" && q.Get("status") != status,
			q.Get("area") != "" && q.Get("area") != b.Area,
			q.Get("lawyer") != "" && q.Get("lawyer") != b.LawyerID && q.Get("lawyer") != assigned,
			!from.IsZero() && b.QuestionAt.Before(from),
			!to.IsZero() && !b.QuestionAt.Before(to):
			continue
		}
		open := status == "confirmed" || status == "completed" || assigned != ""
		visitor := masked(b.Visitor)
		if open {
			visitor = b.Visitor
		}
		lead := map[string]any{"questionId": b.QuestionID, "title": b.QuestionTitle, "area": b.Area, "city": b.City, "status": status,
			"createdAt": b.QuestionAt.Format(time.RFC3339), "lawyerId": b.LawyerID, "bookingId": b.ID, "visitor": visitor, "contactMasked": !open}
		if assigned != "" {
			lead["assignedTo"] = assigned
		}
		out = append(out, lead)
	}
	return out
}

func (s *stub) leads(w http.ResponseWriter, r *http.Request) {
	firm, ok := staffOf(r)
	if !ok {
		stubErr(w, 403, "forbidden", "staff only", nil)
		return
	}
	s.mu.Lock()
	all := s.leadList(r, firm)
	s.mu.Unlock()
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	if limit <= 0 {
		limit = 20
	}
	off, _ := strconv.Atoi(r.URL.Query().Get("cursor"))
	end := min(off+limit, len(all))
	page := map[string]any{"items": all[min(off, len(all)):end]}
	if end < len(all) {
		page["nextCursor"] = strconv.Itoa(end)
	}
	stubJSON(w, 200, page)
}

func (s *stub) leadsCSV(w http.ResponseWriter, r *http.Request) {
	firm, ok := staffOf(r)
	if !ok {
		stubErr(w, 403, "forbidden", "staff only", nil)
		return
	}
	s.mu.Lock()
	all := s.leadList(r, firm)
	s.mu.Unlock()
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	_ = cw.Write([]string{"questionId", "createdAt", "title", "area", "city", "status", "lawyerId", "assignedTo", "visitorName", "visitorPhone", "visitorEmail"})
	for _, l := range all {
		v := l["visitor"].(map[string]string)
		_ = cw.Write([]string{l["questionId"].(string), l["createdAt"].(string), l["title"].(string), l["area"].(string), l["city"].(string),
			l["status"].(string), l["lawyerId"].(string), fmt.Sprint(l["assignedTo"]), v["name"], v["phone"], v["email"]})
	}
	cw.Flush()
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="leads.csv"`)
	_, _ = io.Copy(w, &buf)
}

func (s *stub) stats(w http.ResponseWriter, r *http.Request) {
	firm, ok := staffOf(r)
	if !ok {
		stubErr(w, 403, "forbidden", "staff only", nil)
		return
	}
	s.mu.Lock()
	all := s.leadList(&http.Request{URL: &url.URL{RawQuery: url.Values{"from": {r.URL.Query().Get("from")}, "to": {r.URL.Query().Get("to")}}.Encode()}}, firm)
	s.mu.Unlock()
	rank := map[string]int{"submitted": 0, "matched": 1, "booked": 2, "confirmed": 3, "completed": 4}
	stages := []string{"submitted", "matched", "booked", "confirmed", "completed"}
	total := map[string]any{}
	byArea := map[string]map[string]any{}
	for _, st := range stages {
		total[st] = 0
	}
	for _, l := range all {
		a := l["area"].(string)
		if byArea[a] == nil {
			byArea[a] = map[string]any{"area": a}
			for _, st := range stages {
				byArea[a][st] = 0
			}
		}
		for _, st := range stages {
			if rank[l["status"].(string)] >= rank[st] {
				total[st] = total[st].(int) + 1
				byArea[a][st] = byArea[a][st].(int) + 1
			}
		}
	}
	areas := []map[string]any{}
	for _, v := range byArea {
		areas = append(areas, v)
	}
	sort.Slice(areas, func(i, j int) bool { return areas[i]["area"].(string) < areas[j]["area"].(string) })
	stubJSON(w, 200, map[string]any{"total": total, "byArea": areas})
}

func (s *stub) assign(w http.ResponseWriter, r *http.Request) {
	firm, ok := staffOf(r)
	if !ok {
		stubErr(w, 403, "forbidden", "staff only", nil)
		return
	}
	var in struct{ LawyerID string }
	_ = json.NewDecoder(r.Body).Decode(&in)
	st, l := s.fetch("GET", "/lawyers/"+in.LawyerID, nil)
	if st != 200 || (firm != "" && str(l, "firmId") != firm) {
		stubErr(w, 400, "validation_failed", "not a lawyer of the firm", map[string]string{"lawyerId": "must be a lawyer of your firm"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	qid := r.PathValue("id")
	s.assigned[qid] = in.LawyerID
	for _, lead := range s.leadList(&http.Request{URL: &url.URL{}}, firm) {
		if lead["questionId"] == qid {
			stubJSON(w, 200, lead)
			return
		}
	}
	stubErr(w, 404, "not_found", "no such lead", nil)
}

func (s *stub) auditLog(w http.ResponseWriter, r *http.Request) {
	if _, ok := staffOf(r); !ok {
		stubErr(w, 403, "forbidden", "staff only", nil)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	items := []stubAudit{}
	for _, a := range s.audit {
		if a.Subject == r.URL.Query().Get("subject") {
			items = append(items, a)
		}
	}
	stubJSON(w, 200, map[string]any{"items": items})
}
