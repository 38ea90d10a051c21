import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScenario } from './parse-scenario.ts';

const valid = {
  description: 'alice reads an object from the office network',
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
  request: {
    principal: { type: 'user', arn: 'arn:aws:iam::111111111111:user/alice', accountId: '111111111111' },
    action: 's3:GetObject',
    resource: { arn: 'arn:aws:s3:::example-bucket/report.csv', accountId: '111111111111' },
    context: { 'aws:SourceIp': '203.0.113.5', 's3:max-keys': 10, 'aws:TagKeys': ['a', 'b'] },
  },
  policies: {
    identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }],
    resource: null,
    permissionBoundary: null,
    scps: null,
    rcps: null,
    sessionPolicy: null,
  },
  organization: { managementAccountId: '999999999999' },
  expected: 'Allow',
};

describe('parseScenario', () => {
  it('accepts the §0 format with source, and stringifies context numbers', () => {
    const r = parseScenario(valid);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.scenario.source, valid.source);
    assert.deepEqual(r.scenario.request.context, {
      'aws:SourceIp': '203.0.113.5',
      's3:max-keys': '10',
      'aws:TagKeys': ['a', 'b'],
    });
  });

  it('accepts JSON text', () => {
    assert.ok(parseScenario(JSON.stringify(valid)).ok);
  });

  const bad: [string, unknown, string, RegExp][] = [
    ['a misspelt top-level field', { ...valid, expect: 'Allow' }, '(scenario)', /expect/],
    ['a misspelt request field', { ...valid, request: { ...valid.request, actions: 'x' } }, 'request', /actions/],
    [
      'an unknown principal type',
      { ...valid, request: { ...valid.request, principal: { ...valid.request.principal, type: 'robot' } } },
      'request.principal.type',
      /./,
    ],
    [
      'a misspelt policies field',
      { ...valid, policies: { ...valid.policies, permissionsBoundary: null } },
      'policies',
      /permissionsBoundary/,
    ],
    ['an invalid expected value', { ...valid, expected: 'Deny' }, 'expected', /./],
    [
      'a null context value',
      { ...valid, request: { ...valid.request, context: { k: null } } },
      'request.context.k',
      /./,
    ],
    [
      'a malformed policy',
      { ...valid, policies: { identity: [{ Statement: [{ Effect: 'allow', Action: '*' }] }] } },
      'policies.identity[0]#/Statement/0/Effect',
      /Effect/,
    ],
    ['invalid JSON text', '{', '(scenario)', /invalid JSON/],
  ];
  for (const [name, input, path, message] of bad) {
    it(`rejects ${name} with a clear message at ${path}`, () => {
      const r = parseScenario(input);
      assert.ok(!r.ok);
      const e = r.errors.find((x) => x.path === path);
      assert.ok(e, JSON.stringify(r.errors));
      assert.match(e.message, message);
    });
  }
});
