import { hash } from 'node:crypto';
import { UNSIGNED_PAYLOAD } from '@smithy/signature-v4';

/** Hex SHA-256 of the empty body. */
export const EMPTY_PAYLOAD_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Hex SHA-256 of a body (absent or empty: the empty-string hash). Strings are hashed as UTF-8. */
export function hashPayload(body: Uint8Array | string | undefined): string {
  if (body === undefined || body.length === 0) return EMPTY_PAYLOAD_HASH;
  return hash('sha256', body, 'hex');
}

/** The `x-amz-content-sha256` values that mean "the body is not covered by this signature" (S3 and friends). */
export const UNSIGNED_PAYLOAD_VALUES: ReadonlySet<string> = new Set([
  UNSIGNED_PAYLOAD,
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-EVENTS',
]);

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** True for a 64-hex-digit SHA-256. */
export function isHexSha256(value: string): boolean {
  return HEX_SHA256.test(value);
}
