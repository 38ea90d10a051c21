import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { codeAt, stepOf } from './mfa-codes.ts';
import { type Fixture, ACCOUNT, makeFixture, rejectsWith } from './services-fixture.test.ts';
import { SIGN_IN_LIMITS } from './sign-in.ts';

const T0 = new Date('2027-01-01T00:00:00Z');
const DAY = 86_400_000;

describe('console sign-in', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    f.clock.set(T0);
    await f.services.iam.createUser(f.root, { UserName: 'gil' });
    await f.services.iam.createLoginProfile(f.root, { UserName: 'gil', Password: 'gil-Password1' });
  });
  afterEach(() => f.close());
  const attempt = (extra: Partial<{ account: string; userName: string; password: string; mfaCode: string; sourceIp: string }> = {}) =>
    f.services.signIn.signIn({ account: ACCOUNT, userName: 'gil', password: 'gil-Password1', sourceIp: '192.0.2.1', ...extra });

  it('the right password signs in and sets PasswordLastUsed', async () => {
    const r = await attempt();
    assert.deepEqual(r, { accountId: ACCOUNT, userName: 'gil', userArn: `arn:aws:iam::${ACCOUNT}:user/gil`, mustChangePassword: false });
    assert.deepEqual((await f.services.iam.getUser(f.root, { UserName: 'gil' })).User.PasswordLastUsed, T0);
  });

  it('the account alias works like the id', async () => {
    await f.services.iam.createAccountAlias(f.root, { AccountAlias: 'example-corp' });
    assert.equal((await attempt({ account: 'example-corp' })).accountId, ACCOUNT);
  });

  it('wrong password, unknown user and unknown account fail with the same message', async () => {
    const messages = new Set<string>();
    for (const extra of [{ password: 'nope' }, { userName: 'nobody' }, { account: '999999999999' }, { password: 'x'.repeat(100_000) }]) {
      await assert.rejects(attempt(extra), (e: Error & { code?: string }) => {
        assert.equal(e.code, 'AccessDenied');
        messages.add(e.message);
        return true;
      });
    }
    assert.equal(messages.size, 1);
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

  it('a user with MFA needs a fresh code; replay fails', async () => {
    const { VirtualMFADevice } = await f.services.iam.createVirtualMFADevice(f.root, { VirtualMFADeviceName: 'gil' });
    const seed = Buffer.from(VirtualMFADevice.Base32StringSeed as string, 'base64').toString('ascii');
    const s = stepOf(T0);
    await f.services.iam.enableMFADevice(f.root, { UserName: 'gil', SerialNumber: VirtualMFADevice.SerialNumber, AuthenticationCode1: codeAt(seed, s - 1), AuthenticationCode2: codeAt(seed, s) });
    await rejectsWith(attempt(), 'AccessDenied');
    f.clock.advance(30_000);
    const code = codeAt(seed, stepOf(f.clock.now()));
    await attempt({ mfaCode: code });
    await rejectsWith(attempt({ mfaCode: code }), 'AccessDenied');
  });

  it('expired passwords must be changed; with HardExpiry sign-in is refused', async () => {
    await f.services.iam.updateAccountPasswordPolicy(f.root, { MaxPasswordAge: 30 });
    f.clock.advance(31 * DAY);
    assert.equal((await attempt()).mustChangePassword, true);
    await f.services.iam.updateAccountPasswordPolicy(f.root, { MaxPasswordAge: 30, HardExpiry: true });
    await rejectsWith(attempt(), 'AccessDenied', /expired/);
  });
});
