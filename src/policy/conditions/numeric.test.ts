// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${key}, not template placeholders.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateClause } from './evaluate-clause.ts';

type Case = [
  name: string,
  operator: string,
  policy: string[],
  request: string | undefined,
  expected: boolean | 'unknown',
];

const cases: Case[] = [
  ['NumericEquals compares numerically (10 == 10.0)', 'NumericEquals', ['10'], '10.0', true],
  ['NumericEquals is false for a different number', 'NumericEquals', ['10'], '11', false],
  ['NumericNotEquals is true for a different number', 'NumericNotEquals', ['10'], '11', true],
  ['NumericNotEquals is true on an absent key', 'NumericNotEquals', ['10'], undefined, true],
  ['NumericLessThan: 9 < 10 (not string order)', 'NumericLessThan', ['10'], '9', true],
  ['NumericLessThan is false at equality', 'NumericLessThan', ['10'], '10', false],
  ['NumericLessThanEquals is true at equality', 'NumericLessThanEquals', ['10'], '10', true],
  ['NumericGreaterThan: 11 > 10', 'NumericGreaterThan', ['10'], '11', true],
  ['NumericGreaterThanEquals accepts decimals', 'NumericGreaterThanEquals', ['1.5'], '1.50', true],
  ['NumericEquals is false on an absent key', 'NumericEquals', ['10'], undefined, false],
  ['a non-numeric request value does not match', 'NumericEquals', ['10'], 'ten', false],
  ['a non-numeric policy value cannot be evaluated', 'NumericEquals', ['ten'], '10', 'unknown'],
  ['numeric operators take no policy variables', 'NumericEquals', ['${s3:max-keys}'], '10', 'unknown'],
];

describe('numeric operators', () => {
  for (const [name, operator, policy, request, expected] of cases) {
    it(name, () => {
      const context: Record<string, string | string[]> = request === undefined ? {} : { 's3:max-keys': request };
      assert.equal(evaluateClause(operator, 's3:max-keys', policy, context), expected);
    });
  }
});
