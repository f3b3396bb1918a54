package checks

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/lawdesk/lawdesk/infra/ddblocal"
	"github.com/lawdesk/lawdesk/infra/template"
	"github.com/lawdesk/lawdesk/shared/api"
)

func root(t *testing.T) string {
	t.Helper()
	r, err := ddblocal.Root()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func load(t *testing.T) *template.Template {
	t.Helper()
	tpl, err := template.Load(filepath.Join(root(t), "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// logicalID is the template name of a function: "directory" → DirectoryFunction.
func logicalID(fn string) string {
	var b strings.Builder
	for _, part := range strings.Split(fn, "-") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String() + "Function"
}

// The template's HttpApi events and the Go route table are the same set:
// same method and path, same function, authorizer exactly where the table
// says.
func TestTemplateRoutesMatchRouteTable(t *testing.T) {
	tpl := load(t)
	got := map[string]string{}
	for _, r := range tpl.Routes {
		key := r.Method + " " + r.Path
		if _, dup := got[key]; dup {
			t.Errorf("template routes %s twice", key)
		}
		got[key] = r.Function + " auth=" + r.Authorizer
	}
	want := map[string]string{}
	for _, r := range api.Routes() {
		auth := ""
		if r.Authorizer {
			auth = "CognitoJwt"
		}
		want[r.Method+" "+r.Path] = logicalID(r.Function) + " auth=" + auth
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: template has %q, route table wants %q", k, got[k], v)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("template routes %s, which no handler serves", k)
		}
	}
}

// Every folder under functions/ is a function of the template built by the
// Makefile, with a main.go of wiring only (≤ 40 lines) and an event.json.
func TestFunctions(t *testing.T) {
	r := root(t)
	tpl := load(t)
	dirs, err := os.ReadDir(filepath.Join(r, "functions"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		fn := d.Name()
		names = append(names, logicalID(fn))
		f, ok := tpl.Functions[logicalID(fn)]
		if !ok {
			t.Errorf("functions/%s has no %s in template.yaml", fn, logicalID(fn))
			continue
		}
		if f.Metadata["BuildMethod"] != "makefile" {
			t.Errorf("%s: BuildMethod = %q, want makefile", logicalID(fn), f.Metadata["BuildMethod"])
		}
		src, err := os.ReadFile(filepath.Join(r, "functions", fn, "main.go"))
		if err != nil {
			t.Error(err)
			continue
		}
		lines := 0
		for _, l := range strings.Split(string(src), "\n") {
			if strings.TrimSpace(l) != "" {
				lines++
			}
		}
		if lines > 40 {
			t.Errorf("functions/%s/main.go has %d lines: a main only wires; move logic into shared/", fn, lines)
		}
		raw, err := os.ReadFile(filepath.Join(r, "functions", fn, "event.json"))
		if err != nil || !json.Valid(raw) {
			t.Errorf("functions/%s/event.json missing or not JSON (sam local invoke -e): %v", fn, err)
		}
	}
	var inTemplate []string
	for name := range tpl.Functions {
		inTemplate = append(inTemplate, name)
	}
	sort.Strings(names)
	sort.Strings(inTemplate)
	if strings.Join(names, ",") != strings.Join(inTemplate, ",") {
		t.Errorf("functions/ holds %v, template.yaml %v", names, inTemplate)
	}
}

// The rules (domain, app, router, auth, cursor, config) import no AWS
// package; only store, api (the Lambda adapter) and awsboot may.
func TestRulesImportNoAWS(t *testing.T) {
	pure := []string{"domain", "app", "router", "auth", "cursor", "config"}
	args := []string{"list", "-deps", "-f", "{{.ImportPath}}"}
	for _, p := range pure {
		args = append(args, "./shared/"+p)
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = root(t)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "github.com/aws/") || strings.HasPrefix(dep, "github.com/awslabs/") {
			t.Errorf("a rules package depends on %s", dep)
		}
	}
}

// Only the functions that route text link the router: the others neither
// carry its model nor parse it at init (issue 10).
func TestRouterOnlyWhereUsed(t *testing.T) {
	r := root(t)
	dirs, err := os.ReadDir(filepath.Join(r, "functions"))
	if err != nil {
		t.Fatal(err)
	}
	routes := map[string]bool{"classify": true} // the ask form's suggestions and POST /questions
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "./functions/"+d.Name())
		cmd.Dir = r
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go list: %v\n%s", err, out)
		}
		links := false
		for _, dep := range strings.Fields(string(out)) {
			links = links || dep == "github.com/lawdesk/lawdesk/shared/router"
		}
		if links != routes[d.Name()] {
			t.Errorf("functions/%s links the router: %v, want %v", d.Name(), links, routes[d.Name()])
		}
	}
}

// infra/openapi.yaml documents exactly the routes the handlers serve.
func TestOpenAPIMatchesRouteTable(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(root(t), "infra", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for path, ops := range doc.Paths {
		for m := range ops {
			if m != "parameters" {
				got[strings.ToUpper(m)+" "+path] = true
			}
		}
	}
	for _, r := range api.Routes() {
		key := r.Method + " " + r.Path
		if !got[key] {
			t.Errorf("openapi.yaml does not document %s", key)
		}
		delete(got, key)
	}
	for k := range got {
		// GET /bookings/{id}.ics is served by GET /bookings/{id}.
		if base, ok := strings.CutSuffix(k, ".ics"); ok && servedBy(base) {
			continue
		}
		t.Errorf("openapi.yaml documents %s, which no handler serves", k)
	}
}

// cloudFrontMatch reports whether path matches a CloudFront path pattern
// (* is any run of characters, ? one character; case-sensitive).
func cloudFrontMatch(pattern, path string) bool {
	if pattern == "" {
		return path == ""
	}
	switch pattern[0] {
	case '*':
		for i := 0; i <= len(path); i++ {
			if cloudFrontMatch(pattern[1:], path[i:]) {
				return true
			}
		}
		return false
	case '?':
		return path != "" && cloudFrontMatch(pattern[1:], path[1:])
	}
	return path != "" && pattern[0] == path[0] && cloudFrontMatch(pattern[1:], path[1:])
}

// The web distribution sends every API path to the HTTP API and the pages'
// paths (/, /assets/…, /config.json) to the bucket: a route added to the
// route table without its CloudFront behaviour would be answered by S3.
func TestWebDistributionRoutesTheAPI(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(root(t), "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Resources struct {
			WebDistribution struct {
				Properties struct {
					DistributionConfig struct {
						DefaultCacheBehavior struct {
							TargetOriginId string `yaml:"TargetOriginId"`
						} `yaml:"DefaultCacheBehavior"`
						CacheBehaviors []struct {
							PathPattern    string `yaml:"PathPattern"`
							TargetOriginId string `yaml:"TargetOriginId"`
						} `yaml:"CacheBehaviors"`
					} `yaml:"DistributionConfig"`
				} `yaml:"Properties"`
			} `yaml:"WebDistribution"`
		} `yaml:"Resources"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	cfg := doc.Resources.WebDistribution.Properties.DistributionConfig
	if cfg.DefaultCacheBehavior.TargetOriginId != "web" {
		t.Fatalf("the default behaviour goes to %q, want the pages' bucket (web)", cfg.DefaultCacheBehavior.TargetOriginId)
	}
	// First matching behaviour wins, as in CloudFront.
	originOf := func(path string) string {
		for _, b := range cfg.CacheBehaviors {
			if cloudFrontMatch(b.PathPattern, path) {
				return b.TargetOriginId
			}
		}
		return cfg.DefaultCacheBehavior.TargetOriginId
	}
	paths := []string{
		// Routes of API.md not yet in the route table (booking lifecycle, privacy, leads).
		"/bookings", "/bookings/01ABC", "/bookings/01ABC.ics", "/bookings/01ABC/accept", "/bookings/01ABC/contact",
		"/lawyer/bookings", "/questions/01ABC/access-log", "/leads", "/leads.csv", "/leads/stats", "/leads/01ABC/assign", "/audit",
	}
	for _, r := range api.Routes() {
		paths = append(paths, strings.ReplaceAll(r.Path, "{id}", "01ABC"))
	}
	for _, p := range paths {
		if got := originOf(p); got != "api" {
			t.Errorf("CloudFront sends %s to %q, want the API", p, got)
		}
	}
	for _, p := range []string{"/", "/index.html", "/assets/app.js", "/assets/pages/lawyer.js", "/config.json"} {
		if got := originOf(p); got != "web" {
			t.Errorf("CloudFront sends the page path %s to %q, want the bucket (web)", p, got)
		}
	}
}

func servedBy(methodPath string) bool {
	for _, r := range api.Routes() {
		if r.Method+" "+r.Path == methodPath {
			return true
		}
	}
	return false
}
