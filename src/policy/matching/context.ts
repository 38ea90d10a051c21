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
