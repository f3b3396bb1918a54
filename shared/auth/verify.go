package auth

import (
	"context"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"sync"
	"time"
)

// ErrInvalidToken is returned for a bearer token that is malformed,
// unsigned by us, expired or meant for someone else.
var ErrInvalidToken = errors.New("invalid or expired token")

// ErrKeysUnavailable is returned when the user pool's keys cannot be
// fetched: the token may be fine, so the caller should answer 503.
var ErrKeysUnavailable = errors.New("token keys unavailable")

// Verifier checks a bearer token and returns its claims flattened as API
// Gateway hands them over (see Flatten).
type Verifier interface {
	Verify(ctx context.Context, token string) (map[string]string, error)
}

// LocalSigner signs and verifies the HS256 tokens of the local server
// (POST /local/token). It is never deployed.
type LocalSigner struct {
	key []byte
	// Now is the clock; tests may replace it.
	Now func() time.Time
}

// LocalIssuer is the issuer and audience of local tokens.
const LocalIssuer = "lawdesk-local"

// NewLocalSigner returns a signer using key (at least 32 bytes).
func NewLocalSigner(key []byte) *LocalSigner {
	return &LocalSigner{key: key, Now: time.Now}
}

// Sign returns a token for identity id valid for ttl, carrying the claims a
// Cognito ID token carries.
func (s *LocalSigner) Sign(id Identity, ttl time.Duration) (string, error) {
	now := s.Now()
	return signHS256(s.key, map[string]any{
		"iss":         LocalIssuer,
		"aud":         LocalIssuer,
		"sub":         id.Subject,
		"token_use":   "id",
		"iat":         now.Unix(),
		"exp":         now.Add(ttl).Unix(),
		ClaimGroups:   id.Groups,
		ClaimLawyerID: id.LawyerID,
		ClaimFirmID:   id.FirmID,
		ClaimName:     id.Name,
	})
}

// Verify implements Verifier for local tokens.
func (s *LocalSigner) Verify(_ context.Context, token string) (map[string]string, error) {
	claims, err := verifyJWT(token, jwtRules{alg: "HS256", issuer: LocalIssuer, audience: LocalIssuer, now: s.Now()},
		func(string) (any, error) { return s.key, nil })
	if err != nil {
		return nil, ErrInvalidToken
	}
	return Flatten(claims), nil
}

// CognitoVerifier checks Cognito ID tokens (RS256) against the user pool's
// published keys. It is used on routes without the API Gateway authorizer
// (those visitors share with lawyers and staff); on the others API Gateway
// has already checked the token.
type CognitoVerifier struct {
	Issuer   string // https://cognito-idp.<region>.amazonaws.com/<pool id>
	ClientID string // the app client: the ID token's audience
	// KeysURL is where the pool's key set is fetched; empty means
	// Issuer + "/.well-known/jwks.json", as Cognito publishes it. Only an
	// emulator serving the keys elsewhere than the issuer it names (moto)
	// sets it; the issuer claim is still checked against Issuer.
	KeysURL string
	Client  *http.Client
	Now     func() time.Time

	mu      sync.Mutex
	keys    map[string]*rsa.PublicKey
	fetched time.Time
}

// NewCognitoVerifier returns a verifier for the user pool issuer and app client.
func NewCognitoVerifier(issuer, clientID string) *CognitoVerifier {
	return &CognitoVerifier{Issuer: issuer, ClientID: clientID, Client: &http.Client{Timeout: 3 * time.Second}, Now: time.Now}
}

// Verify implements Verifier.
func (v *CognitoVerifier) Verify(ctx context.Context, token string) (map[string]string, error) {
	claims, err := verifyJWT(token, jwtRules{alg: "RS256", issuer: v.Issuer, audience: v.ClientID, now: v.Now(), leeway: 30 * time.Second},
		func(kid string) (any, error) { return v.key(ctx, kid) })
	if errors.Is(err, ErrKeysUnavailable) {
		return nil, err
	}
	if err != nil || claims["token_use"] != "id" {
		return nil, ErrInvalidToken
	}
	return Flatten(claims), nil
}

// key returns the public key kid, fetching the key set when it is unknown
// (keys rotate), at most once a minute.
func (v *CognitoVerifier) key(ctx context.Context, kid string) (*rsa.PublicKey, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if k, ok := v.keys[kid]; ok {
		return k, nil
	}
	if v.Now().Sub(v.fetched) < time.Minute {
		return nil, ErrInvalidToken
	}
	v.fetched = v.Now()
	keys, err := fetchJWKS(ctx, v.Client, v.keysURL())
	if err != nil {
		v.fetched = time.Time{} // a failed fetch may be retried at once
		return nil, fmt.Errorf("%w: %v", ErrKeysUnavailable, err)
	}
	v.keys = keys
	if k, ok := keys[kid]; ok {
		return k, nil
	}
	return nil, ErrInvalidToken
}

func (v *CognitoVerifier) keysURL() string {
	if v.KeysURL != "" {
		return v.KeysURL
	}
	return v.Issuer + "/.well-known/jwks.json"
}

func fetchJWKS(ctx context.Context, c *http.Client, url string) (map[string]*rsa.PublicKey, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch jwks: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch jwks: status %d", resp.StatusCode)
	}
	var set struct {
		Keys []struct {
			Kid, Kty, N, E string
		} `json:"keys"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&set); err != nil {
		return nil, fmt.Errorf("decode jwks: %w", err)
	}
	keys := map[string]*rsa.PublicKey{}
	for _, k := range set.Keys {
		if k.Kty != "RSA" {
			continue
		}
		n, err1 := base64.RawURLEncoding.DecodeString(k.N)
		e, err2 := base64.RawURLEncoding.DecodeString(k.E)
		if err1 != nil || err2 != nil {
			continue
		}
		keys[k.Kid] = &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	}
	return keys, nil
}
