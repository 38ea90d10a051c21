/**
 * Wildcard matching for IAM patterns: `*` matches any run of characters (also empty), `?` exactly one.
 * Everything else is literal. Matching is case-sensitive; callers lowercase both sides where IAM ignores case.
 */

/** A compiled matcher: built once per pattern, called per request. */
export type WildcardMatcher = (value: string) => boolean;

/** Glob shapes, cheapest first: a pattern is compiled to the cheapest one that decides it. */
export const GLOB_ANY = 0;
/** No wildcard: plain equality. */
export const GLOB_EXACT = 1;
/** `text*`: a prefix test. */
export const GLOB_PREFIX = 2;
/** `*text`: a suffix test. */
export const GLOB_SUFFIX = 3;
/** Anything else: an anchored RegExp. */
export const GLOB_REGEX = 4;

/**
 * A compiled pattern as plain data of one shape, so hot loops call one monomorphic function ({@link matchGlob})
 * instead of a different closure per pattern.
 */
export interface Glob {
  readonly shape: number;
  /** The literal text (EXACT), prefix (PREFIX) or suffix (SUFFIX); '' otherwise. */
  readonly text: string;
  readonly re: RegExp | undefined;
}

/** Compiles a pattern into a {@link Glob}. */
export function compileGlob(pattern: string): Glob {
  const star = pattern.indexOf('*');
  const question = pattern.indexOf('?');
  if (star < 0 && question < 0) return { shape: GLOB_EXACT, text: pattern, re: undefined };
  if (question < 0) {
    if (/^\*+$/.test(pattern)) return { shape: GLOB_ANY, text: '', re: undefined };
    const last = pattern.lastIndexOf('*');
    if (star === last && last === pattern.length - 1) return { shape: GLOB_PREFIX, text: pattern.slice(0, -1), re: undefined };
    if (star === 0 && pattern.indexOf('*', 1) < 0) return { shape: GLOB_SUFFIX, text: pattern.slice(1), re: undefined };
  }
  return { shape: GLOB_REGEX, text: '', re: new RegExp(`^${wildcardToRegexSource(pattern)}$`, 's') };
}

/** Matches a value against a compiled {@link Glob}. */
export function matchGlob(g: Glob, value: string): boolean {
  switch (g.shape) {
    case GLOB_EXACT:
      return value === g.text;
    case GLOB_PREFIX:
      // lastIndexOf(text, 0) checks position 0 only; V8 runs it faster than startsWith with a non-constant argument.
      return value.lastIndexOf(g.text, 0) === 0;
    case GLOB_SUFFIX: {
      const at = value.length - g.text.length;
      return at >= 0 && value.indexOf(g.text, at) === at;
    }
    case GLOB_ANY:
      return true;
    default:
      return g.re!.test(value);
  }
}

/** Matches `value.slice(start)` against a compiled {@link Glob} without building the substring. */
export function matchGlobAt(g: Glob, value: string, start: number): boolean {
  switch (g.shape) {
    case GLOB_PREFIX:
      return startsAt(value, g.text, start);
    case GLOB_EXACT:
      return value.length - start === g.text.length && startsAt(value, g.text, start);
    case GLOB_SUFFIX:
      return value.length - start >= g.text.length && value.endsWith(g.text);
    case GLOB_ANY:
      return true;
    default:
      return g.re!.test(start === 0 ? value : value.slice(start));
  }
}

/** Up to this many characters after `start`, {@link startsAt} may search instead of comparing at one position. */
const SEARCH_LIMIT = 64;

/**
 * Whether `text` occurs in `value` at `start`. V8 runs `indexOf` from a position faster than `startsWith` with a
 * position, on a hit and on a miss, but a miss searches to the end: so only when the rest of the value is short.
 */
function startsAt(value: string, text: string, start: number): boolean {
  return value.length - start <= SEARCH_LIMIT ? value.indexOf(text, start) === start : value.startsWith(text, start);
}

const always: WildcardMatcher = () => true;

/** Compiles a pattern into the cheapest matcher that decides it (equality, prefix, suffix or a RegExp). */
export function compileWildcard(pattern: string): WildcardMatcher {
  const g = compileGlob(pattern);
  switch (g.shape) {
    case GLOB_EXACT:
      return (value) => value === pattern;
    case GLOB_ANY:
      return always;
    case GLOB_PREFIX: {
      const prefix = g.text;
      return (value) => value.startsWith(prefix);
    }
    case GLOB_SUFFIX: {
      const suffix = g.text;
      return (value) => value.endsWith(suffix);
    }
    default: {
      const re = g.re!;
      return (value) => re.test(value);
    }
  }
}

/** Whether a pattern contains a wildcard character. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

function wildcardToRegexSource(pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else out += ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }
  return out.replace(/(\.\*)+/g, '.*');
}

/** A pattern piece for runtime-built patterns: text whose wildcards are active, or literal text. */
export type GlobPiece =
  | { readonly wild: true; readonly text: string }
  | { readonly wild: false; readonly text: string };

/**
 * Matches a pattern assembled at request time (policy variables resolved into literal pieces).
 * Classic greedy star-backtracking: linear space, no RegExp compilation per call.
 */
export function matchGlobPieces(pieces: readonly GlobPiece[], value: string): boolean {
  let chars = '';
  const kinds: number[] = [];
  for (const piece of pieces) {
    const text = piece.text;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      chars += c;
      // Kind 1 = star, 2 = one UTF-16 unit (as RegExp without the u flag), 0 = literal.
      kinds.push(piece.wild && c === '*' ? 1 : piece.wild && c === '?' ? 2 : 0);
    }
  }
  return greedyMatch(chars, kinds, value);
}

function greedyMatch(p: string, kinds: readonly number[], v: string): boolean {
  let pi = 0;
  let vi = 0;
  let starP = -1;
  let starV = 0;
  while (vi < v.length) {
    if (pi < p.length && kinds[pi] === 1) {
      starP = pi++;
      starV = vi;
    } else if (pi < p.length && (kinds[pi] === 2 || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (starP >= 0) {
      pi = starP + 1;
      vi = ++starV;
    } else return false;
  }
  while (pi < p.length && kinds[pi] === 1) pi++;
  return pi === p.length;
}

/** The reference matcher the compiled one is tested against: plain recursion, obviously right, slow. */
export function matchWildcardNaive(pattern: string, value: string): boolean {
  const memo = new Map<number, boolean>();
  const go = (pi: number, vi: number): boolean => {
    const k = pi * (value.length + 1) + vi;
    const cached = memo.get(k);
    if (cached !== undefined) return cached;
    let result: boolean;
    if (pi === pattern.length) result = vi === value.length;
    else if (pattern[pi] === '*') result = go(pi + 1, vi) || (vi < value.length && go(pi, vi + 1));
    else if (vi < value.length && (pattern[pi] === '?' || pattern[pi] === value[vi])) result = go(pi + 1, vi + 1);
    else result = false;
    memo.set(k, result);
    return result;
  };
  return go(0, 0);
}
