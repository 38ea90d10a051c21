import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  compileGlob,
  compileWildcard,
  matchGlob,
  matchGlobAt,
  matchGlobPieces,
  matchWildcardNaive,
} from './wildcard.ts';

type Case = [name: string, pattern: string, value: string, expected: boolean];
const cases: Case[] = [
  ['a literal matches itself', 'abc', 'abc', true],
  ['a literal is whole-string', 's3:get', 's3:getobject', false],
  ['* matches the empty string', 'a*', 'a', true],
  ['* matches any run', 'iam:*accesskey*', 'iam:createaccesskey', true],
  ['? matches exactly one character', 'a?c', 'abc', true],
  ['? does not match zero characters', 'a?c', 'ac', false],
  ['* spans / and :', 'bucket/*', 'bucket/a/b:c', true],
  ['bucket/*/test/* matches bucket//test/object.jpg', 'bucket/*/test/*', 'bucket//test/object.jpg', true],
  ['bucket/*/test/* matches bucket/1/test/', 'bucket/*/test/*', 'bucket/1/test/', true],
  ['bucket/*/test/* does not match bucket/test/object.jpg', 'bucket/*/test/*', 'bucket/test/object.jpg', false],
  ['bucket/*/test/* does not match bucket/1-test/object.jpg', 'bucket/*/test/*', 'bucket/1-test/object.jpg', false],
  ['regex characters are literal', 'a.b+(c)', 'a.b+(c)', true],
  ['a leading * is a suffix match', '*.jpg', 'x.jpg', true],
  ['several stars', '*a*b*', 'xxaxxbxx', true],
  ['a prefix pattern does not match a shorter value', 'bucket/*', 'bucket', false],
  ['a suffix pattern does not match a shorter value', '*.jpg', 'jpg', false],
  ['a suffix pattern needs the suffix at the end', '*.jpg', 'x.jpg.png', false],
  ['a suffix pattern matches the suffix alone', '*.jpg', '.jpg', true],
];

describe('compileWildcard', () => {
  for (const [name, pattern, value, expected] of cases) {
    it(name, () => {
      assert.equal(compileWildcard(pattern)(value), expected);
      assert.equal(matchGlob(compileGlob(pattern), value), expected);
      assert.equal(matchWildcardNaive(pattern, value), expected);
      assert.equal(matchGlobPieces([{ wild: true, text: pattern }], value), expected);
    });
  }

  it('literal pieces keep * and ? literal', () => {
    assert.equal(matchGlobPieces([{ wild: false, text: '*' }], 'x'), false);
    assert.equal(
      matchGlobPieces(
        [
          { wild: false, text: '*' },
          { wild: true, text: '*' },
        ],
        '*abc',
      ),
      true,
    );
  });

  it('agrees with the naive reference matcher on random patterns (property)', () => {
    const alphabet = fc.constantFrom('a', 'b', '/', ':', '*', '?', '.');
    const valueAlphabet = fc.constantFrom('a', 'b', '/', ':', '.', '*');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), fc.array(valueAlphabet, { maxLength: 10 }), (p, v) => {
        const pattern = p.join('');
        const value = v.join('');
        const expected = matchWildcardNaive(pattern, value);
        return (
          compileWildcard(pattern)(value) === expected &&
          matchGlob(compileGlob(pattern), value) === expected &&
          matchGlobPieces([{ wild: true, text: pattern }], value) === expected
        );
      }),
      { numRuns: 300 },
    );
  });

  it('matchGlobAt agrees with the naive reference on the text after an offset (property)', () => {
    const alphabet = fc.constantFrom('a', 'b', '/', ':', '*', '?', '.');
    const valueAlphabet = fc.constantFrom('a', 'b', '/', ':', '.', '*');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), fc.array(valueAlphabet, { maxLength: 10 }), (p, v) => {
        const pattern = p.join('');
        const glob = compileGlob(pattern);
        const value = v.join('');
        // Past 64 characters after the offset the prefix test takes another path.
        const long = `${value}${'ab/:'.repeat(16)}`;
        return (
          matchGlobAt(glob, `arn:aws:s3:::${value}`, 13) === matchWildcardNaive(pattern, value) &&
          matchGlobAt(glob, `arn:aws:s3:::${long}`, 13) === matchWildcardNaive(pattern, long)
        );
      }),
      { numRuns: 300 },
    );
  });
});
