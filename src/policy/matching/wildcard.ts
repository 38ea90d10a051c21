/**
 * Wildcard matching for IAM patterns: `*` matches any run of characters (also empty), `?` exactly one.
 * Everything else is literal. Matching is case-sensitive; callers lowercase both sides where IAM ignores case.
 */

/** A compiled matcher: built once per pattern, called per request. */
export type WildcardMatcher = (value: string) => boolean;

const always: WildcardMatcher = () => true;

/** Compiles a pattern into the cheapest matcher that decides it (equality, prefix, suffix or a RegExp). */
export function compileWildcard(pattern: string): WildcardMatcher {
  const star = pattern.indexOf('*');
  const question = pattern.indexOf('?');
  if (star < 0 && question < 0) return (value) => value === pattern;
  if (question < 0) {
    if (/^\*+$/.test(pattern)) return always;
    const last = pattern.lastIndexOf('*');
    if (star === last && last === pattern.length - 1) {
      const prefix = pattern.slice(0, -1);
      return (value) => value.startsWith(prefix);
    }
    if (star === 0 && pattern.indexOf('*', 1) < 0) {
      const suffix = pattern.slice(1);
      return (value) => value.endsWith(suffix);
    }
  }
  const re = new RegExp(`^${wildcardToRegexSource(pattern)}$`, 's');
  return (value) => re.test(value);
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
