// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${key}, not template placeholders.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileResourcePattern, requestResource } from './resource-matcher.ts';

const ctx = new Map<string, readonly string[]>([
  ['aws:username', ['alice']],
  ['aws:principaltag/team', ['blue']],
]);

const long = 'x'.repeat(100);

type Case = [name: string, pattern: string, resource: string, expected: boolean, variables?: boolean];
const cases: Case[] = [
  ['* matches every ARN', '*', 'arn:aws:s3:::bucket/key', true],
  ['* matches the * resource', '*', '*', true],
  ['an ARN pattern does not match the * resource', 'arn:aws:s3:::*', '*', false],
  ['an exact ARN matches', 'arn:aws:s3:::bucket', 'arn:aws:s3:::bucket', true],
  ['a bucket ARN does not match its objects', 'arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/key', false],
  ['an object pattern does not match the bucket', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false],
  ['resource matching is case-sensitive', 'arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/x', false],
  [
    '* in the resource part spans / and :',
    'arn:aws:logs:us-east-1:111111111111:*',
    'arn:aws:logs:us-east-1:111111111111:log-group:a:log-stream:b',
    true,
  ],
  [
    'region must match',
    'arn:aws:ec2:us-east-1:111111111111:instance/*',
    'arn:aws:ec2:eu-west-1:111111111111:instance/i-1',
    false,
  ],
  [
    'region may be wildcarded',
    'arn:aws:ec2:*:111111111111:instance/*',
    'arn:aws:ec2:eu-west-1:111111111111:instance/i-1',
    true,
  ],
  ['account must match', 'arn:aws:iam::111111111111:user/*', 'arn:aws:iam::222222222222:user/bob', false],
  [
    'a * in the region segment does not swallow colons',
    'arn:aws:ec2:*:instance/*',
    'arn:aws:ec2:us-east-1:111111111111:instance/i-1',
    false,
  ],
  [
    'IAM paths are part of the resource part',
    'arn:aws:iam::111111111111:user/division/*',
    'arn:aws:iam::111111111111:user/division/team/bob',
    true,
  ],
  ['? matches one character', 'arn:aws:s3:::bucket/?', 'arn:aws:s3:::bucket/a', true],
  [
    'a variable in the resource part is resolved',
    'arn:aws:s3:::bucket/${aws:username}/*',
    'arn:aws:s3:::bucket/alice/x',
    true,
    true,
  ],
  [
    'a variable next to a wildcard',
    'arn:aws:s3:::bucket/${aws:PrincipalTag/team}-*',
    'arn:aws:s3:::bucket/blue-1',
    true,
    true,
  ],
  [
    'an unresolved variable matches nothing',
    'arn:aws:s3:::bucket/${aws:userid}/*',
    'arn:aws:s3:::bucket/x/y',
    false,
    true,
  ],
  ['a variable before the fifth colon is literal', 'arn:aws:s3:::${aws:username}', 'arn:aws:s3:::alice', true, true],
  [
    'without Version 2012-10-17 the variable is literal',
    'arn:aws:s3:::bucket/${aws:username}',
    'arn:aws:s3:::bucket/${aws:username}',
    true,
    false,
  ],
  [
    'a wildcard region segment matches by pattern',
    'arn:aws:ec2:us-*:111111111111:instance/*',
    'arn:aws:ec2:us-west-2:111111111111:instance/i-1',
    true,
  ],
  [
    'a wildcard region segment rejects other regions',
    'arn:aws:ec2:us-*:111111111111:instance/*',
    'arn:aws:ec2:eu-west-1:111111111111:instance/i-1',
    false,
  ],
  [
    'a wildcard account segment matches by pattern',
    'arn:aws:iam::1111*:user/x',
    'arn:aws:iam::111111111111:user/x',
    true,
  ],
  ['a wildcard partition segment matches by pattern', 'arn:aws*:s3:::b', 'arn:aws-cn:s3:::b', true],
  ['a literal partition must be equal', 'arn:aws:s3:::b', 'arn:aws-cn:s3:::b', false],
  ['the service segment must be equal', 'arn:aws:s3:::b', 'arn:aws:sqs:::b', false],
  [
    'a suffix resource pattern matches the end',
    'arn:aws:s3:::*.jpg',
    'arn:aws:s3:::bucket/photo.jpg',
    true,
  ],
  ['a colon-free pattern matches the whole string', 'bucket*', 'bucket/x', true],
  ['a colon-free pattern is case-sensitive', 'bucket*', 'Bucket/x', false],
  ['a pattern with colons but under six parts matches nothing', 'arn:aws:s3', 'arn:aws:s3', false],
  [
    'a variable pattern still checks the account segment',
    'arn:aws:s3:us-east-1:222222222222:bucket/${aws:username}',
    'arn:aws:s3:us-east-1:111111111111:bucket/alice',
    false,
    true,
  ],
  // The resource part is matched in place inside the ARN (from its offset); short and long parts take different paths.
  ['a prefix pattern matches a long resource part', 'arn:aws:s3:::bucket/*', `arn:aws:s3:::bucket/${long}`, true],
  ['a prefix pattern rejects a long resource part', 'arn:aws:s3:::bucket/*', `arn:aws:s3:::other/bucket/${long}`, false],
  ['a prefix found later in the part is no match', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::x-bucket/bucket/', false],
  ['an exact part must not be a prefix of a longer one', 'arn:aws:s3:::bucket', 'arn:aws:s3:::bucketx', false],
  ['an exact long part matches', `arn:aws:s3:::${long}`, `arn:aws:s3:::${long}`, true],
  ['a suffix pattern cannot reach back into the head', 'arn:aws:s3:::*3:::b', 'arn:aws:s3:::b', false],
  ['an empty resource part matches an empty pattern part', 'arn:aws:s3:::', 'arn:aws:s3:::', true],
  ['a general pattern matches the part only', 'arn:aws:s3:::a?c*', `arn:aws:s3:::abc/${long}`, true],
  ['a general pattern is anchored at the part start', 'arn:aws:s3:::?bc*', 'arn:aws:s3:::xabc', false],
  [
    'a variable pattern matches the part after its offset',
    'arn:aws:s3:us-east-1:111111111111:home/${aws:username}/*',
    `arn:aws:s3:us-east-1:111111111111:home/alice/${long}`,
    true,
    true,
  ],
];

describe('compileResourcePattern', () => {
  for (const [name, pattern, resource, expected, variables] of cases) {
    it(name, () => {
      assert.equal(compileResourcePattern(pattern, variables ?? false)(requestResource(resource), ctx), expected);
    });
  }
});
