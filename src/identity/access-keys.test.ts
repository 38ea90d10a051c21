import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { accountOfAccessKeyId } from '../shared/index.ts';
import { ACCOUNT, type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';

describe('access keys', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
    await f.services.iam.createUser(f.root, { UserName: 'dev' });
  });
  after(() => f.close());

  test('CreateAccessKey returns the only copy of the secret; the id encodes the account', async () => {
    const { AccessKey } = await f.services.iam.createAccessKey(f.root, { UserName: 'dev' });
    assert.deepEqual(Object.keys(AccessKey), ['UserName', 'AccessKeyId', 'Status', 'SecretAccessKey', 'CreateDate']);
    assert.match(AccessKey.AccessKeyId, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(accountOfAccessKeyId(AccessKey.AccessKeyId), ACCOUNT);
    assert.equal(AccessKey.SecretAccessKey.length, 40);
    const stored = await f.store.getAccessKey(AccessKey.AccessKeyId);
    assert.ok(stored?.sealedSecret.startsWith('v1:'));
    assert.ok(!stored?.sealedSecret.includes(AccessKey.SecretAccessKey));
    const { AccessKeyMetadata } = await f.services.iam.listAccessKeys(f.root, { UserName: 'dev' });
    assert.ok(!JSON.stringify(AccessKeyMetadata).includes(AccessKey.SecretAccessKey));
  });

  test('a third key is LimitExceeded with AWS wording', async () => {
    await f.services.iam.createAccessKey(f.root, { UserName: 'dev' });
    await rejectsWith(
      f.services.iam.createAccessKey(f.root, { UserName: 'dev' }),
      'LimitExceeded',
      'Cannot exceed quota for AccessKeysPerUser: 2',
    );
    assert.equal((await f.services.iam.listAccessKeys(f.root, { UserName: 'dev' })).AccessKeyMetadata.length, 2);
  });

  test('without UserName the caller is acted on: root keys for root, own keys for a user', async () => {
    const rootKeys = await f.services.iam.listAccessKeys(f.root, {});
    assert.deepEqual(
      rootKeys.AccessKeyMetadata.map((k) => k.AccessKeyId),
      [f.rootCredentials.accessKeyId],
    );
    assert.ok(!('UserName' in (rootKeys.AccessKeyMetadata[0] ?? {})));
    await f.services.iam.createUser(f.root, { UserName: 'self' });
    const me = await f.asUser('self');
    const { AccessKey } = await f.services.iam.createAccessKey(me, {});
    assert.equal(AccessKey.UserName, 'self');
    assert.equal((await f.services.iam.listAccessKeys(me, {})).AccessKeyMetadata.length, 2);
  });

  test('UpdateAccessKey and DeleteAccessKey only reach keys of the named owner', async () => {
    const { AccessKeyMetadata } = await f.services.iam.listAccessKeys(f.root, { UserName: 'dev' });
    const id = AccessKeyMetadata[0]?.AccessKeyId as string;
    await rejectsWith(
      f.services.iam.updateAccessKey(f.root, { AccessKeyId: id, Status: 'Inactive' }),
      'NoSuchEntity',
      `The Access Key with id ${id} cannot be found.`,
    );
    await f.services.iam.updateAccessKey(f.root, { UserName: 'dev', AccessKeyId: id, Status: 'Inactive' });
    const after = await f.services.iam.listAccessKeys(f.root, { UserName: 'dev' });
    assert.equal(after.AccessKeyMetadata.find((k) => k.AccessKeyId === id)?.Status, 'Inactive');
    await rejectsWith(
      f.services.iam.updateAccessKey(f.root, { UserName: 'dev', AccessKeyId: id, Status: 'Off' as 'Active' }),
      'ValidationError',
      /enum value set: \[Active, Inactive\]/,
    );
    await f.services.iam.deleteAccessKey(f.root, { UserName: 'dev', AccessKeyId: id });
    await rejectsWith(f.services.iam.deleteAccessKey(f.root, { UserName: 'dev', AccessKeyId: id }), 'NoSuchEntity');
  });

  test('GetAccessKeyLastUsed says N/A until used, then date, service and region', async () => {
    const id = f.rootCredentials.accessKeyId;
    assert.deepEqual(await f.services.iam.getAccessKeyLastUsed(f.root, { AccessKeyId: id }), {
      AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
    });
    const at = f.clock.now();
    f.services.credentials.recordUse(id, { service: 'iam', region: 'us-east-1', at });
    await f.services.credentials.flush();
    const { AccessKeyLastUsed } = await f.services.iam.getAccessKeyLastUsed(f.root, { AccessKeyId: id });
    assert.deepEqual(AccessKeyLastUsed, { LastUsedDate: at, ServiceName: 'iam', Region: 'us-east-1' });
    const { AccessKeyMetadata } = await f.services.iam.listAccessKeys(f.root, { UserName: 'dev' });
    const used = await f.services.iam.getAccessKeyLastUsed(f.root, {
      AccessKeyId: AccessKeyMetadata[0]?.AccessKeyId as string,
    });
    assert.equal(used.UserName, 'dev');
    await rejectsWith(
      f.services.iam.getAccessKeyLastUsed(f.root, { AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA' }),
      'NoSuchEntity',
    );
  });
});
