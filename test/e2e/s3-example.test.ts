import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { type IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { type Credentials, rawRequest, rejection, startTestServer, type TestServer } from './harness.ts';
import { doc, newUser } from './platform-fixture.ts';
import { fillBucket, readObject as text, type S3Fixture, startS3Fixture } from './s3-example-fixture.ts';

describe('the example S3 service: @aws-sdk/client-s3 against it, every decision made by iamd', () => {
  let t: TestServer;
  let s3: S3Fixture;
  let owner: S3Client;
  let alice: S3Client;
  let bobCreds: Credentials & { arn: string };
  let bobIam: IAMClient;
  let accountB: string;
  const client = (credentials: Credentials): S3Client => s3.client(credentials);
  const setBucketPolicy = (statements: object[]) =>
    owner.send(new PutBucketPolicyCommand({ Bucket: 'bucket', Policy: doc(statements) }));

  before(async () => {
    t = await startTestServer();
    const iam = t.iam();
    const platform = await newUser(
      iam,
      'platform',
      doc([{ Effect: 'Allow', Action: 'iamd:Authorize', Resource: '*' }]),
    );
    s3 = await startS3Fixture('iamd-s3', { iamd: { endpoint: t.url, credentials: platform } });
    owner = client(t.root);
    alice = client(
      await newUser(
        iam,
        'alice',
        doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/public/*' }]),
      ),
    );
    const other = await t.server.services.accounts.createAccount();
    accountB = other.accountId;
    bobIam = t.iam({ credentials: other.rootCredentials });
    bobCreds = await newUser(bobIam, 'bob');
    await fillBucket(owner, [
      ['public/a.txt', 'public a'],
      ['public/secret.txt', 'public but denied'],
      ['private/b.txt', 'private b'],
      ['shared/c.txt', 'shared c'],
      ['open/d.txt', 'open d'],
    ]);
  });
  after(async () => {
    await s3.close();
    await t.close();
  });

  test('the owner (account root) lists, reads and deletes; the listing honours the prefix', async () => {
    const listed = await owner.send(new ListObjectsV2Command({ Bucket: 'bucket', Prefix: 'public/' }));
    assert.deepEqual(
      listed.Contents?.map((o) => o.Key),
      ['public/a.txt', 'public/secret.txt'],
    );
    await owner.send(new PutObjectCommand({ Bucket: 'bucket', Key: 'tmp/x', Body: 'x' }));
    assert.equal(await text(owner, 'tmp/x'), 'x');
    await owner.send(new DeleteObjectCommand({ Bucket: 'bucket', Key: 'tmp/x' }));
    assert.equal(
      (await rejection(owner.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'tmp/x' })))).name,
      'NoSuchKey',
    );
  });

  test('the SDK’s default checksum settings work too (flexible checksums, streamed uploads)', async () => {
    const defaults = s3.track(
      new S3Client({ endpoint: s3.url, region: 'us-east-1', forcePathStyle: true, credentials: t.root }),
    );
    await defaults.send(new PutObjectCommand({ Bucket: 'bucket', Key: 'tmp/default.txt', Body: 'with checksum' }));
    const stream = Readable.from([Buffer.from('streamed '), Buffer.from('upload')]);
    await defaults.send(
      new PutObjectCommand({ Bucket: 'bucket', Key: 'tmp/streamed.txt', Body: stream, ContentLength: 15 }),
    );
    assert.equal(await text(defaults, 'tmp/default.txt'), 'with checksum');
    assert.equal(await text(defaults, 'tmp/streamed.txt'), 'streamed upload');
  });

  test('alice, allowed s3:GetObject on bucket/public/*, reads there and nowhere else', async () => {
    assert.equal(await text(alice, 'public/a.txt'), 'public a');
    for (const call of [
      () => alice.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'private/b.txt' })),
      () => alice.send(new PutObjectCommand({ Bucket: 'bucket', Key: 'public/new.txt', Body: 'n' })),
      () => alice.send(new ListObjectsV2Command({ Bucket: 'bucket' })),
      () => alice.send(new DeleteObjectCommand({ Bucket: 'bucket', Key: 'public/a.txt' })),
    ]) {
      const e = await rejection(call());
      assert.equal(e.name, 'AccessDenied');
      assert.equal(e.status, 403);
    }
  });

  test('another account’s user needs both the bucket policy grant and its own identity policy', async () => {
    const bob = client(bobCreds);
    await setBucketPolicy([
      {
        Sid: 'ShareWithBob',
        Effect: 'Allow',
        Principal: { AWS: bobCreds.arn },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::bucket/shared/*',
      },
    ]);
    // Bucket policy alone: cross-account access also needs the caller's side.
    assert.equal(
      (await rejection(bob.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'shared/c.txt' })))).name,
      'AccessDenied',
    );
    await bobIam.send(
      new PutUserPolicyCommand({
        UserName: 'bob',
        PolicyName: 'read-bucket',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]),
      }),
    );
    assert.equal(await text(bob, 'shared/c.txt'), 'shared c');
    // Identity policy alone (outside the bucket policy's grant): denied.
    assert.equal(
      (await rejection(bob.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'private/b.txt' })))).name,
      'AccessDenied',
    );
    assert.notEqual(accountB, t.server.accountId);
  });

  test('an explicit Deny in the bucket policy wins over alice’s identity Allow', async () => {
    await setBucketPolicy([
      {
        Sid: 'NoSecrets',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::bucket/public/secret*',
      },
    ]);
    assert.equal(await text(alice, 'public/a.txt'), 'public a');
    assert.equal(
      (await rejection(alice.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'public/secret.txt' })))).name,
      'AccessDenied',
    );
    const policy = await owner.send(new GetBucketPolicyCommand({ Bucket: 'bucket' }));
    assert.match(policy.Policy ?? '', /NoSecrets/);
  });

  test('anonymous requests succeed only where the bucket policy allows "Principal": "*"', async () => {
    await setBucketPolicy([
      { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/open/*' },
    ]);
    const open = await rawRequest(s3.url === '' ? 0 : Number(new URL(s3.url).port), {
      method: 'GET',
      path: '/bucket/open/d.txt',
    });
    assert.equal(open.status, 200);
    assert.equal(open.body, 'open d');
    const closed = await rawRequest(Number(new URL(s3.url).port), { method: 'GET', path: '/bucket/public/a.txt' });
    assert.equal(closed.status, 403);
    assert.match(closed.body, /<Error><Code>AccessDenied<\/Code><Message>Access Denied<\/Message>/);
    const write = await rawRequest(Number(new URL(s3.url).port), {
      method: 'PUT',
      path: '/bucket/open/e.txt',
      body: 'e',
    });
    assert.equal(write.status, 403);
  });

  test('signature problems reach the S3 client with S3’s codes', async () => {
    const wrongSecret = client({ accessKeyId: bobCreds.accessKeyId, secretAccessKey: 'x'.repeat(40) });
    assert.equal(
      (await rejection(wrongSecret.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'shared/c.txt' })))).name,
      'SignatureDoesNotMatch',
    );
    const unknown = client({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) });
    assert.equal(
      (await rejection(unknown.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'shared/c.txt' })))).name,
      'InvalidAccessKeyId',
    );
    const missing = await rejection(owner.send(new GetObjectCommand({ Bucket: 'nobucket', Key: 'k' })));
    assert.equal(missing.name, 'NoSuchBucket');
  });

  test('a bucket cannot be created anonymously, and another account gets BucketAlreadyExists', async () => {
    const anonymous = await rawRequest(Number(new URL(s3.url).port), { method: 'PUT', path: '/anon-bucket' });
    assert.equal(anonymous.status, 403);
    const bob = client(bobCreds);
    await bobIam.send(
      new PutUserPolicyCommand({
        UserName: 'bob',
        PolicyName: 'create',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:CreateBucket', Resource: '*' }]),
      }),
    );
    assert.equal(
      (await rejection(bob.send(new CreateBucketCommand({ Bucket: 'bucket' })))).name,
      'BucketAlreadyExists',
    );
  });
});
