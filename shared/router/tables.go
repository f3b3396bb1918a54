package router

//go:generate go test -run ^TestTablesUpToDate$ . -update-tables

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// tablesBin is the lexicon and the model as New loads them, parsed at
// go generate time from their sources, lexicon_data.go and model.txt,
// which stay the text people read, review and retrain. A cold start then
// decodes the lexicon's numbers and checks the model, which it reads in
// place, hash table included (about 0.2 ms in all, BenchmarkNew), instead
// of normalising 2,000 terms and parsing 300 KB of model text (about 10
// ms), and the bootstrap carries neither the text nor the parsers.
// TestTablesUpToDate holds the file to its sources.
//
//go:embed tables.bin
var tablesBin string

// The format, every number a uvarint unless said otherwise:
//
//	lexicon: maxHan maxTokens terms hanTerms weights, then per term: len
//	         text, kind (0 Han, 1 English, 2 English everyday), count, and per weight
//	         its area and value in hundredths, which hold the lexicon's halves and
//	         quarters exactly (lexWeightSize bytes, see packExact)
//	rules:   count, then per rule its area and weight (packed as above), and its
//	         two sides, each a count and term indices
//	model:   minN maxN features, the records' size, the records (per
//	         feature: len key, key, count, and its count packed weights,
//	         see packWeight), the number of slots and the slots (see
//	         model): the decoded model reads them in place
const (
	kindHan        = 0
	kindEn         = 1
	kindEnEveryday = 2
)

// encodeTables writes lx and m in tablesBin's format.
func encodeTables(lx *lexicon, m *model) ([]byte, error) {
	var b []byte
	u := func(n int) { b = binary.AppendUvarint(b, uint64(n)) }
	str := func(s string) { u(len(s)); b = append(b, s...) }
	weights := 0
	for _, t := range lx.terms {
		weights += len(t.weights)
	}
	u(lx.maxHan)
	u(lx.maxTokens)
	u(len(lx.terms))
	u(len(lx.han))
	u(weights)
	for i, t := range lx.terms {
		str(t.text)
		hi, han := lx.han[t.text]
		ei, en := lx.en[t.text]
		switch {
		case han && hi == i && !(en && ei == i):
			b = append(b, kindHan)
		case en && ei == i && !(han && hi == i) && t.everyday:
			b = append(b, kindEnEveryday)
		case en && ei == i && !(han && hi == i):
			b = append(b, kindEn)
		default:
			return nil, fmt.Errorf("lexicon term %d %q is in no index", i, t.text)
		}
		u(len(t.weights))
		for _, aw := range t.weights {
			var err error
			if b, err = packExact(b, aw.area, aw.w); err != nil {
				return nil, fmt.Errorf("lexicon term %q: %w", t.text, err)
			}
		}
	}
	u(len(lx.rules))
	for i, r := range lx.rules {
		var err error
		if b, err = packExact(b, r.area, r.w); err != nil {
			return nil, fmt.Errorf("lexicon rule %d: %w", i, err)
		}
		for _, side := range [][]int{r.a, r.b} {
			u(len(side))
			for _, i := range side {
				u(i)
			}
		}
	}
	u(m.minN)
	u(m.maxN)
	u(m.n)
	u(len(m.records))
	b = append(b, m.records...)
	u(len(m.slots) / slotSize)
	b = append(b, m.slots...)
	return b, nil
}

// lexWeightSize is the size of a lexicon weight in tables.bin: its area
// and its value in hundredths, packed as pack12 packs them (±20.47: the
// lexicon's weights are 1 to 4).
const lexWeightSize = 2

// packExact packs a lexicon weight, if hundredths hold it exactly (as
// they hold every weight lexicon_data.go can state well: 4, 2.5, 0.75); a
// weight they do not hold is an error, never rounded.
func packExact(b []byte, area int, w float64) ([]byte, error) {
	h := math.Round(w * 100)
	if h/100 != w || h < -maxPacked || h > maxPacked {
		return nil, fmt.Errorf("weight %v is not a whole number of hundredths within ±20.47", w)
	}
	return pack12(b, area, int(h)), nil
}

// unpackLexWeight reads the lexicon weight at the start of s.
func unpackLexWeight(s string) (area int, w float64) {
	area, v := unpack12(s)
	return area, float64(v) / 100
}

var errTables = errors.New("router: tables.bin is truncated or malformed (go generate ./shared/router)")

// decodeTables reads what encodeTables wrote. Terms are substrings of
// data, and the model is read where data holds it, after one pass that
// checks it: only the lexicon's weights are copied.
func decodeTables(data string) (*lexicon, *model, error) {
	bad := false
	skip := func(n int) { data = data[n:] }
	u := func() int {
		n, k := uvarint(data)
		if k <= 0 || n > 1<<30 {
			bad = true
			return 0
		}
		skip(k)
		return int(n)
	}
	str := func() string {
		n := u()
		if bad || n > len(data) {
			bad = true
			return ""
		}
		s := data[:n]
		skip(n)
		return s
	}
	next := func() int {
		if len(data) == 0 {
			bad = true
			return 0
		}
		c := int(data[0])
		skip(1)
		return c
	}

	lx := &lexicon{maxHan: u(), maxTokens: u()}
	terms, hans, weights := u(), u(), u()
	if bad || terms > len(data) || hans > terms || weights > len(data) {
		return nil, nil, errTables
	}
	lx.terms = make([]term, terms)
	lx.han, lx.en = make(map[string]int, hans), make(map[string]int, terms-hans)
	pool := make([]areaWeight, weights)
	for i := range lx.terms {
		text, kind, n := str(), next(), u()
		if bad || n > len(pool) {
			return nil, nil, errTables
		}
		everyday := false
		switch kind {
		case kindHan:
			lx.han[text] = i
		case kindEn:
			lx.en[text] = i
		case kindEnEveryday:
			lx.en[text] = i
			everyday = true
		default:
			return nil, nil, errTables
		}
		var ws []areaWeight // nil for a rule's cue, as parsed
		if n > 0 {
			ws = pool[:n:n]
			pool = pool[n:]
		}
		for j := range ws {
			if len(data) < lexWeightSize || data[0]>>4 >= numAreas {
				return nil, nil, errTables
			}
			area, w := unpackLexWeight(data)
			ws[j] = areaWeight{area, w}
			skip(lexWeightSize)
		}
		if everyday && n == 0 {
			return nil, nil, errTables // as parseLexicon: only a weighted term is everyday
		}
		lx.terms[i] = term{text: text, weights: ws, everyday: everyday}
	}

	nrules := u()
	if bad || nrules > maxRules {
		return nil, nil, errTables
	}
	if nrules > 0 {
		lx.rules = make([]rule, nrules)
	}
	for k := range lx.rules {
		if len(data) < lexWeightSize || data[0]>>4 >= numAreas {
			return nil, nil, errTables
		}
		r := &lx.rules[k]
		r.area, r.w = unpackLexWeight(data)
		skip(lexWeightSize)
		for _, side := range []*[]int{&r.a, &r.b} {
			n := u()
			if bad || n == 0 || n > len(data) {
				return nil, nil, errTables
			}
			*side = make([]int, n)
			for j := range *side {
				if (*side)[j] = u(); bad || (*side)[j] >= terms {
					return nil, nil, errTables
				}
			}
		}
	}
	if err := lx.indexRules(); err != nil {
		return nil, nil, errTables
	}

	m := &model{minN: u(), maxN: u(), n: u()}
	size := u()
	if bad || size > len(data) || size > maxRecords || m.n > size || m.minN < 1 || m.maxN < m.minN {
		return nil, nil, errTables
	}
	m.records = data[:size]
	skip(size)
	slots := u()
	if bad || slots != slotsFor(m.n) || len(data) != slots*slotSize {
		return nil, nil, errTables
	}
	m.slots = data
	if !m.valid() {
		return nil, nil, errTables
	}
	return lx, m, nil
}

// valid reports whether m's records are n whole records, each a key and
// whole weights, and its slots hold n record offsets: lookup and row may
// then read m without checking. (The weights' areas are not checked here,
// which took a quarter of the load: the one loop that reads them skips an
// area it does not know.)
func (m *model) valid() bool {
	starts := make([]uint64, len(m.records)/64+1) // bit k: a record starts at k
	n := 0
	for k := 0; k < len(m.records); n++ {
		starts[k/64] |= 1 << (k % 64)
		klen, w := uvarint(m.records[k:])
		if w <= 0 || klen > uint64(len(m.records)-k-w) {
			return false
		}
		k += w + int(klen)
		count, w := uvarint(m.records[k:])
		if w <= 0 || count > uint64(len(m.records)-k-w)/weightSize {
			return false
		}
		k += w + int(count)*weightSize // an unknown area's weight is skipped where it is read (Router.gather)
	}
	used := 0
	for s := 0; s < len(m.slots); s += slotSize {
		e := binary.LittleEndian.Uint32([]byte(m.slots[s : s+slotSize]))
		if e == 0 {
			continue
		}
		if k := int(e&maxRecords) - 1; k < 0 || k >= len(m.records) || starts[k/64]&(1<<(k%64)) == 0 {
			return false
		}
		used++
	}
	return n == m.n && used == m.n
}

// uvarint is binary.Uvarint on a string, without copying it.
func uvarint(s string) (uint64, int) {
	var x uint64
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		c := s[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				return 0, 0 // overflows 64 bits
			}
			return x | uint64(c)<<(7*i), i + 1
		}
		x |= uint64(c&0x7f) << (7 * i)
	}
	return 0, 0
}
