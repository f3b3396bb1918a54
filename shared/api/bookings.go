package api

import (
	"net/http"
	"strings"

	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// caller reads who calls a booking route: a bearer token (lawyer, staff,
// admin) and/or the visitor token.
func (h *handlers) caller(r *http.Request) (app.Caller, error) {
	who, err := h.identity(r)
	return app.Caller{Identity: who, VisitorToken: visitorToken(r)}, err
}

func (h *handlers) createBooking(w http.ResponseWriter, r *http.Request) error {
	c, err := h.caller(r)
	if err != nil {
		return err
	}
	var in domain.BookingInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	b, replayed, err := h.Service.CreateBooking(r.Context(), c, in, r.Header.Get("Idempotency-Key"))
	if err != nil {
		return err
	}
	if replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	w.Header().Set("Location", "/bookings/"+b.ID)
	WriteJSON(w, http.StatusCreated, b)
	return nil
}

// getBooking serves GET /bookings/{id} and its calendar form
// GET /bookings/{id}.ics.
func (h *handlers) getBooking(w http.ResponseWriter, r *http.Request) error {
	c, err := h.caller(r)
	if err != nil {
		return err
	}
	id, ics := strings.CutSuffix(r.PathValue("id"), ".ics")
	if ics {
		cal, err := h.Service.BookingICS(r.Context(), c, id)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="consultation-`+id+`.ics"`)
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(cal)
		return nil
	}
	b, err := h.Service.FindBooking(r.Context(), c, id)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, b)
	return nil
}

// changeBooking serves the transitions: POST /bookings/{id}/<act>. The
// body (a reason) is optional for all but decline.
func changeBooking(act domain.Action) func(*handlers, http.ResponseWriter, *http.Request) error {
	return func(h *handlers, w http.ResponseWriter, r *http.Request) error {
		c, err := h.caller(r)
		if err != nil {
			return err
		}
		var in domain.ReasonInput
		if r.ContentLength != 0 || r.Header.Get("Content-Type") != "" {
			if err := Decode(w, r, &in); err != nil {
				return err
			}
		}
		b, err := h.Service.ChangeBooking(r.Context(), c, r.PathValue("id"), act, in)
		if err != nil {
			return err
		}
		WriteJSON(w, http.StatusOK, b)
		return nil
	}
}

func (h *handlers) lawyerBookings(w http.ResponseWriter, r *http.Request) error {
	who, err := h.identity(r)
	if err != nil {
		return err
	}
	p := queryOf(r)
	q := app.LawyerBookingsQuery{Status: domain.BookingStatus(p.str("status")), Limit: p.int("limit"), Cursor: p.str("cursor")}
	if err := p.err(); err != nil {
		return err
	}
	page, err := h.Service.LawyerBookings(r.Context(), who, q)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, page)
	return nil
}

// rescheduleBooking serves POST /bookings/{id}/reschedule {start}.
func (h *handlers) rescheduleBooking(w http.ResponseWriter, r *http.Request) error {
	c, err := h.caller(r)
	if err != nil {
		return err
	}
	var in domain.RescheduleInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	b, err := h.Service.RescheduleBooking(r.Context(), c, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, b)
	return nil
}

// reviewBooking serves POST /bookings/{id}/review {stars, text}.
func (h *handlers) reviewBooking(w http.ResponseWriter, r *http.Request) error {
	c, err := h.caller(r)
	if err != nil {
		return err
	}
	var in domain.ReviewInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	rv, err := h.Service.ReviewBooking(r.Context(), c, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusCreated, rv)
	return nil
}
