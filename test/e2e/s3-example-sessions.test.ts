import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type IAMClient, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { ManualClock } from '../../src/shared/index.ts';
import { type Actor, createActor, policy } from './enforcement-support.test.ts';
import { rejection, startTestServer, type TestServer } from './harness.ts';
import { doc } from './platform-fixture.ts';
import { fillBucket, readObject as read, type S3Fixture, startS3Fixture } from './s3-example-fixture.ts';
import { createRole, trustPolicy } from './sts-support.test.ts';

/**
 * The example S3 service driven by @aws-sdk/client-s3 signing with role-session credentials that
 * @aws-sdk/credential-providers' fromTemporaryCredentials gets from iamd's AssumeRole: iamd opens the session token,
 * verifies the signature with the session's secret and decides with the role's policies, the session policy and
 * the bucket policy. The server's clock is a ManualClock; the SDK clients follow it with systemClockOffset.
 */
describe('the example S3 service with STS session credentials (fromTemporaryCredentials)', () => {
  const clock = new ManualClock(new Date());
  const offset = () => clock.now().getTime() - Date.now();
  let t: TestServer;
  let s3: S3Fixture;
  let root: IAMClient;
  let alice: Actor;
  let owner: S3Client;

  /** An S3 client signing with the credentials of `provider` (and the server's clock). */
  const s3Client = (credentials: AwsCredentialIdentityProvider | { accessKeyId: string; secretAccessKey: string }) =>
    s3.client(credentials, { systemClockOffset: offset() });
  /** Role credentials for `master` from iamd's AssumeRole, through the SDK's own provider. */
  const roleCredentials = async (
    master: Actor,
    params: { RoleArn: string; RoleSessionName: string; Policy?: string; DurationSeconds?: number },
  ) =>
    fromTemporaryCredentials({
      params,
      masterCredentials: await master.sts.config.credentials(),
      clientConfig: { endpoint: t.url, region: 'us-east-1', systemClockOffset: offset() },
    });
  const refused = async (c: S3Client, Key: string) =>
    (await rejection(c.send(new GetObjectCommand({ Bucket: 'bucket', Key })))).name;

  before(async () => {
    t = await startTestServer({ clock });
    root = t.iam();
    // The platform asks iamd with long-term keys here; API callers with session keys are in authorize-sessions.
    const platform = await createActor(t, root, 'platform');
    await root.send(
      new PutUserPolicyCommand({ UserName: 'platform', PolicyName: 'gate', PolicyDocument: policy('Allow', 'iamd:Authorize') }),
    );
    const { accessKeyId, secretAccessKey } = await platform.sts.config.credentials();
    s3 = await startS3Fixture('iamd-s3-sessions', {
      iamd: { endpoint: t.url, credentials: { accessKeyId, secretAccessKey } },
      // The platform signs its calls to iamd with the server's (manual) clock too.
      clock,
    });
    owner = s3Client(t.root);
    alice = await createActor(t, root, 'alice');
    await fillBucket(owner, [
      ['public/a.txt', 'public a'],
      ['public/b.txt', 'public b'],
      ['private/c.txt', 'private c'],
      ['shared/d.txt', 'shared d'],
    ]);
  });
  after(async () => {
    await s3.close();
    await t.close();
  });

  test('a role session reads where its role allows, and nowhere else', async () => {
    const roleArn = await createRole(
      root,
      'reader',
      trustPolicy(alice.arn),
      policy('Allow', 's3:GetObject', 'arn:aws:s3:::bucket/public/*'),
    );
    const session = s3Client(await roleCredentials(alice, { RoleArn: roleArn, RoleSessionName: 'app' }));
    assert.equal(await read(session, 'public/a.txt'), 'public a');
    assert.equal(await refused(session, 'private/c.txt'), 'AccessDenied');
    const put = await rejection(session.send(new PutObjectCommand({ Bucket: 'bucket', Key: 'public/n', Body: 'n' })));
    assert.equal(put.name, 'AccessDenied');
  });

  test('a session policy narrows the role session', async () => {
    const roleArn = `arn:aws:iam::${t.server.accountId}:role/reader`;
    const narrowed = s3Client(
      await roleCredentials(alice, {
        RoleArn: roleArn,
        RoleSessionName: 'narrow',
        Policy: policy('Allow', 's3:GetObject', 'arn:aws:s3:::bucket/public/a.txt'),
      }),
    );
    assert.equal(await read(narrowed, 'public/a.txt'), 'public a');
    assert.equal(await refused(narrowed, 'public/b.txt'), 'AccessDenied', 'the role allows it, the session policy not');
  });

  test('cross account: a bucket policy granting another account’s role works only with that role’s own Allow', async () => {
    const other = await t.server.services.accounts.createAccount();
    const otherRoot = t.iam({ credentials: other.rootCredentials, systemClockOffset: offset() });
    const bob = await createActor(t, otherRoot, 'bob');
    const partnerArn = await createRole(otherRoot, 'partner', trustPolicy(bob.arn));
    await owner.send(
      new PutBucketPolicyCommand({
        Bucket: 'bucket',
        Policy: doc([
          {
            Sid: 'PartnerReads',
            Effect: 'Allow',
            Principal: { AWS: partnerArn },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::bucket/shared/*',
          },
        ]),
      }),
    );
    const partner = s3Client(await roleCredentials(bob, { RoleArn: partnerArn, RoleSessionName: 'sync' }));
    // The bucket policy alone: the partner role's own account has not allowed it.
    assert.equal(await refused(partner, 'shared/d.txt'), 'AccessDenied');
    await otherRoot.send(
      new PutRolePolicyCommand({
        RoleName: 'partner',
        PolicyName: 'read-bucket',
        PolicyDocument: policy('Allow', 's3:GetObject', 'arn:aws:s3:::bucket/*'),
      }),
    );
    // Same session credentials: the role's policies are evaluated on every request.
    assert.equal(await read(partner, 'shared/d.txt'), 'shared d');
    // The identity policy alone (outside the bucket policy's grant): denied.
    assert.equal(await refused(partner, 'private/c.txt'), 'AccessDenied');
  });
  // Last: it moves the server's clock past the session's expiry.
  test('session credentials get ExpiredToken once the session has expired', async () => {
    const roleArn = `arn:aws:iam::${t.server.accountId}:role/reader`;
    const provider = await roleCredentials(alice, { RoleArn: roleArn, RoleSessionName: 'short', DurationSeconds: 900 });
    const credentials = await provider();
    const at = (ms: number) => {
      clock.advance(ms);
      return s3Client(credentials);
    };
    assert.equal(await read(at(899_000), 'public/a.txt'), 'public a');
    const e = await rejection(at(2_000).send(new GetObjectCommand({ Bucket: 'bucket', Key: 'public/a.txt' })));
    assert.equal(e.name, 'ExpiredToken');
    assert.equal(e.status, 400);
    assert.equal(e.message, 'The provided token has expired.');
  });
});
