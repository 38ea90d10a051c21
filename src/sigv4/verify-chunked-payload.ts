import { hash, timingSafeEqual } from 'node:crypto';
import { createScope } from '@smithy/signature-v4';
import { EMPTY_PAYLOAD_HASH } from './hash-payload.ts';
import { headerValue, type IncomingRequest } from './incoming-request.ts';
import type { ParsedSignature } from './parse-signature.ts';
import { fail, SIGNATURE_DOES_NOT_MATCH_MESSAGE, type SigV4Failure } from './sigv4-failure.ts';
import { hmacSha256 } from './hmac-sha256.ts';
import { type SigningKeyCache, signingKey } from './signing-key-cache.ts';

/** The payload hash value of a body sent as signed aws-chunked chunks. */
export const STREAMING_SIGNED_PAYLOAD = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';

const CHUNK_HEADER = /^([0-9a-fA-F]{1,16});chunk-signature=([0-9a-f]{64})$/;
const encoder = new TextEncoder();
const latin1 = new TextDecoder('latin1');

function malformed(why: string): SigV4Failure {
  return fail('IncompleteSignature', `The aws-chunked body is malformed: ${why}.`);
}

/**
 * Decodes a buffered `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` body (`<hex size>;chunk-signature=<sig>\r\n<data>\r\n`
 * ... ending with a zero-size chunk) and checks every chunk's signature, each chained to the previous one from the
 * seed signature. Call it after verifySignature accepted the seed (with `allowUnsignedPayload`); on success it returns
 * the decoded payload. Trailer variants (`...-TRAILER`) are not supported and are refused.
 */
export function verifyChunkedPayload(
  req: IncomingRequest,
  parsed: ParsedSignature,
  secretAccessKey: string,
  options: { readonly keyCache?: SigningKeyCache } = {},
): { ok: true; payload: Uint8Array } | SigV4Failure {
  const declared = headerValue(req.headers, 'x-amz-content-sha256');
  if (declared !== STREAMING_SIGNED_PAYLOAD || parsed.presigned) {
    return fail('IncompleteSignature', `Only ${STREAMING_SIGNED_PAYLOAD} bodies carry chunk signatures.`);
  }
  const body = typeof req.body === 'string' ? encoder.encode(req.body) : (req.body ?? new Uint8Array());
  const key = signingKey(secretAccessKey, parsed.date, parsed.region, parsed.service, options.keyCache);
  const prefix = `AWS4-HMAC-SHA256-PAYLOAD\n${parsed.amzDate}\n${createScope(parsed.date, parsed.region, parsed.service)}\n`;
  const parts: Uint8Array[] = [];
  let decodedLength = 0;
  let previous = parsed.signature;
  let pos = 0;
  for (;;) {
    const lineEnd = indexOfCrLf(body, pos);
    if (lineEnd < 0) return malformed('a chunk header has no CRLF');
    const header = CHUNK_HEADER.exec(latin1.decode(body.subarray(pos, Math.min(lineEnd, pos + 100))));
    if (header === null || lineEnd - pos > 100)
      return malformed('a chunk header is not <hex size>;chunk-signature=<64 hex>');
    const size = Number.parseInt(header[1]!, 16);
    const start = lineEnd + 2;
    if (size > body.length - start - 2) return malformed('a chunk is shorter than its declared size');
    const data = body.subarray(start, start + size);
    if (body[start + size] !== 13 || body[start + size + 1] !== 10) return malformed('a chunk does not end with CRLF');
    const toSign = `${prefix}${previous}\n${EMPTY_PAYLOAD_HASH}\n${hash('sha256', data, 'hex')}`;
    const expected = hmacSha256(key, toSign);
    if (!timingSafeEqual(expected, Buffer.from(header[2]!, 'hex'))) {
      return fail(
        'SignatureDoesNotMatch',
        SIGNATURE_DOES_NOT_MATCH_MESSAGE,
        `chunk at byte ${pos} has a bad signature`,
      );
    }
    previous = header[2]!;
    pos = start + size + 2;
    if (size === 0) break;
    parts.push(data);
    decodedLength += size;
  }
  if (pos !== body.length) return malformed('bytes follow the final zero-size chunk');
  const declaredLength = headerValue(req.headers, 'x-amz-decoded-content-length');
  if (declaredLength !== undefined && declaredLength !== String(decodedLength)) {
    return malformed(`x-amz-decoded-content-length is ${declaredLength} but the chunks hold ${decodedLength} bytes`);
  }
  const payload = new Uint8Array(decodedLength);
  let at = 0;
  for (const part of parts) {
    payload.set(part, at);
    at += part.length;
  }
  return { ok: true, payload };
}

function indexOfCrLf(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) if (bytes[i] === 13 && bytes[i + 1] === 10) return i;
  return -1;
}
