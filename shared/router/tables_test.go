package router

import (
	"bytes"
	"encoding/binary"
	"flag"
	"os"
	"reflect"
	"testing"
)

var updateTables = flag.Bool("update-tables", false, "rewrite tables.bin from lexicon_data.go and model.txt")

func sourceTables(t *testing.T) (*lexicon, *model) {
	t.Helper()
	lx, err := parseLexicon(lexiconData)
	if err != nil {
		t.Fatal(err)
	}
	m, err := parseModel(modelData)
	if err != nil {
		t.Fatal(err)
	}
	return lx, m
}

// tables.bin is exactly what its sources encode to (go generate writes it
// with -update-tables).
func TestTablesUpToDate(t *testing.T) {
	got, err := encodeTables(sourceTables(t))
	if err != nil {
		t.Fatal(err)
	}
	if *updateTables {
		if err := os.WriteFile("tables.bin", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(got, []byte(tablesBin)) {
		t.Fatal("tables.bin is not what lexicon_data.go and model.txt encode to: run go generate ./shared/router")
	}
}

// Decoding gives back exactly the parsed sources, so New routes as the
// text says.
func TestTablesDecode(t *testing.T) {
	wantLx, wantM := sourceTables(t)
	lx, m, err := decodeTables(tablesBin)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(lx, wantLx) {
		t.Error("the decoded lexicon differs from lexicon_data.go")
	}
	if !sameModel(m, wantM) {
		t.Error("the decoded model differs from model.txt")
	}
}

// A truncated or altered file is an error, never a panic.
func TestTablesMalformed(t *testing.T) {
	for _, n := range []int{0, 1, 5, 100, len(tablesBin) / 2, len(tablesBin) - 1} {
		if _, _, err := decodeTables(tablesBin[:n]); err == nil {
			t.Errorf("decodeTables accepted the first %d bytes", n)
		}
	}
	if _, _, err := decodeTables(tablesBin + "x"); err == nil {
		t.Error("decodeTables accepted a trailing byte")
	}
	// The model's slots end the file: a slot that points into a record,
	// past the records or at nothing, or an empty slot filled, is an error.
	_, m, err := decodeTables(tablesBin)
	if err != nil {
		t.Fatal(err)
	}
	slots := len(tablesBin) - len(m.slots)
	used, empty := -1, -1
	for s := slots; s < len(tablesBin); s += slotSize {
		if binary.LittleEndian.Uint32([]byte(tablesBin[s:])) == 0 {
			empty = s
		} else {
			used = s
		}
	}
	for _, c := range []struct {
		what string
		at   int
		e    uint32
	}{
		{"a slot into a record", used, 0xab000002},
		{"a slot past the records", used, maxRecords},
		{"an empty slot filled", empty, 1},
		{"a used slot emptied", used, 0},
	} {
		b := []byte(tablesBin)
		binary.LittleEndian.PutUint32(b[c.at:], c.e)
		if _, _, err := decodeTables(string(b)); err == nil {
			t.Errorf("decodeTables accepted %s", c.what)
		}
	}
}

func FuzzDecodeTables(f *testing.F) {
	f.Add(tablesBin[:200])
	f.Add(tablesBin) // the mutations of the whole file reach the model
	f.Add("\x01\x01\x01\x01\x01a\x00\x01\x00")
	f.Fuzz(func(t *testing.T, data string) {
		_, _, _ = decodeTables(data)
	})
}

func BenchmarkDecodeTables(b *testing.B) {
	for b.Loop() {
		if _, _, err := decodeTables(tablesBin); err != nil {
			b.Fatal(err)
		}
	}
}

// sameModel reports whether a and b have the same features with the same
// weights, laid out alike.
func sameModel(a, b *model) bool { return *a == *b }
