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
      access_key_1_last_rotated: day1,
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
