/** Shared fixtures for the end-to-end suites: a real iamd on 127.0.0.1:0, SDK clients, raw signed requests. */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import { loadServerConfig, type RunningServer, startServer } from '../../src/server/index.ts';
import type { Clock } from '../../src/shared/index.ts';

/** Credentials as the SDKs take them. */
export type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** Options of a test server. */
export type TestServerOptions = {
  dev?: boolean;
  databaseUrl?: string;
  clock?: Clock;
  accountId?: string;
  trustProxy?: boolean | string[];
};

/** A running server plus helpers; `close()` stops it and removes its data directory. */
export type TestServer = {
  url: string;
  port: number;
  server: RunningServer;
  root: Credentials;
  iam(options?: { credentials?: Credentials; region?: string; systemClockOffset?: number }): IAMClient;
  sts(options?: { credentials?: Credentials; region?: string; systemClockOffset?: number }): STSClient;
  close(): Promise<void>;
};

/** Starts iamd with SQLite in a fresh temp directory (or PostgreSQL at `databaseUrl`), logging only errors. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'iamd-e2e-'));
  const config = {
    ...loadServerConfig({ port: 0, dataDir, logLevel: 'error', dev: options.dev ?? false }, {}),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.accountId ? { accountId: options.accountId } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
  };
  const server = await startServer(config, options.clock ? { clock: options.clock } : {});
  const root = server.rootCredentials;
  if (!root) throw new Error('a fresh test server must report its generated root credentials');
  const client = <C>(
    Client: new (c: object) => C,
    o: { credentials?: Credentials; region?: string; systemClockOffset?: number } = {},
  ): C =>
    new Client({
      endpoint: server.url,
      region: o.region ?? 'us-east-1',
      credentials: o.credentials ?? root,
      maxAttempts: 1,
      ...(o.systemClockOffset === undefined ? {} : { systemClockOffset: o.systemClockOffset }),
    });
  return {
    url: server.url,
    port: Number(new URL(server.url).port),
    server,
    root,
    iam: (o) => client(IAMClient, o),
    sts: (o) => client(STSClient, o),
    close: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** node:crypto behind the hash interface smithy's signer wants. */
class NodeSha256 {
  #hash: Hash | Hmac;
  readonly #secret: Uint8Array | string | undefined;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#secret = secret === undefined ? undefined : bytes(secret);
    this.#hash = this.#fresh();
  }
  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash('sha256') : createHmac('sha256', this.#secret);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {
    this.#hash = this.#fresh();
  }
}
function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** An HTTP answer as the tests look at it. */
export type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** Sends exactly these bytes and headers (no client-side validation), for bad-input tests. */
export function rawRequest(
  port: number,
  init: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Uint8Array },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: init.method ?? 'POST', path: init.path ?? '/', headers: init.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** Options of a signed raw request. */
export type SignedInit = {
  credentials: Credentials;
  service?: string;
  region?: string;
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  signingDate?: Date;
  /** Presign into the query string instead of the Authorization header. */
  presign?: boolean;
  /** Change the bytes after signing (tampering tests). */
  tamper?: (body: Buffer) => Buffer;
};

/** Signs a form body with the real SDK signer and sends it raw. */
export async function signedRequest(port: number, body: string | Buffer, init: SignedInit): Promise<RawResponse> {
  const signer = new SignatureV4({
    credentials: init.credentials,
    region: init.region ?? 'us-east-1',
    service: init.service ?? 'iam',
    sha256: NodeSha256,
  });
  const host = `127.0.0.1:${port}`;
  const request = {
    method: init.method ?? 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path: init.path ?? '/',
    query: init.query ?? {},
    headers: {
      host,
      ...(init.method === 'GET' ? {} : { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }),
      ...(init.headers ?? {}),
    },
    body,
  };
  const signingDate = init.signingDate ?? new Date();
  const signed = init.presign
    ? await signer.presign(request, { signingDate, expiresIn: 300 })
    : await signer.sign(request, { signingDate });
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(String(v))}`)
    .join('&');
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return rawRequest(port, {
    method: signed.method,
    path: query ? `${signed.path}?${query}` : signed.path,
    headers: signed.headers as Record<string, string>,
    body: init.tamper ? init.tamper(raw) : raw,
  });
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The `<Code>` of an ErrorResponse body, or undefined. */
export function errorCode(body: string): string | undefined {
  return /<ErrorResponse[^>]*>[\s\S]*<Code>([^<]*)<\/Code>/.exec(body)?.[1];
}

/** Resolves to the error an SDK call rejects with (fails the test when it succeeds). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (e) {
    const error = e as { name: string; message: string; Code?: string; $metadata?: { httpStatusCode?: number } };
    return { name: error.Code ?? error.name, message: error.message, status: error.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}
