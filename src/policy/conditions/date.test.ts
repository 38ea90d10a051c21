import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateClause } from './evaluate-clause.ts';

type Case = [
  name: string,
  operator: string,
  policy: string[],
  key: string,
  request: string | undefined,
  expected: boolean | 'unknown',
];

const T = 'aws:CurrentTime';
const E = 'aws:EpochTime';
const cases: Case[] = [
  [
    'DateLessThan is true before the instant',
    'DateLessThan',
    ['2020-01-01T00:00:00Z'],
    T,
    '2019-12-31T23:59:59Z',
    true,
  ],
  ['DateLessThan is false at the instant', 'DateLessThan', ['2020-01-01T00:00:00Z'], T, '2020-01-01T00:00:00Z', false],
  [
    'DateLessThanEquals is true at the instant',
    'DateLessThanEquals',
    ['2020-01-01T00:00:00Z'],
    T,
    '2020-01-01T00:00:00Z',
    true,
  ],
  [
    'DateGreaterThan accepts a date-only policy value',
    'DateGreaterThan',
    ['2020-01-01'],
    T,
    '2020-01-01T00:00:01Z',
    true,
  ],
  [
    'DateEquals compares instants across offsets',
    'DateEquals',
    ['2020-01-01T01:00:00+01:00'],
    T,
    '2020-01-01T00:00:00Z',
    true,
  ],
  [
    'DateNotEquals is true for a different instant',
    'DateNotEquals',
    ['2020-01-01T00:00:00Z'],
    T,
    '2021-01-01T00:00:00Z',
    true,
  ],
  ['DateNotEquals is true on an absent key', 'DateNotEquals', ['2020-01-01T00:00:00Z'], T, undefined, true],
  [
    'an epoch policy value compares with an ISO request value',
    'DateGreaterThanEquals',
    ['1577836800'],
    T,
    '2020-01-01T00:00:00Z',
    true,
  ],
  ['an ISO policy value compares with aws:EpochTime', 'DateLessThan', ['2020-01-01T00:00:00Z'], E, '1577836799', true],
  ['DateGreaterThan is false on an absent key', 'DateGreaterThan', ['2020-01-01'], T, undefined, false],
  ['an invalid policy date cannot be evaluated', 'DateEquals', ['yesterday'], T, '2020-01-01T00:00:00Z', 'unknown'],
  ['date operators take no wildcards', 'DateEquals', ['2020-*'], T, '2020-01-01T00:00:00Z', 'unknown'],
  ['an unparsable request date does not match', 'DateLessThan', ['2020-01-01'], T, 'soon', false],
];

describe('date operators', () => {
  for (const [name, operator, policy, key, request, expected] of cases) {
    it(name, () => {
      const context: Record<string, string | string[]> = request === undefined ? {} : { [key]: request };
      assert.equal(evaluateClause(operator, key, policy, context), expected);
    });
  }
});
