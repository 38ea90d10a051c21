import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteGroupPolicyCommand,
  DeleteUserPermissionsBoundaryCommand,
  PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  CreateUserCommand,
  DeleteUserPolicyCommand,
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  GetGroupCommand,
  GetUserCommand,
  type IAMClient,
  ListAccessKeysCommand,
  ListGroupsCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import fc from 'fast-check';
import { rejection, startTestServer, type TestServer } from './harness.ts';
import { type Actor, createActor, policy } from './enforcement-support.test.ts';

describe('the policy simulator agrees with live enforcement', () => {
  let t: TestServer;
  let root: IAMClient;
  let sam: Actor;
  let account: string;
  before(async () => {
    t = await startTestServer();
    root = t.iam();
    account = t.server.accountId;
    sam = await createActor(t, root, 'sam');
    await root.send(new CreateUserCommand({ UserName: 'other', Path: '/eng/' }));
    await root.send(new CreateGroupCommand({ GroupName: 'ops' }));
  });
  after(() => t.close());

  /** Read-only calls (so a live Allow changes nothing) with the resource each acts on. */
  const probes = () => [
    { action: 'iam:ListUsers', resource: '*', call: () => sam.iam.send(new ListUsersCommand({})) },
    { action: 'iam:ListGroups', resource: '*', call: () => sam.iam.send(new ListGroupsCommand({})) },
    { action: 'iam:GetUser', resource: sam.arn, call: () => sam.iam.send(new GetUserCommand({})) },
    {
      action: 'iam:GetUser',
      resource: `arn:aws:iam::${account}:user/eng/other`,
      call: () => sam.iam.send(new GetUserCommand({ UserName: 'other' })),
    },
    {
      action: 'iam:GetGroup',
      resource: `arn:aws:iam::${account}:group/ops`,
      call: () => sam.iam.send(new GetGroupCommand({ GroupName: 'ops' })),
    },
    { action: 'iam:ListAccessKeys', resource: sam.arn, call: () => sam.iam.send(new ListAccessKeysCommand({})) },
  ];

  /** Live: allowed unless AccessDenied. Simulated: `allowed`. They must agree for every probe. */
  const outcomes = new Set<boolean>();
  const assertAgreement = async () => {
    for (const p of probes()) {
      let live: boolean;
      try {
        await p.call();
        live = true;
      } catch (e) {
        assert.equal((e as { name: string }).name, 'AccessDenied');
        live = false;
      }
      const sim = await root.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: sam.arn,
          ActionNames: [p.action],
          ResourceArns: [p.resource],
        }),
      );
      const result = sim.EvaluationResults?.[0];
      assert.equal(result?.EvalResourceName, p.resource);
      outcomes.add(live);
      assert.equal(
        result?.EvalDecision === 'allowed',
        live,
        `${p.action} on ${p.resource}: simulated ${result?.EvalDecision}, live ${live}`,
      );
    }
  };

  test('SimulatePrincipalPolicy reports decisions, matched statements and positions in AWS shapes', async () => {
    await root.send(
      new PutUserPolicyCommand({ UserName: 'sam', PolicyName: 'read', PolicyDocument: policy('Allow', 'iam:List*') }),
    );
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'sam',
        PolicyName: 'no-groups',
        PolicyDocument: policy('Deny', 'iam:ListGroups'),
      }),
    );
    const r = await root.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: sam.arn,
        ActionNames: ['iam:ListUsers', 'iam:ListGroups', 'iam:CreateUser'],
      }),
    );
    assert.deepEqual(
      r.EvaluationResults?.map((e) => [e.EvalActionName, e.EvalDecision]),
      [
        ['iam:ListUsers', 'allowed'],
        ['iam:ListGroups', 'explicitDeny'],
        ['iam:CreateUser', 'implicitDeny'],
      ],
    );
    const first = r.EvaluationResults?.[0]?.MatchedStatements?.[0];
    assert.equal(first?.SourcePolicyId, 'read');
    assert.equal(first?.SourcePolicyType, 'user');
    assert.deepEqual(first?.StartPosition, { Line: 1, Column: 38 });
    assert.equal(r.IsTruncated, false);
    await assertAgreement();
    await root.send(new DeleteUserPolicyCommand({ UserName: 'sam', PolicyName: 'read' }));
    await root.send(new DeleteUserPolicyCommand({ UserName: 'sam', PolicyName: 'no-groups' }));
  });

  test('SimulatePrincipalPolicy with a group as the source simulates the group\'s own policies', async () => {
    await root.send(
      new PutGroupPolicyCommand({ GroupName: 'ops', PolicyName: 'ops-read', PolicyDocument: policy('Allow', 'iam:Get*') }),
    );
    const r = await root.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${account}:group/ops`,
        ActionNames: ['iam:GetRole', 'iam:ListUsers'],
      }),
    );
    assert.deepEqual(
      r.EvaluationResults?.map((e) => [e.EvalActionName, e.EvalDecision]),
      [
        ['iam:GetRole', 'allowed'],
        ['iam:ListUsers', 'implicitDeny'],
      ],
    );
    const matched = r.EvaluationResults?.[0]?.MatchedStatements?.[0];
    assert.equal(matched?.SourcePolicyId, 'ops-read');
    assert.equal(matched?.SourcePolicyType, 'group');
    const missing = await rejection(
      root.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${account}:group/nope`, ActionNames: ['iam:GetRole'] })),
    );
    assert.equal(missing.name, 'NoSuchEntity');
    await root.send(new DeleteGroupPolicyCommand({ GroupName: 'ops', PolicyName: 'ops-read' }));
  });

  test('SimulateCustomPolicy and the GetContextKeys actions answer in AWS shapes', async () => {
    const doc = policy('Allow', 'iam:CreateUser', '*', { StringEquals: { 'aws:RequestTag/team': 'blue' } });
    const custom = await root.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [doc],
        ActionNames: ['iam:CreateUser'],
        ContextEntries: [
          { ContextKeyName: 'aws:RequestTag/team', ContextKeyValues: ['blue'], ContextKeyType: 'string' },
        ],
      }),
    );
    assert.equal(custom.EvaluationResults?.[0]?.EvalDecision, 'allowed');
    assert.equal(custom.EvaluationResults?.[0]?.MatchedStatements?.[0]?.SourcePolicyId, 'PolicyInputList.1');
    const missing = await root.send(
      new SimulateCustomPolicyCommand({ PolicyInputList: [doc], ActionNames: ['iam:CreateUser'] }),
    );
    assert.deepEqual(missing.EvaluationResults?.[0]?.MissingContextValues, ['aws:RequestTag/team']);
    const keys = await root.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [doc] }));
    assert.deepEqual(keys.ContextKeyNames, ['aws:RequestTag/team']);
    const principalKeys = await root.send(
      new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: sam.arn, PolicyInputList: [doc] }),
    );
    assert.deepEqual(principalKeys.ContextKeyNames, ['aws:RequestTag/team']);
    const bad = await rejection(
      root.send(new SimulateCustomPolicyCommand({ PolicyInputList: ['{'], ActionNames: ['iam:CreateUser'] })),
    );
    assert.equal(bad.name, 'MalformedPolicyDocument');
  });

  test('unlike AWS, simulating sts:AssumeRole on a role considers its trust policy', async () => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: sam.arn }, Action: 'sts:AssumeRole' }],
    });
    const { Role } = await root.send(new CreateRoleCommand({ RoleName: 'sam-role', Path: '/ci/', AssumeRolePolicyDocument: trust }));
    const simulate = (PolicySourceArn: string) =>
      root.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn, ActionNames: ['sts:AssumeRole'], ResourceArns: [Role!.Arn!] }));
    const asSam = (await simulate(sam.arn)).EvaluationResults?.[0];
    assert.equal(asSam?.EvalDecision, 'allowed');
    assert.deepEqual(
      asSam?.MatchedStatements?.map((m) => [m.SourcePolicyId, m.SourcePolicyType]),
      [['AssumeRolePolicyDocument', 'resource']],
    );
    assert.equal((await simulate(`arn:aws:iam::${account}:user/eng/other`)).EvaluationResults?.[0]?.EvalDecision, 'implicitDeny');
    // A role as the policy source is simulated as a session of that role.
    const asRole = await root.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: Role!.Arn!, ActionNames: ['iam:ListUsers'] }),
    );
    assert.equal(asRole.EvaluationResults?.[0]?.EvalDecision, 'implicitDeny');
  });

  test('a user may simulate only with iam:SimulatePrincipalPolicy permission', async () => {
    const e = await rejection(
      sam.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: sam.arn, ActionNames: ['iam:ListUsers'] })),
    );
    assert.equal(e.name, 'AccessDenied');
  });

  test('property: for random small policy sets the simulator and the live call never disagree', async () => {
    const actions = [
      'iam:ListUsers',
      'iam:ListGroups',
      'iam:GetUser',
      'iam:GetGroup',
      'iam:ListAccessKeys',
      'iam:Get*',
      'iam:List*',
      'iam:*',
    ];
    const resources = [
      '*',
      sam.arn,
      `arn:aws:iam::${account}:user/eng/*`,
      `arn:aws:iam::${account}:group/*`,
      `arn:aws:iam::${account}:user/s*`,
    ];
    // Boundaries to pick from: none, two that allow part of IAM, one that allows all but denies ListGroups.
    const boundaries: (string | undefined)[] = [undefined];
    for (const [name, document] of [
      ['BGet', policy('Allow', 'iam:Get*')],
      ['BList', policy('Allow', ['iam:List*', 'iam:GetUser'])],
      [
        'BNoGroups',
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Effect: 'Deny', Action: 'iam:ListGroups', Resource: '*' },
          ],
        }),
      ],
    ] as const) {
      boundaries.push(
        (await root.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document }))).Policy!.Arn!,
      );
    }
    await root.send(new AddUserToGroupCommand({ GroupName: 'ops', UserName: 'sam' }));
    const statement = fc.record({
      effect: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Allow', 'Deny'),
      actions: fc.subarray(actions, { minLength: 1, maxLength: 3 }),
      resource: fc.constantFrom(...resources),
      holder: fc.constantFrom<'user' | 'group'>('user', 'group'),
    });
    const setup = fc.record({
      statements: fc.array(statement, { minLength: 1, maxLength: 3 }),
      boundary: fc.constantFrom(...boundaries),
    });
    let written: { holder: 'user' | 'group'; name: string }[] = [];
    await fc.assert(
      fc.asyncProperty(setup, async ({ statements, boundary }) => {
        for (const w of written) {
          if (w.holder === 'user')
            await root.send(new DeleteUserPolicyCommand({ UserName: 'sam', PolicyName: w.name }));
          else await root.send(new DeleteGroupPolicyCommand({ GroupName: 'ops', PolicyName: w.name }));
        }
        written = [];
        for (const [i, st] of statements.entries()) {
          const name = `p${i}`;
          const document = policy(st.effect, st.actions, st.resource);
          if (st.holder === 'user')
            await root.send(new PutUserPolicyCommand({ UserName: 'sam', PolicyName: name, PolicyDocument: document }));
          else
            await root.send(
              new PutGroupPolicyCommand({ GroupName: 'ops', PolicyName: name, PolicyDocument: document }),
            );
          written.push({ holder: st.holder, name });
        }
        if (boundary === undefined)
          await root.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'sam' })).catch(() => undefined);
        else await root.send(new PutUserPermissionsBoundaryCommand({ UserName: 'sam', PermissionsBoundary: boundary }));
        await assertAgreement();
      }),
      { numRuns: 10, seed: 4 },
    );
    // Not vacuous: the random sets produced both allowed and denied calls.
    assert.deepEqual([...outcomes].sort(), [false, true]);
  });
});
