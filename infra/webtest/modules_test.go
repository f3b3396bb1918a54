package webtest

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lawdesk/lawdesk/infra/ddblocal"
)

// webModules reads the pages' modules: path under web/assets → source.
func webModules(t *testing.T) map[string]string {
	t.Helper()
	root, err := ddblocal.Root()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "web", "assets")
	out := map[string]string{}
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil || len(out) == 0 {
		t.Fatalf("reading web/assets: %v (%d modules)", err, len(out))
	}
	return out
}

var importRe = regexp.MustCompile(`(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)['"](\.{1,2}/[^'"]+)['"]`)

// The modules import one another without a cycle (issue 11: api.js and
// i18n.js imported each other): a cycle makes the order in which a
// module's names are ready depend on which page loaded first.
func TestModulesHaveNoImportCycle(t *testing.T) {
	mods := webModules(t)
	deps := map[string][]string{}
	for name, src := range mods {
		for _, line := range strings.Split(src, "\n") {
			for _, m := range importRe.FindAllStringSubmatch(strings.TrimSpace(line), -1) {
				dep := filepath.ToSlash(filepath.Clean(filepath.Join(filepath.Dir(name), m[1])))
				if _, ok := mods[dep]; !ok {
					t.Errorf("%s imports %s, which is not there", name, m[1])
				}
				deps[name] = append(deps[name], dep)
			}
		}
	}
	if len(deps["app.js"]) == 0 {
		t.Fatal("found no imports in app.js: the pattern is wrong")
	}
	// Depth-first search; a module met again while on the path closes a cycle.
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	var path []string
	var visit func(string)
	visit = func(m string) {
		state[m] = onPath
		path = append(path, m)
		for _, d := range deps[m] {
			switch state[d] {
			case onPath:
				i := slices.Index(path, d)
				t.Errorf("import cycle: %s → %s", strings.Join(path[i:], " → "), d)
			case unseen:
				visit(d)
			}
		}
		path = path[:len(path)-1]
		state[m] = done
	}
	names := make([]string, 0, len(mods))
	for m := range mods {
		names = append(names, m)
	}
	slices.Sort(names)
	for _, m := range names {
		if state[m] == unseen {
			visit(m)
		}
	}
}

// The pages say field errors from the API's reason codes (fieldCodes),
// never by matching the API's English words: those may change, and an
// English page would show them raw.
func TestPagesDoNotReadServerWording(t *testing.T) {
	for name, src := range webModules(t) {
		for _, words := range []string{"is required", "must be at least", "must be at most", "must be true",
			"must be a Chinese mobile", "must be an e-mail", "must not contain", "could not be inferred", "unknown practice area",
			"must be in the future", "must be on a whole minute", "must be within", "must be between"} {
			if strings.Contains(src, words) {
				t.Errorf("%s holds the API's wording %q: translate fieldCodes instead", name, words)
			}
		}
	}
}
