/** Where the time comes from. Injected everywhere so tests never sleep. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | string | number = '2026-11-22T12:00:00Z') {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(t: Date | string | number): void {
    this.#ms = new Date(t).getTime();
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}
