package api

import (
	"net/http"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// The public questions and answers (问答) routes.

func (h *handlers) postAnswer(w http.ResponseWriter, r *http.Request) error {
	who, err := h.identity(r)
	if err != nil {
		return err
	}
	var in domain.TextInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	a, err := h.Service.PostAnswer(r.Context(), who, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusCreated, a)
	return nil
}

func (h *handlers) listAnswers(w http.ResponseWriter, r *http.Request) error {
	items, err := h.Service.FindAnswers(r.Context(), r.PathValue("id"), visitorToken(r))
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, map[string]any{"items": items})
	return nil
}

func (h *handlers) postReply(w http.ResponseWriter, r *http.Request) error {
	c, err := h.caller(r)
	if err != nil {
		return err
	}
	var in domain.TextInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	reply, err := h.Service.PostReply(r.Context(), c, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusCreated, reply)
	return nil
}

func (h *handlers) markHelpful(w http.ResponseWriter, r *http.Request) error {
	a, err := h.Service.MarkHelpful(r.Context(), visitorToken(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, a)
	return nil
}

func (h *handlers) removeAnswer(w http.ResponseWriter, r *http.Request) error {
	who, err := h.identity(r)
	if err != nil {
		return err
	}
	if err := h.Service.RemoveAnswer(r.Context(), who, r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *handlers) related(w http.ResponseWriter, r *http.Request) error {
	p := queryOf(r)
	limit := p.int("limit")
	if err := p.err(); err != nil {
		return err
	}
	items, err := h.Service.FindRelated(r.Context(), r.PathValue("id"), limit)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, map[string]any{"items": items})
	return nil
}

func (h *handlers) lawyerAnswers(w http.ResponseWriter, r *http.Request) error {
	p := queryOf(r)
	limit, cursor := p.int("limit"), p.str("cursor")
	if err := p.err(); err != nil {
		return err
	}
	page, err := h.Service.FindLawyerAnswers(r.Context(), r.PathValue("id"), limit, cursor)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, page)
	return nil
}

func (h *handlers) lawyerQuestions(w http.ResponseWriter, r *http.Request) error {
	who, err := h.identity(r)
	if err != nil {
		return err
	}
	p := queryOf(r)
	area, limit, cursor := p.str("area"), p.int("limit"), p.str("cursor")
	if err := p.err(); err != nil {
		return err
	}
	page, err := h.Service.LawyerInbox(r.Context(), who, area, limit, cursor)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, page)
	return nil
}
