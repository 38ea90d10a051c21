import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateClause } from './evaluate-clause.ts';

type Case = [
  name: string,
  operator: string,
  policy: string[],
  request: string | string[] | undefined,
  expected: boolean | 'unknown',
];
const K = 'aws:TagKeys';

const cases: Case[] = [
  ['ForAllValues is true when every value is listed', 'ForAllValues:StringEquals', ['a', 'b'], ['a', 'b'], true],
  ['ForAllValues is false when one value is not listed', 'ForAllValues:StringEquals', ['a'], ['a', 'c'], false],
  ['ForAllValues is true on an absent key', 'ForAllValues:StringEquals', ['a'], undefined, true],
  ['ForAllValues is true on an empty set', 'ForAllValues:StringEquals', ['a'], [], true],
  ['ForAnyValue is true when one value is listed', 'ForAnyValue:StringEquals', ['a'], ['c', 'a'], true],
  ['ForAnyValue is false when none is listed', 'ForAnyValue:StringEquals', ['a'], ['c'], false],
  ['ForAnyValue is false on an absent key', 'ForAnyValue:StringEquals', ['a'], undefined, false],
  ['ForAnyValue is false on an empty set', 'ForAnyValue:StringEquals', ['a'], [], false],
  [
    'ForAllValues:StringNotLike is false for [key1:legal]',
    'ForAllValues:StringNotLike',
    ['key1*'],
    ['key1:legal'],
    false,
  ],
  [
    'ForAllValues:StringNotLike is true for [key2:audit]',
    'ForAllValues:StringNotLike',
    ['key1*'],
    ['key2:audit'],
    true,
  ],
  ['ForAllValues:StringNotLike is true on an absent key', 'ForAllValues:StringNotLike', ['key1*'], undefined, true],
  [
    'ForAnyValue:StringNotEquals is true if some value equals none listed',
    'ForAnyValue:StringNotEquals',
    ['a'],
    ['a', 'b'],
    true,
  ],
  [
    'ForAnyValue:StringNotEquals is false if every value is listed',
    'ForAnyValue:StringNotEquals',
    ['a', 'b'],
    ['a', 'b'],
    false,
  ],
  ['set operators combine with StringLike', 'ForAllValues:StringLike', ['env*'], ['env1', 'env2'], true],
  ['set operators combine with IgnoreCase', 'ForAnyValue:StringEqualsIgnoreCase', ['ENV'], ['env'], true],
  ['a set operator on a single value is a one-element set', 'ForAnyValue:StringEquals', ['a'], 'a', true],
  ['set qualifiers are matched ignoring case (engine choice)', 'forallvalues:stringequals', ['a'], ['a'], true],
  ['ForAnyValue with IfExists is true on an absent key', 'ForAnyValue:StringEqualsIfExists', ['a'], undefined, true],
  ['an unknown operator cannot be evaluated', 'StringEqualz', ['a'], 'a', 'unknown'],
  ['an unknown set qualifier cannot be evaluated', 'ForSomeValues:StringEquals', ['a'], 'a', 'unknown'],
];

describe('set operators and qualifiers', () => {
  for (const [name, operator, policy, request, expected] of cases) {
    it(name, () => {
      const context: Record<string, string | string[]> = request === undefined ? {} : { [K]: request };
      assert.equal(evaluateClause(operator, K, policy, context), expected);
    });
  }
});
