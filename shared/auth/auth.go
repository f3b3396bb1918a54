// Package auth owns who the caller is: the identity read from the JWT claims
// that API Gateway's Cognito authorizer (or the local server) hands over,
// and the verification of bearer tokens on routes that have no authorizer
// because visitors use them too. It imports no AWS SDK.
package auth

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Cognito groups that carry roles.
const (
	GroupLawyers = "lawyers"
	GroupStaff   = "staff"
	GroupAdmins  = "admins"
)

// Claim names, as the Cognito ID token carries them.
const (
	ClaimSubject  = "sub"
	ClaimGroups   = "cognito:groups"
	ClaimLawyerID = "custom:lawyerId"
	ClaimFirmID   = "custom:firmId"
	// ClaimName is the user's name (Cognito's standard attribute), shown
	// to visitors in their access log beside the role and the firm.
	ClaimName = "name"
)

// Identity is an authenticated user of the firm side (lawyer, staff,
// admin). Visitors have no identity: they present a per-question token.
type Identity struct {
	Subject  string
	Groups   []string
	LawyerID string
	FirmID   string
	// Name is the user's name, when the pool holds one.
	Name string
}

// Anonymous is the identity of a caller without a (valid) token.
var Anonymous = Identity{}

// FromClaims reads the identity from JWT claims in the shape API Gateway's
// HTTP API JWT authorizer hands them to the function: every value a string,
// an array claim such as cognito:groups flattened to "[lawyers staff]".
func FromClaims(claims map[string]string) Identity {
	if claims[ClaimSubject] == "" {
		return Anonymous
	}
	return Identity{
		Subject:  claims[ClaimSubject],
		Groups:   ParseGroups(claims[ClaimGroups]),
		LawyerID: claims[ClaimLawyerID],
		FirmID:   claims[ClaimFirmID],
		Name:     claims[ClaimName],
	}
}

// ParseGroups reads a groups claim in exactly the shapes it arrives in:
// API Gateway's flattening of an array, "[a b]" (names joined by single
// spaces inside brackets); a JSON array, ["a","b"]; or one bare name.
// Nothing else separates names: Cognito allows commas (and most
// punctuation) inside a group name, so splitting on them would let a group
// named "x,admins" grant admin. Names never hold whitespace, which is why
// a space can separate them. (A name in quotes would read as JSON; only
// the user pool's administrators create groups, and ours are plain words.)
func ParseGroups(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		return []string{s}
	}
	var arr []string
	if json.Unmarshal([]byte(s), &arr) == nil {
		return arr
	}
	var out []string
	for _, name := range strings.Split(s[1:len(s)-1], " ") {
		if name != "" {
			out = append(out, name)
		}
	}
	return out
}

// Authenticated reports whether the caller presented a valid token.
func (i Identity) Authenticated() bool { return i.Subject != "" }

// InGroup reports whether the identity belongs to group g. (Not inlined:
// it is called at thirty places.)
//
//go:noinline
func (i Identity) InGroup(g string) bool { return slices.Contains(i.Groups, g) }

// IsAdmin reports whether the caller is a platform operator.
func (i Identity) IsAdmin() bool { return i.InGroup(GroupAdmins) }

// IsLawyer reports whether the caller is the lawyer lawyerID.
func (i Identity) IsLawyer(lawyerID string) bool {
	return i.InGroup(GroupLawyers) && i.LawyerID != "" && i.LawyerID == lawyerID
}

// IsStaffOf reports whether the caller is staff of firm firmID.
func (i Identity) IsStaffOf(firmID string) bool {
	return i.InGroup(GroupStaff) && i.FirmID != "" && i.FirmID == firmID
}

// Actor names the caller for audit records: "lawyer:<id>", "staff:<sub>",
// "admin:<sub>".
func (i Identity) Actor() string {
	switch {
	case i.InGroup(GroupLawyers) && i.LawyerID != "":
		return "lawyer:" + i.LawyerID
	case i.InGroup(GroupStaff):
		return "staff:" + i.Subject
	case i.IsAdmin():
		return "admin:" + i.Subject
	}
	return "user:" + i.Subject
}

// Flatten turns decoded JWT claims into the shape API Gateway gives the
// function: strings as they are, numbers in decimal, arrays as "[a b]".
func Flatten(claims map[string]any) map[string]string {
	out := make(map[string]string, len(claims))
	for k, v := range claims {
		out[k] = flat(v)
	}
	return out
}

func flat(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = flat(e)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case []string:
		return "[" + strings.Join(x, " ") + "]"
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprintf("%d", int64(x))
		}
		return fmt.Sprintf("%g", x)
	case json.Number:
		return x.String()
	case map[string]any:
		b, _ := json.Marshal(x) // keys sorted by encoding/json
		return string(b)
	case nil:
		return ""
	default:
		return fmt.Sprint(x)
	}
}
