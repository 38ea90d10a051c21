import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type IncomingRequest, parseSignature, verifySignature } from './index.ts';
import { TEST_SECRET_ACCESS_KEY } from './test-signer.ts';

/**
 * Requests as a server received them from botocore 1.43 (aws-cli 1.45 and boto3), recorded once with
 * `--endpoint-url http://127.0.0.1:<port>`. botocore is an independent SigV4 implementation: these pin compatibility
 * with it (double-encoded IAM paths, S3 keys with reserved characters, presigned URLs with session tokens).
 */
type Fixture = IncomingRequest & { name: string; body: string };
const fixtures = JSON.parse(
  readFileSync(new URL('./botocore-requests.fixture.json', import.meta.url), 'utf8'),
) as Fixture[];

function verify(req: Fixture, bodyOverride?: string) {
  const parsed = parseSignature(req);
  assert.ok(!('ok' in parsed), JSON.stringify(parsed));
  const s3 = parsed.service === 's3';
  const request = bodyOverride === undefined ? req : { ...req, body: bodyOverride };
  // Signed with the wall clock when recorded: check the signature, not the clock.
  return verifySignature(request, parsed, TEST_SECRET_ACCESS_KEY, {
    now: parsed.requestTime,
    uriEscapePath: !s3,
    allowUnsignedPayload: s3,
  });
}

describe('requests signed by botocore verify', () => {
  for (const f of fixtures) {
    it(`${f.name} is accepted`, () => {
      assert.deepEqual(verify(f), { ok: true });
    });
  }

  it('each recorded request fails once its path is changed', () => {
    for (const f of fixtures) {
      const changed = { ...f, path: `${f.path}x` };
      assert.equal(verify(changed).ok, false, f.name);
    }
  });

  it('recorded requests whose body is signed fail once the body changes', () => {
    const signedBodies = fixtures.filter((f) => f.body !== '' && !f.query.includes('X-Amz-Signature'));
    assert.ok(signedBodies.length >= 4);
    for (const f of signedBodies) assert.equal(verify(f, `${f.body} `).ok, false, f.name);
  });
});
