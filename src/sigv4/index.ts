/**
 * The door to Signature Version 4 verification: parse what a request claims, look the access key up (the caller's
 * job), then verify. Framework-neutral and store-free; node:crypto and @smithy/signature-v4 primitives only.
 */
export type { IncomingRequest } from './incoming-request.ts';
export { parseSignature, type ParsedSignature } from './parse-signature.ts';
export { verifySignature, type VerifyOptions } from './verify-signature.ts';
export { authenticateRequest } from './authenticate-request.ts';
export { verifyChunkedPayload, STREAMING_SIGNED_PAYLOAD } from './verify-chunked-payload.ts';
export {
  type SigV4Failure,
  type SigV4FailureCode,
  invalidClientTokenId,
  MISSING_AUTHENTICATION_TOKEN_MESSAGE,
  SIGNATURE_DOES_NOT_MATCH_MESSAGE,
  REQUEST_EXPIRED_MESSAGE,
  INVALID_CLIENT_TOKEN_ID_MESSAGE,
  CONTENT_SHA256_MISMATCH_MESSAGE,
} from './sigv4-failure.ts';
export { SigningKeyCache, signingKey } from './signing-key-cache.ts';
export { hashPayload, EMPTY_PAYLOAD_HASH, UNSIGNED_PAYLOAD_VALUES } from './hash-payload.ts';
export { formatAmzDate, parseAmzDate } from './amz-date.ts';
