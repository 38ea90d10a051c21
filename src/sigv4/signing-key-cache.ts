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
 * service: the secret itself is never stored. Returned keys are shared buffers: never write to them.
 */
export class SigningKeyCache {
  readonly #entries = new Map<string, Buffer>();
  readonly #max: number;
  readonly #salt = randomBytes(32).toString('base64');
  #derivations = 0;

  /** `maxEntries`: how many keys to keep (default 4096; one per active key, day, region and service). */
  constructor(maxEntries = 4096) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    this.#max = maxEntries;
  }

  /** The signing key for this secret and scope, derived only on a miss. */
  get(secret: string, date: string, region: string, service: string): Buffer {
    // One-shot hash: cheaper than an HMAC object, and the random salt stops precomputed lookups.
    const fingerprint = hash('sha256', this.#salt + secret, 'base64');
    const id = `${fingerprint}/${date}/${region}/${service}`;
    const hit = this.#entries.get(id);
    if (hit !== undefined) {
      // Re-insert so Map order is recency order; the oldest entry is the first key.
      this.#entries.delete(id);
      this.#entries.set(id, hit);
      return hit;
    }
    const key = deriveSigningKey(secret, date, region, service);
    this.#derivations++;
    this.#entries.set(id, key);
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    return key;
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
  }
}

/** The SigV4 signing key for `secret` and the scope date/region/service; served from `cache` when given. */
export function signingKey(
  secret: string,
  date: string,
  region: string,
  service: string,
  cache?: SigningKeyCache,
): Buffer {
  return cache === undefined
    ? deriveSigningKey(secret, date, region, service)
    : cache.get(secret, date, region, service);
}
