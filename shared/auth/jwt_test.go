package auth

import (
	"context"
	"crypto/x509"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// The hand-written verifier refuses what the JWT library refused, the
// library being the oracle: tokens are minted with it.
func TestVerifyJWTRefuses(t *testing.T) {
	c := newCognito(t)
	v := NewCognitoVerifier(c.issuer(), "client")
	ctx := context.Background()
	pub, err := x509.MarshalPKIXPublicKey(&c.key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	good := c.token(t, "k1", nil)
	head, rest, _ := strings.Cut(good, ".")
	payload, sig, _ := strings.Cut(rest, ".")
	hs := func(key []byte) string { // alg confusion: the public key as an HMAC secret
		tok := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "u1", "iss": c.issuer(), "aud": "client",
			"token_use": "id", "exp": time.Now().Add(time.Hour).Unix()})
		tok.Header["kid"] = "k1"
		s, err := tok.SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	none := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{"sub": "u1", "iss": c.issuer(), "aud": "client",
		"token_use": "id", "exp": time.Now().Add(time.Hour).Unix()})
	none.Header["kid"] = "k1"
	noneTok, _ := none.SignedString(jwt.UnsafeAllowNoneSignatureType)
	otherPayload := c.token(t, "k1", jwt.MapClaims{"custom:firmId": "F2"})
	for name, tok := range map[string]string{
		"HS256WithPublicKey": hs(pub),
		"None":               noneTok,
		"TamperedPayload":    head + "." + strings.Split(otherPayload, ".")[1] + "." + sig,
		"NoSignature":        head + "." + payload + ".",
		"FourParts":          good + ".x",
		"TwoParts":           head + "." + payload,
		"BadBase64":          head + "." + payload + "." + sig + "*",
		"NoExpiry":           c.token(t, "k1", jwt.MapClaims{"exp": nil}),
		"ExpiryNotNumber":    c.token(t, "k1", jwt.MapClaims{"exp": "tomorrow"}),
		"ExpiredPastLeeway":  c.token(t, "k1", jwt.MapClaims{"exp": time.Now().Add(-time.Minute).Unix()}),
		"NotYetValid":        c.token(t, "k1", jwt.MapClaims{"nbf": time.Now().Add(time.Minute).Unix()}),
		"AudienceList":       c.token(t, "k1", jwt.MapClaims{"aud": []string{"other", "another"}}),
		"NoIssuer":           c.token(t, "k1", jwt.MapClaims{"iss": nil}),
		"Empty":              "",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := v.Verify(ctx, tok); !errors.Is(err, ErrInvalidToken) {
				t.Fatalf("Verify = %v, want ErrInvalidToken", err)
			}
		})
	}
	for name, tok := range map[string]string{
		"ExpiredWithinLeeway": c.token(t, "k1", jwt.MapClaims{"exp": time.Now().Add(-10 * time.Second).Unix()}),
		"ValidSoon":           c.token(t, "k1", jwt.MapClaims{"nbf": time.Now().Add(10 * time.Second).Unix()}),
		"AudienceInList":      c.token(t, "k1", jwt.MapClaims{"aud": []string{"other", "client"}}),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := v.Verify(ctx, tok); err != nil {
				t.Fatalf("Verify = %v, want it accepted", err)
			}
		})
	}
}

// A local token is one the library accepts with the rules Verify applies.
func TestLocalSignerTokenIsStandard(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	tok, err := NewLocalSigner(key).Sign(Identity{Subject: "u1", Groups: []string{GroupStaff}, FirmID: "F1"}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	claims := jwt.MapClaims{}
	if _, err := jwt.ParseWithClaims(tok, claims, func(*jwt.Token) (any, error) { return key, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer(LocalIssuer), jwt.WithAudience(LocalIssuer),
		jwt.WithExpirationRequired()); err != nil {
		t.Fatalf("the library refuses a local token: %v", err)
	}
	if claims["custom:firmId"] != "F1" || claims["token_use"] != "id" {
		t.Fatalf("claims = %v", claims)
	}
}
