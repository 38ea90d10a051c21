import { ALGORITHM_IDENTIFIER, KEY_TYPE_IDENTIFIER, MAX_PRESIGNED_TTL } from '@smithy/signature-v4';
import { formatAmzDate, isShortDate, parseAmzDate, parseHttpDate } from './amz-date.ts';
import { headerValue, type IncomingRequest, queryValues, type RawQueryPair, splitQuery } from './incoming-request.ts';
import { fail, MISSING_AUTHENTICATION_TOKEN_MESSAGE, type SigV4Failure } from './sigv4-failure.ts';

/** What a request claims about its signature, read from the Authorization header or a presigned query. */
export type ParsedSignature = {
  readonly accessKeyId: string;
  /** Credential-scope date, YYYYMMDD. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  /** Lower-case header names in the order the client listed them. */
  readonly signedHeaders: string[];
  /** The signature as sent (verified to be 64 lower-case hex digits only when checked). */
  readonly signature: string;
  /** When the request says it was signed. */
  readonly requestTime: Date;
  /** `requestTime` as `YYYYMMDD'T'HHMMSS'Z'`, the form used in the string to sign. */
  readonly amzDate: string;
  /** Where `requestTime` came from: the X-Amz-Date header, the Date header, or the presigned query. */
  readonly timeSource: 'x-amz-date' | 'date' | 'query';
  readonly securityToken?: string;
  readonly presigned: boolean;
  /** X-Amz-Expires of a presigned URL (1..604800), when present. */
  readonly expiresSeconds?: number;
};

const PRESIGN_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature'] as const;
const QUERY_REQUIRED = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
const SCOPE_PART = /^[a-z0-9-]+$/;
// Clients repeat their Credential and SignedHeaders on every request: their validated forms are remembered, a few
// hundred at most (a full memo is simply emptied; only valid strings are kept, so junk cannot grow it past that).
const MEMO_MAX = 512;
const credentialMemo = new Map<string, Scope>();
const signedHeadersMemo = new Map<string, readonly string[]>();

function remember<T>(memo: Map<string, T>, key: string, value: T): T {
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(key, value);
  return value;
}

const ISO_LONG_MESSAGE = `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`;

/**
 * Reads the signature a request carries, without checking it. Header auth and presigned query auth are both
 * understood; a request with neither is `MissingAuthenticationToken`, a malformed one `IncompleteSignature`, a
 * non-SigV4 one (SigV4a, SigV2) `InvalidSignatureAlgorithm`. Missing parts are all reported at once, as AWS does.
 */
export function parseSignature(req: IncomingRequest): ParsedSignature | SigV4Failure {
  const auth = headerValue(req.headers, 'authorization')?.trim();
  const pairs = splitQuery(req.query);
  const queryAuth = PRESIGN_PARAMS.some((name) => queryValues(pairs, name).length > 0);
  if (auth !== undefined && auth !== '') {
    if (queryAuth) {
      return fail(
        'IncompleteSignature',
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string ' +
          'parameter or the Authorization header should be specified',
      );
    }
    return parseAuthorizationHeader(req, auth);
  }
  if (queryAuth) return parsePresignedQuery(req, pairs);
  if (queryValues(pairs, 'Signature').length > 0 && queryValues(pairs, 'AWSAccessKeyId').length > 0) {
    return fail(
      'InvalidSignatureAlgorithm',
      'Signature Version 2 is not supported; sign requests with Signature Version 4 (AWS4-HMAC-SHA256).',
    );
  }
  return fail('MissingAuthenticationToken', MISSING_AUTHENTICATION_TOKEN_MESSAGE);
}

/** The header's parts by name (Credential, SignedHeaders, Signature...), or the failure of a malformed header. */
function authorizationParts(auth: string): Map<string, string> | SigV4Failure {
  const space = auth.search(/\s/);
  const scheme = space < 0 ? auth : auth.slice(0, space);
  if (scheme !== ALGORITHM_IDENTIFIER) return unsupportedScheme(scheme);
  const params = new Map<string, string>();
  for (const raw of (space < 0 ? '' : auth.slice(space + 1)).split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      return fail(
        'IncompleteSignature',
        `'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${auth}'.`,
      );
    }
    const key = part.slice(0, eq).trim();
    if (params.has(key)) {
      return fail('IncompleteSignature', `Authorization header has more than one '${key}' parameter: '${auth}'.`);
    }
    params.set(key, part.slice(eq + 1).trim());
  }
  return params;
}

const CANONICAL_START = `${ALGORITHM_IDENTIFIER} Credential=`;
const SIGNED_HEADERS_PART = ', SignedHeaders=';
const SIGNATURE_PART = ', Signature=';

/** True for a non-empty value without commas whose ends are visible ASCII (nothing that trimming would change). */
function plainValue(value: string): boolean {
  if (value.length === 0 || value.includes(',')) return false;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f;
}

/**
 * The header every SDK writes, `AWS4-HMAC-SHA256 Credential=C, SignedHeaders=H, Signature=S`, read with three
 * index lookups; undefined for any other layout, which the general parser then reads (with its error wording). Only
 * values that parser would read identically are accepted here: no commas, nothing to trim, none empty.
 */
function canonicalParts(auth: string): readonly [string, string, string] | undefined {
  if (!auth.startsWith(CANONICAL_START)) return undefined;
  const headersAt = auth.indexOf(SIGNED_HEADERS_PART, CANONICAL_START.length);
  if (headersAt < 0) return undefined;
  const signatureAt = auth.indexOf(SIGNATURE_PART, headersAt + SIGNED_HEADERS_PART.length);
  if (signatureAt < 0) return undefined;
  const credential = auth.slice(CANONICAL_START.length, headersAt);
  const signedHeaders = auth.slice(headersAt + SIGNED_HEADERS_PART.length, signatureAt);
  const signature = auth.slice(signatureAt + SIGNATURE_PART.length);
  if (!plainValue(credential) || !plainValue(signedHeaders) || !plainValue(signature)) return undefined;
  return [credential, signedHeaders, signature];
}

function parseAuthorizationHeader(req: IncomingRequest, auth: string): ParsedSignature | SigV4Failure {
  let credential: string | undefined;
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  const canonical = canonicalParts(auth);
  if (canonical !== undefined) [credential, signedHeaders, signature] = canonical;
  else {
    const params = authorizationParts(auth);
    if (!(params instanceof Map)) return params;
    credential = params.get('Credential');
    signature = params.get('Signature');
    signedHeaders = params.get('SignedHeaders');
  }
  const amzDate = headerValue(req.headers, 'x-amz-date');
  const httpDate = amzDate === undefined ? headerValue(req.headers, 'date') : undefined;
  const missing: string[] = [];
  if (!credential) missing.push("Authorization header requires 'Credential' parameter.");
  if (!signature) missing.push("Authorization header requires 'Signature' parameter.");
  if (signedHeaders === undefined) missing.push("Authorization header requires 'SignedHeaders' parameter.");
  if (amzDate === undefined && httpDate === undefined) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (missing.length > 0) return fail('IncompleteSignature', `${missing.join(' ')} Authorization=${auth}`);

  const scope = parseCredential(credential!);
  if ('ok' in scope) return scope;
  const headers = parseSignedHeaders(signedHeaders!);
  if (!Array.isArray(headers)) return headers;
  const time = amzDate !== undefined ? parseAmzDate(amzDate) : parseHttpDate(httpDate!);
  if (time === undefined) {
    return fail(
      'IncompleteSignature',
      amzDate !== undefined ? ISO_LONG_MESSAGE : `Date must be an HTTP date such as 'Sun, 22 Nov 2026 12:00:00 GMT'`,
    );
  }
  const securityToken = headerValue(req.headers, 'x-amz-security-token');
  const parsed: Writable<ParsedSignature> = {
    accessKeyId: scope.accessKeyId,
    date: scope.date,
    region: scope.region,
    service: scope.service,
    signedHeaders: headers,
    signature: signature!,
    requestTime: time,
    amzDate: amzDate ?? formatAmzDate(time),
    timeSource: amzDate !== undefined ? 'x-amz-date' : 'date',
    presigned: false,
  };
  // Assigned, not spread: a conditional spread costs more than the rest of parsing together.
  if (securityToken !== undefined) parsed.securityToken = securityToken;
  return parsed;
}

function parsePresignedQuery(req: IncomingRequest, pairs: readonly RawQueryPair[]): ParsedSignature | SigV4Failure {
  const values = new Map<string, string>();
  for (const name of [...QUERY_REQUIRED, 'X-Amz-Expires', 'X-Amz-Security-Token']) {
    const found = queryValues(pairs, name);
    if (found.length > 1)
      return fail('IncompleteSignature', `AWS query-string parameter '${name}' appears more than once.`);
    if (found.length === 1) values.set(name, found[0]!);
  }
  const algorithm = values.get('X-Amz-Algorithm');
  if (algorithm !== undefined && algorithm !== ALGORITHM_IDENTIFIER) {
    return fail(
      'InvalidSignatureAlgorithm',
      `X-Amz-Algorithm only supports '${ALGORITHM_IDENTIFIER}', not '${algorithm}'.`,
    );
  }
  // An empty X-Amz-SignedHeaders is present (and then refused for not signing host); other parameters need a value.
  const missing = QUERY_REQUIRED.filter((name) => {
    const value = values.get(name);
    return value === undefined || (value === '' && name !== 'X-Amz-SignedHeaders');
  });
  if (missing.length > 0) {
    const each = missing.map((name) => `AWS query-string parameters must include '${name}'.`).join(' ');
    return fail('IncompleteSignature', `${each} Re-examine the query-string parameters.`);
  }
  const scope = parseCredential(values.get('X-Amz-Credential')!);
  if ('ok' in scope) return scope;
  const headers = parseSignedHeaders(values.get('X-Amz-SignedHeaders')!);
  if (!Array.isArray(headers)) return headers;
  const amzDate = values.get('X-Amz-Date')!;
  const time = parseAmzDate(amzDate);
  if (time === undefined) return fail('IncompleteSignature', ISO_LONG_MESSAGE);
  const expires = values.get('X-Amz-Expires');
  let expiresSeconds: number | undefined;
  if (expires !== undefined) {
    if (!/^-?\d+$/.test(expires)) return fail('IncompleteSignature', 'X-Amz-Expires should be a number');
    expiresSeconds = Number(expires);
    if (expiresSeconds < 0) return fail('IncompleteSignature', 'X-Amz-Expires must be non-negative');
    if (expiresSeconds === 0) return fail('IncompleteSignature', 'X-Amz-Expires must be at least 1 second');
    if (expiresSeconds > MAX_PRESIGNED_TTL) {
      return fail(
        'IncompleteSignature',
        `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGNED_TTL}`,
      );
    }
  }
  const securityToken = values.get('X-Amz-Security-Token') ?? headerValue(req.headers, 'x-amz-security-token');
  const parsed: Writable<ParsedSignature> = {
    accessKeyId: scope.accessKeyId,
    date: scope.date,
    region: scope.region,
    service: scope.service,
    signedHeaders: headers,
    signature: values.get('X-Amz-Signature')!,
    requestTime: time,
    amzDate,
    timeSource: 'query',
    presigned: true,
  };
  if (expiresSeconds !== undefined) parsed.expiresSeconds = expiresSeconds;
  if (securityToken !== undefined) parsed.securityToken = securityToken;
  return parsed;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type Scope = { readonly accessKeyId: string; readonly date: string; readonly region: string; readonly service: string };

/** `AKID/YYYYMMDD/region/service/aws4_request`, with AWS's message for the first part that is wrong. */
function parseCredential(credential: string): Scope | SigV4Failure {
  const known = credentialMemo.get(credential);
  if (known !== undefined) return known;
  const parts = credential.split('/');
  if (parts.length !== 5) {
    return fail(
      'IncompleteSignature',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  if (accessKeyId === '')
    return fail('IncompleteSignature', `Credential must start with an access key id, got '${credential}'`);
  if (!isShortDate(date)) {
    return fail(
      'IncompleteSignature',
      `Credential should be scoped to a valid date in YYYYMMDD format, not '${date}'.`,
    );
  }
  if (!SCOPE_PART.test(region)) {
    return fail('IncompleteSignature', `Credential should be scoped to a valid region, not '${region}'.`);
  }
  if (!SCOPE_PART.test(service)) {
    return fail('IncompleteSignature', `Credential should be scoped to a valid service, not '${service}'.`);
  }
  if (terminator !== KEY_TYPE_IDENTIFIER) {
    return fail(
      'IncompleteSignature',
      `Credential should be scoped with a valid terminator: '${KEY_TYPE_IDENTIFIER}', not '${terminator}'.`,
    );
  }
  return remember(credentialMemo, credential, Object.freeze({ accessKeyId, date, region, service }));
}

/** `host;x-amz-date` -> names, lower-cased; an empty list is allowed here and refused by the verifier (no host). */
function parseSignedHeaders(list: string): string[] | SigV4Failure {
  if (list === '') return [];
  // A copy: the parsed signature's list is the caller's to keep.
  const known = signedHeadersMemo.get(list);
  if (known !== undefined) return known.slice();
  const names = list.split(';');
  // A Set only for long lists: for the usual handful of names a linear scan is several times cheaper.
  const seen = names.length > 16 ? new Set<string>() : undefined;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!.trim().toLowerCase();
    names[i] = name;
    if (!HEADER_NAME.test(name))
      return fail('IncompleteSignature', `SignedHeaders contains an invalid header name: '${name}'.`);
    const repeated = seen === undefined ? names.indexOf(name) < i : seen.has(name);
    if (repeated) return fail('IncompleteSignature', `SignedHeaders lists '${name}' more than once.`);
    seen?.add(name);
  }
  // Not frozen: slicing a frozen array takes V8 several times longer; the memo never hands out its own copy.
  remember(signedHeadersMemo, list, names.slice());
  return names;
}

function unsupportedScheme(scheme: string): SigV4Failure {
  if (scheme.startsWith('AWS4-') || scheme === 'AWS') {
    return fail(
      'InvalidSignatureAlgorithm',
      `Unsupported AWS 'algorithm': '${scheme}'. Only '${ALGORITHM_IDENTIFIER}' (Signature Version 4) is accepted.`,
    );
  }
  // Not an AWS scheme (Basic, Bearer...): answer like AWS, without echoing the credentials the header may carry.
  return fail(
    'IncompleteSignature',
    "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
      "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of " +
      `either a 'X-Amz-Date' or a 'Date' header. Authorization=${scheme}`,
  );
}
