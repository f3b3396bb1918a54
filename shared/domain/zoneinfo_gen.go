//go:build ignore

// zoneinfo_gen.go writes zoneinfo.gz, the time zone database LoadLocation
// falls back on, from the Go toolchain's $GOROOT/lib/time/zoneinfo.zip (the
// data time/tzdata embeds). Run it after a Go upgrade, when
// TestEmbeddedZonesCurrent asks for it:
//
//	go generate ./shared/domain
//
// The format, gzipped: the number of distinct zone files, each as its
// length and bytes; then every zone name as its length, its bytes and the
// index of its file (links share one), all lengths and indexes uvarints.
package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/binary"
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
		raw = binary.AppendUvarint(raw, uint64(len(b)))
		raw = append(raw, b...)
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
