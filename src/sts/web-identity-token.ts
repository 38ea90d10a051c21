import { decodeJwt, decodeProtectedHeader, errors, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { type Clock, IamError, isIamError } from '../shared/index.ts';
import type { JwksCache } from './jwks-cache.ts';

/** A registered OpenID Connect provider as STS needs it (identity's `OidcProviderView`). */
export interface OidcProviderEntry {
  /** Host and optional path, without `https://`. */
  readonly url: string;
  readonly clientIds: readonly string[];
}

/** Finds the provider an account registered for an issuer url (identity's `OidcProviderDirectory`). */
export interface OidcProviderLookup {
  find(accountId: string, url: string): Promise<OidcProviderEntry | undefined>;
}

/** A token that passed every check. */
export interface VerifiedWebIdentity {
  /** The provider url (the ARN's suffix and the condition keys' prefix). */
  readonly url: string;
  readonly subject: string;
  /** The client id that matched: `azp` when present and registered, else the matching `aud`. */
  readonly audience: string;
  readonly payload: JWTPayload;
}

/** Signature algorithms AWS accepts for OIDC ID tokens. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];
/** AWS allows five minutes of clock skew past `exp` (IAM User Guide, "OIDC federation"). */
export const CLOCK_SKEW_SECONDS = 300;

const invalid = (message: string) => new IamError('InvalidIdentityToken', message);
export const NOT_A_JWT = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';

/** The audiences of a token: `aud` as a list. */
export function audiencesOf(payload: JWTPayload): string[] {
  const aud = payload.aud;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

/** Decodes without verifying; anything that is not a compact JWS with a JSON payload is InvalidIdentityToken. */
function decode(token: string): { payload: JWTPayload; alg: unknown } {
  try {
    const header = decodeProtectedHeader(token);
    return { payload: decodeJwt(token), alg: header.alg };
  } catch {
    throw invalid(NOT_A_JWT);
  }
}

/** jose's failures, in AWS's codes. */
function failure(e: unknown, payload: JWTPayload, now: Date): IamError {
  if (isIamError(e)) return e as IamError;
  if (e instanceof errors.JWTExpired)
    return new IamError(
      'ExpiredTokenException',
      `Token expired: current date/time ${Math.floor(now.getTime() / 1000)} must be before the expiration date/time ${String(payload.exp)}`,
    );
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'nbf') return invalid('The web identity token is not yet valid (nbf is in the future).');
    return invalid(`The web identity token's ${e.claim} claim is ${e.reason === 'missing' ? 'missing' : 'invalid'}.`);
  }
  if (e instanceof errors.JWKSNoMatchingKey)
    return invalid("The web identity token's key id (kid) is not among the keys the issuer publishes.");
  if (e instanceof errors.JOSEAlgNotAllowed || e instanceof errors.JOSENotSupported)
    return invalid(`The web identity token's signature algorithm is not supported; use one of ${ALGORITHMS.join(', ')}.`);
  if (e instanceof errors.JWSSignatureVerificationFailed)
    return invalid("The web identity token's signature does not verify with the issuer's keys.");
  return invalid(NOT_A_JWT);
}

/** What verification needs. */
export interface WebIdentityVerifierDeps {
  readonly providers: OidcProviderLookup;
  readonly keys: JwksCache;
  readonly clock: Clock;
}

/**
 * Verifies an OpenID Connect ID token for a role in `accountId`: the issuer (`iss`, https) must be a provider that
 * account registered; the signature must verify with the issuer's published keys (an unknown `kid` refreshes them
 * once per cooldown); `exp` (required, five minutes of skew) and `nbf` are checked against the injected clock;
 * `sub` is required; one of `aud` (or `azp`) must be among the provider's client ids.
 */
export async function verifyWebIdentityToken(
  deps: WebIdentityVerifierDeps,
  token: string,
  accountId: string,
): Promise<VerifiedWebIdentity> {
  const { payload: unverified, alg } = decode(token);
  if (typeof alg !== 'string' || !ALGORITHMS.includes(alg))
    throw invalid(`The web identity token's signature algorithm is not supported; use one of ${ALGORITHMS.join(', ')}.`);
  const iss = unverified.iss;
  if (typeof iss !== 'string' || !iss.startsWith('https://'))
    throw invalid('The web identity token has no https issuer (iss).');
  const url = iss.slice('https://'.length);
  const provider = await deps.providers.find(accountId, url);
  if (provider === undefined) throw invalid(`No OpenIDConnect provider found in your account for ${iss}`);

  const now = deps.clock.now();
  const options = {
    algorithms: ALGORITHMS,
    issuer: iss,
    currentDate: now,
    clockTolerance: CLOCK_SKEW_SECONDS,
    requiredClaims: ['exp', 'sub'],
  };
  const verify = (keys: JWTVerifyGetKey) => jwtVerify(token, keys, options);
  let payload: JWTPayload;
  try {
    payload = (await verify(await deps.keys.keys(iss))).payload;
  } catch (e) {
    if (!(e instanceof errors.JWKSNoMatchingKey)) throw failure(e, unverified, now);
    const fresh = await deps.keys.refresh(iss);
    if (fresh === undefined) throw failure(e, unverified, now);
    try {
      payload = (await verify(fresh)).payload;
    } catch (again) {
      throw failure(again, unverified, now);
    }
  }

  if (typeof payload.sub !== 'string' || payload.sub === '') throw invalid("The web identity token's sub claim is missing.");
  const audiences = audiencesOf(payload);
  const azp = typeof payload['azp'] === 'string' ? payload['azp'] : undefined;
  const audience = provider.clientIds.find((c) => c === azp) ?? provider.clientIds.find((c) => audiences.includes(c));
  if (audience === undefined) throw invalid('Incorrect token audience');
  return { url: provider.url, subject: payload.sub, audience, payload };
}
