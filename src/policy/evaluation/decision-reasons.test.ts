import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePolicies, type ScenarioPolicies } from './compile-policies.ts';
import { A, B, doc, allow, deny, alice, session, req } from './decide-fixtures.test-support.ts';
import type { AuthorizationRequest } from './request.ts';

describe('decision reasons', () => {
  it('lists the matched statements with policy kind, index, statement index and sid', () => {
    const d = compilePolicies({
      identity: [doc(allow('s3:Put*')), doc({ Sid: 'Read', ...allow('s3:GetObject') })],
      scps: [[doc(allow())]],
    }).authorize(req(alice));
    assert.equal(d.decision, 'Allow');
    assert.deepEqual(
      d.reasons.map((r) => [r.kind, r.policyIndex, r.statementIndex, r.sid, r.effect, r.level]),
      [
        ['identity', 1, 0, 'Read', 'Allow', undefined],
        ['scp', 0, 0, undefined, 'Allow', 0],
      ],
    );
    assert.deepEqual(d.perKind, {
      identity: 'Allow',
      resource: 'NotApplicable',
      boundary: 'NotApplicable',
      session: 'NotApplicable',
      scp: 'Allow',
      rcp: 'NotApplicable',
    });
  });

  it('reports missing context keys and the AWS denial phrase', () => {
    const d = compilePolicies({
      identity: [doc(allow('*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }))],
    }).authorize(req(alice));
    assert.equal(d.decision, 'ImplicitDeny');
    assert.deepEqual(d.missingContextKeys, ['aws:SourceIp']);
    assert.equal(d.denialReason, 'because no identity-based policy allows the s3:GetObject action');
    assert.match(d.explanation, /^ImplicitDeny s3:GetObject: /);
  });

  const phrases: [string, ScenarioPolicies, AuthorizationRequest, string][] = [
    ['identity deny', { identity: [doc(deny())] }, req(alice), 'with an explicit deny in an identity-based policy'],
    [
      'resource deny',
      { identity: [doc(allow())], resource: doc(deny('*', '*', { Principal: '*' })) },
      req(alice),
      'with an explicit deny in a resource-based policy',
    ],
    [
      'boundary deny',
      { identity: [doc(allow())], permissionBoundary: doc(deny()) },
      req(alice),
      'with an explicit deny in a permissions boundary',
    ],
    [
      'session deny',
      { identity: [doc(allow())], sessionPolicy: doc(deny()) },
      req(session),
      'with an explicit deny in a session policy',
    ],
    [
      'scp deny',
      { identity: [doc(allow())], scps: [[doc(deny())]] },
      req(alice),
      'with an explicit deny in a service control policy',
    ],
    [
      'rcp deny',
      { identity: [doc(allow())], rcps: [[doc(deny('*', '*', { Principal: '*' }))]] },
      req(alice),
      'with an explicit deny in a resource control policy',
    ],
    [
      'no boundary allow',
      { identity: [doc(allow())], permissionBoundary: doc(allow('ec2:*')) },
      req(alice),
      'because no permissions boundary allows the s3:GetObject action',
    ],
    [
      'no session allow',
      { identity: [doc(allow())], sessionPolicy: doc(allow('ec2:*')) },
      req(session),
      'because no session policy allows the s3:GetObject action',
    ],
    [
      'no scp allow',
      { identity: [doc(allow())], scps: [[]] },
      req(alice),
      'because no service control policy allows the s3:GetObject action',
    ],
    [
      'no resource allow cross-account',
      { identity: [doc(allow())] },
      req(alice, B),
      'because no resource-based policy allows the s3:GetObject action',
    ],
  ];
  for (const [name, policies, request, phrase] of phrases) {
    it(`${name}: "${phrase}"`, () => {
      assert.equal(compilePolicies(policies).authorize(request).denialReason, phrase);
    });
  }

  it('reports unevaluable conditions as indeterminate', () => {
    const d = compilePolicies({
      identity: [doc(allow(), deny('*', '*', { Condition: { StringEqualz: { k: 'v' } } }))],
    }).authorize(req(alice));
    assert.equal(d.indeterminate.length, 1);
    assert.match(d.indeterminate[0]!.problem, /StringEqualz/);
  });

  it('reports unparsable policies in problems and indeterminate', () => {
    const authorizer = compilePolicies({ identity: ['{"Statement":'] });
    assert.equal(authorizer.problems.length, 1);
    assert.equal(authorizer.authorize(req(alice)).indeterminate[0]!.kind, 'identity');
  });

  it('keeps the reasons of each decision when later decisions match other statements', () => {
    const authorizer = compilePolicies({
      identity: [doc(allow('s3:GetObject'), allow('s3:*', 'arn:aws:s3:::other/*'), allow('s3:GetObject', '*'))],
      permissionBoundary: doc(allow('s3:*'), allow('s3:GetObject', 'arn:aws:s3:::other/*')),
    });
    const indexes = (d: { reasons: readonly { kind: string; statementIndex: number }[] }) =>
      d.reasons.map((r) => `${r.kind}${r.statementIndex}`);
    const first = authorizer.authorize(req(alice));
    const second = authorizer.authorize(req(alice, A, 's3:GetObject', 'arn:aws:s3:::other/x'));
    const third = authorizer.authorize(req(alice));
    assert.deepEqual(indexes(first), ['identity0', 'identity2', 'boundary0']);
    // Index order: exact-action statements first, then the service's wildcard ones.
    assert.deepEqual(indexes(second), ['identity0', 'identity2', 'identity1', 'boundary1', 'boundary0']);
    assert.deepEqual(indexes(third), ['identity0', 'identity2', 'boundary0']);
    const one = compilePolicies({ identity: [doc(allow('s3:GetObject'))], permissionBoundary: doc(allow('s3:*')) });
    const a = one.authorize(req(alice));
    const b = one.authorize(req(alice, A, 's3:GetObject', 'arn:aws:s3:::other/y'));
    assert.deepEqual(indexes(a), ['identity0', 'boundary0']);
    assert.deepEqual(b.reasons, a.reasons);
  });

  it('returns reasons arrays that cannot be changed (they may be shared between decisions)', () => {
    const d = compilePolicies({ identity: [doc(allow('s3:GetObject'))] }).authorize(req(alice));
    assert.equal(d.reasons.length, 1);
    assert.throws(() => (d.reasons as unknown[]).push(d.reasons[0]), TypeError);
    assert.equal(d.reasons.length, 1);
  });
});
