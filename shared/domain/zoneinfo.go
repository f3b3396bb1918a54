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
// every bootstrap); here it is gzipped (about 60 KB) and inflated on the
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
// that closure, and with it link the 58 KB database into every bootstrap
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
		blobs[i], raw = raw[:n:n], raw[n:]
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
