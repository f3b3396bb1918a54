package router

import "github.com/lawdesk/lawdesk/shared/domain"

// Classifier is a Router in the form app.Classifier asks for. It lives
// here, not in app, so that only the binaries that route text (the
// classify and questions functions, the local server) link the router and
// load its model; the other functions give the service none.
type Classifier struct{ r *Router }

// NewClassifier loads the embedded lexicon and model (see New).
func NewClassifier() Classifier { return Classifier{r: New()} }

// Classify implements app.Classifier: ok is false when the text carries
// no recognisable signal.
func (c Classifier) Classify(text string) ([]domain.AreaScore, bool) {
	cands, err := c.r.Classify(text)
	if err != nil {
		return nil, false
	}
	out := make([]domain.AreaScore, len(cands))
	for i, x := range cands {
		out[i] = domain.AreaScore{Area: x.Area, Score: x.Score}
	}
	return out, true
}
