// Package train builds the statistical part of the practice-area router:
// a multinomial logistic regression over character n-grams, trained on the
// training part of the lecoqa file. It is used by shared/router/gen.go (go
// generate) to write model.txt, and by the router's tests to check that the
// committed model is up to date. Training is deterministic: the same samples
// and parameters give a byte-identical model file.
package train

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/router"
	"github.com/lawdesk/lawdesk/shared/router/internal/textfeat"
)

// Params are the training hyper-parameters.
type Params struct {
	MinN, MaxN int     // character n-gram lengths
	MinDF      int     // a feature must occur in at least MinDF training questions
	L2         float64 // L2 penalty
	Iters      int     // gradient steps
	LR         float64 // learning rate
	Balance    float64 // class weight = (N/(K·N_c))^Balance
	Prune      float64 // weights with |w| < Prune are written as 0
}

// Defaults are the parameters of the committed model, chosen by
// cross-validation on the training part (CrossValidate).
var Defaults = Params{MinN: 1, MaxN: 3, MinDF: 2, L2: 3e-4, Iters: 400, LR: 2, Balance: 0.5, Prune: 0.02}

// Model trains on samples and returns the model file.
func Model(samples []router.Sample, p Params) []byte {
	return fit(samples, p).encode(p, len(samples))
}

var areaIndex = func() map[string]int {
	m := map[string]int{}
	for i, a := range domain.Areas {
		m[a.Code] = i
	}
	return m
}()

const K = 14

// docFeatures returns the distinct features of a text, sorted.
func docFeatures(text string, p Params) []string {
	t := textfeat.Normalize(text)
	set := map[string]bool{}
	textfeat.HanNgrams(t.Han, p.MinN, p.MaxN, func(g string) {
		if !textfeat.IsStopGram(g) {
			set[g] = true
		}
	})
	out := make([]string, 0, len(set))
	for g := range set {
		out = append(out, g)
	}
	sort.Strings(out)
	return out
}

type model struct {
	feats []string             // sorted
	w     map[string][]float64 // feature → K weights
}

type doc struct {
	x   []int // feature indices
	val float64
	y   int
	cw  float64
}

// fit trains an L2-regularised multinomial logistic regression on binary
// character n-gram features, each document's vector scaled to unit length,
// with class weights (N/(K·N_c))^balance, by full-batch gradient descent
// with Nesterov momentum from zero (deterministic). The intercepts are
// trained but not kept: the router uses its own prior.
func fit(train []router.Sample, p Params) *model {
	df := map[string]int{}
	feats := make([][]string, len(train))
	for i, s := range train {
		feats[i] = docFeatures(s.Text, p)
		for _, g := range feats[i] {
			df[g]++
		}
	}
	var vocab []string
	for g, n := range df {
		if n >= p.MinDF {
			vocab = append(vocab, g)
		}
	}
	sort.Strings(vocab)
	idx := make(map[string]int, len(vocab))
	for i, g := range vocab {
		idx[g] = i
	}
	var classN [K]int
	for _, s := range train {
		classN[areaIndex[s.Area]]++
	}
	docs := make([]doc, 0, len(train))
	for i, s := range train {
		var x []int
		for _, g := range feats[i] {
			if j, ok := idx[g]; ok {
				x = append(x, j)
			}
		}
		if len(x) == 0 {
			continue
		}
		y := areaIndex[s.Area]
		cw := math.Pow(float64(len(train))/(K*float64(classN[y])), p.Balance)
		docs = append(docs, doc{x: x, val: 1 / math.Sqrt(float64(len(x))), y: y, cw: cw})
	}
	V := len(vocab)
	W := make([]float64, (V+1)*K) // last row: intercepts
	vel := make([]float64, len(W))
	grad := make([]float64, len(W))
	look := make([]float64, len(W))
	var sumCW float64
	for _, d := range docs {
		sumCW += d.cw
	}
	const mu = 0.9
	for it := 0; it < p.Iters; it++ {
		for i := range look {
			look[i] = W[i] + mu*vel[i]
			grad[i] = 0
		}
		for _, d := range docs {
			var z [K]float64
			for c := 0; c < K; c++ {
				z[c] = look[V*K+c]
			}
			for _, j := range d.x {
				row := look[j*K : j*K+K]
				for c := 0; c < K; c++ {
					z[c] += d.val * row[c]
				}
			}
			pr := softmax(z)
			for c := 0; c < K; c++ {
				g := pr[c]
				if c == d.y {
					g -= 1
				}
				g *= d.cw / sumCW
				if g == 0 {
					continue
				}
				grad[V*K+c] += g
				for _, j := range d.x {
					grad[j*K+c] += g * d.val
				}
			}
		}
		for i := 0; i < V*K; i++ {
			grad[i] += p.L2 * look[i]
		}
		for i := range W {
			vel[i] = mu*vel[i] - p.LR*grad[i]
			W[i] += vel[i]
		}
	}
	m := &model{w: map[string][]float64{}}
	for j, g := range vocab {
		// every vocabulary feature is kept, even with all weights pruned:
		// the router scales by the number of known features, as here
		ws := make([]float64, K)
		for c := 0; c < K; c++ {
			if x := W[j*K+c]; math.Abs(x) >= p.Prune {
				ws[c] = x
			}
		}
		m.feats = append(m.feats, g)
		m.w[g] = ws
	}
	return m
}

func softmax(z [K]float64) [K]float64 {
	mx := z[0]
	for _, v := range z[1:] {
		mx = math.Max(mx, v)
	}
	var s float64
	var out [K]float64
	for i, v := range z {
		out[i] = math.Exp(v - mx)
		s += out[i]
	}
	for i := range out {
		out[i] /= s
	}
	return out
}

// score is the model's logits for a text, as the router computes them
// (without intercepts).
func (m *model) score(text string, p Params) [K]float64 {
	var z [K]float64
	fs := docFeatures(text, p)
	var known []string
	for _, g := range fs {
		if _, ok := m.w[g]; ok {
			known = append(known, g)
		}
	}
	if len(known) == 0 {
		return z
	}
	val := 1 / math.Sqrt(float64(len(known)))
	for _, g := range known {
		for c, x := range m.w[g] {
			z[c] += val * x
		}
	}
	return z
}

// CrossValidate reports the top-1 accuracy of the model alone (no lexicon,
// no prior) in a cross-validation over samples, which should be the training
// part only: folds are the blocks of ten ids, (id/10)%5, like the held-out
// split, so that near-duplicate neighbours do not straddle a fold.
func CrossValidate(samples []router.Sample, p Params) string {
	correct, total := 0, 0
	var per [K][2]int
	for k := 0; k < 5; k++ {
		var tr, te []router.Sample
		for i, s := range samples {
			if (s.ID/10)%5 == k || s.ID < 0 && i%5 == k {
				te = append(te, s)
			} else {
				tr = append(tr, s)
			}
		}
		if len(te) == 0 {
			continue
		}
		m := fit(tr, p)
		for _, s := range te {
			z := m.score(s.Text, p)
			best := 0
			for c := 1; c < K; c++ {
				if z[c] > z[best] {
					best = c
				}
			}
			y := areaIndex[s.Area]
			per[y][1]++
			total++
			if best == y {
				per[y][0]++
				correct++
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "cv %+v: %d/%d = %.1f%%\n", p, correct, total, 100*float64(correct)/float64(max(total, 1)))
	for c, a := range domain.Areas {
		if per[c][1] > 0 {
			fmt.Fprintf(&b, "%s %d/%d  ", a.Code, per[c][0], per[c][1])
		}
	}
	b.WriteString("\n")
	return b.String()
}

// encode writes the model file: a header, then one line per feature
// "gram<TAB>c:w c:w …" with the area index c (domain.Areas order) and the
// weight w in thousandths, sorted by feature.
func (m *model) encode(p Params, n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# lawdesk practice-area router model. Generated by shared/router/gen.go (go generate); DO NOT EDIT.\n")
	fmt.Fprintf(&b, "# multinomial logistic regression on character %d..%d-grams, trained on %d lecoqa questions (training split).\n", p.MinN, p.MaxN, n)
	fmt.Fprintf(&b, "# params: mindf=%d l2=%g iters=%d lr=%g balance=%g prune=%g\n", p.MinDF, p.L2, p.Iters, p.LR, p.Balance, p.Prune)
	codes := make([]string, K)
	for i, a := range domain.Areas {
		codes[i] = a.Code
	}
	fmt.Fprintf(&b, "areas\t%s\n", strings.Join(codes, " "))
	fmt.Fprintf(&b, "ngrams\t%d %d\n", p.MinN, p.MaxN)
	for _, g := range m.feats {
		b.WriteString(g)
		b.WriteByte('\t')
		first := true
		for c, x := range m.w[g] {
			q := int(math.Round(x * 1000))
			if q == 0 {
				continue
			}
			if !first {
				b.WriteByte(' ')
			}
			first = false
			fmt.Fprintf(&b, "%d:%d", c, q)
		}
		b.WriteByte('\n')
	}
	return []byte(b.String())
}
