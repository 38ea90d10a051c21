import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { simulate } from './simulate.ts';

const scenario = (expected?: string) => ({
  request: {
    principal: { type: 'user', arn: 'arn:aws:iam::111111111111:user/alice', accountId: '111111111111' },
    action: 's3:GetObject',
    resource: { arn: 'arn:aws:s3:::example-bucket/report.csv', accountId: '111111111111' },
    context: { 'aws:SourceIp': '203.0.113.5' },
  },
  policies: {
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::example-bucket/*',
            Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
          },
        ],
      },
    ],
  },
  ...(expected !== undefined ? { expected } : {}),
});

describe('simulate', () => {
  it('passes when the decision equals expected', () => {
    const r = simulate(scenario('Allow'));
    assert.ok(r.ok);
    assert.deepEqual([r.decision, r.expected, r.pass], ['Allow', 'Allow', true]);
    assert.match(r.explanation, /^Allow/);
  });

  it('fails when the decision differs from expected', () => {
    const r = simulate(scenario('ExplicitDeny'));
    assert.ok(r.ok);
    assert.equal(r.pass, false);
  });

  it('reports only the decision without expected', () => {
    const r = simulate(scenario());
    assert.ok(r.ok);
    assert.equal(r.pass, undefined);
    assert.equal(r.decision, 'Allow');
  });

  it('returns errors for an invalid scenario instead of throwing', () => {
    const r = simulate({ request: {} });
    assert.ok(!r.ok);
    assert.ok(r.errors.length > 0);
    assert.deepEqual(simulate(42).ok, false);
  });

  it('results survive JSON encoding with their text', () => {
    const r = JSON.parse(JSON.stringify(simulate(scenario('Allow'))));
    assert.equal(r.decision, 'Allow');
    assert.equal(typeof r.explanation, 'string');
  });
});
