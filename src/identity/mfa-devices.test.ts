import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { codeAt, matchingStep, stepOf } from './mfa-codes.ts';
import { type Fixture, ACCOUNT, makeFixture, rejectsWith } from './services-fixture.test.ts';

const T0 = new Date('2026-01-01T00:00:00Z');

async function newDevice(f: Fixture, name: string) {
  const { VirtualMFADevice } = await f.services.iam.createVirtualMFADevice(f.root, { VirtualMFADeviceName: name });
  const seed = Buffer.from(VirtualMFADevice.Base32StringSeed as string, 'base64').toString('ascii');
  return { serial: VirtualMFADevice.SerialNumber, seed, png: Buffer.from(VirtualMFADevice.QRCodePNG as string, 'base64') };
}

/** Two consecutive codes ending at the current step. */
const pair = (seed: string, now: Date) => ({
  AuthenticationCode1: codeAt(seed, stepOf(now) - 1),
  AuthenticationCode2: codeAt(seed, stepOf(now)),
});

describe('MFA codes', () => {
  it('a code matches its own step within the window and not outside it', () => {
    const seed = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const s = stepOf(T0);
    assert.equal(matchingStep(seed, codeAt(seed, s), s - 1, s + 1), s);
    assert.equal(matchingStep(seed, codeAt(seed, s + 1), s - 1, s + 1), s + 1);
    assert.equal(matchingStep(seed, codeAt(seed, s + 3), s - 1, s + 1), undefined);
  });
});

describe('virtual MFA devices', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    f.clock.set(T0);
    await f.services.iam.createUser(f.root, { UserName: 'alice' });
  });
  afterEach(() => f.close());

  it('create returns a serial, a base32 seed and a PNG QR code; the seed never shows again', async () => {
    const d = await newDevice(f, 'alice-phone');
    assert.equal(d.serial, `arn:aws:iam::${ACCOUNT}:mfa/alice-phone`);
    assert.match(d.seed, /^[A-Z2-7]{32}$/);
    assert.deepEqual([...d.png.subarray(1, 4)], [...Buffer.from('PNG')]);
    const listed = await f.services.iam.listVirtualMFADevices(f.root, {});
    assert.deepEqual(listed.VirtualMFADevices, [{ SerialNumber: d.serial }]);
    await rejectsWith(f.services.iam.createVirtualMFADevice(f.root, { VirtualMFADeviceName: 'ALICE-PHONE' }), 'EntityAlreadyExists');
    const stored = await f.store.getSecurityItem('mfa', d.serial);
    assert.ok(stored && !stored.body.includes(d.seed), 'the seed is sealed at rest');
  });

  it('enable needs two consecutive valid codes; wrong codes are InvalidAuthenticationCode', async () => {
    const d = await newDevice(f, 'alice-phone');
    const codes = pair(d.seed, T0);
    await rejectsWith(
      f.services.iam.enableMFADevice(f.root, { UserName: 'alice', SerialNumber: d.serial, AuthenticationCode1: codes.AuthenticationCode2, AuthenticationCode2: codes.AuthenticationCode1 }),
      'InvalidAuthenticationCode',
      'Authentication code for device is not valid.',
    );
    await f.services.iam.enableMFADevice(f.root, { UserName: 'alice', SerialNumber: d.serial, ...codes });
    const { MFADevices } = await f.services.iam.listMFADevices(f.root, { UserName: 'alice' });
    assert.deepEqual(MFADevices, [{ UserName: 'alice', SerialNumber: d.serial, EnableDate: T0 }]);
    const got = await f.services.iam.getMFADevice(f.root, { SerialNumber: d.serial, UserName: 'alice' });
    assert.equal(got.UserName, 'alice');
    await rejectsWith(f.services.iam.enableMFADevice(f.root, { UserName: 'alice', SerialNumber: d.serial, ...codes }), 'EntityAlreadyExists');
    assert.equal((await f.services.iam.listVirtualMFADevices(f.root, { AssignmentStatus: 'Unassigned' })).VirtualMFADevices.length, 0);
    const assigned = await f.services.iam.listVirtualMFADevices(f.root, { AssignmentStatus: 'Assigned' });
    assert.equal(assigned.VirtualMFADevices[0]?.User?.UserName, 'alice');
  });

  const badInputs: [string, object, string][] = [
    ['a five-digit code', { AuthenticationCode1: '12345', AuthenticationCode2: '123456' }, 'ValidationError'],
    ['a non-numeric code', { AuthenticationCode1: 'abcdef', AuthenticationCode2: '123456' }, 'ValidationError'],
    ['a missing code', { AuthenticationCode2: '123456' }, 'ValidationError'],
  ];
  for (const [name, codes, code] of badInputs) {
    it(`enable with ${name} is ${code}`, async () => {
      const d = await newDevice(f, 'dev');
      await rejectsWith(f.services.iam.enableMFADevice(f.root, { UserName: 'alice', SerialNumber: d.serial, ...codes }), code);
    });
  }

  it('an unknown serial number is NoSuchEntity', async () => {
    await rejectsWith(
      f.services.iam.enableMFADevice(f.root, { UserName: 'alice', SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/nope`, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }),
      'NoSuchEntity',
    );
    await rejectsWith(f.services.iam.deleteVirtualMFADevice(f.root, { SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/nope` }), 'NoSuchEntity');
  });

  it('the verifier accepts a fresh code once, refuses its replay, and refuses other callers', async () => {
    const d = await newDevice(f, 'alice-phone');
    await f.services.iam.enableMFADevice(f.root, { UserName: 'alice', SerialNumber: d.serial, ...pair(d.seed, T0) });
    const aliceArn = `arn:aws:iam::${ACCOUNT}:user/alice`;
    const check = (code: string, callerArn = aliceArn, now = f.clock.now()) =>
      f.services.mfa.verify({ accountId: ACCOUNT, callerArn, serialNumber: d.serial, tokenCode: code, now });
    assert.equal(await check(codeAt(d.seed, stepOf(T0))), false, 'the code used to enable is spent');
    f.clock.advance(30_000);
    const fresh = codeAt(d.seed, stepOf(f.clock.now()));
    assert.equal(await check(fresh, `arn:aws:iam::${ACCOUNT}:user/mallory`), false);
    assert.equal(await check(fresh), true);
    assert.equal(await check(fresh), false, 'replay refused');
    assert.equal(await check('12345'), false);
    f.clock.advance(30_000);
    assert.equal(await check(codeAt(d.seed, stepOf(f.clock.now()) + 1)), true, 'one step ahead is inside the window');
    f.clock.advance(60_000);
    assert.equal(await check(codeAt(d.seed, stepOf(f.clock.now()) + 2)), false, 'two steps ahead is outside');
  });

  it('resync accepts two consecutive codes from a drifted clock', async () => {
    const d = await newDevice(f, 'alice-phone');
    await f.services.iam.enableMFADevice(f.root, { UserName: 'alice', SerialNumber: d.serial, ...pair(d.seed, T0) });
    f.clock.advance(10 * 60_000);
    const drifted = new Date(f.clock.now().getTime() - 4 * 60_000);
    await f.services.iam.resyncMFADevice(f.root, { UserName: 'alice', SerialNumber: d.serial, ...pair(d.seed, drifted) });
    await rejectsWith(
      f.services.iam.resyncMFADevice(f.root, { UserName: 'alice', SerialNumber: d.serial, AuthenticationCode1: '000000', AuthenticationCode2: '000000' }),
      'InvalidAuthenticationCode',
    );
  });

  it('delete conflicts while assigned, deactivate frees it, DeleteUser conflicts on the device', async () => {
    const d = await newDevice(f, 'alice-phone');
    await f.services.iam.enableMFADevice(f.root, { UserName: 'alice', SerialNumber: d.serial, ...pair(d.seed, T0) });
    await rejectsWith(f.services.iam.deleteVirtualMFADevice(f.root, { SerialNumber: d.serial }), 'DeleteConflict');
    await rejectsWith(f.services.iam.deleteUser(f.root, { UserName: 'alice' }), 'DeleteConflict', 'Cannot delete entity, must delete MFA device first.');
    await f.services.iam.deactivateMFADevice(f.root, { UserName: 'alice', SerialNumber: d.serial });
    assert.equal((await f.services.iam.listMFADevices(f.root, { UserName: 'alice' })).MFADevices.length, 0);
    await f.services.iam.deleteVirtualMFADevice(f.root, { SerialNumber: d.serial });
    await f.services.iam.deleteUser(f.root, { UserName: 'alice' });
  });

  it('tags: tag, list, untag', async () => {
    const d = await newDevice(f, 'tagged');
    await f.services.iam.tagMFADevice(f.root, { SerialNumber: d.serial, Tags: [{ Key: 'team', Value: 'ops' }, { Key: 'x', Value: '1' }] });
    await f.services.iam.untagMFADevice(f.root, { SerialNumber: d.serial, TagKeys: ['x'] });
    assert.deepEqual((await f.services.iam.listMFADeviceTags(f.root, { SerialNumber: d.serial })).Tags, [{ Key: 'team', Value: 'ops' }]);
  });

  it('root can own a device by naming its account id, and lists it as its own', async () => {
    const d = await newDevice(f, 'root-account-mfa-device');
    await f.services.iam.enableMFADevice(f.root, { UserName: ACCOUNT, SerialNumber: d.serial, ...pair(d.seed, T0) });
    const { MFADevices } = await f.services.iam.listMFADevices(f.root, {});
    assert.equal(MFADevices[0]?.SerialNumber, d.serial);
    const summary = (await f.services.iam.getAccountSummary(f.root, {})).SummaryMap;
    assert.deepEqual([summary.get('AccountMFAEnabled'), summary.get('MFADevices'), summary.get('MFADevicesInUse')], [1, 1, 1]);
    f.clock.advance(30_000);
    const ok = await f.services.mfa.verify({ accountId: ACCOUNT, callerArn: `arn:aws:iam::${ACCOUNT}:root`, serialNumber: d.serial, tokenCode: codeAt(d.seed, stepOf(f.clock.now())), now: f.clock.now() });
    assert.equal(ok, true);
    await f.services.iam.deactivateMFADevice(f.root, { SerialNumber: d.serial });
  });
});
