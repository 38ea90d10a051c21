import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateUserCommand,
  DeleteUserCommand,
  GetUserCommand,
  type IAMClient,
  ListUsersCommand,
  ListUserTagsCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateUserCommand,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import { rejection, startTestServer, type TestServer } from './harness.ts';

describe('users through @aws-sdk/client-iam', () => {
  let t: TestServer;
  let iam: IAMClient;
  before(async () => {
    t = await startTestServer();
    iam = t.iam();
  });
  after(() => t.close());

  test('CreateUser returns the user with path, id, ARN, date and tags', async () => {
    const { User } = await iam.send(
      new CreateUserCommand({ UserName: 'alice', Path: '/eng/', Tags: [{ Key: 'team', Value: 'core' }] }),
    );
    assert.equal(User?.UserName, 'alice');
    assert.equal(User?.Path, '/eng/');
    assert.match(User?.UserId ?? '', /^AIDA[A-Z2-7]{17}$/);
    assert.equal(User?.Arn, `arn:aws:iam::${t.server.accountId}:user/eng/alice`);
    assert.ok(User?.CreateDate instanceof Date);
    assert.deepEqual(User?.Tags, [{ Key: 'team', Value: 'core' }]);
  });

  test('CreateUser with a taken name (any case) is EntityAlreadyExists 409', async () => {
    const e = await rejection(iam.send(new CreateUserCommand({ UserName: 'ALICE' })));
    assert.equal(e.name, 'EntityAlreadyExists');
    assert.equal(e.status, 409);
  });

  test('CreateUser with a 65-character name is a ValidationError in AWS wording', async () => {
    const e = await rejection(iam.send(new CreateUserCommand({ UserName: 'x'.repeat(65) })));
    assert.equal(e.name, 'ValidationError');
    assert.equal(e.status, 400);
    assert.match(e.message, /1 validation error detected: Value '.*' at 'userName' failed to satisfy constraint/);
  });

  test('CreateUser with a permissions boundary reports it', async () => {
    const arn = 'arn:aws:iam::aws:policy/PowerUserAccess';
    const { User } = await iam.send(new CreateUserCommand({ UserName: 'bounded', PermissionsBoundary: arn }));
    assert.equal(User?.PermissionsBoundary?.PermissionsBoundaryArn, arn);
    await iam.send(new DeleteUserCommand({ UserName: 'bounded' }));
  });

  test('GetUser by name and GetUser of the root caller', async () => {
    const { User } = await iam.send(new GetUserCommand({ UserName: 'alice' }));
    assert.equal(User?.Arn, `arn:aws:iam::${t.server.accountId}:user/eng/alice`);
    const self = await iam.send(new GetUserCommand({}));
    assert.equal(self.User?.Arn, `arn:aws:iam::${t.server.accountId}:root`);
    assert.equal(self.User?.UserId, t.server.accountId);
  });

  test('GetUser of a missing user is NoSuchEntity 404 with AWS message', async () => {
    const e = await rejection(iam.send(new GetUserCommand({ UserName: 'nope' })));
    assert.equal(e.name, 'NoSuchEntity');
    assert.equal(e.status, 404);
    assert.equal(e.message, 'The user with name nope cannot be found.');
  });

  test('ListUsers filters by PathPrefix', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'bob', Path: '/ops/' }));
    const eng = await iam.send(new ListUsersCommand({ PathPrefix: '/eng/' }));
    assert.deepEqual(
      eng.Users?.map((u) => u.UserName),
      ['alice'],
    );
    const all = await iam.send(new ListUsersCommand({}));
    assert.deepEqual(all.Users?.map((u) => u.UserName).sort(), ['alice', 'bob']);
    assert.equal(all.IsTruncated, false);
  });

  test('UpdateUser renames and moves a user', async () => {
    await iam.send(new UpdateUserCommand({ UserName: 'bob', NewUserName: 'robert', NewPath: '/sre/' }));
    const { User } = await iam.send(new GetUserCommand({ UserName: 'robert' }));
    assert.equal(User?.Path, '/sre/');
    assert.equal((await rejection(iam.send(new GetUserCommand({ UserName: 'bob' })))).name, 'NoSuchEntity');
  });

  test('TagUser, ListUserTags and UntagUser', async () => {
    await iam.send(
      new TagUserCommand({
        UserName: 'alice',
        Tags: [
          { Key: 'env', Value: 'prod' },
          { Key: 'team', Value: 'x' },
        ],
      }),
    );
    const tags = await iam.send(new ListUserTagsCommand({ UserName: 'alice' }));
    assert.deepEqual(
      new Map(tags.Tags?.map((x) => [x.Key, x.Value])),
      new Map([
        ['env', 'prod'],
        ['team', 'x'],
      ]),
    );
    await iam.send(new UntagUserCommand({ UserName: 'alice', TagKeys: ['env'] }));
    const left = await iam.send(new ListUserTagsCommand({ UserName: 'alice' }));
    assert.deepEqual(left.Tags, [{ Key: 'team', Value: 'x' }]);
  });

  test('UntagUser with an empty key list is sent as TagKeys= and decoded as []', async () => {
    const e = await iam.send(new UntagUserCommand({ UserName: 'alice', TagKeys: [] })).then(
      () => undefined,
      (err: { name: string }) => err.name,
    );
    // AWS answers [] either with success or a ValidationError on the list length; never a missing-parameter error.
    assert.ok(e === undefined || e === 'ValidationError', `unexpected ${e}`);
  });

  test('DeleteUser removes the user; deleting again is NoSuchEntity', async () => {
    await iam.send(new DeleteUserCommand({ UserName: 'robert' }));
    const e = await rejection(iam.send(new DeleteUserCommand({ UserName: 'robert' })));
    assert.equal(e.name, 'NoSuchEntity');
  });

  test('pagination: MaxItems=2 over 5 users gives 3 pages linked by Marker, and the SDK paginator sees all', async () => {
    for (const n of ['p1', 'p2', 'p3', 'p4']) await iam.send(new CreateUserCommand({ UserName: n, Path: '/page/' }));
    await iam.send(new UpdateUserCommand({ UserName: 'alice', NewPath: '/page/' }));
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(new ListUsersCommand({ PathPrefix: '/page/', MaxItems: 2, Marker: marker }));
      pages++;
      assert.ok((page.Users?.length ?? 0) <= 2);
      names.push(...(page.Users ?? []).map((u) => u.UserName ?? ''));
      assert.equal(page.IsTruncated, page.Marker !== undefined);
      marker = page.Marker;
    } while (marker);
    assert.equal(pages, 3);
    assert.deepEqual(names.sort(), ['alice', 'p1', 'p2', 'p3', 'p4']);
    const viaPaginator: string[] = [];
    for await (const page of paginateListUsers({ client: iam, pageSize: 2 }, { PathPrefix: '/page/' })) {
      viaPaginator.push(...(page.Users ?? []).map((u) => u.UserName ?? ''));
    }
    assert.deepEqual(viaPaginator.sort(), names);
  });
});
