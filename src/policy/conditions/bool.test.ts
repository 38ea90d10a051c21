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
const K = 'aws:MultiFactorAuthPresent';

const cases: Case[] = [
  ['Bool true matches true', 'Bool', ['true'], 'true', true],
  ['Bool true does not match false', 'Bool', ['true'], 'false', false],
  ['Bool compares ignoring case (engine choice)', 'Bool', ['True'], 'true', true],
  ['Bool is false on an absent key (long-term credentials)', 'Bool', ['false'], undefined, false],
  ['BoolIfExists is true on an absent key', 'BoolIfExists', ['true'], undefined, true],
  ['BoolIfExists false still fails when MFA is present', 'BoolIfExists', ['false'], 'true', false],
  ['a non-boolean policy value cannot be evaluated', 'Bool', ['yes'], 'true', 'unknown'],
];

describe('Bool operator', () => {
  for (const [name, operator, policy, request, expected] of cases) {
    it(name, () => {
      const context: Record<string, string | string[]> = request === undefined ? {} : { [K]: request };
      assert.equal(evaluateClause(operator, K, policy, context), expected);
    });
  }

  it('accepts a policy variable (engine choice)', () => {
    assert.equal(
      evaluateClause('Bool', K, ['${aws:SecureTransport}'], { [K]: 'true', 'aws:SecureTransport': 'true' }),
      true,
    );
  });
});
