package cursor

// Fuzz targets of the codec. A cursor comes back from any client as a query
// parameter, so Open meets arbitrary strings: it must never panic, and only
// a cursor this codec sealed for the same list may open — anything else,
// a cursor of another list or a changed one included, is ErrInvalid.

import (
	"encoding/base64"
	"maps"
	"testing"
	"unicode/utf8"
)

var fuzzCodec = New([]byte("fuzz secret 0123456789abcdef0123"))

// sealedPurpose is the one list the cursors of FuzzOpen's corpus were
// sealed for (testdata/fuzz/FuzzOpen, made with fuzzCodec): no other
// purpose may open them, nor any string the fuzzer makes of them.
const sealedPurpose = "lawyers|family|南京"

func FuzzSealOpen(f *testing.F) {
	f.Add("lawyers|family|", "pk", "LAWYER#01J0000000000000000000000", "sk", "AREA#family", uint(0), "lawyers|labor|")
	f.Add("questions|01FIRM|", "gsi1pk", "CITY#南京", "gsi1sk", "2026-06-01T09:00:00Z#01Q", uint(97), "questions|01FIRM|x")
	f.Add("", "pk", "", "pk", "x", uint(1<<20), "\x00")
	f.Fuzz(func(t *testing.T, purpose, k1, v1, k2, v2 string, flip uint, other string) {
		key := map[string]string{k1: v1, k2: v2}
		for k, v := range key {
			// DynamoDB strings are UTF-8, so a store key never holds
			// anything else (json.Marshal would replace it).
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				t.Skip()
			}
		}
		s := fuzzCodec.Seal(purpose, key)
		got, err := fuzzCodec.Open(purpose, s)
		if err != nil || !maps.Equal(got, key) {
			t.Fatalf("Open(Seal(%v)) = %v, %v", key, got, err)
		}
		if other != purpose {
			if got, err := fuzzCodec.Open(other, s); err != ErrInvalid || got != nil {
				t.Fatalf("a cursor of %q opened for %q: %v, %v", purpose, other, got, err)
			}
		}
		raw, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			t.Fatalf("Seal gave %q: %v", s, err)
		}
		raw[flip/8%uint(len(raw))] ^= 1 << (flip % 8)
		if got, err := fuzzCodec.Open(purpose, base64.RawURLEncoding.EncodeToString(raw)); err != ErrInvalid || got != nil {
			t.Fatalf("a cursor with bit %d flipped opened: %v, %v", flip, got, err)
		}
	})
}

func FuzzOpen(f *testing.F) {
	for _, s := range []string{"", "!!!", "abc", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "%FF", "\xff\xfe",
		fuzzCodec.Seal(sealedPurpose, map[string]string{"pk": "LAWYER#01J", "sk": "AREA#family"})} {
		f.Add(sealedPurpose, s)
		f.Add("lawyers|family|", s)
	}
	f.Fuzz(func(t *testing.T, purpose, cursor string) {
		got, err := fuzzCodec.Open(purpose, cursor)
		switch {
		case cursor == "":
			if got != nil || err != nil {
				t.Fatalf("the empty cursor opened as %v, %v", got, err)
			}
		case err != nil:
			if err != ErrInvalid || got != nil {
				t.Fatalf("Open(%q) = %v, %v; want ErrInvalid", cursor, got, err)
			}
		case purpose != sealedPurpose:
			t.Fatalf("Open(%q, %q) = %v: no cursor was sealed for that list", purpose, cursor, got)
		case len(got) == 0:
			t.Fatalf("Open(%q) = %v, nil: a sealed cursor holds a key", cursor, got)
		}
	})
}
