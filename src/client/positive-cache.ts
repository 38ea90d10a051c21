import { createHash } from 'node:crypto';
import type { Clock } from '../shared/index.ts';
import type { AuthorizeResponse } from './types.ts';

const MAX_ENTRIES = 10_000;

/**
 * Remembers Allow answers for at most `ttlSeconds`, keyed by a hash of the whole forwarded request (signature
 * included) and question: only an identical request (a retry, a presigned URL fetched again) can hit. Denials and
 * errors are never cached. An entry can therefore outlive a key's deactivation, a policy change or a presigned
 * URL's expiry by at most `ttlSeconds`; 0 turns caching off.
 */
export class PositiveCache {
  readonly #ttlMs: number;
  readonly #clock: Clock;
  readonly #entries = new Map<string, { until: number; answer: AuthorizeResponse }>();

  constructor(ttlSeconds: number, clock: Clock) {
    if (!Number.isFinite(ttlSeconds) || ttlSeconds < 0 || ttlSeconds > 60) {
      throw new RangeError(`cacheSeconds must be between 0 and 60, got ${ttlSeconds}`);
    }
    this.#ttlMs = ttlSeconds * 1000;
    this.#clock = clock;
  }

  /** Whether caching is on. */
  get enabled(): boolean {
    return this.#ttlMs > 0;
  }

  /** The key of a request and question (a SHA-256 of their JSON). */
  keyOf(parts: unknown): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('base64');
  }

  /** A cached Allow still within its lifetime. */
  get(key: string): AuthorizeResponse | undefined {
    const hit = this.#entries.get(key);
    if (hit === undefined) return undefined;
    if (hit.until <= this.#clock.now().getTime()) {
      this.#entries.delete(key);
      return undefined;
    }
    return hit.answer;
  }

  /** Keeps `answer` if it is an Allow. */
  remember(key: string, answer: AuthorizeResponse): void {
    if (!this.enabled || answer.decision !== 'Allow') return;
    if (this.#entries.size >= MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { until: this.#clock.now().getTime() + this.#ttlMs, answer });
  }
}
