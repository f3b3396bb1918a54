//go:build ignore

// zoneinfo_gen.go writes zoneinfo.gz, the time zone database LoadLocation
// falls back on, from the Go toolchain's $GOROOT/lib/time/zoneinfo.zip (the
// data time/tzdata embeds). Run it after a Go upgrade, when
// TestEmbeddedZonesCurrent asks for it:
//
//	go generate ./shared/domain
//
// The format, gzipped: the number of distinct zone files, each as its
// length and bytes, packed (packZone); then every zone name as its length,
// its bytes and the index of its file (links share one), all lengths and
// indexes uvarints.
package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		log.Fatal(err)
	}
	zr, err := zip.OpenReader(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		log.Fatal(err)
	}
	defer zr.Close()
	var names []string
	data := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			log.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			log.Fatal(err)
		}
		names = append(names, f.Name)
		data[f.Name] = b
	}
	sort.Strings(names)
	var blobs [][]byte
	index := map[string]int{}
	for _, n := range names {
		if _, ok := index[string(data[n])]; !ok {
			index[string(data[n])] = len(blobs)
			blobs = append(blobs, data[n])
		}
	}
	var raw []byte
	raw = binary.AppendUvarint(raw, uint64(len(blobs)))
	for _, b := range blobs {
		packed, err := packZone(b)
		if err != nil {
			log.Fatal(err)
		}
		raw = binary.AppendUvarint(raw, uint64(len(packed)))
		raw = append(raw, packed...)
	}
	for _, n := range names {
		raw = binary.AppendUvarint(raw, uint64(len(n)))
		raw = append(raw, n...)
		raw = binary.AppendUvarint(raw, uint64(index[string(data[n])]))
	}
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	zw.Write(raw)
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("zoneinfo.gz", out.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("zoneinfo.gz: %d zones, %d distinct, %d bytes (%d inflated)", len(names), len(blobs), out.Len(), len(raw))
}

// packZone packs a TZif file (version 2 or later, RFC 8536) for
// compression: its 64-bit transition times, sorted, become the zigzag
// uvarints of their differences, which deflate halves where it could
// barely touch the raw times (zoneinfo.gz 58.9 -> 32.3 KB). The rest stays
// as it is; domain.unpackZone rebuilds the file byte for byte.
func packZone(b []byte) ([]byte, error) {
	if len(b) < 44 || string(b[:4]) != "TZif" || b[4] < '2' {
		return nil, fmt.Errorf("not a TZif file of version 2 or later")
	}
	count := func(h []byte, i int) int { return int(binary.BigEndian.Uint32(h[20+4*i:])) }
	// v1 block: isut, isstd, leap, time, type and char counts.
	v1 := count(b, 3)*5 + count(b, 4)*6 + count(b, 5) + count(b, 2)*8 + count(b, 1) + count(b, 0)
	p := 44 + v1
	if len(b) < p+44 {
		return nil, fmt.Errorf("truncated TZif file")
	}
	times := count(b[p:], 3)
	p += 44
	if len(b) < p+8*times {
		return nil, fmt.Errorf("truncated TZif file")
	}
	out := append([]byte{}, b[:p]...)
	var prev int64
	for i := range times {
		t := int64(binary.BigEndian.Uint64(b[p+8*i:]))
		d := t - prev
		out = binary.AppendUvarint(out, uint64(d<<1^d>>63))
		prev = t
	}
	return append(out, b[p+8*times:]...), nil
}
