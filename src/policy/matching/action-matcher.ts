import { compileWildcard, hasWildcard, type WildcardMatcher } from './wildcard.ts';

/** Where a statement is filed in the action index, from one of its Action patterns. */
export type ActionIndexKey =
  | { readonly kind: 'exact'; readonly action: string }
  | { readonly kind: 'service'; readonly service: string }
  | { readonly kind: 'global' };

/** Classifies a lowercased action pattern for the action index. */
export function actionIndexKey(lowerPattern: string): ActionIndexKey {
  const colon = lowerPattern.indexOf(':');
  if (colon < 0) return { kind: 'global' };
  const service = lowerPattern.slice(0, colon);
  if (hasWildcard(service)) return { kind: 'global' };
  if (!hasWildcard(lowerPattern)) return { kind: 'exact', action: lowerPattern };
  return { kind: 'service', service };
}

/** Compiles a list of Action patterns into one case-insensitive matcher of a lowercased action. */
export function compileActionList(patterns: readonly string[]): WildcardMatcher {
  const matchers = patterns.map((p) => compileWildcard(p.toLowerCase()));
  if (matchers.length === 1) return matchers[0]!;
  return (lowerAction) => {
    for (const m of matchers) if (m(lowerAction)) return true;
    return false;
  };
}

/** The service prefix of a lowercased action (`s3` for `s3:getobject`), or '' when it has none. */
export function serviceOf(lowerAction: string): string {
  const colon = lowerAction.indexOf(':');
  return colon < 0 ? '' : lowerAction.slice(0, colon);
}
