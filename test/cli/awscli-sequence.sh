#!/usr/bin/env bash
# A realistic AWS CLI session against iamd: create a user, give it keys, put it in a group, list, call STS as the
# new user, clean up. Every step's output is asserted. Needs: IAMD_URL, AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (the root user's); AWS_CLI (default /usr/bin/aws). JSON is checked with node, not jq.
. "$(dirname "$0")/lib.sh"

step 'get-caller-identity as root'
out=$(aws sts get-caller-identity)
account=$(json 'd.Account' <<<"$out")
expect "$(json 'd.Arn' <<<"$out")" "arn:aws:iam::${account}:root" 'root ARN'

step 'create-user'
out=$(aws iam create-user --user-name cli-user --path /cli/ --tags Key=team,Value=cli)
expect "$(json 'd.User.Arn' <<<"$out")" "arn:aws:iam::${account}:user/cli/cli-user" 'user ARN'
expect "$(json 'd.User.Tags[0].Value' <<<"$out")" 'cli' 'user tag'

step 'create-access-key'
out=$(aws iam create-access-key --user-name cli-user)
key_id=$(json 'd.AccessKey.AccessKeyId' <<<"$out")
secret=$(json 'd.AccessKey.SecretAccessKey' <<<"$out")
expect "$(json 'd.AccessKey.Status' <<<"$out")" 'Active' 'key status'
expect "${#secret}" '40' 'secret length'

step 'create-group and add-user-to-group'
aws iam create-group --group-name cli-group >/dev/null
aws iam add-user-to-group --group-name cli-group --user-name cli-user

step 'list-users, get-group, list-groups-for-user, list-access-keys'
expect "$(aws iam list-users --path-prefix /cli/ | json 'd.Users.map((u) => u.UserName).join(",")')" 'cli-user' 'list-users'
expect "$(aws iam get-group --group-name cli-group | json 'd.Users.map((u) => u.UserName).join(",")')" 'cli-user' 'members'
expect "$(aws iam list-groups-for-user --user-name cli-user | json 'd.Groups[0].GroupName')" 'cli-group' 'groups'
expect "$(aws iam list-access-keys --user-name cli-user | json 'd.AccessKeyMetadata[0].AccessKeyId')" "$key_id" 'keys'

step 'get-caller-identity as the new user'
arn=$(AWS_ACCESS_KEY_ID="$key_id" AWS_SECRET_ACCESS_KEY="$secret" aws sts get-caller-identity | json 'd.Arn')
expect "$arn" "arn:aws:iam::${account}:user/cli/cli-user" 'caller ARN'

step 'an error comes back as NoSuchEntity with a non-zero exit status'
if err=$(aws iam get-user --user-name no-such-user 2>&1); then expect 'success' 'failure' 'get-user of a missing user'; fi
case "$err" in *NoSuchEntity*) ;; *) expect "$err" '...NoSuchEntity...' 'error text' ;; esac

step 'clean up'
aws iam remove-user-from-group --group-name cli-group --user-name cli-user
aws iam delete-access-key --user-name cli-user --access-key-id "$key_id"
aws iam delete-user --user-name cli-user
aws iam delete-group --group-name cli-group
expect "$(aws iam list-users --path-prefix /cli/ | json 'd.Users.length')" '0' 'users after clean-up'

step 'the deleted key no longer works'
if AWS_ACCESS_KEY_ID="$key_id" AWS_SECRET_ACCESS_KEY="$secret" aws sts get-caller-identity >/dev/null 2>&1; then
  expect 'success' 'failure' 'deleted key'
fi

echo 'OK: AWS CLI sequence passed'
