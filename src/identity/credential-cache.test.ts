import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemClock } from '../shared/index.ts';
import { ChangeNotifier } from './change-notifier.ts';
import { CredentialCache } from './credential-cache.ts';
import type { AccessKeyRecord, IdentityStore, UserRecord } from './identity-store.ts';
import type { SecretSealer } from './secret-sealer.ts';
import { ACCOUNT, type Fixture, makeFixture } from './services-fixture.test.ts';

describe('credential resolver', () => {
  let f: Fixture;
  let keyId: string;
  let secret: string;
  before(async () => {
    f = await makeFixture();
    await f.services.iam.createUser(f.root, { UserName: 'svc', Path: '/apps/' });
    const { AccessKey } = await f.services.iam.createAccessKey(f.root, { UserName: 'svc' });
    keyId = AccessKey.AccessKeyId;
    secret = AccessKey.SecretAccessKey;
  });
  after(() => f.close());

  test('a root key resolves to the root caller of its account', async () => {
    const r = await f.services.credentials.resolve(f.rootCredentials.accessKeyId);
    assert.equal(r?.secretAccessKey, f.rootCredentials.secretAccessKey);
    assert.deepEqual(r?.caller, {
      type: 'root',
      accountId: ACCOUNT,
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      userId: ACCOUNT,
    });
  });

  test('a user key resolves to its secret and the user caller', async () => {
    const r = await f.services.credentials.resolve(keyId);
    assert.equal(r?.secretAccessKey, secret);
    assert.equal(r?.status, 'Active');
    assert.deepEqual(r?.caller, {
      type: 'user',
      accountId: ACCOUNT,
      arn: `arn:aws:iam::${ACCOUNT}:user/apps/svc`,
      userId: r?.caller.userId,
      userName: 'svc',
      path: '/apps/',
    });
  });

  test('the second look-up is served from memory, not the database', async () => {
    await f.services.credentials.resolve(keyId);
    const original = f.store.getAccessKey;
    let calls = 0;
    f.store.getAccessKey = async (id: string) => {
      calls++;
      return original.call(f.store, id);
    };
    try {
      for (let i = 0; i < 5; i++) await f.services.credentials.resolve(keyId);
      assert.equal(calls, 0);
    } finally {
      f.store.getAccessKey = original;
    }
  });

  test('an unknown key resolves to undefined', async () => {
    assert.equal(await f.services.credentials.resolve('AKIAUNKNOWNUNKNOWN00'), undefined);
  });

  test('a status change is seen at once', async () => {
    await f.services.iam.updateAccessKey(f.root, { UserName: 'svc', AccessKeyId: keyId, Status: 'Inactive' });
    assert.equal((await f.services.credentials.resolve(keyId))?.status, 'Inactive');
    await f.services.iam.updateAccessKey(f.root, { UserName: 'svc', AccessKeyId: keyId, Status: 'Active' });
    assert.equal((await f.services.credentials.resolve(keyId))?.status, 'Active');
  });

  test('a rename or move of the user changes the cached caller', async () => {
    await f.services.iam.updateUser(f.root, { UserName: 'svc', NewUserName: 'svc2', NewPath: '/' });
    const r = await f.services.credentials.resolve(keyId);
    assert.equal(r?.caller.arn, `arn:aws:iam::${ACCOUNT}:user/svc2`);
  });

  test('a deleted key no longer resolves', async () => {
    await f.services.iam.deleteAccessKey(f.root, { UserName: 'svc2', AccessKeyId: keyId });
    assert.equal(await f.services.credentials.resolve(keyId), undefined);
  });

  test('a reset forgets everything but keeps the root credentials working', async () => {
    const { AccessKey } = await f.services.iam.createAccessKey(f.root, { UserName: 'svc2' });
    assert.ok(await f.services.credentials.resolve(AccessKey.AccessKeyId));
    await f.services.accounts.reset({ accountId: ACCOUNT });
    assert.equal(await f.services.credentials.resolve(AccessKey.AccessKeyId), undefined);
    assert.equal(
      (await f.services.credentials.resolve(f.rootCredentials.accessKeyId))?.secretAccessKey,
      f.rootCredentials.secretAccessKey,
    );
  });

  test('recordUse writes at most once per key per minute', async () => {
    const id = f.rootCredentials.accessKeyId;
    const original = f.store.recordAccessKeyUse;
    let writes = 0;
    f.store.recordAccessKeyUse = async (...args) => {
      writes++;
      return original.apply(f.store, args);
    };
    try {
      f.clock.advance(120_000);
      for (let i = 0; i < 10; i++)
        f.services.credentials.recordUse(id, { service: 'iam', region: 'us-east-1', at: f.clock.now() });
      f.clock.advance(30_000);
      f.services.credentials.recordUse(id, { service: 'sts', region: 'us-east-1', at: f.clock.now() });
      f.clock.advance(31_000);
      f.services.credentials.recordUse(id, { service: 'sts', region: 'eu-west-1', at: f.clock.now() });
      await f.services.credentials.flush();
      assert.equal(writes, 2);
      const { AccessKeyLastUsed } = await f.services.iam.getAccessKeyLastUsed(f.root, { AccessKeyId: id });
      assert.equal(AccessKeyLastUsed.Region, 'eu-west-1');
    } finally {
      f.store.recordAccessKeyUse = original;
    }
  });

  test('a failing last-used write is logged, never thrown', async () => {
    const original = f.store.recordAccessKeyUse;
    f.store.recordAccessKeyUse = async () => {
      throw new Error('database is down');
    };
    try {
      f.clock.advance(600_000);
      f.services.credentials.recordUse(f.rootCredentials.accessKeyId, {
        service: 'iam',
        region: 'us-east-1',
        at: f.clock.now(),
      });
      await f.services.credentials.flush();
      assert.deepEqual(f.warnings, ['recording access key use failed']);
    } finally {
      f.store.recordAccessKeyUse = original;
    }
  });
});

describe('credential cache and writes by other processes', () => {
  /** A store of user keys whose status the test flips behind the cache's back (as another process would). */
  function setup() {
    const keys = new Map<string, AccessKeyRecord>();
    const key = (id: string, accountId: string): AccessKeyRecord => ({
      accessKeyId: id,
      accountId,
      userId: `U-${accountId}`,
      sealedSecret: `secret-${id}`,
      status: 'Active',
      createDate: new Date(0),
      lastUsedDate: null,
      lastUsedService: null,
      lastUsedRegion: null,
    });
    keys.set('AKIAONE', key('AKIAONE', '111111111111'));
    keys.set('AKIATWO', key('AKIATWO', '222222222222'));
    let reads = 0;
    const store = {
      getAccessKey: async (id: string) => {
        reads++;
        return keys.get(id);
      },
      getUserById: async (accountId: string, userId: string) =>
        ({ accountId, userId, userName: 'u', path: '/', partition: 'aws' }) as UserRecord,
    } as unknown as IdentityStore;
    const sealer: SecretSealer = { seal: (s: string) => s, open: (s: string) => s } as SecretSealer;
    const changes = new ChangeNotifier();
    const cache = new CredentialCache({ store, sealer, clock: systemClock, logger: { warn() {} }, changes });
    return { keys, cache, changes, reads: () => reads };
  }

  test("a remote change drops the account's keys and cached misses; a local one leaves them to targeted forgets", async () => {
    const { keys, cache, changes, reads } = setup();
    assert.equal((await cache.resolve('AKIAONE'))?.status, 'Active');
    assert.equal((await cache.resolve('AKIATWO'))?.status, 'Active');
    assert.equal(await cache.resolve('AKIANEW'), undefined);
    keys.get('AKIAONE')!.status = 'Inactive';
    keys.set('AKIANEW', { ...keys.get('AKIATWO')!, accessKeyId: 'AKIANEW', accountId: '111111111111' });

    changes.emit('111111111111', 'local');
    assert.equal((await cache.resolve('AKIAONE'))?.status, 'Active', 'a local emit does not flush the account');

    const before = reads();
    changes.emit('111111111111', 'remote');
    assert.equal((await cache.resolve('AKIAONE'))?.status, 'Inactive');
    assert.equal((await cache.resolve('AKIANEW'))?.accessKeyId, 'AKIANEW', 'the cached miss was dropped');
    assert.equal((await cache.resolve('AKIATWO'))?.status, 'Active');
    assert.equal(reads() - before, 2, "the other account's key stayed cached");
  });
});
