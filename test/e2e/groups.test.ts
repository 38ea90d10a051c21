import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteUserCommand,
  GetGroupCommand,
  type IAMClient,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  RemoveUserFromGroupCommand,
  UpdateGroupCommand,
} from '@aws-sdk/client-iam';
import { rejection, startTestServer, type TestServer } from './harness.ts';

describe('groups through @aws-sdk/client-iam', () => {
  let t: TestServer;
  let iam: IAMClient;
  before(async () => {
    t = await startTestServer();
    iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'carol' }));
    await iam.send(new CreateUserCommand({ UserName: 'dave' }));
  });
  after(() => t.close());

  test('CreateGroup returns the group with an AGPA id and an ARN with its path', async () => {
    const { Group } = await iam.send(new CreateGroupCommand({ GroupName: 'admins', Path: '/ops/' }));
    assert.match(Group?.GroupId ?? '', /^AGPA[A-Z2-7]{17}$/);
    assert.equal(Group?.Arn, `arn:aws:iam::${t.server.accountId}:group/ops/admins`);
  });

  test('CreateGroup with a taken name is EntityAlreadyExists 409', async () => {
    const e = await rejection(iam.send(new CreateGroupCommand({ GroupName: 'Admins' })));
    assert.equal(e.name, 'EntityAlreadyExists');
    assert.equal(e.status, 409);
  });

  test('AddUserToGroup, then GetGroup lists the members and ListGroupsForUser the groups', async () => {
    await iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'carol' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'dave' }));
    const got = await iam.send(new GetGroupCommand({ GroupName: 'admins' }));
    assert.equal(got.Group?.GroupName, 'admins');
    assert.deepEqual(got.Users?.map((u) => u.UserName).sort(), ['carol', 'dave']);
    const forUser = await iam.send(new ListGroupsForUserCommand({ UserName: 'carol' }));
    assert.deepEqual(
      forUser.Groups?.map((g) => g.GroupName),
      ['admins'],
    );
  });

  test('GetGroup pages its members with MaxItems and Marker', async () => {
    const first = await iam.send(new GetGroupCommand({ GroupName: 'admins', MaxItems: 1 }));
    assert.equal(first.Users?.length, 1);
    assert.equal(first.IsTruncated, true);
    const second = await iam.send(new GetGroupCommand({ GroupName: 'admins', MaxItems: 1, Marker: first.Marker }));
    assert.equal(second.Users?.length, 1);
    assert.notEqual(second.Users?.[0]?.UserName, first.Users?.[0]?.UserName);
  });

  test('AddUserToGroup with a missing user is NoSuchEntity', async () => {
    const e = await rejection(iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'nobody' })));
    assert.equal(e.name, 'NoSuchEntity');
  });

  test('DeleteUser of a group member is DeleteConflict 409', async () => {
    const e = await rejection(iam.send(new DeleteUserCommand({ UserName: 'dave' })));
    assert.equal(e.name, 'DeleteConflict');
    assert.equal(e.status, 409);
  });

  test('DeleteGroup with members is DeleteConflict 409', async () => {
    const e = await rejection(iam.send(new DeleteGroupCommand({ GroupName: 'admins' })));
    assert.equal(e.name, 'DeleteConflict');
  });

  test('a user can be in at most 10 groups: the 11th is LimitExceeded 409', async () => {
    for (let i = 1; i <= 10; i++) {
      await iam.send(new CreateGroupCommand({ GroupName: `g${i}` }));
      if (i <= 9) await iam.send(new AddUserToGroupCommand({ GroupName: `g${i}`, UserName: 'carol' }));
    }
    const e = await rejection(iam.send(new AddUserToGroupCommand({ GroupName: 'g10', UserName: 'carol' })));
    assert.equal(e.name, 'LimitExceeded');
    assert.equal(e.status, 409);
  });

  test('ListGroups filters by PathPrefix and UpdateGroup renames', async () => {
    await iam.send(new UpdateGroupCommand({ GroupName: 'g10', NewGroupName: 'ten', NewPath: '/x/' }));
    const listed = await iam.send(new ListGroupsCommand({ PathPrefix: '/x/' }));
    assert.deepEqual(
      listed.Groups?.map((g) => g.GroupName),
      ['ten'],
    );
    const all = await iam.send(new ListGroupsCommand({}));
    assert.equal(all.Groups?.length, 11);
  });

  test('RemoveUserFromGroup then DeleteGroup succeeds; the group is gone', async () => {
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'admins', UserName: 'carol' }));
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'admins', UserName: 'dave' }));
    await iam.send(new DeleteGroupCommand({ GroupName: 'admins' }));
    const e = await rejection(iam.send(new GetGroupCommand({ GroupName: 'admins' })));
    assert.equal(e.name, 'NoSuchEntity');
    assert.equal(e.status, 404);
  });
});
