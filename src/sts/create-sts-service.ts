import { type AssumeRoleInput, type AssumeRoleOutput, assumeRole, type RequestKeys } from './assume-role.ts';
import {
  type AssumeRoleWithWebIdentityInput,
  type AssumeRoleWithWebIdentityOutput,
  assumeRoleWithWebIdentity,
} from './assume-role-with-web-identity.ts';
import { decodeAuthorizationMessage } from './authorization-message.ts';
import { getAccessKeyInfo } from './get-access-key-info.ts';
import {
  type GetFederationTokenInput,
  type GetFederationTokenOutput,
  getFederationToken,
} from './get-federation-token.ts';
import { type GetSessionTokenInput, getSessionToken } from './get-session-token.ts';
import type { Credentials } from './issue-credentials.ts';
import type { SessionFacts } from './session-facts.ts';
import { type CallerIdentity, getCallerIdentity, type StsCaller } from './sts-caller.ts';
import type { StsDeps } from './sts-ports.ts';

/** The STS operations bound to their ports: what the wire handlers and the authenticator call. */
export interface StsService {
  assumeRole(caller: StsCaller, input: AssumeRoleInput, requestKeys?: RequestKeys): Promise<AssumeRoleOutput>;
  /** AssumeRoleWithWebIdentity: unsigned, no caller; the OIDC token is the credential. */
  assumeRoleWithWebIdentity(
    input: AssumeRoleWithWebIdentityInput,
    requestKeys?: RequestKeys,
  ): Promise<AssumeRoleWithWebIdentityOutput>;
  getSessionToken(caller: StsCaller, input: GetSessionTokenInput): Promise<{ Credentials: Credentials }>;
  getFederationToken(caller: StsCaller, input: GetFederationTokenInput): Promise<GetFederationTokenOutput>;
  getCallerIdentity(caller: StsCaller): CallerIdentity;
  getAccessKeyInfo(input: { readonly AccessKeyId?: string }): { Account: string };
  /** DecodeAuthorizationMessage (the caller's `sts:DecodeAuthorizationMessage` permission is checked by enforcement). */
  decodeAuthorizationMessage(input: { readonly EncodedMessage?: string }): { DecodedMessage: string };
  /**
   * For the authenticator: the facts of a session token presented with `accessKeyId`, checked against the clock.
   * Throws `InvalidClientTokenId` or `ExpiredToken`. No database read.
   */
  openSessionToken(token: string, accessKeyId: string): SessionFacts;
}

/** Binds the operations to `deps` (frozen). */
export function createStsService(deps: StsDeps): StsService {
  const d = Object.freeze({ ...deps });
  return Object.freeze({
    assumeRole: (caller: StsCaller, input: AssumeRoleInput, requestKeys?: RequestKeys) =>
      assumeRole(d, caller, input, requestKeys),
    assumeRoleWithWebIdentity: (input: AssumeRoleWithWebIdentityInput, requestKeys?: RequestKeys) =>
      assumeRoleWithWebIdentity(d, input, requestKeys),
    getSessionToken: (caller: StsCaller, input: GetSessionTokenInput) => getSessionToken(d, caller, input),
    getFederationToken: (caller: StsCaller, input: GetFederationTokenInput) => getFederationToken(d, caller, input),
    getCallerIdentity,
    getAccessKeyInfo,
    decodeAuthorizationMessage: (input: { readonly EncodedMessage?: string }) =>
      decodeAuthorizationMessage(d.messages, input),
    openSessionToken: (token: string, accessKeyId: string) => d.tokens.open(token, accessKeyId, d.clock.now()),
  });
}
