import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalEscape, percentDecode, percentDecodeToString, uriEncode } from './uri-encode.ts';

describe('uri-encode', () => {
  const encodes: [string, string][] = [
    ['AZaz09-_.~', 'AZaz09-_.~'],
    [' ', '%20'],
    ['+/=&?#%', '%2B%2F%3D%26%3F%23%25'],
    ["!'()*", '%21%27%28%29%2A'],
    ['é€😀', '%C3%A9%E2%82%AC%F0%9F%98%80'],
    ['\ud800', '%EF%BF%BD'],
  ];
  for (const [raw, expected] of encodes) {
    it(`uriEncode(${JSON.stringify(raw)}) is ${expected}`, () => assert.equal(uriEncode(raw), expected));
  }

  const escapes: [string, string][] = [
    ['%7e%7E~', '~~~'],
    ['%2f', '%2F'],
    ['%zz%', '%25zz%25'],
    ['%FF', '%FF'],
    ['a+b', 'a%2Bb'],
  ];
  for (const [raw, expected] of escapes) {
    it(`canonicalEscape(${JSON.stringify(raw)}) is ${expected}`, () => assert.equal(canonicalEscape(raw), expected));
  }

  it('percentDecode yields raw bytes, including invalid UTF-8', () => {
    assert.deepEqual([...percentDecode('%FFa%00')], [255, 97, 0]);
  });

  it('percentDecodeToString decodes UTF-8 and keeps plus signs', () => {
    assert.equal(percentDecodeToString('a+b%20%E2%82%AC'), 'a+b €');
  });
});
