package api

import (
	"net/http"
	"time"

	"github.com/lawdesk/lawdesk/shared/app"
)

func (h *handlers) contact(w http.ResponseWriter, r *http.Request) error {
	c, err := h.caller(r)
	if err != nil {
		return err
	}
	v, err := h.Service.Contact(r.Context(), c, r.PathValue("id"))
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, v)
	return nil
}

func (h *handlers) accessLog(w http.ResponseWriter, r *http.Request) error {
	p := queryOf(r)
	limit, cursor := p.int("limit"), p.str("cursor")
	if err := p.err(); err != nil {
		return err
	}
	page, err := h.Service.AccessLog(r.Context(), r.PathValue("id"), visitorToken(r), limit, cursor)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, page)
	return nil
}

func (h *handlers) audit(w http.ResponseWriter, r *http.Request) error {
	who, err := h.identity(r)
	if err != nil {
		return err
	}
	p := queryOf(r)
	q := app.AuditQuery{Subject: p.str("subject"), Firm: p.str("firm"), Limit: p.int("limit"), Cursor: p.str("cursor")}
	if err := p.err(); err != nil {
		return err
	}
	if q.Subject != "" && !validID(q.Subject) {
		return notFound("no such subject")
	}
	page, err := h.Service.Audit(r.Context(), who, q)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, page)
	return nil
}

// leadQuery reads the filters of the lead routes.
func leadQuery(r *http.Request) (app.LeadQuery, error) {
	p := queryOf(r)
	q := app.LeadQuery{Scope: p.str("scope"), Status: p.str("status"), Area: p.str("area"), LawyerID: p.str("lawyer"),
		From: p.day("from", false), To: p.day("to", true), Firm: p.str("firm"), Limit: p.int("limit"), Cursor: p.str("cursor")}
	return q, p.err()
}

func (h *handlers) leads(w http.ResponseWriter, r *http.Request) error {
	who, err := h.identity(r)
	if err != nil {
		return err
	}
	q, err := leadQuery(r)
	if err != nil {
		return err
	}
	page, err := h.Service.Leads(r.Context(), who, q)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, page)
	return nil
}

func (h *handlers) leadsCSV(w http.ResponseWriter, r *http.Request) error {
	who, err := h.identity(r)
	if err != nil {
		return err
	}
	q, err := leadQuery(r)
	if err != nil {
		return err
	}
	body, err := h.Service.LeadsCSV(r.Context(), who, q)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="leads-`+time.Now().UTC().Format("20060102")+`.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(body)
	return nil
}

func (h *handlers) leadStats(w http.ResponseWriter, r *http.Request) error {
	who, err := h.identity(r)
	if err != nil {
		return err
	}
	p := queryOf(r)
	from, to, firm := p.day("from", false), p.day("to", false), p.str("firm")
	if err := p.err(); err != nil {
		return err
	}
	f, err := h.Service.Stats(r.Context(), who, firm, from, to)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, f)
	return nil
}

type assignInput struct {
	LawyerID string `json:"lawyerId"`
}

func (h *handlers) assignLead(w http.ResponseWriter, r *http.Request) error {
	who, err := h.identity(r)
	if err != nil {
		return err
	}
	var in assignInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	v, err := h.Service.AssignLead(r.Context(), who, r.PathValue("questionId"), in.LawyerID)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, v)
	return nil
}
