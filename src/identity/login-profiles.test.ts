import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyPassword } from './password-hash.ts';
import { type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';

describe('login profiles', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
    await f.services.iam.createUser(f.root, { UserName: 'ann' });
  });
  after(() => f.close());

  test('CreateLoginProfile stores an argon2id hash, never the password, and returns the profile', async () => {
    const { LoginProfile } = await f.services.iam.createLoginProfile(f.root, {
      UserName: 'ann',
      Password: 'correct horse battery',
      PasswordResetRequired: true,
    });
    assert.deepEqual(LoginProfile, { UserName: 'ann', CreateDate: f.clock.now(), PasswordResetRequired: true });
    const user = await f.store.getUserByName('123456789012', 'ann');
    const stored = await f.store.getLoginProfile(user?.userId as string);
    assert.match(stored?.passwordHash ?? '', /^\$argon2id\$/);
    assert.ok(!stored?.passwordHash.includes('correct horse'));
    assert.equal(await verifyPassword(stored?.passwordHash as string, 'correct horse battery'), true);
    assert.equal(await verifyPassword(stored?.passwordHash as string, 'wrong'), false);
  });

  test('a second profile already exists; GetLoginProfile returns it', async () => {
    await rejectsWith(
      f.services.iam.createLoginProfile(f.root, { UserName: 'ann', Password: 'x' }),
      'EntityAlreadyExists',
      'Login Profile for user ann already exists.',
    );
    const { LoginProfile } = await f.services.iam.getLoginProfile(f.root, { UserName: 'ann' });
    assert.equal(LoginProfile.PasswordResetRequired, true);
  });

  test('UpdateLoginProfile changes the hash and the reset flag', async () => {
    const user = await f.store.getUserByName('123456789012', 'ann');
    await f.services.iam.updateLoginProfile(f.root, {
      UserName: 'ann',
      Password: 'new one',
      PasswordResetRequired: false,
    });
    const stored = await f.store.getLoginProfile(user?.userId as string);
    assert.equal(await verifyPassword(stored?.passwordHash as string, 'new one'), true);
    assert.equal(stored?.passwordResetRequired, false);
  });

  test('a password that breaks the model is a ValidationError that does not echo it', async () => {
    await rejectsWith(
      f.services.iam.updateLoginProfile(f.root, { UserName: 'ann', Password: `secret${'x'.repeat(200)}` }),
      'ValidationError',
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
  });

  test('the password-policy hook can refuse a password', async () => {
    const { createIdentityServices } = await import('./create-identity-services.ts');
    const { createSealer } = await import('./secret-sealer.ts');
    const { IamError } = await import('../shared/index.ts');
    const strict = createIdentityServices({
      store: f.store,
      clock: f.clock,
      sealer: createSealer(f.masterKey),
      passwordCheck: async () => {
        throw new IamError('PasswordPolicyViolation', 'Password should have at least one symbol');
      },
    });
    await f.services.iam.createUser(f.root, { UserName: 'weak' });
    await rejectsWith(
      strict.iam.createLoginProfile(f.root, { UserName: 'weak', Password: 'abc' }),
      'PasswordPolicyViolation',
    );
    await rejectsWith(
      f.services.iam.getLoginProfile(f.root, { UserName: 'weak' }),
      'NoSuchEntity',
      'Login Profile for User weak cannot be found.',
    );
  });

  test('DeleteLoginProfile removes it; a missing one is NoSuchEntity', async () => {
    await f.services.iam.deleteLoginProfile(f.root, { UserName: 'ann' });
    await rejectsWith(f.services.iam.deleteLoginProfile(f.root, { UserName: 'ann' }), 'NoSuchEntity');
    await rejectsWith(
      f.services.iam.updateLoginProfile(f.root, { UserName: 'ann', PasswordResetRequired: true }),
      'NoSuchEntity',
    );
  });
});
