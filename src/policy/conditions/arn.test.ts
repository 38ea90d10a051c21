// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${key}, not template placeholders.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateClause } from './evaluate-clause.ts';

type Case = [name: string, operator: string, policy: string[], request: string | undefined, expected: boolean];
const K = 'aws:SourceArn';

const cases: Case[] = [
  [
    'ArnEquals matches an identical ARN',
    'ArnEquals',
    ['arn:aws:sns:us-east-1:111111111111:topic'],
    'arn:aws:sns:us-east-1:111111111111:topic',
    true,
  ],
  [
    'ArnEquals honours wildcards like ArnLike',
    'ArnEquals',
    ['arn:aws:sns:*:111111111111:*'],
    'arn:aws:sns:us-east-1:111111111111:topic',
    true,
  ],
  ['ArnLike matches per component', 'ArnLike', ['arn:aws:s3:::bucket/*'], 'arn:aws:s3:::bucket/a/b', true],
  [
    'ArnLike * cannot swallow a colon',
    'ArnLike',
    ['arn:aws:sns:*:topic'],
    'arn:aws:sns:us-east-1:111111111111:topic',
    false,
  ],
  [
    'StringLike on the same value can',
    'StringLike',
    ['arn:aws:sns:*:topic'],
    'arn:aws:sns:us-east-1:111111111111:topic',
    true,
  ],
  ['ArnLike is case-sensitive', 'ArnLike', ['arn:aws:s3:::Bucket/*'], 'arn:aws:s3:::bucket/x', false],
  [
    'ArnLike matches colons inside the resource part',
    'ArnLike',
    ['arn:aws:logs:*:*:log-group:/app/*'],
    'arn:aws:logs:us-east-1:1:log-group:/app/x:log-stream:y',
    true,
  ],
  ['ArnNotLike is true when nothing matches', 'ArnNotLike', ['arn:aws:s3:::other/*'], 'arn:aws:s3:::bucket/x', true],
  [
    'ArnNotEquals is false when a value matches',
    'ArnNotEquals',
    ['arn:aws:s3:::bucket/*'],
    'arn:aws:s3:::bucket/x',
    false,
  ],
  ['ArnNotLike is true on an absent key', 'ArnNotLike', ['arn:aws:s3:::bucket/*'], undefined, true],
  ['ArnLike is false on an absent key', 'ArnLike', ['arn:aws:s3:::bucket/*'], undefined, false],
  ['a request value that is not an ARN does not match', 'ArnLike', ['arn:aws:s3:::bucket/*'], 'bucket/x', false],
];

describe('ARN operators', () => {
  for (const [name, operator, policy, request, expected] of cases) {
    it(name, () => {
      const context: Record<string, string | string[]> = request === undefined ? {} : { [K]: request };
      assert.equal(evaluateClause(operator, K, policy, context), expected);
    });
  }

  it('ARN operators accept policy variables', () => {
    const ctx = { [K]: 'arn:aws:iam::111111111111:role/x', 'aws:PrincipalAccount': '111111111111' };
    assert.equal(evaluateClause('ArnLike', K, ['arn:aws:iam::${aws:PrincipalAccount}:role/*'], ctx), true);
    assert.equal(evaluateClause('ArnLike', K, ['arn:aws:iam::${aws:username}:role/*'], ctx), false);
  });
});
