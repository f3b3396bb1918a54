package router

import (
	"cmp"
	"slices"

	"github.com/lawdesk/lawdesk/shared/router/internal/textfeat"
)

// Keywords returns up to n of the lexicon's terms that text holds,
// strongest first (by the term's largest weight in any area; ties in the
// lexicon's order): the legal words of a question, normalised, which
// index it for related questions. A term inside a longer matched term
// does not count (医疗事故 hides 事故), as in Classify.
func (r *Router) Keywords(text string, n int) []string {
	t := textfeat.Normalize(text)
	var buf [32]span
	hits, _, _ := r.lex.match(&t, buf[:0])
	type kw struct {
		term int
		w    float64
	}
	var kws []kw
	for _, h := range hits {
		if slices.ContainsFunc(kws, func(k kw) bool { return k.term == h.term }) {
			continue
		}
		var w float64
		for _, aw := range r.lex.terms[h.term].weights {
			w = max(w, aw.w)
		}
		kws = append(kws, kw{h.term, w})
	}
	slices.SortStableFunc(kws, func(a, b kw) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return cmp.Compare(a.term, b.term)
	})
	out := make([]string, 0, min(n, len(kws)))
	for _, k := range kws[:min(n, len(kws))] {
		out = append(out, r.lex.terms[k.term].text)
	}
	return out
}

// Keywords implements the keywords part of app.Classifier.
func (c Classifier) Keywords(text string, n int) []string { return c.router().Keywords(text, n) }
