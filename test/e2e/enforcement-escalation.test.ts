import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AddRoleToInstanceProfileCommand,
  AttachUserPolicyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteUserPermissionsBoundaryCommand,
  GetUserCommand,
  type IAMClient,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { rejection, startTestServer, type TestServer } from './harness.ts';
import { type Actor, createActor, deniedMessage, explicitDeny, noAllow, policy } from './enforcement-support.test.ts';

describe('enforcement: the classic privilege-escalation paths are closed', () => {
  let t: TestServer;
  let root: IAMClient;
  let mallory: Actor;
  let account: string;
  let ownPolicyArn: string;
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  before(async () => {
    t = await startTestServer();
    root = t.iam();
    account = t.server.accountId;
    mallory = await createActor(t, root, 'mallory');
    // Mallory may read IAM and put roles into instance profiles, nothing else.
    const own = await root.send(
      new CreatePolicyCommand({
        PolicyName: 'MalloryRead',
        PolicyDocument: policy('Allow', [
          'iam:Get*',
          'iam:List*',
          'iam:CreateInstanceProfile',
          'iam:AddRoleToInstanceProfile',
        ]),
      }),
    );
    ownPolicyArn = own.Policy!.Arn!;
    await root.send(new AttachUserPolicyCommand({ UserName: 'mallory', PolicyArn: ownPolicyArn }));
    await root.send(new CreateRoleCommand({ RoleName: 'admin-role', AssumeRolePolicyDocument: trust }));
  });
  after(() => t.close());

  const denied = async (call: Promise<unknown>, action: string, resource: string, reason?: string) => {
    const e = await rejection(call);
    assert.equal(e.name, 'AccessDenied');
    assert.equal(
      e.message,
      deniedMessage(mallory.arn, action, resource, reason ?? noAllow('identity-based policy', action)),
    );
  };

  test('the user can read, so the denials below are about the escalation, not a missing login', async () => {
    assert.equal((await mallory.iam.send(new GetUserCommand({}))).User?.UserName, 'mallory');
  });

  test('cannot attach AdministratorAccess to itself', async () => {
    await denied(
      mallory.iam.send(
        new AttachUserPolicyCommand({ UserName: 'mallory', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
      ),
      'iam:AttachUserPolicy',
      mallory.arn,
    );
  });

  test('cannot rewrite its own managed policy with a new default version', async () => {
    await denied(
      mallory.iam.send(
        new CreatePolicyVersionCommand({
          PolicyArn: ownPolicyArn,
          PolicyDocument: policy('Allow', '*'),
          SetAsDefault: true,
        }),
      ),
      'iam:CreatePolicyVersion',
      ownPolicyArn,
    );
  });

  test('cannot put an inline policy on itself', async () => {
    await denied(
      mallory.iam.send(
        new PutUserPolicyCommand({ UserName: 'mallory', PolicyName: 'me', PolicyDocument: policy('Allow', '*') }),
      ),
      'iam:PutUserPolicy',
      mallory.arn,
    );
  });

  test('cannot change or remove its permissions boundary', async () => {
    await root.send(
      new PutUserPermissionsBoundaryCommand({
        UserName: 'mallory',
        PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    await denied(
      mallory.iam.send(
        new PutUserPermissionsBoundaryCommand({
          UserName: 'mallory',
          PermissionsBoundary: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      ),
      'iam:PutUserPermissionsBoundary',
      mallory.arn,
    );
    await denied(
      mallory.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'mallory' })),
      'iam:DeleteUserPermissionsBoundary',
      mallory.arn,
    );
    await root.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'mallory' }));
  });

  test('cannot pass a role to an instance profile without iam:PassRole on the role', async () => {
    await mallory.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'escape' }));
    const add = () =>
      mallory.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'escape', RoleName: 'admin-role' }));
    await denied(add(), 'iam:PassRole', `arn:aws:iam::${account}:role/admin-role`);
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'mallory',
        PolicyName: 'pass',
        PolicyDocument: policy('Allow', 'iam:PassRole', `arn:aws:iam::${account}:role/admin-role`),
      }),
    );
    await add();
  });

  test('delegated administration: CreateUser only with the required permissions boundary, which cannot be removed', async () => {
    const boundaryArn = `arn:aws:iam::${account}:policy/Boundary`;
    await root.send(
      new CreatePolicyCommand({ PolicyName: 'Boundary', PolicyDocument: policy('Allow', ['iam:Get*', 'iam:List*']) }),
    );
    const delegate = await createActor(t, root, 'delegate');
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'delegate',
        PolicyName: 'delegated-admin',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['iam:CreateUser', 'iam:PutUserPermissionsBoundary'],
              Resource: '*',
              Condition: { StringEquals: { 'iam:PermissionsBoundary': boundaryArn } },
            },
            { Effect: 'Deny', Action: 'iam:DeleteUserPermissionsBoundary', Resource: '*' },
          ],
        }),
      }),
    );
    const noBoundary = await rejection(delegate.iam.send(new CreateUserCommand({ UserName: 'free' })));
    assert.equal(
      noBoundary.message,
      deniedMessage(
        delegate.arn,
        'iam:CreateUser',
        `arn:aws:iam::${account}:user/free`,
        noAllow('identity-based policy', 'iam:CreateUser'),
      ),
    );
    const other = await rejection(
      delegate.iam.send(
        new CreateUserCommand({ UserName: 'free', PermissionsBoundary: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
      ),
    );
    assert.equal(other.name, 'AccessDenied');
    const { User } = await delegate.iam.send(
      new CreateUserCommand({ UserName: 'bounded', PermissionsBoundary: boundaryArn }),
    );
    assert.equal(User?.PermissionsBoundary?.PermissionsBoundaryArn, boundaryArn);
    const remove = await rejection(
      delegate.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'bounded' })),
    );
    assert.equal(
      remove.message,
      deniedMessage(
        delegate.arn,
        'iam:DeleteUserPermissionsBoundary',
        `arn:aws:iam::${account}:user/bounded`,
        explicitDeny('an identity-based policy'),
      ),
    );
  });
});
