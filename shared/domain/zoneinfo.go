package domain

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"io"
	"sync"
	"time"
)

//go:generate go run zoneinfo_gen.go

// zoneinfoGz is the IANA time zone database of the Go toolchain, deflated
// (see zoneinfo_gen.go for the format).
//
//go:embed zoneinfo.gz
var zoneinfoGz []byte

// locations caches LoadLocation's answers by name.
var locations sync.Map

// LoadLocation is time.LoadLocation for a lawyer's zone, with the time
// zone database embedded for systems that have none: Lambda's
// provided.al2023 image ships no zoneinfo. It stands in for importing
// time/tzdata, which embeds the same data uncompressed (about 450 KB in
// every bootstrap); here it is packed and gzipped (about 32 KB) and inflated on the
// first zone the system cannot load. A loaded zone is cached, so a
// lawyer's zone is parsed once per process.
func LoadLocation(name string) (*time.Location, error) {
	if loc, ok := locations.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		data, ok := embeddedZones()[name]
		if !ok {
			return nil, err
		}
		if loc, err = time.LoadLocationFromTZData(name, data); err != nil {
			return nil, err
		}
	}
	locations.Store(name, loc)
	return loc, nil
}

// embeddedZones is the embedded database by zone name, inflated once. It
// panics if the embedded file is malformed, which the tests rule out.
func embeddedZones() map[string][]byte {
	zones.Do(func() {
		m, err := parseZoneinfo(zoneinfoGz)
		if err != nil {
			panic("domain: zoneinfo.gz: " + err.Error())
		}
		zones.byName = m
	})
	return zones.byName
}

// zones is embeddedZones' answer. It is a sync.Once beside a value rather
// than a package-level sync.OnceValue(func …): package init would build
// that closure, and with it link the 32 KB database into every bootstrap
// (every one imports domain), not only those that reach LoadLocation.
var zones struct {
	sync.Once
	byName map[string][]byte
}

func parseZoneinfo(gz []byte) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	bad := errors.New("truncated or malformed")
	// next reads a uvarint: a length, a count or an index.
	next := func() (int, bool) {
		n, k := binary.Uvarint(raw)
		if k <= 0 || n > 1<<30 {
			return 0, false
		}
		raw = raw[k:]
		return int(n), true
	}
	count, ok := next()
	if !ok || count > len(raw) {
		return nil, bad
	}
	blobs := make([][]byte, count)
	for i := range blobs {
		n, ok := next()
		if !ok || n > len(raw) {
			return nil, bad
		}
		b, err := unpackZone(raw[:n])
		if err != nil {
			return nil, err
		}
		blobs[i], raw = b, raw[n:]
	}
	zones := map[string][]byte{}
	for len(raw) > 0 {
		n, ok := next()
		if !ok || n > len(raw) {
			return nil, bad
		}
		name := string(raw[:n])
		raw = raw[n:]
		i, ok := next()
		if !ok || i >= len(blobs) {
			return nil, bad
		}
		zones[name] = blobs[i]
	}
	return zones, nil
}

// unpackZone rebuilds the TZif file zoneinfo_gen.go's packZone packed: its
// 64-bit transition times are stored as zigzag uvarints of their
// differences.
func unpackZone(s []byte) ([]byte, error) {
	bad := errors.New("malformed zone file")
	if len(s) < 44 || string(s[:4]) != "TZif" || s[4] < '2' {
		return nil, bad
	}
	count := func(h []byte, i int) int { return int(binary.BigEndian.Uint32(h[20+4*i:]) & (1<<24 - 1)) }
	v1 := count(s, 3)*5 + count(s, 4)*6 + count(s, 5) + count(s, 2)*8 + count(s, 1) + count(s, 0)
	p := 44 + v1
	if len(s) < p+44 {
		return nil, bad
	}
	times := count(s[p:], 3)
	p += 44
	if times > len(s)-p {
		return nil, bad // each time takes a byte at least
	}
	out := make([]byte, p, len(s)+7*times)
	copy(out, s)
	rest := s[p:]
	var t int64
	for range times {
		d, k := binary.Uvarint(rest)
		if k <= 0 {
			return nil, bad
		}
		rest = rest[k:]
		t += int64(d>>1) ^ -int64(d&1)
		out = binary.BigEndian.AppendUint64(out, uint64(t))
	}
	return append(out, rest...), nil
}
