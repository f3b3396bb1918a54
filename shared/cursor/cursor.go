// Package cursor seals pagination positions into opaque strings. A cursor
// is the store's last evaluated key, encrypted and authenticated with
// AES-GCM and bound to the list it came from, so clients can neither read
// internal keys nor forge a position in another list.
package cursor

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
)

// ErrInvalid is returned for a cursor that was not sealed by this codec for
// this list.
var ErrInvalid = errors.New("invalid cursor")

// Codec seals and opens cursors.
type Codec struct {
	aead cipher.AEAD
}

// New returns a codec whose key is derived from secret.
func New(secret []byte) *Codec {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte("lawdesk cursor v1"))
	block, err := aes.NewCipher(mac.Sum(nil))
	if err != nil {
		panic(err) // a 32-byte key is always valid
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return &Codec{aead: aead}
}

// Seal encodes key for the list named purpose. An empty key gives "".
func (c *Codec) Seal(purpose string, key map[string]string) string {
	if len(key) == 0 {
		return ""
	}
	plain, _ := json.Marshal(key)
	nonce := make([]byte, c.aead.NonceSize())
	_, _ = rand.Read(nonce)
	sealed := c.aead.Seal(nonce, nonce, plain, []byte(purpose))
	return base64.RawURLEncoding.EncodeToString(sealed)
}

// Open decodes a cursor sealed for purpose. An empty cursor gives a nil key.
func (c *Codec) Open(purpose, cursor string) (map[string]string, error) {
	if cursor == "" {
		return nil, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || len(raw) < c.aead.NonceSize() {
		return nil, ErrInvalid
	}
	n := c.aead.NonceSize()
	plain, err := c.aead.Open(nil, raw[:n], raw[n:], []byte(purpose))
	if err != nil {
		return nil, ErrInvalid
	}
	var key map[string]string
	if err := json.Unmarshal(plain, &key); err != nil {
		return nil, ErrInvalid
	}
	return key, nil
}
