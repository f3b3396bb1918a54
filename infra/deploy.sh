#!/usr/bin/env bash
# infra/deploy.sh — the deploy of make deploy (and its check, make
# deploy-check). A plain `sam deploy` sends what samconfig.toml saved; after
# `sam deploy --guided` that includes WebOrigin="", and sending it again
# removes the hosted UI's callback URLs and turns /config.json to
# {"auth":"none"} without a warning. So:
#
#   infra/deploy.sh deploy STACK   builds (in the source) and deploys STACK with WebOrigin
#       = $WEB_ORIGIN when WEB_ORIGIN_GIVEN=1, else the stack's own WebOrigin,
#       else (a stack that exists, sign-in still off) the stack's WebUrl
#       output without its slash — the documented second deploy; and
#       DeletionProtection=true once the stack exists (false on the first
#       deploy, so that a failed one rolls back whole). It refuses to deploy
#       an empty WebOrigin over a configured one unless ALLOW_SIGN_IN_OFF=1.
#       The values go on the command line with --save-params, so that
#       samconfig.toml holds them for a later plain `sam deploy`. $PARAMS
#       adds other parameter overrides ("LogLevel=DEBUG AlarmEmail=…").
#       The first deploy (no samconfig.toml) is `sam deploy --guided`.
#   infra/deploy.sh check STACK    fails when a plain `sam deploy` would
#       send samconfig.toml's empty WebOrigin over the stack's configured one,
#       or turn its deletion protection off (a saved false, or none saved for
#       a stack of a template older than the parameter, whose default is false).
set -euo pipefail

die() { echo "make: $*" >&2; exit 1; }

mode=${1:-}
stack=${2:-}
[ -n "$stack" ] || die "name the stack: make $mode STACK=<stack name>"
command -v aws >/dev/null || die "the AWS CLI is missing: https://aws.amazon.com/cli/"

# The stack's status, or "" when there is none.
status=""
if ! out=$(aws cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].StackStatus' --output text 2>&1); then
	case "$out" in
	*"does not exist"*) status="" ;;
	*) die "cannot read the stack $stack: $out" ;;
	esac
else
	status=$out
fi
stackValue() { # stackValue Parameters|Outputs Key
	local kind=$1 key=$2 field=ParameterValue name=ParameterKey v
	if [ "$kind" = Outputs ]; then field=OutputValue name=OutputKey; fi
	v=$(aws cloudformation describe-stacks --stack-name "$stack" --output text \
		--query "Stacks[0].$kind[?$name=='$key'].$field") || die "cannot read $key of $stack"
	[ "$v" = None ] && v=""
	printf '%s' "$v"
}
current=""
if [ -n "$status" ]; then
	current=$(stackValue Parameters WebOrigin)
fi

# What samconfig.toml's parameter_overrides say of parameter $1: "unset"
# when they do not name it (a plain sam deploy then keeps the stack's value).
saved() {
	local key=$1 line
	[ -f samconfig.toml ] || { echo unset; return; }
	line=$(grep -E '^[[:space:]]*parameter_overrides[[:space:]]*=' samconfig.toml | head -1 || true)
	case "$line" in
	*"$key="*) ;;
	*) echo unset; return ;;
	esac
	# Key=\"value\" (as --guided writes it), Key=value or "Key=value" in a list.
	echo "value:$(printf '%s' "$line" | sed -E "s/.*$key=(\\\\?\")?([^\" \\\\,]*).*/\\2/")"
}

case "$mode" in
check)
	origin=$(saved WebOrigin)
	if [ -n "$current" ] && [ "$origin" = "value:" ]; then
		die "samconfig.toml saves WebOrigin=\"\" and $stack has WebOrigin=$current: a plain sam deploy would switch sign-in off. Deploy with make deploy STACK=$stack (it saves the stack's value), or edit parameter_overrides in samconfig.toml."
	fi
	protection=$(saved DeletionProtection)
	if [ -n "$status" ] && [ "$protection" != "value:true" ]; then
		was=$(stackValue Parameters DeletionProtection)
		# A stack of a template older than the parameter had its table
		# protected; a plain sam deploy would take the default, false.
		if [ "$protection" = "value:false" ] || { [ "$protection" = unset ] && [ -z "$was" ]; }; then
			die "a plain sam deploy would turn $stack's deletion protection off (samconfig.toml: DeletionProtection ${protection/value:/=}). Deploy with make deploy STACK=$stack."
		fi
	fi
	echo "deploy-check: $stack has WebOrigin=${current:-(none)}; samconfig.toml: WebOrigin ${origin/value:/=}, DeletionProtection ${protection/value:/=}"
	exit 0
	;;
deploy) ;;
*) die "usage: infra/deploy.sh deploy|check STACK" ;;
esac

command -v sam >/dev/null || die "the SAM CLI is missing: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html"
case "$status" in
ROLLBACK_COMPLETE | ROLLBACK_FAILED | CREATE_FAILED)
	die "$stack is $status: its first deploy failed (its table went with the rollback). Delete it (aws cloudformation delete-stack --stack-name $stack), then deploy again." ;;
*_IN_PROGRESS)
	die "$stack is $status: wait until it is done." ;;
esac

if [ "${WEB_ORIGIN_GIVEN:-}" = 1 ]; then
	origin=${WEB_ORIGIN:-}
	origin=${origin%/}
elif [ -n "$current" ]; then
	origin=$current
elif [ -n "$status" ]; then
	origin=$(stackValue Outputs WebUrl)
	origin=${origin%/}
	[ -n "$origin" ] && echo "make: turning sign-in on: WebOrigin=$origin (the stack's WebUrl)"
else
	origin=""
fi
if [ -n "$current" ] && [ -z "$origin" ] && [ "${ALLOW_SIGN_IN_OFF:-}" != 1 ]; then
	die "$stack has WebOrigin=$current; deploying WebOrigin=\"\" would remove the hosted UI's callback URLs and switch sign-in off. To do that on purpose: ALLOW_SIGN_IN_OFF=1."
fi
protect=false
[ -n "$status" ] && protect=true

# shellcheck disable=SC2206 # PARAMS is a list of Key=Value words.
overrides=("WebOrigin=$origin" "DeletionProtection=$protect" ${PARAMS:-})
# In the source: otherwise SAM copies the repository (CodeUri: ., all but
# .git and .aws-sam — node_modules, .data/, test-artifacts/ with it) once
# per function before running its make target.
sam build --build-in-source
if [ -f samconfig.toml ]; then
	sam deploy --stack-name "$stack" --parameter-overrides "${overrides[@]}" --save-params
else
	sam deploy --guided --stack-name "$stack" --parameter-overrides "${overrides[@]}"
fi
