#!/usr/bin/env bash
# The classic account-security checklist, done the way a newcomer would with the AWS CLI, while
# `iamd security status` goes from failing to all green: root MFA, an admin group and user, a password policy,
# no root access keys, a rotated key. Needs: IAMD_URL, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (the root
# user's, in a fresh account); AWS_CLI (default /usr/bin/aws). MFA codes use real time (the CLI cannot move a test
# clock): they are computed from the seed with otpauth. JSON is checked with node, not jq.
. "$(dirname "$0")/lib.sh"
# The repository root: node resolves otpauth from here, and bin/iamd.js lives here.
cd "$(dirname "$0")/../.."

iamd() { node bin/iamd.js "$@"; }
# two_codes SEED: the 6-digit codes of the previous and the current 30-second step, read from one clock reading
# (two separate readings could straddle a step boundary and give codes that are not consecutive).
two_codes() {
  node --input-type=module -e "
    import { HOTP, Secret } from 'otpauth';
    const now = Math.floor(Date.now() / 30000);
    const code = (counter) => HOTP.generate({ secret: Secret.fromBase32(process.argv[1]), algorithm: 'SHA1', digits: 6, counter });
    process.stdout.write(code(now - 1) + ' ' + code(now));
  " "$1"
}
# status_of ID: pass or fail for one check of `iamd security status --json` (read on stdin).
status_of() { json "d.checks.find((c) => c.id === '$1').status"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root_key="$AWS_ACCESS_KEY_ID"
root_secret="$AWS_SECRET_ACCESS_KEY"

step 'a fresh account fails the checklist'
account=$(aws sts get-caller-identity | json 'd.Account')
set +e
iamd security status --endpoint-url "$IAMD_URL" --json >"$work/before.json"
code=$?
set -e
expect "$code" '1' 'security status exit code in a fresh account'
for id in root-mfa root-access-keys iam-users password-policy; do
  expect "$(status_of "$id" <"$work/before.json")" 'fail' "$id at the start"
done

step 'root: create-virtual-mfa-device and enable-mfa-device with two consecutive codes'
out=$(aws iam create-virtual-mfa-device --virtual-mfa-device-name root-account-mfa-device \
  --outfile "$work/seed.txt" --bootstrap-method Base32StringSeed)
serial=$(json 'd.VirtualMFADevice.SerialNumber' <<<"$out")
expect "$serial" "arn:aws:iam::${account}:mfa/root-account-mfa-device" 'MFA serial number'
seed=$(cat "$work/seed.txt")
read -r code1 code2 <<<"$(two_codes "$seed")"
aws iam enable-mfa-device --user-name "$account" --serial-number "$serial" \
  --authentication-code1 "$code1" --authentication-code2 "$code2"
expect "$(aws iam list-mfa-devices | json 'd.MFADevices[0].SerialNumber')" "$serial" 'root MFA device'

step 'root: an admin group with AdministratorAccess and an admin user in it, with an access key'
aws iam create-group --group-name Admins >/dev/null
aws iam attach-group-policy --group-name Admins --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
aws iam create-user --user-name admin >/dev/null
aws iam add-user-to-group --group-name Admins --user-name admin
out=$(aws iam create-access-key --user-name admin)
admin_key=$(json 'd.AccessKey.AccessKeyId' <<<"$out")
admin_secret=$(json 'd.AccessKey.SecretAccessKey' <<<"$out")

step 'root: a password policy'
aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --require-numbers \
  --require-uppercase-characters --require-lowercase-characters --max-password-age 90 --password-reuse-prevention 5
expect "$(aws iam get-account-password-policy | json 'd.PasswordPolicy.MinimumPasswordLength')" '14' 'password policy'

step 'the admin user works (from here on the script is the admin)'
export AWS_ACCESS_KEY_ID="$admin_key" AWS_SECRET_ACCESS_KEY="$admin_secret"
expect "$(aws sts get-caller-identity | json 'd.Arn')" "arn:aws:iam::${account}:user/admin" 'admin ARN'
expect "$(aws iam get-group --group-name Admins | json 'd.Users[0].UserName')" 'admin' 'admin can use IAM'

step 'delete the root access key (root deletes its own key; then it no longer works)'
expect "$(AWS_ACCESS_KEY_ID="$root_key" AWS_SECRET_ACCESS_KEY="$root_secret" aws iam list-access-keys \
  | json 'd.AccessKeyMetadata.map((k) => k.AccessKeyId).join(",")')" "$root_key" 'root keys before'
AWS_ACCESS_KEY_ID="$root_key" AWS_SECRET_ACCESS_KEY="$root_secret" aws iam delete-access-key --access-key-id "$root_key"
if AWS_ACCESS_KEY_ID="$root_key" AWS_SECRET_ACCESS_KEY="$root_secret" aws sts get-caller-identity >/dev/null 2>&1; then
  expect 'success' 'failure' 'the deleted root key'
fi

step 'rotate the admin key: create a second, switch to it, deactivate then delete the old one'
out=$(aws iam create-access-key)
new_key=$(json 'd.AccessKey.AccessKeyId' <<<"$out")
new_secret=$(json 'd.AccessKey.SecretAccessKey' <<<"$out")
export AWS_ACCESS_KEY_ID="$new_key" AWS_SECRET_ACCESS_KEY="$new_secret"
expect "$(aws sts get-caller-identity | json 'd.Arn')" "arn:aws:iam::${account}:user/admin" 'the new key works'
aws iam update-access-key --access-key-id "$admin_key" --status Inactive
if AWS_ACCESS_KEY_ID="$admin_key" AWS_SECRET_ACCESS_KEY="$admin_secret" aws sts get-caller-identity >/dev/null 2>&1; then
  expect 'success' 'failure' 'the deactivated key'
fi
aws iam delete-access-key --access-key-id "$admin_key"
expect "$(aws iam list-access-keys | json 'd.AccessKeyMetadata.map((k) => k.AccessKeyId).join(",")')" "$new_key" 'keys after rotation'

step 'iamd security status: every check passes'
iamd security status --endpoint-url "$IAMD_URL" | tee "$work/after.txt"
expect "$(tail -n 1 "$work/after.txt")" '7 of 7 checks pass' 'checks passing'
iamd security status --endpoint-url "$IAMD_URL" --json >"$work/after.json"
for id in root-mfa root-access-keys iam-users groups-for-permissions password-policy access-key-rotation unused-credentials; do
  expect "$(status_of "$id" <"$work/after.json")" 'pass' "$id at the end"
done

echo 'OK: AWS CLI security checklist passed'
