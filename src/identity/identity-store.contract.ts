/**
 * The contract every IdentityStore adapter passes (keto-style: one suite, run on SQLite and PostgreSQL).
 * Each test works in its own fresh account, so one store serves the whole suite.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isIamError } from '../shared/index.ts';
import type { AccessKeyRecord, GroupRecord, IdentityStore, UserRecord } from './identity-store.ts';
import { runServiceRaceContract } from './identity-store-races.contract.ts';
import { runOidcProviderContract } from './oidc-provider-store.contract.ts';
import { runRootLoginContract } from './root-login-store.contract.ts';

type Closable = IdentityStore & { close(): Promise<void> };

let seq = 0;
const T0 = new Date('2026-11-22T12:00:00.000Z');

/** Runs the port contract against stores made by `makeStore`. */
export function runIdentityStoreContract(name: string, makeStore: () => Promise<Closable>): void {
  describe(`IdentityStore contract: ${name}`, () => {
    let store: Closable;
    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    async function account(): Promise<string> {
      const id = String(100000000000 + Math.floor(Math.random() * 1e9) * 100 + (seq++ % 100));
      await store.transaction((tx) =>
        tx.insertAccount({ accountId: id, alias: null, partition: 'aws', createDate: T0 }),
      );
      return id;
    }
    const user = (accountId: string, userName: string, extra: Partial<UserRecord> = {}): UserRecord => ({
      accountId,
      userId: `AIDA${accountId}${userName.toUpperCase().replace(/[^A-Z0-9]/g, 'X')}`.slice(0, 32),
      userName,
      path: '/',
      partition: 'aws',
      createDate: T0,
      permissionsBoundaryArn: null,
      passwordLastUsed: null,
      ...extra,
    });
    const group = (accountId: string, groupName: string): GroupRecord => ({
      accountId,
      groupId: `AGPA${accountId}${groupName.toUpperCase().replace(/[^A-Z0-9]/g, 'X')}`.slice(0, 32),
      groupName,
      path: '/',
      partition: 'aws',
      createDate: T0,
    });
    const key = (accountId: string, id: string, userId: string | null): AccessKeyRecord => ({
      accessKeyId: id,
      accountId,
      userId,
      sealedSecret: 'v1:sealed',
      status: 'Active',
      createDate: T0,
      lastUsedDate: null,
      lastUsedService: null,
      lastUsedRegion: null,
    });
    const expectCode = async (p: Promise<unknown>, code: string) => {
      await assert.rejects(p, (e: unknown) => isIamError(e) && e.code === code);
    };

    test('an account round-trips, is found by alias, and its generation only grows', async () => {
      const a = await account();
      const rec = await store.getAccount(a);
      assert.equal(rec?.accountId, a);
      assert.equal(rec?.createDate.toISOString(), T0.toISOString());
      const alias = `alias-${a}`;
      await store.transaction((tx) => tx.setAccountAlias(a, alias));
      assert.equal((await store.findAccountByAlias(alias))?.accountId, a);
      const g1 = await store.transaction((tx) => tx.bumpGeneration(a));
      const g2 = await store.transaction((tx) => tx.bumpGeneration(a));
      assert.equal(g2, g1 + 1);
      assert.equal((await store.getAccount(a))?.generation, g2);
      assert.ok((await store.listAccounts()).some((x) => x.accountId === a));
    });

    test('an alias held by one account cannot be set on another', async () => {
      const a = await account();
      const b = await account();
      await store.transaction((tx) => tx.setAccountAlias(a, `taken-${a}`));
      await expectCode(
        store.transaction((tx) => tx.setAccountAlias(b, `taken-${a}`)),
        'EntityAlreadyExists',
      );
    });

    test('user names are unique per account case-insensitively, enforced by the database', async () => {
      const a = await account();
      const b = await account();
      await store.transaction((tx) => tx.insertUser(user(a, 'Alice')));
      await expectCode(
        store.transaction((tx) => tx.insertUser(user(a, 'ALICE', { userId: `AIDAOTHER1${a}` }))),
        'EntityAlreadyExists',
      );
      await store.transaction((tx) => tx.insertUser(user(b, 'alice')));
      assert.equal((await store.getUserByName(a, 'aLiCe'))?.userName, 'Alice');
    });

    test('a failed transaction leaves nothing behind', async () => {
      const a = await account();
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.insertUser(user(a, 'ghost'));
          await tx.bumpGeneration(a);
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await store.getUserByName(a, 'ghost'), undefined);
      assert.equal((await store.getAccount(a))?.generation, 0);
    });

    test('users list in lower-cased name order, filtered by path prefix, paged after a sort key', async () => {
      const a = await account();
      await store.transaction(async (tx) => {
        for (const [n, p] of [
          ['bob', '/eng/'],
          ['Alice', '/eng/web/'],
          ['carol', '/ops/'],
          ['_x', '/'],
        ] as const) {
          await tx.insertUser(user(a, n, { path: p }));
        }
      });
      const names = async (q: Parameters<IdentityStore['listUsers']>[1]) =>
        (await store.listUsers(a, q)).map((u) => u.userName);
      assert.deepEqual(await names({ limit: 10 }), ['_x', 'Alice', 'bob', 'carol']);
      assert.deepEqual(await names({ limit: 10, pathPrefix: '/eng/' }), ['Alice', 'bob']);
      assert.deepEqual(await names({ limit: 2, after: 'alice' }), ['bob', 'carol']);
      assert.equal(await store.countUsers(a), 4);
    });

    test('a user is renamed and moved; tags keep their order and are replaced as a whole', async () => {
      const a = await account();
      const u = user(a, 'dave', { permissionsBoundaryArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
      await store.transaction(async (tx) => {
        await tx.insertUser(u);
        await tx.setUserTags(u.userId, [
          { key: 'z', value: '1' },
          { key: 'a', value: '' },
        ]);
        await tx.updateUser(u.userId, { userName: 'Dave2', path: '/x/' });
      });
      const got = await store.getUserById(a, u.userId);
      assert.equal(got?.userName, 'Dave2');
      assert.equal(got?.path, '/x/');
      assert.equal(got?.permissionsBoundaryArn, 'arn:aws:iam::aws:policy/ReadOnlyAccess');
      assert.deepEqual(await store.listUserTags(u.userId), [
        { key: 'z', value: '1' },
        { key: 'a', value: '' },
      ]);
      await store.transaction((tx) => tx.setUserTags(u.userId, [{ key: 'b', value: '2' }]));
      assert.deepEqual(await store.listUserTags(u.userId), [{ key: 'b', value: '2' }]);
    });

    test('getUserWithTags finds a user by name in any case with its tags in order, or nothing', async () => {
      const a = await account();
      const [tagged, bare] = [user(a, 'Erin'), user(a, 'frank')];
      const tags = [
        { key: 'z', value: '1' },
        { key: 'a', value: '' },
        { key: 'm', value: 'x' },
      ];
      await store.transaction(async (tx) => {
        await tx.insertUser(tagged);
        await tx.insertUser(bare);
        await tx.setUserTags(tagged.userId, tags);
      });
      // Twice: the second read must see the same answer (compiled and prepared queries are reused).
      for (let i = 0; i < 2; i++) {
        const [erin, frank] = [await store.getUserById(a, tagged.userId), await store.getUserById(a, bare.userId)];
        assert.deepEqual(await store.getUserWithTags(a, 'eRIN'), { user: erin, tags });
        assert.deepEqual(await store.getUserWithTags(a, 'frank'), { user: frank, tags: [] });
        assert.equal(await store.getUserWithTags(a, 'ghost'), undefined);
        assert.equal(await store.getUserWithTags(await account(), 'erin'), undefined);
      }
      await store.transaction((tx) => tx.setUserTags(tagged.userId, [{ key: 'b', value: '2' }]));
      assert.deepEqual((await store.getUserWithTags(a, 'erin'))?.tags, [{ key: 'b', value: '2' }]);
      const inTx = await store.transaction((tx) => tx.getUserWithTags(a, 'ERIN'));
      assert.equal(inTx?.user.userId, tagged.userId);
    });

    test('groups: unique names, members listed by name, groups of a user, counts', async () => {
      const a = await account();
      const [g1, g2] = [group(a, 'Devs'), group(a, 'admins')];
      const [u1, u2] = [user(a, 'zed'), user(a, 'amy')];
      await store.transaction(async (tx) => {
        for (const g of [g1, g2]) await tx.insertGroup(g);
        for (const u of [u1, u2]) await tx.insertUser(u);
        await tx.addGroupMember(g1.groupId, u1.userId, T0);
        await tx.addGroupMember(g1.groupId, u2.userId, T0);
        await tx.addGroupMember(g2.groupId, u1.userId, T0);
      });
      await expectCode(
        store.transaction((tx) => tx.insertGroup({ ...group(a, 'DEVS'), groupId: `AGPAOTHER${a}` })),
        'EntityAlreadyExists',
      );
      assert.deepEqual(
        (await store.listGroupMembers(g1.groupId, { limit: 10 })).map((u) => u.userName),
        ['amy', 'zed'],
      );
      assert.deepEqual(
        (await store.listGroupsForUser(u1.userId, { limit: 10 })).map((g) => g.groupName),
        ['admins', 'Devs'],
      );
      assert.equal(await store.countGroupMembers(g1.groupId), 2);
      assert.equal(await store.isGroupMember(g2.groupId, u2.userId), false);
      assert.deepEqual(await store.countUserDependents(a, u1.userId), { accessKeys: 0, loginProfile: 0, groups: 2 });
      await store.transaction((tx) => tx.removeGroupMember(g1.groupId, u1.userId));
      assert.equal(await store.countGroupMembers(g1.groupId), 1);
      await store.transaction((tx) => tx.updateGroup(g2.groupId, { groupName: 'Admins2', path: '/p/' }));
      assert.equal((await store.getGroupByName(a, 'admins2'))?.path, '/p/');
      assert.equal(await store.countGroups(a), 2);
    });

    test('access keys of a user and of root are kept apart, updated, used and deleted', async () => {
      const a = await account();
      const u = user(a, 'erin');
      await store.transaction(async (tx) => {
        await tx.insertUser(u);
        await tx.insertAccessKey(key(a, `AKIAUSER${a}`, u.userId));
        await tx.insertAccessKey(key(a, `AKIAROOT${a}`, null));
      });
      assert.deepEqual(
        (await store.listAccessKeys(a, u.userId, { limit: 10 })).map((k) => k.accessKeyId),
        [`AKIAUSER${a}`],
      );
      assert.deepEqual(
        (await store.listAccessKeys(a, null, { limit: 10 })).map((k) => k.accessKeyId),
        [`AKIAROOT${a}`],
      );
      assert.equal(await store.countAccessKeys(a, null), 1);
      await store.transaction((tx) =>
        tx.updateAccessKey(`AKIAUSER${a}`, { status: 'Inactive', sealedSecret: 'v1:new' }),
      );
      const at = new Date('2026-11-22T13:00:00.000Z');
      await store.recordAccessKeyUse(`AKIAUSER${a}`, { at, service: 'iam', region: 'us-east-1' });
      const k = await store.getAccessKey(`AKIAUSER${a}`);
      assert.equal(k?.status, 'Inactive');
      assert.equal(k?.sealedSecret, 'v1:new');
      assert.equal(k?.lastUsedDate?.toISOString(), at.toISOString());
      assert.equal(k?.lastUsedService, 'iam');
      assert.equal(k?.lastUsedRegion, 'us-east-1');
      await expectCode(
        store.transaction((tx) => tx.insertAccessKey(key(a, `AKIAUSER${a}`, null))),
        'EntityAlreadyExists',
      );
      await store.transaction((tx) => tx.deleteAccessKey(`AKIAUSER${a}`));
      assert.equal(await store.getAccessKey(`AKIAUSER${a}`), undefined);
    });

    test('login profiles hold a hash and the reset flag', async () => {
      const a = await account();
      const u = user(a, 'fay');
      await store.transaction(async (tx) => {
        await tx.insertUser(u);
        await tx.insertLoginProfile({
          accountId: a,
          userId: u.userId,
          passwordHash: 'h1',
          createDate: T0,
          passwordResetRequired: true,
        });
      });
      assert.equal((await store.getLoginProfile(u.userId))?.passwordResetRequired, true);
      await store.transaction((tx) =>
        tx.updateLoginProfile(u.userId, { passwordHash: 'h2', passwordResetRequired: false }),
      );
      const p = await store.getLoginProfile(u.userId);
      assert.equal(p?.passwordHash, 'h2');
      assert.equal(p?.passwordResetRequired, false);
      assert.equal((await store.countUserDependents(a, u.userId)).loginProfile, 1);
      await store.transaction((tx) => tx.deleteLoginProfile(u.userId));
      assert.equal(await store.getLoginProfile(u.userId), undefined);
    });

    test('deleting a user removes its tags and memberships with it', async () => {
      const a = await account();
      const u = user(a, 'gus');
      const g = group(a, 'g');
      await store.transaction(async (tx) => {
        await tx.insertUser(u);
        await tx.insertGroup(g);
        await tx.addGroupMember(g.groupId, u.userId, T0);
        await tx.setUserTags(u.userId, [{ key: 'k', value: 'v' }]);
        await tx.deleteUser(u.userId);
      });
      assert.equal(await store.countGroupMembers(g.groupId), 0);
      assert.deepEqual(await store.listUserTags(u.userId), []);
      await store.transaction((tx) => tx.deleteGroup(g.groupId));
      assert.equal(await store.getGroupByName(a, 'g'), undefined);
    });

    runServiceRaceContract(() => store);
    runOidcProviderContract(() => store, account);
    runRootLoginContract(() => store, account);

    test('deleteEverything empties every table', async () => {
      const a = await account();
      await store.transaction(async (tx) => {
        await tx.insertUser(user(a, 'hal'));
        await tx.deleteEverything();
      });
      assert.deepEqual(await store.listAccounts(), []);
    });
  });
}
