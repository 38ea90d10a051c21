import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetUserCommand, IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type IncomingRequest, parseSignature, type VerifyOptions, verifySignature } from './index.ts';
import { buildQuery, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from './test-signer.ts';

type Captured = {
  method: string;
  path: string;
  query: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
};

class Captures extends Error {}

/** Runs a real SDK client up to the wire and returns the signed request it would have sent. */
async function capture(
  client: { send(command: never): Promise<unknown> },
  command: unknown,
  seen: Captured[],
): Promise<IncomingRequest> {
  await assert.rejects(client.send(command as never), Captures);
  const r = seen.pop()!;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = v;
  return {
    method: r.method,
    path: r.path,
    query: buildQuery(r.query),
    headers,
    ...(typeof r.body === 'string' || r.body instanceof Uint8Array ? { body: r.body } : {}),
  };
}

function clientConfig(seen: Captured[], sessionToken?: string) {
  return {
    region: 'us-west-2',
    endpoint: 'http://127.0.0.1:4566',
    forcePathStyle: true,
    maxAttempts: 1,
    credentials: {
      accessKeyId: TEST_ACCESS_KEY_ID,
      secretAccessKey: TEST_SECRET_ACCESS_KEY,
      ...(sessionToken === undefined ? {} : { sessionToken }),
    },
    requestHandler: {
      handle: async (request: Captured) => {
        seen.push(request);
        throw new Captures('captured');
      },
    },
  };
}

function verify(req: IncomingRequest, options: Partial<VerifyOptions> = {}) {
  const parsed = parseSignature(req);
  assert.ok(!('ok' in parsed), JSON.stringify(parsed));
  // The SDK signs with the wall clock; check the signature, not the clock.
  return verifySignature(req, parsed, TEST_SECRET_ACCESS_KEY, { now: parsed.requestTime, ...options });
}

describe('requests signed by the real AWS SDK v3 clients verify', () => {
  const seen: Captured[] = [];

  it('STS GetCallerIdentity with a session token verifies and tampering fails', async () => {
    const req = await capture(
      new STSClient(clientConfig(seen, 'session-token')),
      new GetCallerIdentityCommand({}),
      seen,
    );
    assert.deepEqual(verify(req), { ok: true });
    assert.equal(verify({ ...req, body: `${req.body}&X=1` }).ok, false);
  });

  it('IAM ListUsers with an encoded PathPrefix verifies', async () => {
    const req = await capture(
      new IAMClient(clientConfig(seen)),
      new ListUsersCommand({ PathPrefix: '/a b/+é/' }),
      seen,
    );
    assert.deepEqual(verify(req, { service: 'iam' }), { ok: true });
  });

  it('IAM GetUser verifies with the wrong secret refused', async () => {
    const req = await capture(new IAMClient(clientConfig(seen)), new GetUserCommand({ UserName: 'alice' }), seen);
    const parsed = parseSignature(req);
    assert.ok(!('ok' in parsed));
    const result = verifySignature(req, parsed, 'wrong', { now: parsed.requestTime });
    assert.equal(result.ok, false);
  });

  it('S3 PutObject with a special-character key verifies with S3 path rules', async () => {
    const req = await capture(
      new S3Client(clientConfig(seen)),
      new PutObjectCommand({ Bucket: 'bkt', Key: "a b/c+d!~'(x).txt", Body: 'hello' }),
      seen,
    );
    assert.deepEqual(verify(req, { uriEscapePath: false, allowUnsignedPayload: true }), { ok: true });
    assert.equal(verify({ ...req, body: 'hellO' }, { uriEscapePath: false, allowUnsignedPayload: true }).ok, false);
  });

  it('S3 GetObject with a double slash in the key verifies with S3 path rules only', async () => {
    const req = await capture(
      new S3Client(clientConfig(seen)),
      new GetObjectCommand({ Bucket: 'b', Key: 'x//y' }),
      seen,
    );
    assert.deepEqual(verify(req, { uriEscapePath: false, allowUnsignedPayload: true }), { ok: true });
    assert.equal(verify(req, { uriEscapePath: true }).ok, false);
  });
});
