package router

import "github.com/lawdesk/lawdesk/shared/domain"

// Classifier is a Router in the form app.Classifier asks for. It lives
// here, not in app, so that only the binaries that route text (the
// classify and questions functions, the local server) link the router and
// load its model; the other functions give the service none.
type Classifier struct{ l *loading }

// loading is a Router being loaded: r is set before done is closed.
type loading struct {
	r    *Router
	done chan struct{}
}

// NewClassifier starts loading the embedded lexicon and model (see New)
// and returns at once: a function's cold start loads them while it reads
// its configuration and its secrets (a round trip to Secrets Manager) on
// the main goroutine, and awsboot.MustDeps waits for them before the
// first request. Classify and Keywords wait too, so a classifier is
// usable as soon as it is returned.
func NewClassifier() Classifier {
	l := &loading{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		l.r = New()
	}()
	return Classifier{l: l}
}

// Wait returns once the lexicon and model are loaded. New panics on
// malformed tables, which the tests rule out; that panic ends the process
// from the loading goroutine, as it would have from the caller's.
func (c Classifier) Wait() { <-c.l.done }

func (c Classifier) router() *Router {
	c.Wait()
	return c.l.r
}

// Classify implements app.Classifier: ok is false when the text carries
// no recognisable signal.
func (c Classifier) Classify(text string) ([]domain.AreaScore, bool) {
	cands, err := c.router().Classify(text)
	if err != nil {
		return nil, false
	}
	out := make([]domain.AreaScore, len(cands))
	for i, x := range cands {
		out[i] = domain.AreaScore{Area: x.Area, Score: x.Score}
	}
	return out, true
}
