package domain

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/oklog/ulid/v2"
)

// NewID returns a new opaque, time-sortable identifier (a ULID).
func NewID() string { return ulid.Make().String() }

// NewVisitorToken returns a fresh visitor token and its hash. Only the hash
// is stored; the token is shown to the visitor once.
func NewVisitorToken() (token, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on Linux
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// DerivedVisitorToken returns question id's visitor token derived from
// secret (HMAC-SHA256), and its hash. Only the hash is stored, yet the
// sender of a notification can derive the token again to put the private
// link in a message; without the secret nobody can. secret must not be
// empty.
func DerivedVisitorToken(secret []byte, id string) (token, hash string) {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte("visitor-token:" + id))
	token = base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
	return token, HashToken(token)
}

// HashToken returns the hex SHA-256 of a visitor token. Tokens carry 256
// random bits, so a plain hash is enough: there is nothing to brute-force.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// TokenMatches reports in constant time whether token hashes to hash.
func TokenMatches(token, hash string) bool {
	if token == "" || hash == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(HashToken(token)), []byte(hash)) == 1
}

// IDAt returns the smallest ID made at t: IDs sort by time, so a range of
// times is a range of IDs.
func IDAt(t time.Time) string {
	var id ulid.ULID
	_ = id.SetTime(ulid.Timestamp(t))
	return id.String()
}
