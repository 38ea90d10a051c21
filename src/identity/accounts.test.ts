import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../shared/index.ts';
import { openStore } from '../store/index.ts';
import { createIdentityServices } from './create-identity-services.ts';
import { createSealer } from './secret-sealer.ts';
import { ACCOUNT, type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';

describe('AccountService', () => {
  test('ensureDefaultAccount creates once with configured root credentials, then only reports', async () => {
    const store = await openStore({ filename: ':memory:' });
    const s = createIdentityServices({ store, clock: new ManualClock(), sealer: createSealer(randomBytes(32)) });
    try {
      const creds = {
        rootAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        rootSecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      };
      const first = await s.accounts.ensureDefaultAccount({ accountId: '000000000000', ...creds });
      assert.deepEqual(first, {
        created: true,
        rootCredentials: { accessKeyId: creds.rootAccessKeyId, secretAccessKey: creds.rootSecretAccessKey },
      });
      assert.deepEqual(await s.accounts.ensureDefaultAccount({ accountId: '000000000000', ...creds }), {
        created: false,
      });
      // A changed configured secret is authoritative.
      await s.accounts.ensureDefaultAccount({ accountId: '000000000000', ...creds, rootSecretAccessKey: 'changed' });
      assert.equal((await s.credentials.resolve(creds.rootAccessKeyId))?.secretAccessKey, 'changed');
      await rejectsWith(s.accounts.ensureDefaultAccount({ accountId: '12345' }), 'InvalidInput');
      await rejectsWith(
        s.accounts.ensureDefaultAccount({ accountId: '000000000000', rootAccessKeyId: 'AKIAIOSFODNN7EXAMPLE' }),
        'InvalidInput',
      );
    } finally {
      await store.close();
    }
  });

  test('the configured root e-mail and password are applied at start when they differ, and again after a reset', async () => {
    const store = await openStore({ filename: ':memory:' });
    const s = createIdentityServices({ store, clock: new ManualClock(), sealer: createSealer(randomBytes(32)) });
    const signIn = (email: string, password: string) => s.signIn.signIn({ email, password, sourceIp: '192.0.2.1' });
    try {
      const defaults = { accountId: '000000000000', rootEmail: 'root@example.com', rootPassword: 'first-Password1' };
      await s.accounts.ensureDefaultAccount(defaults);
      assert.equal((await signIn('root@example.com', 'first-Password1')).accountId, '000000000000');
      const hash = (await store.getRootLogin('000000000000'))?.passwordHash;
      await s.accounts.ensureDefaultAccount(defaults);
      assert.equal((await store.getRootLogin('000000000000'))?.passwordHash, hash, 'an unchanged password is not re-hashed');
      await s.accounts.ensureDefaultAccount({ ...defaults, rootEmail: 'new@example.com', rootPassword: 'second-Password1' });
      await rejectsWith(signIn('root@example.com', 'second-Password1'), 'AccessDenied');
      await signIn('new@example.com', 'second-Password1');
      await s.accounts.reset({ ...defaults, rootEmail: 'new@example.com', rootPassword: 'second-Password1' });
      await signIn('new@example.com', 'second-Password1');
      await rejectsWith(s.accounts.ensureDefaultAccount({ accountId: '000000000000', rootPassword: 'x' }), 'InvalidInput', /e-mail/);
      await rejectsWith(s.accounts.ensureDefaultAccount({ accountId: '000000000000', rootEmail: 'nope' }), 'InvalidInput');
    } finally {
      await store.close();
    }
  });

  describe('with a default account', () => {
    let f: Fixture;
    before(async () => {
      f = await makeFixture();
    });
    after(() => f.close());

    test('createAccount makes an isolated account with its own root key and a random 12-digit id', async () => {
      const made = await f.services.accounts.createAccount({ alias: 'second' });
      assert.match(made.accountId, /^\d{12}$/);
      assert.notEqual(made.accountId, ACCOUNT);
      const r = await f.services.credentials.resolve(made.rootCredentials.accessKeyId);
      assert.equal(r?.caller.type, 'root');
      assert.equal(r?.accountId, made.accountId);
      const ctx = { ...f.root, accountId: made.accountId, caller: r?.caller ?? f.root.caller };
      await f.services.iam.createUser(ctx, { UserName: 'same' });
      await f.services.iam.createUser(f.root, { UserName: 'same' });
      assert.equal(await f.services.accounts.resolveAlias('second'), made.accountId);
      const listed = await f.services.accounts.listAccounts();
      assert.deepEqual(listed.map((a) => a.accountId).sort(), [ACCOUNT, made.accountId].sort());
    });

    test('createAccount refuses a taken id or alias', async () => {
      await rejectsWith(f.services.accounts.createAccount({ accountId: ACCOUNT }), 'EntityAlreadyExists');
      await rejectsWith(f.services.accounts.createAccount({ alias: 'second' }), 'EntityAlreadyExists');
    });

    test('account aliases: create, replace, list, delete, and unique across accounts', async () => {
      const iam = f.services.iam;
      await iam.createAccountAlias(f.root, { AccountAlias: 'my-co' });
      assert.deepEqual(await iam.listAccountAliases(f.root, {}), { AccountAliases: ['my-co'], IsTruncated: false });
      await iam.createAccountAlias(f.root, { AccountAlias: 'my-co2' });
      assert.deepEqual((await iam.listAccountAliases(f.root, {})).AccountAliases, ['my-co2']);
      await rejectsWith(iam.createAccountAlias(f.root, { AccountAlias: 'second' }), 'EntityAlreadyExists');
      await rejectsWith(
        iam.createAccountAlias(f.root, { AccountAlias: 'Bad--Alias' }),
        'ValidationError',
        /accountAlias/,
      );
      await rejectsWith(iam.createAccountAlias(f.root, { AccountAlias: '123456789012' }), 'InvalidInput');
      await rejectsWith(iam.deleteAccountAlias(f.root, { AccountAlias: 'my-co' }), 'NoSuchEntity');
      await iam.deleteAccountAlias(f.root, { AccountAlias: 'my-co2' });
      assert.deepEqual((await iam.listAccountAliases(f.root, {})).AccountAliases, []);
    });

    test('GetAccountSummary counts users and groups and carries the quotas', async () => {
      await f.services.iam.createGroup(f.root, { GroupName: 'g' });
      const { SummaryMap } = await f.services.iam.getAccountSummary(f.root, {});
      assert.ok(SummaryMap instanceof Map);
      assert.equal(SummaryMap.get('Users'), 1);
      assert.equal(SummaryMap.get('Groups'), 1);
      assert.equal(SummaryMap.get('AccessKeysPerUserQuota'), 2);
      assert.equal(SummaryMap.get('AccountAccessKeysPresent'), 1);
      assert.equal(SummaryMap.get('UsersQuota'), 5000);
    });

    test('reset wipes everything and re-creates the default account with the same root credentials', async () => {
      const { rootCredentials } = await f.services.accounts.reset({ accountId: ACCOUNT });
      assert.deepEqual(rootCredentials, f.rootCredentials);
      assert.deepEqual((await f.services.iam.listUsers(f.root, {})).Users, []);
      assert.deepEqual(
        (await f.services.accounts.listAccounts()).map((a) => a.accountId),
        [ACCOUNT],
      );
    });
  });
});
