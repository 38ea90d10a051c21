#!/usr/bin/env bash
# OpenID Connect federation with the AWS CLI against iamd: register the issuer as an OIDC provider, create a role
# that trusts it, exchange an ID token for credentials with `aws sts assume-role-with-web-identity` (an unsigned
# call), use them, and see a token whose sub the trust policy refuses get AccessDenied. Needs: IAMD_URL,
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (root), OIDC_ISSUER (https URL), OIDC_TOKEN (aud sts.amazonaws.com,
# sub repo:acme/app:...), OIDC_OTHER_TOKEN (another sub); AWS_CLI (default /usr/bin/aws).
. "$(dirname "$0")/lib.sh"
: "${OIDC_ISSUER:?set OIDC_ISSUER}"
: "${OIDC_TOKEN:?set OIDC_TOKEN}"
: "${OIDC_OTHER_TOKEN:?set OIDC_OTHER_TOKEN}"

account=$(aws sts get-caller-identity | json 'd.Account')
host=${OIDC_ISSUER#https://}
provider="arn:aws:iam::${account}:oidc-provider/${host}"

step 'create-open-id-connect-provider, get, list, add-client-id'
# Older CLIs (Debian 12: 2.9) still require --thumbprint-list; iamd stores it and does not need it.
out=$(aws iam create-open-id-connect-provider --url "$OIDC_ISSUER" --client-id-list sts.amazonaws.com \
  --thumbprint-list 6938fd4d98bab03faadb97b34396831e3780aea1 --tags Key=team,Value=ci)
expect "$(json 'd.OpenIDConnectProviderArn' <<<"$out")" "$provider" 'provider ARN'
aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn "$provider" --client-id second-app
out=$(aws iam get-open-id-connect-provider --open-id-connect-provider-arn "$provider")
expect "$(json 'd.Url' <<<"$out")" "$host" 'provider url'
expect "$(json 'd.ClientIDList.join(",")' <<<"$out")" 'sts.amazonaws.com,second-app' 'client ids'
expect "$(aws iam list-open-id-connect-providers | json 'd.OpenIDConnectProviderList.map((p) => p.Arn).join(",")')" "$provider" 'list'
expect "$(aws iam list-open-id-connect-provider-tags --open-id-connect-provider-arn "$provider" | json 'd.Tags[0].Value')" 'ci' 'tags'

step 'create-role trusting the provider for repo:acme/app:*'
trust=$(cat <<JSON
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"${provider}"},
 "Action":"sts:AssumeRoleWithWebIdentity",
 "Condition":{"StringEquals":{"${host}:aud":"sts.amazonaws.com"},"StringLike":{"${host}:sub":"repo:acme/app:*"}}}]}
JSON
)
aws iam create-role --role-name cli-oidc --assume-role-policy-document "$trust" >/dev/null
aws iam put-role-policy --role-name cli-oidc --policy-name read \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}]}'

step 'assume-role-with-web-identity'
out=$(aws sts assume-role-with-web-identity --role-arn "arn:aws:iam::${account}:role/cli-oidc" \
  --role-session-name cli-run --web-identity-token "$OIDC_TOKEN" --duration-seconds 900)
expect "$(json 'd.AssumedRoleUser.Arn' <<<"$out")" "arn:aws:sts::${account}:assumed-role/cli-oidc/cli-run" 'session ARN'
expect "$(json 'd.Provider' <<<"$out")" "$provider" 'Provider'
expect "$(json 'd.Audience' <<<"$out")" 'sts.amazonaws.com' 'Audience'
expect "$(json 'd.SubjectFromWebIdentityToken.startsWith("repo:acme/app:")' <<<"$out")" 'true' 'subject'
session_key=$(json 'd.Credentials.AccessKeyId' <<<"$out")
session_secret=$(json 'd.Credentials.SecretAccessKey' <<<"$out")
session_token=$(json 'd.Credentials.SessionToken' <<<"$out")
as_session() { AWS_ACCESS_KEY_ID=$session_key AWS_SECRET_ACCESS_KEY=$session_secret AWS_SESSION_TOKEN=$session_token aws "$@"; }

step 'the session credentials work (get-caller-identity, list-roles) and nothing more (list-users)'
expect "$(as_session sts get-caller-identity | json 'd.Arn')" "arn:aws:sts::${account}:assumed-role/cli-oidc/cli-run" 'caller'
as_session iam list-roles >/dev/null
denied 'list-users with the session' '' as_session iam list-users

step 'a token whose sub the trust policy refuses'
denied 'the other token' 'Not authorized to perform sts:AssumeRoleWithWebIdentity' \
  aws sts assume-role-with-web-identity --role-arn "arn:aws:iam::${account}:role/cli-oidc" \
  --role-session-name cli-run --web-identity-token "$OIDC_OTHER_TOKEN"

step 'clean up'
aws iam delete-role-policy --role-name cli-oidc --policy-name read
aws iam delete-role --role-name cli-oidc
aws iam delete-open-id-connect-provider --open-id-connect-provider-arn "$provider"
expect "$(aws iam list-open-id-connect-providers | json 'd.OpenIDConnectProviderList.length')" '0' 'no providers left'
echo 'OK: AWS CLI OIDC federation passed'
