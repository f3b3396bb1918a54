package auth

import (
	"crypto"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math"
	"strings"
	"time"
)

// The two JSON Web Token operations the product needs, written out rather
// than linked from a JWT library: every function's bootstrap carries the
// verifier, and this is a few kilobytes where the library was some 60
// (issue 10). The tests mint their tokens with github.com/golang-jwt/jwt,
// so the two are held to agree.

// jwtRules are what a token must satisfy besides its signature.
type jwtRules struct {
	alg      string // the one algorithm accepted: HS256 or RS256
	issuer   string // iss must equal it
	audience string // aud (a string or a list) must hold it
	now      time.Time
	leeway   time.Duration // allowed clock skew for exp and nbf
}

// verifyJWT checks a compact JWS: three base64url parts, a header naming
// exactly r.alg (never "none", never the other algorithm: a key of one
// kind is never used as the other), a signature by the key that key
// returns for the header's kid ([]byte for HS256, *rsa.PublicKey for
// RS256), then the claims: exp required and not past, nbf not future (both
// within r.leeway), iss and aud as r says. It returns the claims with
// numbers as float64, as encoding/json decodes them; every failure is
// ErrInvalidToken unless key's own error, which it returns wrapped.
func verifyJWT(token string, r jwtRules, key func(kid string) (any, error)) (map[string]any, error) {
	head, rest, ok1 := strings.Cut(token, ".")
	payload, sig, ok2 := strings.Cut(rest, ".")
	if !ok1 || !ok2 || strings.Contains(sig, ".") {
		return nil, ErrInvalidToken
	}
	var h struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	if err := decodeSegment(head, &h); err != nil || h.Alg != r.alg {
		return nil, ErrInvalidToken
	}
	signature, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil {
		return nil, ErrInvalidToken
	}
	k, err := key(h.Kid)
	if err != nil {
		return nil, err
	}
	signed := token[:len(head)+1+len(payload)]
	switch k := k.(type) {
	case []byte:
		if r.alg != "HS256" || !hmac.Equal(signature, hs256(k, signed)) {
			return nil, ErrInvalidToken
		}
	case *rsa.PublicKey:
		sum := sha256.Sum256([]byte(signed))
		if r.alg != "RS256" || rsa.VerifyPKCS1v15(k, crypto.SHA256, sum[:], signature) != nil {
			return nil, ErrInvalidToken
		}
	default:
		return nil, ErrInvalidToken
	}
	var claims map[string]any
	if err := decodeSegment(payload, &claims); err != nil || claims == nil {
		return nil, ErrInvalidToken
	}
	exp, ok := numericDate(claims, "exp")
	if !ok || exp.IsZero() || !r.now.Before(exp.Add(r.leeway)) {
		return nil, ErrInvalidToken
	}
	if nbf, ok := numericDate(claims, "nbf"); !ok || !nbf.IsZero() && r.now.Before(nbf.Add(-r.leeway)) {
		return nil, ErrInvalidToken
	}
	if iss, _ := claims["iss"].(string); iss != r.issuer {
		return nil, ErrInvalidToken
	}
	if !hasAudience(claims["aud"], r.audience) {
		return nil, ErrInvalidToken
	}
	return claims, nil
}

// signHS256 returns the compact JWS of claims signed with key.
func signHS256(key []byte, claims map[string]any) (string, error) {
	body, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	signed := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + base64.RawURLEncoding.EncodeToString(body)
	return signed + "." + base64.RawURLEncoding.EncodeToString(hs256(key, signed)), nil
}

func hs256(key []byte, signed string) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(signed))
	return mac.Sum(nil)
}

func decodeSegment(seg string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// numericDate reads a NumericDate claim (seconds since the epoch): the
// zero time when it is absent or 0, ok false when it is not a number.
func numericDate(claims map[string]any, name string) (time.Time, bool) {
	v, present := claims[name]
	if !present {
		return time.Time{}, true
	}
	f, ok := v.(float64)
	if !ok {
		return time.Time{}, false
	}
	if f == 0 {
		return time.Time{}, true
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)), true
}

// hasAudience reports whether aud, a string or a list of strings, holds want.
func hasAudience(aud any, want string) bool {
	switch a := aud.(type) {
	case string:
		return a == want
	case []any:
		for _, x := range a {
			if s, ok := x.(string); ok && s == want {
				return true
			}
		}
	}
	return false
}
