import type { Clock } from '../shared/index.ts';
import type { ChangeNotifier } from './change-notifier.ts';
import type { IdentityStore } from './identity-store.ts';
import type { Caller } from './request-context.ts';
import type { SecretSealer } from './secret-sealer.ts';
import type { CredentialResolver, IdentityLogger, ResolvedCredential } from './services.ts';

const MAX_ENTRIES = 50_000;
const USE_WRITE_INTERVAL_MS = 60_000;

/**
 * The credential resolver: access key id → secret and caller, from memory after the first look-up. The services
 * call `forgetKey`/`forgetUser`/`clear` after every committed write that could change an answer. An epoch counter
 * stops a look-up that raced with an invalidation from caching what it read before the write.
 * Unknown ids are cached too (as misses), so a flood of bad keys does not reach the database.
 */
export class CredentialCache implements CredentialResolver {
  readonly #store: IdentityStore;
  readonly #sealer: SecretSealer;
  readonly #clock: Clock;
  readonly #logger: IdentityLogger;
  readonly #entries = new Map<string, ResolvedCredential | null>();
  readonly #keysByUser = new Map<string, Set<string>>();
  readonly #lastWrite = new Map<string, number>();
  readonly #pending = new Set<Promise<void>>();
  #epoch = 0;

  constructor(deps: {
    store: IdentityStore;
    sealer: SecretSealer;
    clock: Clock;
    logger: IdentityLogger;
    /** Writes by other processes (seen by the generation watcher) drop the account's keys. */
    changes?: ChangeNotifier;
  }) {
    this.#store = deps.store;
    this.#sealer = deps.sealer;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    // Local writes already forgot the exact keys they touched; a remote one could have touched any of the account.
    deps.changes?.subscribe((accountId, origin) => {
      if (origin === 'remote') this.forgetAccount(accountId);
    });
  }

  async resolve(accessKeyId: string): Promise<ResolvedCredential | undefined> {
    const hit = this.#entries.get(accessKeyId);
    if (hit !== undefined) return hit ?? undefined;
    const epoch = this.#epoch;
    const found = await this.#load(accessKeyId);
    if (epoch === this.#epoch) this.#remember(accessKeyId, found);
    return found ?? undefined;
  }

  async #load(accessKeyId: string): Promise<ResolvedCredential | null> {
    const key = await this.#store.getAccessKey(accessKeyId);
    if (!key) return null;
    let caller: Caller;
    if (key.userId === null) {
      const account = await this.#store.getAccount(key.accountId);
      if (!account) return null;
      const arn = `arn:${account.partition}:iam::${key.accountId}:root`;
      caller = { type: 'root', accountId: key.accountId, arn, userId: key.accountId };
    } else {
      const user = await this.#store.getUserById(key.accountId, key.userId);
      if (!user) return null;
      caller = {
        type: 'user',
        accountId: key.accountId,
        arn: `arn:${user.partition}:iam::${key.accountId}:user${user.path}${user.userName}`,
        userId: user.userId,
        userName: user.userName,
        path: user.path,
      };
    }
    return Object.freeze({
      accessKeyId,
      secretAccessKey: this.#sealer.open(key.sealedSecret, accessKeyId),
      status: key.status,
      accountId: key.accountId,
      caller: Object.freeze(caller),
    });
  }

  #remember(accessKeyId: string, value: ResolvedCredential | null): void {
    if (this.#entries.size >= MAX_ENTRIES) {
      // Drop the oldest entry (Map keeps insertion order): a bounded cache, not an LRU.
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(accessKeyId, value);
    if (value && value.caller.type === 'user') {
      const keys = this.#keysByUser.get(value.caller.userId) ?? new Set<string>();
      keys.add(accessKeyId);
      this.#keysByUser.set(value.caller.userId, keys);
    }
  }

  recordUse(accessKeyId: string, use: { service: string; region: string; at: Date }): void {
    const now = this.#clock.now().getTime();
    const last = this.#lastWrite.get(accessKeyId);
    if (last !== undefined && now - last < USE_WRITE_INTERVAL_MS) return;
    this.#lastWrite.set(accessKeyId, now);
    const p = this.#store
      .recordAccessKeyUse(accessKeyId, use)
      .catch((err: unknown) => {
        this.#logger.warn({ err, accessKeyId }, 'recording access key use failed');
      })
      .finally(() => this.#pending.delete(p));
    this.#pending.add(p);
  }

  /** Resolves when every background last-used write has finished (tests, graceful shutdown). */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** Forgets one key (status change, delete, create). */
  forgetKey(accessKeyId: string): void {
    this.#epoch++;
    this.#entries.delete(accessKeyId);
  }

  /** Forgets every key of a user (rename, path change, delete). */
  forgetUser(userId: string): void {
    this.#epoch++;
    for (const k of this.#keysByUser.get(userId) ?? []) this.#entries.delete(k);
    this.#keysByUser.delete(userId);
  }

  /**
   * Forgets every key of an account (a write by another process: a key deactivated or deleted, a user deleted),
   * and every cached miss, since a key created elsewhere may be one of them.
   */
  forgetAccount(accountId: string): void {
    this.#epoch++;
    for (const [id, value] of this.#entries) {
      if (value !== null && value.accountId !== accountId) continue;
      this.#entries.delete(id);
      if (value?.caller.type === 'user') this.#keysByUser.delete(value.caller.userId);
    }
  }

  /** Forgets everything (reset). */
  clear(): void {
    this.#epoch++;
    this.#entries.clear();
    this.#keysByUser.clear();
    this.#lastWrite.clear();
  }
}
