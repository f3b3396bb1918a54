package checks

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// cfnTemplate is template.yaml as CloudFormation's JSON form would hold
// it: maps, lists and strings, with each short-form intrinsic (!Ref X,
// !Sub "…", !GetAtt A.B) turned into its long form ({"Ref": "X"},
// {"Fn::Sub": "…"}, {"Fn::GetAtt": ["A", "B"]}), so that the checks below
// read what CloudFormation reads.
type cfnTemplate map[string]any

func loadCFN(t *testing.T) cfnTemplate {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(root(t), "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	m, ok := cfnValue(doc.Content[0]).(map[string]any)
	if !ok {
		t.Fatal("template.yaml is not a map")
	}
	return m
}

func cfnValue(n *yaml.Node) any {
	var v any
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = cfnValue(n.Content[i+1])
		}
		v = m
	case yaml.SequenceNode:
		l := make([]any, len(n.Content))
		for i, c := range n.Content {
			l[i] = cfnValue(c)
		}
		v = l
	case yaml.AliasNode:
		return cfnValue(n.Alias)
	default:
		v = n.Value
	}
	if tag, ok := strings.CutPrefix(n.Tag, "!"); ok && !strings.HasPrefix(tag, "!") {
		switch tag {
		case "Ref", "Condition":
			return map[string]any{tag: v}
		case "GetAtt":
			if s, ok := v.(string); ok {
				res, attr, _ := strings.Cut(s, ".")
				return map[string]any{"Fn::GetAtt": []any{res, attr}}
			}
		}
		return map[string]any{"Fn::" + tag: v}
	}
	return v
}

// resources returns the template's resources of type typ, by logical ID.
func (c cfnTemplate) resources(typ string) map[string]map[string]any {
	out := map[string]map[string]any{}
	res, _ := c["Resources"].(map[string]any)
	for id, r := range res {
		if m, ok := r.(map[string]any); ok && m["Type"] == typ {
			out[id] = m
		}
	}
	return out
}

// resource returns one resource, failing the test when it is missing.
func (c cfnTemplate) resource(t *testing.T, id string) map[string]any {
	t.Helper()
	res, _ := c["Resources"].(map[string]any)
	r, ok := res[id].(map[string]any)
	if !ok {
		t.Fatalf("template.yaml has no resource %s", id)
	}
	return r
}

// at walks v along keys (map keys, or list indexes as "0", "1", …).
func at(v any, keys ...string) any {
	if c, ok := v.(cfnTemplate); ok {
		v = map[string]any(c)
	}
	for _, k := range keys {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			var i int
			if _, err := fmt.Sscan(k, &i); err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// refOf returns the logical ID or parameter v refers to with Ref, or "".
func refOf(v any) string {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return ""
	}
	s, _ := m["Ref"].(string)
	return s
}

// functionEnv is a function's environment with the Globals' beneath it,
// as SAM merges them.
func (c cfnTemplate) functionEnv(fn map[string]any) map[string]any {
	env := map[string]any{}
	for _, src := range []any{at(c, "Globals", "Function", "Environment", "Variables"), at(fn, "Properties", "Environment", "Variables")} {
		if m, ok := src.(map[string]any); ok {
			for k, v := range m {
				env[k] = v
			}
		}
	}
	return env
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Every function logs to a log group of the template's own (made before
// the function, so before its first invocation) that keeps its lines
// LogRetentionDays, never forever; so does the API's access log.
func TestEveryFunctionHasALogGroupWithRetention(t *testing.T) {
	c := loadCFN(t)
	groups := c.resources("AWS::Logs::LogGroup")
	used := map[string]string{}
	fns := c.resources("AWS::Serverless::Function")
	if len(fns) == 0 {
		t.Fatal("no functions in template.yaml")
	}
	for _, id := range sortedKeys(fns) {
		group := refOf(at(fns[id], "Properties", "LoggingConfig", "LogGroup"))
		if group == "" {
			t.Errorf("%s: LoggingConfig.LogGroup must !Ref a log group of the template (else Lambda makes /aws/lambda/<name>, kept forever)", id)
			continue
		}
		if _, ok := groups[group]; !ok {
			t.Errorf("%s logs to %s, which is no AWS::Logs::LogGroup of the template", id, group)
			continue
		}
		if other, dup := used[group]; dup {
			t.Errorf("%s and %s share the log group %s", id, other, group)
		}
		used[group] = id
	}
	for _, id := range sortedKeys(groups) {
		if got := refOf(at(groups[id], "Properties", "RetentionInDays")); got != "LogRetentionDays" {
			t.Errorf("%s: RetentionInDays = %v, want !Ref LogRetentionDays", id, at(groups[id], "Properties", "RetentionInDays"))
		}
	}
	if d := at(c, "Parameters", "LogRetentionDays", "Default"); d != "90" {
		t.Errorf("LogRetentionDays defaults to %v, want 90", d)
	}
	if at(c, "Globals", "Function", "LoggingConfig", "LogFormat") != "JSON" {
		t.Error("the functions' LogFormat must be JSON: Lambda filters levels only in JSON logs")
	}
}
