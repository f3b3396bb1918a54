package router

//go:generate go run gen.go

import (
	_ "embed"
	"errors"
	"math"
	"math/bits"
	"slices"
	"sort"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/router/internal/textfeat"
)

// Candidate is one practice area with its share of the router's confidence.
type Candidate struct {
	Area  string  `json:"area"`
	Score float64 `json:"score"`
}

// ErrNoSignal is returned by Classify for text that carries nothing the
// router recognises: empty text, whitespace, punctuation, emoji, digits,
// random letters, or words with no bearing on any practice area.
var ErrNoSignal = errors.New("router: no recognisable signal in text")

// MaxRunes is the number of leading runes of a text that Classify considers.
const MaxRunes = textfeat.MaxRunes

//go:embed model.txt
var modelData string

const numAreas = 14

var areaIndex = func() map[string]int {
	if len(domain.Areas) != numAreas {
		panic("router: domain.Areas changed size; update numAreas and regenerate the model")
	}
	m := make(map[string]int, numAreas)
	for i, a := range domain.Areas {
		m[a.Code] = i
	}
	return m
}()

// visitorPrior is the share of visitor questions expected per area, in
// domain.Areas order. It is a hand-set guess at what people bring to a
// consultation platform, deliberately not the skew of the FAQ training file
// (which has 350 contract questions and 3 traffic ones): family, labour,
// traffic and debt are the everyday worries. Only relative sizes matter.
var visitorPrior = [numAreas]float64{
	12, // family
	12, // labor
	8,  // criminal
	9,  // traffic
	4,  // medical
	10, // contract
	8,  // real_estate
	10, // debt
	4,  // corporate
	3,  // ip
	4,  // administrative
	3,  // privacy
	7,  // consumer
	6,  // finance
}

// Tuning constants (see the package comment for how they were chosen).
const (
	// modelWeight scales the statistical model's logits against the
	// lexicon's evidence (lexicon weights are in nats).
	modelWeight = 1.5
	// temperature divides the combined scores before the softmax.
	temperature = 1.3
	// minModelSpread is the least spread (max − min) of the weighted model
	// logits that counts as a signal when no lexicon term matched.
	minModelSpread = 2.0
	// termDecay discounts the second, third … lexicon term of one area.
	termDecay = 0.5
	// priorStrength scales the log prior (1 = as is, 0 = uniform).
	priorStrength = 0.5
	// modelClip bounds the weighted, centred model logits to ±modelClip.
	modelClip = 3.0

	// Long English posts (issue 14). A text's longness grows from 0 at
	// longFrom English words to 1 at longFull; a short question (longness
	// 0, every Chinese one among them) is scored exactly as before, and
	// the following weigh in proportion to the longness.
	longFrom = 25
	longFull = 100
	// everydayWeight scales an everyday term (lexicon_data.go) in a long
	// text: house, car, money and account set the scene of a post.
	everydayWeight = 0.4
	// repeatWeight: a term met in n sentences weighs 1 + repeatWeight·log2 n
	// times as much: a post comes back to its concern.
	repeatWeight = 0.25
	// emphasisWeight multiplies a term met in the title or in a question:
	// where a post says what it asks.
	emphasisWeight = 1.5
	// ruleApart scales a mixed-topic rule whose two sides meet in no one
	// sentence of a long text: in a post of twenty sentences, "sue" and
	// "police" far apart are no challenge of a police decision.
	ruleApart = 0.5
)

// Router ranks practice areas for a question. It is immutable after New and
// safe for concurrent use.
type Router struct {
	lex      *lexicon
	model    *model // nil: lexicon only
	logPrior [numAreas]float64
	modelW   float64
	temp     float64
	decay    float64
	clip     float64

	// long English posts (the constants of the same names)
	longFrom, longFull                    float64
	everyday, repeat, emphasis, ruleApart float64
}

// New returns a router loaded with the embedded lexicon and model (from
// tables.bin, see tables.go). It panics if they are malformed, which the
// package's tests rule out.
func New() *Router {
	lx, m, err := decodeTables(tablesBin)
	if err != nil {
		panic(err)
	}
	return newRouter(lx, m, visitorPrior)
}

func newRouter(lx *lexicon, m *model, prior [numAreas]float64) *Router {
	r := &Router{lex: lx, model: m, modelW: modelWeight, temp: temperature, decay: termDecay, clip: modelClip,
		longFrom: longFrom, longFull: longFull, everyday: everydayWeight, repeat: repeatWeight,
		emphasis: emphasisWeight, ruleApart: ruleApart}
	var sum float64
	for _, p := range prior {
		sum += p
	}
	for i, p := range prior {
		r.logPrior[i] = priorStrength * math.Log(p/sum)
	}
	return r
}

// evidence is what Classify found in a text, per area.
type evidence struct {
	lex     [numAreas]float64
	model   [numAreas]float64
	hits    int // distinct lexicon terms matched
	known   int // distinct model n-grams known
	signal  bool
	matched []string // matched terms, for explanations and tests
	rules   []int    // rules that fired, for tests
}

func (r *Router) gather(text string) evidence {
	var ev evidence
	t := textfeat.Normalize(text)
	var buf [32]span
	hits, fired, together := r.lex.match(&t, buf[:0])
	// by term, then by position: a term's spans are together, sentence by
	// sentence
	slices.SortFunc(hits, func(a, b span) int {
		if a.term != b.term {
			return a.term - b.term
		}
		return a.start - b.start
	})
	long := r.longness(len(t.Tokens))
	var perArea [numAreas][]float64
	for i := 0; i < len(hits); {
		// each distinct term counts once; in a long text, by how often
		// and where it is met
		tm := &r.lex.terms[hits[i].term]
		sents, emph, last := 0, false, int32(-2)
		j := i
		for ; j < len(hits) && hits[j].term == hits[i].term; j++ {
			if s := hits[j].sent; s != last {
				sents, last = sents+1, s
				if s >= 0 && t.SentFlags[s]&(textfeat.SentTitle|textfeat.SentQuestion) != 0 {
					emph = true
				}
			}
		}
		i = j
		ev.hits++
		ev.matched = append(ev.matched, tm.text)
		f := 1.0
		if long > 0 {
			g := 1 + r.repeat*math.Log2(float64(sents))
			if tm.everyday {
				g *= r.everyday
			}
			if emph {
				g *= r.emphasis
			}
			f = 1 + long*(g-1)
		}
		for _, aw := range tm.weights {
			perArea[aw.area] = append(perArea[aw.area], f*aw.w)
		}
	}
	for a, ws := range perArea {
		// strongest term counts fully, the next ones less and less: terms of
		// one area tend to come together (医院 … 病情) and should not outvote
		// one decisive term of another area (泄露)
		slices.Sort(ws)
		f := 1.0
		for i := len(ws) - 1; i >= 0; i-- {
			ev.lex[a] += f * ws[i]
			f *= r.decay
		}
	}
	for ; fired != 0; fired &= fired - 1 {
		// a mixed-topic rule: its weight adds to the area's evidence
		// outside the decay (it is not one more term of the area); in a
		// long text, sides that meet in no sentence count less
		k := bits.TrailingZeros64(fired)
		ru := &r.lex.rules[k]
		w := ru.w
		if together&(1<<k) == 0 {
			w *= 1 + long*(r.ruleApart-1)
		}
		ev.lex[ru.area] += w
		ev.rules = append(ev.rules, k)
	}
	if r.model != nil && t.Han != "" {
		var ibuf [256]int32
		idx := ibuf[:0]
		textfeat.HanNgrams(t.Han, r.model.minN, r.model.maxN, func(g string) {
			if k, ok := r.model.lookup(g); ok {
				idx = append(idx, k)
			}
		})
		slices.Sort(idx)
		idx = slices.Compact(idx)
		ev.known = len(idx)
		if ev.known > 0 {
			val := 1 / math.Sqrt(float64(ev.known))
			for _, k := range idx {
				for ws := r.model.row(k); len(ws) >= weightSize; ws = ws[weightSize:] {
					if area, w := unpackWeight(ws); area < numAreas { // see model.valid
						ev.model[area] += val * w * r.modelW
					}
				}
			}
			if r.clip > 0 {
				var mean float64
				for _, v := range ev.model {
					mean += v
				}
				mean /= numAreas
				for i, v := range ev.model {
					ev.model[i] = max(-r.clip, min(r.clip, v-mean))
				}
			}
			lo, hi := ev.model[0], ev.model[0]
			for _, v := range ev.model[1:] {
				lo, hi = min(lo, v), max(hi, v)
			}
			if hi-lo >= minModelSpread {
				ev.signal = true
			}
		}
	}
	if ev.hits > 0 || len(ev.rules) > 0 {
		ev.signal = true
	}
	return ev
}

// longness is 0 for a text of at most longFrom English words, 1 from
// longFull on, and linear between.
func (r *Router) longness(words int) float64 {
	return max(0, min(1, (float64(words)-r.longFrom)/(r.longFull-r.longFrom)))
}

// Classify ranks all 14 practice areas for text, best first. Scores are in
// [0, 1] and sum to 1; equal scores are ordered as in domain.Areas. The
// result is deterministic. Only the first MaxRunes runes of text are
// considered, their Han characters only among the first 1,000. It returns ErrNoSignal when the text carries nothing the
// router recognises.
func (r *Router) Classify(text string) ([]Candidate, error) {
	ev := r.gather(text)
	if !ev.signal {
		return nil, ErrNoSignal
	}
	var score [numAreas]float64
	for i := range score {
		score[i] = (r.logPrior[i] + ev.lex[i] + ev.model[i]) / r.temp
	}
	return rank(score), nil
}

// rank turns scores into candidates: softmax, then sorted by score
// descending, ties in domain.Areas order.
func rank(score [numAreas]float64) []Candidate {
	mx := score[0]
	for _, s := range score[1:] {
		mx = max(mx, s)
	}
	var p [numAreas]float64
	var sum float64
	for i, s := range score {
		p[i] = math.Exp(s - mx)
		sum += p[i]
	}
	out := make([]Candidate, numAreas)
	for i := range out {
		out[i] = Candidate{Area: domain.Areas[i].Code, Score: p[i] / sum}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Score > out[b].Score })
	return out
}
