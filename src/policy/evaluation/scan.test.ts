import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePolicies } from './compile-policies.ts';
import { A, alice, allow, bucket, deny, doc } from './decide-fixtures.test-support.ts';
import { MEMO_LIMIT } from './policy-set.ts';
import { prepareRequest } from './request.ts';

const s3 = (action: string, arn = bucket) => ({ principal: alice, action, resource: { arn, accountId: A } });

describe('the decision hot path (action plans, reused scratch)', () => {
  it('reasons of a decision stay intact after later decisions reuse the scratch buffer', () => {
    const authorizer = compilePolicies({
      identity: [doc(allow('s3:GetObject'), allow('s3:Get*'), deny('s3:DeleteObject'))],
    });
    const first = authorizer.authorize(s3('s3:GetObject'));
    const firstReasons = first.reasons.map((r) => r.statementIndex);
    authorizer.authorize(s3('s3:DeleteObject'));
    authorizer.authorize(s3('s3:PutObject'));
    assert.deepEqual(firstReasons, [0, 1]);
    assert.deepEqual(
      first.reasons.map((r) => r.statementIndex),
      [0, 1],
    );
  });

  it('one plan is memoised per action and reused, whatever the spelling of the action', () => {
    const authorizer = compilePolicies({ identity: [doc(allow('s3:GetObject'))] });
    assert.equal(authorizer.authorize(s3('s3:GetObject')).decision, 'Allow');
    assert.equal(authorizer.authorize(s3('S3:GETOBJECT')).decision, 'Allow');
    assert.equal(authorizer.set.plans.size, 1);
  });

  it('past the memo limit actions are still decided correctly and the memo stops growing', () => {
    const authorizer = compilePolicies({ identity: [doc(allow('s3:Get*'))] });
    for (let i = 0; i < MEMO_LIMIT + 10; i++) authorizer.authorize(s3(`s3:GetThing${i}`));
    assert.equal(authorizer.set.plans.size, MEMO_LIMIT);
    assert.equal(authorizer.authorize(s3(`s3:GetThing${MEMO_LIMIT + 5}`)).decision, 'Allow');
    assert.equal(authorizer.authorize(s3(`s3:PutThing${MEMO_LIMIT + 5}`)).decision, 'ImplicitDeny');
  });

  it('a prepared request and the raw request decide alike', () => {
    const authorizer = compilePolicies({
      identity: [
        doc(
          allow('s3:GetObject', 'arn:aws:s3:::example-bucket/*', {
            Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
          }),
        ),
      ],
    });
    for (const ip of ['10.1.2.3', '203.0.113.9', '2001:db8::1', 'not-an-ip']) {
      const request = { ...s3('s3:GetObject'), context: { 'aws:SourceIp': ip } };
      const raw = authorizer.authorize(request);
      const prepared = authorizer.authorize(prepareRequest(request));
      assert.deepEqual(JSON.parse(JSON.stringify(prepared)), JSON.parse(JSON.stringify(raw)));
      assert.equal(raw.decision, ip === '10.1.2.3' ? 'Allow' : 'ImplicitDeny');
    }
  });

  it('NotResource statements apply to resources outside their list only', () => {
    const authorizer = compilePolicies({
      identity: [doc(allow('s3:*'), { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::example-bucket/*' })],
    });
    assert.equal(authorizer.authorize(s3('s3:GetObject')).decision, 'Allow');
    assert.equal(authorizer.authorize(s3('s3:GetObject', 'arn:aws:s3:::other/x')).decision, 'ExplicitDeny');
  });
});
