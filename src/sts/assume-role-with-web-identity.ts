import type { RequestPrincipal } from '../policy/index.ts';
import { IamError } from '../shared/index.ts';
import type { Credentials } from './issue-credentials.ts';
import { checkSessionShape, packedPolicySizeOf, sessionPoliciesOf, sessionTagsOf } from './session-inputs.ts';
import { MAX_SESSION_MESSAGE } from './assume-role.ts';
import { findRole, issueRoleSession, type RequestKeys, roleOf } from './role-session.ts';
import type { StsDeps } from './sts-ports.ts';
import { DURATION, STS_RULES, StsValidation } from './sts-validation.ts';
import { decideTrust } from './trust-decision.ts';
import { tokenSessionShape, webIdentityKeys } from './web-identity-claims.ts';
import { verifyWebIdentityToken } from './web-identity-token.ts';

/** AssumeRoleWithWebIdentity's parameters, named as on the wire. */
export interface AssumeRoleWithWebIdentityInput {
  readonly RoleArn?: string;
  readonly RoleSessionName?: string;
  readonly WebIdentityToken?: string;
  readonly ProviderId?: string;
  readonly Policy?: string;
  readonly PolicyArns?: readonly { readonly arn: string }[];
  readonly DurationSeconds?: number;
}

/** AssumeRoleWithWebIdentity's result, in AWS's shape. */
export interface AssumeRoleWithWebIdentityOutput {
  readonly Credentials: Credentials;
  readonly SubjectFromWebIdentityToken: string;
  readonly AssumedRoleUser: { readonly AssumedRoleId: string; readonly Arn: string };
  /** Present when session policies or token session tags were passed. */
  readonly PackedPolicySize?: number;
  /** The provider's ARN. */
  readonly Provider: string;
  /** The client id the token was issued to. */
  readonly Audience: string;
  readonly SourceIdentity?: string;
}

/** AWS's message when the trust policy (or the role's existence) refuses a web identity. */
export const WEB_IDENTITY_DENIED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';

/**
 * AssumeRoleWithWebIdentity (unsigned). Validates the inputs, verifies the OIDC token against the provider the
 * role's account registered for its issuer, then asks the engine whether the trust policy allows the provider's
 * web-identity principal (matched by `Principal.Federated` = the provider ARN; only the trust policy decides)
 * `sts:AssumeRoleWithWebIdentity` with the token's keys (`<provider>:aud`, `:sub`, `:amr`...),
 * plus `sts:TagSession` / `sts:SetSourceIdentity` when the token carries session tags or a source identity.
 * The session is an ordinary role session.
 */
export async function assumeRoleWithWebIdentity(
  deps: StsDeps,
  input: AssumeRoleWithWebIdentityInput,
  requestKeys: RequestKeys = {},
): Promise<AssumeRoleWithWebIdentityOutput> {
  const v = new StsValidation();
  v.string(input.RoleArn, 'roleArn', STS_RULES.roleArn, true);
  v.string(input.RoleSessionName, 'roleSessionName', STS_RULES.roleSessionName, true);
  // The token is a credential (`sensitive` in the model): a violation never echoes it.
  v.string(input.WebIdentityToken, 'webIdentityToken', { min: 4, max: 20_000 }, true, true);
  v.string(input.ProviderId, 'providerId', { min: 4, max: 2048 });
  v.integer(input.DurationSeconds, 'durationSeconds', DURATION.min, DURATION.assumeRoleMax);
  checkSessionShape(v, input);
  v.throwIfAny();
  // ProviderId names an OAuth 2.0 provider (Login with Amazon, Facebook); AWS says not to pass it for OIDC.
  if (input.ProviderId !== undefined)
    throw new IamError(
      'InvalidParameterValue',
      'ProviderId is only for OAuth 2.0 access tokens, which iamd does not accept; omit it for an OpenID Connect ID token.',
    );
  const roleArn = input.RoleArn!;
  const sessionName = input.RoleSessionName!;
  const target = roleOf(roleArn);
  if (target === undefined)
    throw new IamError('ValidationError', `${roleArn} is invalid: the RoleArn must be an IAM role ARN.`);
  const sessionPolicies = sessionPoliciesOf(input);

  const verified = await verifyWebIdentityToken(
    { providers: deps.oidcProviders ?? NO_PROVIDERS, keys: requireKeys(deps), clock: deps.clock },
    input.WebIdentityToken!,
    target.accountId,
  );
  const providerArn = `arn:${target.partition}:iam::${target.accountId}:oidc-provider/${verified.url}`;
  const shape = tokenSessionShape(verified.payload);
  const { tags, transitiveTagKeys } = sessionTagsOf(shape, undefined);
  const packed = packedPolicySizeOf(sessionPolicies, tags);

  const now = deps.clock.now();
  const role = await findRole(deps, target, roleArn);
  if (role === undefined) throw new IamError('AccessDenied', WEB_IDENTITY_DENIED);

  const actions = ['sts:AssumeRoleWithWebIdentity'];
  if (Object.keys(tags).length > 0) actions.push('sts:TagSession');
  if (shape.SourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
  const answer = decideTrust({
    caller: {
      principal: webIdentityCaller(providerArn, target.accountId),
      identity: [],
      sessionPolicy: null,
      context: {},
    },
    roleArn: role.arn,
    roleAccountId: target.accountId,
    trustPolicy: role.document,
    actions,
    context: webIdentityKeys(now, requestKeys, {
      sessionName,
      providerArn,
      verified,
      tags,
      transitiveTagKeys,
      sourceIdentity: shape.SourceIdentity,
    }),
  });
  if (!answer.allowed)
    throw new IamError('AccessDenied', `Not authorized to perform ${answer.action}`, answer.decision);
  const duration = input.DurationSeconds ?? DURATION.assumeRoleDefault;
  if (duration > role.maxSessionDuration) throw new IamError('ValidationError', MAX_SESSION_MESSAGE);

  const session = issueRoleSession(
    deps,
    {
      target,
      role,
      sessionName,
      sessionPolicies,
      tags,
      transitiveTagKeys,
      sourceIdentity: shape.SourceIdentity,
      federatedProvider: providerArn,
      chained: false,
    },
    now,
    duration,
  );
  return {
    Credentials: session.Credentials,
    SubjectFromWebIdentityToken: verified.subject,
    AssumedRoleUser: session.AssumedRoleUser,
    ...packed,
    Provider: providerArn,
    Audience: verified.audience,
    ...(shape.SourceIdentity !== undefined ? { SourceIdentity: shape.SourceIdentity } : {}),
  };
}

/** The token bearer as the engine sees it: named by its provider, outside IAM (no identity policies apply). */
function webIdentityCaller(providerArn: string, accountId: string): RequestPrincipal {
  return { type: 'web-identity', arn: providerArn, accountId };
}

const NO_PROVIDERS = Object.freeze({ find: async () => undefined });

function requireKeys(deps: StsDeps) {
  if (deps.webIdentityKeys === undefined)
    throw new IamError('IDPCommunicationError', 'iamd was started without a way to reach OpenID Connect issuers.');
  return deps.webIdentityKeys;
}
