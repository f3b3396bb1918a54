package auth_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/lawdesk/lawdesk/infra/motoserver"
	"github.com/lawdesk/lawdesk/shared/auth"
)

// The tokens here are the ones a user pool issues (moto's Cognito), not
// ones this test signs: the verifier the functions use must read their
// claims and refuse what is not an ID token of this pool and app client.
//
// moto names the issuer https://cognito-idp.<region>.amazonaws.com/<pool>
// but serves the key set from its own address, <endpoint>/<pool>/.well-known/jwks.json,
// so the verifier is given that as KeysURL. moto signs every pool's tokens
// with one key (kid "dummy"), so a token of another pool is refused here by
// the issuer check alone.
const region = "eu-central-1"

// userPool is a moto user pool set up as template.yaml sets up LawDesk's.
type userPool struct {
	api      *cip.Client
	endpoint string
	id       string
	clientID string
}

func newUserPool(t *testing.T, api *cip.Client, endpoint, name string) userPool {
	t.Helper()
	ctx := context.Background()
	custom := func(attr string) types.SchemaAttributeType {
		return types.SchemaAttributeType{Name: aws.String(attr), AttributeDataType: types.AttributeDataTypeString, Mutable: aws.Bool(true)}
	}
	pool, err := api.CreateUserPool(ctx, &cip.CreateUserPoolInput{
		PoolName: aws.String(name),
		Schema:   []types.SchemaAttributeType{custom("lawyerId"), custom("firmId")},
	})
	if err != nil {
		t.Fatalf("CreateUserPool: %v", err)
	}
	p := userPool{api: api, endpoint: endpoint, id: aws.ToString(pool.UserPool.Id)}
	p.clientID = p.newClient(t, "web")
	for _, g := range []string{auth.GroupLawyers, auth.GroupStaff, auth.GroupAdmins} {
		if _, err := api.CreateGroup(ctx, &cip.CreateGroupInput{UserPoolId: aws.String(p.id), GroupName: aws.String(g)}); err != nil {
			t.Fatalf("CreateGroup %s: %v", g, err)
		}
	}
	return p
}

// newClient adds an app client without a secret that may sign in with a
// password through the admin API, and returns its id.
func (p userPool) newClient(t *testing.T, name string) string {
	t.Helper()
	c, err := p.api.CreateUserPoolClient(context.Background(), &cip.CreateUserPoolClientInput{
		UserPoolId:        aws.String(p.id),
		ClientName:        aws.String(name),
		GenerateSecret:    false,
		ExplicitAuthFlows: []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowAdminUserPasswordAuth, types.ExplicitAuthFlowsTypeAllowRefreshTokenAuth},
	})
	if err != nil {
		t.Fatalf("CreateUserPoolClient: %v", err)
	}
	return aws.ToString(c.UserPoolClient.ClientId)
}

func (p userPool) issuer() string {
	return "https://cognito-idp." + region + ".amazonaws.com/" + p.id
}

// verifier is the verifier the functions build (awsboot), pointed at moto's key set.
func (p userPool) verifier() *auth.CognitoVerifier {
	v := auth.NewCognitoVerifier(p.issuer(), p.clientID)
	v.KeysURL = p.endpoint + "/" + p.id + "/.well-known/jwks.json"
	return v
}

const password = "Corr3ct-horse-battery!"

// addUser creates a confirmed user with a permanent password, custom
// attributes attrs (names without "custom:") and groups, and returns its sub.
func (p userPool) addUser(t *testing.T, username string, attrs map[string]string, groups ...string) string {
	t.Helper()
	ctx := context.Background()
	ua := []types.AttributeType{{Name: aws.String("email"), Value: aws.String(username + "@example.com")}}
	for k, v := range attrs {
		ua = append(ua, types.AttributeType{Name: aws.String("custom:" + k), Value: aws.String(v)})
	}
	out, err := p.api.AdminCreateUser(ctx, &cip.AdminCreateUserInput{
		UserPoolId: aws.String(p.id), Username: aws.String(username), UserAttributes: ua,
		MessageAction: types.MessageActionTypeSuppress,
	})
	if err != nil {
		t.Fatalf("AdminCreateUser %s: %v", username, err)
	}
	if _, err := p.api.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{
		UserPoolId: aws.String(p.id), Username: aws.String(username), Password: aws.String(password), Permanent: true,
	}); err != nil {
		t.Fatalf("AdminSetUserPassword %s: %v", username, err)
	}
	for _, g := range groups {
		if _, err := p.api.AdminAddUserToGroup(ctx, &cip.AdminAddUserToGroupInput{
			UserPoolId: aws.String(p.id), Username: aws.String(username), GroupName: aws.String(g),
		}); err != nil {
			t.Fatalf("AdminAddUserToGroup %s %s: %v", username, g, err)
		}
	}
	for _, a := range out.User.Attributes {
		if aws.ToString(a.Name) == "sub" {
			return aws.ToString(a.Value)
		}
	}
	t.Fatalf("AdminCreateUser %s: no sub among %v", username, out.User.Attributes)
	return ""
}

// signIn signs username in through app client clientID and returns the ID
// and access tokens the pool issues.
func (p userPool) signIn(t *testing.T, clientID, username string) (id, access string) {
	t.Helper()
	out, err := p.api.AdminInitiateAuth(context.Background(), &cip.AdminInitiateAuthInput{
		UserPoolId:     aws.String(p.id),
		ClientId:       aws.String(clientID),
		AuthFlow:       types.AuthFlowTypeAdminUserPasswordAuth,
		AuthParameters: map[string]string{"USERNAME": username, "PASSWORD": password},
	})
	if err != nil {
		t.Fatalf("AdminInitiateAuth %s: %v", username, err)
	}
	if out.AuthenticationResult == nil {
		t.Fatalf("AdminInitiateAuth %s: a challenge (%s) instead of tokens", username, out.ChallengeName)
	}
	r := out.AuthenticationResult
	return aws.ToString(r.IdToken), aws.ToString(r.AccessToken)
}

// mustVerify verifies token with v and fails the test when it is refused.
func mustVerify(t *testing.T, v auth.Verifier, token string) map[string]string {
	t.Helper()
	claims, err := v.Verify(context.Background(), token)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	return claims
}

// payload decodes a token's claims as the pool wrote them, unverified.
func payload(t *testing.T, token string) map[string]any {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts", len(parts))
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	claims := map[string]any{}
	if err := json.Unmarshal(raw, &claims); err != nil {
		t.Fatal(err)
	}
	return claims
}

// tamper returns token with its payload changed by edit and the header and
// signature kept.
func tamper(t *testing.T, token string, edit func(map[string]any)) string {
	t.Helper()
	claims := payload(t, token)
	edit(claims)
	raw, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(token, ".")
	parts[1] = base64.RawURLEncoding.EncodeToString(raw)
	return strings.Join(parts, ".")
}

func TestCognitoTokensFromMoto(t *testing.T) {
	endpoint := motoserver.Start(t)
	api := cip.New(cip.Options{
		Region:       region,
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
	pool := newUserPool(t, api, endpoint, "lawdesk")

	const lawyerID, firmID, otherFirm = "01HLAWYER0000000000000000A", "01HFIRM00000000000000000A", "01HFIRM00000000000000000B"
	users := []struct {
		name     string
		attrs    map[string]string
		groups   []string
		lawyer   bool // IsLawyer(lawyerID)
		staff    bool // IsStaffOf(firmID)
		admin    bool
		lawyerID string
		firmID   string
		actor    string // {sub} stands for the user's subject
	}{
		{name: "wang.lawyer", attrs: map[string]string{"lawyerId": lawyerID, "firmId": firmID}, groups: []string{auth.GroupLawyers},
			lawyer: true, lawyerID: lawyerID, firmID: firmID, actor: "lawyer:" + lawyerID},
		{name: "li.staff", attrs: map[string]string{"firmId": firmID}, groups: []string{auth.GroupStaff},
			staff: true, firmID: firmID, actor: "staff:{sub}"},
		{name: "zhao.staffadmin", attrs: map[string]string{"firmId": firmID}, groups: []string{auth.GroupStaff, auth.GroupAdmins},
			staff: true, admin: true, firmID: firmID, actor: "staff:{sub}"},
		{name: "chen.otherfirm", attrs: map[string]string{"firmId": otherFirm}, groups: []string{auth.GroupStaff},
			firmID: otherFirm, actor: "staff:{sub}"},
		{name: "sun.nogroup", attrs: map[string]string{"lawyerId": lawyerID, "firmId": firmID}, groups: nil,
			lawyerID: lawyerID, firmID: firmID, actor: "user:{sub}"},
	}
	for _, u := range users {
		t.Run("Identity/"+u.name, func(t *testing.T) {
			sub := pool.addUser(t, u.name, u.attrs, u.groups...)
			idToken, _ := pool.signIn(t, pool.clientID, u.name)
			claims := mustVerify(t, pool.verifier(), idToken)

			if got, want := claims["iss"], pool.issuer(); got != want {
				t.Errorf("iss = %q, want %q", got, want)
			}
			if got, want := claims["aud"], pool.clientID; got != want {
				t.Errorf("aud = %q, want %q", got, want)
			}
			if got, want := claims["token_use"], "id"; got != want {
				t.Errorf("token_use = %q, want %q", got, want)
			}
			// The pool writes the groups as a JSON array (in no fixed
			// order: moto keeps them in a set) or, for a user in no
			// group, not at all; the verifier hands them over as API
			// Gateway does, "[a b]".
			switch raw := payload(t, idToken)[auth.ClaimGroups].(type) {
			case nil:
				if len(u.groups) != 0 {
					t.Errorf("no %s claim, want %q", auth.ClaimGroups, u.groups)
				}
				if got, ok := claims[auth.ClaimGroups]; ok {
					t.Errorf("verified %s = %q, want no claim", auth.ClaimGroups, got)
				}
			case []any:
				names := make([]string, len(raw))
				for i, g := range raw {
					names[i], _ = g.(string)
				}
				if got, want := claims[auth.ClaimGroups], "["+strings.Join(names, " ")+"]"; got != want {
					t.Errorf("verified %s = %q, want %q (from %q)", auth.ClaimGroups, got, want, raw)
				}
			default:
				t.Errorf("%s = %#v in the token, want a JSON array", auth.ClaimGroups, raw)
			}

			id := auth.FromClaims(claims)
			if got, want := id.Subject, sub; got != want {
				t.Errorf("Subject = %q, want %q", got, want)
			}
			if got, want := slices.Sorted(slices.Values(id.Groups)), slices.Sorted(slices.Values(u.groups)); !slices.Equal(got, want) {
				t.Errorf("Groups = %q, want %q", got, want)
			}
			for _, g := range []string{auth.GroupLawyers, auth.GroupStaff, auth.GroupAdmins} {
				if got, want := id.InGroup(g), slices.Contains(u.groups, g); got != want {
					t.Errorf("InGroup(%s) = %v, want %v", g, got, want)
				}
			}
			if got, want := id.LawyerID, u.lawyerID; got != want {
				t.Errorf("LawyerID (%s) = %q, want %q", auth.ClaimLawyerID, got, want)
			}
			if got, want := id.FirmID, u.firmID; got != want {
				t.Errorf("FirmID (%s) = %q, want %q", auth.ClaimFirmID, got, want)
			}
			if got, want := id.IsLawyer(lawyerID), u.lawyer; got != want {
				t.Errorf("IsLawyer(%s) = %v, want %v", lawyerID, got, want)
			}
			if id.IsLawyer("01HLAWYER0000000000000000B") {
				t.Error("IsLawyer of another lawyer")
			}
			if got, want := id.IsStaffOf(firmID), u.staff; got != want {
				t.Errorf("IsStaffOf(%s) = %v, want %v", firmID, got, want)
			}
			if got, want := id.IsAdmin(), u.admin; got != want {
				t.Errorf("IsAdmin = %v, want %v", got, want)
			}
			if got, want := id.Actor(), strings.ReplaceAll(u.actor, "{sub}", sub); got != want {
				t.Errorf("Actor = %q, want %q", got, want)
			}
		})
	}

	// Tokens every refusal starts from: a staff member's, signed in through the app client.
	pool.addUser(t, "zhou.staff", map[string]string{"firmId": firmID}, auth.GroupStaff)
	idToken, accessToken := pool.signIn(t, pool.clientID, "zhou.staff")
	exp, err := strconv.ParseInt(mustVerify(t, pool.verifier(), idToken)["exp"], 10, 64)
	if err != nil {
		t.Fatalf("exp: %v", err)
	}
	const leeway = 30 * time.Second // the verifier's
	expired := time.Unix(exp, 0).Add(leeway + time.Second)

	other := newUserPool(t, api, endpoint, "another-pool")
	other.addUser(t, "zhou.staff", map[string]string{"firmId": firmID}, auth.GroupStaff)
	otherPoolToken, _ := other.signIn(t, other.clientID, "zhou.staff")

	adminClient := pool.newClient(t, "admin-console")
	otherClientToken, _ := pool.signIn(t, adminClient, "zhou.staff")

	t.Run("Accepted/WithinLeeway", func(t *testing.T) {
		v := pool.verifier()
		mustVerify(t, v, idToken) // keys fetched with the real clock
		v.Now = func() time.Time { return time.Unix(exp, 0).Add(leeway - time.Second) }
		mustVerify(t, v, idToken)
	})

	for _, c := range []struct {
		name  string
		token string
		now   time.Time // the verifier's clock once the keys are fetched; zero: the real one
		aud   string    // the verifier's app client; empty: the pool's
	}{
		{name: "Expired", token: idToken, now: expired},
		{name: "AnotherPool", token: otherPoolToken}, // issuer and audience both differ
		// Only the issuer differs: moto signs both pools with one key,
		// and the verifier is told to accept the other pool's client.
		{name: "AnotherPoolSameAudience", token: otherPoolToken, aud: other.clientID},
		{name: "AnotherAppClient", token: otherClientToken},
		// A Cognito access token has client_id, not aud, and token_use
		// "access": refused here by the audience check before token_use
		// (auth_test.go refuses one with the right aud by token_use).
		{name: "AccessToken", token: accessToken},
		{name: "TamperedGroups", token: tamper(t, idToken, func(p map[string]any) {
			p[auth.ClaimGroups] = []string{auth.GroupStaff, auth.GroupAdmins}
		})},
		{name: "TamperedFirm", token: tamper(t, idToken, func(p map[string]any) { p[auth.ClaimFirmID] = otherFirm })},
		// At a time the original exp has passed and the forged one has not.
		{name: "TamperedExpiry", token: tamper(t, idToken, func(p map[string]any) { p["exp"] = exp + 3600 }), now: expired},
		{name: "SignatureRemoved", token: idToken[:strings.LastIndex(idToken, ".")+1]},
	} {
		t.Run("Refused/"+c.name, func(t *testing.T) {
			v := pool.verifier()
			mustVerify(t, v, idToken) // the key set is reachable: the refusal is about the token
			if c.aud != "" {
				v.ClientID = c.aud
			}
			if !c.now.IsZero() {
				v.Now = func() time.Time { return c.now }
			}
			claims, err := v.Verify(context.Background(), c.token)
			if !errors.Is(err, auth.ErrInvalidToken) {
				t.Fatalf("Verify = %v, %v; want ErrInvalidToken", claims, err)
			}
			if claims != nil {
				t.Errorf("claims returned with the refusal: %v", claims)
			}
		})
	}

	// A port nothing listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/" + pool.id + "/.well-known/jwks.json"
	l.Close()
	for _, c := range []struct{ name, keysURL string }{
		{name: "Unreachable", keysURL: closed},
		{name: "NotFound", keysURL: endpoint + "/" + pool.id + "/no-keys-here.json"},
	} {
		t.Run("KeysUnavailable/"+c.name, func(t *testing.T) {
			v := pool.verifier()
			good := v.KeysURL
			v.KeysURL = c.keysURL
			if _, err := v.Verify(context.Background(), idToken); !errors.Is(err, auth.ErrKeysUnavailable) {
				t.Fatalf("Verify = %v, want ErrKeysUnavailable", err)
			}
			// A failed fetch is retried at once when the keys come back.
			v.KeysURL = good
			mustVerify(t, v, idToken)
		})
	}
}
