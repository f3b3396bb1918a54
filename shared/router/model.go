package router

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// model is the statistical part: per character n-gram, a sparse row of
// weights (one per area) of a multinomial logistic regression. It is read
// where tables.bin holds it, with nothing built at a cold start: records
// holds each feature as its key and its packed weights (weightSize bytes
// each, see packWeight), and slots is a hash table of the records, filled
// when the tables are generated. Loading the 5,000 features into a Go map
// instead took half of the router's load.
type model struct {
	minN, maxN int
	n          int    // features
	records    string // per feature: len key, key, count, count packed weights (lengths and counts uvarints)
	slots      string // the hash table: per slot a feature's record offset + 1 (0: empty), 4 bytes little-endian
}

// lookup returns the record offset of feature g: its identity, for row.
// The slot is FNV-1a of g modulo the number of slots, probed linearly. A
// slot holds the hash's top byte beside the offset, so a probe reads
// another feature's record only once in 256 slots it passes.
func (m *model) lookup(g string) (int32, bool) {
	h := fnv1a(g)
	n := len(m.slots) / slotSize
	for s := int(h % uint32(n)); ; s = next(s, n) {
		e := binary.LittleEndian.Uint32([]byte(m.slots[s*slotSize : s*slotSize+slotSize]))
		if e == 0 {
			return 0, false
		}
		if e>>24 != h>>24 {
			continue
		}
		k := int32(e&maxRecords) - 1
		if key, _ := m.record(k); key == g {
			return k, true
		}
	}
}

// row returns the packed weights of the feature whose record is at k (see
// unpackWeight).
func (m *model) row(k int32) string {
	_, ws := m.record(k)
	return ws
}

// record reads the key and the packed weights of the record at k, which
// decodeTables has checked is one.
func (m *model) record(k int32) (key, weights string) {
	at := int(k)
	n, w := uvarint(m.records[at:])
	at += w
	key, at = m.records[at:at+int(n)], at+int(n)
	c, w := uvarint(m.records[at:])
	at += w
	return key, m.records[at : at+int(c)*weightSize]
}

// slotSize is the size of a slot of model.slots: the top byte of the
// key's hash, then its record offset + 1 in 24 bits (0 in an empty slot).
const slotSize = 4

// maxRecords bounds model.records: an offset + 1 fills a slot's low 24
// bits.
const maxRecords = 1<<24 - 1

// slotsFor is the number of slots for n features: at most three quarters
// are used (a power of two instead left a third of the table empty, 4 KB).
func slotsFor(n int) int { return max(8, n+n/3+1) }

// next is the slot after s of n, wrapping around.
func next(s, n int) int {
	if s++; s == n {
		return 0
	}
	return s
}

// fnv1a is the 32-bit FNV-1a hash of s.
func fnv1a(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// buildModel lays out features (keys and their packed weights, in order)
// as model reads them.
func buildModel(minN, maxN int, keys []string, weights []string) (*model, error) {
	var rec []byte
	n := slotsFor(len(keys))
	slots := make([]byte, n*slotSize)
	for i, k := range keys {
		off := len(rec)
		rec = binary.AppendUvarint(rec, uint64(len(k)))
		rec = append(rec, k...)
		rec = binary.AppendUvarint(rec, uint64(len(weights[i])/weightSize))
		rec = append(rec, weights[i]...)
		if off >= maxRecords {
			return nil, fmt.Errorf("model: over %d bytes of features", maxRecords)
		}
		h := fnv1a(k)
		s := int(h % uint32(n))
		for binary.LittleEndian.Uint32(slots[s*slotSize:]) != 0 {
			s = next(s, n)
		}
		binary.LittleEndian.PutUint32(slots[s*slotSize:], h>>24<<24|uint32(off+1))
	}
	return &model{minN: minN, maxN: maxN, n: len(keys), records: string(rec), slots: string(slots)}, nil
}

// weightSize is the size of a packed weight: the area's index in the top
// four bits, then the weight in thousandths (model.txt holds thousandths)
// as a 12-bit two's complement number, big-endian.
const weightSize = 2

// maxPacked bounds the value one packed weight holds (pack12).
const maxPacked = 1<<11 - 1

// pack12 appends area (four bits) and v, within ±maxPacked, as 12-bit
// two's complement, in two bytes: the form of the model's weights (in
// thousandths) and of the lexicon's (in hundredths, see packExact).
func pack12(b []byte, area, v int) []byte {
	return append(b, byte(area<<4|v>>8&0x0f), byte(v))
}

// unpack12 reads what pack12 wrote at the start of s.
func unpack12(s string) (area, v int) {
	v = int(s[0]&0x0f)<<8 | int(s[1])
	if v > maxPacked {
		v -= 1 << 12
	}
	return int(s[0] >> 4), v
}

// packWeight appends milli thousandths for area as packed weights: one,
// or several of the same area when milli is beyond ±2.047 (a few dozen of
// the model's 40,000 are), which the router adds up as it adds every
// feature's.
func packWeight(b []byte, area, milli int) []byte {
	for {
		part := max(-maxPacked, min(maxPacked, milli))
		b = pack12(b, area, part)
		if milli -= part; milli == 0 {
			return b
		}
	}
}

// unpackWeight reads the packed weight at the start of s.
func unpackWeight(s string) (area int, w float64) {
	area, v := unpack12(s)
	return area, float64(v) / 1000
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
	var minN, maxN int
	keys, rows := make([]string, 0, lines), make([]string, 0, lines)
	seen := make(map[string]bool, lines)
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
			if _, err := fmt.Sscanf(rest, "%d %d", &minN, &maxN); err != nil || minN < 1 || maxN < minN {
				return nil, fmt.Errorf("model line %d: bad ngrams %q", ln, rest)
			}
			continue
		}
		var weights []byte
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
		if seen[key] {
			return nil, fmt.Errorf("model line %d: duplicate feature %q", ln, key)
		}
		seen[key] = true
		keys, rows = append(keys, key), append(rows, string(weights))
	}
	if !sawAreas || maxN == 0 {
		return nil, errors.New("model: missing areas or ngrams header")
	}
	return buildModel(minN, maxN, keys, rows)
}
