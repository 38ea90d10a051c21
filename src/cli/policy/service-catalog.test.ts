import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { validatePolicy } from '../../policy/index.ts';
import { catalogForPolicy } from './service-catalog.ts';

const action = fc.constantFrom(
  's3:GetObject',
  'S3:get*',
  'ec2:Describe?nstances',
  'nosuch:Thing',
  'iamd:Authorize',
  'iam:*',
  '*',
);
const key = fc.constantFrom(
  'aws:SourceIp',
  'AWS:TagKeys',
  's3:prefix',
  'S3:ExistingObjectTag/team',
  'ec2:ResourceTag/x',
  'token.actions.githubusercontent.com:sub',
  'cognito-identity.amazonaws.com:amr',
  'nosuch:key',
);
const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.array(action, { minLength: 1, maxLength: 3 }),
  Resource: fc.constantFrom(
    '*',
    'arn:aws:s3:::b',
    'arn:aws:s3:::b/k',
    'arn:aws:ec2:us-east-1:111111111111:instance/i-1',
  ),
  Condition: fc.dictionary(
    fc.constantFrom('StringEquals', 'ForAnyValue:StringLike', 'IpAddress'),
    fc.dictionary(key, fc.constant('a')),
  ),
});

describe('catalogForPolicy', () => {
  it('prepares every lookup validation makes: validating with it never throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(statement, { minLength: 1, maxLength: 3 }), async (statements) => {
        const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
        const source = await catalogForPolicy(text);
        assert.ok(source);
        validatePolicy(text, { kind: 'identity', catalog: source.catalog });
      }),
      { numRuns: 30 },
    );
  });

  it('knows the data version and date, and skips a text that does not parse', async () => {
    const source = await catalogForPolicy('{"Version": "2012-10-17", "Statement": []}');
    assert.match(source?.dataVersion ?? '', /^\d+\.\d+\.\d+$/);
    assert.ok(!Number.isNaN(Date.parse(source?.dataUpdatedAt ?? '')));
    assert.equal(await catalogForPolicy('{'), undefined);
  });
});
