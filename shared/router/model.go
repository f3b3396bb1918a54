package router

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// model is the statistical part: per character n-gram, a sparse row of
// weights (one per area) of a multinomial logistic regression. The weights
// are packed, weightSize bytes each (see packWeight), so that New uses
// them where tables.bin holds them rather than unpacking 40,000 of them at
// every cold start.
type model struct {
	minN, maxN int
	feats      map[string]int32 // n-gram → index into rows
	rows       [][2]int32       // a feature's weights: weights[row[0]:row[1]]
	weights    string
}

// row returns the packed weights of feature k (see unpackWeight).
func (m *model) row(k int32) string {
	r := m.rows[k]
	return m.weights[r[0]:r[1]]
}

// weightSize is the size of a packed weight: the area's index, then the
// weight in thousandths as a little-endian int16 (model.txt holds
// thousandths).
const weightSize = 3

// packWeight appends a packed weight; milli must fit an int16.
func packWeight(b []byte, area, milli int) []byte {
	return append(b, byte(area), byte(milli), byte(milli>>8))
}

// unpackWeight reads the packed weight at the start of s.
func unpackWeight(s string) (area int, w float64) {
	return int(s[0]), float64(int16(uint16(s[1])|uint16(s[2])<<8)) / 1000
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
		feats: make(map[string]int32, lines),
		rows:  make([][2]int32, 0, lines),
	}
	weights := make([]byte, 0, weightSize*strings.Count(data, ":"))
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
		start := len(weights)
		for rest != "" {
			var item string
			item, rest, _ = strings.Cut(rest, " ")
			c, w, ok := strings.Cut(item, ":")
			ci, ok1 := atoi(c)
			wi, ok2 := atoi(w)
			if !ok || !ok1 || !ok2 || ci < 0 || ci >= len(domain.Areas) || wi < math.MinInt16 || wi > math.MaxInt16 {
				return nil, fmt.Errorf("model line %d: bad weight %q", ln, item)
			}
			weights = packWeight(weights, ci, wi)
		}
		if _, dup := m.feats[key]; dup {
			return nil, fmt.Errorf("model line %d: duplicate feature %q", ln, key)
		}
		m.feats[key] = int32(len(m.rows))
		m.rows = append(m.rows, [2]int32{int32(start), int32(len(weights))})
	}
	m.weights = string(weights)
	if !sawAreas || m.maxN == 0 {
		return nil, errors.New("model: missing areas or ngrams header")
	}
	return m, nil
}
