package checks

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fakeAWS answers the describe-stacks queries infra/deploy.sh makes from
// FAKE_STATUS ("" for no stack), FAKE_WEB_ORIGIN, FAKE_PROTECTION (the
// DeletionProtection parameter, "" for a stack older than it) and
// FAKE_WEB_URL; fakeSAM
// records each call in FAKE_LOG.
const fakeAWS = `#!/usr/bin/env bash
case "$*" in
*StackStatus*)
	if [ -z "$FAKE_STATUS" ]; then echo "An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id $4 does not exist" >&2; exit 255; fi
	echo "$FAKE_STATUS" ;;
*WebOrigin*) echo "$FAKE_WEB_ORIGIN" ;;
*DeletionProtection*) echo "$FAKE_PROTECTION" ;;
*WebUrl*) echo "$FAKE_WEB_URL" ;;
*) echo "unexpected aws $*" >&2; exit 2 ;;
esac
`

const fakeSAM = `#!/usr/bin/env bash
echo "sam $*" >> "$FAKE_LOG"
`

// make deploy's script (infra/deploy.sh), run with an aws and a sam of
// its own on PATH: what it asks SAM to deploy, what it refuses, and
// make deploy-check on a samconfig.toml that would switch sign-in off.
func TestDeployKeepsWebOrigin(t *testing.T) {
	script := filepath.Join(root(t), "infra", "deploy.sh")
	bin := t.TempDir()
	for name, body := range map[string]string{"aws": fakeAWS, "sam": fakeSAM} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	guided := `parameter_overrides = "AuthDomainPrefix=\"lawdesk-x\" WebOrigin=\"\" DeletionProtection=\"false\""` + "\n"
	cases := []struct {
		name, mode, samconfig string
		env                   []string
		fails                 string // what the refusal says, "" when it must succeed
		want                  string // the sam deploy call, "" for none
	}{
		{name: "FirstDeploy", mode: "deploy", env: []string{"FAKE_STATUS="},
			want: "sam deploy --guided --stack-name ld --parameter-overrides WebOrigin= DeletionProtection=false"},
		{name: "SecondDeployTakesWebUrl", mode: "deploy", samconfig: guided,
			env:  []string{"FAKE_STATUS=CREATE_COMPLETE", "FAKE_WEB_ORIGIN=", "FAKE_WEB_URL=https://d1abc.cloudfront.net/"},
			want: "sam deploy --stack-name ld --parameter-overrides WebOrigin=https://d1abc.cloudfront.net DeletionProtection=true --save-params"},
		{name: "KeepsTheStacksOrigin", mode: "deploy", samconfig: guided,
			env:  []string{"FAKE_STATUS=UPDATE_COMPLETE", "FAKE_WEB_ORIGIN=https://law.example.com", "FAKE_WEB_URL=https://d1abc.cloudfront.net/", "PARAMS=LogLevel=DEBUG"},
			want: "sam deploy --stack-name ld --parameter-overrides WebOrigin=https://law.example.com DeletionProtection=true LogLevel=DEBUG --save-params"},
		{name: "NewOrigin", mode: "deploy", samconfig: guided,
			env:  []string{"FAKE_STATUS=UPDATE_COMPLETE", "FAKE_WEB_ORIGIN=https://d1abc.cloudfront.net", "WEB_ORIGIN_GIVEN=1", "WEB_ORIGIN=https://law.example.com/"},
			want: "sam deploy --stack-name ld --parameter-overrides WebOrigin=https://law.example.com DeletionProtection=true --save-params"},
		{name: "RefusesToDropTheOrigin", mode: "deploy", samconfig: guided,
			env:   []string{"FAKE_STATUS=UPDATE_COMPLETE", "FAKE_WEB_ORIGIN=https://law.example.com", "WEB_ORIGIN_GIVEN=1", "WEB_ORIGIN="},
			fails: "would remove the hosted UI's callback URLs"},
		{name: "DropsItOnPurpose", mode: "deploy", samconfig: guided,
			env:  []string{"FAKE_STATUS=UPDATE_COMPLETE", "FAKE_WEB_ORIGIN=https://law.example.com", "WEB_ORIGIN_GIVEN=1", "WEB_ORIGIN=", "ALLOW_SIGN_IN_OFF=1"},
			want: "sam deploy --stack-name ld --parameter-overrides WebOrigin= DeletionProtection=true --save-params"},
		{name: "FailedFirstDeploy", mode: "deploy", env: []string{"FAKE_STATUS=ROLLBACK_COMPLETE"}, fails: "delete-stack"},
		{name: "CheckRefusesSavedEmptyOrigin", mode: "check", samconfig: guided,
			env: []string{"FAKE_STATUS=UPDATE_COMPLETE", "FAKE_WEB_ORIGIN=https://law.example.com"}, fails: "would switch sign-in off"},
		{name: "CheckPassesSavedOrigin", mode: "check",
			samconfig: `parameter_overrides = "WebOrigin=\"https://law.example.com\" DeletionProtection=\"true\""` + "\n",
			env:       []string{"FAKE_STATUS=UPDATE_COMPLETE", "FAKE_WEB_ORIGIN=https://law.example.com", "FAKE_PROTECTION=true"}},
		{name: "CheckPassesNoSavedOrigin", mode: "check", samconfig: `parameter_overrides = "LogLevel=\"INFO\""` + "\n",
			env: []string{"FAKE_STATUS=UPDATE_COMPLETE", "FAKE_WEB_ORIGIN=https://law.example.com", "FAKE_PROTECTION=true"}},
		{name: "CheckRefusesSavedProtectionOff", mode: "check",
			samconfig: `parameter_overrides = "WebOrigin=\"https://law.example.com\" DeletionProtection=\"false\""` + "\n",
			env:       []string{"FAKE_STATUS=UPDATE_COMPLETE", "FAKE_WEB_ORIGIN=https://law.example.com", "FAKE_PROTECTION=true"}, fails: "deletion protection off"},
		{name: "CheckRefusesUpgradeWithoutProtection", mode: "check", samconfig: `parameter_overrides = "LogLevel=\"INFO\""` + "\n",
			env: []string{"FAKE_STATUS=UPDATE_COMPLETE", "FAKE_WEB_ORIGIN=https://law.example.com", "FAKE_PROTECTION="}, fails: "deletion protection off"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if c.samconfig != "" {
				if err := os.WriteFile(filepath.Join(dir, "samconfig.toml"), []byte("version = 0.1\n[default.deploy.parameters]\n"+c.samconfig), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			log := filepath.Join(dir, "sam.log")
			cmd := exec.Command("bash", script, c.mode, "ld")
			cmd.Dir = dir
			cmd.Env = append([]string{"PATH=" + bin + ":/usr/bin:/bin", "FAKE_LOG=" + log, "HOME=" + dir}, c.env...)
			out, err := cmd.CombinedOutput()
			calls, _ := os.ReadFile(log)
			var deploy string
			for _, l := range strings.Split(strings.TrimSpace(string(calls)), "\n") {
				if strings.HasPrefix(l, "sam deploy") {
					deploy = l
				}
			}
			if c.fails != "" {
				if err == nil || !strings.Contains(string(out), c.fails) || deploy != "" {
					t.Fatalf("%s: err %v, output %q, deployed %q; want a refusal saying %q and no deploy", c.name, err, out, deploy, c.fails)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if deploy != c.want {
				t.Fatalf("deployed\n  %q\nwant\n  %q\n(output %s)", deploy, c.want, out)
			}
			// In the source: else SAM copies the whole repository once per function.
			if c.want != "" && !strings.Contains(string(calls), "sam build --build-in-source\n") {
				t.Errorf("no sam build --build-in-source before the deploy: %s", calls)
			}
		})
	}
}
