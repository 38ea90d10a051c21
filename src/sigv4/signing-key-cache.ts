import { createHmac, hash, randomBytes } from 'node:crypto';
import { KEY_TYPE_IDENTIFIER } from '@smithy/signature-v4';

/** Derives the SigV4 signing key: HMAC chain over date, region, service and `aws4_request`. */
function deriveSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update(KEY_TYPE_IDENTIFIER).digest();
}

/**
 * A bounded, least-recently-used cache of derived signing keys, so a request costs one HMAC chain at most. Entries
 * are keyed by a salted SHA-256 of the secret (the salt is random and private to this cache) plus date, region and
 * service: the key map never holds a secret. Returned keys are shared buffers: never write to them.
 *
 * The fingerprint costs a hash per look-up unless the caller names the secret's `owner`, an object that already
 * holds the secret (a resolved credential): the fingerprint is then remembered beside that object, in a WeakMap that
 * forgets it when the owner is collected, and is reused only while the owner presents the very same secret.
 */
export class SigningKeyCache {
  readonly #entries = new Map<string, Buffer>();
  readonly #max: number;
  readonly #salt = randomBytes(32).toString('base64');
  #fingerprints = new WeakMap<object, { readonly secret: string; readonly fingerprint: string }>();
  #derivations = 0;
  /** The id of the most recently used entry (the Map's last key). */
  #newest: string | undefined;

  /** `maxEntries`: how many keys to keep (default 4096; one per active key, day, region and service). */
  constructor(maxEntries = 4096) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    this.#max = maxEntries;
  }

  /**
   * The signing key for this secret and scope, derived only on a miss. `owner`, when given, is an object that holds
   * `secret` (see the class comment); any object is safe: a different secret only misses the remembered fingerprint.
   */
  get(secret: string, date: string, region: string, service: string, owner?: object): Buffer {
    const id = `${this.#fingerprint(secret, owner)}/${date}/${region}/${service}`;
    const hit = this.#entries.get(id);
    if (hit !== undefined) {
      // Re-insert so Map order is recency order (the oldest entry is the first key), unless it is already last.
      if (id !== this.#newest) {
        this.#entries.delete(id);
        this.#entries.set(id, hit);
        this.#newest = id;
      }
      return hit;
    }
    const key = deriveSigningKey(secret, date, region, service);
    this.#derivations++;
    this.#entries.set(id, key);
    this.#newest = id;
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    return key;
  }

  #fingerprint(secret: string, owner: object | undefined): string {
    const known = owner === undefined ? undefined : this.#fingerprints.get(owner);
    if (known !== undefined && known.secret === secret) return known.fingerprint;
    // One-shot hash: cheaper than an HMAC object, and the random salt stops precomputed lookups.
    const fingerprint = hash('sha256', this.#salt + secret, 'base64');
    if (owner !== undefined) this.#fingerprints.set(owner, { secret, fingerprint });
    return fingerprint;
  }

  /** How many keys this cache has derived (misses); for tests and metrics. */
  get derivations(): number {
    return this.#derivations;
  }

  /** How many keys are held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Forgets every key (e.g. after access keys were deleted, to drop material derived from them early). */
  clear(): void {
    this.#entries.clear();
    this.#newest = undefined;
    this.#fingerprints = new WeakMap();
  }
}

/**
 * The SigV4 signing key for `secret` and the scope date/region/service; served from `cache` when given (`owner`: see
 * SigningKeyCache).
 */
export function signingKey(
  secret: string,
  date: string,
  region: string,
  service: string,
  cache?: SigningKeyCache,
  owner?: object,
): Buffer {
  return cache === undefined
    ? deriveSigningKey(secret, date, region, service)
    : cache.get(secret, date, region, service, owner);
}
