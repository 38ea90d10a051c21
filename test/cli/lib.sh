# The preamble every AWS CLI script here shares; a script sources it first:
#   . "$(dirname "$0")/lib.sh"
# Needs IAMD_URL, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (the root user's); AWS_CLI (default /usr/bin/aws).
# JSON is checked with node, not jq.
set -euo pipefail

: "${IAMD_URL:?set IAMD_URL to the iamd endpoint, e.g. http://127.0.0.1:4599}"
: "${AWS_ACCESS_KEY_ID:?set AWS_ACCESS_KEY_ID to the root access key id}"
: "${AWS_SECRET_ACCESS_KEY:?set AWS_SECRET_ACCESS_KEY}"
AWS_CLI="${AWS_CLI:-/usr/bin/aws}"

# Isolate from the caller's AWS configuration.
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER='' AWS_DEFAULT_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_PROFILE || true

aws() { "$AWS_CLI" --endpoint-url "$IAMD_URL" --output json "$@"; }
# json EXPR: evaluates EXPR with `d` = the JSON read from stdin and prints the result.
json() { node -e "const d = JSON.parse(require('fs').readFileSync(0, 'utf8')); process.stdout.write(String($1));"; }
step() { printf '== %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*" >&2; exit 1; }
expect() { # expect ACTUAL EXPECTED WHAT
  if [ "$1" != "$2" ]; then printf 'FAIL %s: expected [%s], got [%s]\n' "$3" "$2" "$1" >&2; exit 1; fi
}
# denied WHAT REASON CMD...: CMD must fail with AccessDenied and a message containing REASON.
denied() {
  local what="$1" reason="$2"; shift 2
  local err
  if err=$("$@" 2>&1); then fail "$what: expected AccessDenied, the call succeeded"; fi
  case "$err" in *AccessDenied*"$reason"*) ;; *) fail "$what: expected AccessDenied ... $reason, got: $err" ;; esac
}
