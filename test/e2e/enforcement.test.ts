import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteUserPermissionsBoundaryCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetUserCommand,
  type IAMClient,
  ListGroupsCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { rejection, startTestServer, type TestServer } from './harness.ts';
import { type Actor, createActor, deniedMessage, explicitDeny, noAllow, policy } from './enforcement-support.test.ts';

describe('enforcement: every policy kind grants, a Deny wins, a boundary caps (through @aws-sdk/client-iam)', () => {
  let t: TestServer;
  let root: IAMClient;
  let bob: Actor;
  let account: string;
  before(async () => {
    t = await startTestServer();
    root = t.iam();
    account = t.server.accountId;
    bob = await createActor(t, root, 'bob');
    await root.send(new CreateUserCommand({ UserName: 'carol', Path: '/eng/' }));
  });
  after(() => t.close());

  const listUsersDenied = async (reason: string) => {
    const e = await rejection(bob.iam.send(new ListUsersCommand({})));
    assert.equal(e.name, 'AccessDenied');
    assert.equal(e.status, 403);
    assert.equal(e.message, deniedMessage(bob.arn, 'iam:ListUsers', '*', reason));
  };

  test('a user without policies is denied, and the message says no identity-based policy allows it', async () => {
    await listUsersDenied(noAllow('identity-based policy', 'iam:ListUsers'));
  });

  test('GetCallerIdentity is never denied', async () => {
    const me = await bob.sts.send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, bob.arn);
  });

  test('the root user may do anything in its account', async () => {
    const { Users } = await root.send(new ListUsersCommand({}));
    assert.ok((Users ?? []).some((u) => u.UserName === 'bob'));
  });

  test('a group policy grants; a user Deny then wins; removing it grants again; leaving the group denies', async () => {
    await root.send(new CreateGroupCommand({ GroupName: 'readers' }));
    await root.send(
      new PutGroupPolicyCommand({
        GroupName: 'readers',
        PolicyName: 'list',
        PolicyDocument: policy('Allow', 'iam:ListUsers'),
      }),
    );
    await listUsersDenied(noAllow('identity-based policy', 'iam:ListUsers'));
    await root.send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'bob' }));
    await bob.iam.send(new ListUsersCommand({}));
    await root.send(
      new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'no-list', PolicyDocument: policy('Deny', 'iam:List*') }),
    );
    await listUsersDenied(explicitDeny('an identity-based policy'));
    await root.send(new DeleteUserPolicyCommand({ UserName: 'bob', PolicyName: 'no-list' }));
    await bob.iam.send(new ListUsersCommand({}));
    await root.send(new RemoveUserFromGroupCommand({ GroupName: 'readers', UserName: 'bob' }));
    await listUsersDenied(noAllow('identity-based policy', 'iam:ListUsers'));
  });

  test('a user inline policy grants on the resource it names, with the path in the ARN', async () => {
    const carol = `arn:aws:iam::${account}:user/eng/carol`;
    const get = () => bob.iam.send(new GetUserCommand({ UserName: 'carol' }));
    const e = await rejection(get());
    assert.equal(
      e.message,
      deniedMessage(bob.arn, 'iam:GetUser', carol, noAllow('identity-based policy', 'iam:GetUser')),
    );
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'bob',
        PolicyName: 'eng',
        PolicyDocument: policy('Allow', 'iam:GetUser', `arn:aws:iam::${account}:user/eng/*`),
      }),
    );
    assert.equal((await get()).User?.Arn, carol);
    // The own user is not under /eng/: still denied (GetUser without UserName acts on the caller).
    const self = await rejection(bob.iam.send(new GetUserCommand({})));
    assert.equal(
      self.message,
      deniedMessage(bob.arn, 'iam:GetUser', bob.arn, noAllow('identity-based policy', 'iam:GetUser')),
    );
    await root.send(new DeleteUserPolicyCommand({ UserName: 'bob', PolicyName: 'eng' }));
    assert.equal((await rejection(get())).name, 'AccessDenied');
  });

  test('an attached managed policy grants; an attached Deny wins; detaching restores', async () => {
    const allow = await root.send(
      new CreatePolicyCommand({ PolicyName: 'ListGroupsOnly', PolicyDocument: policy('Allow', 'iam:ListGroups') }),
    );
    const deny = await root.send(
      new CreatePolicyCommand({ PolicyName: 'NoGroups', PolicyDocument: policy('Deny', 'iam:*Group*') }),
    );
    const list = () => bob.iam.send(new ListGroupsCommand({}));
    assert.equal((await rejection(list())).name, 'AccessDenied');
    await root.send(new AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: allow.Policy!.Arn! }));
    await list();
    await root.send(new AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: deny.Policy!.Arn! }));
    const e = await rejection(list());
    assert.equal(e.message, deniedMessage(bob.arn, 'iam:ListGroups', '*', explicitDeny('an identity-based policy')));
    await root.send(new DetachUserPolicyCommand({ UserName: 'bob', PolicyArn: deny.Policy!.Arn! }));
    await list();
    await root.send(new DetachUserPolicyCommand({ UserName: 'bob', PolicyArn: allow.Policy!.Arn! }));
  });

  test('a permissions boundary caps the identity policies; a Deny in it denies; removing it restores', async () => {
    await root.send(
      new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'all', PolicyDocument: policy('Allow', 'iam:*') }),
    );
    await bob.iam.send(new ListGroupsCommand({}));
    await root.send(
      new PutUserPermissionsBoundaryCommand({
        UserName: 'bob',
        PermissionsBoundary: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
      }),
    );
    await bob.iam.send(new ListGroupsCommand({}));
    const create = () => bob.iam.send(new CreateGroupCommand({ GroupName: 'writers' }));
    const capped = await rejection(create());
    assert.equal(
      capped.message,
      deniedMessage(
        bob.arn,
        'iam:CreateGroup',
        `arn:aws:iam::${account}:group/writers`,
        noAllow('permissions boundary', 'iam:CreateGroup'),
      ),
    );
    const boundary = await root.send(
      new CreatePolicyCommand({
        PolicyName: 'AllButGroups',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Effect: 'Deny', Action: 'iam:CreateGroup', Resource: '*' },
          ],
        }),
      }),
    );
    await root.send(
      new PutUserPermissionsBoundaryCommand({ UserName: 'bob', PermissionsBoundary: boundary.Policy!.Arn! }),
    );
    const denied = await rejection(create());
    assert.equal(
      denied.message,
      deniedMessage(
        bob.arn,
        'iam:CreateGroup',
        `arn:aws:iam::${account}:group/writers`,
        explicitDeny('a permissions boundary'),
      ),
    );
    await root.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'bob' }));
    await create();
    await root.send(new DeleteUserPolicyCommand({ UserName: 'bob', PolicyName: 'all' }));
    await listUsersDenied(noAllow('identity-based policy', 'iam:ListUsers'));
  });

  test('conditions see the source address, the transport and the region of the request', async () => {
    const condition = (c: object) =>
      root.send(
        new PutUserPolicyCommand({
          UserName: 'bob',
          PolicyName: 'cond',
          PolicyDocument: policy('Allow', 'iam:ListUsers', '*', c),
        }),
      );
    await condition({
      IpAddress: { 'aws:SourceIp': '127.0.0.0/8' },
      StringEquals: { 'aws:RequestedRegion': 'us-east-1' },
    });
    await bob.iam.send(new ListUsersCommand({}));
    await condition({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } });
    await listUsersDenied(noAllow('identity-based policy', 'iam:ListUsers'));
    // The test server speaks plain HTTP.
    await condition({ Bool: { 'aws:SecureTransport': 'true' } });
    await listUsersDenied(noAllow('identity-based policy', 'iam:ListUsers'));
    await condition({ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } });
    await listUsersDenied(noAllow('identity-based policy', 'iam:ListUsers'));
    await root.send(new DeleteUserPolicyCommand({ UserName: 'bob', PolicyName: 'cond' }));
  });

  test('request tags and resource tags reach conditions (aws:RequestTag, aws:TagKeys, iam:ResourceTag)', async () => {
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'bob',
        PolicyName: 'tags',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:CreateUser',
              Resource: '*',
              Condition: {
                StringEquals: { 'aws:RequestTag/team': 'blue' },
                'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] },
              },
            },
            {
              Effect: 'Allow',
              Action: 'iam:GetUser',
              Resource: '*',
              Condition: { StringEquals: { 'iam:ResourceTag/team': 'blue' } },
            },
          ],
        }),
      }),
    );
    const create = (name: string, tags: { Key: string; Value: string }[]) =>
      bob.iam.send(new CreateUserCommand({ UserName: name, Tags: tags }));
    assert.equal((await rejection(create('red1', [{ Key: 'team', Value: 'red' }]))).name, 'AccessDenied');
    assert.equal(
      (
        await rejection(
          create('mixed1', [
            { Key: 'team', Value: 'blue' },
            { Key: 'cost', Value: '1' },
          ]),
        )
      ).name,
      'AccessDenied',
    );
    await create('blue1', [{ Key: 'team', Value: 'blue' }]);
    assert.equal((await bob.iam.send(new GetUserCommand({ UserName: 'blue1' }))).User?.UserName, 'blue1');
    // carol has no team tag: the resource-tag condition fails.
    assert.equal((await rejection(bob.iam.send(new GetUserCommand({ UserName: 'carol' })))).name, 'AccessDenied');
    await root.send(new DeleteUserPolicyCommand({ UserName: 'bob', PolicyName: 'tags' }));
  });
});
