import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { getCanonicalHeaders } from '@smithy/signature-v4';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import {
  canonicalHeaders,
  canonicalHeaderValue,
  canonicalPath,
  canonicalQuery,
  canonicalRequest,
} from './canonical-request.ts';
import { EMPTY_PAYLOAD_HASH } from './hash-payload.ts';
import { splitQuery } from './incoming-request.ts';

describe('canonicalPath', () => {
  const cases: { name: string; raw: string; s3: boolean; expected: string }[] = [
    { name: 'root stays root', raw: '/', s3: false, expected: '/' },
    { name: 'empty path is root', raw: '', s3: false, expected: '/' },
    { name: 'non-S3 encodes escapes once more', raw: '/a%20b', s3: false, expected: '/a%2520b' },
    { name: 'non-S3 collapses double slashes', raw: '//a//b', s3: false, expected: '/a/b' },
    { name: 'non-S3 removes dot segments', raw: '/a/./b/../c', s3: false, expected: '/a/c' },
    { name: 'non-S3 keeps a trailing slash', raw: '/a/b/', s3: false, expected: '/a/b/' },
    { name: 'non-S3 encodes reserved characters', raw: "/a!b'c(d)*e", s3: false, expected: '/a%21b%27c%28d%29%2Ae' },
    { name: 'non-S3 encodes UTF-8 bytes', raw: '/€', s3: false, expected: '/%E2%82%AC' },
    { name: 'S3 keeps double slashes', raw: '/b//k', s3: true, expected: '/b//k' },
    { name: 'S3 keeps dot segments', raw: '/b/./k/../x', s3: true, expected: '/b/./k/../x' },
    { name: 'S3 does not double-encode', raw: '/b/a%20b', s3: true, expected: '/b/a%20b' },
    { name: 'S3 upper-cases hex escapes', raw: '/b/a%2fb%e2%82%ac', s3: true, expected: '/b/a%2Fb%E2%82%AC' },
    { name: 'S3 decodes needlessly escaped unreserved', raw: '/b/%7Ea%41', s3: true, expected: '/b/~aA' },
    { name: 'S3 encodes raw reserved characters', raw: '/b/a+b!c', s3: true, expected: '/b/a%2Bb%21c' },
    { name: 'S3 keeps a stray percent as %25', raw: '/b/100%', s3: true, expected: '/b/100%25' },
  ];
  for (const c of cases) {
    it(`${c.name}: ${JSON.stringify(c.raw)} -> ${c.expected}`, () => {
      assert.equal(canonicalPath(c.raw, !c.s3), c.expected);
    });
  }
});

describe('canonicalQuery', () => {
  const cases: { name: string; raw: string; presigned?: boolean; expected: string }[] = [
    { name: 'empty stays empty', raw: '', expected: '' },
    { name: 'sorted by name', raw: 'b=2&a=1&C=3', expected: 'C=3&a=1&b=2' },
    { name: 'repeated names sorted by value', raw: 'a=2&a=10&a=1', expected: 'a=1&a=10&a=2' },
    { name: 'name without value gets an empty value', raw: 'acl&a=1', expected: 'a=1&acl=' },
    { name: 'empty pieces are dropped', raw: 'a=1&&b=2&', expected: 'a=1&b=2' },
    { name: 'escapes are normalised', raw: 'k=%7e%2f%41%20', expected: 'k=~%2FA%20' },
    { name: 'plus is a literal plus', raw: 'k=a+b', expected: 'k=a%2Bb' },
    { name: 'a stray percent is kept as %25', raw: 'k=100%', expected: 'k=100%25' },
    { name: 'raw reserved characters are encoded', raw: "k=a/b*c'", expected: 'k=a%2Fb%2Ac%27' },
    {
      name: 'presigned leaves out X-Amz-Signature',
      raw: 'X-Amz-Signature=abc&X-Amz-Date=20261122T120000Z',
      presigned: true,
      expected: 'X-Amz-Date=20261122T120000Z',
    },
    {
      name: 'header auth keeps every parameter',
      raw: 'X-Amz-Signature=abc&a=1',
      expected: 'X-Amz-Signature=abc&a=1',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: ${JSON.stringify(c.raw)}`, () => {
      assert.equal(canonicalQuery(splitQuery(c.raw), c.presigned ?? false), c.expected);
    });
  }
});

describe('canonicalHeaders', () => {
  it('trims values, folds inner whitespace and joins repeated headers with commas', () => {
    const result = canonicalHeaders(
      { host: 'h', 'x-amz-meta-a': '  a   b\t c  ', 'x-amz-meta-b': ['1', '2'], 'user-agent': 'sdk' },
      ['host', 'user-agent', 'x-amz-meta-a', 'x-amz-meta-b'],
    );
    assert.deepEqual(result, { ok: true, text: 'host:h\nuser-agent:sdk\nx-amz-meta-a:a b c\nx-amz-meta-b:1,2\n' });
  });

  it('names the first signed header that is absent', () => {
    assert.deepEqual(canonicalHeaders({ host: 'h' }, ['host', 'x-amz-date']), { ok: false, missing: 'x-amz-date' });
  });

  it('reads host from HTTP/2 :authority when there is no host header', () => {
    assert.deepEqual(canonicalHeaders({ ':authority': 'h2.local' }, ['host']), { ok: true, text: 'host:h2.local\n' });
  });
});

describe('canonicalHeaderValue', () => {
  const cases = [
    {
      name: 'a plain value is returned unchanged',
      raw: 'application/x-www-form-urlencoded',
      expected: 'application/x-www-form-urlencoded',
    },
    { name: 'one leading and one trailing space are dropped', raw: ' a b ', expected: 'a b' },
    { name: 'runs of spaces and tabs fold to one space', raw: 'a \t  b', expected: 'a b' },
    { name: 'CR and LF become spaces before folding', raw: 'a\r\n b\nc', expected: 'a b c' },
    { name: 'a lone tab becomes a space', raw: 'a\tb', expected: 'a b' },
    { name: 'a value of spaces becomes empty', raw: '   ', expected: '' },
    { name: 'an empty value stays empty', raw: '', expected: '' },
  ];
  for (const c of cases) {
    it(`${c.name}: ${JSON.stringify(c.raw)}`, () => {
      assert.equal(canonicalHeaderValue(c.raw), c.expected);
    });
  }

  it("agrees with smithy's canonicaliser on any mix of spaces, tabs, CR, LF and text", () => {
    const value = fc.string({ unit: fc.constantFrom(' ', '\t', '\r', '\n', 'a', 'b', ',', ';') });
    fc.assert(
      fc.property(value, (v) => {
        const smithy = getCanonicalHeaders(
          { method: '', protocol: '', hostname: '', path: '', query: {}, headers: { 'x-v': v } },
          undefined,
          new Set(['x-v']),
        );
        assert.equal(canonicalHeaderValue(v), smithy['x-v']);
      }),
      { numRuns: 500 },
    );
  });
});

describe('canonicalRequest', () => {
  it("reproduces AWS's documented IAM ListUsers example (hash f536975d...)", () => {
    // From the AWS General Reference SigV4 walkthrough (GET iam.amazonaws.com ListUsers, 20150830T123600Z).
    const headers = canonicalHeaders(
      {
        host: 'iam.amazonaws.com',
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'x-amz-date': '20150830T123600Z',
      },
      ['content-type', 'host', 'x-amz-date'],
    );
    assert.ok(headers.ok);
    const text = canonicalRequest(
      'GET',
      canonicalPath('/', true),
      canonicalQuery(splitQuery('Action=ListUsers&Version=2010-05-08'), false),
      headers.text,
      ['content-type', 'host', 'x-amz-date'],
      EMPTY_PAYLOAD_HASH,
    );
    assert.equal(
      createHash('sha256').update(text).digest('hex'),
      'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
    );
  });
});
