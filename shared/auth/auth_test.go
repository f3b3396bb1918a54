package auth

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// TestParseGroups holds the claim to the shapes that arrive: API
// Gateway's "[a b]", a JSON array, one bare name. A comma is part of a
// name (Cognito allows it), never a separator: a group named "x,admins"
// must not make its members admins.
func TestParseGroups(t *testing.T) {
	for in, want := range map[string][]string{
		"[lawyers staff]":         {"lawyers", "staff"},
		"[lawyers]":               {"lawyers"},
		`["lawyers","admins"]`:    {"lawyers", "admins"},
		`[ "lawyers" , "staff" ]`: {"lawyers", "staff"},
		`["x,admins"]`:            {"x,admins"},
		"staff":                   {"staff"},
		"":                        nil,
		"[]":                      {},
		"[x,admins]":              {"x,admins"},
		"[lawyers x,admins]":      {"lawyers", "x,admins"},
		"x,admins":                {"x,admins"},
		"lawyers,admins":          {"lawyers,admins"},
		"[lawyers, staff]":        {"lawyers,", "staff"},
		"  [lawyers  staff]  ":    {"lawyers", "staff"},
		"[lawyers\tstaff]":        {"lawyers\tstaff"},
	} {
		got := ParseGroups(in)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ParseGroups(%q) = %q, want %q", in, got, want)
		}
	}
	for _, claim := range []string{"[x,admins]", "x,admins", "[lawyers x,admins]", `["x,admins"]`} {
		if FromClaims(map[string]string{"sub": "u1", ClaimGroups: claim}).IsAdmin() {
			t.Errorf("groups claim %q grants admin", claim)
		}
	}
}

func TestIdentity(t *testing.T) {
	id := FromClaims(map[string]string{"sub": "u1", "cognito:groups": "[lawyers staff]", "custom:lawyerId": "L1", "custom:firmId": "F1"})
	if !id.IsLawyer("L1") || id.IsLawyer("L2") || !id.IsStaffOf("F1") || id.IsStaffOf("F2") || id.IsAdmin() || id.Actor() != "lawyer:L1" {
		t.Fatalf("identity = %+v", id)
	}
	if FromClaims(map[string]string{"cognito:groups": "[admins]"}).Authenticated() {
		t.Fatal("claims without sub authenticate")
	}
	// A lawyer group without a lawyer id is no lawyer; staff without a firm is no staff.
	bare := FromClaims(map[string]string{"sub": "u2", "cognito:groups": "[lawyers staff]"})
	if bare.IsLawyer("") || bare.IsStaffOf("") {
		t.Fatal("empty ids match")
	}
}

func TestFlatten(t *testing.T) {
	got := Flatten(map[string]any{"s": "x", "n": float64(1700000000), "f": 1.5, "a": []any{"lawyers", "staff"}, "b": true, "nil": nil})
	want := map[string]string{"s": "x", "n": "1700000000", "f": "1.5", "a": "[lawyers staff]", "b": "true", "nil": ""}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Flatten = %v", got)
	}
}

func TestLocalSigner(t *testing.T) {
	s := NewLocalSigner([]byte("0123456789abcdef0123456789abcdef"))
	tok, err := s.Sign(Identity{Subject: "u1", Groups: []string{GroupLawyers}, LawyerID: "L1", FirmID: "F1"}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	claims, err := s.Verify(context.Background(), tok)
	if err != nil {
		t.Fatal(err)
	}
	if id := FromClaims(claims); !id.IsLawyer("L1") || claims["cognito:groups"] != "[lawyers]" {
		t.Fatalf("claims = %v", claims)
	}
	other := NewLocalSigner([]byte("another key 0123456789abcdef0123"))
	if _, err := other.Verify(context.Background(), tok); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("foreign key verified: %v", err)
	}
	s.Now = func() time.Time { return time.Now().Add(2 * time.Hour) }
	if _, err := s.Verify(context.Background(), tok); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("expired token verified: %v", err)
	}
	none := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{"sub": "x", "iss": LocalIssuer, "aud": LocalIssuer, "exp": time.Now().Add(time.Hour).Unix()})
	raw, _ := none.SignedString(jwt.UnsafeAllowNoneSignatureType)
	if _, err := NewLocalSigner([]byte("0123456789abcdef0123456789abcdef")).Verify(context.Background(), raw); err == nil {
		t.Fatal("alg=none verified")
	}
}

// cognito serves a user pool's JWKS and signs ID tokens like Cognito.
type cognito struct {
	key     *rsa.PrivateKey
	srv     *httptest.Server
	fetches int
	down    bool
}

func newCognito(t *testing.T) *cognito {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	c := &cognito{key: key}
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.fetches++
		if c.down || r.URL.Path != "/pool/.well-known/jwks.json" {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"keys": []map[string]string{{
			"kid": "k1", "kty": "RSA", "alg": "RS256", "use": "sig",
			"n": base64.RawURLEncoding.EncodeToString(key.N.Bytes()),
			"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(key.E)).Bytes()),
		}}})
	}))
	t.Cleanup(c.srv.Close)
	return c
}

func (c *cognito) issuer() string { return c.srv.URL + "/pool" }

func (c *cognito) token(t *testing.T, kid string, claims jwt.MapClaims) string {
	base := jwt.MapClaims{"sub": "u1", "iss": c.issuer(), "aud": "client", "token_use": "id",
		"exp": time.Now().Add(time.Hour).Unix(), "cognito:groups": []string{"staff"}, "custom:firmId": "F1"}
	for k, v := range claims {
		base[k] = v
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, base)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(c.key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCognitoVerifier(t *testing.T) {
	c := newCognito(t)
	v := NewCognitoVerifier(c.issuer(), "client")
	ctx := context.Background()
	claims, err := v.Verify(ctx, c.token(t, "k1", nil))
	if err != nil {
		t.Fatal(err)
	}
	if id := FromClaims(claims); !id.IsStaffOf("F1") || claims["cognito:groups"] != "[staff]" {
		t.Fatalf("claims = %v", claims)
	}
	for name, tok := range map[string]string{
		"WrongAudience": c.token(t, "k1", jwt.MapClaims{"aud": "other"}),
		"WrongIssuer":   c.token(t, "k1", jwt.MapClaims{"iss": "https://evil.example.com"}),
		"AccessToken":   c.token(t, "k1", jwt.MapClaims{"token_use": "access"}),
		"Expired":       c.token(t, "k1", jwt.MapClaims{"exp": time.Now().Add(-time.Hour).Unix()}),
		"UnknownKey":    c.token(t, "k2", nil),
		"Garbage":       "a.b.c",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := v.Verify(ctx, tok); !errors.Is(err, ErrInvalidToken) {
				t.Fatalf("Verify = %v, want ErrInvalidToken", err)
			}
		})
	}
	t.Run("KeysFetchedOnce", func(t *testing.T) {
		if c.fetches > 2 {
			t.Fatalf("fetched the key set %d times", c.fetches)
		}
	})
	t.Run("KeysUnavailable", func(t *testing.T) {
		c.down = true
		fresh := NewCognitoVerifier(c.issuer(), "client")
		if _, err := fresh.Verify(ctx, c.token(t, "k1", nil)); !errors.Is(err, ErrKeysUnavailable) {
			t.Fatalf("Verify = %v, want ErrKeysUnavailable", err)
		}
		c.down = false
		if _, err := fresh.Verify(ctx, c.token(t, "k1", nil)); err != nil {
			t.Fatalf("after recovery: %v", err)
		}
	})
}
