package api

import (
	"net/http"
	"time"

	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/domain"
)

func (h *handlers) health(w http.ResponseWriter, r *http.Request) error {
	if err := h.Service.Health(r.Context()); err != nil {
		if domain.ErrorCode(err) == domain.EInternal {
			logger(r).Error("health check failed", "err", err.Error())
		}
		return &domain.Error{Code: domain.EUnavailable, Message: "the store does not answer", RetryAfter: 5e9}
	}
	WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

func (h *handlers) practiceAreas(w http.ResponseWriter, r *http.Request) error {
	WriteJSON(w, http.StatusOK, map[string]any{"items": h.Service.PracticeAreas()})
	return nil
}

func (h *handlers) createFirm(w http.ResponseWriter, r *http.Request) error {
	who, err := h.identity(r)
	if err != nil {
		return err
	}
	var in domain.FirmInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	f, err := h.Service.CreateFirm(r.Context(), who, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/firms/"+f.ID)
	WriteJSON(w, http.StatusCreated, f)
	return nil
}

func (h *handlers) getFirm(w http.ResponseWriter, r *http.Request) error {
	f, err := h.Service.FindFirm(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, f)
	return nil
}

func (h *handlers) createLawyer(w http.ResponseWriter, r *http.Request) error {
	who, err := h.identity(r)
	if err != nil {
		return err
	}
	var in domain.LawyerInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	l, err := h.Service.CreateLawyer(r.Context(), who, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/lawyers/"+l.ID)
	WriteJSON(w, http.StatusCreated, l)
	return nil
}

func (h *handlers) listLawyers(w http.ResponseWriter, r *http.Request) error {
	p := queryOf(r)
	q := app.LawyerQuery{Area: p.str("area"), City: p.str("city"), Firm: p.str("firm"), Limit: p.int("limit"), Cursor: p.str("cursor")}
	if err := p.err(); err != nil {
		return err
	}
	page, err := h.Service.FindLawyers(r.Context(), q)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, page)
	return nil
}

func (h *handlers) getLawyer(w http.ResponseWriter, r *http.Request) error {
	l, err := h.Service.FindLawyer(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, l)
	return nil
}

func (h *handlers) publishSlots(w http.ResponseWriter, r *http.Request) error {
	who, err := h.identity(r)
	if err != nil {
		return err
	}
	var in domain.SlotsInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	slots, err := h.Service.PublishSlots(r.Context(), who, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusCreated, map[string]any{"items": slots})
	return nil
}

func (h *handlers) listSlots(w http.ResponseWriter, r *http.Request) error {
	p := queryOf(r)
	q := app.SlotQuery{LawyerID: r.PathValue("id"), From: p.time("from"), To: p.time("to"), Limit: p.int("limit"), Cursor: p.str("cursor")}
	if err := p.err(); err != nil {
		return err
	}
	page, err := h.Service.FindOpenSlots(r.Context(), q)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, page)
	return nil
}

func (h *handlers) updateLawyer(w http.ResponseWriter, r *http.Request) error {
	who, err := h.identity(r)
	if err != nil {
		return err
	}
	var in domain.LawyerPatch
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	l, err := h.Service.UpdateLawyer(r.Context(), who, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, l)
	return nil
}

func (h *handlers) lawyerReviews(w http.ResponseWriter, r *http.Request) error {
	p := queryOf(r)
	limit, cursor := p.int("limit"), p.str("cursor")
	if err := p.err(); err != nil {
		return err
	}
	page, err := h.Service.FindReviews(r.Context(), r.PathValue("id"), limit, cursor)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, page)
	return nil
}

// withdrawSlot serves DELETE /lawyers/{id}/slots/{start}: start is the
// slot's RFC 3339 start (escaped in the path as a client pleases).
func (h *handlers) withdrawSlot(w http.ResponseWriter, r *http.Request) error {
	who, err := h.identity(r)
	if err != nil {
		return err
	}
	start, err := time.Parse(time.RFC3339, r.PathValue("start"))
	if err != nil {
		return domain.Invalid("start", domain.CodeTimeFormat, "the slot's start is not a time", "must be the slot's RFC 3339 start, e.g. 2026-12-01T09:00:00+08:00")
	}
	if err := h.Service.WithdrawSlot(r.Context(), who, r.PathValue("id"), start.UTC()); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
