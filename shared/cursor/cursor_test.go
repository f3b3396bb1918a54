package cursor

import (
	"reflect"
	"testing"
)

func TestCursor(t *testing.T) {
	c := New([]byte("secret-0123456789abcdef0123456789"))
	key := map[string]string{"pk": "LAWYER#1", "sk": "AREA#family", "gsi1pk": "AREA#family"}
	s := c.Seal("lawyers|family|", key)
	if s == "" {
		t.Fatal("empty cursor")
	}
	got, err := c.Open("lawyers|family|", s)
	if err != nil || !reflect.DeepEqual(got, key) {
		t.Fatalf("Open = %v, %v", got, err)
	}
	if _, err := c.Open("lawyers|labor|", s); err != ErrInvalid {
		t.Fatalf("cursor of another list opened: %v", err)
	}
	if _, err := New([]byte("another secret 0123456789abcdef01")).Open("lawyers|family|", s); err != ErrInvalid {
		t.Fatalf("foreign cursor opened: %v", err)
	}
	tampered := []byte(s)
	tampered[len(tampered)/2] ^= 1
	if _, err := c.Open("lawyers|family|", string(tampered)); err != ErrInvalid {
		t.Fatalf("tampered cursor opened: %v", err)
	}
	for _, bad := range []string{"!!!", "abc", ""} {
		got, err := c.Open("x", bad)
		if bad == "" && (got != nil || err != nil) {
			t.Fatalf("empty cursor = %v, %v", got, err)
		}
		if bad != "" && err != ErrInvalid {
			t.Fatalf("Open(%q) = %v", bad, err)
		}
	}
	if c.Seal("x", nil) != "" {
		t.Fatal("end of list gives a cursor")
	}
}
