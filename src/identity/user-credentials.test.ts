import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { TEST_CERT_1, TEST_CERT_2, TEST_CERT_3 } from './security-fixture.test.ts';
import { type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';
import { parseSshPublicKey } from './ssh-key-format.ts';

const rsaPem = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('SSH key format', () => {
  it('PEM and OpenSSH forms of one key round-trip to the same fingerprint', () => {
    const pem = rsaPem(2048);
    const fromPem = parseSshPublicKey(pem);
    const fromSsh = parseSshPublicKey(`${fromPem.ssh} me@host`);
    assert.equal(fromSsh.fingerprint, fromPem.fingerprint);
    assert.match(fromPem.fingerprint, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    assert.match(fromPem.ssh, /^ssh-rsa AAAA/);
  });
  it('ed25519 keys are accepted', () => {
    const pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    assert.match(parseSshPublicKey(pem).ssh, /^ssh-ed25519 /);
  });
  const bad: [string, string, string][] = [
    ['garbage', 'not a key', 'UnrecognizedPublicKeyEncoding'],
    ['a truncated blob', 'ssh-rsa AAAAB3NzaC1yc2E=', 'UnrecognizedPublicKeyEncoding'],
    ['a 1024-bit RSA key', rsaPem(1024), 'InvalidPublicKey'],
  ];
  for (const [name, body, code] of bad) {
    it(`${name} is ${code}`, () => {
      assert.throws(() => parseSshPublicKey(body), (e: Error & { code?: string }) => e.code === code);
    });
  }
});

describe('SSH keys, signing certificates, service-specific credentials', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    f.clock.set('2027-06-01T00:00:00Z');
    await f.services.iam.createUser(f.root, { UserName: 'carol' });
  });
  afterEach(() => f.close());

  it('SSH key upload, get in both encodings, list, update, duplicate refused, delete', async () => {
    const pem = rsaPem(2048);
    const { SSHPublicKey } = await f.services.iam.uploadSSHPublicKey(f.root, { UserName: 'carol', SSHPublicKeyBody: pem });
    assert.match(SSHPublicKey.SSHPublicKeyId, /^APKA[A-Z2-7]{16}$/);
    assert.equal(SSHPublicKey.Status, 'Active');
    await rejectsWith(f.services.iam.uploadSSHPublicKey(f.root, { UserName: 'carol', SSHPublicKeyBody: SSHPublicKey.SSHPublicKeyBody }), 'DuplicateSSHPublicKey');
    const asPem = await f.services.iam.getSSHPublicKey(f.root, { UserName: 'carol', SSHPublicKeyId: SSHPublicKey.SSHPublicKeyId, Encoding: 'PEM' });
    assert.match(asPem.SSHPublicKey.SSHPublicKeyBody, /BEGIN PUBLIC KEY/);
    await rejectsWith(f.services.iam.getSSHPublicKey(f.root, { UserName: 'carol', SSHPublicKeyId: SSHPublicKey.SSHPublicKeyId, Encoding: 'DER' }), 'ValidationError');
    await f.services.iam.updateSSHPublicKey(f.root, { UserName: 'carol', SSHPublicKeyId: SSHPublicKey.SSHPublicKeyId, Status: 'Inactive' });
    const listed = await f.services.iam.listSSHPublicKeys(f.root, { UserName: 'carol' });
    assert.equal(listed.SSHPublicKeys[0]?.Status, 'Inactive');
    await rejectsWith(f.services.iam.deleteUser(f.root, { UserName: 'carol' }), 'DeleteConflict', 'Cannot delete entity, must delete SSH public keys first.');
    await f.services.iam.deleteSSHPublicKey(f.root, { UserName: 'carol', SSHPublicKeyId: SSHPublicKey.SSHPublicKeyId });
    await rejectsWith(f.services.iam.deleteSSHPublicKey(f.root, { UserName: 'carol', SSHPublicKeyId: SSHPublicKey.SSHPublicKeyId }), 'NoSuchEntity');
    await f.services.iam.deleteUser(f.root, { UserName: 'carol' });
  });

  it('signing certificates: at most two, duplicates and malformed refused, DeleteUser conflicts', async () => {
    const first = await f.services.iam.uploadSigningCertificate(f.root, { UserName: 'carol', CertificateBody: TEST_CERT_1 });
    assert.equal(first.Certificate.Status, 'Active');
    await rejectsWith(f.services.iam.uploadSigningCertificate(f.root, { UserName: 'carol', CertificateBody: TEST_CERT_1 }), 'DuplicateCertificate');
    await rejectsWith(f.services.iam.uploadSigningCertificate(f.root, { UserName: 'carol', CertificateBody: 'hello' }), 'MalformedCertificate');
    await f.services.iam.uploadSigningCertificate(f.root, { UserName: 'carol', CertificateBody: TEST_CERT_2 });
    await rejectsWith(f.services.iam.uploadSigningCertificate(f.root, { UserName: 'carol', CertificateBody: TEST_CERT_3 }), 'LimitExceeded');
    await f.services.iam.updateSigningCertificate(f.root, { UserName: 'carol', CertificateId: first.Certificate.CertificateId, Status: 'Inactive' });
    const { Certificates } = await f.services.iam.listSigningCertificates(f.root, { UserName: 'carol' });
    assert.equal(Certificates.length, 2);
    await rejectsWith(f.services.iam.deleteUser(f.root, { UserName: 'carol' }), 'DeleteConflict', 'Cannot delete entity, must delete signing certificates first.');
    for (const c of Certificates) await f.services.iam.deleteSigningCertificate(f.root, { UserName: 'carol', CertificateId: c.CertificateId });
    await f.services.iam.deleteUser(f.root, { UserName: 'carol' });
  });

  it('service-specific credentials: password shown once, hashed at rest, reset changes it', async () => {
    const created = await f.services.iam.createServiceSpecificCredential(f.root, { UserName: 'carol', ServiceName: 'codecommit.amazonaws.com' });
    const c = created.ServiceSpecificCredential;
    assert.equal(c.ServiceUserName, 'carol-at-123456789012');
    assert.ok(c.ServicePassword.length >= 40);
    const stored = await f.store.getSecurityItem('service-credential', c.ServiceSpecificCredentialId);
    assert.ok(stored && !stored.body.includes(c.ServicePassword));
    const listed = await f.services.iam.listServiceSpecificCredentials(f.root, { UserName: 'carol' });
    assert.equal(Object.hasOwn(listed.ServiceSpecificCredentials[0] ?? {}, 'ServicePassword'), false);
    const reset = await f.services.iam.resetServiceSpecificCredential(f.root, { UserName: 'carol', ServiceSpecificCredentialId: c.ServiceSpecificCredentialId });
    assert.notEqual(reset.ServiceSpecificCredential.ServicePassword, c.ServicePassword);
    await rejectsWith(f.services.iam.createServiceSpecificCredential(f.root, { UserName: 'carol', ServiceName: 's3.amazonaws.com' }), 'NotSupportedService');
    await f.services.iam.createServiceSpecificCredential(f.root, { UserName: 'carol', ServiceName: 'codecommit.amazonaws.com' });
    await rejectsWith(f.services.iam.createServiceSpecificCredential(f.root, { UserName: 'carol', ServiceName: 'codecommit.amazonaws.com' }), 'LimitExceeded');
    await f.services.iam.updateServiceSpecificCredential(f.root, { UserName: 'carol', ServiceSpecificCredentialId: c.ServiceSpecificCredentialId, Status: 'Inactive' });
    await rejectsWith(f.services.iam.deleteUser(f.root, { UserName: 'carol' }), 'DeleteConflict', 'Cannot delete entity, must delete service specific credentials first.');
    for (const x of (await f.services.iam.listServiceSpecificCredentials(f.root, { UserName: 'carol' })).ServiceSpecificCredentials)
      await f.services.iam.deleteServiceSpecificCredential(f.root, { UserName: 'carol', ServiceSpecificCredentialId: x.ServiceSpecificCredentialId });
    await rejectsWith(f.services.iam.deleteServiceSpecificCredential(f.root, { UserName: 'carol', ServiceSpecificCredentialId: c.ServiceSpecificCredentialId }), 'NoSuchEntity');
    await f.services.iam.deleteUser(f.root, { UserName: 'carol' });
  });
});
