/** One account's write counter, as `SELECT id, generation FROM accounts` gives it. */
export type AccountGeneration = { accountId: string; generation: number };

/** Timers as the watcher uses them (tests pass fakes; the default unrefs so it never keeps a process alive). */
export type WatcherTimers = {
  setInterval(tick: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
};

const systemTimers: WatcherTimers = {
  setInterval: (tick, ms) => setInterval(tick, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export type GenerationWatcherDeps = {
  /** Reads every account's generation (one cheap query; a few rows, so no index is needed). */
  read: () => Promise<readonly AccountGeneration[]>;
  /** Told about every account another process changed (or created, or deleted) since the last poll. */
  onChange: (accountId: string) => void;
  pollMs: number;
  logger: { warn(obj: object, msg: string): void };
  timers?: WatcherTimers;
};

/**
 * Sees writes committed by OTHER processes sharing the database: every write bumps its account's generation, so
 * polling the accounts table every `pollMs` and reporting each account whose generation moved lets this process
 * drop what its caches hold about it. Runs beside requests, never in front of one; a tick while a poll is still
 * running is skipped; a failed poll is logged (once per failure streak) and the next tick tries again.
 */
export class GenerationWatcher {
  readonly #deps: GenerationWatcherDeps;
  readonly #timers: WatcherTimers;
  /** What this process last saw per account. */
  #seen = new Map<string, number>();
  /** Generations this process committed itself (its caches were told at commit), not yet passed by a poll. */
  readonly #own = new Map<string, Set<number>>();
  #running: Promise<void> | undefined;
  #handle: unknown;
  #failing = false;
  #stopped = false;

  constructor(deps: GenerationWatcherDeps) {
    this.#deps = deps;
    this.#timers = deps.timers ?? systemTimers;
  }

  /**
   * Takes the first picture (awaited before serving, so no write after start-up is missed; the caches are still
   * empty, so nothing is reported) and starts the timer. If that first read fails, the next good poll reports every
   * account.
   */
  async start(): Promise<void> {
    await this.#poll(true);
    if (this.#stopped || this.#handle !== undefined) return;
    this.#handle = this.#timers.setInterval(() => {
      void this.poll();
    }, this.#deps.pollMs);
  }

  /** This process committed `generation` for the account: a poll seeing only its own commits reports nothing. */
  noteOwnCommit(accountId: string, generation: number): void {
    const set = this.#own.get(accountId) ?? new Set<number>();
    set.add(generation);
    this.#own.set(accountId, set);
  }

  /** One poll; while one runs, another call returns that one instead of overlapping it. */
  poll(): Promise<void> {
    return this.#poll(false);
  }

  #poll(quiet: boolean): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.#running ??= this.#pollOnce(quiet).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #pollOnce(quiet: boolean): Promise<void> {
    let rows: readonly AccountGeneration[];
    try {
      rows = await this.#deps.read();
    } catch (err) {
      if (!this.#failing) this.#deps.logger.warn({ err: String(err) }, 'cache poll failed; retrying every tick');
      this.#failing = true;
      return;
    }
    this.#failing = false;
    if (this.#stopped) return;
    const next = new Map<string, number>();
    for (const r of rows) next.set(r.accountId, Number(r.generation));
    const changed: string[] = [];
    for (const [accountId, generation] of next) {
      const before = this.#seen.get(accountId);
      if (before === generation) continue;
      if (before === undefined || !this.#onlyOwn(accountId, before, generation)) changed.push(accountId);
    }
    for (const accountId of this.#seen.keys()) if (!next.has(accountId)) changed.push(accountId);
    this.#seen = next;
    for (const [accountId, set] of this.#own) {
      const now = next.get(accountId);
      for (const g of set) if (now === undefined || g <= now) set.delete(g);
      if (set.size === 0) this.#own.delete(accountId);
    }
    if (!quiet) for (const accountId of changed) this.#deps.onChange(accountId);
  }

  /** True when every generation after `before` up to `now` was committed by this process. */
  #onlyOwn(accountId: string, before: number, now: number): boolean {
    const own = this.#own.get(accountId);
    if (!own || now < before || now - before > own.size) return false;
    for (let g = before + 1; g <= now; g++) if (!own.has(g)) return false;
    return true;
  }

  /** Stops the timer and waits for a poll in flight (so the store can close after). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#handle !== undefined) this.#timers.clearInterval(this.#handle);
    this.#handle = undefined;
    await this.#running;
  }
}
