import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePolicy } from '../document/parse-policy.ts';
import { compilePolicy } from './compile-policy.ts';
import { decide } from './decide.ts';
import { LruCache } from './lru-cache.ts';
import { createPolicySet } from './policy-set.ts';
import { prepareRequest } from './request.ts';

const A = '111111111111';
const parse = (doc: unknown) => {
  const r = parsePolicy(doc);
  assert.ok(r.ok);
  return r.policy;
};

describe('compilePolicy + createPolicySet + decide', () => {
  const managed = compilePolicy(
    parse({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Exact', Effect: 'Allow', Action: ['s3:GetObject', 'ec2:DescribeInstances'], Resource: '*' },
        { Sid: 'Wild', Effect: 'Allow', Action: ['s3:List*', 's3:GetObject'], Resource: '*' },
        { Sid: 'Not', Effect: 'Deny', NotAction: 's3:*', Resource: 'arn:aws:ec2:*:*:instance/i-secret' },
      ],
    }),
    { name: 'arn:aws:iam::aws:policy/Example' },
  );
  const set = createPolicySet({ identity: [managed] });
  const request = prepareRequest({
    principal: { type: 'user', arn: `arn:aws:iam::${A}:user/alice`, accountId: A },
    action: 'S3:GETOBJECT',
    resource: { arn: 'arn:aws:s3:::b/k', accountId: A },
  });

  it('files statements so each is found once per request, with the policy name in reasons', () => {
    const d = decide(set, request);
    assert.equal(d.decision, 'Allow');
    assert.deepEqual(
      d.reasons.map((r) => [r.sid, r.policyName]),
      [
        ['Exact', 'arn:aws:iam::aws:policy/Example'],
        ['Wild', 'arn:aws:iam::aws:policy/Example'],
      ],
    );
  });

  it('gives the same decision for a prepared request on repeated calls (memoised candidates)', () => {
    const first = decide(set, request).reasons.length;
    for (let i = 0; i < 5; i++) assert.equal(decide(set, request).reasons.length, first);
  });

  it('applies NotAction statements through the global list', () => {
    const d = decide(set, {
      principal: { type: 'user', arn: `arn:aws:iam::${A}:user/alice`, accountId: A },
      action: 'ec2:DescribeInstances',
      resource: { arn: `arn:aws:ec2:us-east-1:${A}:instance/i-secret` },
    });
    assert.equal(d.decision, 'ExplicitDeny');
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1);
    cache.set('c', 3);
    assert.equal(cache.get('b'), undefined);
    assert.deepEqual([cache.get('a'), cache.get('c'), cache.size], [1, 3, 2]);
  });
});
