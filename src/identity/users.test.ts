import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACCOUNT, type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';

describe('users', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
  });
  after(() => f.close());

  test('CreateUser returns the AWS User shape in wire order, with an AIDA id and an ARN with the path', async () => {
    const { User } = await f.services.iam.createUser(f.root, {
      UserName: 'Alice',
      Path: '/division/',
      PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      Tags: [{ Key: 'team', Value: 'web' }],
    });
    assert.deepEqual(Object.keys(User), [
      'Path',
      'UserName',
      'UserId',
      'Arn',
      'CreateDate',
      'PermissionsBoundary',
      'Tags',
    ]);
    assert.match(User.UserId, /^AIDA[A-Z2-7]{17}$/);
    assert.equal(User.Arn, `arn:aws:iam::${ACCOUNT}:user/division/Alice`);
    assert.deepEqual(User.CreateDate, f.clock.now());
    assert.deepEqual(User.PermissionsBoundary, {
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });
  });

  test('the partition of the request goes into the ARN', async () => {
    const { User } = await f.services.iam.createUser({ ...f.root, partition: 'aws-cn' }, { UserName: 'cn-user' });
    assert.equal(User.Arn, `arn:aws-cn:iam::${ACCOUNT}:user/cn-user`);
  });

  test('a second user with the same name in another case already exists', async () => {
    await rejectsWith(
      f.services.iam.createUser(f.root, { UserName: 'ALICE' }),
      'EntityAlreadyExists',
      'User with name ALICE already exists.',
    );
  });

  test('GetUser by name returns tags; an unknown name is NoSuchEntity with AWS wording', async () => {
    const { User } = await f.services.iam.getUser(f.root, { UserName: 'alice' });
    assert.ok('Tags' in User);
    assert.deepEqual(User.Tags, [{ Key: 'team', Value: 'web' }]);
    await rejectsWith(
      f.services.iam.getUser(f.root, { UserName: 'nope' }),
      'NoSuchEntity',
      'The user with name nope cannot be found.',
    );
  });

  test('GetUser without a name returns the root "user" for root and the caller for a user', async () => {
    const { User } = await f.services.iam.getUser(f.root, {});
    assert.deepEqual(Object.keys(User), ['UserId', 'Arn', 'CreateDate']);
    assert.equal(User.UserId, ACCOUNT);
    assert.equal(User.Arn, `arn:aws:iam::${ACCOUNT}:root`);
    await f.services.iam.createUser(f.root, { UserName: 'self' });
    const ctx = await f.asUser('self');
    const own = await f.services.iam.getUser(ctx, {});
    assert.equal('UserName' in own.User && own.User.UserName, 'self');
  });

  test('invalid input gets every violation in one ValidationError', async () => {
    await rejectsWith(
      f.services.iam.createUser(f.root, { UserName: 'bad name', Path: 'x' }),
      'ValidationError',
      /^2 validation errors detected: Value 'bad name' at 'userName'.*; Value 'x' at 'path'/,
    );
    await rejectsWith(
      f.services.iam.createUser(f.root, { UserName: undefined as unknown as string }),
      'ValidationError',
      "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    );
    await rejectsWith(
      f.services.iam.createUser(f.root, { UserName: 'b', PermissionsBoundary: 'arn:aws:s3:::not-a-policy-at-all' }),
      'InvalidInput',
    );
  });

  test('UpdateUser renames and moves; the new name must be free; the old name is gone', async () => {
    await f.services.iam.createUser(f.root, { UserName: 'bob' });
    await f.services.iam.updateUser(f.root, { UserName: 'bob', NewUserName: 'Robert', NewPath: '/x/' });
    const { User } = await f.services.iam.getUser(f.root, { UserName: 'robert' });
    assert.equal('Arn' in User && User.Arn, `arn:aws:iam::${ACCOUNT}:user/x/Robert`);
    await rejectsWith(f.services.iam.getUser(f.root, { UserName: 'bob' }), 'NoSuchEntity');
    await rejectsWith(
      f.services.iam.updateUser(f.root, { UserName: 'robert', NewUserName: 'alice' }),
      'EntityAlreadyExists',
      'User with name alice already exists.',
    );
  });

  test('DeleteUser refuses while a login profile, keys or groups remain, then deletes', async () => {
    const iam = f.services.iam;
    await iam.createUser(f.root, { UserName: 'carol' });
    await iam.createLoginProfile(f.root, { UserName: 'carol', Password: 'Pa55word!x' });
    const { AccessKey } = await iam.createAccessKey(f.root, { UserName: 'carol' });
    await iam.createGroup(f.root, { GroupName: 'g-carol' });
    await iam.addUserToGroup(f.root, { GroupName: 'g-carol', UserName: 'carol' });
    const steps: [string, () => Promise<unknown>][] = [
      [
        'Cannot delete entity, must delete login profile first.',
        () => iam.deleteLoginProfile(f.root, { UserName: 'carol' }),
      ],
      [
        'Cannot delete entity, must delete access keys first.',
        () => iam.deleteAccessKey(f.root, { UserName: 'carol', AccessKeyId: AccessKey.AccessKeyId }),
      ],
      [
        'Cannot delete entity, must remove users from group first.',
        () => iam.removeUserFromGroup(f.root, { GroupName: 'g-carol', UserName: 'carol' }),
      ],
    ];
    for (const [message, cleanUp] of steps) {
      await rejectsWith(iam.deleteUser(f.root, { UserName: 'carol' }), 'DeleteConflict', message);
      await cleanUp();
    }
    await iam.deleteUser(f.root, { UserName: 'carol' });
    await rejectsWith(iam.getUser(f.root, { UserName: 'carol' }), 'NoSuchEntity');
  });

  test('ListUsers filters by path prefix and omits tags and boundaries', async () => {
    const { Users, IsTruncated } = await f.services.iam.listUsers(f.root, { PathPrefix: '/division/' });
    assert.equal(IsTruncated, false);
    assert.deepEqual(
      Users.map((u) => u.UserName),
      ['Alice'],
    );
    assert.deepEqual(Object.keys(Users[0] ?? {}), ['Path', 'UserName', 'UserId', 'Arn', 'CreateDate']);
  });
});

describe('user tags', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
    await f.services.iam.createUser(f.root, {
      UserName: 'tagged',
      Tags: [
        { Key: 'A', Value: '1' },
        { Key: 'b', Value: '2' },
      ],
    });
  });
  after(() => f.close());

  test('TagUser overwrites keys case-insensitively and appends new ones', async () => {
    await f.services.iam.tagUser(f.root, {
      UserName: 'tagged',
      Tags: [
        { Key: 'a', Value: 'x' },
        { Key: 'c', Value: '' },
      ],
    });
    const { Tags } = await f.services.iam.listUserTags(f.root, { UserName: 'tagged' });
    assert.deepEqual(Tags, [
      { Key: 'a', Value: 'x' },
      { Key: 'b', Value: '2' },
      { Key: 'c', Value: '' },
    ]);
  });

  test('UntagUser removes keys case-insensitively and ignores absent keys', async () => {
    await f.services.iam.untagUser(f.root, { UserName: 'tagged', TagKeys: ['B', 'zz'] });
    const { Tags } = await f.services.iam.listUserTags(f.root, { UserName: 'tagged' });
    assert.deepEqual(
      Tags.map((t) => t.Key),
      ['a', 'c'],
    );
  });

  test('ListUserTags pages with MaxItems and Marker', async () => {
    const first = await f.services.iam.listUserTags(f.root, { UserName: 'tagged', MaxItems: 1 });
    assert.deepEqual(
      first.Tags.map((t) => t.Key),
      ['a'],
    );
    assert.equal(first.IsTruncated, true);
    const second = await f.services.iam.listUserTags(f.root, {
      UserName: 'tagged',
      MaxItems: 1,
      Marker: first.Marker as string,
    });
    assert.deepEqual(
      second.Tags.map((t) => t.Key),
      ['c'],
    );
    assert.equal(second.IsTruncated, false);
    assert.equal(second.Marker, undefined);
    const { encodeMarker } = await import('./pagination.ts');
    await rejectsWith(
      f.services.iam.listUserTags(f.root, { UserName: 'tagged', Marker: encodeMarker('alice') }),
      'InvalidInput',
    );
  });

  test('duplicate keys in one request, aws: keys and bad characters are refused', async () => {
    await rejectsWith(
      f.services.iam.tagUser(f.root, {
        UserName: 'tagged',
        Tags: [
          { Key: 'k', Value: '1' },
          { Key: 'K', Value: '2' },
        ],
      }),
      'InvalidInput',
      /Duplicate tag keys/,
    );
    await rejectsWith(
      f.services.iam.tagUser(f.root, { UserName: 'tagged', Tags: [{ Key: 'aws:x', Value: '1' }] }),
      'InvalidInput',
    );
    await rejectsWith(
      f.services.iam.tagUser(f.root, { UserName: 'tagged', Tags: [{ Key: 'a*b', Value: '1' }] }),
      'ValidationError',
      /at 'tags\.1\.member\.key' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
  });

  test('more than 50 tags after merging is LimitExceeded and changes nothing', async () => {
    const before = await f.store.getAccount(ACCOUNT);
    const many = Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejectsWith(f.services.iam.tagUser(f.root, { UserName: 'tagged', Tags: many }), 'LimitExceeded');
    const { Tags } = await f.services.iam.listUserTags(f.root, { UserName: 'tagged' });
    assert.equal(Tags.length, 2);
    assert.equal((await f.store.getAccount(ACCOUNT))?.generation, before?.generation);
  });

  test('51 tags on CreateUser is a ValidationError on the list', async () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejectsWith(
      f.services.iam.createUser(f.root, { UserName: 'toomany', Tags: many }),
      'ValidationError',
      /at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50/,
    );
  });
});
