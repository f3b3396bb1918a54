package api_test

import (
	"testing"

	"github.com/lawdesk/lawdesk/shared/api"
)

// Each function's group names that function on every route, and no route
// is served by two functions.
func TestFunctionGroups(t *testing.T) {
	seen := map[string]string{}
	for _, f := range api.Functions() {
		if len(f.Routes()) == 0 {
			t.Errorf("%s serves no route", f.Name)
		}
		for _, r := range f.Routes() {
			if r.Function != f.Name {
				t.Errorf("%s %s is in %s's group but names %s", r.Method, r.Path, f.Name, r.Function)
			}
			key := r.Method + " " + r.Path
			if other, ok := seen[key]; ok {
				t.Errorf("%s is served by %s and %s", key, other, f.Name)
			}
			seen[key] = f.Name
		}
	}
}
