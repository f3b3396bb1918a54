package app

import (
	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/router"
)

// RouterClassifier adapts the practice-area router to Classifier.
type RouterClassifier struct{ r *router.Router }

// NewRouterClassifier loads the embedded router model.
func NewRouterClassifier() RouterClassifier { return RouterClassifier{r: router.New()} }

// Classify implements Classifier.
func (c RouterClassifier) Classify(text string) ([]domain.AreaScore, bool) {
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
