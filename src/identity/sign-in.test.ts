import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ManualClock } from '../shared/index.ts';
import { openStore } from '../store/index.ts';
import { createIdentityServices } from './create-identity-services.ts';
import { codeAt, stepOf } from './mfa-codes.ts';
import { createSealer } from './secret-sealer.ts';
import { type Fixture, ACCOUNT, makeFixture, rejectsWith } from './services-fixture.test.ts';
import { FailureWindow, SIGN_IN_FAILED, SIGN_IN_LIMITS } from './sign-in.ts';

const T0 = new Date('2027-01-01T00:00:00Z');
const DAY = 86_400_000;
const GIL = { kind: 'user', userArn: `arn:aws:iam::${ACCOUNT}:user/gil`, userName: 'gil' } as const;

/** Enables a virtual MFA device for `userName` (the account id for root) and returns its seed. */
async function enableMfa(f: Fixture, userName: string, deviceName: string): Promise<string> {
  const { VirtualMFADevice } = await f.services.iam.createVirtualMFADevice(f.root, { VirtualMFADeviceName: deviceName });
  const seed = Buffer.from(VirtualMFADevice.Base32StringSeed as string, 'base64').toString('ascii');
  const s = stepOf(f.clock.now());
  await f.services.iam.enableMFADevice(f.root, {
    UserName: userName,
    SerialNumber: VirtualMFADevice.SerialNumber,
    AuthenticationCode1: codeAt(seed, s - 1),
    AuthenticationCode2: codeAt(seed, s),
  });
  return seed;
}

describe('console sign-in of IAM users', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    f.clock.set(T0);
    await f.services.iam.createUser(f.root, { UserName: 'gil' });
    await f.services.iam.createLoginProfile(f.root, { UserName: 'gil', Password: 'gil-Password1' });
  });
  afterEach(() => f.close());
  const attempt = (
    extra: Partial<{ account: string; userName: string; password: string; mfaCode: string; newPassword: string; sourceIp: string }> = {},
  ) => f.services.signIn.signIn({ account: ACCOUNT, userName: 'gil', password: 'gil-Password1', sourceIp: '192.0.2.1', ...extra });

  it('the right password signs in and sets PasswordLastUsed', async () => {
    const r = await attempt();
    const { userId: _id, ...principal } = r.principal as typeof GIL & { userId: string };
    assert.deepEqual({ ...r, principal }, { status: 'signed-in', accountId: ACCOUNT, partition: 'aws', principal: GIL, passwordChanged: false });
    assert.match((r.principal as { userId: string }).userId, /^AIDA/);
    assert.deepEqual((await f.services.iam.getUser(f.root, { UserName: 'gil' })).User.PasswordLastUsed, T0);
  });

  it('the account alias works like the id, and the user name is case-insensitive', async () => {
    await f.services.iam.createAccountAlias(f.root, { AccountAlias: 'example-corp' });
    assert.equal((await attempt({ account: 'example-corp', userName: 'GIL' })).accountId, ACCOUNT);
  });

  it('wrong password, unknown user, unknown account, huge password: the same AccessDenied', async () => {
    const messages = new Set<string>();
    for (const extra of [{ password: 'nope' }, { userName: 'nobody' }, { account: '999999999999' }, { account: 'no-alias' }, { password: 'x'.repeat(100_000) }]) {
      await assert.rejects(attempt(extra), (e: Error & { code?: string }) => {
        assert.equal(e.code, 'AccessDenied');
        messages.add(e.message);
        return true;
      });
    }
    assert.deepEqual([...messages], [SIGN_IN_FAILED]);
  });

  it('a user without a login profile cannot sign in', async () => {
    await f.services.iam.createUser(f.root, { UserName: 'keys-only' });
    await rejectsWith(attempt({ userName: 'keys-only', password: 'anything' }), 'AccessDenied');
  });

  it('too many failures for a user are throttled, even with the right password, until the window passes', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perUser; i++) await rejectsWith(attempt({ password: 'nope', sourceIp: `198.51.100.${i}` }), 'AccessDenied');
    await rejectsWith(attempt(), 'Throttling');
    f.clock.advance(SIGN_IN_LIMITS.windowMs);
    await attempt();
  });

  it('too many failures from one address are throttled for every user', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perSource; i++) await rejectsWith(attempt({ userName: `u${i}`, password: 'x' }), 'AccessDenied');
    await rejectsWith(attempt(), 'Throttling');
    await attempt({ sourceIp: '192.0.2.99' });
  });

  it('a user with MFA needs a fresh code; the session records when it was checked; replay fails', async () => {
    const seed = await enableMfa(f, 'gil', 'gil');
    await rejectsWith(attempt(), 'AccessDenied');
    await rejectsWith(attempt({ mfaCode: 'abcdef' }), 'AccessDenied');
    f.clock.advance(30_000);
    const code = codeAt(seed, stepOf(f.clock.now()));
    const r = await attempt({ mfaCode: code });
    assert.deepEqual(r.mfaAuthenticatedAt, f.clock.now());
    await rejectsWith(attempt({ mfaCode: code }), 'AccessDenied');
  });

  it('a password that must be reset gives no session until newPassword is set; the policy applies to it', async () => {
    await f.services.iam.updateLoginProfile(f.root, { UserName: 'gil', PasswordResetRequired: true });
    const r = await attempt();
    assert.equal(r.status, 'password-change-required');
    assert.equal((await f.services.iam.getUser(f.root, { UserName: 'gil' })).User.PasswordLastUsed, undefined);
    await f.services.iam.updateAccountPasswordPolicy(f.root, { MinimumPasswordLength: 12, PasswordReusePrevention: 1 });
    await rejectsWith(attempt({ newPassword: 'short' }), 'PasswordPolicyViolation', /minimum length of 12/);
    await rejectsWith(attempt({ newPassword: 'gil-Password1' }), 'PasswordPolicyViolation', /last 1 passwords/);
    const changed = await attempt({ newPassword: 'gil-Password-2' });
    assert.deepEqual([changed.status, changed.passwordChanged], ['signed-in', true]);
    await rejectsWith(attempt(), 'AccessDenied');
    assert.equal((await attempt({ password: 'gil-Password-2' })).status, 'signed-in');
  });

  it('expired passwords must be changed; with HardExpiry sign-in is refused even with newPassword', async () => {
    await f.services.iam.updateAccountPasswordPolicy(f.root, { MaxPasswordAge: 30 });
    f.clock.advance(31 * DAY);
    assert.equal((await attempt()).status, 'password-change-required');
    await f.services.iam.updateAccountPasswordPolicy(f.root, { MaxPasswordAge: 30, HardExpiry: true });
    await rejectsWith(attempt(), 'AccessDenied', /expired/);
    await rejectsWith(attempt({ newPassword: 'gil-Password-2' }), 'AccessDenied', /expired/);
  });
});

describe('console sign-in of the root user by e-mail', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    f.clock.set(T0);
    await f.services.accounts.setRootEmail(ACCOUNT, 'Owner@Example.com');
    await f.services.accounts.setRootPassword(ACCOUNT, 'root-Password1');
  });
  afterEach(() => f.close());
  const attempt = (extra: Partial<{ email: string; password: string; mfaCode: string; newPassword: string }> = {}) =>
    f.services.signIn.signIn({ email: 'owner@example.com', password: 'root-Password1', sourceIp: '192.0.2.1', ...extra });

  it('root signs in with its e-mail (any case) and password, and gets a root result', async () => {
    assert.deepEqual(await attempt(), { status: 'signed-in', accountId: ACCOUNT, partition: 'aws', principal: { kind: 'root' }, passwordChanged: false });
    assert.equal((await f.store.getRootLogin(ACCOUNT))?.passwordLastUsed?.toISOString(), T0.toISOString());
  });

  it('a wrong password or an unknown e-mail is the same AccessDenied; failures are throttled per address', async () => {
    await rejectsWith(attempt({ email: 'nobody@example.com' }), 'AccessDenied', new RegExp(SIGN_IN_FAILED.slice(0, 20)));
    for (let i = 1; i < SIGN_IN_LIMITS.perUser; i++) await rejectsWith(attempt({ password: 'nope' }), 'AccessDenied');
    await rejectsWith(attempt({ password: 'nope' }), 'AccessDenied');
    await rejectsWith(attempt(), 'Throttling');
  });

  it('root with an MFA device needs its code', async () => {
    const seed = await enableMfa(f, ACCOUNT, 'root-phone');
    await rejectsWith(attempt(), 'AccessDenied');
    f.clock.advance(30_000);
    assert.ok((await attempt({ mfaCode: codeAt(seed, stepOf(f.clock.now())) })).mfaAuthenticatedAt);
  });

  it('a root password follows the password policy; newPassword changes it', async () => {
    await f.services.iam.updateAccountPasswordPolicy(f.root, { RequireSymbols: true, MinimumPasswordLength: 8 });
    await rejectsWith(f.services.accounts.setRootPassword(ACCOUNT, 'NoSymbols1'), 'PasswordPolicyViolation', /symbol/);
    assert.equal((await attempt({ newPassword: 'new-Password!' })).passwordChanged, true);
    await rejectsWith(attempt(), 'AccessDenied');
    await attempt({ password: 'new-Password!' });
  });

  it('root e-mail addresses are checked and unique across accounts; a password needs an address first', async () => {
    await rejectsWith(f.services.accounts.setRootEmail(ACCOUNT, 'not-an-address'), 'InvalidInput');
    const other = await f.services.accounts.createAccount({ accountId: '210987654321' });
    await rejectsWith(f.services.accounts.setRootEmail(other.accountId, 'OWNER@example.com'), 'EntityAlreadyExists');
    await rejectsWith(f.services.accounts.setRootPassword(other.accountId, 'root-Password1'), 'NoSuchEntity', /e-mail/);
    await rejectsWith(f.services.accounts.createAccount({ email: 'owner@EXAMPLE.com' }), 'EntityAlreadyExists');
    await rejectsWith(f.services.accounts.setRootPassword('999999999999', 'root-Password1'), 'NoSuchEntity');
  });

  it('a root without a password cannot sign in', async () => {
    await f.services.accounts.createAccount({ accountId: '210987654321', email: 'second@example.com' });
    await rejectsWith(attempt({ email: 'second@example.com', password: '' }), 'AccessDenied');
  });
});

describe('console sign-in logging', () => {
  it('every failure is logged with its reason, and never with the password or code', async () => {
    const store = await openStore({ filename: ':memory:' });
    const logged: object[] = [];
    const clock = new ManualClock(T0);
    const services = createIdentityServices({ store, clock, sealer: createSealer(randomBytes(32)), logger: { warn: (o) => logged.push(o) } });
    try {
      await services.accounts.ensureDefaultAccount({ accountId: ACCOUNT, rootEmail: 'owner@example.com', rootPassword: 'root-Password1' });
      await assert.rejects(services.signIn.signIn({ email: 'owner@example.com', password: 'secret-Guess9', mfaCode: '123456', sourceIp: '192.0.2.7' }));
      const text = JSON.stringify(logged);
      assert.match(text, /wrong password/);
      assert.match(text, /192\.0\.2\.7/);
      assert.doesNotMatch(text, /secret-Guess9|123456|root-Password1/);
      assert.equal((await services.signIn.signIn({ email: 'owner@example.com', password: 'root-Password1', sourceIp: '192.0.2.7' })).status, 'signed-in');
    } finally {
      await store.close();
    }
  });
});

describe('the failure window', () => {
  it('counts failures per key within the window, and sweeps expired keys once it holds many', () => {
    const w = new FailureWindow(2, 1000);
    w.add('a', 0);
    assert.equal(w.exceeded('a', 10), false);
    w.add('a', 10);
    assert.equal(w.exceeded('a', 20), true);
    assert.equal(w.exceeded('a', 1010), false, 'the first failure left the window');
    for (let i = 0; i < FailureWindow.SWEEP_AT; i++) w.add(`spray-${i}`, 0);
    assert.equal(w.size, FailureWindow.SWEEP_AT, "'a' left with its last failure");
    w.add('late', 5000);
    assert.equal(w.size, 1, 'every expired key was swept');
  });
});
