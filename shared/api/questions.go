package api

import (
	"net/http"
	"strings"

	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/domain"
)

func (h *handlers) submitQuestion(w http.ResponseWriter, r *http.Request) error {
	var in domain.QuestionInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	res, err := h.Service.SubmitQuestion(r.Context(), in, h.sourceIP(r))
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/questions/"+res.ID)
	WriteJSON(w, http.StatusCreated, res)
	return nil
}

func (h *handlers) listQuestions(w http.ResponseWriter, r *http.Request) error {
	p := queryOf(r)
	q := app.QuestionQuery{Area: p.str("area"), Answered: p.boolean("answered"), Limit: p.int("limit"), Cursor: p.str("cursor")}
	if err := p.err(); err != nil {
		return err
	}
	page, err := h.Service.FindPublicQuestions(r.Context(), q)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, page)
	return nil
}

func (h *handlers) getQuestion(w http.ResponseWriter, r *http.Request) error {
	q, err := h.Service.FindQuestion(r.Context(), r.PathValue("id"), visitorToken(r))
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, q)
	return nil
}

func (h *handlers) eraseQuestion(w http.ResponseWriter, r *http.Request) error {
	if err := h.Service.EraseQuestion(r.Context(), r.PathValue("id"), visitorToken(r)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// answerOffer answers a firm's offer on the visitor's question: accept or
// decline. The request has no body.
func answerOffer(accept bool) func(*handlers, http.ResponseWriter, *http.Request) error {
	return func(h *handlers, w http.ResponseWriter, r *http.Request) error {
		v, err := h.Service.AnswerOffer(r.Context(), r.PathValue("id"), r.PathValue("offerId"), visitorToken(r), accept)
		if err != nil {
			return err
		}
		WriteJSON(w, http.StatusOK, v)
		return nil
	}
}

type classifyInput struct {
	Text string `json:"text"`
}

func (h *handlers) classify(w http.ResponseWriter, r *http.Request) error {
	var in classifyInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	c, err := h.Service.Classify(r.Context(), in.Text, h.sourceIP(r))
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, map[string]any{"candidates": c})
	return nil
}

func (h *handlers) matches(w http.ResponseWriter, r *http.Request) error {
	m, err := h.Service.FindMatches(r.Context(), r.PathValue("id"), visitorToken(r), language(r), queryOf(r).str("tz"))
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, m)
	return nil
}

// language picks the language of human-readable texts from
// Accept-Language: English when it is preferred over Chinese, else Chinese.
func language(r *http.Request) string {
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "zh"):
			return "zh"
		case strings.HasPrefix(tag, "en"):
			return "en"
		}
	}
	return "zh"
}
