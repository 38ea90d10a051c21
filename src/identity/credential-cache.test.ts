import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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
