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
const K = 'aws:TokenIssueTime';

const cases: Case[] = [
  ['Null true holds when the key is absent', 'Null', ['true'], undefined, true],
  ['Null true fails when the key is present', 'Null', ['true'], '2020-01-01T00:00:00Z', false],
  ['Null false holds when the key is present', 'Null', ['false'], '2020-01-01T00:00:00Z', true],
  ['Null false fails when the key is absent', 'Null', ['false'], undefined, false],
  ['Null counts an empty set as present', 'Null', ['false'], [], true],
  ['Null with a value other than true/false cannot be evaluated', 'Null', ['maybe'], undefined, 'unknown'],
  ['NullIfExists is not an operator', 'NullIfExists', ['true'], undefined, 'unknown'],
];

describe('Null operator', () => {
  for (const [name, operator, policy, request, expected] of cases) {
    it(name, () => {
      const context: Record<string, string | string[]> = request === undefined ? {} : { [K]: request };
      assert.equal(evaluateClause(operator, K, policy, context), expected);
    });
  }
});
