import { assertNever, type IamErrorCode, isIamError } from '../../shared/index.ts';
import type { SigV4Failure } from '../../sigv4/index.ts';
import { statusOf } from '../query/error-response.ts';

/**
 * Codes the authorize API answers with. The S3 names are used when the forwarded request was signed for `s3`
 * (S3's own error catalogue); other platforms get the IAM/STS names.
 */
export type AuthzErrorCode =
  | IamErrorCode
  | 'AuthorizationHeaderMalformed'
  | 'XAmzContentSHA256Mismatch'
  | 'InvalidToken';

/** Whose fault: the platform's client (its forwarded `request`) or the API caller itself. */
export type AuthzErrorSubject = 'request' | 'caller';

/** An expected failure of the authorize API, with its HTTP status. Never carries a secret. */
export class AuthzError extends Error {
  readonly code: AuthzErrorCode;
  readonly status: number;
  readonly subject: AuthzErrorSubject;
  constructor(code: AuthzErrorCode, status: number, message: string, subject: AuthzErrorSubject = 'caller') {
    super(message);
    this.name = 'AuthzError';
    this.code = code;
    this.status = status;
    this.subject = subject;
  }
}

/** The JSON error envelope: `{ error: { code, message, subject, requestId } }`. */
export type AuthzErrorBody = {
  error: { code: string; message: string; subject: AuthzErrorSubject; requestId: string };
};

const S3_SIGNATURE_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
const S3_UNKNOWN_KEY_MESSAGE = 'The AWS Access Key Id you provided does not exist in our records.';
const S3_SKEW_MESSAGE = 'The difference between the request time and the current time is too large.';
const PRESIGNED_EXPIRED = 'Request has expired.';

/** A verifier failure of the forwarded request as the platform should answer it (S3 names when `s3`). */
export function requestFailure(failure: SigV4Failure, s3: boolean): AuthzError {
  const fail = (code: AuthzErrorCode, status: number, message: string) =>
    new AuthzError(code, status, message, 'request');
  switch (failure.code) {
    case 'MissingAuthenticationToken':
      return fail('MissingAuthenticationToken', 403, failure.message);
    case 'IncompleteSignature':
    case 'InvalidSignatureAlgorithm':
      return s3
        ? fail('AuthorizationHeaderMalformed', 400, failure.message)
        : fail('IncompleteSignature', 400, failure.message);
    case 'SignatureDoesNotMatch':
      return s3
        ? fail('SignatureDoesNotMatch', 403, S3_SIGNATURE_MESSAGE)
        : fail('SignatureDoesNotMatch', 403, failure.message);
    case 'RequestExpired':
      if (!s3) return fail('RequestExpired', 400, failure.message);
      // S3 answers an expired presigned URL with AccessDenied, and clock skew with RequestTimeTooSkewed.
      return failure.message === PRESIGNED_EXPIRED
        ? fail('AccessDenied', 403, 'Request has expired')
        : fail('RequestTimeTooSkewed', 403, S3_SKEW_MESSAGE);
    case 'XAmzContentSHA256Mismatch':
      return s3
        ? fail('XAmzContentSHA256Mismatch', 400, failure.message)
        : fail('SignatureDoesNotMatch', 403, failure.message);
    case 'InvalidClientTokenId':
      return s3
        ? fail('InvalidAccessKeyId', 403, S3_UNKNOWN_KEY_MESSAGE)
        : fail('InvalidClientTokenId', 403, failure.message);
    default:
      return assertNever(failure.code);
  }
}

/** A forwarded request with a session token iamd cannot open (malformed, tampered, foreign, or sessions not wired). */
export function invalidSessionToken(s3: boolean): AuthzError {
  return s3
    ? new AuthzError('InvalidToken', 400, 'The provided token is malformed or otherwise invalid.', 'request')
    : new AuthzError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.', 'request');
}

/** A forwarded request whose session token has expired: S3 answers 400, IAM/STS-style services 403. */
export function expiredSessionToken(s3: boolean): AuthzError {
  return s3
    ? new AuthzError('ExpiredToken', 400, 'The provided token has expired.', 'request')
    : new AuthzError('ExpiredToken', 403, 'The security token included in the request is expired', 'request');
}

/**
 * What to throw when the forwarded request's session token did not open: the codec's IAM codes become the
 * platform's (S3's when `s3`); anything else is returned unchanged (an unexpected failure stays a 500).
 */
export function sessionTokenFailure(error: unknown, s3: boolean): unknown {
  if (isIamError(error) && error.code === 'ExpiredToken') return expiredSessionToken(s3);
  if (isIamError(error) && error.code === 'InvalidClientTokenId') return invalidSessionToken(s3);
  return error;
}

/** An unknown or inactive access key in the forwarded request. */
export function unknownAccessKey(s3: boolean): AuthzError {
  return s3
    ? new AuthzError('InvalidAccessKeyId', 403, S3_UNKNOWN_KEY_MESSAGE, 'request')
    : new AuthzError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.', 'request');
}

/** Bad input from the API caller: 400 with the given code. */
export function badInput(message: string, code: AuthzErrorCode = 'ValidationError'): AuthzError {
  return new AuthzError(code, 400, message, 'caller');
}

/** The only place an error becomes a status and a JSON body; anything unexpected is a 500 without details. */
export function errorReply(error: unknown, requestId: string): { status: number; body: AuthzErrorBody } {
  if (error instanceof AuthzError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, subject: error.subject, requestId } },
    };
  }
  if (isIamError(error)) {
    return {
      status: statusOf(error.code),
      body: { error: { code: error.code, message: error.message, subject: 'caller', requestId } },
    };
  }
  return {
    status: 500,
    body: {
      error: {
        code: 'InternalFailure',
        message: 'The request processing has failed because of an unknown error.',
        subject: 'caller',
        requestId,
      },
    },
  };
}
