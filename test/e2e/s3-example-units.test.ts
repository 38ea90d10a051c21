import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GateRefusal } from '../../src/client/index.ts';
import { decodeChunked } from '../../examples/s3/aws-chunked.ts';
import { isBucketName } from '../../examples/s3/object-store.ts';
import { operationOf } from '../../examples/s3/s3-operation.ts';

const operations: [string, string, string, string | undefined][] = [
  ['PUT', '/bucket', 'CreateBucket', undefined],
  ['PUT', '/bucket?policy', 'PutBucketPolicy', undefined],
  ['GET', '/bucket?policy', 'GetBucketPolicy', undefined],
  ['DELETE', '/bucket?policy', 'DeleteBucketPolicy', undefined],
  ['GET', '/bucket?list-type=2&prefix=a', 'ListObjectsV2', undefined],
  ['HEAD', '/bucket', 'HeadBucket', undefined],
  ['PUT', '/bucket/a/b%20c.txt', 'PutObject', 'a/b c.txt'],
  ['GET', '/bucket/a?x-id=GetObject', 'GetObject', 'a'],
  ['HEAD', '/bucket/a', 'HeadObject', 'a'],
  ['DELETE', '/bucket/a', 'DeleteObject', 'a'],
];
for (const [method, url, name, key] of operations) {
  test(`${method} ${url} is ${name}`, () => {
    const op = operationOf(method, url);
    assert.equal(op.name, name);
    assert.equal(op.bucket, 'bucket');
    assert.equal(op.key, key);
  });
}

test('unsupported requests are refused with S3 errors', () => {
  for (const [method, url, code] of [
    ['GET', '/', 'NotImplemented'],
    ['POST', '/bucket/a', 'NotImplemented'],
    ['GET', '/bucket/%E0%A4%A', 'InvalidURI'],
  ] as const) {
    assert.throws(
      () => operationOf(method, url),
      (e: unknown) => e instanceof GateRefusal && e.code === code,
    );
  }
});

test('aws-chunked framing is removed; broken framing is refused', () => {
  const framed = Buffer.from('5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:abc=\r\n\r\n');
  assert.equal(decodeChunked(framed)?.toString(), 'hello world');
  assert.equal(decodeChunked(Buffer.from('5\r\nhel')), undefined);
  assert.equal(decodeChunked(Buffer.from('zz\r\nhello\r\n0\r\n')), undefined);
});

test('bucket names follow the simple S3 rules', () => {
  assert.deepEqual(['bucket', 'my.bucket-1', 'ab', 'Bucket', 'a..b', '../x'].map(isBucketName), [
    true,
    true,
    false,
    false,
    false,
    false,
  ]);
});
