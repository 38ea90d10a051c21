// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${key}, not template placeholders.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateClause } from './evaluate-clause.ts';

type Case = [
  name: string,
  operator: string,
  policy: string[],
  request: string | string[] | undefined,
  expected: boolean,
];

const KEY = 'aws:PrincipalTag/team';
const cases: Case[] = [
  ['StringEquals matches the exact value', 'StringEquals', ['blue'], 'blue', true],
  ['StringEquals is case-sensitive', 'StringEquals', ['blue'], 'Blue', false],
  ['StringEquals treats * as a literal', 'StringEquals', ['bl*'], 'blue', false],
  ['StringEquals ORs several policy values', 'StringEquals', ['red', 'blue'], 'blue', true],
  ['StringEquals is false on an absent key', 'StringEquals', ['blue'], undefined, false],
  ['StringNotEquals is true when the value differs', 'StringNotEquals', ['red'], 'blue', true],
  ['StringNotEquals NORs several values', 'StringNotEquals', ['red', 'blue'], 'blue', false],
  ['StringNotEquals is true on an absent key', 'StringNotEquals', ['red'], undefined, true],
  ['StringEqualsIgnoreCase ignores case', 'StringEqualsIgnoreCase', ['BLUE'], 'blue', true],
  ['StringNotEqualsIgnoreCase is false for a case-variant', 'StringNotEqualsIgnoreCase', ['BLUE'], 'blue', false],
  ['StringLike * matches any run', 'StringLike', ['bl*'], 'blue', true],
  ['StringLike ? matches one character', 'StringLike', ['bl?e'], 'blue', true],
  ['StringLike ? does not match two characters', 'StringLike', ['b?e'], 'blue', false],
  ['StringLike without wildcards is a full match', 'StringLike', ['blu'], 'blue', false],
  ['StringLike is case-sensitive', 'StringLike', ['BL*'], 'blue', false],
  ['StringLike "" matches an empty value', 'StringLike', [''], '', true],
  ['StringNotLike is false when a pattern matches', 'StringNotLike', ['b*'], 'blue', false],
  ['StringNotLike is true on an absent key', 'StringNotLike', ['b*'], undefined, true],
  ['StringEqualsIfExists is true on an absent key', 'StringEqualsIfExists', ['blue'], undefined, true],
  ['StringEqualsIfExists still tests a present key', 'StringEqualsIfExists', ['blue'], 'red', false],
  ['a single-value operator on a multivalued key does not match', 'StringEquals', ['a'], ['a', 'b'], false],
  ['a negated single-value operator on a multivalued key does not match', 'StringNotEquals', ['c'], ['a', 'b'], false],
  ['a one-element array is single-valued', 'StringEquals', ['a'], ['a'], true],
];

describe('string operators', () => {
  for (const [name, operator, policy, request, expected] of cases) {
    it(name, () => {
      const context: Record<string, string | string[]> = request === undefined ? {} : { [KEY]: request };
      assert.equal(evaluateClause(operator, KEY, policy, context), expected);
    });
  }

  it('condition key names are case-insensitive', () => {
    assert.equal(evaluateClause('StringEquals', 'AWS:principaltag/TEAM', ['blue'], { [KEY]: 'blue' }), true);
  });

  it('a policy variable is replaced by the context value', () => {
    const ctx = { 'aws:username': 'alice', 's3:prefix': 'home/alice/' };
    assert.equal(evaluateClause('StringLike', 's3:prefix', ['home/${aws:username}/*'], ctx), true);
    assert.equal(evaluateClause('StringEquals', 's3:prefix', ['home/${aws:username}/'], ctx), true);
  });

  it('a resolved variable is literal: its * is not a wildcard', () => {
    const ctx = { 'aws:PrincipalTag/p': '*', 's3:prefix': 'anything' };
    assert.equal(evaluateClause('StringLike', 's3:prefix', ['${aws:PrincipalTag/p}'], ctx), false);
  });

  it('an unresolved variable makes positive operators false and negated ones true', () => {
    const ctx = { 's3:prefix': 'x' };
    assert.equal(evaluateClause('StringEquals', 's3:prefix', ['${aws:username}'], ctx), false);
    assert.equal(evaluateClause('StringNotEquals', 's3:prefix', ['${aws:username}'], ctx), true);
  });

  it('a default value stands in for a missing variable', () => {
    const ctx = { 's3:prefix': 'guest' };
    assert.equal(evaluateClause('StringEquals', 's3:prefix', ["${aws:username, 'guest'}"], ctx), true);
  });

  it('${*}, ${?} and ${$} are literal characters, even in StringEquals', () => {
    assert.equal(evaluateClause('StringEquals', 'k', ['a${*}b${?}${$}'], { k: 'a*b?$' }), true);
    assert.equal(evaluateClause('StringLike', 'k', ['a${*}'], { k: 'abc' }), false);
  });

  it('variables are literal text without Version 2012-10-17', () => {
    const ctx = { 'aws:username': 'alice', k: '${aws:username}' };
    assert.equal(evaluateClause('StringEquals', 'k', ['${aws:username}'], ctx, { version: '2008-10-17' }), true);
  });
});
