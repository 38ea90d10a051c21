/**
 * Where a change was committed: `local` by this process (which also dropped the exact cache entries it touched),
 * `remote` by another process sharing the database (seen by the generation watcher; drop the whole account).
 */
export type ChangeOrigin = 'local' | 'remote';

/** Tells subscribers (the enforcement caches) that an account's data changed; listeners never break a write. */
export class ChangeNotifier {
  readonly #listeners = new Set<(accountId: string, origin: ChangeOrigin) => void>();
  readonly #onError: (e: unknown) => void;

  constructor(onError: (e: unknown) => void = () => {}) {
    this.#onError = onError;
  }

  /** Adds a listener; returns its unsubscribe function. */
  subscribe(listener: (accountId: string, origin: ChangeOrigin) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Calls every listener (after a commit); a throwing listener is reported, never propagated. */
  emit(accountId: string, origin: ChangeOrigin = 'local'): void {
    for (const l of [...this.#listeners]) {
      try {
        l(accountId, origin);
      } catch (e) {
        this.#onError(e);
      }
    }
  }
}
