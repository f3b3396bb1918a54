package checks

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/lawdesk/lawdesk/shared/config"
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

// The duration parameters (those whose default is a duration, like 24h or
// 180d) refuse zero in the template, before a deploy, as config refuses it
// at init: a function given PII_RETENTION=0d would exit at every start.
func TestParametersRejectZeroDurations(t *testing.T) {
	c := loadCFN(t)
	params, _ := c["Parameters"].(map[string]any)
	env := c.functionEnv(nil)
	found := 0
	for _, name := range sortedKeys(params) {
		def, _ := at(params, name, "Default").(string)
		if _, err := config.ParseDuration(def); err != nil || at(params, name, "Type") != "String" {
			continue
		}
		found++
		pattern, _ := at(params, name, "AllowedPattern").(string)
		re, err := regexp.Compile(pattern)
		if err != nil || pattern == "" {
			t.Errorf("%s: AllowedPattern %q: %v", name, pattern, err)
			continue
		}
		if !re.MatchString(def) {
			t.Errorf("%s: AllowedPattern %q refuses the default %q", name, pattern, def)
		}
		for _, zero := range []string{"0h", "0d", "0m", "00h", "000d", "-1h", "1.5h", ""} {
			if re.MatchString(zero) {
				t.Errorf("%s: AllowedPattern %q lets %q through", name, pattern, zero)
			}
		}
		// The environment variable the parameter sets refuses zero too, naming itself.
		var envName string
		for _, k := range sortedKeys(env) {
			if refOf(env[k]) == name {
				envName = k
			}
		}
		if envName == "" {
			t.Errorf("%s: no environment variable of Globals takes it", name)
			continue
		}
		t.Setenv("TABLE_NAME", "t")
		t.Setenv("APP_SECRET", strings.Repeat("s", 32))
		for _, zero := range []string{"0h", "0d"} {
			t.Setenv(envName, zero)
			if _, err := config.FromEnv(true); err == nil || !strings.Contains(err.Error(), envName) {
				t.Errorf("%s=%s: config.FromEnv = %v, want an error naming %s", envName, zero, err, envName)
			}
		}
		t.Setenv(envName, "")
	}
	if found < 3 {
		t.Errorf("found %d duration parameters, want PIIRetention, BookingPendingTTL and CancelNotice at least", found)
	}
}

// evalString evaluates the intrinsic functions a name is built with, with
// the stack named stackName, as CloudFormation would.
func evalString(t *testing.T, v any, stackName string) string {
	t.Helper()
	stackID := "arn:aws:cloudformation:ap-southeast-1:123456789012:stack/" + stackName + "/0f6a1d20-5b1e-11ef-8d2b-0a1b2c3d4e5f"
	pseudo := map[string]string{"AWS::StackName": stackName, "AWS::StackId": stackID, "AWS::Region": "ap-southeast-1", "AWS::AccountId": "123456789012"}
	var eval func(v any) any
	eval = func(v any) any {
		switch x := v.(type) {
		case string:
			return x
		case []any:
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = eval(e)
			}
			return out
		case map[string]any:
			for fn, arg := range x {
				switch fn {
				case "Ref":
					if p, ok := pseudo[arg.(string)]; ok {
						return p
					}
				case "Fn::Sub":
					s, _ := arg.(string)
					for k, p := range pseudo {
						s = strings.ReplaceAll(s, "${"+k+"}", p)
					}
					if !strings.Contains(s, "${") {
						return s
					}
				case "Fn::Join":
					a := eval(arg).([]any)
					var parts []string
					for _, p := range a[1].([]any) {
						parts = append(parts, p.(string))
					}
					return strings.Join(parts, a[0].(string))
				case "Fn::Split":
					a := eval(arg).([]any)
					var out []any
					for _, p := range strings.Split(a[1].(string), a[0].(string)) {
						out = append(out, p)
					}
					return out
				case "Fn::Select":
					a := eval(arg).([]any)
					var i int
					fmt.Sscan(a[0].(string), &i)
					return a[1].([]any)[i]
				}
			}
		}
		t.Fatalf("cannot evaluate %v", v)
		return nil
	}
	s, ok := eval(v).(string)
	if !ok {
		t.Fatalf("%v is not a string", v)
	}
	return s
}

// CloudFront names an origin access control with at most 64 characters,
// and a stack's name may have 128: the name must fit whatever the stack
// is called.
func TestOriginAccessControlNameFits(t *testing.T) {
	c := loadCFN(t)
	for id, oac := range c.resources("AWS::CloudFront::OriginAccessControl") {
		for _, stack := range []string{"ld", strings.Repeat("a", 128)} {
			name := evalString(t, at(oac, "Properties", "OriginAccessControlConfig", "Name"), stack)
			if len(name) > 64 || name == "" {
				t.Errorf("%s: with the stack %q the name is %q (%d characters), CloudFront takes at most 64", id, stack[:min(len(stack), 8)]+"…", name, len(name))
			}
		}
	}
}

// A failed first deploy must be able to roll back: the table is retained
// on deletion except by the rollback of the deploy that created it, and
// deletion protection (which would block that rollback too) waits for the
// DeletionProtection parameter, which make deploy sets once the stack
// exists.
func TestTableRollsBackOnAFailedFirstDeploy(t *testing.T) {
	c := loadCFN(t)
	for id, tbl := range c.resources("AWS::DynamoDB::Table") {
		if got := tbl["DeletionPolicy"]; got != "RetainExceptOnCreate" {
			t.Errorf("%s: DeletionPolicy = %v, want RetainExceptOnCreate", id, got)
		}
		if got := tbl["UpdateReplacePolicy"]; got != "Retain" {
			t.Errorf("%s: UpdateReplacePolicy = %v, want Retain", id, got)
		}
		want := map[string]any{"Fn::If": []any{"Protected", "true", "false"}}
		if got := at(tbl, "Properties", "DeletionProtectionEnabled"); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: DeletionProtectionEnabled = %v, want %v", id, got, want)
		}
	}
	if got := at(c, "Conditions", "Protected"); fmt.Sprint(got) != fmt.Sprint(map[string]any{"Fn::Equals": []any{map[string]any{"Ref": "DeletionProtection"}, "true"}}) {
		t.Errorf("condition Protected = %v", got)
	}
	if d := at(c, "Parameters", "DeletionProtection", "Default"); d != "false" {
		t.Errorf("DeletionProtection defaults to %v: a first deploy must be able to roll back", d)
	}
}

// publishedDimensions are the dimension sets AWS publishes each alarmed
// metric with (sorted names), from the services' metric documentation:
// HTTP API metrics (ApiId; ApiId, Stage; ApiId, Method, Resource, Stage),
// DynamoDB's throttle events (TableName; TableName,
// GlobalSecondaryIndexName) and ThrottledRequests (always with Operation),
// Lambda's function metrics. A metric asked for with any other set has no
// data, and its alarm never fires. Add a metric here, from its service's
// documentation, before alarming on it.
var publishedDimensions = map[string][]string{
	"AWS/ApiGateway 5xx":               {"ApiId", "ApiId,Stage", "ApiId,Method,Resource,Stage"},
	"AWS/DynamoDB ReadThrottleEvents":  {"TableName", "GlobalSecondaryIndexName,TableName"},
	"AWS/DynamoDB WriteThrottleEvents": {"TableName", "GlobalSecondaryIndexName,TableName"},
	"AWS/DynamoDB ThrottledRequests":   {"Operation,TableName", "GlobalSecondaryIndexName,Operation,TableName"},
	"AWS/Lambda Errors":                {"FunctionName", "FunctionName,Resource"},
	"AWS/Lambda IteratorAge":           {"FunctionName", "FunctionName,Resource"},
}

// Every alarm notifies the alarm topic and watches metrics AWS publishes
// with the dimensions it names, each naming a resource of the stack of
// the right kind; the throttle alarm covers the table and every index,
// and every function has an errors alarm, notify an iterator-age one.
func TestEveryAlarmHasAnActionAndAPublishedMetric(t *testing.T) {
	c := loadCFN(t)
	topics := c.resources("AWS::SNS::Topic")
	fns := c.resources("AWS::Serverless::Function")
	tables := c.resources("AWS::DynamoDB::Table")
	indexes := map[string]bool{}
	for _, tbl := range tables {
		gsis, _ := at(tbl, "Properties", "GlobalSecondaryIndexes").([]any)
		for _, g := range gsis {
			indexes[fmt.Sprint(at(g, "IndexName"))] = true
		}
	}
	kinds := map[string]map[string]map[string]any{"ApiId": c.resources("AWS::Serverless::HttpApi"), "TableName": tables, "FunctionName": fns}
	alarms := c.resources("AWS::CloudWatch::Alarm")
	if len(alarms) == 0 {
		t.Fatal("no alarms")
	}
	errorsOf, iteratorAgeOf := map[string]bool{}, map[string]bool{}
	throttledIndexes := map[string]map[string]bool{}
	for _, id := range sortedKeys(alarms) {
		p, _ := alarms[id]["Properties"].(map[string]any)
		for _, list := range []string{"AlarmActions", "OKActions"} {
			actions, _ := p[list].([]any)
			ok := len(actions) > 0
			for _, a := range actions {
				if _, isTopic := topics[refOf(a)]; !isTopic {
					ok = false
				}
			}
			if !ok {
				t.Errorf("%s: %s = %v, want the alarm topic (!Ref of an AWS::SNS::Topic)", id, list, p[list])
			}
		}
		// The metrics: one (Namespace, MetricName, Dimensions) or metric math.
		type metric struct {
			ns, name string
			dims     []any
		}
		var metrics []metric
		if p["Metrics"] == nil {
			dims, _ := p["Dimensions"].([]any)
			metrics = append(metrics, metric{fmt.Sprint(p["Namespace"]), fmt.Sprint(p["MetricName"]), dims})
		} else {
			returned := 0
			queries, _ := p["Metrics"].([]any)
			for _, m := range queries {
				if at(m, "ReturnData") == "true" {
					returned++
				}
				if at(m, "Expression") != nil {
					continue
				}
				dims, _ := at(m, "MetricStat", "Metric", "Dimensions").([]any)
				metrics = append(metrics, metric{fmt.Sprint(at(m, "MetricStat", "Metric", "Namespace")), fmt.Sprint(at(m, "MetricStat", "Metric", "MetricName")), dims})
			}
			if returned != 1 {
				t.Errorf("%s: %d of its metrics return data, want exactly one (the expression alarmed on)", id, returned)
			}
		}
		if len(metrics) == 0 {
			t.Errorf("%s watches no metric", id)
		}
		for _, m := range metrics {
			key := m.ns + " " + m.name
			sets, known := publishedDimensions[key]
			var names []string
			values := map[string]any{}
			for _, d := range m.dims {
				n := fmt.Sprint(at(d, "Name"))
				names = append(names, n)
				values[n] = at(d, "Value")
			}
			sort.Strings(names)
			if !known {
				t.Errorf("%s: %s is not in publishedDimensions: look its dimensions up and add it", id, key)
				continue
			}
			if !slices.Contains(sets, strings.Join(names, ",")) {
				t.Errorf("%s: %s with dimensions [%s] is never published; AWS publishes it with %q", id, key, strings.Join(names, ","), sets)
			}
			for n, v := range values {
				if n == "GlobalSecondaryIndexName" {
					if !indexes[fmt.Sprint(v)] {
						t.Errorf("%s: index %v is not one of the table's", id, v)
					}
					continue
				}
				if want, ok := kinds[n]; ok {
					if _, isKind := want[refOf(v)]; !isKind {
						t.Errorf("%s: %s = %v, want a !Ref of the stack's resource of that kind", id, n, v)
					}
				}
			}
			switch key {
			case "AWS/Lambda Errors":
				errorsOf[refOf(values["FunctionName"])] = true
			case "AWS/Lambda IteratorAge":
				iteratorAgeOf[refOf(values["FunctionName"])] = true
			case "AWS/DynamoDB ReadThrottleEvents", "AWS/DynamoDB WriteThrottleEvents":
				if throttledIndexes[m.name] == nil {
					throttledIndexes[m.name] = map[string]bool{}
				}
				ix := "(table)"
				if v, ok := values["GlobalSecondaryIndexName"]; ok {
					ix = fmt.Sprint(v)
				}
				throttledIndexes[m.name][ix] = true
			}
		}
	}
	for _, fn := range sortedKeys(fns) {
		if !errorsOf[fn] {
			t.Errorf("%s has no alarm on its Errors", fn)
		}
	}
	if !iteratorAgeOf["NotifyFunction"] {
		t.Error("no alarm on the notify function's IteratorAge (the stream falling behind)")
	}
	for _, metric := range []string{"ReadThrottleEvents", "WriteThrottleEvents"} {
		want := []string{"(table)"}
		for ix := range indexes {
			want = append(want, ix)
		}
		for _, ix := range want {
			if !throttledIndexes[metric][ix] {
				t.Errorf("no alarm watches %s of %s", metric, ix)
			}
		}
	}
}

// walkStrings calls f with every string in v.
func walkStrings(v any, f func(string)) {
	switch x := v.(type) {
	case string:
		f(x)
	case []any:
		for _, e := range x {
			walkStrings(e, f)
		}
	case map[string]any:
		for k, e := range x {
			f(k)
			walkStrings(e, f)
		}
	}
}

// Secrets are never in a function's configuration: no environment block
// resolves a Secrets Manager reference (anyone who may read the function's
// configuration would read the value); each function gets the ARN of the
// secrets it uses — APP_SECRET_ARN all, ORIGIN_VERIFY_ARN exactly the HTTP
// functions — and secretsmanager:GetSecretValue on those secrets and no
// other (awsboot reads them once at init).
func TestSecretsAreARNsReadAtInit(t *testing.T) {
	c := loadCFN(t)
	secrets := c.resources("AWS::SecretsManager::Secret")
	envs := map[string]any{"Globals": at(c, "Globals", "Function", "Environment")}
	fns := c.resources("AWS::Serverless::Function")
	for id, fn := range fns {
		envs[id] = at(fn, "Properties", "Environment")
	}
	for _, id := range sortedKeys(envs) {
		walkStrings(envs[id], func(s string) {
			if strings.Contains(s, "{{resolve:secretsmanager") || strings.Contains(s, "{{resolve:ssm-secure") {
				t.Errorf("%s: an environment variable resolves a secret into the configuration: %s", id, s)
			}
			if s == "APP_SECRET" || s == "ORIGIN_VERIFY" {
				t.Errorf("%s: %s is passed as a value; pass %s_ARN", id, s, s)
			}
		})
	}
	for _, id := range sortedKeys(fns) {
		fn := fns[id]
		env := c.functionEnv(fn)
		http := false
		events, _ := at(fn, "Properties", "Events").(map[string]any)
		for _, ev := range events {
			http = http || at(ev, "Type") == "HttpApi"
		}
		want := map[string]string{"APP_SECRET_ARN": "AppSecret"}
		if http {
			want["ORIGIN_VERIFY_ARN"] = "OriginVerifySecret"
		}
		given := map[string]bool{}
		for _, name := range []string{"APP_SECRET_ARN", "ORIGIN_VERIFY_ARN"} {
			ref := refOf(env[name])
			if want[name] == "" {
				if env[name] != nil {
					t.Errorf("%s serves no HTTP route: it must not get %s", id, name)
				}
				continue
			}
			if ref != want[name] {
				t.Errorf("%s: %s = %v, want !Ref %s", id, name, env[name], want[name])
			}
			if _, ok := secrets[ref]; !ok {
				t.Errorf("%s: %s names %q, no AWS::SecretsManager::Secret of the template", id, name, ref)
			}
			given[ref] = true
		}
		allowed := map[string]bool{}
		policies, _ := at(fn, "Properties", "Policies").([]any)
		for _, p := range policies {
			if arn := at(p, "AWSSecretsManagerGetSecretValuePolicy", "SecretArn"); arn != nil {
				allowed[refOf(arn)] = true
			}
			walkStrings(at(p, "Statement"), func(s string) {
				if strings.HasPrefix(s, "secretsmanager:") {
					t.Errorf("%s grants %s in a statement: use AWSSecretsManagerGetSecretValuePolicy with the one secret", id, s)
				}
			})
		}
		for ref := range given {
			if !allowed[ref] {
				t.Errorf("%s reads %s at init without secretsmanager:GetSecretValue on it (AWSSecretsManagerGetSecretValuePolicy)", id, ref)
			}
		}
		for ref := range allowed {
			if !given[ref] {
				t.Errorf("%s may read %s, which it does not use", id, ref)
			}
		}
	}
}

// Everyone in the user pool reads visitors' personal data: MFA (TOTP) is
// required, with the classic hosted UI, which enrols an authenticator app
// at sign-in and is in the Lite plan (managed login, ManagedLoginVersion
// 2, needs Essentials); the pool has deletion protection once the stack
// exists, as the table does.
func TestUserPoolRequiresMFA(t *testing.T) {
	c := loadCFN(t)
	pools := c.resources("AWS::Cognito::UserPool")
	if len(pools) != 1 {
		t.Fatalf("%d user pools, want 1", len(pools))
	}
	for id, pool := range pools {
		p, _ := pool["Properties"].(map[string]any)
		if p["MfaConfiguration"] != "ON" || fmt.Sprint(p["EnabledMfas"]) != "[SOFTWARE_TOKEN_MFA]" {
			t.Errorf("%s: MfaConfiguration %v with %v, want ON with [SOFTWARE_TOKEN_MFA]", id, p["MfaConfiguration"], p["EnabledMfas"])
		}
		want := map[string]any{"Fn::If": []any{"Protected", "ACTIVE", "INACTIVE"}}
		if fmt.Sprint(p["DeletionProtection"]) != fmt.Sprint(want) {
			t.Errorf("%s: DeletionProtection = %v, want %v", id, p["DeletionProtection"], want)
		}
		tier := p["UserPoolTier"]
		for did, d := range c.resources("AWS::Cognito::UserPoolDomain") {
			version := at(d, "Properties", "ManagedLoginVersion")
			if version == "2" && tier == "LITE" {
				t.Errorf("%s uses managed login, which the LITE plan of %s lacks", did, id)
			}
			if version == nil {
				t.Errorf("%s: name the hosted UI's version (ManagedLoginVersion), which decides the feature plan", did)
			}
		}
	}
}
