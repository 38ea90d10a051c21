import { VARIABLES_VERSION } from '../matching/variables.ts';
import { compileCondition, evaluateCondition } from './compile-condition.ts';

/**
 * Evaluates a single condition clause against a plain context object, outside any policy: for tests, tools and
 * explanations. Returns `'unknown'` when the clause cannot be evaluated (unknown operator or invalid value).
 */
export function evaluateClause(
  operator: string,
  key: string,
  values: readonly string[],
  context: Readonly<Record<string, string | readonly string[]>>,
  options: { readonly version?: string } = { version: VARIABLES_VERSION },
): boolean | 'unknown' {
  const compiled = compileCondition({ operator, key, values, pointer: '' }, options.version === VARIABLES_VERSION);
  if (compiled.kind === 'unknown') return 'unknown';
  const map = new Map<string, string | readonly string[]>();
  for (const [k, v] of Object.entries(context)) map.set(k.toLowerCase(), v);
  return evaluateCondition(compiled, map, { keys: undefined });
}
