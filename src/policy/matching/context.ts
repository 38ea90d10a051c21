/**
 * The request context as the matchers and conditions see it: lowercased key → a string (single value) or an array
 * (multivalued; a one-element array counts as single-valued; `[]` is a present key with an empty set). Single values
 * are kept as plain strings so a prepared request stays small.
 */
export type ContextValue = string | readonly string[];

/** Lowercased key → value. A `Map` is one; prepared requests use a two-layer view (principal keys, request keys). */
export interface ContextValues {
  get(lowerKey: string): ContextValue | undefined;
}

// One string object per lowercased key name, shared by compiled policies and prepared requests: a lookup then
// mostly compares pointers. Bounded; a key past the limit still works (compared by content).
const KEY_LIMIT = 16_384;
const keyObjects = new Map<string, string>();

/** The shared string object for a lowercased condition key. */
export function internKey(lowerKey: string): string {
  const known = keyObjects.get(lowerKey);
  if (known !== undefined) return known;
  if (keyObjects.size < KEY_LIMIT) keyObjects.set(lowerKey, lowerKey);
  return lowerKey;
}

/**
 * A context as a flat list of key/value pairs searched in order, then an optional next layer. Requests carry a
 * handful of keys, so a linear search over one small array touches less memory than a `Map`. Keys must be
 * lowercased and should come from {@link internKey}.
 */
export class FlatContext implements ContextValues {
  readonly #entries: readonly (string | ContextValue)[];
  readonly #next: ContextValues | undefined;
  constructor(entries: readonly (string | ContextValue)[], next: ContextValues | undefined) {
    this.#entries = entries;
    this.#next = next;
  }

  get(lowerKey: string): ContextValue | undefined {
    const e = this.#entries;
    for (let i = 0; i < e.length; i += 2) if (e[i] === lowerKey) return e[i + 1]!;
    return this.#next === undefined ? undefined : this.#next.get(lowerKey);
  }
}
