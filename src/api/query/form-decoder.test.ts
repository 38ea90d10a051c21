import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IamError } from '../../shared/index.ts';
import { decodeForm } from './form-decoder.ts';

const decoded: [string, string | Uint8Array, Record<string, string>][] = [
  ['plain pairs are read', 'Action=GetUser&Version=2010-05-08', { Action: 'GetUser', Version: '2010-05-08' }],
  ['percent escapes and plus decode to UTF-8', 'UserName=al%C3%A9+x%2Fy', { UserName: 'alé x/y' }],
  ['a name without = has the empty value', 'TagKeys', { TagKeys: '' }],
  ['an empty value stays empty (empty list)', 'ThumbprintList=', { ThumbprintList: '' }],
  ['empty segments are skipped', '&&A=1&&', { A: '1' }],
  ['= inside a value is kept', 'Policy=a%3Db=c', { Policy: 'a=b=c' }],
  ['raw UTF-8 bytes are accepted', Buffer.from('N=é', 'utf8'), { N: 'é' }],
  [
    'a plain Uint8Array view is read within its bounds',
    new Uint8Array(Buffer.from('xA=1&B=2y')).subarray(1, 8),
    { A: '1', B: '2' },
  ],
  ['a Buffer slice is read within its bounds', Buffer.from('xA=1&B=%C3%A9y').subarray(1, 13), { A: '1', B: 'é' }],
  ['nothing gives nothing', '', {}],
];

for (const [name, input, expected] of decoded) {
  test(name, () => assert.deepEqual(Object.fromEntries(decodeForm(input)), expected));
}

const rejected: [string, string | Uint8Array, string][] = [
  ['a duplicate parameter is InvalidParameterValue', 'A=1&A=2', 'InvalidParameterValue'],
  ['a truncated escape is MalformedQueryString', 'A=%4', 'MalformedQueryString'],
  ['a non-hex escape is MalformedQueryString', 'A=%zz', 'MalformedQueryString'],
  ['an escaped non-UTF-8 byte is MalformedQueryString', 'A=%FF', 'MalformedQueryString'],
  ['a raw non-UTF-8 byte is MalformedQueryString', Buffer.from([0x41, 0x3d, 0xc3, 0x28]), 'MalformedQueryString'],
  ['a parameter with no name is MalformedQueryString', '=x', 'MalformedQueryString'],
];

for (const [name, input, code] of rejected) {
  test(name, () => {
    assert.throws(
      () => decodeForm(input),
      (e: unknown) => e instanceof IamError && e.code === code,
    );
  });
}

test('a GET query and a body share one map, so a repeat across them is a duplicate', () => {
  const params = decodeForm('Action=GetUser');
  assert.throws(() => decodeForm('Action=ListUsers', params), /more than once/);
});
