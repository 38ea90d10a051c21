import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authenticateRequest, INVALID_CLIENT_TOKEN_ID_MESSAGE, SigningKeyCache } from './index.ts';
import { signWithSdk, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from './test-signer.ts';

const now = new Date('2026-11-22T12:00:10Z');
const keys = new Map([[TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY]]);
const lookup = (id: string) => keys.get(id);

describe('authenticateRequest', () => {
  it('a request signed by a known key is accepted with what it claimed', async () => {
    const req = await signWithSdk({ body: 'Action=GetUser&Version=2010-05-08', sessionToken: 'tok' });
    const result = authenticateRequest(req, lookup, { now, keyCache: new SigningKeyCache() });
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.parsed.accessKeyId, TEST_ACCESS_KEY_ID);
    assert.equal(result.parsed.securityToken, 'tok');
  });

  it('an unknown or inactive access key is InvalidClientTokenId', async () => {
    const req = await signWithSdk({ accessKeyId: 'AKIAUNKNOWNKEY000000', body: 'Action=GetUser' });
    assert.deepEqual(authenticateRequest(req, lookup, { now }), {
      ok: false,
      code: 'InvalidClientTokenId',
      message: INVALID_CLIENT_TOKEN_ID_MESSAGE,
    });
  });

  it('a request without a signature is MissingAuthenticationToken before any lookup', () => {
    let looked = false;
    const result = authenticateRequest(
      { method: 'GET', path: '/', query: '', headers: { host: 'h' } },
      () => {
        looked = true;
        return undefined;
      },
      { now },
    );
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.code, 'MissingAuthenticationToken');
    assert.equal(looked, false);
  });

  it('a tampered request is SignatureDoesNotMatch', async () => {
    const req = await signWithSdk({ body: 'Action=GetUser' });
    const result = authenticateRequest({ ...req, body: 'Action=DeleteUser' }, lookup, { now });
    assert.equal(!result.ok && result.code, 'SignatureDoesNotMatch');
  });

  it('an invalid clock is a programming error, not an accepted request', async () => {
    const req = await signWithSdk({ body: 'Action=GetUser' });
    assert.throws(() => authenticateRequest(req, lookup, { now: new Date(Number.NaN) }), RangeError);
  });
});
