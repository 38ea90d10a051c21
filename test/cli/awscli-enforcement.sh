#!/usr/bin/env bash
# The classic examples of the IAM documentation with the AWS CLI against iamd: a user with no permissions is
# denied; a group policy grants; a Deny wins; a permissions boundary caps; the simulator says the same. Every
# denial's message is checked for its reason. Needs IAMD_URL, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (root);
# AWS_CLI (default /usr/bin/aws).
. "$(dirname "$0")/lib.sh"

account=$(aws sts get-caller-identity | json 'd.Account')
user_arn="arn:aws:iam::${account}:user/dev"

step 'a user with no policies'
aws iam create-user --user-name dev >/dev/null
out=$(aws iam create-access-key --user-name dev)
DEV_KEY=$(json 'd.AccessKey.AccessKeyId' <<<"$out")
DEV_SECRET=$(json 'd.AccessKey.SecretAccessKey' <<<"$out")
as_dev() { AWS_ACCESS_KEY_ID="$DEV_KEY" AWS_SECRET_ACCESS_KEY="$DEV_SECRET" aws "$@"; }
denied 'list-users with no policy (who and what)' \
  "User: ${user_arn} is not authorized to perform: iam:ListUsers on resource: " \
  as_dev iam list-users
denied 'list-users with no policy (why)' 'because no identity-based policy allows the iam:ListUsers action' \
  as_dev iam list-users

step 'a group policy grants (AWS managed IAMReadOnlyAccess)'
aws iam create-group --group-name readers >/dev/null
aws iam attach-group-policy --group-name readers --policy-arn arn:aws:iam::aws:policy/IAMReadOnlyAccess
aws iam add-user-to-group --group-name readers --user-name dev
[ "$(as_dev iam list-users | json 'd.Users.some((u) => u.UserName === "dev")')" = true ] || fail 'list-users via the group'
denied 'create-user is still not allowed' 'because no identity-based policy allows the iam:CreateUser action' \
  as_dev iam create-user --user-name eve

step 'an explicit Deny wins'
aws iam put-user-policy --user-name dev --policy-name no-list \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:ListUsers","Resource":"*"}]}'
denied 'list-users with a Deny' 'with an explicit deny in an identity-based policy' as_dev iam list-users
aws iam delete-user-policy --user-name dev --policy-name no-list
as_dev iam list-users >/dev/null || fail 'list-users after the Deny was removed'

step 'a permissions boundary caps'
boundary=$(aws iam create-policy --policy-name only-get-user \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}' |
  json 'd.Policy.Arn')
aws iam put-user-permissions-boundary --user-name dev --permissions-boundary "$boundary"
denied 'list-users outside the boundary' 'because no permissions boundary allows the iam:ListUsers action' \
  as_dev iam list-users
[ "$(as_dev iam get-user | json 'd.User.UserName')" = dev ] || fail 'get-user inside the boundary'

step 'the simulator agrees'
decisions=$(aws iam simulate-principal-policy --policy-source-arn "$user_arn" --action-names iam:ListUsers iam:GetUser |
  json 'd.EvaluationResults.map((r) => r.EvalActionName + "=" + r.EvalDecision).join(",")')
[ "$decisions" = 'iam:ListUsers=implicitDeny,iam:GetUser=allowed' ] || fail "simulate-principal-policy: $decisions"

step 'clean up'
aws iam delete-user-permissions-boundary --user-name dev
aws iam delete-policy --policy-arn "$boundary"
aws iam remove-user-from-group --group-name readers --user-name dev
aws iam detach-group-policy --group-name readers --policy-arn arn:aws:iam::aws:policy/IAMReadOnlyAccess
aws iam delete-group --group-name readers
aws iam delete-access-key --user-name dev --access-key-id "$DEV_KEY"
aws iam delete-user --user-name dev

echo 'OK: AWS CLI enforcement examples passed'
