import { percentDecodeToString } from './uri-encode.ts';

/**
 * A received HTTP request, as the verifier needs it. Framework-neutral: api/ builds it from fastify's raw request;
 * issue 7 builds it from a request another service received.
 */
export type IncomingRequest = {
  method: string;
  /** Raw path as received (still percent-encoded), without the query. */
  path: string;
  /** Raw query string without the leading `?` (still percent-encoded); '' when none. */
  query: string;
  /** Headers as node gives them: lower-case names; arrays for repeated headers. */
  headers: Record<string, string | string[] | undefined>;
  /** The body; absent means empty. */
  body?: Uint8Array | string;
  /** Hex SHA-256 of the body, when the caller already has it (then `body` is not hashed again). */
  payloadHash?: string;
};

/** One `name=value` piece of a raw query string, still encoded. */
export type RawQueryPair = { readonly key: string; readonly value: string };

/** Splits a raw query string into pairs without decoding; empty pieces (`a=1&&b=2`) are dropped. */
export function splitQuery(query: string): RawQueryPair[] {
  const pairs: RawQueryPair[] = [];
  if (query === '') return pairs;
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    pairs.push(eq < 0 ? { key: piece, value: '' } : { key: piece.slice(0, eq), value: piece.slice(eq + 1) });
  }
  return pairs;
}

/** The decoded values of every query parameter whose decoded name is `name` (case-sensitive, as AWS reads them). */
export function queryValues(pairs: readonly RawQueryPair[], name: string): string[] {
  const values: string[] = [];
  for (const p of pairs) {
    if (p.key === name || percentDecodeToString(p.key) === name) values.push(percentDecodeToString(p.value));
  }
  return values;
}

/**
 * One header's value; repeated headers are joined with ',' as SigV4 canonicalisation requires. `host` falls back to
 * HTTP/2's `:authority`.
 */
export function headerValue(headers: IncomingRequest['headers'], name: string): string | undefined {
  let v = headers[name];
  if (v === undefined && name === 'host') v = headers[':authority'];
  if (typeof v === 'string') return v;
  // Arrays only: node's header object inherits Object.prototype, so a signed header named `constructor` finds a
  // function here, which is no header at all.
  return Array.isArray(v) ? v.join(',') : undefined;
}
