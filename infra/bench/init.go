package bench

import (
	"context"
	"debug/elf"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/lawdesk/lawdesk/infra/lambdarun"
	"github.com/lawdesk/lawdesk/infra/template"
)

// Baseline names the bare function of infra/bench/baseline in InitRow;
// BaselineSecret the same bootstrap reading one secret at init.
const (
	Baseline       = "baseline"
	BaselineSecret = "baseline+secret"
)

// InitRow is one bootstrap's size and cold start.
type InitRow struct {
	Function string
	// ARM64 and Host are the sizes in bytes of the deployed build
	// (linux/arm64) and of the same build for this machine, which is the
	// one timed (arm64 cannot run here).
	ARM64, Host int64
	// Room is, for each loadable segment of the arm64 build (code,
	// read-only data, data), the bytes it can grow before the file grows:
	// each segment is padded to a 64 KiB step, so a bootstrap's size moves
	// in steps, and one just under a step gains 64 KiB for a few bytes.
	Room []int64
	// P50 and P90 are the init times over the starts, in milliseconds.
	P50, P90 float64
}

// InitOptions say how many times each bootstrap is started, and where
// the builds go.
type InitOptions struct {
	Starts int
	Dir    string
	// Only names the functions to measure beside the baselines; nil
	// measures every function.
	Only []string
}

// deployFlags are the Makefile's LAMBDA_FLAGS: the deployed build.
var deployFlags = []string{"-tags", "lambda.norpc", "-trimpath", "-ldflags=-s -w"}

// MeasureInit builds every function of functions/ and the baseline with
// the deployed build's flags, for linux/arm64 (to weigh them) and for this
// machine (to run them), then starts each bootstrap opt.Starts times
// through the Lambda Runtime API (infra/lambdarun) and times its init:
// from starting the process to its first GET invocation/next. Starts go
// round-robin over the bootstraps so that load from elsewhere on the
// machine falls on all of them alike. The baseline is the first row, the
// baseline reading one secret at init the second.
func MeasureInit(ctx context.Context, root string, opt InitOptions) ([]InitRow, error) {
	if opt.Starts <= 0 {
		opt.Starts = 20
	}
	names, pkgs, err := bootstraps(root, opt.Only)
	if err != nil {
		return nil, err
	}
	names = slices.Insert(names, 1, BaselineSecret)
	rows := make([]InitRow, len(names))
	hostBins := make([]string, len(names))
	for i, name := range names {
		rows[i].Function = name
		if name == BaselineSecret {
			// The baseline's bootstrap, started with APP_SECRET_ARN.
			rows[i].ARM64, rows[i].Host, rows[i].Room, hostBins[i] = rows[0].ARM64, rows[0].Host, rows[0].Room, hostBins[0]
			continue
		}
		for _, goarch := range []string{"arm64", runtime.GOARCH} {
			bin := filepath.Join(opt.Dir, goarch, name, "bootstrap")
			build := exec.CommandContext(ctx, "go", append(append([]string{"build"}, deployFlags...), "-o", bin, pkgs[name])...)
			build.Dir = root
			build.Env = append(os.Environ(), "GOOS=linux", "GOARCH="+goarch, "CGO_ENABLED=0")
			if out, err := build.CombinedOutput(); err != nil {
				return nil, fmt.Errorf("build %s for %s: %v\n%s", name, goarch, err, out)
			}
			fi, err := os.Stat(bin)
			if err != nil {
				return nil, err
			}
			if goarch == "arm64" {
				rows[i].ARM64 = fi.Size()
				if rows[i].Room, err = segmentRoom(bin); err != nil {
					return nil, err
				}
			}
			if goarch == runtime.GOARCH {
				rows[i].Host, hostBins[i] = fi.Size(), bin
			}
		}
	}
	if runtime.GOOS != "linux" {
		return rows, fmt.Errorf("init is timed by running linux bootstraps; this is %s", runtime.GOOS)
	}
	secrets := SecretsStub()
	defer secrets.Close()
	tpl, err := template.Load(filepath.Join(root, "template.yaml"))
	if err != nil {
		return nil, err
	}
	envs := make([][]string, len(names))
	for i, name := range names {
		envs[i] = InitEnv(secrets.URL, servesHTTP(tpl, name))
		if name == Baseline {
			envs[i] = append(envs[i], "APP_SECRET_ARN=")
		}
	}
	times := make([][]time.Duration, len(names))
	for range opt.Starts {
		for i, bin := range hostBins {
			d, err := startOnce(ctx, bin, envs[i])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", names[i], err)
			}
			times[i] = append(times[i], d)
		}
	}
	for i := range rows {
		rows[i].P50, rows[i].P90 = quantileMillis(times[i], 0.5), quantileMillis(times[i], 0.9)
	}
	return rows, nil
}

// bootstraps names the baseline and the functions of functions/ (those of
// only, when not nil), baseline first, with their packages.
func bootstraps(root string, only []string) ([]string, map[string]string, error) {
	dirs, err := os.ReadDir(filepath.Join(root, "functions"))
	if err != nil {
		return nil, nil, err
	}
	names, pkgs := []string{Baseline}, map[string]string{Baseline: "./infra/bench/baseline"}
	for _, d := range dirs {
		if d.IsDir() && (only == nil || slices.Contains(only, d.Name())) {
			names = append(names, d.Name())
			pkgs[d.Name()] = "./functions/" + d.Name()
		}
	}
	if only != nil && len(names) != 1+len(only) {
		return nil, nil, fmt.Errorf("-functions %s: a name is no folder of functions/", strings.Join(only, ","))
	}
	return names, pkgs, nil
}

// The ARNs of the benchmark's secrets (SecretsStub answers for them).
const (
	benchAppSecretARN    = "arn:aws:secretsmanager:us-east-1:123456789012:secret:lawdesk-bench-app-AbCdEf"
	benchOriginVerifyARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:lawdesk-bench-origin-AbCdEf"
)

// SecretsStub answers Secrets Manager's GetSecretValue (signed requests
// only) for the benchmark's two secrets, on loopback: the network call a
// function makes at init, with the cost of the call — client, signing,
// HTTP, JSON — and none of a region's round trip, which in AWS comes on
// top (not measured here).
func SecretsStub() *httptest.Server {
	values := map[string]string{
		benchAppSecretARN:    "bench-app-secret-0123456789abcdef0123456789abcdef",
		benchOriginVerifyARN: "bench-origin-verify-0123456789abcdef0123",
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct{ SecretId string }
		_ = json.NewDecoder(r.Body).Decode(&in)
		value, ok := values[in.SecretId]
		switch {
		case r.Header.Get("X-Amz-Target") != "secretsmanager.GetSecretValue" || !strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 "):
			http.Error(w, `{"__type":"InvalidRequestException","message":"a signed GetSecretValue only"}`, http.StatusBadRequest)
		case !ok:
			http.Error(w, `{"__type":"ResourceNotFoundException","message":"no such secret"}`, http.StatusBadRequest)
		default:
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			_ = json.NewEncoder(w).Encode(map[string]any{"ARN": in.SecretId, "Name": "bench", "SecretString": value,
				"VersionId": "00000000-0000-0000-0000-000000000001", "VersionStages": []string{"AWSCURRENT"}, "CreatedDate": 1.7e9})
		}
	}))
}

// servesHTTP reports whether the function name (directory, …) serves
// routes of the HTTP API in the template, and so gets ORIGIN_VERIFY_ARN.
func servesHTTP(tpl *template.Template, name string) bool {
	id := ""
	for _, part := range strings.Split(name, "-") {
		id += strings.ToUpper(part[:1]) + part[1:]
	}
	for _, ev := range tpl.Functions[id+"Function"].Events {
		if ev.Type == "HttpApi" {
			return true
		}
	}
	return false
}

// InitEnv is the environment of a timed start: what Lambda and the
// template give a function (region, credentials in the environment, the
// table, the Cognito pool, the ARNs of the secrets it reads at init — both
// for an HTTP function, APP_SECRET's alone otherwise — with secrets
// pointing at SecretsStub's URL), no DYNAMODB_ENDPOINT so that the deployed
// code path is taken, and no shared AWS config files or instance
// metadata, which Lambda has not either. Every other AWS_ variable of this
// machine is blanked: AWS_CA_BUNDLE, say, makes each SDK config load parse
// the whole certificate bundle (about 10 ms), which no function pays in
// Lambda. The secrets are init's only network call: no DynamoDB is needed.
func InitEnv(secrets string, servesHTTP bool) []string {
	env := []string{
		"AWS_REGION=us-east-1", "AWS_DEFAULT_REGION=us-east-1",
		"AWS_ACCESS_KEY_ID=AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY=secret", "AWS_SESSION_TOKEN=token",
		"AWS_CONFIG_FILE=/nonexistent", "AWS_SHARED_CREDENTIALS_FILE=/nonexistent", "AWS_EC2_METADATA_DISABLED=true",
		"DYNAMODB_ENDPOINT=", "TABLE_NAME=lawdesk-bench", "APP_SECRET=", "ORIGIN_VERIFY=",
		"APP_SECRET_ARN=" + benchAppSecretARN, "SECRETS_ENDPOINT=" + secrets,
		"COGNITO_ISSUER=https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example", "COGNITO_CLIENT_ID=example",
		"SENDER_EMAIL=", "SMS_ENABLED=false", "AWS_LAMBDA_LOG_LEVEL=WARN",
	}
	if servesHTTP {
		env = append(env, "ORIGIN_VERIFY_ARN="+benchOriginVerifyARN)
	} else {
		env = append(env, "ORIGIN_VERIFY_ARN=")
	}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "AWS_") && !slices.ContainsFunc(env, func(e string) bool { return strings.HasPrefix(e, name+"=") }) {
			env = append(env, name+"=")
		}
	}
	return env
}

// startOnce starts bin, waits for the end of its init and stops it.
func startOnce(ctx context.Context, bin string, env []string) (time.Duration, error) {
	rt, err := lambdarun.Start(bin, env)
	if err != nil {
		return 0, err
	}
	defer rt.Close()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return rt.Init(ctx)
}

// quantileMillis returns the q-quantile (nearest rank) of ds in ms.
func quantileMillis(ds []time.Duration, q float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(q*float64(len(s))+0.5) - 1
	i = max(0, min(i, len(s)-1))
	return float64(s[i].Microseconds()) / 1000
}

// segmentRoom is Room of the ELF file bin: per PT_LOAD segment, the bytes
// to the next multiple of its alignment.
func segmentRoom(bin string) ([]int64, error) {
	f, err := elf.Open(bin)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var room []int64
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD && p.Align > 0 {
			room = append(room, int64(p.Align-p.Filesz%p.Align))
		}
	}
	return room, nil
}
