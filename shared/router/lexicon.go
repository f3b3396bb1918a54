package router

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/lawdesk/lawdesk/shared/router/internal/textfeat"
)

// areaWeight is one area's weight for a lexicon term.
type areaWeight struct {
	area int // index into domain.Areas
	w    float64
}

// term is one lexicon entry.
type term struct {
	text    string // normalised: Han run, or space-joined stems
	weights []areaWeight
	// everyday: an English everyday word (house, car, money, account …)
	// that sets the scene of a long post rather than naming its legal
	// concern; it weighs less the longer the text (see Router.gather).
	everyday bool
}

// lexicon matches curated terms in normalised text.
type lexicon struct {
	terms     []term
	han       map[string]int // Han term → index into terms
	en        map[string]int // space-joined stems → index into terms
	maxHan    int            // longest Han term, in bytes
	maxTokens int            // longest English term, in words
	rules     []rule

	// cueA[i] and cueB[i] have bit k set when term i is on side A or B of
	// rule k; derived from rules by indexRules.
	cueA, cueB []uint64
}

// rule is a mixed-topic rule: when a text holds a term of a and a term of
// b, area gets w more (see lexicon_data.go).
type rule struct {
	area int
	w    float64
	a, b []int // indices into terms
}

// maxRules bounds the number of rules (one bit each in a uint64).
const maxRules = 64

// indexRules derives cueA and cueB from rules.
func (lx *lexicon) indexRules() error {
	if len(lx.rules) > maxRules {
		return fmt.Errorf("lexicon: %d rules, at most %d", len(lx.rules), maxRules)
	}
	lx.cueA, lx.cueB = nil, nil
	if len(lx.rules) == 0 {
		return nil
	}
	lx.cueA = make([]uint64, len(lx.terms))
	lx.cueB = make([]uint64, len(lx.terms))
	for k, r := range lx.rules {
		for _, i := range r.a {
			lx.cueA[i] |= 1 << k
		}
		for _, i := range r.b {
			lx.cueB[i] |= 1 << k
		}
	}
	return nil
}

// parseLexicon parses lexiconData-formatted text (see lexicon_data.go).
func parseLexicon(data string) (*lexicon, error) {
	lx := &lexicon{han: map[string]int{}, en: map[string]int{}}
	var errs []error
	type ruleLine struct {
		ln   int
		f    []string
		body string
	}
	var ruleLines, everydayLines []ruleLine
	for ln, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		head, body, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("lexicon line %d: no colon", ln+1)
		}
		f := strings.Fields(head)
		if len(f) == 1 && f[0] == "everyday" {
			// after all terms are known
			everydayLines = append(everydayLines, ruleLine{ln, nil, body})
			continue
		}
		if len(f) > 0 && f[0] == "rule" {
			// after all terms are known
			ruleLines = append(ruleLines, ruleLine{ln, f[1:], body})
			continue
		}
		if len(f) != 2 {
			return nil, fmt.Errorf("lexicon line %d: want \"area weight:\", got %q", ln+1, head)
		}
		ai, ok := areaIndex[f[0]]
		if !ok {
			return nil, fmt.Errorf("lexicon line %d: unknown area %q", ln+1, f[0])
		}
		w, err := strconv.ParseFloat(f[1], 64)
		if err != nil || w <= 0 || w > 10 {
			return nil, fmt.Errorf("lexicon line %d: bad weight %q", ln+1, f[1])
		}
		for _, raw := range strings.Split(body, ",") {
			raw = strings.TrimSpace(raw)
			if raw == "" {
				continue
			}
			i, err := lx.termIndex(raw)
			if err != nil {
				errs = append(errs, fmt.Errorf("lexicon line %d: %w", ln+1, err))
				continue
			}
			dup := false
			for _, aw := range lx.terms[i].weights {
				if aw.area == ai {
					// variants that normalise alike (heir, heirs) may repeat
					// with the same weight; different weights are a mistake
					if aw.w != w {
						errs = append(errs, fmt.Errorf("lexicon line %d: term %q (%q) already has weight %g for %s", ln+1, raw, lx.terms[i].text, aw.w, f[0]))
					}
					dup = true
				}
			}
			if !dup {
				lx.terms[i].weights = append(lx.terms[i].weights, areaWeight{ai, w})
			}
		}
	}
	for _, el := range everydayLines {
		for _, raw := range strings.Split(el.body, ",") {
			raw = strings.TrimSpace(raw)
			if raw == "" {
				continue
			}
			t := textfeat.Normalize(raw)
			i, ok := lx.en[strings.Join(t.Stems, " ")]
			switch {
			case t.Han != "" || len(t.Tokens) == 0:
				errs = append(errs, fmt.Errorf("lexicon line %d: everyday term %q is not English", el.ln+1, raw))
			case !ok || len(lx.terms[i].weights) == 0:
				errs = append(errs, fmt.Errorf("lexicon line %d: everyday term %q has no weight line", el.ln+1, raw))
			default:
				lx.terms[i].everyday = true
			}
		}
	}
	for _, rl := range ruleLines {
		r, err := lx.parseRule(rl.f, rl.body)
		if err != nil {
			errs = append(errs, fmt.Errorf("lexicon line %d: %w", rl.ln+1, err))
			continue
		}
		lx.rules = append(lx.rules, r)
	}
	if err := lx.indexRules(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return lx, nil
}

// parseRule parses the rest of a rule line, "rule area weight: a, a … & b,
// b …". A rule's term that is no lexicon term becomes a cue: a term with no
// weight, matched only for rules (it gives no signal and hides no term).
func (lx *lexicon) parseRule(head []string, body string) (rule, error) {
	var r rule
	if len(head) != 2 {
		return r, fmt.Errorf("want \"rule area weight:\", got %q", strings.Join(head, " "))
	}
	ai, ok := areaIndex[head[0]]
	if !ok {
		return r, fmt.Errorf("unknown area %q", head[0])
	}
	w, err := strconv.ParseFloat(head[1], 64)
	if err != nil || w <= 0 || w > 10 {
		return r, fmt.Errorf("bad weight %q", head[1])
	}
	r.area, r.w = ai, w
	sideA, sideB, ok := strings.Cut(body, "&")
	if !ok || strings.Contains(sideB, "&") {
		return r, errors.New("a rule has two sides separated by one &")
	}
	for side, text := range []string{sideA, sideB} {
		var idx []int
		for _, raw := range strings.Split(text, ",") {
			raw = strings.TrimSpace(raw)
			if raw == "" {
				continue
			}
			i, err := lx.termIndex(raw)
			if err != nil {
				return r, err
			}
			idx = append(idx, i)
		}
		if len(idx) == 0 {
			return r, errors.New("a rule side has no term")
		}
		if side == 0 {
			r.a = idx
		} else {
			r.b = idx
		}
	}
	return r, nil
}

// termIndex returns the index of the term raw, adding it without weights
// (a cue) if it is new.
func (lx *lexicon) termIndex(raw string) (int, error) {
	t := textfeat.Normalize(raw)
	var key string
	var index map[string]int
	switch {
	case t.Han != "" && len(t.Tokens) == 0 && !strings.Contains(t.Han, "|"):
		key, index = t.Han, lx.han
		lx.maxHan = max(lx.maxHan, len(key))
	case t.Han == "" && len(t.Tokens) > 0:
		key, index = strings.Join(t.Stems, " "), lx.en
		lx.maxTokens = max(lx.maxTokens, len(t.Stems))
	default:
		return 0, fmt.Errorf("term %q mixes scripts or has separators", raw)
	}
	i, seen := index[key]
	if !seen {
		i = len(lx.terms)
		lx.terms = append(lx.terms, term{text: key})
		index[key] = i
	}
	return i, nil
}

// span is a matched term: its index and its extent in a common coordinate
// (byte offsets in the Han string, or token positions for English, offset
// so that the two never overlap), and the sentence it starts in (an
// English token's, textfeat.Text.Sent; -1 for all of the Han text).
type span struct {
	term       int
	start, end int
	sent       int32
}

// match appends to hits the lexicon terms found in t, keeping only matches
// not strictly contained in a longer match. It returns hits, the rules
// whose two sides both matched (bit k for rule k), counting contained
// matches too (离婚协议 holds 离婚), and of those the rules whose two sides
// matched within one sentence.
func (lx *lexicon) match(t *textfeat.Text, hits []span) ([]span, uint64, uint64) {
	var all []span
	han := t.Han
	for i := 0; i < len(han); {
		if han[i] == '|' {
			i++
			continue
		}
		for j := i + 1; j <= len(han) && j-i <= lx.maxHan; j++ {
			if han[j-1] == '|' {
				break
			}
			if j < len(han) && han[j]&0xC0 == 0x80 { // not at a rune boundary
				continue
			}
			if k, ok := lx.han[han[i:j]]; ok {
				all = append(all, span{k, i, j, -1})
			}
		}
		i++
		for i < len(han) && han[i]&0xC0 == 0x80 {
			i++
		}
	}
	if len(t.Stems) > 0 {
		// English: look up runs of up to maxTokens stems, joined by spaces,
		// as substrings of one joined string (no allocation per lookup).
		joined := strings.Join(t.Stems, " ")
		starts := make([]int, len(t.Stems)+1)
		off := 0
		for i, s := range t.Stems {
			starts[i] = off
			off += len(s) + 1
		}
		starts[len(t.Stems)] = off
		base := len(han) + 1
		for i := range t.Stems {
			for n := 1; n <= lx.maxTokens && i+n <= len(t.Stems); n++ {
				if k, ok := lx.en[joined[starts[i]:starts[i+n]-1]]; ok {
					all = append(all, span{k, base + i, base + i + n, t.Sent[i]})
				}
			}
		}
	}
	// all is ordered by start (Han spans by byte offset, then English spans
	// by token), and a containing span starts at most maxSpan before the
	// span it contains, so only a window of neighbours is examined: the
	// filter stays linear in the length of the text.
	maxSpan := max(lx.maxHan, lx.maxTokens)
	var cueA, cueB, same uint64
	if lx.cueA != nil {
		// rules see every match, contained ones too; then the cues (terms
		// with no weight, there only for rules) leave. Spans come sentence
		// by sentence (the Han text first, as one), so the sides met within
		// one sentence are gathered on the way.
		kept := all[:0]
		var sentA, sentB uint64
		cur := int32(-2)
		for _, sa := range all {
			if sa.sent != cur {
				same |= sentA & sentB
				sentA, sentB, cur = 0, 0, sa.sent
			}
			a, b := lx.cueA[sa.term], lx.cueB[sa.term]
			cueA, cueB, sentA, sentB = cueA|a, cueB|b, sentA|a, sentB|b
			if len(lx.terms[sa.term].weights) > 0 {
				kept = append(kept, sa)
			}
		}
		same |= sentA & sentB
		all = kept
	}
	for a, sa := range all {
		contained := false
		for b := a - 1; b >= 0 && all[b].start >= sa.end-maxSpan; b-- {
			if sb := all[b]; sb.start <= sa.start && sa.end <= sb.end && sb.end-sb.start > sa.end-sa.start {
				contained = true
				break
			}
		}
		for b := a + 1; !contained && b < len(all) && all[b].start == sa.start; b++ {
			if sb := all[b]; sa.end < sb.end {
				contained = true
			}
		}
		if !contained {
			hits = append(hits, sa)
		}
	}
	return hits, cueA & cueB, same
}
