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
}

// lexicon matches curated terms in normalised text.
type lexicon struct {
	terms     []term
	han       map[string]int // Han term → index into terms
	en        map[string]int // space-joined stems → index into terms
	maxHan    int            // longest Han term, in bytes
	maxTokens int            // longest English term, in words
}

// parseLexicon parses lexiconData-formatted text (see lexicon_data.go).
func parseLexicon(data string) (*lexicon, error) {
	lx := &lexicon{han: map[string]int{}, en: map[string]int{}}
	var errs []error
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
				errs = append(errs, fmt.Errorf("lexicon line %d: term %q mixes scripts or has separators", ln+1, raw))
				continue
			}
			i, seen := index[key]
			if !seen {
				i = len(lx.terms)
				lx.terms = append(lx.terms, term{text: key})
				index[key] = i
			}
			dup := false
			for _, aw := range lx.terms[i].weights {
				if aw.area == ai {
					// variants that normalise alike (heir, heirs) may repeat
					// with the same weight; different weights are a mistake
					if aw.w != w {
						errs = append(errs, fmt.Errorf("lexicon line %d: term %q (%q) already has weight %g for %s", ln+1, raw, key, aw.w, f[0]))
					}
					dup = true
				}
			}
			if !dup {
				lx.terms[i].weights = append(lx.terms[i].weights, areaWeight{ai, w})
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return lx, nil
}

// span is a matched term: its index and its extent in a common coordinate
// (byte offsets in the Han string, or token positions for English, offset
// so that the two never overlap).
type span struct {
	term       int
	start, end int
}

// match appends to hits the lexicon terms found in t, keeping only matches
// not strictly contained in a longer match. It returns hits.
func (lx *lexicon) match(t *textfeat.Text, hits []span) []span {
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
				all = append(all, span{k, i, j})
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
					all = append(all, span{k, base + i, base + i + n})
				}
			}
		}
	}
	// all is ordered by start (Han spans by byte offset, then English spans
	// by token), and a containing span starts at most maxSpan before the
	// span it contains, so only a window of neighbours is examined: the
	// filter stays linear in the length of the text.
	maxSpan := max(lx.maxHan, lx.maxTokens)
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
	return hits
}
