import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import type { RequestContext } from '../identity/index.ts';
import type { ServiceData } from '../service-data/index.ts';
import { isIamError, ManualClock } from '../shared/index.ts';
import { type Authorizer, createAuthorizer } from './authorizer.ts';
import { FakeIdentity, policy } from './fake-identity.test.ts';
import { iamCatalog } from './test-catalog.test.ts';

const A = '111122223333';
const root: RequestContext = {
  accountId: A,
  partition: 'aws',
  region: 'us-east-1',
  requestId: 'r',
  caller: { type: 'root', accountId: A, arn: `arn:aws:iam::${A}:root`, userId: A },
};
const BOB = `arn:aws:iam::${A}:user/bob`;

describe('policy simulator', () => {
  let data: ServiceData;
  let identity: FakeIdentity;
  let authz: Authorizer;
  before(async () => {
    data = await iamCatalog();
  });
  beforeEach(() => {
    identity = new FakeIdentity();
    authz?.close();
    authz = createAuthorizer({ identity, clock: new ManualClock(), catalog: data });
    identity.putUser(A, 'bob', {
      identity: [
        { source: 'user-inline', name: 'inline', document: policy('Allow', ['iam:Get*', 'iam:List*']) },
        {
          source: 'group-inline',
          name: 'ops',
          via: 'admins',
          document: policy('Allow', 'iam:CreateUser', '*', { StringEquals: { 'aws:RequestTag/team': 'blue' } }),
        },
        {
          source: 'managed',
          name: 'NoDelete',
          arn: `arn:aws:iam::${A}:policy/NoDelete`,
          document: policy('Deny', 'iam:Delete*'),
        },
      ],
    });
  });

  it('SimulatePrincipalPolicy reports allowed, explicitDeny and implicitDeny with matched statements', async () => {
    const r = await authz.simulatePrincipalPolicy(root, {
      PolicySourceArn: BOB,
      ActionNames: ['iam:GetUser', 'iam:DeleteUser', 'iam:CreateRole'],
    });
    assert.deepEqual(
      r.EvaluationResults.map((e) => [e.EvalActionName, e.EvalResourceName, e.EvalDecision]),
      [
        ['iam:GetUser', '*', 'allowed'],
        ['iam:DeleteUser', '*', 'explicitDeny'],
        ['iam:CreateRole', '*', 'implicitDeny'],
      ],
    );
    assert.deepEqual(r.EvaluationResults[0]!.MatchedStatements, [
      {
        SourcePolicyId: 'inline',
        SourcePolicyType: 'user',
        StartPosition: { Line: 1, Column: 38 },
        EndPosition: { Line: 1, Column: 105 },
      },
    ]);
    assert.equal(r.EvaluationResults[1]!.MatchedStatements[0]!.SourcePolicyType, 'user-managed');
    assert.equal(r.IsTruncated, false);
  });

  it('reports missing context values and uses ContextEntries', async () => {
    const base = { PolicySourceArn: BOB, ActionNames: ['iam:CreateUser'] };
    const missing = await authz.simulatePrincipalPolicy(root, base);
    assert.equal(missing.EvaluationResults[0]!.EvalDecision, 'implicitDeny');
    assert.deepEqual(missing.EvaluationResults[0]!.MissingContextValues, ['aws:RequestTag/team']);
    const given = await authz.simulatePrincipalPolicy(root, {
      ...base,
      ContextEntries: [{ ContextKeyName: 'aws:RequestTag/team', ContextKeyValues: ['blue'], ContextKeyType: 'string' }],
    });
    assert.equal(given.EvaluationResults[0]!.EvalDecision, 'allowed');
    assert.equal(given.EvaluationResults[0]!.MatchedStatements[0]!.SourcePolicyType, 'group');
  });

  it('PolicyInputList adds policies and a boundary input caps them', async () => {
    const r = await authz.simulatePrincipalPolicy(root, {
      PolicySourceArn: BOB,
      ActionNames: ['iam:CreateRole', 'iam:GetUser'],
      PolicyInputList: [policy('Allow', 'iam:CreateRole')],
      PermissionsBoundaryPolicyInputList: [policy('Allow', 'iam:CreateRole')],
    });
    assert.deepEqual(
      r.EvaluationResults.map((e) => [
        e.EvalDecision,
        e.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary,
      ]),
      [
        ['allowed', true],
        ['implicitDeny', false],
      ],
    );
    assert.equal(
      r.EvaluationResults[0]!.MatchedStatements.some((m) => m.SourcePolicyId === 'PolicyInputList.1'),
      true,
    );
  });

  it('SimulateCustomPolicy evaluates only the given policies, per resource, paginated', async () => {
    const input = {
      PolicyInputList: [policy('Allow', 'iam:GetUser', `arn:aws:iam::${A}:user/a*`)],
      ActionNames: ['iam:GetUser'],
      ResourceArns: [`arn:aws:iam::${A}:user/alice`, `arn:aws:iam::${A}:user/bob`, `arn:aws:iam::${A}:user/anna`],
      MaxItems: 2,
    };
    const first = await authz.simulateCustomPolicy(root, input);
    assert.deepEqual(
      first.EvaluationResults.map((e) => e.EvalDecision),
      ['allowed', 'implicitDeny'],
    );
    assert.equal(first.IsTruncated, true);
    const second = await authz.simulateCustomPolicy(root, { ...input, Marker: first.Marker! });
    assert.deepEqual(
      second.EvaluationResults.map((e) => e.EvalResourceName),
      [`arn:aws:iam::${A}:user/anna`],
    );
    assert.equal(second.IsTruncated, false);
  });

  it('simulating sts:AssumeRole considers the role trust policy (unlike AWS)', async () => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: BOB }, Action: 'sts:AssumeRole' }],
    });
    identity.putRole(A, 'deploy', trust);
    identity.putUser(A, 'carol');
    const roleArn = `arn:aws:iam::${A}:role/deploy`;
    const asBob = await authz.simulatePrincipalPolicy(root, {
      PolicySourceArn: BOB,
      ActionNames: ['sts:AssumeRole'],
      ResourceArns: [roleArn],
    });
    assert.equal(asBob.EvaluationResults[0]!.EvalDecision, 'allowed');
    assert.equal(asBob.EvaluationResults[0]!.MatchedStatements[0]!.SourcePolicyType, 'resource');
    const asCarol = await authz.simulatePrincipalPolicy(root, {
      PolicySourceArn: `arn:aws:iam::${A}:user/carol`,
      ActionNames: ['sts:AssumeRole'],
      ResourceArns: [roleArn],
    });
    assert.equal(asCarol.EvaluationResults[0]!.EvalDecision, 'implicitDeny');
  });

  it("CallerArn is the principal a ResourcePolicy is matched against; the policies stay the source user's", async () => {
    const resourcePolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${A}:user/carol` },
          Action: 'iam:CreateRole',
          Resource: '*',
        },
      ],
    });
    const base = {
      PolicySourceArn: BOB,
      ActionNames: ['iam:CreateRole'],
      ResourceArns: [`arn:aws:iam::${A}:role/x`],
      ResourcePolicy: resourcePolicy,
    };
    const asBob = await authz.simulatePrincipalPolicy(root, base);
    assert.equal(asBob.EvaluationResults[0]!.EvalDecision, 'implicitDeny');
    const asCarol = await authz.simulatePrincipalPolicy(root, { ...base, CallerArn: `arn:aws:iam::${A}:user/carol` });
    assert.equal(asCarol.EvaluationResults[0]!.EvalDecision, 'allowed');
    assert.deepEqual(
      asCarol.EvaluationResults[0]!.MatchedStatements.map((m) => [m.SourcePolicyId, m.SourcePolicyType]),
      [['ResourcePolicy', 'resource']],
    );
    assert.deepEqual(asCarol.EvaluationResults[0]!.EvalDecisionDetails, new Map());
    await assert.rejects(
      authz.simulatePrincipalPolicy(root, { ...base, CallerArn: `arn:aws:iam::${A}:role/r` }),
      (e) => isIamError(e) && e.code === 'InvalidInput',
    );
  });

  const errors: { name: string; input: object; code: string }[] = [
    {
      name: 'an unknown user',
      input: { PolicySourceArn: `arn:aws:iam::${A}:user/nobody`, ActionNames: ['iam:GetUser'] },
      code: 'NoSuchEntity',
    },
    { name: 'a malformed ARN', input: { PolicySourceArn: 'bob', ActionNames: ['iam:GetUser'] }, code: 'InvalidInput' },
    {
      name: 'a malformed input policy',
      input: { PolicySourceArn: BOB, ActionNames: ['iam:GetUser'], PolicyInputList: ['{'] },
      code: 'MalformedPolicyDocument',
    },
    {
      name: 'a bad context type',
      input: {
        PolicySourceArn: BOB,
        ActionNames: ['iam:GetUser'],
        ContextEntries: [{ ContextKeyName: 'k', ContextKeyValues: ['v'], ContextKeyType: 'str' }],
      },
      code: 'InvalidInput',
    },
    {
      name: 'MaxItems 0',
      input: { PolicySourceArn: BOB, ActionNames: ['iam:GetUser'], MaxItems: 0 },
      code: 'ValidationError',
    },
    {
      name: 'a forged Marker',
      input: { PolicySourceArn: BOB, ActionNames: ['iam:GetUser'], Marker: 'xyz' },
      code: 'InvalidInput',
    },
  ];
  for (const e of errors) {
    it(`answers ${e.code} for ${e.name}`, async () => {
      await assert.rejects(
        authz.simulatePrincipalPolicy(root, e.input as never),
        (err) => isIamError(err) && err.code === e.code,
      );
    });
  }

  it('GetContextKeysForPrincipalPolicy lists the keys of all the principal policies and inputs', async () => {
    const r = await authz.getContextKeysForPrincipalPolicy(root, {
      PolicySourceArn: BOB,
      PolicyInputList: [
        policy('Allow', '*', '*', {
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          StringEquals: { 'AWS:RequestTag/team': 'x' },
        }),
      ],
    });
    assert.deepEqual(r.ContextKeyNames, ['aws:RequestTag/team', 'aws:MultiFactorAuthPresent']);
    const custom = await authz.getContextKeysForCustomPolicy(root, { PolicyInputList: [policy('Allow', '*')] });
    assert.deepEqual(custom.ContextKeyNames, []);
  });
});
