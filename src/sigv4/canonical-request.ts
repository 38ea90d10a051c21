import { ALGORITHM_IDENTIFIER } from '@smithy/signature-v4';
import { headerValue, type IncomingRequest, type RawQueryPair } from './incoming-request.ts';
import { canonicalEscape, uriEncode } from './uri-encode.ts';

/**
 * The canonical URI. Services other than S3 (`uriEscapePath`, the default) remove empty, `.` and `..` segments and
 * encode the path as received once more ("double encoding": `%20` becomes `%2520`), like the SDK signers. S3 keeps
 * the path as is, only putting each segment's escapes into canonical form (`%7e` -> `~`, `!` -> `%21`).
 */
export function canonicalPath(rawPath: string, uriEscapePath: boolean): string {
  // The Query API's path, and most others: nothing to normalise or encode.
  if (rawPath === '/' || rawPath === '') return '/';
  const path = rawPath;
  if (!uriEscapePath) return path.split('/').map(canonicalEscape).join('/');
  const kept: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') kept.pop();
    else kept.push(uriEncode(segment));
  }
  const lead = path.startsWith('/') ? '/' : '';
  const trail = kept.length > 0 && path.endsWith('/') ? '/' : '';
  return lead + kept.join('/') + trail;
}

/**
 * The canonical query string: every parameter's name and value decoded and re-encoded canonically, sorted by name
 * then value. `X-Amz-Signature` is left out when verifying a presigned URL (it is what is being checked).
 */
export function canonicalQuery(pairs: readonly RawQueryPair[], presigned: boolean): string {
  if (pairs.length === 0) return '';
  const encoded: [string, string][] = [];
  for (const p of pairs) {
    const key = canonicalEscape(p.key);
    if (presigned && key.toLowerCase() === 'x-amz-signature') continue;
    encoded.push([key, canonicalEscape(p.value)]);
  }
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let out = '';
  for (const [k, v] of encoded) out += (out === '' ? '' : '&') + k + '=' + v;
  return out;
}

// A value needs folding only if it has a CR, LF or tab, two spaces in a row, or a space at either end.
const NEEDS_FOLDING = /[\r\n\t]| {2}|^ | $/;

/**
 * One header value as SigV4 signers canonicalise it (smithy's rules, which the SDKs share): CR and LF become spaces,
 * runs of spaces and tabs become one space, then one leading and one trailing space are dropped. Most values need
 * none of that and are returned as they are.
 */
export function canonicalHeaderValue(value: string): string {
  if (!NEEDS_FOLDING.test(value)) return value;
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

/** The canonical header block (`name:value\n` per signed header), or the name of a signed header that is absent. */
export function canonicalHeaders(
  headers: IncomingRequest['headers'],
  signedHeaders: readonly string[],
): { ok: true; text: string } | { ok: false; missing: string } {
  // Every signed header is kept, even those smithy would skip when signing (user-agent, expect...): the client
  // chose to sign them. Names are already lower-case and unique (parseSignature checked them).
  let text = '';
  for (const name of signedHeaders) {
    const value = headerValue(headers, name);
    if (value === undefined) return { ok: false, missing: name };
    text += `${name}:${canonicalHeaderValue(value)}\n`;
  }
  return { ok: true, text };
}

/** The canonical request: method, URI, query, headers, signed header list, payload hash, one per line. */
export function canonicalRequest(
  method: string,
  path: string,
  query: string,
  headersText: string,
  signedHeaders: readonly string[],
  payloadHash: string,
): string {
  return `${method}\n${path}\n${query}\n${headersText}\n${signedHeaders.join(';')}\n${payloadHash}`;
}

/** The string to sign: algorithm, request time, credential scope and the hex SHA-256 of the canonical request. */
export function stringToSign(amzDate: string, scope: string, canonicalRequestHash: string): string {
  return `${ALGORITHM_IDENTIFIER}\n${amzDate}\n${scope}\n${canonicalRequestHash}`;
}
