/** Account security end to end through @aws-sdk/client-iam: password policy, virtual MFA, credential report, SSH keys. */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  PutUserPolicyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteUserCommand,
  DeleteSSHPublicKeyCommand,
  EnableMFADeviceCommand,
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetCredentialReportCommand,
  GetSSHPublicKeyCommand,
  type IAMClient,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
  UpdateAccountPasswordPolicyCommand,
  UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam';
import { HOTP, Secret } from 'otpauth';
import { ManualClock } from '../../src/shared/index.ts';
import { type TestServer, startTestServer } from './harness.ts';

const code = (seed: string, step: number) =>
  HOTP.generate({ secret: Secret.fromBase32(seed), algorithm: 'SHA1', digits: 6, counter: step });

async function rejectsCode(p: Promise<unknown>, name: string, status?: number): Promise<void> {
  await assert.rejects(p, (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(e.name, name, e.message);
    if (status !== undefined) assert.equal(e.$metadata?.httpStatusCode, status);
    return true;
  });
}

describe('account security through the AWS SDK', () => {
  let t: TestServer;
  let iam: IAMClient;
  const clock = new ManualClock();
  before(async () => {
    clock.set(Date.now());
    t = await startTestServer({ clock });
    iam = t.iam();
  });
  after(() => t.close());

  it('password policy: NoSuchEntity before, violations name the rule, a good password passes', async () => {
    await rejectsCode(iam.send(new GetAccountPasswordPolicyCommand({})), 'NoSuchEntityException', 404);
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 10, RequireNumbers: true }));
    const { PasswordPolicy } = await iam.send(new GetAccountPasswordPolicyCommand({}));
    assert.equal(PasswordPolicy?.MinimumPasswordLength, 10);
    assert.equal(PasswordPolicy?.RequireNumbers, true);
    assert.equal(PasswordPolicy?.ExpirePasswords, false);
    await rejectsCode(iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 200 })), 'ValidationError', 400);
    await iam.send(new CreateUserCommand({ UserName: 'pat' }));
    await assert.rejects(iam.send(new CreateLoginProfileCommand({ UserName: 'pat', Password: 'short1' })), (e: Error) => {
      assert.equal(e.name, 'PasswordPolicyViolationException');
      assert.match(e.message, /minimum length of 10/);
      return true;
    });
    await rejectsCode(iam.send(new CreateLoginProfileCommand({ UserName: 'pat', Password: 'long-enough-no-digit' })), 'PasswordPolicyViolationException');
    await iam.send(new CreateLoginProfileCommand({ UserName: 'pat', Password: 'long-enough-1' }));
  });

  it('ChangePassword: a user with iam:ChangePassword on itself changes its password; the policy still applies', async () => {
    await iam.send(new PutUserPolicyCommand({
      UserName: 'pat',
      PolicyName: 'self-password',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ChangePassword', Resource: 'arn:aws:iam::*:user/${aws:username}' }] }),
    }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'pat' }));
    const pat = t.iam({ credentials: { accessKeyId: AccessKey?.AccessKeyId as string, secretAccessKey: AccessKey?.SecretAccessKey as string } });
    await rejectsCode(pat.send(new ChangePasswordCommand({ OldPassword: 'long-enough-1', NewPassword: 'tooshort' })), 'PasswordPolicyViolationException', 400);
    await pat.send(new ChangePasswordCommand({ OldPassword: 'long-enough-1', NewPassword: 'long-enough-2' }));
    await rejectsCode(pat.send(new ChangePasswordCommand({ OldPassword: 'long-enough-1', NewPassword: 'long-enough-3' })), 'InvalidInputException', 400);
  });

  it('virtual MFA: create, enable with codes from the seed, wrong codes refused with 403', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'mia' }));
    const created = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mia-phone' }));
    const device = created.VirtualMFADevice;
    assert.ok(device?.SerialNumber && device.Base32StringSeed && device.QRCodePNG);
    const seed = Buffer.from(device.Base32StringSeed).toString('ascii');
    assert.match(seed, /^[A-Z2-7]+$/);
    assert.equal(Buffer.from(device.QRCodePNG).subarray(1, 4).toString(), 'PNG');
    await rejectsCode(
      iam.send(new EnableMFADeviceCommand({ UserName: 'mia', SerialNumber: device.SerialNumber, AuthenticationCode1: '000000', AuthenticationCode2: '000000' })),
      'InvalidAuthenticationCodeException',
      403,
    );
    await rejectsCode(
      iam.send(new EnableMFADeviceCommand({ UserName: 'mia', SerialNumber: device.SerialNumber, AuthenticationCode1: '12ab56', AuthenticationCode2: '000000' })),
      'ValidationError',
      400,
    );
    const step = Math.floor(clock.now().getTime() / 30_000);
    await iam.send(new EnableMFADeviceCommand({ UserName: 'mia', SerialNumber: device.SerialNumber, AuthenticationCode1: code(seed, step - 1), AuthenticationCode2: code(seed, step) }));
    const { MFADevices } = await iam.send(new ListMFADevicesCommand({ UserName: 'mia' }));
    assert.equal(MFADevices?.[0]?.SerialNumber, device.SerialNumber);
    const assigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    assert.equal(assigned.VirtualMFADevices?.[0]?.User?.UserName, 'mia');
    await rejectsCode(iam.send(new DeleteUserCommand({ UserName: 'mia' })), 'DeleteConflictException', 409);
  });

  it('SSH public key: upload, get as PEM, delete', async () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const up = await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'pat', SSHPublicKeyBody: pem }));
    const id = up.SSHPublicKey?.SSHPublicKeyId as string;
    assert.match(id, /^APKA/);
    assert.match(up.SSHPublicKey?.Fingerprint ?? '', /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    const got = await iam.send(new GetSSHPublicKeyCommand({ UserName: 'pat', SSHPublicKeyId: id, Encoding: 'PEM' }));
    assert.match(got.SSHPublicKey?.SSHPublicKeyBody ?? '', /BEGIN PUBLIC KEY/);
    await rejectsCode(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'pat', SSHPublicKeyBody: 'ssh-rsa nonsense' })), 'UnrecognizedPublicKeyEncodingException', 400);
    await iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'pat', SSHPublicKeyId: id }));
  });
  it('credential report: not present, generated, then a CSV with the root row', async () => {
    await rejectsCode(iam.send(new GetCredentialReportCommand({})), 'CredentialReportNotPresentException', 410);
    const generated = await iam.send(new GenerateCredentialReportCommand({}));
    assert.equal(generated.State, 'STARTED');
    const report = await iam.send(new GetCredentialReportCommand({}));
    assert.equal(report.ReportFormat, 'text/csv');
    const lines = Buffer.from(report.Content ?? new Uint8Array()).toString('utf8').trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^user,arn,user_creation_time,password_enabled,/);
    assert.match(lines[1] ?? '', /^<root_account>,arn:aws:iam::\d{12}:root,/);
    const mia = lines.find((l) => l.startsWith('mia,'))?.split(',');
    assert.equal(mia?.[7], 'true', 'mfa_active');
    const pat = lines.find((l) => l.startsWith('pat,'))?.split(',');
    assert.equal(pat?.[3], 'true', 'password_enabled');
    clock.advance(4 * 3_600_000 + 1);
    // The server's clock moved: sign with the same offset (last call: the SDK re-corrects skew from responses).
    iam = t.iam({ systemClockOffset: 4 * 3_600_000 + 1 });
    await rejectsCode(iam.send(new GetCredentialReportCommand({})), 'CredentialReportExpiredException', 410);
  });

});
