package router

import (
	"errors"
	"fmt"
	"strings"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// model is the statistical part: per character n-gram, a sparse row of
// weights (one per area) of a multinomial logistic regression.
type model struct {
	minN, maxN int
	feats      map[string]int32 // n-gram → index into rows
	rows       [][2]int32       // a feature's weights: weights[row[0]:row[1]]
	weights    []areaWeight
}

// row returns the weights of feature k.
func (m *model) row(k int32) []areaWeight {
	r := m.rows[k]
	return m.weights[r[0]:r[1]]
}

// atoi parses a small decimal integer with an optional minus sign.
func atoi(s string) (int, bool) {
	neg := false
	if s != "" && s[0] == '-' {
		neg, s = true, s[1:]
	}
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// parseModel reads the model file written by internal/train.
func parseModel(data string) (*model, error) {
	lines := strings.Count(data, "\n")
	m := &model{
		feats:   make(map[string]int32, lines),
		rows:    make([][2]int32, 0, lines),
		weights: make([]areaWeight, 0, strings.Count(data, ":")),
	}
	sawAreas := false
	for ln := 1; data != ""; ln++ {
		var line string
		line, data, _ = strings.Cut(data, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		key, rest, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("model line %d: no tab", ln)
		}
		switch key {
		case "areas":
			codes := strings.Fields(rest)
			if len(codes) != len(domain.Areas) {
				return nil, fmt.Errorf("model line %d: %d areas, want %d", ln, len(codes), len(domain.Areas))
			}
			for i, c := range codes {
				if c != domain.Areas[i].Code {
					return nil, fmt.Errorf("model line %d: area %d is %q, want %q (regenerate the model)", ln, i, c, domain.Areas[i].Code)
				}
			}
			sawAreas = true
			continue
		case "ngrams":
			if _, err := fmt.Sscanf(rest, "%d %d", &m.minN, &m.maxN); err != nil || m.minN < 1 || m.maxN < m.minN {
				return nil, fmt.Errorf("model line %d: bad ngrams %q", ln, rest)
			}
			continue
		}
		start := len(m.weights)
		for rest != "" {
			var item string
			item, rest, _ = strings.Cut(rest, " ")
			c, w, ok := strings.Cut(item, ":")
			ci, ok1 := atoi(c)
			wi, ok2 := atoi(w)
			if !ok || !ok1 || !ok2 || ci < 0 || ci >= len(domain.Areas) {
				return nil, fmt.Errorf("model line %d: bad weight %q", ln, item)
			}
			m.weights = append(m.weights, areaWeight{ci, float64(wi) / 1000})
		}
		if _, dup := m.feats[key]; dup {
			return nil, fmt.Errorf("model line %d: duplicate feature %q", ln, key)
		}
		m.feats[key] = int32(len(m.rows))
		m.rows = append(m.rows, [2]int32{int32(start), int32(len(m.weights))})
	}
	if !sawAreas || m.maxN == 0 {
		return nil, errors.New("model: missing areas or ngrams header")
	}
	return m, nil
}
