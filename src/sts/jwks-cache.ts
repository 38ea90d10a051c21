import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { type Clock, IamError } from '../shared/index.ts';
import type { OidcFetch } from './oidc-fetch.ts';

/** AWS's message when the issuer's keys cannot be fetched. */
export const KEY_FETCH_MESSAGE =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";

/** Cache settings. */
export interface JwksCacheOptions {
  readonly fetchJson: OidcFetch;
  readonly clock: Clock;
  /** How long a fetched key set is used before it is fetched again (default 1 hour). */
  readonly ttlMs?: number;
  /** Least time between two fetches for one issuer, on unknown `kid` or after a failure (default 60 s). */
  readonly cooldownMs?: number;
}

type Entry = {
  /** Undefined while the last attempt failed. */
  keys?: JWTVerifyGetKey;
  /** When the last fetch was attempted (epoch ms). */
  attemptedAt: number;
  inflight?: Promise<JWTVerifyGetKey>;
};

const communicationError = () => new IamError('IDPCommunicationError', KEY_FETCH_MESSAGE);

/** `{issuer}/.well-known/openid-configuration`, without a doubled slash. */
export const discoveryUrl = (issuer: string): string => `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;

/**
 * Each issuer's signing keys, discovered from its `/.well-known/openid-configuration` and its `jwks_uri`, kept for
 * `ttlMs`. An unknown `kid` may refresh the set, but at most once per `cooldownMs` per issuer, so a token with a
 * made-up kid cannot make iamd hammer the issuer; a failed fetch is not retried within the cooldown either.
 * Only issuers of registered providers are ever fetched (the caller looks the provider up first).
 */
export class JwksCache {
  readonly #fetch: OidcFetch;
  readonly #clock: Clock;
  readonly #ttl: number;
  readonly #cooldown: number;
  readonly #entries = new Map<string, Entry>();

  constructor(options: JwksCacheOptions) {
    this.#fetch = options.fetchJson;
    this.#clock = options.clock;
    this.#ttl = options.ttlMs ?? 3_600_000;
    this.#cooldown = options.cooldownMs ?? 60_000;
  }

  /** The issuer's key getter: cached, or fetched now. Throws IDPCommunicationError. */
  async keys(issuer: string): Promise<JWTVerifyGetKey> {
    const entry = this.#entries.get(issuer);
    const now = this.#clock.now().getTime();
    if (entry?.inflight) return entry.inflight;
    if (entry?.keys && now - entry.attemptedAt < this.#ttl) return entry.keys;
    if (entry && !entry.keys && now - entry.attemptedAt < this.#cooldown) throw communicationError();
    return this.#load(issuer, now);
  }

  /**
   * Fetches the issuer's keys again after a token named an unknown `kid`; undefined when the last fetch was less
   * than `cooldownMs` ago (the caller then rejects the token).
   */
  async refresh(issuer: string): Promise<JWTVerifyGetKey | undefined> {
    const entry = this.#entries.get(issuer);
    const now = this.#clock.now().getTime();
    if (entry?.inflight) return entry.inflight;
    if (entry && now - entry.attemptedAt < this.#cooldown) return undefined;
    return this.#load(issuer, now);
  }

  #load(issuer: string, now: number): Promise<JWTVerifyGetKey> {
    const entry: Entry = this.#entries.get(issuer) ?? { attemptedAt: now };
    entry.attemptedAt = now;
    const inflight = this.#fetchKeys(issuer).then(
      (keys) => {
        entry.keys = keys;
        delete entry.inflight;
        return keys;
      },
      () => {
        delete entry.keys;
        delete entry.inflight;
        throw communicationError();
      },
    );
    entry.inflight = inflight;
    this.#entries.set(issuer, entry);
    return inflight;
  }

  async #fetchKeys(issuer: string): Promise<JWTVerifyGetKey> {
    const discovery = await this.#fetch(discoveryUrl(issuer));
    const d = discovery as { issuer?: unknown; jwks_uri?: unknown } | null;
    // OpenID Connect Discovery: the document's issuer must be exactly the issuer asked about.
    if (typeof d !== 'object' || d === null || d.issuer !== issuer || typeof d.jwks_uri !== 'string')
      throw new Error('bad discovery document');
    const jwks = (await this.#fetch(d.jwks_uri)) as { keys?: unknown } | null;
    if (typeof jwks !== 'object' || jwks === null || !Array.isArray(jwks.keys)) throw new Error('bad JWKS');
    return createLocalJWKSet(jwks as JSONWebKeySet);
  }
}
