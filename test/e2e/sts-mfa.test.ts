import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, type IAMClient, ListUsersCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { HOTP, Secret } from 'otpauth';
import { ManualClock } from '../../src/shared/index.ts';
import { type Actor, createActor, policy } from './enforcement-support.test.ts';
import { rejection, startTestServer, type TestServer } from './harness.ts';
import { sessionCredentials } from './sts-support.test.ts';

/** The TOTP code of `seed` at the 30-second step containing `at`. */
function code(seed: string, at: Date): string {
  return HOTP.generate({ secret: Secret.fromBase32(seed), algorithm: 'SHA1', digits: 6, counter: Math.floor(at.getTime() / 30_000) });
}

describe('GetSessionToken with MFA (virtual MFA device, codes from an injected clock)', () => {
  const clock = new ManualClock(new Date());
  let t: TestServer;
  let root: IAMClient;
  let alice: Actor;
  let serial: string;
  let seed: string;
  before(async () => {
    t = await startTestServer({ clock });
    root = t.iam();
    alice = await createActor(t, root, 'alice');
    await root.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'list', PolicyDocument: policy('Allow', 'iam:ListUsers') }));
    const { VirtualMFADevice } = await root.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice' }));
    serial = VirtualMFADevice!.SerialNumber!;
    seed = Buffer.from(VirtualMFADevice!.Base32StringSeed!).toString('utf8');
    const first = code(seed, new Date(clock.now().getTime() - 30_000));
    const second = code(seed, clock.now());
    await root.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, AuthenticationCode1: first, AuthenticationCode2: second }));
  });
  after(() => t.close());

  test('with a valid code the session may call IAM; a wrong code is AccessDenied', async () => {
    clock.advance(30_000);
    const offset = clock.now().getTime() - Date.now();
    const sts = t.sts({ credentials: await alice.sts.config.credentials(), systemClockOffset: offset });
    const wrong = await rejection(sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: '000000' === code(seed, clock.now()) ? '111111' : '000000' })));
    assert.equal(wrong.name, 'AccessDenied');
    const out = await sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code(seed, clock.now()) }));
    const credentials = sessionCredentials(out.Credentials!);
    await t.iam({ credentials, systemClockOffset: offset }).send(new ListUsersCommand({}));
  });
});
