import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IamError } from '../../shared/index.ts';
import { decodeInput } from './input-decoder.ts';
import { bool, int, list, oneOf, optional, required, str, struct, tag } from './shapes.ts';

const shape = struct({
  UserName: required(str),
  MaxItems: optional(int),
  Flag: optional(bool),
  Status: optional(oneOf('Active', 'Inactive')),
  Tags: optional(list(tag)),
  TagKeys: optional(list(str)),
});

function params(record: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(record));
}

const decoded: [string, Record<string, string>, object][] = [
  [
    'scalars are typed',
    { UserName: 'a', MaxItems: '2', Flag: 'true', Status: 'Active' },
    { UserName: 'a', MaxItems: 2, Flag: true, Status: 'Active' },
  ],
  [
    'member.N lists keep index order',
    { UserName: 'a', 'TagKeys.member.2': 'y', 'TagKeys.member.1': 'x', 'TagKeys.member.10': 'z' },
    { UserName: 'a', TagKeys: ['x', 'y', 'z'] },
  ],
  [
    'lists of structures decode each member',
    {
      UserName: 'a',
      'Tags.member.1.Key': 'k',
      'Tags.member.1.Value': 'v',
      'Tags.member.2.Key': 'k2',
      'Tags.member.2.Value': '',
    },
    {
      UserName: 'a',
      Tags: [
        { Key: 'k', Value: 'v' },
        { Key: 'k2', Value: '' },
      ],
    },
  ],
  ['Name= is the empty list', { UserName: 'a', TagKeys: '' }, { UserName: 'a', TagKeys: [] }],
  ['absent optional members stay absent', { UserName: 'a' }, { UserName: 'a' }],
  [
    'protocol parameters are not input',
    { UserName: 'a', Action: 'X', Version: 'v', 'X-Amz-Date': 'd' },
    { UserName: 'a' },
  ],
];

for (const [name, input, expected] of decoded) {
  test(name, () => assert.deepEqual(decodeInput(shape, params(input)), expected));
}

const rejected: [string, Record<string, string>, string, RegExp][] = [
  [
    'a missing required member is a ValidationError',
    {},
    'ValidationError',
    /^1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null$/,
  ],
  [
    'a non-number integer is a ValidationError',
    { UserName: 'a', MaxItems: 'ten' },
    'ValidationError',
    /at 'maxItems'.*must be a number/,
  ],
  ['a bad boolean is a ValidationError', { UserName: 'a', Flag: 'yes' }, 'ValidationError', /at 'flag'/],
  [
    'a value outside the enum names the value set',
    { UserName: 'a', Status: 'On' },
    'ValidationError',
    /Member must satisfy enum value set: \[Active, Inactive\]/,
  ],
  [
    'several violations are counted and joined',
    { MaxItems: 'x' },
    'ValidationError',
    /^2 validation errors detected: .*; /,
  ],
  [
    'a missing structure member names its path',
    { UserName: 'a', 'Tags.member.1.Key': 'k' },
    'ValidationError',
    /at 'tags\.1\.member\.value'/,
  ],
  ['an unknown parameter is InvalidParameterValue', { UserName: 'a', Bogus: '1' }, 'InvalidParameterValue', /Bogus/],
  [
    'a malformed list index is InvalidParameterValue',
    { UserName: 'a', 'TagKeys.member.x': '1' },
    'InvalidParameterValue',
    /TagKeys\.member\.x/,
  ],
  [
    'a list given as a scalar is a ValidationError',
    { UserName: 'a', TagKeys: 'k' },
    'ValidationError',
    /Member must be a list/,
  ],
];

for (const [name, input, code, message] of rejected) {
  test(name, () => {
    assert.throws(
      () => decodeInput(shape, params(input)),
      (e: unknown) => e instanceof IamError && e.code === code && message.test(e.message),
    );
  });
}
