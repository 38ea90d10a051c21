import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CREDENTIAL_REPORT_COLUMNS, reportTime } from './credential-report.ts';
import { codeAt, stepOf } from './mfa-codes.ts';
import { TEST_CERT_1 } from './security-fixture.test.ts';
import { type Fixture, ACCOUNT, makeFixture, rejectsWith } from './services-fixture.test.ts';

const T0 = new Date('2027-01-01T00:00:00Z');
const DAY = 86_400_000;

/** The CSV as one record per row, keyed by column. */
function parse(content: string): Record<string, string>[] {
  const [header, ...rows] = Buffer.from(content, 'base64').toString('utf8').trimEnd().split('\n');
  assert.deepEqual(header?.split(','), [...CREDENTIAL_REPORT_COLUMNS]);
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [CREDENTIAL_REPORT_COLUMNS[i], v])));
}

describe('credential report', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    f.clock.set(T0);
  });
  afterEach(() => f.close());

  it('get before any generate is ReportNotPresent; generate starts, then COMPLETE while fresh', async () => {
    await rejectsWith(f.services.iam.getCredentialReport(f.root, {}), 'ReportNotPresent');
    assert.equal((await f.services.iam.generateCredentialReport(f.root, {})).State, 'STARTED');
    assert.equal((await f.services.iam.generateCredentialReport(f.root, {})).State, 'COMPLETE');
    const got = await f.services.iam.getCredentialReport(f.root, {});
    assert.equal(got.ReportFormat, 'text/csv');
    assert.deepEqual(got.GeneratedTime, T0);
  });

  it('a report older than four hours is ReportExpired until generated again', async () => {
    await f.services.iam.generateCredentialReport(f.root, {});
    f.clock.advance(4 * 3_600_000);
    await rejectsWith(f.services.iam.getCredentialReport(f.root, {}), 'ReportExpired');
    assert.equal((await f.services.iam.generateCredentialReport(f.root, {})).State, 'STARTED');
    await f.services.iam.getCredentialReport(f.root, {});
  });

  it('rows carry every column in AWS formats, root first', async () => {
    await f.services.iam.updateAccountPasswordPolicy(f.root, { MaxPasswordAge: 90 });
    await f.services.iam.createUser(f.root, { UserName: 'dora' });
    await f.services.iam.createUser(f.root, { UserName: 'eve' });
    f.clock.advance(DAY);
    await f.services.iam.createLoginProfile(f.root, { UserName: 'dora', Password: 'a-Password1' });
    const key = await f.services.iam.createAccessKey(f.root, { UserName: 'dora' });
    await f.services.iam.updateAccessKey(f.root, { UserName: 'dora', AccessKeyId: key.AccessKey.AccessKeyId, Status: 'Inactive' });
    await f.services.iam.uploadSigningCertificate(f.root, { UserName: 'dora', CertificateBody: TEST_CERT_1 });
    const { VirtualMFADevice } = await f.services.iam.createVirtualMFADevice(f.root, { VirtualMFADeviceName: 'dora' });
    const seed = Buffer.from(VirtualMFADevice.Base32StringSeed as string, 'base64').toString('ascii');
    const s = stepOf(f.clock.now());
    await f.services.iam.enableMFADevice(f.root, { UserName: 'dora', SerialNumber: VirtualMFADevice.SerialNumber, AuthenticationCode1: codeAt(seed, s - 1), AuthenticationCode2: codeAt(seed, s) });
    await f.services.iam.generateCredentialReport(f.root, {});
    const [root, dora, eve] = parse((await f.services.iam.getCredentialReport(f.root, {})).Content);
    const day1 = reportTime(new Date(T0.getTime() + DAY));
    assert.equal(day1, '2027-01-02T00:00:00+00:00');
    assert.equal(root?.user, '<root_account>');
    assert.equal(root?.arn, `arn:aws:iam::${ACCOUNT}:root`);
    assert.equal(root?.password_enabled, 'not_supported');
    assert.equal(root?.password_last_changed, 'not_supported');
    assert.equal(root?.password_next_rotation, 'not_supported');
    assert.equal(root?.mfa_active, 'false');
    assert.equal(root?.access_key_1_active, 'true', 'the fixture root has a key');
    assert.equal(root?.access_key_1_last_used_date, 'N/A');
    assert.deepEqual(dora, {
      user: 'dora',
      arn: `arn:aws:iam::${ACCOUNT}:user/dora`,
      user_creation_time: reportTime(T0),
      password_enabled: 'true',
      password_last_used: 'no_information',
      password_last_changed: day1,
      password_next_rotation: reportTime(new Date(T0.getTime() + 91 * DAY)),
      mfa_active: 'true',
      access_key_1_active: 'false',
      access_key_1_last_rotated: 'N/A',
      access_key_1_last_used_date: 'N/A',
      access_key_1_last_used_region: 'N/A',
      access_key_1_last_used_service: 'N/A',
      access_key_2_active: 'false',
      access_key_2_last_rotated: 'N/A',
      access_key_2_last_used_date: 'N/A',
      access_key_2_last_used_region: 'N/A',
      access_key_2_last_used_service: 'N/A',
      cert_1_active: 'true',
      cert_1_last_rotated: day1,
      cert_2_active: 'false',
      cert_2_last_rotated: 'N/A',
    });
    assert.equal(eve?.password_enabled, 'false');
    assert.equal(eve?.password_last_used, 'N/A');
    assert.equal(eve?.password_last_changed, 'N/A');
    assert.equal(eve?.password_next_rotation, 'N/A');
    assert.equal(eve?.mfa_active, 'false');
  });
});

/**
 * Each rule of the IAM User Guide page "Getting credential reports for your AWS account"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html), one case per column rule.
 */
describe('credential report columns, rule by rule', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    f.clock.set(T0);
    await f.services.iam.createUser(f.root, { UserName: 'keyless' });
    await f.services.iam.createUser(f.root, { UserName: 'keys' });
  });
  afterEach(() => f.close());
  const report = async () => {
    f.clock.advance(5 * 3_600_000); // past the four-hour reuse window, so each call builds a fresh report
    await f.services.iam.generateCredentialReport(f.root, {});
    const rows = parse((await f.services.iam.getCredentialReport(f.root, {})).Content);
    return (user: string) => rows.find((r) => r.user === user) as Record<string, string>;
  };
  const newKey = async (userName: string) => (await f.services.iam.createAccessKey(f.root, { UserName: userName })).AccessKey.AccessKeyId;

  it('user_creation_time and every date: ISO 8601 with +00:00', async () => {
    const row = (await report())('keyless');
    assert.equal(row['user_creation_time'], '2027-01-01T00:00:00+00:00');
    assert.match(row['user_creation_time'] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  });

  it('password_enabled: true/false for users; always not_supported for the root user', async () => {
    await f.services.iam.createLoginProfile(f.root, { UserName: 'keys', Password: 'a-Password1' });
    const row = await report();
    assert.deepEqual([row('keys')['password_enabled'], row('keyless')['password_enabled'], row('<root_account>')['password_enabled']], ['true', 'false', 'not_supported']);
  });

  it('password_last_used: N/A without a password, no_information when never used, else the last sign-in (root too)', async () => {
    await f.services.iam.createLoginProfile(f.root, { UserName: 'keys', Password: 'a-Password1' });
    let row = await report();
    assert.deepEqual([row('keyless')['password_last_used'], row('keys')['password_last_used'], row('<root_account>')['password_last_used']], ['N/A', 'no_information', 'no_information']);
    await f.services.accounts.setRootEmail(ACCOUNT, 'owner@example.com');
    await f.services.accounts.setRootPassword(ACCOUNT, 'root-Password1');
    const at = reportTime(f.clock.now());
    await f.services.signIn.signIn({ account: ACCOUNT, userName: 'keys', password: 'a-Password1', sourceIp: '192.0.2.1' });
    await f.services.signIn.signIn({ email: 'owner@example.com', password: 'root-Password1', sourceIp: '192.0.2.1' });
    row = await report();
    assert.deepEqual([row('keys')['password_last_used'], row('<root_account>')['password_last_used']], [at, at]);
  });

  it('password_last_changed: N/A without a password; not_supported for root', async () => {
    await f.services.iam.createLoginProfile(f.root, { UserName: 'keys', Password: 'a-Password1' });
    const row = await report();
    assert.equal(row('keys')['password_last_changed'], reportTime(T0));
    assert.deepEqual([row('keyless')['password_last_changed'], row('<root_account>')['password_last_changed']], ['N/A', 'not_supported']);
  });

  it('password_next_rotation: a date only when the policy requires rotation; not_supported for root', async () => {
    await f.services.iam.createLoginProfile(f.root, { UserName: 'keys', Password: 'a-Password1' });
    let row = await report();
    assert.equal(row('keys')['password_next_rotation'], 'N/A');
    await f.services.iam.updateAccountPasswordPolicy(f.root, { MaxPasswordAge: 30 });
    row = await report();
    assert.equal(row('keys')['password_next_rotation'], reportTime(new Date(T0.getTime() + 30 * DAY)));
    assert.equal(row('<root_account>')['password_next_rotation'], 'not_supported');
  });

  it('mfa_active: true once a device is enabled for the user (or root); a created, unassigned device does not count', async () => {
    const { VirtualMFADevice } = await f.services.iam.createVirtualMFADevice(f.root, { VirtualMFADeviceName: 'spare' });
    let row = await report();
    assert.deepEqual([row('keys')['mfa_active'], row('<root_account>')['mfa_active']], ['false', 'false']);
    const seed = Buffer.from(VirtualMFADevice.Base32StringSeed as string, 'base64').toString('ascii');
    const s = stepOf(f.clock.now());
    await f.services.iam.enableMFADevice(f.root, { UserName: ACCOUNT, SerialNumber: VirtualMFADevice.SerialNumber, AuthenticationCode1: codeAt(seed, s - 1), AuthenticationCode2: codeAt(seed, s) });
    row = await report();
    assert.deepEqual([row('keys')['mfa_active'], row('<root_account>')['mfa_active']], ['false', 'true']);
  });

  it('access_key_N_active / last_rotated: false and N/A without a key; last_rotated N/A for an inactive key', async () => {
    const first = await newKey('keys');
    f.clock.advance(DAY);
    await newKey('keys');
    await f.services.iam.updateAccessKey(f.root, { UserName: 'keys', AccessKeyId: first, Status: 'Inactive' });
    const row = await report();
    assert.deepEqual([row('keyless')['access_key_1_active'], row('keyless')['access_key_1_last_rotated']], ['false', 'N/A']);
    assert.deepEqual([row('keys')['access_key_1_active'], row('keys')['access_key_1_last_rotated']], ['false', 'N/A']);
    assert.deepEqual([row('keys')['access_key_2_active'], row('keys')['access_key_2_last_rotated']], ['true', reportTime(new Date(T0.getTime() + DAY))]);
  });

  it('access_key_N_last_used_date/region/service: N/A when never used; region N/A for a service that is not Region-specific (S3)', async () => {
    const first = await newKey('keys');
    // Keys are numbered by creation time: create them a second apart so key 1 is `first`.
    f.clock.advance(1000);
    const second = await newKey('keys');
    let row = await report();
    for (const c of ['last_used_date', 'last_used_region', 'last_used_service']) assert.equal(row('keys')[`access_key_1_${c}`], 'N/A', c);
    const at = new Date(T0.getTime() + 3600_000);
    await f.store.recordAccessKeyUse(first, { at, service: 'iam', region: 'eu-west-1' });
    await f.store.recordAccessKeyUse(second, { at, service: 's3', region: 'eu-west-1' });
    row = await report();
    const used = (n: number) => ['date', 'region', 'service'].map((c) => row('keys')[`access_key_${n}_last_used_${c}`]);
    assert.deepEqual(used(1), [reportTime(at), 'eu-west-1', 'iam']);
    assert.deepEqual(used(2), [reportTime(at), 'N/A', 's3']);
  });

  it('cert_N_active / last_rotated: false and N/A without a certificate; last_rotated N/A for an inactive one; root has none', async () => {
    const { Certificate } = await f.services.iam.uploadSigningCertificate(f.root, { UserName: 'keys', CertificateBody: TEST_CERT_1 });
    let row = await report();
    assert.deepEqual([row('keys')['cert_1_active'], row('keys')['cert_1_last_rotated']], ['true', reportTime(T0)]);
    assert.deepEqual([row('keyless')['cert_1_active'], row('keyless')['cert_1_last_rotated'], row('keyless')['cert_2_active'], row('keyless')['cert_2_last_rotated']], ['false', 'N/A', 'false', 'N/A']);
    await f.services.iam.updateSigningCertificate(f.root, { UserName: 'keys', CertificateId: Certificate.CertificateId, Status: 'Inactive' });
    row = await report();
    assert.deepEqual([row('keys')['cert_1_active'], row('keys')['cert_1_last_rotated']], ['false', 'N/A']);
    assert.deepEqual([row('<root_account>')['cert_1_active'], row('<root_account>')['cert_1_last_rotated']], ['false', 'N/A']);
  });
});
