import { hash, timingSafeEqual } from 'node:crypto';
import { createScope, UNSIGNED_PAYLOAD } from '@smithy/signature-v4';
import { formatAmzDate } from './amz-date.ts';
import {
  canonicalHeaders,
  canonicalPath,
  canonicalQuery,
  canonicalRequest,
  stringToSign,
} from './canonical-request.ts';
import { hashPayload, isHexSha256, UNSIGNED_PAYLOAD_VALUES } from './hash-payload.ts';
import { hmacSha256 } from './hmac-sha256.ts';
import { headerValue, type IncomingRequest, splitQuery } from './incoming-request.ts';
import type { ParsedSignature } from './parse-signature.ts';
import { percentDecodeToString } from './uri-encode.ts';
import {
  CONTENT_SHA256_MISMATCH_MESSAGE,
  fail,
  REQUEST_EXPIRED_MESSAGE,
  SIGNATURE_DOES_NOT_MATCH_MESSAGE,
  type SigV4Failure,
} from './sigv4-failure.ts';
import { type SigningKeyCache, signingKey } from './signing-key-cache.ts';

/** How to verify. Only read, never kept: a shared constant plus `now` is fine. */
export type VerifyOptions = {
  /** The current time (inject the Clock's `now()`; tests never sleep). */
  readonly now: Date;
  /** Allowed clock skew between client and server, seconds (default 900, AWS's 15 minutes). */
  readonly maxSkewSeconds?: number;
  /** Derived signing keys are served from here (strongly recommended on a server). */
  readonly keyCache?: SigningKeyCache;
  /**
   * An object holding the secret, e.g. the resolved credential (see SigningKeyCache): with `keyCache`, spares the
   * secret's fingerprint hash on every request.
   */
  readonly secretOwner?: object;
  /** true (default) for every service except S3: normalise the path and encode it once more. */
  readonly uriEscapePath?: boolean;
  /**
   * S3 payload rules (default false): `x-amz-content-sha256` may be UNSIGNED-PAYLOAD or STREAMING-*, and presigned
   * URLs sign UNSIGNED-PAYLOAD. When false the body is always hashed and covered, like IAM and STS.
   */
  readonly allowUnsignedPayload?: boolean;
  /** When set, the credential scope must name this service. */
  readonly service?: string;
};

/** True for exactly 64 lower-case hex digits, the only form a SigV4 signature takes. */
function isSignatureHex(value: string): boolean {
  if (value.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}
/** Scratch space for the provided signature's bytes. */
const PROVIDED = Buffer.alloc(32);

/**
 * Checks a parsed signature against the request and the caller's secret access key: signed host and date, scope
 * date, clock skew or presigned expiry, payload hash, then the recomputed signature (constant-time comparison).
 * Cheap checks come first; one SHA-256 of the body, one of the canonical request and one HMAC when the key is cached.
 */
export function verifySignature(
  req: IncomingRequest,
  parsed: ParsedSignature,
  secretAccessKey: string,
  options: VerifyOptions,
): { ok: true } | SigV4Failure {
  const before = checkBeforeSigning(req, parsed, options);
  if (before !== undefined) return before;
  const payload = payloadHashFor(req, parsed, options.allowUnsignedPayload === true);
  if (typeof payload !== 'string') return payload;

  const headers = canonicalHeaders(req.headers, parsed.signedHeaders);
  if (!headers.ok) {
    return fail(
      'SignatureDoesNotMatch',
      SIGNATURE_DOES_NOT_MATCH_MESSAGE,
      `signed header '${headers.missing}' is absent`,
    );
  }
  const canonical = canonicalRequest(
    req.method,
    canonicalPath(req.path, options.uriEscapePath !== false),
    canonicalQuery(splitQuery(req.query), parsed.presigned),
    headers.text,
    parsed.signedHeaders,
    payload,
  );
  const scope = createScope(parsed.date, parsed.region, parsed.service);
  const toSign = stringToSign(parsed.amzDate, scope, hash('sha256', canonical, 'hex'));
  const { date, region, service } = parsed;
  const key = signingKey(secretAccessKey, date, region, service, options.keyCache, options.secretOwner);
  const expected = hmacSha256(key, toSign);
  // Decoded into scratch space (checked and compared synchronously): no allocation per request.
  const provided = parsed.signature;
  if (isSignatureHex(provided) && PROVIDED.write(provided, 'hex') === PROVIDED.length) {
    if (timingSafeEqual(expected, PROVIDED)) return { ok: true };
  }
  return {
    ...fail('SignatureDoesNotMatch', SIGNATURE_DOES_NOT_MATCH_MESSAGE, 'recomputed signature differs'),
    canonicalRequest: canonical,
    stringToSign: toSign,
  };
}

/** Everything that needs no hashing: what must be signed, the scope, the time window. */
function checkBeforeSigning(
  req: IncomingRequest,
  parsed: ParsedSignature,
  options: VerifyOptions,
): SigV4Failure | undefined {
  const signed = parsed.signedHeaders;
  if (!signed.includes('host') && !signed.includes(':authority')) {
    return fail('IncompleteSignature', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (parsed.timeSource === 'x-amz-date' && !signed.includes('x-amz-date')) {
    return fail('IncompleteSignature', "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (parsed.timeSource === 'date' && !signed.includes('date')) {
    return fail('IncompleteSignature', "'Date' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (options.service !== undefined && parsed.service !== options.service) {
    return fail('SignatureDoesNotMatch', `Credential should be scoped to correct service: '${options.service}'.`);
  }
  if (parsed.amzDate.slice(0, 8) !== parsed.date) {
    return fail(
      'SignatureDoesNotMatch',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ` +
        `'${parsed.date}' != '${parsed.amzDate.slice(0, 8)}', from '${parsed.amzDate}'.`,
    );
  }
  if (headerValue(req.headers, 'host') === undefined) {
    return fail('SignatureDoesNotMatch', SIGNATURE_DOES_NOT_MATCH_MESSAGE, 'the request has no Host header');
  }
  return checkTime(parsed, options);
}

/** The allowed skew as AWS words it in RequestExpired messages (`15 min.`). */
function windowText(skewSeconds: number): string {
  return `${Math.round(skewSeconds / 60)} min.`;
}

function checkTime(parsed: ParsedSignature, options: VerifyOptions): SigV4Failure | undefined {
  const skewSeconds = options.maxSkewSeconds ?? 900;
  const skew = skewSeconds * 1000;
  const now = options.now.getTime();
  // NaN would make every comparison false and so accept any time: a configuration bug, refused loudly.
  if (!(skewSeconds >= 0) || Number.isNaN(now)) throw new RangeError('verifySignature: invalid now or maxSkewSeconds');
  const signedAt = parsed.requestTime.getTime();
  if (signedAt - now > skew) {
    return fail(
      'RequestExpired',
      `Signature not yet current: ${parsed.amzDate} is still later than ${formatAmzDate(new Date(now + skew))} ` +
        `(${formatAmzDate(options.now)} + ${windowText(skewSeconds)})`,
    );
  }
  if (parsed.presigned && parsed.expiresSeconds !== undefined) {
    if (now > signedAt + parsed.expiresSeconds * 1000) {
      return fail(
        'RequestExpired',
        REQUEST_EXPIRED_MESSAGE,
        `presigned at ${parsed.amzDate} for ${parsed.expiresSeconds}s; now ${formatAmzDate(options.now)}`,
      );
    }
    return undefined;
  }
  if (now - signedAt > skew) {
    return fail(
      'RequestExpired',
      `Signature expired: ${parsed.amzDate} is now earlier than ${formatAmzDate(new Date(now - skew))} ` +
        `(${formatAmzDate(options.now)} - ${windowText(skewSeconds)})`,
    );
  }
  return undefined;
}

/** The payload line of the canonical request, after checking a declared x-amz-content-sha256 against the body. */
function payloadHashFor(req: IncomingRequest, parsed: ParsedSignature, allowUnsigned: boolean): string | SigV4Failure {
  const declared = declaredPayloadHash(req, parsed);
  if (allowUnsigned && declared !== undefined && UNSIGNED_PAYLOAD_VALUES.has(declared)) return declared;
  if (allowUnsigned && declared === undefined && parsed.presigned) return UNSIGNED_PAYLOAD;
  if (allowUnsigned && declared !== undefined && !isHexSha256(declared)) {
    return fail(
      'IncompleteSignature',
      `x-amz-content-sha256 must be ${[...UNSIGNED_PAYLOAD_VALUES].join(', ')} or a valid sha256 value.`,
    );
  }
  const actual = req.payloadHash ?? hashPayload(req.body);
  if (declared === undefined) return actual;
  if (declared.toLowerCase() !== actual.toLowerCase()) {
    return fail(
      'XAmzContentSHA256Mismatch',
      CONTENT_SHA256_MISMATCH_MESSAGE,
      UNSIGNED_PAYLOAD_VALUES.has(declared) ? `'${declared}' is not accepted by this service` : undefined,
    );
  }
  // The client signed the value it declared, case included.
  return declared;
}

function declaredPayloadHash(req: IncomingRequest, parsed: ParsedSignature): string | undefined {
  const header = headerValue(req.headers, 'x-amz-content-sha256');
  if (header !== undefined || !parsed.presigned) return header;
  // Presigners hoist x-amz-* headers into the query; the name keeps whatever case the client used.
  for (const pair of splitQuery(req.query)) {
    if (pair.key.toLowerCase() === 'x-amz-content-sha256') return percentDecodeToString(pair.value);
  }
  return undefined;
}
