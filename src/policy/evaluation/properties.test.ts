import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parsePolicy } from '../document/parse-policy.ts';
import { printPolicy } from '../document/print-policy.ts';
import { compilePolicies, type ScenarioPolicies } from './compile-policies.ts';
import type { AuthorizationRequest } from './request.ts';

const A = '111111111111';
const actions = ['s3:GetObject', 's3:PutObject', 's3:Get*', 'ec2:*', '*', 'iam:*User*'];
const resources = ['*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/x', 'arn:aws:s3:::c/*', 'arn:aws:ec2:*:*:instance/*'];
const conditions = [
  undefined,
  { StringEquals: { 'aws:username': 'alice' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['a*'] } },
];

const statement = (effect: 'Allow' | 'Deny') =>
  fc
    .record({
      Effect: fc.constant(effect),
      Action: fc.subarray(actions, { minLength: 1 }),
      Resource: fc.subarray(resources, { minLength: 1 }),
      Condition: fc.constantFrom(...conditions),
    })
    .map((s) => (s.Condition === undefined ? { Effect: s.Effect, Action: s.Action, Resource: s.Resource } : s));
const anyStatement = fc.oneof(statement('Allow'), statement('Deny'));
const policy = fc
  .array(anyStatement, { minLength: 1, maxLength: 4 })
  .map((Statement) => ({ Version: '2012-10-17', Statement }));
const request = fc.record({
  action: fc.constantFrom('s3:GetObject', 's3:PutObject', 'ec2:RunInstances', 'iam:CreateUser'),
  resource: fc.constantFrom('arn:aws:s3:::b/x', 'arn:aws:s3:::c/y', '*', 'arn:aws:ec2:us-east-1:1:instance/i'),
  ip: fc.constantFrom(undefined, '10.1.1.1', '203.0.113.1'),
  principal: fc.constantFrom('alice', 'bob'),
});
const policies = fc.record({
  identity: fc.array(policy, { minLength: 0, maxLength: 3 }),
  boundary: fc.option(policy, { nil: null }),
});

function toRequest(r: {
  action: string;
  resource: string;
  ip: string | undefined;
  principal: string;
}): AuthorizationRequest {
  return {
    principal: { type: 'user', arn: `arn:aws:iam::${A}:user/${r.principal}`, accountId: A },
    action: r.action,
    resource: { arn: r.resource, accountId: A },
    context: r.ip === undefined ? { 'aws:TagKeys': ['ab'] } : { 'aws:SourceIp': r.ip },
  };
}

const decideOn = (p: ScenarioPolicies, r: AuthorizationRequest) => compilePolicies(p).authorize(r).decision;

describe('engine properties', () => {
  it('adding a Deny statement never turns a decision into Allow', () => {
    fc.assert(
      fc.property(policies, request, statement('Deny'), (p, r, extra) => {
        const base: ScenarioPolicies = { identity: p.identity, permissionBoundary: p.boundary };
        const before = decideOn(base, toRequest(r));
        const after = decideOn(
          { ...base, identity: [...p.identity, { Version: '2012-10-17', Statement: [extra] }] },
          toRequest(r),
        );
        return !(after === 'Allow' && before !== 'Allow') && !(before === 'ExplicitDeny' && after !== 'ExplicitDeny');
      }),
      { numRuns: 200 },
    );
  });

  it('adding an Allow statement never overrides an explicit deny', () => {
    fc.assert(
      fc.property(policies, request, statement('Allow'), (p, r, extra) => {
        const base: ScenarioPolicies = { identity: p.identity, permissionBoundary: p.boundary };
        const before = decideOn(base, toRequest(r));
        const after = decideOn(
          { ...base, identity: [...p.identity, { Version: '2012-10-17', Statement: [extra] }] },
          toRequest(r),
        );
        return before !== 'ExplicitDeny' || after === 'ExplicitDeny';
      }),
      { numRuns: 200 },
    );
  });

  it('parse → print → parse is stable', () => {
    fc.assert(
      fc.property(policy, fc.boolean(), (doc, single) => {
        const input = single ? { ...doc, Statement: doc.Statement[0] } : doc;
        const first = parsePolicy(input);
        if (!first.ok) return false;
        const second = parsePolicy(printPolicy(first.policy));
        assert.ok(second.ok);
        assert.deepEqual(second.policy, first.policy);
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
