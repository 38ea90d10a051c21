#!/usr/bin/env bash
# Role assumption with the AWS CLI against iamd, as issue 5's newcomer does it: a user allowed sts:AssumeRole, a
# role trusting the account, `aws sts assume-role` with and without a session policy, the printed credentials used
# (narrowed by the session policy), and, in a second run after the server's clock has moved past the session's
# expiry, the same credentials refused with ExpiredToken.
# Needs: IAMD_URL, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (root), CREDS_FILE (where phase "assume" writes the
# narrowed session's credentials and phase "expired" reads them), PHASE (assume | expired); AWS_CLI (default /usr/bin/aws).
. "$(dirname "$0")/lib.sh"
: "${CREDS_FILE:?set CREDS_FILE}"
: "${PHASE:?set PHASE to assume or expired}"

# as_keys ID SECRET [TOKEN] CMD...: runs CMD with other credentials.
as_keys() {
  local id="$1" secret="$2" token="$3"; shift 3
  AWS_ACCESS_KEY_ID="$id" AWS_SECRET_ACCESS_KEY="$secret" AWS_SESSION_TOKEN="$token" "$@"
}

if [ "$PHASE" = expired ]; then
  step 'the narrowed session after its expiry: ExpiredToken'
  read -r id secret token <"$CREDS_FILE"
  if err=$(as_keys "$id" "$secret" "$token" aws sts get-caller-identity 2>&1); then fail 'expired session: the call succeeded'; fi
  case "$err" in *ExpiredToken*) ;; *) fail "expired session: expected ExpiredToken, got: $err" ;; esac
  echo 'OK: AWS CLI expired session refused'
  exit 0
fi

account=$(aws sts get-caller-identity | json 'd.Account')
role_arn="arn:aws:iam::${account}:role/deployer"

step 'a user allowed sts:AssumeRole on the role, and the role trusting the account'
aws iam create-user --user-name dev >/dev/null
aws iam put-user-policy --user-name dev --policy-name assume \
  --policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"${role_arn}\"}]}"
keys=$(aws iam create-access-key --user-name dev)
dev_id=$(json 'd.AccessKey.AccessKeyId' <<<"$keys")
dev_secret=$(json 'd.AccessKey.SecretAccessKey' <<<"$keys")
aws iam create-role --role-name deployer --max-session-duration 3600 --assume-role-policy-document \
  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::${account}:root\"},\"Action\":\"sts:AssumeRole\"}]}" >/dev/null
aws iam put-role-policy --role-name deployer --policy-name read-iam \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetUser","iam:ListUsers"],"Resource":"*"}]}'

step 'root may not assume roles'
denied 'root assume-role' 'Roles may not be assumed by root accounts' \
  aws sts assume-role --role-arn "$role_arn" --role-session-name root-try

step 'assume-role without a session policy: the role'"'"'s permissions'
out=$(as_keys "$dev_id" "$dev_secret" '' aws sts assume-role --role-arn "$role_arn" --role-session-name full)
full=($(json '[d.Credentials.AccessKeyId, d.Credentials.SecretAccessKey, d.Credentials.SessionToken].join(" ")' <<<"$out"))
expect "$(json 'd.AssumedRoleUser.Arn' <<<"$out")" "arn:aws:sts::${account}:assumed-role/deployer/full" 'assumed-role ARN'
case "${full[0]}" in ASIA*) ;; *) fail "session key id ${full[0]} is not ASIA..." ;; esac
as_keys "${full[@]}" aws iam list-users >/dev/null

step 'assume-role with a session policy allowing only iam:GetUser, for 900 seconds'
out=$(as_keys "$dev_id" "$dev_secret" '' aws sts assume-role --role-arn "$role_arn" --role-session-name narrow \
  --duration-seconds 900 \
  --policy '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}')
narrow=($(json '[d.Credentials.AccessKeyId, d.Credentials.SecretAccessKey, d.Credentials.SessionToken].join(" ")' <<<"$out"))
expect "$(as_keys "${narrow[@]}" aws sts get-caller-identity | json 'd.Arn')" \
  "arn:aws:sts::${account}:assumed-role/deployer/narrow" 'caller of the narrowed session'
expect "$(as_keys "${narrow[@]}" aws iam get-user --user-name dev | json 'd.User.UserName')" 'dev' 'get-user allowed'
denied 'list-users under the session policy' 'no session policy allows the iam:ListUsers action' \
  as_keys "${narrow[@]}" aws iam list-users
printf '%s %s %s\n' "${narrow[@]}" >"$CREDS_FILE"

step 'a duration above the role'"'"'s MaxSessionDuration is refused'
if err=$(as_keys "$dev_id" "$dev_secret" '' aws sts assume-role --role-arn "$role_arn" --role-session-name long \
  --duration-seconds 7200 2>&1); then fail 'duration 7200 on a 3600 role: the call succeeded'; fi
case "$err" in *ValidationError*) ;; *) fail "duration 7200: expected ValidationError, got: $err" ;; esac

echo 'OK: AWS CLI role assumption passed'
