import type { ContextValues } from '../matching/context.ts';
import { parseTemplate, resolveToPieces } from '../matching/variables.ts';
import { compileWildcard, type GlobPiece, matchGlobPieces, type WildcardMatcher } from '../matching/wildcard.ts';
import type { ValueCompiler } from './value-test.ts';

/** Splits a string into its six ARN components (the last keeps further colons); undefined if fewer than six. */
function sixParts(value: string): string[] | undefined {
  const parts: string[] = [];
  let from = 0;
  for (let n = 0; n < 5; n++) {
    const at = value.indexOf(':', from);
    if (at < 0) return undefined;
    parts.push(value.slice(from, at));
    from = at + 1;
  }
  parts.push(value.slice(from));
  return parts;
}

/** Splits resolved pieces into six ARN components the same way. */
function sixPieceParts(pieces: readonly GlobPiece[]): GlobPiece[][] | undefined {
  const out: GlobPiece[][] = [[]];
  for (const piece of pieces) {
    let text = piece.text;
    while (out.length < 6) {
      const at = text.indexOf(':');
      if (at < 0) break;
      out[out.length - 1]!.push({ wild: piece.wild, text: text.slice(0, at) });
      out.push([]);
      text = text.slice(at + 1);
    }
    out[out.length - 1]!.push({ wild: piece.wild, text });
  }
  return out.length === 6 ? out : undefined;
}

/**
 * `ArnEquals` and `ArnLike` (identical; negated: `ArnNotEquals`, `ArnNotLike`): each of the six colon-delimited
 * components is matched separately with `*`/`?`, case-sensitively, so `*` cannot swallow a `:`. Variables allowed.
 * A policy value without colons (e.g. `*`) is matched as a whole string; other short values match nothing.
 */
export const arnLike: ValueCompiler = (policyValue, variablesEnabled) => {
  const template = parseTemplate(policyValue, variablesEnabled);
  if (template.variables) {
    return (v, context: ContextValues) => {
      const pieces = resolveToPieces(template, context);
      if (pieces === undefined) return false;
      const policyParts = sixPieceParts(pieces);
      const requestParts = sixParts(v);
      if (policyParts === undefined) return !pieces.some((p) => p.text.includes(':')) && matchGlobPieces(pieces, v);
      return requestParts !== undefined && policyParts.every((p, i) => matchGlobPieces(p, requestParts[i]!));
    };
  }
  const parts = sixParts(policyValue);
  // Fewer than six components: only a colon-free pattern such as `*` can still match (as a whole string).
  if (parts === undefined) return policyValue.includes(':') ? () => false : compileWildcard(policyValue);
  const matchers: WildcardMatcher[] = parts.map(compileWildcard);
  return (v) => {
    const requestParts = sixParts(v);
    return requestParts !== undefined && matchers.every((m, i) => m(requestParts[i]!));
  };
};
