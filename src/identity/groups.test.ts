import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACCOUNT, type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';

describe('groups', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
    for (const UserName of ['zoe', 'adam', 'Mia']) await f.services.iam.createUser(f.root, { UserName });
  });
  after(() => f.close());

  test('CreateGroup returns the Group shape with an AGPA id; names are unique case-insensitively', async () => {
    const { Group } = await f.services.iam.createGroup(f.root, { GroupName: 'Admins', Path: '/ops/' });
    assert.deepEqual(Object.keys(Group), ['Path', 'GroupName', 'GroupId', 'Arn', 'CreateDate']);
    assert.match(Group.GroupId, /^AGPA[A-Z2-7]{17}$/);
    assert.equal(Group.Arn, `arn:aws:iam::${ACCOUNT}:group/ops/Admins`);
    await rejectsWith(
      f.services.iam.createGroup(f.root, { GroupName: 'admins' }),
      'EntityAlreadyExists',
      'Group with name admins already exists.',
    );
  });

  test('GetGroup lists members by name and pages them', async () => {
    for (const UserName of ['zoe', 'adam', 'Mia'])
      await f.services.iam.addUserToGroup(f.root, { GroupName: 'admins', UserName });
    const all = await f.services.iam.getGroup(f.root, { GroupName: 'ADMINS' });
    assert.deepEqual(
      all.Users.map((u) => u.UserName),
      ['adam', 'Mia', 'zoe'],
    );
    const p1 = await f.services.iam.getGroup(f.root, { GroupName: 'admins', MaxItems: 2 });
    assert.deepEqual(
      p1.Users.map((u) => u.UserName),
      ['adam', 'Mia'],
    );
    assert.equal(p1.IsTruncated, true);
    const p2 = await f.services.iam.getGroup(f.root, { GroupName: 'admins', MaxItems: 2, Marker: p1.Marker as string });
    assert.deepEqual(
      p2.Users.map((u) => u.UserName),
      ['zoe'],
    );
    assert.equal(p2.IsTruncated, false);
  });

  test('adding a member twice changes nothing; removing a non-member is NoSuchEntity', async () => {
    await f.services.iam.addUserToGroup(f.root, { GroupName: 'admins', UserName: 'zoe' });
    assert.equal((await f.services.iam.getGroup(f.root, { GroupName: 'admins' })).Users.length, 3);
    await f.services.iam.createGroup(f.root, { GroupName: 'empty' });
    await rejectsWith(
      f.services.iam.removeUserFromGroup(f.root, { GroupName: 'empty', UserName: 'zoe' }),
      'NoSuchEntity',
    );
    await rejectsWith(
      f.services.iam.addUserToGroup(f.root, { GroupName: 'nope', UserName: 'zoe' }),
      'NoSuchEntity',
      'The group with name nope cannot be found.',
    );
  });

  test('ListGroupsForUser and ListGroups (with path prefix)', async () => {
    const { Groups } = await f.services.iam.listGroupsForUser(f.root, { UserName: 'zoe' });
    assert.deepEqual(
      Groups.map((g) => g.GroupName),
      ['Admins'],
    );
    const listed = await f.services.iam.listGroups(f.root, { PathPrefix: '/ops' });
    assert.deepEqual(
      listed.Groups.map((g) => g.GroupName),
      ['Admins'],
    );
    assert.equal((await f.services.iam.listGroups(f.root, {})).Groups.length, 2);
  });

  test('a user can be in at most 10 groups', async () => {
    for (let i = 0; i < 9; i++) {
      await f.services.iam.createGroup(f.root, { GroupName: `q${i}` });
      await f.services.iam.addUserToGroup(f.root, { GroupName: `q${i}`, UserName: 'adam' });
    }
    await f.services.iam.createGroup(f.root, { GroupName: 'q-eleventh' });
    await rejectsWith(
      f.services.iam.addUserToGroup(f.root, { GroupName: 'q-eleventh', UserName: 'adam' }),
      'LimitExceeded',
      'Cannot exceed quota for GroupsPerUser: 10',
    );
  });

  test('UpdateGroup renames and moves; DeleteGroup refuses while members remain', async () => {
    await f.services.iam.updateGroup(f.root, { GroupName: 'admins', NewGroupName: 'Operators', NewPath: '/' });
    const { Group } = await f.services.iam.getGroup(f.root, { GroupName: 'operators' });
    assert.equal(Group.Arn, `arn:aws:iam::${ACCOUNT}:group/Operators`);
    await rejectsWith(
      f.services.iam.deleteGroup(f.root, { GroupName: 'operators' }),
      'DeleteConflict',
      'Cannot delete entity, must remove users from group first.',
    );
    for (const UserName of ['zoe', 'adam', 'Mia'])
      await f.services.iam.removeUserFromGroup(f.root, { GroupName: 'operators', UserName });
    await f.services.iam.deleteGroup(f.root, { GroupName: 'operators' });
    await rejectsWith(f.services.iam.getGroup(f.root, { GroupName: 'operators' }), 'NoSuchEntity');
  });
});
