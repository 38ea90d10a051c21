import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { codeAt, stepOf } from './mfa-codes.ts';
import { type Fixture, ACCOUNT, makeFixture } from './services-fixture.test.ts';

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const DAY = 86_400_000;

describe('security status', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    f.clock.set('2027-01-01T00:00:00Z');
  });
  afterEach(() => f.close());

  const status = async () => {
    const r = await f.services.security.securityStatus(ACCOUNT);
    return Object.fromEntries(r.checks.map((c) => [c.id, c]));
  };

  it('a fresh account fails the account-level checks and each fix turns its check green', async () => {
    let s = await status();
    assert.equal(s['root-mfa']?.status, 'fail');
    assert.deepEqual(s['root-access-keys']?.failing, [ROOT]);
    assert.equal(s['iam-users']?.status, 'fail');
    assert.equal(s['password-policy']?.status, 'fail');
    assert.equal(s['groups-for-permissions']?.status, 'pass');
    assert.ok(Object.values(s).every((c) => c.fix.length > 0 && c.title.length > 0));

    const { VirtualMFADevice } = await f.services.iam.createVirtualMFADevice(f.root, { VirtualMFADeviceName: 'root-account-mfa-device' });
    const seed = Buffer.from(VirtualMFADevice.Base32StringSeed as string, 'base64').toString('ascii');
    const st = stepOf(f.clock.now());
    await f.services.iam.enableMFADevice(f.root, { UserName: ACCOUNT, SerialNumber: VirtualMFADevice.SerialNumber, AuthenticationCode1: codeAt(seed, st - 1), AuthenticationCode2: codeAt(seed, st) });
    await f.services.iam.createUser(f.root, { UserName: 'admin' });
    await f.services.iam.updateAccountPasswordPolicy(f.root, { MinimumPasswordLength: 14 });
    await f.services.iam.deleteAccessKey(f.root, { AccessKeyId: f.rootCredentials.accessKeyId });
    s = await status();
    for (const id of ['root-mfa', 'root-access-keys', 'iam-users', 'password-policy']) assert.equal(s[id]?.status, 'pass', id);
  });

  it('direct user policies, old keys and unused credentials name the failing user', async () => {
    await f.services.iam.createUser(f.root, { UserName: 'frank' });
    const frank = `arn:aws:iam::${ACCOUNT}:user/frank`;
    await f.services.iam.putUserPolicy(f.root, { UserName: 'frank', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) });
    await f.services.iam.createAccessKey(f.root, { UserName: 'frank' });
    let s = await status();
    assert.deepEqual(s['groups-for-permissions']?.failing, [frank]);
    assert.equal(s['access-key-rotation']?.failing.includes(frank), false);
    f.clock.advance(91 * DAY);
    s = await status();
    assert.ok(s['access-key-rotation']?.failing.includes(frank));
    assert.ok(s['unused-credentials']?.failing.includes(frank));
    await f.services.iam.deleteUserPolicy(f.root, { UserName: 'frank', PolicyName: 'p' });
    assert.equal((await status())['groups-for-permissions']?.status, 'pass');
  });
});
