import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteServiceLinkedRoleCommand,
  DetachRolePolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountSummaryCommand,
  GetInstanceProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  GetUserCommand,
  type IAMClient,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  RemoveRoleFromInstanceProfileCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { rejection, startTestServer, type TestServer } from './harness.ts';

const ACCOUNT = '111122223333';
const doc = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
/** JS SDK v3 hands policy documents back URL-encoded, as AWS sends them. */
const decode = (s: string | undefined) => JSON.parse(decodeURIComponent(s ?? '')) as unknown;

describe('policies, roles and instance profiles through @aws-sdk/client-iam', () => {
  let t: TestServer;
  let iam: IAMClient;
  before(async () => {
    t = await startTestServer({ accountId: ACCOUNT });
    iam = t.iam();
  });
  after(() => t.close());

  test('managed policy lifecycle: create, version, get the document, list, attach, count, delete conflict', async () => {
    const { Policy } = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'Reader', Path: '/team/', PolicyDocument: doc('s3:GetObject') }),
    );
    const arn = `arn:aws:iam::${ACCOUNT}:policy/team/Reader`;
    assert.equal(Policy?.Arn, arn);
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:*'), SetAsDefault: true }));
    const v = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    assert.deepEqual(decode(v.PolicyVersion?.Document), JSON.parse(doc('s3:*')));
    assert.equal(v.PolicyVersion?.IsDefaultVersion, true);
    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    assert.deepEqual(
      versions.Versions?.map((x) => x.VersionId),
      ['v2', 'v1'],
    );
    await iam.send(new CreateUserCommand({ UserName: 'ann' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'ann', PolicyArn: arn }));
    await iam.send(
      new AttachUserPolicyCommand({ UserName: 'ann', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
    const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'ann' }));
    assert.deepEqual(
      attached.AttachedPolicies?.map((p) => p.PolicyName),
      ['Reader', 'ReadOnlyAccess'],
    );
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount, 1);
    const entities = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    assert.deepEqual(
      entities.PolicyUsers?.map((u) => u.UserName),
      ['ann'],
    );
    const e = await rejection(iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
    assert.equal(e.name, 'DeleteConflict');
    const local = await iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
    assert.deepEqual(
      local.Policies?.map((p) => p.PolicyName),
      ['Reader'],
    );
    const onlyAttached = await iam.send(new ListPoliciesCommand({ OnlyAttached: true }));
    assert.deepEqual(
      onlyAttached.Policies?.map((p) => p.PolicyName),
      ['Reader', 'ReadOnlyAccess'],
    );
  });

  test('AWS managed policies are served read-only with their documents', async () => {
    const arn = 'arn:aws:iam::aws:policy/IAMUserChangePassword';
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    const v = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy?.DefaultVersionId }));
    assert.match(JSON.stringify(decode(v.PolicyVersion?.Document)), /iam:ChangePassword/);
    const e = await rejection(iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
    assert.equal(e.name, 'UnmodifiableEntity');
    const malformed = await rejection(
      iam.send(new CreatePolicyCommand({ PolicyName: 'Bad', PolicyDocument: '{"Version":' })),
    );
    assert.equal(malformed.name, 'MalformedPolicyDocument');
  });

  test('roles: create with tags and boundary, inline policy, GetRole, update the trust policy, delete', async () => {
    const { Role } = await iam.send(
      new CreateRoleCommand({
        RoleName: 'app',
        AssumeRolePolicyDocument: TRUST,
        MaxSessionDuration: 7200,
        PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
        Tags: [{ Key: 'env', Value: 'dev' }],
      }),
    );
    assert.match(Role?.RoleId ?? '', /^AROA/);
    assert.deepEqual(decode(Role?.AssumeRolePolicyDocument), JSON.parse(TRUST));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'q', PolicyDocument: doc('sqs:*') }));
    const inline = await iam.send(new GetRolePolicyCommand({ RoleName: 'app', PolicyName: 'q' }));
    // On the wire the document is RFC 3986 percent-encoded JSON, which this SDK passes through.
    assert.match(inline.PolicyDocument ?? '', /^%7B%22Version%22%3A%222012-10-17%22/);
    assert.deepEqual(decode(inline.PolicyDocument), JSON.parse(doc('sqs:*')));
    assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: 'app' }))).PolicyNames, ['q']);
    const got = await iam.send(new GetRoleCommand({ RoleName: 'app' }));
    assert.equal(got.Role?.MaxSessionDuration, 7200);
    assert.equal(got.Role?.PermissionsBoundary?.PermissionsBoundaryArn, 'arn:aws:iam::aws:policy/PowerUserAccess');
    assert.deepEqual(got.Role?.Tags, [{ Key: 'env', Value: 'dev' }]);
    const trust2 = TRUST.replace('ec2', 'lambda');
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'app', PolicyDocument: trust2 }));
    assert.deepEqual(
      decode((await iam.send(new GetRoleCommand({ RoleName: 'app' }))).Role?.AssumeRolePolicyDocument),
      JSON.parse(trust2),
    );
    await iam.send(
      new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
    const conflict = await rejection(iam.send(new DeleteRoleCommand({ RoleName: 'app' })));
    assert.equal(conflict.name, 'DeleteConflict');
    await iam.send(
      new DetachRolePolicyCommand({ RoleName: 'app', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
    assert.deepEqual(
      (await iam.send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName),
      ['app'],
    );
    const bad = await rejection(
      iam.send(new CreateRoleCommand({ RoleName: 'x', AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 60 })),
    );
    assert.equal(bad.name, 'ValidationError');
  });

  test('instance profiles: create, add the role, get it back, a second role is LimitExceeded, remove', async () => {
    const { InstanceProfile } = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
    assert.match(InstanceProfile?.InstanceProfileId ?? '', /^AIPA/);
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'app' }));
    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' }));
    assert.deepEqual(
      got.InstanceProfile?.Roles?.map((r) => r.RoleName),
      ['app'],
    );
    await iam.send(new CreateRoleCommand({ RoleName: 'other', AssumeRolePolicyDocument: TRUST }));
    const full = await rejection(
      iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'other' })),
    );
    assert.equal(full.name, 'LimitExceeded');
    await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'app' }));
  });

  test('service-linked roles: create, protected from edits, delete with a task id that SUCCEEDED', async () => {
    const { Role } = await iam.send(
      new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' }),
    );
    assert.equal(Role?.RoleName, 'AWSServiceRoleForAutoScaling');
    assert.equal(Role?.Path, '/aws-service-role/autoscaling.amazonaws.com/');
    const e = await rejection(iam.send(new DeleteRoleCommand({ RoleName: 'AWSServiceRoleForAutoScaling' })));
    assert.equal(e.name, 'UnmodifiableEntity');
    const { DeletionTaskId } = await iam.send(
      new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForAutoScaling' }),
    );
    const status = await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }));
    assert.equal(status.Status, 'SUCCEEDED');
  });

  test('permissions boundary on a user, the account authorization details and the summary counts', async () => {
    await iam.send(
      new PutUserPermissionsBoundaryCommand({
        UserName: 'ann',
        PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
      }),
    );
    const { User } = await iam.send(new GetUserCommand({ UserName: 'ann' }));
    assert.equal(User?.PermissionsBoundary?.PermissionsBoundaryArn, 'arn:aws:iam::aws:policy/PowerUserAccess');
    const missing = await rejection(
      iam.send(
        new PutUserPermissionsBoundaryCommand({
          UserName: 'ann',
          PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/none`,
        }),
      ),
    );
    assert.equal(missing.name, 'NoSuchEntity');
    const details = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
    assert.deepEqual(
      details.UserDetailList?.map((u) => u.UserName),
      ['ann'],
    );
    assert.deepEqual(details.RoleDetailList?.map((r) => r.RoleName).sort(), ['app', 'other']);
    const reader = details.Policies?.find((p) => p.PolicyName === 'Reader');
    assert.equal(reader?.PolicyVersionList?.length, 2);
    assert.ok(details.Policies?.some((p) => p.PolicyName === 'PowerUserAccess'));
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    assert.deepEqual(
      [
        SummaryMap?.['Roles'],
        SummaryMap?.['Policies'],
        SummaryMap?.['PolicyVersionsInUse'],
        SummaryMap?.['InstanceProfiles'],
      ],
      [2, 1, 2, 1],
    );
  });
});
