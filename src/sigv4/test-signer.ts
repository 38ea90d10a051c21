import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IncomingRequest } from './incoming-request.ts';

/** node:crypto behind the hash interface smithy's signer wants. */
class NodeSha256 {
  #hash: Hash | Hmac;
  #secret: string | Uint8Array | undefined;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#secret = secret === undefined ? undefined : toBytes(secret);
    this.#hash = this.#fresh();
  }
  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash('sha256') : createHmac('sha256', this.#secret);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {
    this.#hash = this.#fresh();
  }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** What to sign with the real SDK signer (tests and benchmarks only). */
export type TestSignInput = {
  method?: string;
  host?: string;
  /** The path as it will be sent (already percent-encoded, as the SDKs build it). */
  path?: string;
  /** Decoded query parameters. */
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  region?: string;
  service?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  signingDate?: Date;
  uriEscapePath?: boolean;
  applyChecksum?: boolean;
  /** Presign instead of signing the headers; the value is X-Amz-Expires. */
  presignExpiresIn?: number;
};

/** Test credentials (AWS's documentation example key pair shape). */
export const TEST_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const TEST_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

// The SDK's query builder: RFC 3986 escaping of decoded keys and values, repeated keys repeated.
function sdkEscape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Builds the raw query string the SDK's HTTP handler would send. */
export function buildQuery(query: Record<string, string | string[] | null>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === null) parts.push(sdkEscape(k));
    else for (const one of Array.isArray(v) ? v : [v]) parts.push(`${sdkEscape(k)}=${sdkEscape(one)}`);
  }
  return parts.join('&');
}

/** Signs (or presigns) a request with @smithy/signature-v4 and returns it as the server would receive it. */
export async function signWithSdk(input: TestSignInput): Promise<IncomingRequest> {
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: input.accessKeyId ?? TEST_ACCESS_KEY_ID,
      secretAccessKey: input.secretAccessKey ?? TEST_SECRET_ACCESS_KEY,
      ...(input.sessionToken === undefined ? {} : { sessionToken: input.sessionToken }),
    },
    region: input.region ?? 'us-east-1',
    service: input.service ?? 'iam',
    sha256: NodeSha256,
    uriEscapePath: input.uriEscapePath ?? true,
    applyChecksum: input.applyChecksum ?? false,
  });
  const host = input.host ?? 'localhost:4566';
  const request = {
    method: input.method ?? 'POST',
    protocol: 'http:',
    hostname: host.split(':')[0]!,
    path: input.path ?? '/',
    query: input.query ?? {},
    headers: { host, ...(input.headers ?? {}) },
    ...(input.body === undefined ? {} : { body: input.body }),
  };
  const signingDate = input.signingDate ?? new Date('2026-11-22T12:00:00Z');
  const signed =
    input.presignExpiresIn === undefined
      ? await signer.sign(request, { signingDate })
      : await signer.presign(request, { signingDate, expiresIn: input.presignExpiresIn });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) headers[k.toLowerCase()] = v;
  return {
    method: signed.method,
    path: signed.path,
    query: buildQuery(signed.query as Record<string, string | string[] | null>),
    headers,
    ...(input.body === undefined ? {} : { body: input.body }),
  };
}
