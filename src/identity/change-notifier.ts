/** Tells subscribers (the enforcement caches) that an account's data changed; listeners never break a write. */
export class ChangeNotifier {
  readonly #listeners = new Set<(accountId: string) => void>();
  readonly #onError: (e: unknown) => void;

  constructor(onError: (e: unknown) => void = () => {}) {
    this.#onError = onError;
  }

  /** Adds a listener; returns its unsubscribe function. */
  subscribe(listener: (accountId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Calls every listener (after a commit); a throwing listener is reported, never propagated. */
  emit(accountId: string): void {
    for (const l of [...this.#listeners]) {
      try {
        l(accountId);
      } catch (e) {
        this.#onError(e);
      }
    }
  }
}
