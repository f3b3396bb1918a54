package lambdarun_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/lawdesk/lawdesk/infra/ddblocal"
	"github.com/lawdesk/lawdesk/infra/ddbtest"
	"github.com/lawdesk/lawdesk/infra/lambdarun"
	"github.com/lawdesk/lawdesk/shared/cursor"
	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store"
)

func TestMain(m *testing.M) {
	ddbtest.Main(m, func() error {
		if buildDir != "" {
			return os.RemoveAll(buildDir)
		}
		return nil
	})
}

const secret = "lambda-test-secret-0123456789abcdef01234"

var (
	buildOnce sync.Once
	bins      map[string]string
	buildDir  string
	buildErr  error
)

// build compiles every function's bootstrap for this machine, with the
// deployed build's tags, once per test binary.
func build(t *testing.T) map[string]string {
	t.Helper()
	buildOnce.Do(func() {
		root, err := ddblocal.Root()
		if err != nil {
			buildErr = err
			return
		}
		dir, err := os.MkdirTemp("", "bootstraps")
		if err != nil {
			buildErr = err
			return
		}
		buildDir = dir
		bins = map[string]string{}
		dirs, err := os.ReadDir(filepath.Join(root, "functions"))
		if err != nil {
			buildErr = err
			return
		}
		for _, d := range dirs {
			fn := d.Name()
			bin := filepath.Join(dir, fn, "bootstrap")
			cmd := exec.Command("go", "build", "-tags", "lambda.norpc", "-trimpath", "-o", bin, "./functions/"+fn)
			cmd.Dir = root
			cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
			if b, err := cmd.CombinedOutput(); err != nil {
				buildErr = fmt.Errorf("build %s: %v\n%s", fn, err, b)
				return
			}
			bins[fn] = bin
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return bins
}

func loadEvent(t *testing.T, fn string) events.APIGatewayV2HTTPRequest {
	t.Helper()
	root, _ := ddblocal.Root()
	raw, err := os.ReadFile(filepath.Join(root, "functions", fn, "event.json"))
	if err != nil {
		t.Fatalf("every function needs an event.json for sam local invoke: %v", err)
	}
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(raw, &ev); err != nil {
		t.Fatalf("%s/event.json: %v", fn, err)
	}
	return ev
}

// TestBootstraps builds every function and drives it through the Lambda
// Runtime API with API Gateway HTTP API (v2) events, against DynamoDB
// Local: the deployed code path from event to response.
func TestBootstraps(t *testing.T) {
	bins := build(t)
	table := ddbtest.NewTable(t)
	st := store.New(ddbtest.Client(t), table, cursor.New([]byte(secret)))
	// The firm and lawyer the event.json files name.
	firm := domain.Firm{ID: "01JDEMOFIRM000000000000000", Name: "明德律师事务所", Phone: "025-83331234", City: "南京", CreatedAt: time.Now()}
	lawyer := domain.Lawyer{ID: "01JDEMO0000000000000000000", FirmID: firm.ID, Name: "王晓明", Areas: []string{"family"}, City: "南京",
		Languages: []string{"zh"}, LicenseNo: "13201201810000001", TimeZone: "Asia/Shanghai", Active: true, CreatedAt: time.Now()}
	if err := st.CreateFirm(context.Background(), firm); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateLawyer(context.Background(), lawyer, domain.Contact{Phone: "13912345678"}); err != nil {
		t.Fatal(err)
	}
	tok, hash := domain.NewVisitorToken()
	q := domain.Question{ID: domain.NewID(), Title: "离婚后孩子抚养权归谁", Area: "family", AreaSource: domain.AreaFromVisitor,
		City: "南京", Status: domain.QuestionSubmitted, CreatedAt: time.Now(), Name: "李雷", Phone: "13800138000",
		ConsentAt: time.Now(), PIIExpiresAt: time.Now().Add(time.Hour), TokenHash: hash}
	if err := st.CreateQuestion(context.Background(), q, nil); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"TABLE_NAME=" + table, "APP_SECRET=" + secret, "DYNAMODB_ENDPOINT=" + ddbtest.Endpoint(t),
		"AWS_REGION=us-east-1", "AWS_ACCESS_KEY_ID=local", "AWS_SECRET_ACCESS_KEY=local",
	}
	soon := time.Now().Add(48 * time.Hour).Truncate(time.Hour).Format(time.RFC3339)
	withoutClaims := func(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
		ev.RequestContext.Authorizer = nil
		return ev
	}
	cases := []struct {
		fn     string
		name   string
		event  func(events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest
		status int
		check  func(t *testing.T, body string)
	}{
		{"directory", "EventJSON", nil, 200, func(t *testing.T, body string) {
			if !strings.Contains(body, lawyer.ID) || strings.Contains(body, "13912345678") {
				t.Errorf("directory = %s", body)
			}
		}},
		{"directory", "UnknownRoute", func(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
			ev.RawPath, ev.RequestContext.HTTP.Path = "/nope", "/nope"
			return ev
		}, 404, nil},
		{"slots", "ClaimsFromAuthorizer", func(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
			ev.Body = fmt.Sprintf(`{"slots":[{"start":%q,"minutes":30}]}`, soon)
			return ev
		}, 201, nil},
		{"slots", "NoClaims", withoutClaims, 401, nil},
		{"questions", "EventJSON", nil, 200, func(t *testing.T, body string) {
			if !strings.HasPrefix(body, `{"items":`) {
				t.Errorf("questions = %s", body)
			}
		}},
		// A question is submitted to classify, where the router is.
		{"classify", "SubmitQuestion", func(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
			ev.RouteKey, ev.RawPath, ev.RequestContext.HTTP.Path = "POST /questions", "/questions", "/questions"
			ev.Body = `{"title":"公司拖欠工资三个月了怎么办","body":"老板一直说没钱","city":"南京","name":"李雷","phone":"13800138000","email":"lilei@example.com","consent":true}`
			return ev
		}, 201, func(t *testing.T, body string) {
			if !strings.Contains(body, `"accessToken"`) || !strings.Contains(body, `"areaSource":"inferred"`) {
				t.Errorf("submitted = %s", body)
			}
		}},
		{"matches", "VisitorToken", func(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
			ev.RawPath = "/questions/" + q.ID + "/matches"
			ev.RequestContext.HTTP.Path = ev.RawPath
			ev.Headers["x-visitor-token"] = tok
			return ev
		}, 200, func(t *testing.T, body string) {
			if !strings.Contains(body, lawyer.ID) || !strings.Contains(body, "擅长婚姻家庭") {
				t.Errorf("matches = %s", body)
			}
		}},
		{"matches", "EventJSON", nil, 404, nil},
		{"bookings", "EventJSON", nil, 404, nil},
		{"bookings", "Book", func(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
			ev.Headers["x-visitor-token"] = tok
			ev.Body = fmt.Sprintf(`{"questionId":%q,"lawyerId":%q,"start":%q,"mode":"video"}`, q.ID, lawyer.ID, soon)
			return ev
		}, 201, func(t *testing.T, body string) {
			if !strings.Contains(body, `"status":"pending"`) {
				t.Errorf("booking = %s", body)
			}
		}},
		{"respond", "EventJSON", nil, 200, func(t *testing.T, body string) {
			if !strings.Contains(body, `"status":"pending"`) {
				t.Errorf("lawyer's pending bookings = %s", body)
			}
		}},
		{"contact", "EventJSON", nil, 404, nil},
		{"leads", "EventJSON", nil, 200, nil},
		{"audit", "EventJSON", nil, 200, nil},
		{"classify", "EventJSON", nil, 200, func(t *testing.T, body string) {
			if !strings.HasPrefix(body, `{"candidates":[{"area":"family"`) {
				t.Errorf("classify = %s", body)
			}
		}},
	}
	runtimes := map[string]*lambdarun.Runtime{}
	for fn := range bins {
		rt, err := lambdarun.Start(bins[fn], env)
		if err != nil {
			t.Fatal(err)
		}
		defer rt.Close()
		runtimes[fn] = rt
	}
	for _, tc := range cases {
		t.Run(tc.fn+"/"+tc.name, func(t *testing.T) {
			ev := loadEvent(t, tc.fn)
			if tc.event != nil {
				ev = tc.event(ev)
			}
			payload, _ := json.Marshal(ev)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			res, err := runtimes[tc.fn].Invoke(ctx, payload)
			if err != nil {
				t.Fatal(err)
			}
			if res.Error != nil {
				t.Fatalf("function error: %s", res.Error)
			}
			var resp events.APIGatewayV2HTTPResponse
			if err := json.Unmarshal(res.Payload, &resp); err != nil {
				t.Fatalf("response %s: %v", res.Payload, err)
			}
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, resp.Body)
			}
			if ct := resp.Headers["Content-Type"]; !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type = %q", ct)
			}
			if tc.check != nil {
				tc.check(t, resp.Body)
			}
		})
	}
	t.Run("notify/EventJSON", func(t *testing.T) {
		root, _ := ddblocal.Root()
		payload, err := os.ReadFile(filepath.Join(root, "functions", "notify", "event.json"))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		res, err := runtimes["notify"].Invoke(ctx, payload)
		if err != nil || res.Error != nil || strings.Contains(string(res.Payload), "itemIdentifier") {
			t.Fatalf("notify = %s / %s, %v", res.Payload, res.Error, err)
		}
	})
	t.Run("sweeper/EventJSON", func(t *testing.T) {
		root, _ := ddblocal.Root()
		payload, err := os.ReadFile(filepath.Join(root, "functions", "sweeper", "event.json"))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		res, err := runtimes["sweeper"].Invoke(ctx, payload)
		if err != nil || res.Error != nil || string(res.Payload) != "null" {
			t.Fatalf("sweeper = %s / %s, %v", res.Payload, res.Error, err)
		}
		// Output reaches us through a pipe: give it a moment.
		for i := 0; i < 40 && !strings.Contains(runtimes["sweeper"].Logs(), `"msg":"sweep"`); i++ {
			time.Sleep(50 * time.Millisecond)
		}
		if !strings.Contains(runtimes["sweeper"].Logs(), `"msg":"sweep"`) {
			t.Errorf("sweeper logged no sweep: %s", runtimes["sweeper"].Logs())
		}
	})
	// Every function logs JSON lines with the request id, and no personal
	// data. Output reaches us through a pipe: give the last lines a moment.
	time.Sleep(300 * time.Millisecond)
	for fn, rt := range runtimes {
		logs := rt.Logs()
		for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
			if line == "" {
				continue
			}
			// Lambda filters by level only lines with an RFC 3339 "timestamp".
			var rec struct {
				Timestamp string `json:"timestamp"`
				Level     string `json:"level"`
			}
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Errorf("%s logged a line that is not JSON: %s", fn, line)
				continue
			}
			if _, err := time.Parse(time.RFC3339Nano, rec.Timestamp); err != nil || rec.Level == "" {
				t.Errorf("%s logged a line without an RFC 3339 timestamp and a level: %s", fn, line)
			}
		}
		for _, pii := range []string{"13800138000", "lilei@example.com", "李雷", "13912345678"} {
			if strings.Contains(logs, pii) {
				t.Errorf("%s logged personal data %q", fn, pii)
			}
		}
	}
}

// A function whose environment is incomplete stops at init with a clear
// message instead of serving errors.
func TestBootstrapFailsFast(t *testing.T) {
	bins := build(t)
	rt, err := lambdarun.Start(bins["questions"], []string{"TABLE_NAME=", "APP_SECRET=", "APP_SECRET_ARN="})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err = rt.Invoke(ctx, []byte(`{}`))
	if err == nil || !strings.Contains(err.Error(), "APP_SECRET_ARN is not set") {
		t.Fatalf("Invoke = %v, want an exit naming APP_SECRET_ARN", err)
	}
}
