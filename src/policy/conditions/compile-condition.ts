import type { ConditionClause } from '../document/types.ts';
import { type ContextValues, internKey } from '../matching/context.ts';
import { parseOperator, type ParsedOperator } from './operators.ts';
import { compileNull } from './null.ts';
import type { ValueTest } from './value-test.ts';

/** A condition clause compiled once. `unknown` clauses cannot be evaluated (unknown operator or invalid value). */
export type CompiledCondition =
  | {
      readonly kind: 'test';
      readonly clause: ConditionClause;
      /** Lowercased key: condition key names are case-insensitive (tag-key parts too). */
      readonly key: string;
      readonly operator: ParsedOperator;
      readonly tests: readonly ValueTest[];
    }
  | { readonly kind: 'null'; readonly clause: ConditionClause; readonly key: string; readonly expectAbsent: boolean }
  | { readonly kind: 'unknown'; readonly clause: ConditionClause; readonly key: string; readonly problem: string };

/** Compiles one clause; never throws. */
export function compileCondition(clause: ConditionClause, variablesEnabled: boolean): CompiledCondition {
  const key = internKey(clause.key.toLowerCase());
  const operator = parseOperator(clause.operator);
  if (operator === undefined) {
    return { kind: 'unknown', clause, key, problem: `unknown condition operator \`${clause.operator}\`` };
  }
  const compile = operator.base.compile;
  if (compile === undefined) {
    const [only, ...more] = clause.values;
    const expectAbsent = only === undefined || more.length > 0 ? undefined : compileNull(only);
    if (expectAbsent === undefined) {
      return { kind: 'unknown', clause, key, problem: `\`Null\` needs one value, "true" or "false"` };
    }
    return { kind: 'null', clause, key, expectAbsent };
  }
  const tests: ValueTest[] = [];
  for (const value of clause.values) {
    const test = compile(value, variablesEnabled);
    if (test === undefined) {
      return { kind: 'unknown', clause, key, problem: `\`${value}\` is not a valid value for \`${clause.operator}\`` };
    }
    tests.push(test);
  }
  return { kind: 'test', clause, key, operator, tests };
}

/** Collects the keys a decision needed but the request did not have; allocated lazily. */
export interface MissingKeys {
  keys: string[] | undefined;
}

/**
 * Evaluates a compiled clause (not `unknown`) against the context: the one place where `…IfExists`,
 * `ForAllValues:` and `ForAnyValue:` are applied.
 */
export function evaluateCondition(
  c: Exclude<CompiledCondition, { kind: 'unknown' }>,
  context: ContextValues,
  missing: MissingKeys,
): boolean {
  const values = context.get(c.key);
  if (c.kind === 'null') {
    // An absent key is an answer for Null, not a missing input.
    return c.expectAbsent === (values === undefined);
  }
  const { set, ifExists, base } = c.operator;
  if (values === undefined) {
    if (missing.keys === undefined) missing.keys = [];
    missing.keys.push(c.clause.key);
    if (ifExists) return true;
    if (set === 'all') return true;
    if (set === 'any') return false;
    return base.negated;
  }
  const negated = base.negated;
  const tests = c.tests;
  if (typeof values === 'string') {
    // A single value; set operators treat it as a one-element set.
    return passes(values, tests, negated, context);
  }
  if (set === 'none') {
    // Engine choice: a single-value operator on a key with 0 or 2+ values does not match, negated ones included.
    if (values.length !== 1) return false;
    return passes(values[0]!, tests, negated, context);
  }
  if (set === 'all') {
    for (const v of values) if (!passes(v, tests, negated, context)) return false;
    return true;
  }
  for (const v of values) if (passes(v, tests, negated, context)) return true;
  return false;
}

/** The per-value test: OR over policy values for positive operators, NOR for negated ones. */
function passes(value: string, tests: readonly ValueTest[], negated: boolean, context: ContextValues): boolean {
  for (const test of tests) if (test(value, context)) return !negated;
  return negated;
}
