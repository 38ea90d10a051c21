import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IamError } from '../../shared/index.ts';
import type { SigV4Failure, SigV4FailureCode } from '../../sigv4/index.ts';
import { AuthzError, errorReply, requestFailure } from './authz-error.ts';

const failure = (code: SigV4FailureCode, message = 'm'): SigV4Failure => ({ ok: false, code, message });

const cases: { name: string; failure: SigV4Failure; s3: boolean; code: string; status: number }[] = [
  {
    name: 'S3 bad signature → SignatureDoesNotMatch 403',
    failure: failure('SignatureDoesNotMatch'),
    s3: true,
    code: 'SignatureDoesNotMatch',
    status: 403,
  },
  {
    name: 'S3 unknown key → InvalidAccessKeyId 403',
    failure: failure('InvalidClientTokenId'),
    s3: true,
    code: 'InvalidAccessKeyId',
    status: 403,
  },
  {
    name: 'other unknown key → InvalidClientTokenId 403',
    failure: failure('InvalidClientTokenId'),
    s3: false,
    code: 'InvalidClientTokenId',
    status: 403,
  },
  {
    name: 'S3 skew → RequestTimeTooSkewed 403',
    failure: failure('RequestExpired', 'Signature expired: x'),
    s3: true,
    code: 'RequestTimeTooSkewed',
    status: 403,
  },
  {
    name: 'S3 expired presigned URL → AccessDenied 403',
    failure: failure('RequestExpired', 'Request has expired.'),
    s3: true,
    code: 'AccessDenied',
    status: 403,
  },
  {
    name: 'other skew → RequestExpired 400',
    failure: failure('RequestExpired'),
    s3: false,
    code: 'RequestExpired',
    status: 400,
  },
  {
    name: 'S3 malformed header → AuthorizationHeaderMalformed 400',
    failure: failure('IncompleteSignature'),
    s3: true,
    code: 'AuthorizationHeaderMalformed',
    status: 400,
  },
  {
    name: 'other SigV2 → IncompleteSignature 400',
    failure: failure('InvalidSignatureAlgorithm'),
    s3: false,
    code: 'IncompleteSignature',
    status: 400,
  },
  {
    name: 'S3 body hash mismatch → XAmzContentSHA256Mismatch 400',
    failure: failure('XAmzContentSHA256Mismatch'),
    s3: true,
    code: 'XAmzContentSHA256Mismatch',
    status: 400,
  },
  {
    name: 'other body hash mismatch → SignatureDoesNotMatch 403',
    failure: failure('XAmzContentSHA256Mismatch'),
    s3: false,
    code: 'SignatureDoesNotMatch',
    status: 403,
  },
];

for (const c of cases) {
  test(`requestFailure: ${c.name}`, () => {
    const e = requestFailure(c.failure, c.s3);
    assert.equal(e.code, c.code);
    assert.equal(e.status, c.status);
    assert.equal(e.subject, 'request');
  });
}

test('errorReply: AuthzError keeps its status; IamError is mapped; anything else is a 500 without details', () => {
  assert.deepEqual(errorReply(new AuthzError('ValidationError', 400, 'bad'), 'r1'), {
    status: 400,
    body: { error: { code: 'ValidationError', message: 'bad', subject: 'caller', requestId: 'r1' } },
  });
  assert.equal(errorReply(new IamError('InvalidClientTokenId', 'x'), 'r2').status, 403);
  const internal = errorReply(new Error('secret detail'), 'r3');
  assert.equal(internal.status, 500);
  assert.equal(internal.body.error.code, 'InternalFailure');
  assert.doesNotMatch(internal.body.error.message, /secret detail/);
});
