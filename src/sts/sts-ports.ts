import type { PrincipalPolicySource, RoleTrustSource } from '../identity/index.ts';
import type { Clock } from '../shared/index.ts';
import type { AuthorizationMessageCodec } from './authorization-message.ts';
import type { JwksCache } from './jwks-cache.ts';
import type { SessionTokenCodec } from './session-token.ts';
import type { OidcProviderLookup } from './web-identity-token.ts';

/** Reads a role's trust policy, MaxSessionDuration, tags and id (identity's `RoleTrustSource`). */
export type RoleDirectory = RoleTrustSource;

/** Reads a user's or role's identity policies, boundary and tags (the `load` half of identity's `PrincipalPolicySource`). */
export type CallerPolicyDirectory = Pick<PrincipalPolicySource, 'load'>;

/** Resolves a managed policy ARN passed as a session policy to its default version's document. */
export interface ManagedPolicyResolver {
  /** The JSON document, or undefined when no such policy exists (it then allows nothing). */
  documentOf(policyArn: string): Promise<string | undefined>;
}

/** Checks an MFA code for a device of the caller (MFA devices arrive in a later issue). */
export interface MfaVerifier {
  /** True when `tokenCode` is the current code of the device `serialNumber` owned by `callerArn`. */
  verify(input: {
    readonly accountId: string;
    readonly callerArn: string;
    readonly serialNumber: string;
    readonly tokenCode: string;
    readonly now: Date;
  }): Promise<boolean>;
}

/** A verifier for deployments without MFA devices: every code fails. */
export const NO_MFA_DEVICES: MfaVerifier = Object.freeze({ verify: async () => false });

/** Everything the STS operations use; wired in server/ with plain constructor calls. */
export interface StsDeps {
  readonly roles: RoleDirectory;
  readonly policies: CallerPolicyDirectory;
  readonly managedPolicies: ManagedPolicyResolver;
  readonly tokens: SessionTokenCodec;
  readonly clock: Clock;
  /** Defaults to {@link NO_MFA_DEVICES}. */
  readonly mfa?: MfaVerifier;
  /** Decodes the messages DecodeAuthorizationMessage is given; without it every message is invalid. */
  readonly messages?: AuthorizationMessageCodec;
  /** OpenID Connect providers by account and issuer (identity `services.oidcProviders`); without it no token verifies. */
  readonly oidcProviders?: OidcProviderLookup;
  /** Issuers' signing keys (discovery + JWKS, cached); without it AssumeRoleWithWebIdentity is IDPCommunicationError. */
  readonly webIdentityKeys?: JwksCache;
}
