import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionIndexKey, compileActionList } from './action-matcher.ts';

type Case = [name: string, patterns: string[], action: string, expected: boolean];
const cases: Case[] = [
  ['actions match ignoring case', ['IAM:listaccesskeys'], 'iam:ListAccessKeys', true],
  ['* matches every action', ['*'], 'ec2:RunInstances', true],
  ['s3:* matches only s3 actions', ['s3:*'], 'ec2:RunInstances', false],
  ['a wildcard may sit inside the name', ['iam:*AccessKey*'], 'iam:UpdateAccessKey', true],
  ['? matches one character', ['s3:GetObjec?'], 's3:GetObject', true],
  ['matching is whole-string', ['s3:Get'], 's3:GetObject', false],
  ['several patterns are ORed', ['s3:PutObject', 's3:Get*'], 's3:GetObject', true],
];

describe('action matching', () => {
  for (const [name, patterns, action, expected] of cases) {
    it(name, () => assert.equal(compileActionList(patterns)(action.toLowerCase()), expected));
  }

  it('files exact, per-service and global patterns apart', () => {
    assert.deepEqual(actionIndexKey('s3:getobject'), { kind: 'exact', action: 's3:getobject' });
    assert.deepEqual(actionIndexKey('s3:get*'), { kind: 'service', service: 's3' });
    assert.deepEqual(actionIndexKey('*'), { kind: 'global' });
    assert.deepEqual(actionIndexKey('s*:get*'), { kind: 'global' });
  });
});
