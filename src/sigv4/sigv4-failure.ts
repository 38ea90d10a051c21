/**
 * Why a request's signature was refused. Codes are plain strings; api/ maps them to its IamError codes and HTTP
 * statuses (docs/sigv4.md has the suggested table). Messages use AWS's wording where AWS has one.
 */
export type SigV4FailureCode =
  | 'MissingAuthenticationToken'
  | 'IncompleteSignature'
  | 'InvalidSignatureAlgorithm'
  | 'SignatureDoesNotMatch'
  | 'RequestExpired'
  | 'XAmzContentSHA256Mismatch'
  | 'InvalidClientTokenId';

/** A refused signature: never thrown, always returned. `detail` is for logs and never holds secrets. */
export type SigV4Failure = {
  readonly ok: false;
  readonly code: SigV4FailureCode;
  readonly message: string;
  /** Extra explanation for server logs (which check failed and why); safe to log, not meant for clients. */
  readonly detail?: string;
  /** Set on SignatureDoesNotMatch after a recomputation: what we signed, to help a client debug (S3 returns these). */
  readonly canonicalRequest?: string;
  readonly stringToSign?: string;
};

/** Builds a failure value. */
export function fail(code: SigV4FailureCode, message: string, detail?: string): SigV4Failure {
  return detail === undefined ? { ok: false, code, message } : { ok: false, code, message, detail };
}

/** AWS's wording for a request that carries no signature at all. */
export const MISSING_AUTHENTICATION_TOKEN_MESSAGE = 'Request is missing Authentication Token';

/** AWS's wording for a recomputed signature that differs from the one provided. */
export const SIGNATURE_DOES_NOT_MATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access ' +
  'Key and signing method. Consult the service documentation for details.';

/** AWS's wording for an expired presigned URL. */
export const REQUEST_EXPIRED_MESSAGE = 'Request has expired.';

/** AWS's wording (IAM and STS) for an access key id that is unknown or inactive. */
export const INVALID_CLIENT_TOKEN_ID_MESSAGE = 'The security token included in the request is invalid.';

/** AWS's wording for a body whose SHA-256 differs from the declared `x-amz-content-sha256`. */
export const CONTENT_SHA256_MISMATCH_MESSAGE =
  "The provided 'x-amz-content-sha256' header does not match what was computed.";

/**
 * The failure a caller returns when `parsed.accessKeyId` is unknown or inactive (the verifier cannot know: the
 * caller looks the key up between parseSignature and verifySignature).
 */
export function invalidClientTokenId(): SigV4Failure {
  return fail('InvalidClientTokenId', INVALID_CLIENT_TOKEN_ID_MESSAGE);
}
