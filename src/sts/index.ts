/** sts/: temporary credentials and sessions — AssumeRole and friends, session tokens, session policies. */
export {
  assumedRoleArn,
  federatedUserArn,
  rootArn,
  sessionArn,
  sessionUserId,
  type SessionFacts,
  type SessionPolicies,
  type SessionPrincipalFacts,
  type SessionPrincipalKind,
} from './session-facts.ts';
export {
  createSessionTokenCodec,
  deriveSessionTokenKey,
  EXPIRED_TOKEN_MESSAGE,
  INVALID_TOKEN_MESSAGE,
  type SessionTokenCodec,
} from './session-token.ts';
export {
  NO_MFA_DEVICES,
  type CallerPolicyDirectory,
  type ManagedPolicyResolver,
  type MfaVerifier,
  type RoleDirectory,
  type StsDeps,
} from './sts-ports.ts';
export {
  callerAccountId,
  callerArn,
  getCallerIdentity,
  stsCallerOf,
  type CallerIdentity,
  type StsCaller,
} from './sts-caller.ts';
export { getAccessKeyInfo } from './get-access-key-info.ts';
export {
  assumeRole,
  CHAINING_LIMIT_MESSAGE,
  MAX_SESSION_MESSAGE,
  type AssumeRoleInput,
  type AssumeRoleOutput,
  type RequestKeys,
} from './assume-role.ts';
export {
  assumeRoleWithWebIdentity,
  WEB_IDENTITY_DENIED,
  type AssumeRoleWithWebIdentityInput,
  type AssumeRoleWithWebIdentityOutput,
} from './assume-role-with-web-identity.ts';
export { createOidcFetch, issuerRewrite, type OidcFetch, type OidcFetchOptions } from './oidc-fetch.ts';
export { discoveryUrl, JwksCache, KEY_FETCH_MESSAGE, type JwksCacheOptions } from './jwks-cache.ts';
export {
  CLOCK_SKEW_SECONDS,
  verifyWebIdentityToken,
  type OidcProviderEntry,
  type OidcProviderLookup,
  type VerifiedWebIdentity,
} from './web-identity-token.ts';
export { getSessionToken, type GetSessionTokenInput } from './get-session-token.ts';
export {
  getFederationToken,
  type GetFederationTokenInput,
  type GetFederationTokenOutput,
} from './get-federation-token.ts';
export { type Credentials, issueCredentials, type SessionDraft } from './issue-credentials.ts';
export type { SessionTag } from './session-inputs.ts';
export { PACKED_POLICY_LIMIT_BYTES } from './session-inputs.ts';
export {
  isoSeconds,
  mergePrincipalTags,
  mergeSessionPolicies,
  sessionContext,
  sessionPrincipal,
  type PolicyOwner,
  type SessionEnforcement,
} from './session-principal.ts';
export { loadCallerSide, resolveSessionPolicy, sessionPolicyDocuments, type CallerSide } from './caller-side.ts';
export { sessionRestriction } from './session-restriction.ts';
export { callerOfSession } from './session-caller.ts';
export { REVOKE_OLDER_SESSIONS_POLICY_NAME, revokeOlderSessionsPolicy } from './revoke-older-sessions.ts';
export { createStsService, type StsService } from './create-sts-service.ts';
export {
  type AuthorizationMessageCodec,
  createAuthorizationMessageCodec,
  decodeAuthorizationMessage,
  INVALID_AUTHORIZATION_MESSAGE,
} from './authorization-message.ts';
