package domain

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The embedded database is the toolchain's, zone for zone: what
// time/tzdata would have embedded.
func TestEmbeddedZonesCurrent(t *testing.T) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	zones := embeddedZones()
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		want, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := zones[f.Name]; !ok || !bytes.Equal(got, want) {
			t.Errorf("%s: embedded %d bytes (present: %v), the toolchain has %d: run go generate ./shared/domain", f.Name, len(got), ok, len(want))
		}
	}
	if got, want := len(zones), len(zr.File); got != want {
		t.Errorf("%d zones embedded, the toolchain has %d: run go generate ./shared/domain", got, want)
	}
}

// Every embedded zone loads, and tells the same time as the system's.
func TestEmbeddedZonesLoad(t *testing.T) {
	instants := []time.Time{time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC), time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC)}
	for name, data := range embeddedZones() {
		loc, err := time.LoadLocationFromTZData(name, data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		sys, err := time.LoadLocation(name)
		if err != nil {
			continue // the system lacks it: the embedded one is all there is
		}
		for _, at := range instants {
			gn, goff := at.In(loc).Zone()
			sn, soff := at.In(sys).Zone()
			if goff != soff {
				t.Errorf("%s at %s: embedded %s %+d, system %s %+d", name, at, gn, goff, sn, soff)
			}
		}
	}
}

func TestLoadLocation(t *testing.T) {
	for _, tc := range []struct {
		name   string
		offset int // in January 2026
		ok     bool
	}{
		{"Asia/Shanghai", 8 * 3600, true},
		{"America/New_York", -5 * 3600, true},
		{"UTC", 0, true},
		{"Mars/Olympus_Mons", 0, false},
		{"../etc/passwd", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			loc, err := LoadLocation(tc.name)
			if (err == nil) != tc.ok {
				t.Fatalf("LoadLocation(%q) = %v, want ok %v", tc.name, err, tc.ok)
			}
			if !tc.ok {
				return
			}
			if _, off := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone(); off != tc.offset {
				t.Errorf("offset %d, want %d", off, tc.offset)
			}
			if again, _ := LoadLocation(tc.name); again != loc {
				t.Error("a second load is not the cached location")
			}
		})
	}
}

// Malformed data is an error, never a panic or an out-of-range slice.
func TestParseZoneinfoMalformed(t *testing.T) {
	for _, gz := range [][]byte{nil, []byte("not gzip"), gzipped([]byte{5}), gzipped([]byte{1, 200, 1}), gzipped([]byte{1, 1, 'x', 3, 'a', 'b'}), gzipped([]byte{1, 1, 'x', 1, 'a', 7})} {
		if _, err := parseZoneinfo(gz); err == nil {
			t.Errorf("parseZoneinfo(%q) succeeded", gz)
		}
	}
}

func gzipped(b []byte) []byte {
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}
